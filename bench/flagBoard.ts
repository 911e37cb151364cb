// The Flags board on the rules bench's ledger (1M transfers, 100k entities, 300k affiliations;
// tens of thousands of flags, each with its paths as JSON): what the board's first page costs
// through flags:page against loading every flag through flags:list, as the board did before.
// Calls go through the contract's dispatch (input and output validated, as both transports do)
// and are serialised as the browser-mode bridge sends them, so the times and sizes are the
// server side of a request. The ledger is built once and cached in the temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLedger } from '../electron/core/db/open';
import { runRules } from '../electron/core/conflicts/flags';
import { createHandlers } from '../electron/core/handlers';
import { dispatch } from '../electron/core/dispatch';
import { LedgerSession } from '../electron/core/session';
import type { Channel, Input } from '../shared/contract';
import type { GroupLedgerSize } from './generate';
import { benchBuild } from './rules';
import { formatTable, median, timed } from './timing';

const FIXTURE_VERSION = 2;

export interface FlagBoardCase { request: string; firstMs: number; medianMs: number; bytes: number; rows: number }
export interface FlagBoardBenchReport {
  transfers: number; flags: number; fixture: string; builtSeconds: number | null;
  cases: FlagBoardCase[];
  /** Every page of the default order (500 a page), one after another: the cost of scrolling to the end. */
  walk: { pages: number; p50Ms: number; maxMs: number; rows: number };
  loadAverage: { before: number; after: number };
}

function fixture(size: GroupLedgerSize): { file: string; seconds: number | null } {
  const file = path.join(os.tmpdir(), `armslength-bench-flags-v${FIXTURE_VERSION}-${size.transfers}x${size.entities}x${size.affiliations}.armslength`);
  if (fs.existsSync(file)) return { file, seconds: null };
  const tmp = `${file}.building-${process.pid}`;
  const t = timed(() => {
    const db = openLedger(tmp);
    benchBuild(db, size);
    runRules(db, { full: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  });
  fs.renameSync(tmp, file);
  return { file, seconds: t.seconds };
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function benchFlagBoard(size: GroupLedgerSize): Promise<FlagBoardBenchReport> {
  const log = (s: string) => console.error(`[flags] ${s}`);
  const loadBefore = round(os.loadavg()[0]!);
  const built = fixture(size);
  log(`ledger ${built.file}${built.seconds !== null ? `, built and rules run in ${built.seconds.toFixed(1)} s` : ', cached'}`);
  const session = new LedgerSession(path.dirname(built.file), built.file);
  try {
    const handlers = createHandlers(session, {
      appVersion: 'bench', emit: () => {}, readWorkerPath: null,
      printPdf: () => Promise.reject(new Error('no printing in this benchmark')),
    });
    /** One request as the bridge answers it: dispatch, then the reply as JSON. */
    const request = async <C extends Channel>(channel: C, input: Input<C>) => {
      const start = performance.now();
      const reply = await dispatch(handlers, channel, input);
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
      const bytes = Buffer.byteLength(JSON.stringify(reply));
      return { ms: performance.now() - start, bytes, value: reply.value as unknown };
    };
    const rowsOf = (v: unknown) => (Array.isArray(v) ? v.length : Array.isArray((v as { rows?: unknown }).rows) ? (v as { rows: unknown[] }).rows.length : 1);
    const measure = async <C extends Channel>(label: string, channel: C, input: Input<C>, repeats: number): Promise<FlagBoardCase> => {
      const first = await request(channel, input);
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) times.push((await request(channel, input)).ms);
      const c = { request: label, firstMs: round(first.ms), medianMs: round(median(times)), bytes: first.bytes, rows: rowsOf(first.value) };
      log(`${label}: first ${c.firstMs} ms, median ${c.medianMs} ms, ${(c.bytes / 1e6).toFixed(2)} MB, ${c.rows} rows`);
      return c;
    };

    const cases: FlagBoardCase[] = [];
    // The board's first page, as it opens (the first request of the run: statements not yet prepared).
    cases.push(await measure('flags:page first page (severity, 100 rows as the board asks)', 'flags:page', { limit: 100 }, 10));
    cases.push(await measure('flags:list (every flag, as the board loaded before)', 'flags:list', {}, 2));
    for (const sort of ['amount', 'rule', 'status', 'date'] as const) {
      cases.push(await measure(`flags:page sorted by ${sort}`, 'flags:page', { sort, limit: 100 }, 10));
    }
    cases.push(await measure('flags:page status = dismissed', 'flags:page', { filters: { status: 'dismissed' }, limit: 100 }, 10));
    cases.push(await measure('flags:page severity = low, by amount', 'flags:page', { sort: 'amount', filters: { severity: 'low' }, limit: 100 }, 10));
    cases.push(await measure('graph flag picker (with a path, 200)', 'flags:page', { filters: { hasPath: true }, limit: 200 }, 10));
    const oneId = session.db.prepare(`SELECT max(id) FROM flags`).pluck().get() as number;
    cases.push(await measure('flag:get (one flag in full)', 'flag:get', { id: oneId }, 10));

    // Scroll to the end: every page of the default order.
    const pageTimes: number[] = [];
    let after: Input<'flags:page'>['after'] = null;
    let rows = 0;
    do {
      const r = await request('flags:page', { limit: 500, after });
      const value = r.value as { rows: unknown[]; next: Input<'flags:page'>['after'] };
      pageTimes.push(r.ms);
      rows += value.rows.length;
      after = value.next;
    } while (after);
    const walk = { pages: pageTimes.length, p50Ms: round(median(pageTimes)), maxMs: round(Math.max(...pageTimes)), rows };
    log(`every page of 500: ${walk.pages} pages, p50 ${walk.p50Ms} ms, max ${walk.maxMs} ms, ${walk.rows} rows`);
    const flags = session.db.prepare(`SELECT count(*) FROM flags`).pluck().get() as number;
    return {
      transfers: size.transfers, flags, fixture: built.file, builtSeconds: built.seconds, cases, walk,
      loadAverage: { before: loadBefore, after: round(os.loadavg()[0]!) },
    };
  } finally {
    session.db.close();
  }
}

export function formatFlagBoard(r: FlagBoardBenchReport): string {
  return `${formatTable(['flags board request', 'first (ms)', 'median (ms)', 'reply (MB)', 'rows'],
    r.cases.map((c) => [c.request, String(c.firstMs), String(c.medianMs), (c.bytes / 1e6).toFixed(2), String(c.rows)]))}
Every page of the default order, 500 a page: ${r.walk.pages} pages, p50 ${r.walk.p50Ms} ms, max ${r.walk.maxMs} ms (${r.walk.rows} rows).
Server side of each request: dispatch (input and output validated against the contract) and the reply as JSON. Load average
${r.loadAverage.before} before, ${r.loadAverage.after} after, ${os.cpus().length} CPUs.`;
}
