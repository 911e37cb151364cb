// Starts browser mode (the built CLI's `serve`) on a ledger file and resolves with the URL it
// prints (token included). The e2e tests and the UI benchmark both start the app this way.
import { spawn, type ChildProcess } from 'node:child_process';

export async function startBrowserMode(cli: string, ledgerFile: string, timeoutMs: number): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [cli, 'serve', '--db', ledgerFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Open: (\S+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`browser mode exited with ${code}:\n${output}`)); });
  });
  return { url, proc };
}
