// One build for the three parts: main (plus the CLI and the benchmarks, which share core),
// preload (CommonJS, as a sandboxed preload requires) and the React renderer.
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = resolve(__dirname, '..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
const define = { __APP_VERSION__: JSON.stringify(version) };

export default defineConfig({
  main: {
    root,
    define,
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          cli: resolve(root, 'electron/cli.ts'),
          bench: resolve(root, 'bench/run.ts'),
          // The read worker (electron/core/readWorker): found beside the main bundle at run time.
          readWorker: resolve(root, 'electron/core/readWorker/worker.ts'),
        },
      },
    },
  },
  preload: {
    root,
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    define,
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
      // electron-vite leaves the renderer unminified (React 19 ships its production build
      // unminified too): 1.2 MB of script to parse before the first rows; minified, under half.
      minify: true,
    },
  },
});
