// Starts browser mode (the built CLI's `serve`) on a fresh ledger folder, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningApp { openUrl: string; baseUrl: string; dir: string; stop(): Promise<void> }

const root = path.resolve(__dirname, '../..');

export async function startApp(): Promise<RunningApp> {
  const cli = path.join(root, 'out/main/cli.js');
  if (!fs.existsSync(cli)) throw new Error('Build first: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-e2e-'));
  const proc: ChildProcess = spawn(process.execPath, [cli, 'serve', '--db', path.join(dir, 'Sample - Musk group.armslength')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Open: (\S+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
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
