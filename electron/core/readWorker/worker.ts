// Entry of the read worker (built to out/main/readWorker.js): runs named reads on its own
// connection, one at a time, so the main thread stays free for the UI and other calls.
import { parentPort } from 'node:worker_threads';
import type { Db } from '../db/open';
import { toErrorShape } from '../errors';
import { openReadOnly } from './openReadOnly';
import { runRead, type ReadName } from './readFunctions';
import type { ReadReply, ReadRequest } from './protocol';

let current: { file: string; db: Db } | null = null;

function dbFor(file: string): Db {
  if (current?.file === file) return current.db;
  current?.db.close();
  current = null;
  current = { file, db: openReadOnly(file) };
  return current.db;
}

function handle(req: ReadRequest): ReadReply {
  const started = performance.now();
  try {
    const value = runRead(dbFor(req.file), req.name as ReadName, req.input as never);
    return { id: req.id, ok: true, value, ms: performance.now() - started };
  } catch (err) {
    return { id: req.id, ok: false, error: toErrorShape(err) };
  }
}

if (!parentPort) throw new Error('readWorker.js must run as a worker thread');
const port = parentPort;
port.on('message', (req: ReadRequest) => port.postMessage(handle(req)));
