import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  isTrustedAppUrl,
  isTrustedSender,
  resolveAppUrl,
  resolveStaticPath,
} from '../../electron/core/security/policy';
import {
  allowedHosts,
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  tokenMatches,
} from '../../electron/core/security/bridgeAuth';

const DEV = 'http://localhost:5173';
const ROOT = path.resolve(os.tmpdir(), 'armslength-renderer-root');

/** True when file is root itself or lies below it. */
function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

describe('isTrustedAppUrl', () => {
  it('accepts pages and assets of our own app:// origin', () => {
    expect(APP_ORIGIN).toBe('app://armslength');
    expect(isTrustedAppUrl('app://armslength/index.html')).toBe(true);
    expect(isTrustedAppUrl('app://armslength/assets/x.js')).toBe(true);
    expect(isTrustedAppUrl('app://armslength/')).toBe(true);
  });

  it.each([
    'app://other/',
    'app://other/index.html',
    'app://armslength.evil.com/index.html',
    'app://armslength@evil.com/',
    'app://armslength:x@evil.com/',
    'app://evil.com@armslength/',
    'app://user:pass@armslength/index.html',
    'https://armslength/index.html',
    'http://example.com/',
    'https://example.com/index.html',
    'file:///etc/passwd',
    'file:///C:/app/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://armslength/1234',
    'about:blank',
    'not a url',
    '',
    '//armslength/index.html',
    '/index.html',
  ])('refuses %j', (url) => {
    expect(isTrustedAppUrl(url)).toBe(false);
    expect(isTrustedAppUrl(url, DEV)).toBe(false);
  });

  it('accepts the dev server only when one is configured, and only its exact origin', () => {
    expect(isTrustedAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/src/main.tsx?t=1', DEV)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://evil.com:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173@evil.com/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false); // different origin from the configured one
    // the app origin stays trusted in dev
    expect(isTrustedAppUrl('app://armslength/index.html', DEV)).toBe(true);
  });

  it('refuses the dev server when none is configured', () => {
    expect(isTrustedAppUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isTrustedAppUrl('http://localhost/')).toBe(false);
  });

  it('does not trust a non-loopback dev server even when configured', () => {
    expect(isTrustedAppUrl('http://evil.com:5173/', 'http://evil.com:5173')).toBe(false);
    expect(isTrustedAppUrl('http://127.0.0.1:5173/', 'http://127.0.0.1:5173')).toBe(true);
  });
});

describe('isTrustedSender', () => {
  it('refuses a missing sender', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender(null, DEV)).toBe(false);
  });

  it('refuses a subframe even when it shows a trusted URL', () => {
    expect(isTrustedSender({ url: 'app://armslength/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: false }, DEV)).toBe(false);
  });

  it('refuses the main frame when it shows an untrusted URL', () => {
    expect(isTrustedSender({ url: 'https://evil.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
  });

  it('accepts the main frame showing our app', () => {
    expect(isTrustedSender({ url: 'app://armslength/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, DEV)).toBe(true);
  });
});

describe('resolveStaticPath', () => {
  it('serves index.html for the root', () => {
    expect(resolveStaticPath(ROOT, '/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '///')).toBe(path.join(ROOT, 'index.html'));
  });

  it('maps asset paths to files under root', () => {
    expect(resolveStaticPath(ROOT, '/assets/a.js')).toBe(path.join(ROOT, 'assets', 'a.js'));
    expect(resolveStaticPath(ROOT, '/index.html')).toBe(path.join(ROOT, 'index.html'));
    // a harmless ".." that stays inside root is normalised, not refused
    expect(resolveStaticPath(ROOT, '/assets/../index.html')).toBe(path.join(ROOT, 'index.html'));
    // percent escapes are decoded
    expect(resolveStaticPath(ROOT, '/assets/my%20file.css')).toBe(path.join(ROOT, 'assets', 'my file.css'));
  });

  it('ignores query strings and fragments', () => {
    expect(resolveStaticPath(ROOT, '/assets/a.js?v=123')).toBe(path.join(ROOT, 'assets', 'a.js'));
    expect(resolveStaticPath(ROOT, '/?token=abc')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveStaticPath(ROOT, '/assets/a.js#frag')).toBe(path.join(ROOT, 'assets', 'a.js'));
    expect(resolveStaticPath(ROOT, '/assets/a.js?x=/../../etc/passwd')).toBe(path.join(ROOT, 'assets', 'a.js'));
  });

  it.each([
    '/../etc/passwd',
    '/..',
    '/../',
    '/%2e%2e/secret',
    '/%2E%2E/secret',
    '/%2e%2e%2fsecret',
    '/assets/../../x',
    '/assets/%2e%2e/%2e%2e/x',
    '/..%2f..%2fetc%2fpasswd',
    '/%5c..%5csecret',
    '/assets%5c..%5c..%5csecret',
    '/a\\b',
    '/index.html%00.js',
    '/%00',
    '/%E0%A4%A',
    '/%',
    '/%zz',
  ])('refuses %j', (p) => {
    expect(resolveStaticPath(ROOT, p)).toBeNull();
  });

  it('refuses a sibling directory whose name starts with the root name', () => {
    // ROOT + "-evil" shares a string prefix with ROOT but is outside it
    const sibling = `/../${path.basename(ROOT)}-evil/secret.txt`;
    expect(resolveStaticPath(ROOT, sibling)).toBeNull();
  });

  it('never returns a path outside root for any of a batch of tricky inputs', () => {
    const inputs = [
      '/', '/a', '/a/b/../c', '/./a', '/.%2e/a', '/%2e/a', '/....//a', '/.../a', '/a/%2e%2e', '/a/%2e%2e/%2e%2e',
      '//etc/passwd', '/\u2025/x', '/%c0%ae%c0%ae/x', '/%252e%252e/x',
    ];
    for (const p of inputs) {
      const r = resolveStaticPath(ROOT, p);
      if (r !== null) expect(isInside(ROOT, r), `${p} -> ${r}`).toBe(true);
    }
    // "//etc/passwd" is a path under root, not an absolute path
    expect(resolveStaticPath(ROOT, '//etc/passwd')).toBe(path.join(ROOT, 'etc', 'passwd'));
  });
});

describe('resolveAppUrl', () => {
  it('maps app://armslength URLs under root', () => {
    expect(resolveAppUrl('app://armslength/index.html', ROOT)).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppUrl('app://armslength/', ROOT)).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppUrl('app://armslength/assets/x.js?v=1', ROOT)).toBe(path.join(ROOT, 'assets', 'x.js'));
  });

  it.each([
    'app://armslength/../../etc/passwd',
    'app://armslength/%2e%2e/%2e%2e/etc/passwd',
    'app://armslength/..%2f..%2fetc%2fpasswd',
    'app://armslength/%5c..%5c..%5csecret',
    'app://armslength/assets/../../../x',
  ])('never escapes root for %j', (url) => {
    const r = resolveAppUrl(url, ROOT);
    if (r !== null) expect(isInside(ROOT, r), `${url} -> ${r}`).toBe(true);
  });

  it('refuses encoded traversal that URL parsing leaves alone', () => {
    expect(resolveAppUrl('app://armslength/..%2f..%2fetc%2fpasswd', ROOT)).toBeNull();
    expect(resolveAppUrl('app://armslength/%5c..%5csecret', ROOT)).toBeNull();
  });

  it.each([
    'app://other/index.html',
    'app://armslength.evil.com/index.html',
    'app://armslength:8080/index.html',
    'https://armslength/index.html',
    'http://127.0.0.1/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'garbage',
    '',
  ])('refuses other schemes and hosts: %j', (url) => {
    expect(resolveAppUrl(url, ROOT)).toBeNull();
  });
});

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(
    csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('allows only our own scripts, no eval, no plugins, no framing', () => {
    expect(csp).toContain("script-src 'self'");
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('never lists a wildcard or remote source by default', () => {
    for (const [name, values] of directives) {
      for (const v of values) {
        expect(v, `${name} ${v}`).not.toBe('*');
        expect(v, `${name} ${v}`).not.toMatch(/^https?:/);
      }
    }
  });

  it('adds extra connect-src entries only to connect-src', () => {
    const extra = contentSecurityPolicy(['http://127.0.0.1:1234', 'ws://127.0.0.1:1234']);
    expect(extra).toContain("connect-src 'self' http://127.0.0.1:1234 ws://127.0.0.1:1234");
    expect(extra).toContain("script-src 'self';");
  });
});

describe('bridgeAuth', () => {
  const PORT = 43117;

  it('isAllowedHost accepts only our loopback names on our port', () => {
    expect(allowedHosts(PORT)).toEqual([`127.0.0.1:${PORT}`, `localhost:${PORT}`]);
    expect(isAllowedHost(`127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isAllowedHost(`localhost:${PORT}`, PORT)).toBe(true);
    expect(isAllowedHost(`LOCALHOST:${PORT}`, PORT)).toBe(true);
    expect(isAllowedHost(`LocalHost:${PORT}`, PORT)).toBe(true);
  });

  it.each([
    [`127.0.0.1:${PORT + 1}`],
    [`localhost:${PORT + 1}`],
    ['127.0.0.1'],
    ['localhost'],
    [`evil.com:${PORT}`],
    [`localhost.evil.com:${PORT}`],
    [`127.0.0.1.nip.io:${PORT}`],
    [`0.0.0.0:${PORT}`],
    [`[::1]:${PORT}`],
    [` 127.0.0.1:${PORT}`],
    [''],
    [undefined],
  ])('isAllowedHost refuses %j', (host) => {
    expect(isAllowedHost(host, PORT)).toBe(false);
  });

  it('isAllowedOrigin: missing is fine, ours is fine, anything else is not', () => {
    expect(isAllowedOrigin(undefined, PORT)).toBe(true);
    expect(isAllowedOrigin(`http://127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isAllowedOrigin(`http://localhost:${PORT}`, PORT)).toBe(true);
    expect(isAllowedOrigin(`https://127.0.0.1:${PORT}`, PORT)).toBe(false);
    expect(isAllowedOrigin(`http://127.0.0.1:${PORT + 1}`, PORT)).toBe(false);
    expect(isAllowedOrigin('http://evil.com', PORT)).toBe(false);
    expect(isAllowedOrigin(`http://evil.com:${PORT}`, PORT)).toBe(false);
    expect(isAllowedOrigin('null', PORT)).toBe(false);
    expect(isAllowedOrigin('', PORT)).toBe(false);
    expect(isAllowedOrigin(`http://127.0.0.1:${PORT}.evil.com`, PORT)).toBe(false);
    expect(isAllowedOrigin(`http://127.0.0.1:${PORT}/`, PORT)).toBe(false);
  });

  it('tokenMatches compares exactly', () => {
    const t = 'abcdefghijklmnop';
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches('abcdefghijklmnoq', t)).toBe(false); // same length, last char differs
    expect(tokenMatches('Abcdefghijklmnop', t)).toBe(false); // case matters
    expect(tokenMatches('abcdefghijklmno', t)).toBe(false); // shorter
    expect(tokenMatches(t + 'x', t)).toBe(false); // longer
    expect(tokenMatches('', t)).toBe(false);
    expect(tokenMatches(null, t)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
  });

  it('tokenMatches compares bytes, not UTF-16 units', () => {
    // 'é' is one UTF-16 unit but two UTF-8 bytes: a length check on the string would throw in timingSafeEqual
    expect(tokenMatches('é', 'ab')).toBe(false);
    expect(tokenMatches('ab', 'é')).toBe(false);
    expect(tokenMatches('é', 'é')).toBe(true);
  });

  it('bearerToken extracts the token from an Authorization header', () => {
    expect(bearerToken('Bearer abc123')).toBe('abc123');
    expect(bearerToken('bearer abc123')).toBe('abc123');
    expect(bearerToken('BEARER   abc-123_x')).toBe('abc-123_x');
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken('Basic abc123')).toBeNull();
    expect(bearerToken('abc123')).toBeNull();
    expect(bearerToken('')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
