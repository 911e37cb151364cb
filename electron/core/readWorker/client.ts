// Main-thread side of the read workers: sends a named read with a request id, answers with a
// promise, gives up after a timeout (restarting that worker, since its query may run on), starts
// a fresh worker after a crash, and runs the read in-thread when no worker can be had (no built
// worker file, as under vitest, or repeated crashes) so a read never fails for want of a thread.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { runRead, type ReadInput, type ReadName, type ReadOutput } from './readFunctions';
import type { ReadReply, ReadRequest } from './protocol';

export const READ_WORKER_FILE = 'readWorker.js';

export interface ReadTarget {
  /** The open ledger's file; the worker re-opens when it changes (ledger switch). */
  readonly file: string;
  /** The main connection, for in-thread fallback. */
  readonly db: Db;
}

export interface ReadClientOptions {
  /** Built worker file; undefined: look beside the built main file; null: always in-thread. */
  workerPath?: string | null;
  /** Workers in the pool (a long overview need not hold up a quick search). */
  workers?: number;
  timeoutMs?: number;
  /** Crashes in a row after which reads run in-thread for good. */
  maxRestarts?: number;
}

/**
 * The built worker beside the bundle that holds this code: out/main/readWorker.js, from
 * out/main/*.js or out/main/chunks/*.js. ARMSLENGTH_READ_WORKER overrides ("off": in-thread).
 */
export function defaultWorkerPath(): string | null {
  const env = process.env.ARMSLENGTH_READ_WORKER;
  if (env === 'off') return null;
  if (env) return env;
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const file = path.join(dir, READ_WORKER_FILE);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

interface Pending { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; slot: Slot }
interface Slot { worker: Worker; pending: number }

export interface ReadStats { inWorker: number; inThread: number; restarts: number; timeouts: number }

export class ReadClient {
  private readonly workerPath: string | null;
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxRestarts: number;
  private readonly slots: Array<Slot | null>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashesInARow = 0;
  private disabled = false;
  readonly stats: ReadStats = { inWorker: 0, inThread: 0, restarts: 0, timeouts: 0 };

  constructor(private readonly target: ReadTarget, options: ReadClientOptions = {}) {
    this.workerPath = options.workerPath === undefined ? defaultWorkerPath() : options.workerPath;
    if (this.workerPath !== null && !fs.existsSync(this.workerPath)) this.workerPath = null;
    this.size = Math.max(1, options.workers ?? 2);
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.maxRestarts = options.maxRestarts ?? 3;
    this.slots = new Array<Slot | null>(this.size).fill(null);
  }

  /** Whether reads go to worker threads (false: in-thread fallback). */
  get usesWorkers(): boolean {
    return this.workerPath !== null && !this.disabled;
  }

  run<N extends ReadName>(name: N, input: ReadInput<N>): Promise<ReadOutput<N>> {
    if (!this.usesWorkers) return this.inThread(name, input);
    const slot = this.pickSlot();
    if (!slot) return this.inThread(name, input);
    const id = this.nextId++;
    const request: ReadRequest = { id, file: this.target.file, name, input };
    return new Promise<ReadOutput<N>>((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(id), this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, slot });
      // A waiting reply must keep the process alive (the CLI awaits it); an idle worker must not.
      if (slot.pending++ === 0) slot.worker.ref();
      slot.worker.postMessage(request);
      this.stats.inWorker++;
    });
  }

  /** Stop all workers; pending reads fail. */
  async close(): Promise<void> {
    const workers = this.slots.filter((s): s is Slot => s !== null).map((s) => s.worker);
    this.slots.fill(null);
    this.failAll(() => new AppError('internal', 'The ledger was closed while a read was running.'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private inThread<N extends ReadName>(name: N, input: ReadInput<N>): Promise<ReadOutput<N>> {
    this.stats.inThread++;
    try {
      return Promise.resolve(runRead(this.target.db, name, input));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** The least busy worker, started on demand; null when none can be started. */
  private pickSlot(): Slot | null {
    let best = -1;
    for (let i = 0; i < this.size; i++) {
      const s = this.slots[i];
      if (!s) { best = i; break; }
      if (best < 0 || s.pending < this.slots[best]!.pending) best = i;
    }
    const existing = this.slots[best];
    if (existing) return existing;
    try {
      const slot: Slot = { worker: new Worker(this.workerPath!), pending: 0 };
      this.listen(slot, best);
      slot.worker.unref();
      this.slots[best] = slot;
      return slot;
    } catch (err) {
      console.error('[armslength] read worker could not start; reading in-thread:', err);
      this.disabled = true;
      return null;
    }
  }

  private listen(slot: Slot, index: number): void {
    slot.worker.on('message', (reply: ReadReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return; // timed out earlier
      this.settle(reply.id, p);
      this.crashesInARow = 0;
      if (reply.ok) p.resolve(reply.value);
      else p.reject(reply.error.code === 'internal' ? new Error(reply.error.message) : new AppError(reply.error.code, reply.error.message, reply.error.details));
    });
    const died = (why: string) => {
      if (this.slots[index] !== slot) return; // replaced or closed already
      this.slots[index] = null;
      this.stats.restarts++;
      if (++this.crashesInARow >= this.maxRestarts) {
        console.error(`[armslength] read worker failed ${this.crashesInARow} times in a row (${why}); reading in-thread from now on`);
        this.disabled = true;
      }
      this.failAll(() => new Error(`The read worker stopped (${why}); try again.`), slot);
    };
    slot.worker.on('error', (err) => died(err.message));
    slot.worker.on('exit', (code) => died(`exit code ${code}`));
  }

  private settle(id: number, p: Pending): void {
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (--p.slot.pending === 0) p.slot.worker.unref();
  }

  private failAll(error: () => Error, only?: Slot): void {
    for (const [id, p] of [...this.pending]) {
      if (only && p.slot !== only) continue;
      this.settle(id, p);
      p.reject(error());
    }
  }

  /** A read past its time: its worker may be stuck in SQLite, so that worker is replaced. */
  private timedOut(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.stats.timeouts++;
    const index = this.slots.indexOf(p.slot);
    if (index >= 0) this.slots[index] = null;
    this.failAll(() => new AppError('internal', `A read took longer than ${this.timeoutMs < 10_000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`} and was stopped; try a narrower view.`), p.slot);
    void p.slot.worker.terminate();
  }
}
