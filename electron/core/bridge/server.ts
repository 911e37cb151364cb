// Browser mode: the renderer's API over HTTP on 127.0.0.1, for development, tests and machines
// without the Electron binary. Every API request needs this run's token; Host and Origin must
// name our loopback address. The built renderer is served from the same origin.
import http from 'node:http';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatch, type Handlers } from '../dispatch';
import { events, type EventName, type EventPayload } from '../../../shared/contract';
import { contentSecurityPolicy, mimeTypeFor, resolveStaticPath } from '../security/policy';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from '../security/bridgeAuth';

export interface BridgeOptions {
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  maxBodyBytes?: number;
}

export interface Bridge {
  url: string;
  /** URL with the token in the fragment: the fragment never reaches a server or a log. */
  openUrl: string;
  token: string;
  port: number;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...securityHeaders });
  res.end(body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBridge(getHandlers: () => Handlers, options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 512 * 1024 * 1024;
  const listeners = new Set<http.ServerResponse>();
  let port = 0;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return send(res, 400, 'Bad request path');
    }
    if (!isAllowedHost(req.headers.host, port)) return send(res, 421, 'Misdirected request: wrong Host');
    if (!isAllowedOrigin(req.headers.origin, port)) return send(res, 403, 'Forbidden origin');

    if (url.pathname.startsWith('/api/')) {
      const given = bearerToken(req.headers.authorization) ?? (url.pathname === '/api/events' ? url.searchParams.get('token') : null);
      if (!tokenMatches(given, token)) return send(res, 401, 'Missing or wrong token');
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', ...securityHeaders });
        res.write(': connected\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      const m = /^\/api\/invoke\/([a-zA-Z:]+)$/.exec(url.pathname);
      if (!m || req.method !== 'POST') return send(res, 404, 'No such API endpoint');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Expected application/json');
      let input: unknown;
      try {
        input = JSON.parse(await readBody(req, maxBody));
      } catch (err) {
        return send(res, 400, `Bad request body: ${(err as Error).message}`);
      }
      const reply = await dispatch(getHandlers(), m[1], input);
      return send(res, 200, JSON.stringify(reply), 'application/json');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const file = resolveStaticPath(options.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'Not found');
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
    if (!target) return send(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': mimeTypeFor(target),
      'Content-Security-Policy': contentSecurityPolicy(),
      'Cache-Control': 'no-cache',
      ...securityHeaders,
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(target).on('error', () => res.destroy()).pipe(res);
  };

  // One bad request must never take the server down: answer 500 if nothing was sent yet.
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[armslength] bridge request failed:', err);
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}/`;
  return {
    url: base,
    openUrl: `${base}#token=${token}`,
    token,
    port,
    emit(event, payload) {
      const data = `event: ${event}\ndata: ${JSON.stringify(events[event].parse(payload))}\n\n`;
      for (const l of listeners) l.write(data);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const l of listeners) l.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
