import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource, importCsvStream } from '../../electron/core/importers/spreadsheet/streamImport';
import { decimalSeparatorOf } from '../../electron/core/importers/decimalStyle';
import { allTransfers, evidenceForTransfer } from '../../electron/core/ledger/read';
import { AppError } from '../../electron/core/errors';
import type { Db } from '../../electron/core/db/open';
import { count, tempLedger, tempSampleLedger, refusal } from './tempLedger';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/csv', name));

/** The pipeline's public entry, with the file's bytes in memory as the app sends them. */
const importCsv = (db: Db, name: string, bytes: Buffer) => importCsvStream(db, bufferSource(name, bytes));

function rejection(db: Db, name: string, bytes = fixture(name)): Promise<AppError> {
  return refusal(importCsv(db, name, bytes), name);
}

const snapshot = (db: Db) => ['entities', 'transfers', 'documents', 'evidence', 'import_batches'].map((t) => count(db, t));

describe('CSV import of transfers', () => {
  it('imports a comma-separated file with quoted fields and a multi-line description', async () => {
    const { db } = tempLedger();
    const r = await importCsv(db, 'transfers-comma.csv', fixture('transfers-comma.csv'));
    expect(r).toMatchObject({ transfers: 3, newEntities: 3 });
    const ts = allTransfers(db);
    expect(ts.map((t) => [t.from.name, t.to.name, t.amountMinor, t.currency])).toEqual([
      ['Acme Holdings', 'Acme Robotics', 125_000_000, 'USD'],
      ['Acme Robotics', 'Zenith Compute, Inc.', 18_000_050, 'USD'],
      // "Zenith Compute Inc" is the same firm as "Zenith Compute, Inc." once punctuation is ignored.
      ['Zenith Compute, Inc.', 'Acme Holdings', 7_500_000, 'EUR'],
    ]);
    expect(ts[1]).toMatchObject({ resourceType: 'compute', quantity: 5000, unit: 'hours', description: 'Training run, billed\nin two parts' });
    expect(ts[2]).toMatchObject({ date: '2024-05-01', datePrecision: 'month' });
    // Evidence points at the right line, even after the quoted newline.
    expect(evidenceForTransfer(db, ts[1]!.id)[0]).toMatchObject({ locator: 'line 3' });
    const third = evidenceForTransfer(db, ts[2]!.id)[0]!;
    expect(third.locator).toBe('line 5');
    expect(third.excerpt).toMatch(/^2024-05,Zenith Compute Inc,Acme Holdings/);
    expect(third.document.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('imports a semicolon file with a BOM, decimal commas and accented names', async () => {
    const { db } = tempLedger();
    await importCsv(db, 'transfers-semicolon.csv', fixture('transfers-semicolon.csv'));
    const ts = allTransfers(db);
    expect(ts.map((t) => t.amountMinor)).toEqual([123_456, 1_200_000, 99_950]);
    expect(ts[0]!.from.name).toBe('Müller GmbH');
    expect(ts[0]!.to.name).toBe('Société Générale Services');
    expect(ts[1]!.date).toBe('2024-02-29');
    // The excerpt is cut from the stored bytes: the BOM and multi-byte letters must not shift it.
    expect(evidenceForTransfer(db, ts[1]!.id)[0]).toMatchObject({ locator: 'line 3', excerpt: '2024-02-29;Société Générale Services;Müller GmbH;Miete;12.000,00;EUR;Büromiete' });
  });

  it('matches names to entities already in the ledger', async () => {
    const { db } = tempSampleLedger();
    const csv = 'date,from,to,resource,amount,currency\n2024-06-01,TESLA INC,x corp,advertising,10000,USD\n';
    const r = await importCsv(db, 'more.csv', Buffer.from(csv));
    expect(r.newEntities).toBe(0);
    const t = allTransfers(db).find((x) => x.date === '2024-06-01')!;
    expect([t.from.name, t.to.name]).toEqual(['Tesla, Inc.', 'X Corp.']);
  });

  it('refuses a file with a missing column, naming the column and the file', async () => {
    const { db } = tempLedger();
    const err = await rejection(db, 'bad-missing-column.csv');
    expect(err.message).toMatch(/bad-missing-column\.csv: 1 problem; nothing was imported/);
    // The pipeline maps headers by name (and guesses from parts of names, e.g. "recipient_name"): nothing here gives "to".
    expect(err.details[0]).toMatch(/bad-missing-column\.csv: no column gives "to" \(a header named one of: to, /);
    expect(snapshot(db)).toEqual([0, 0, 0, 0, 0]);
  });

  it.each([
    ['bad-date.csv', /bad-date\.csv line 3, column "date": "2023-02-31" is not a calendar date/],
    ['bad-amount.csv', /bad-amount\.csv line 4, column "amount": "about 5M" is not a number/],
    ['bad-currency.csv', /bad-currency\.csv line 2, column "currency": "USX" is not an ISO 4217 currency code/],
  ])('refuses %s with the line and column, and writes nothing', async (name, message) => {
    const { db } = tempSampleLedger();
    const before = snapshot(db);
    const err = await rejection(db, name);
    expect(err.code).toBe('import_rejected');
    expect(err.details.join('\n')).toMatch(message);
    expect(snapshot(db)).toEqual(before);
  });

  it('lists every bad row, not only the first', async () => {
    const { db } = tempLedger();
    const rows = Array.from({ length: 120 }, (_, i) => `2024-01-01,A,B,fee,${i % 2 ? 'x' : '1'},USD`);
    const err = await rejection(db, 'many.csv', Buffer.from(`date,from,to,resource,amount,currency\n${rows.join('\n')}\n`));
    expect(err.message).toMatch(/60 problems/);
    expect(err.details[0]).toMatch(/many\.csv line 3/);
    expect(err.details.at(-1)).toBe('... and 10 more');
  });

  it('refuses a row whose parties are the same, a negative quantity and an unknown resource type', async () => {
    const { db } = tempLedger();
    const csv = [
      'date,from,to,resource,resource_type,quantity,unit',
      '2024-01-01,A Co,a co.,x,goods,1,unit',
      '2024-01-01,A Co,B Co,x,goods,-3,unit',
      '2024-01-01,A Co,B Co,x,spaceships,1,unit',
    ].join('\n');
    const details = (await rejection(db, 'rows.csv', Buffer.from(csv))).details.join('\n');
    expect(details).toMatch(/line 2, column "to": is the same party as "from"/);
    expect(details).toMatch(/line 3, column "quantity": "-3" is negative/);
    expect(details).toMatch(/line 4, column "resource_type": "spaceships" is not one of/);
  });

  it('adds nothing when the same file is imported twice', async () => {
    const { db } = tempLedger();
    await importCsv(db, 'transfers-comma.csv', fixture('transfers-comma.csv'));
    const before = snapshot(db);
    expect((await rejection(db, 'copy.csv', fixture('transfers-comma.csv'))).message).toMatch(/already imported \(batch 1\)/);
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses an empty file and a header without rows', async () => {
    const { db } = tempLedger();
    // Refused before any row is read: the message itself names the file and line.
    expect((await rejection(db, 'empty.csv', Buffer.from(''))).message).toMatch(/empty\.csv line 1: the file is empty/);
    expect((await rejection(db, 'header.csv', Buffer.from('date,from,to,resource\n'))).details[0]).toMatch(/header but no rows/);
  });
});

describe('decimal style of a number', () => {
  it('decides only when the text is unambiguous', async () => {
    expect(decimalSeparatorOf('1,234.56')).toBe('.');
    expect(decimalSeparatorOf('1.234,56')).toBe(',');
    expect(decimalSeparatorOf('999,5')).toBe(',');
    expect(decimalSeparatorOf('12.5')).toBe('.');
    expect(decimalSeparatorOf('1.000.000')).toBe(',');
    expect(decimalSeparatorOf('1,000')).toBeNull();
    expect(decimalSeparatorOf('1000')).toBeNull();
  });
});
