// End-to-end tests in Debian's Chromium against browser mode (the built app served by the CLI).
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

const root = resolve(__dirname, '..');
export const e2ePort = 43117;
export const e2eToken = 'e2e-token-not-secret';

export default defineConfig({
  testDir: resolve(root, 'test/e2e'),
  outputDir: resolve(root, 'test-results/e2e'),
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${e2ePort}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
});
