// Vite (the electron-vite build and vitest) turns `import text from './file.csv?raw'` into the file's
// text as a string, so the data is bundled into out/main instead of being looked up on disk.
declare module '*.csv?raw' {
  const text: string;
  export default text;
}
