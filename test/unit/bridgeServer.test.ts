// The browser-mode bridge, started for real on 127.0.0.1 with the real handlers over a real
// sample ledger in a temp dir. fetch cannot set Host, so Host/Origin/raw-path cases use node:http.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/core/bridge/server';
import { LedgerSession } from '../../electron/core/session';
import { createHandlers } from '../../electron/core/handlers';
import type { Handlers } from '../../electron/core/dispatch';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';
const MARKER = 'ARMSLENGTH-INDEX-MARKER-7f3a';
const SECRET = 'TOP-SECRET-OUTSIDE-RENDERER-91c2';

let baseDir: string;
let rendererDir: string;
let session: LedgerSession;
let handlers: Handlers;
let bridge: Bridge;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly the path and headers given (no normalisation by a client library). */
function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: string; port?: number }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const port = options.port ?? bridge.port;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${options.path}`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** POST a channel call the way the renderer does. */
function invokeRaw(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw({
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(input),
  });
}

async function invoke(channel: string, input: unknown): Promise<any> {
  const res = await fetch(`${bridge.url}api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return res.json();
}

beforeAll(async () => {
  baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-bridge-'));
  rendererDir = path.join(baseDir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), `<!doctype html><title>${MARKER}</title>`);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  fs.writeFileSync(path.join(baseDir, 'secret.txt'), SECRET);
  session = new LedgerSession(path.join(baseDir, 'ledgers'));
  handlers = createHandlers(session, {
    appVersion: 'test',
    printPdf: async () => Buffer.from('%PDF-1.4 test'),
    emit: (e, p) => bridge.emit(e, p),
  });
  bridge = await startBridge(() => handlers, { rendererDir, token: TOKEN });
});

afterAll(async () => {
  await bridge?.close();
  session?.close();
  if (baseDir) fs.rmSync(baseDir, { recursive: true, force: true });
});

describe('listening', () => {
  it('listens on 127.0.0.1 only, on the port it reports', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.token).toBe(TOKEN);
    expect(bridge.openUrl).toBe(`${bridge.url}#token=${TOKEN}`);
  });

  it('makes up a long random token when none is given', async () => {
    const other = await startBridge(() => handlers, { rendererDir });
    try {
      expect(other.token).not.toBe(TOKEN);
      expect(other.token.length).toBeGreaterThanOrEqual(32);
      expect(other.openUrl).toContain(`#token=${other.token}`);
      const res = await fetch(`${other.url}api/invoke/ledger:info`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: '{}',
      });
      expect(res.status).toBe(401); // the other bridge's token does not open this one
    } finally {
      await other.close();
    }
  });
});

describe('static files', () => {
  it('serves index.html at / with a Content-Security-Policy', async () => {
    const res = await fetch(bridge.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(MARKER);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves assets with their MIME type and 404s for missing files', async () => {
    const js = await fetch(`${bridge.url}assets/app.js?v=1`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log("app");');
    const missing = await fetch(`${bridge.url}assets/nope.js`);
    expect(missing.status).toBe(404);
    const dir = await fetch(`${bridge.url}assets`);
    expect(dir.status).toBe(404);
  });

  it('HEAD returns headers without a body', async () => {
    const res = await raw({ method: 'HEAD', path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBeTruthy();
    expect(res.body).toBe('');
  });

  it('refuses other methods on static paths', async () => {
    const res = await raw({ method: 'PUT', path: '/index.html', body: 'x' });
    expect(res.status).toBe(405);
    expect(fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8')).toContain(MARKER);
  });

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/secret.txt',
    '/index.html%00/../../secret.txt',
    '/%E0%A4%A',
  ])('never serves the file outside rendererDir for raw path %j', async (p) => {
    const res = await raw({ path: p });
    expect(res.body).not.toContain(SECRET);
    expect(res.status).toBe(404);
  });

  // A request-target the URL parser rejects once crashed `armslength serve` before any check ran.
  it('answers 400 (and keeps serving) for request paths that are not valid URLs', async () => {
    for (const p of ['//a:99999/', '//[', '/\\', '//%']) {
      const res = await raw({ path: p });
      expect(res.status, p).toBe(400);
    }
    const after = await fetch(bridge.url);
    expect(after.status).toBe(200);
  });
});

describe('API authentication', () => {
  it('refuses a call without a token', async () => {
    const res = await fetch(`${bridge.url}api/invoke/ledger:info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('Musk');
  });

  it.each([
    ['wrong token of the same length', `Bearer ${TOKEN.slice(0, -1)}x`],
    ['shorter token', `Bearer ${TOKEN.slice(0, 10)}`],
    ['longer token', `Bearer ${TOKEN}x`],
    ['token without Bearer', TOKEN],
    ['Basic scheme', `Basic ${TOKEN}`],
    ['empty Bearer', 'Bearer '],
  ])('refuses a call with %s', async (_label, authorization) => {
    const res = await invokeRaw('ledger:info', {}, { Authorization: authorization });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('Musk');
  });

  it('does not accept the token in the query string for invoke calls', async () => {
    const res = await raw({
      method: 'POST',
      path: `/api/invoke/ledger:info?token=${TOKEN}`,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('answers a call with the right token', async () => {
    const reply = await invoke('ledger:info', {});
    expect(reply.ok).toBe(true);
    expect(reply.value.name).toBe('Sample - Musk group');
    expect(reply.value.isSample).toBe(true);
    expect(reply.value.counts.transfers).toBe(16);
    expect(reply.value.counts.entities).toBeGreaterThan(0);
    expect(reply.value.path).toBe(session.file);
  });

  it('refuses a wrong Host header even with the right token (DNS rebinding)', async () => {
    for (const host of [`evil.com:${bridge.port}`, `127.0.0.1:${bridge.port + 1}`, 'localhost', `localhost.evil.com:${bridge.port}`]) {
      const res = await invokeRaw('ledger:info', {}, { Host: host });
      expect(res.status, host).toBe(421);
      expect(res.body).not.toContain('Musk');
    }
    // static files too
    const page = await raw({ path: '/', headers: { Host: `evil.com:${bridge.port}` } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(MARKER);
  });

  it('accepts localhost as Host, in any case', async () => {
    const res = await invokeRaw('ledger:info', {}, { Host: `LocalHost:${bridge.port}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).ok).toBe(true);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    for (const origin of ['http://evil.com', `http://evil.com:${bridge.port}`, `https://127.0.0.1:${bridge.port}`, 'null']) {
      const res = await invokeRaw('ledger:info', {}, { Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(res.body).not.toContain('Musk');
    }
  });

  it('accepts our own Origin', async () => {
    for (const origin of [`http://127.0.0.1:${bridge.port}`, `http://localhost:${bridge.port}`]) {
      const res = await invokeRaw('ledger:info', {}, { Origin: origin });
      expect(res.status, origin).toBe(200);
      expect(JSON.parse(res.body).value.name).toBe('Sample - Musk group');
    }
  });
});

describe('API requests', () => {
  it('reports invalid input with the field named', async () => {
    const reply = await invoke('transfer:get', { id: 'x' });
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.details.join('\n')).toMatch(/\bid\b/);
  });

  it('reports an unknown channel as invalid_input', async () => {
    const reply = await invoke('nope:nope', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(reply.error.message).toContain('nope:nope');
  });

  it('404s for paths that cannot name a channel, and for GET on invoke', async () => {
    const bad = await invokeRaw('ledger-info', {});
    expect(bad.status).toBe(404);
    const nested = await invokeRaw('ledger:info/extra', {});
    expect(nested.status).toBe(404);
    const get = await raw({ path: '/api/invoke/ledger:info', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(404);
  });

  it('refuses a body that is not declared as JSON with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await invokeRaw('ledger:info', {}, { 'Content-Type': type });
      expect(res.status, type).toBe(415);
    }
    const none = await raw({ method: 'POST', path: '/api/invoke/ledger:info', headers: { Authorization: `Bearer ${TOKEN}` }, body: '{}' });
    expect(none.status).toBe(415);
  });

  it('refuses a malformed JSON body with 400', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/invoke/ledger:info',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: '{not json',
    });
    expect(res.status).toBe(400);
  });

  it('pages transfers with a search', async () => {
    const reply = await invoke('transfers:page', { search: 'H100' });
    expect(reply.ok).toBe(true);
    const rows = reply.value.rows as Array<{ resource: string; id: number }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(reply.value.total).toBe(rows.length);
    for (const r of rows) expect(r.resource).toContain('H100');

    const all = await invoke('transfers:page', {});
    expect(all.value.total).toBe(16);
    expect(all.value.rows.length).toBe(16);
    expect(reply.value.total).toBeLessThan(all.value.total);
  });

  it('gets a transfer by id and reports a missing one', async () => {
    const page = await invoke('transfers:page', { limit: 1 });
    const id = page.value.rows[0].id as number;
    const detail = await invoke('transfer:get', { id });
    expect(detail.ok).toBe(true);
    expect(detail.value.transfer.id).toBe(id);
    const missing = await invoke('transfer:get', { id: 999_999 });
    expect(missing.ok).toBe(false);
    expect(missing.error.code).not.toBe('internal');
  });

  it('refuses a ledger name that would leave the ledgers folder', async () => {
    const reply = await invoke('ledger:create', { name: '../escape' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fs.existsSync(path.join(baseDir, 'escape.armslength'))).toBe(false);
  });

  it('returns the PDF from the platform printer as base64', async () => {
    const reply = await invoke('report:pdf', { title: 'Test audit' });
    expect(reply.ok).toBe(true);
    expect(Buffer.from(reply.value.pdfBase64, 'base64').toString('latin1')).toBe('%PDF-1.4 test');
    expect(reply.value.fileName).toMatch(/^Sample - Musk group audit \d{4}-\d{2}-\d{2}\.pdf$/);
  });
});

describe('events', () => {
  /** Open the event stream and collect its text until `until` appears (or time runs out). */
  function openEvents(pathAndQuery: string, headers: Record<string, string> = {}) {
    let text = '';
    const waiters: Array<{ needle: string; resolve: (t: string) => void }> = [];
    let response!: http.IncomingMessage;
    const req = http.get({ host: '127.0.0.1', port: bridge.port, path: pathAndQuery, headers, agent: false });
    const opened = new Promise<http.IncomingMessage>((resolve, reject) => {
      req.on('response', (res) => {
        response = res;
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
          for (const w of [...waiters]) {
            if (text.includes(w.needle)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(text);
            }
          }
        });
        resolve(res);
      });
      req.on('error', reject);
    });
    return {
      opened,
      get status() { return response?.statusCode; },
      waitFor(needle: string, ms = 10_000): Promise<string> {
        if (text.includes(needle)) return Promise.resolve(text);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${JSON.stringify(needle)} in ${ms} ms; got ${JSON.stringify(text)}`)), ms);
          waiters.push({ needle, resolve: (t) => { clearTimeout(timer); resolve(t); } });
        });
      },
      close() { req.destroy(); },
    };
  }

  it('refuses the event stream without the token, or with a wrong one', async () => {
    const none = await raw({ path: '/api/events' });
    expect(none.status).toBe(401);
    const wrong = await raw({ path: `/api/events?token=${TOKEN.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const wrongHost = await raw({ path: `/api/events?token=${TOKEN}`, headers: { Host: `evil.com:${bridge.port}` } });
    expect(wrongHost.status).toBe(421);
  });

  it('pushes ledger:changed after flags:run', async () => {
    const stream = openEvents(`/api/events?token=${encodeURIComponent(TOKEN)}`);
    try {
      const res = await stream.opened;
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream');
      await stream.waitFor(': connected'); // the server has registered the listener

      const reply = await invoke('flags:run', {});
      expect(reply.ok).toBe(true);
      const info = await invoke('ledger:info', {});
      expect(reply.value.total).toBeGreaterThan(0);
      expect(reply.value.total).toBe(info.value.counts.flags);

      const text = await stream.waitFor('event: ledger:changed');
      const m = /event: ledger:changed\ndata: (.*)\n\n/.exec(text);
      expect(m).not.toBeNull();
      expect(JSON.parse(m![1]!)).toEqual({ reason: 'flags' });
    } finally {
      stream.close();
    }
  });

  it('also accepts the token as a Bearer header, and sends nothing before a change', async () => {
    const stream = openEvents('/api/events', { Authorization: `Bearer ${TOKEN}` });
    try {
      expect((await stream.opened).statusCode).toBe(200);
      const before = await stream.waitFor(': connected');
      expect(before).not.toContain('event:');
      await invoke('ledger:openSample', {});
      const text = await stream.waitFor('event: ledger:changed');
      expect(text).toContain('data: {"reason":"opened"}');
    } finally {
      stream.close();
    }
  });

  it('close() ends open event streams', async () => {
    const other = await startBridge(() => handlers, { rendererDir, token: TOKEN });
    const ended = new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: other.port, path: `/api/events?token=${TOKEN}`, agent: false }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => void other.close());
        res.on('end', () => resolve());
        res.resume();
      });
      req.on('error', reject);
    });
    await ended;
    await expect(raw({ path: '/', port: other.port })).rejects.toThrow();
  });
});
