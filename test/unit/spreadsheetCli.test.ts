// `armslength import` on spreadsheets, run as a user runs it (the built CLI): a streamed CSV with
// progress on stderr, Ctrl-C (SIGINT) cancelling cleanly, an ambiguous file refused until
// --date-format, and an XLSX with an error cell imported with --valid-part.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/core/db/open';
import { count, tempDir } from './tempLedger';

const cli = path.resolve(__dirname, '../../out/main/cli.js');
const fixtures = path.resolve(__dirname, '../fixtures/spreadsheet');

function armslength(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function bigCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'date,from,to,resource,amount,currency,description\n');
  for (let i = 0; i < rows; i += 10_000) {
    let chunk = '';
    for (let j = i; j < Math.min(rows, i + 10_000); j++) chunk += `2024-03-${String(1 + (j % 28)).padStart(2, '0')},Holder ${j % 300} AG,Subsidiary ${j % 301} GmbH,Service ${j},${j}.95,EUR,row ${j} of a long management-fee schedule\n`;
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
}

describe('armslength import for spreadsheets', () => {
  it('refuses an ambiguous date column until --date-format, and imports an XLSX only with --valid-part', () => {
    const db = path.join(tempDir(), 'cli.armslength');
    const amb = armslength('import', path.join(fixtures, 'ambiguous-dates.csv'), '--db', db);
    expect(amb.code).toBe(1);
    expect(amb.err).toMatch(/ambiguous-dates\.csv: column "Date": every date fits both/);
    const ok = armslength('import', path.join(fixtures, 'ambiguous-dates.csv'), '--db', db, '--date-format', 'mdy');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Imported 3 transfers from .*ambiguous-dates\.csv \(batch 1, 2 new entities\)/);
    const xlsx = armslength('import', path.join(fixtures, 'transfers.xlsx'), '--db', db);
    expect(xlsx.code).toBe(1);
    expect(xlsx.err).toContain('transfers.xlsx, sheet "Transfers", cell E5: holds the error #DIV/0!');
    const part = armslength('import', path.join(fixtures, 'transfers.xlsx'), '--db', db, '--valid-part');
    expect(part.out).toMatch(/Imported 4 transfers .*left out 1 problems/);
    const ledger = openLedger(db);
    expect(count(ledger, 'transfers')).toBe(7);
    ledger.close();
  });

  it('streams a large CSV with progress on stderr, and Ctrl-C leaves the ledger as it was', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.armslength');
    expect(armslength('import', path.join(fixtures, 'pipe.csv'), '--db', db).code).toBe(0);
    const tables = ['transfers', 'entities', 'documents', 'document_parts', 'import_batches', 'audit_log'];
    const counts = () => { const l = openLedger(db); const n = tables.map((t) => count(l, t)); l.close(); return n; };
    const before = counts();
    const file = path.join(dir, 'fees.csv');
    bigCsv(file, 400_000);
    const child = spawn(process.execPath, [cli, 'import', file, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let interrupted = false;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (!interrupted && /fees\.csv: [\d,]+ rows, \d+% of [\d.]+ MB/.test(err)) { interrupted = true; child.kill('SIGINT'); }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(interrupted).toBe(true);
    expect(code).toBe(1);
    expect(err).toContain('fees.csv: the import was cancelled; nothing was imported.');
    expect(counts()).toEqual(before);
    expect(before[0]).toBe(2);
    const ledger = openLedger(db);
    expect(ledger.prepare(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('import.csv');
    ledger.close();
  }, 180_000);
});
