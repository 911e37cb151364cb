// Heavy reads on the query bench's ledger (bench/queries.ts): the Overview computed afresh and
// the Sankey's flows for one year and for all years, timed in-thread; then the main thread's
// answer times (ledger:info, transfers:page) while flows runs, once in the read worker and once
// in-thread, to show what the worker buys: the main thread stays free.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LedgerSession } from '../electron/core/session';
import { createHandlers } from '../electron/core/handlers';
import { dispatch } from '../electron/core/dispatch';
import { computeOverview } from '../electron/core/ledger/overview';
import { flowsSummary, type FlowsQuery } from '../electron/core/ledger/flows';
import { queryFixture, type FixtureSize } from './queries';
import { formatTable } from './timing';

/** Wall time, and CPU time of this process (fairer when other work shares the cores). */
export interface ReadTiming { read: string; runs: number; minMs: number; medianMs: number; minCpuMs: number }
export interface Responsiveness { mode: 'worker' | 'in-thread'; longReadMs: number; calls: number; p50Ms: number; p95Ms: number; maxMs: number }
export interface ReadsBenchResult { fixture: FixtureSize & { file: string }; timings: ReadTiming[]; responsiveness: Responsiveness[] }

const YEAR: FlowsQuery = { from: '2023-01-01', to: '2023-12-31', resourceTypes: [], topN: 10, net: false };
const ALL_YEARS: FlowsQuery = { ...YEAR, from: '2000-01-01', to: '2099-12-31' };

function time(read: string, runs: number, fn: () => unknown): ReadTiming {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    fn();
    const used = process.cpuUsage(c);
    ms.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  process.stderr.write(`reads: ${read}: ${ms.map((m) => Math.round(m)).join(', ')} ms (CPU ${cpu.map((m) => Math.round(m)).join(', ')} ms)\n`);
  return { read, runs, minMs: Math.round(ms[0]!), medianMs: Math.round(ms[Math.floor(runs / 2)]!), minCpuMs: Math.round(Math.min(...cpu)) };
}

/** Start flows through the handlers, and call quick channels every 10 ms until it answers. */
async function probe(session: LedgerSession, workerPath: string | null): Promise<Responsiveness> {
  const handlers = createHandlers(session, { appVersion: 'bench', printPdf: () => Promise.reject(new Error('no printing in the bench')), emit: () => {}, readWorkerPath: workerPath });
  await dispatch(handlers, 'flows:summary', { ...YEAR, from: '2023-06-01' }); // starts the worker and opens its connection
  const latencies: number[] = [];
  let done = false;
  // The first call is due before the long read starts: in-thread, it waits for all of it.
  const calls = (async () => {
    for (let i = 0; !done; i++) {
      const sent = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      const r = await dispatch(handlers, i % 2 ? 'ledger:info' : 'transfers:page', {});
      if (!r.ok) throw new Error(r.error.message);
      latencies.push(performance.now() - sent - 10); // what a click due then would wait
    }
  })();
  const started = performance.now();
  const long = await dispatch(handlers, 'flows:summary', ALL_YEARS);
  const longReadMs = performance.now() - started;
  done = true;
  await calls;
  if (!long.ok) throw new Error(long.error.message);
  latencies.sort((a, b) => a - b);
  return { mode: workerPath ? 'worker' : 'in-thread', longReadMs: Math.round(longReadMs), calls: latencies.length,
    p50Ms: +latencies[Math.floor(latencies.length / 2)]!.toFixed(1), p95Ms: +latencies[Math.floor(latencies.length * 0.95)]!.toFixed(1), maxMs: +latencies[latencies.length - 1]!.toFixed(1) };
}

export async function benchReads(size: FixtureSize, workerPath: string, quick: boolean): Promise<ReadsBenchResult> {
  // ARMSLENGTH_BENCH_READS_DB: a ledger of your own instead of the generated fixture.
  const file = process.env.ARMSLENGTH_BENCH_READS_DB ?? queryFixture(size).file;
  const session = new LedgerSession(fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-bench-reads-')), file);
  try {
    const runs = quick ? 3 : 2;
    process.stderr.write(`reads: timing overview and flows on ${file}\n`);
    const timings = [
      time('overview (computed afresh)', runs, () => computeOverview(session.db, 'month')),
      time('flows one year (2023)', runs, () => flowsSummary(session.db, YEAR)),
      time('flows all years', runs, () => flowsSummary(session.db, ALL_YEARS)),
    ];
    process.stderr.write('reads: main-thread answers while flows runs\n');
    const responsiveness = [await probe(session, workerPath), await probe(session, null)];
    return { fixture: { ...size, file }, timings, responsiveness };
  } finally {
    session.close();
  }
}

export function formatReads(r: ReadsBenchResult): string {
  return `${formatTable(['read', 'runs', 'min (ms)', 'median (ms)', 'min CPU (ms)'], r.timings.map((t) => [t.read, String(t.runs), String(t.minMs), String(t.medianMs), String(t.minCpuMs)]))}\n\n`
    + `${formatTable(['flows all years runs', 'long read (ms)', 'quick calls', 'p50 wait (ms)', 'p95 wait (ms)', 'max wait (ms)', 'target'],
      r.responsiveness.map((x) => [x.mode, String(x.longReadMs), String(x.calls), String(x.p50Ms), String(x.p95Ms), String(x.maxMs), x.mode === 'worker' ? (x.p95Ms < 50 ? 'p95 <50 ms yes' : 'p95 <50 ms NO') : 'context']))}\n`
    + 'quick calls = ledger:info and transfers:page through dispatch every 10 ms while flows:summary runs; wait = answer time.';
}
