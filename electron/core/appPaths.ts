// Where ledgers live when no --db is given. Matches Electron's userData folder for the app, so
// the desktop app and browser mode see the same ledgers.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = "Arm's Length";

export function userDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (env.ARMSLENGTH_HOME) return env.ARMSLENGTH_HOME;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export function ledgersDirIn(userData: string): string {
  return path.join(userData, 'ledgers');
}
