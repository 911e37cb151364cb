// The app version, stamped into every report. The build defines __APP_VERSION__ from package.json;
// tests run from source and read it from there.
declare const __APP_VERSION__: string | undefined;

export const appVersion: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : process.env.npm_package_version ?? '0.0.0-dev';
