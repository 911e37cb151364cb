// Starts browser mode (the built CLI's `serve`) on a fresh ledger folder, as a user would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode } from '../../bench/browserMode';

export interface RunningApp { openUrl: string; baseUrl: string; dir: string; stop(): Promise<void> }

const root = path.resolve(__dirname, '../..');

export async function startApp(): Promise<RunningApp> {
  const cli = path.join(root, 'out/main/cli.js');
  if (!fs.existsSync(cli)) throw new Error('Build first: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-e2e-'));
  const { url: openUrl, proc } = await startBrowserMode(cli, path.join(dir, 'Sample - Musk group.armslength'), 20_000);
  return {
    openUrl,
    baseUrl: openUrl.split('#')[0]!,
    dir,
    stop: () => new Promise<void>((resolve) => {
      proc.removeAllListeners('exit');
      proc.once('exit', () => { fs.rmSync(dir, { recursive: true, force: true }); resolve(); });
      proc.kill('SIGTERM');
    }),
  };
}
