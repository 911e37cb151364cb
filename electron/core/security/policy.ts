// The shell's security decisions as pure functions, so tests can call them directly.
// Nothing here imports 'electron'.
import path from 'node:path';

export const APP_ORIGIN = 'app://armslength';

/** May the window show (or navigate to) this URL? Only our own app:// origin, or the dev server when one is set. */
export function isTrustedAppUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'app:' && u.host === 'armslength' && !u.username && !u.password) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return u.origin === dev.origin && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');
  }
  return false;
}

/** An IPC call is answered only when it comes from the main frame showing a trusted URL. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean } | null | undefined, devServerUrl?: string): boolean {
  return !!sender && sender.isMainFrame && isTrustedAppUrl(sender.url, devServerUrl);
}

/**
 * Map a request path to a file under root, or null when it would leave root. Decodes percent
 * escapes first (so %2e%2e is caught), refuses NUL bytes and backslashes, serves index.html for "/".
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split(/[?#]/)[0] ?? '');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const rootResolved = path.resolve(root);
  const full = path.resolve(rootResolved, relative);
  if (full !== rootResolved && !full.startsWith(rootResolved + path.sep)) return null;
  return full;
}

/** Resolve an app://armslength/... URL to a file under root, or null for anything else. */
export function resolveAppUrl(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'app:' || u.host !== 'armslength') return null;
  return resolveStaticPath(root, u.pathname);
}

/** The page's Content Security Policy: only our own scripts and styles, no eval, no remote loads. */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // React style attributes
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connectSrc.length ? ' ' + connectSrc.join(' ') : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json',
};

export function mimeTypeFor(file: string): string {
  return mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
