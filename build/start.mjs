// npm start: open the desktop app. Electron downloads its binary on first use; where it is not
// installed and cannot be fetched (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no network), say so in
// one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);

/** The installed binary, without triggering electron's download-on-require. */
function installedBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

function binaryOrDownload() {
  const found = installedBinary();
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return found;
  const installer = path.join(electronDir, 'install.js');
  if (!fs.existsSync(installer)) return null;
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 300_000 });
  return installedBinary();
}

const binary = binaryOrDownload();
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log("The Electron binary is not installed here, so Arm's Length starts in browser mode instead."),
    spawn(process.execPath, [path.join(root, 'out/main/cli.js'), 'serve', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
