// Bulk insert of transfers through the ledger's writer (constraints, foreign keys, the four
// indexes rebuilt once) against a bare prepared-statement loop into a table with the same
// columns and nothing else, in the same run. Target: ours within 2x.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openLedger } from '../electron/core/db/open';
import { BulkTransferWriter, type BulkTransferRow } from '../electron/core/ledger/bulkTransfers';
import { timed } from './timing';
import { prng } from './generate';

export interface BulkInsertResult {
  rows: number; oursSeconds: number; bareSeconds: number; ratio: number; target: number; ok: boolean;
  /** Context: the same loop into the same columns with the ledger's four transfer indexes. */
  bareIndexedSeconds: number;
}

const TARGET = 2;

function rowsFor(n: number, entities: number): BulkTransferRow[] {
  const rnd = prng(42);
  const currencies = ['USD', 'EUR', 'GBP', 'JPY', 'CHF'];
  return Array.from({ length: n }, (_, i) => {
    const from = 1 + Math.floor(rnd() * entities);
    const to = 1 + ((from + Math.floor(rnd() * (entities - 1))) % entities);
    const d = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 3650) * 86_400_000).toISOString().slice(0, 10);
    return {
      fromId: from, toId: to, intendedForId: null, resourceType: 'cash', resource: 'services', resourceKey: null, quantity: null, unit: null,
      amountMinor: Math.floor(rnd() * 1e10), currency: currencies[i % currencies.length]!, date: d, datePrecision: 'day', status: 'executed',
      description: `generated transfer ${i}`, sourceLine: i + 2, sourceStart: i * 100, sourceEnd: i * 100 + 90,
    };
  });
}

export function benchBulkInsert(n = 1_000_000, entities = 10_000): BulkInsertResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-bulk-'));
  try {
    const rows = rowsFor(n, entities);
    const recordedAt = new Date().toISOString();

    const ledger = openLedger(path.join(dir, 'ours.armslength'));
    const ins = ledger.prepare(`INSERT INTO entities (kind, name, norm_name) VALUES ('company', ?, ?)`);
    ledger.transaction(() => { for (let i = 1; i <= entities; i++) ins.run(`Firm ${i}`, `firm ${i}`); })();
    const ours = timed(() => ledger.transaction(() => {
      const w = new BulkTransferWriter(ledger, { batchId: null, recordedAt, expectedRows: n });
      for (const r of rows) w.add(r);
      return w.finish();
    })());
    if (ours.value !== n) throw new Error(`bulk writer wrote ${ours.value} rows, expected ${n}`);
    ledger.close();

    const cols = ['from_id', 'to_id', 'intended_for_id', 'resource_type', 'resource', 'resource_key', 'quantity', 'unit', 'amount_minor', 'currency',
      'occurred_on', 'date_precision', 'status', 'description', 'source_line', 'source_start', 'source_end', 'batch_id', 'recorded_at'];
    const bareLoop = (file: string, indexes: string[]) => {
      const bare = new Database(path.join(dir, file));
      bare.pragma('journal_mode = WAL');
      bare.pragma('synchronous = NORMAL');
      bare.exec(`CREATE TABLE transfers (id INTEGER PRIMARY KEY, ${cols.join(', ')})`);
      for (const ix of indexes) bare.exec(ix);
      const st = bare.prepare(`INSERT INTO transfers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      const t = timed(() => bare.transaction(() => {
        for (const r of rows) st.run(r.fromId, r.toId, r.intendedForId, r.resourceType, r.resource, r.resourceKey, r.quantity, r.unit, r.amountMinor, r.currency,
          r.date, r.datePrecision, r.status, r.description, r.sourceLine, r.sourceStart, r.sourceEnd, null, recordedAt);
      })());
      bare.close();
      return t.seconds;
    };
    const bareSeconds = bareLoop('bare.sqlite', []);
    const bareIndexedSeconds = bareLoop('bare-indexed.sqlite', [
      'CREATE INDEX d ON transfers(occurred_on, id)', 'CREATE INDEX a ON transfers(ifnull(amount_minor, -1), id)',
      'CREATE INDEX f ON transfers(from_id, occurred_on, id)', 'CREATE INDEX t ON transfers(to_id, occurred_on, id)',
    ]);
    const ratio = ours.seconds / bareSeconds;
    return { rows: n, oursSeconds: ours.seconds, bareSeconds, ratio, target: TARGET, ok: ratio <= TARGET, bareIndexedSeconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
