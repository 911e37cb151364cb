// The streaming CSV import (electron/core/importers/spreadsheet/streamImport.ts) on generated
// files: rows per second, progress events, and peak RSS. It runs before the in-memory import so
// the process's peak RSS (which only grows) is the streaming import's own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLedger } from '../electron/core/db/open';
import { fileSource, importCsvStream } from '../electron/core/importers/spreadsheet/streamImport';
import { writeTransfersCsv } from './generate';
import { peakRssMb } from './timing';

export const STREAM_RSS_TARGET_MB = 400;

export interface StreamBenchResult {
  benchmark: 'csv streaming import'; rows: number; csvBytes: number; seconds: number; rowsPerSec: number;
  progressEvents: number; peakRssMb: number; targetRssMb: number; ok: boolean;
}

export async function benchStreamImport(rows: number): Promise<StreamBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-bench-stream-'));
  try {
    const csv = path.join(dir, `transfers-${rows}.csv`);
    const gen = writeTransfersCsv(csv, rows);
    const db = openLedger(path.join(dir, 'stream.armslength'));
    let progressEvents = 0;
    const start = performance.now();
    const r = await importCsvStream(db, await fileSource(csv, path.basename(csv)), { onProgress: () => { progressEvents++; } });
    const seconds = (performance.now() - start) / 1000;
    const n = db.prepare(`SELECT count(*) FROM transfers`).pluck().get() as number;
    db.close();
    if (n !== rows || r.transfers !== rows) throw new Error(`the streaming import wrote ${n} rows (reported ${r.transfers}), expected ${rows}`);
    const peak = Math.round(peakRssMb());
    console.error(`[${rows}] streaming import ${seconds.toFixed(2)} s, peak RSS ${peak} MB`);
    return {
      benchmark: 'csv streaming import', rows, csvBytes: gen.bytes, seconds, rowsPerSec: Math.round(rows / seconds),
      progressEvents, peakRssMb: peak, targetRssMb: STREAM_RSS_TARGET_MB, ok: peak < STREAM_RSS_TARGET_MB,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
