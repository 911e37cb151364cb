// Spreadsheet import against real files and real ledgers: encodings, separators, number and date
// styles, XLSX cells, the valid-part choice, presets, streaming with progress and cancel.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpreadsheet, previewSpreadsheet } from '../../electron/core/importers/spreadsheet/spreadsheetImport';
import { bufferSource, fileSource, importCsvStream, type ImportProgress } from '../../electron/core/importers/spreadsheet/streamImport';
import { deletePreset, listPresets } from '../../electron/core/importers/spreadsheet/presets';
import { allTransfers, evidenceForTransfer } from '../../electron/core/ledger/read';
import { AppError } from '../../electron/core/errors';
import type { Db } from '../../electron/core/db/open';
import { count, tempDir, tempLedger, refusal } from './tempLedger';

const dir = path.join(__dirname, '../fixtures/spreadsheet');
const fixture = (name: string) => fs.readFileSync(path.join(dir, name));

const snapshot = (db: Db) => ['entities', 'transfers', 'documents', 'document_parts', 'evidence', 'import_batches', 'audit_log', 'import_presets'].map((t) => count(db, t));
const batch = (db: Db, id: number) => db.prepare(`SELECT valid_part_only AS validPartOnly, problems_json AS problems, row_count AS rows FROM import_batches WHERE id = ?`).get(id) as { validPartOnly: number; problems: string | null; rows: number };

describe('spreadsheet import: encodings, separators and number styles', () => {
  it('reads a UTF-8 BOM semicolon file written the German way (1.234,56; 31.12.2024; umlauts)', async () => {
    const { db } = tempLedger();
    const p = await previewSpreadsheet(db, 'buchungen.csv', fixture('german-bom-semicolon.csv'));
    expect(p).toMatchObject({ format: 'csv', encoding: { value: 'utf-8-bom' }, delimiter: { value: ';' }, dateFormat: 'dmy', counts: { transfers: 3, newEntities: 3 }, problemCount: 0 });
    expect(p.numberStyle).toMatchObject({ decimal: ',', thousands: '.', decided: true });
    expect(p.mapping).toEqual(['date', 'from', 'to', 'resource', 'quantity', 'amount', 'currency', 'description']);
    expect(p.entities.map((e) => e.match.status)).toEqual(['new', 'new', 'new']);
    expect(count(db, 'transfers')).toBe(0); // the preview wrote nothing
    const r = await importSpreadsheet(db, 'buchungen.csv', fixture('german-bom-semicolon.csv'));
    expect(r).toMatchObject({ transfers: 3, newEntities: 3, validPartOnly: false });
    const ts = allTransfers(db);
    const year = ts.find((t) => t.date === '2024-12-31')!;
    expect(year).toMatchObject({ amountMinor: 123456, currency: 'EUR', resource: 'Beratungsleistung', description: 'Jahresabschluss Gebühr' });
    expect(year.from.name).toBe('Müller Holding GmbH');
    expect(ts.find((t) => t.date === '2024-01-15')!.amountMinor).toBe(25_000_000);
    const rent = ts.find((t) => t.date === '2024-03-02')!;
    expect(rent).toMatchObject({ quantity: 12, amountMinor: 1_800_000, description: 'Miete; März bis Februar' });
    expect(evidenceForTransfer(db, rent.id)[0]).toMatchObject({ locator: 'line 4', excerpt: '02.03.2024;Müller Holding GmbH;Österreichische Löwen GmbH;Büromiete;12;18.000,00;EUR;"Miete; März bis Februar"' });
  });

  it('reads a Windows-1252 file with é, ü and € (0x80), and shows its rows as evidence in that encoding', async () => {
    const { db } = tempLedger();
    const p = await previewSpreadsheet(db, 'latin.csv', fixture('windows-1252.csv'));
    expect(p.encoding).toEqual({ value: 'windows-1252', label: 'Windows-1252 (Latin-1)' });
    expect(p.rows[0]!.cells).toContain('Société Générale Services');
    await importSpreadsheet(db, 'latin.csv', fixture('windows-1252.csv'));
    const ts = allTransfers(db);
    expect(ts.map((t) => t.description)).toEqual(['Fee of 1500 € agreed', 'Loyer € mensuel']);
    expect(ts[0]!.amountMinor).toBe(150_000);
    expect(ts[1]!.to.name).toBe('Café Noir SARL');
    expect(evidenceForTransfer(db, ts[1]!.id)[0]!.excerpt).toBe('2024-03-15,Zürich Ventures AG,Café Noir SARL,Office rent,980.50,EUR,Loyer € mensuel');
  });

  it('reads a tab file with narrow and no-break space thousands and a pipe file with apostrophes', async () => {
    const { db } = tempLedger();
    const tab = await importSpreadsheet(db, 'tab.tsv', fixture('tab.tsv'));
    expect(tab.transfers).toBe(3);
    expect(allTransfers(db).map((t) => t.amountMinor)).toEqual([123456, 1_200_000, 9990]);
    const pipePreview = await previewSpreadsheet(db, 'pipe.csv', fixture('pipe.csv'));
    expect(pipePreview.delimiter!.value).toBe('|');
    expect(pipePreview.numberStyle).toMatchObject({ decimal: '.', thousands: "'" });
    await importSpreadsheet(db, 'pipe.csv', fixture('pipe.csv'));
    expect(allTransfers(db).filter((t) => t.currency === 'CHF').map((t) => t.amountMinor)).toEqual([123456785, 250000]);
  });
});

describe('spreadsheet import: ambiguous dates', () => {
  it('refuses a file whose dates fit both day-first and month-first until a format is chosen', async () => {
    const { db } = tempLedger();
    const p = await previewSpreadsheet(db, 'amb.csv', fixture('ambiguous-dates.csv'));
    expect(p.dateColumn).toMatchObject({ header: 'Date', ambiguous: true });
    expect(p.dateFormat).toBeNull();
    expect(p.problems[0]).toMatch(/amb\.csv: column "Date": every date fits both .*day first.* and .*month first.*choose the date format/);
    const before = snapshot(db);
    const err = await refusal(importSpreadsheet(db, 'amb.csv', fixture('ambiguous-dates.csv')));
    expect(err.details.join('\n')).toMatch(/column "Date"/);
    expect(snapshot(db)).toEqual(before);
    const r = await importSpreadsheet(db, 'amb.csv', fixture('ambiguous-dates.csv'), { options: { dateFormat: 'dmy' } });
    expect(r.transfers).toBe(3);
    expect(allTransfers(db).map((t) => t.date)).toEqual(['2024-04-03', '2024-06-05', '2024-12-11']);
  });
});

describe('spreadsheet import: XLSX', () => {
  it('lists the sheets, reads date cells, numbers, a text amount and a formula, and names the error cell', async () => {
    const { db } = tempLedger();
    const p = await previewSpreadsheet(db, 'transfers.xlsx', fixture('transfers.xlsx'));
    expect(p).toMatchObject({ format: 'xlsx', sheets: ['Transfers', 'Notes'], sheet: 'Transfers', encoding: null, totalRows: 5, problemCount: 1, counts: { transfers: 4 } });
    expect(p.problems).toEqual(['transfers.xlsx, sheet "Transfers", cell E5: holds the error #DIV/0!']);
    const before = snapshot(db);
    const err = await refusal(importSpreadsheet(db, 'transfers.xlsx', fixture('transfers.xlsx')));
    expect(err.message).toBe('transfers.xlsx: 1 problem; nothing was imported.');
    expect(err.details[0]).toBe('transfers.xlsx, sheet "Transfers", cell E5: holds the error #DIV/0!');
    expect(snapshot(db)).toEqual(before);

    const r = await importSpreadsheet(db, 'transfers.xlsx', fixture('transfers.xlsx'), { importValidPart: true });
    expect(r).toMatchObject({ transfers: 4, validPartOnly: true, problemsLeftOut: 1 });
    const b = batch(db, r.batchId);
    expect(b.validPartOnly).toBe(1);
    expect(JSON.parse(b.problems!)).toEqual(['transfers.xlsx, sheet "Transfers", cell E5: holds the error #DIV/0!']);
    const ts = allTransfers(db);
    expect(ts.map((t) => [t.date, t.amountMinor, t.currency])).toEqual([
      ['2024-01-15', 250_000_010, 'USD'], ['2024-03-01', 246_913_578, 'USD'], ['2024-06-30', 9950, 'EUR'], ['2024-12-31', 123_456_789, 'USD'],
    ]);
    expect(evidenceForTransfer(db, ts[3]!.id)[0]).toMatchObject({ locator: 'sheet "Transfers", row 2' });
    expect(evidenceForTransfer(db, ts[3]!.id)[0]!.excerpt).toMatch(/^2024-12-31 \| Apex Labs Inc \| Borealis Compute LLC/);
    const audit = db.prepare(`SELECT summary FROM audit_log ORDER BY seq DESC LIMIT 1`).pluck().get() as string;
    expect(audit).toMatch(/imported its valid part, leaving out 1 problems/);
  });

  it('reads a chosen sheet and says when it has no header row', async () => {
    const { db } = tempLedger();
    const err = await refusal(previewSpreadsheet(db, 'transfers.xlsx', fixture('transfers.xlsx'), { options: { sheet: 'Nope' } }));
    expect(err.message).toMatch(/there is no sheet "Nope" \(sheets: Transfers, Notes\)/);
    const notes = await previewSpreadsheet(db, 'transfers.xlsx', fixture('transfers.xlsx'), { options: { sheet: 'Notes' } });
    expect(notes.problems.join('\n')).toMatch(/no column gives "date"/);
  });
});

describe('spreadsheet import: a file with errors', () => {
  it('imports nothing, naming line and column, unless the valid part is chosen; that choice is recorded', async () => {
    const { db } = tempLedger();
    const before = snapshot(db);
    const err = await refusal(importSpreadsheet(db, 'with-errors.csv', fixture('with-errors.csv')));
    expect(err.message).toBe('with-errors.csv: 2 problems; nothing was imported.');
    expect(err.details).toEqual([
      'with-errors.csv line 3, column "date": "2024-02-30" is not a calendar date',
      'with-errors.csv line 4, column "amount": "12.5.0" is not a number',
    ]);
    expect(snapshot(db)).toEqual(before);
    const r = await importSpreadsheet(db, 'with-errors.csv', fixture('with-errors.csv'), { importValidPart: true });
    expect(r).toMatchObject({ transfers: 2, problemsLeftOut: 2, validPartOnly: true });
    expect(batch(db, r.batchId)).toMatchObject({ validPartOnly: 1, rows: 2 });
    expect(JSON.parse(batch(db, r.batchId).problems!)).toHaveLength(2);
    // The same bytes again add nothing.
    const again = await refusal(importSpreadsheet(db, 'copy.csv', fixture('with-errors.csv'), { importValidPart: true }));
    expect(again.message).toMatch(/copy\.csv: this exact file was already imported \(batch 1\)/);
    expect((await previewSpreadsheet(db, 'copy.csv', fixture('with-errors.csv'))).alreadyImportedBatch).toBe(1);
  });
});

describe('spreadsheet import: duplicates', () => {
  it('skips rows already in the ledger (same parties, date, resource and amount), shows them in the preview, and refuses a file of nothing else', async () => {
    const { db, dir: d } = tempLedger();
    await importSpreadsheet(db, 'tab.tsv', fixture('tab.tsv'));
    const file = path.join(d, 'may-again.csv');
    // The second row of tab.tsv written another way (comma file, other header names), and one new row.
    fs.writeFileSync(file, 'Datum,Zahler,Empfänger,Gegenstand,Betrag,Währung\n02.05.2024,Beta SA,Alpha Ltd,Repayment,"12.000,00",EUR\n13.06.2024,Beta SA,Alpha Ltd,Repayment,"500,00",EUR\n');
    const p = await previewSpreadsheet(db, 'may-again.csv', fs.readFileSync(file));
    expect(p.counts).toEqual({ transfers: 1, newEntities: 0, duplicates: 1 });
    expect(p.duplicates).toEqual(['may-again.csv line 2: the same as transfer #2 already in the ledger; skipped']);
    const r = await importSpreadsheet(db, 'may-again.csv', fs.readFileSync(file));
    expect(r).toMatchObject({ transfers: 1, duplicatesSkipped: 1 });
    expect(count(db, 'transfers')).toBe(4);
    const only = path.join(d, 'only-old.csv');
    fs.writeFileSync(only, 'date,from,to,resource,amount,currency\n2024-05-03,Alpha Ltd,Gamma BV,Services,"99,90",EUR\n');
    const before = snapshot(db);
    const err = await refusal(importSpreadsheet(db, 'only-old.csv', fs.readFileSync(only)));
    expect(err.message).toBe('only-old.csv: all 1 rows are already in the ledger; nothing was added.');
    expect(snapshot(db)).toEqual(before);
  });
});

describe('spreadsheet import: presets', () => {
  it('saves a corrected mapping by name and finds it again for a file with the same headers', async () => {
    const { db, dir: d } = tempLedger();
    const mapping = ['date', 'from', 'to', 'resource', null, 'amount', 'currency', null] as const;
    await importSpreadsheet(db, 'buchungen.csv', fixture('german-bom-semicolon.csv'), { mapping: [...mapping], savePresetAs: 'Hausbank export' });
    expect(allTransfers(db).every((t) => t.description === '' && t.quantity === null)).toBe(true);
    const presets = listPresets(db);
    expect(presets).toHaveLength(1);
    expect(presets[0]).toMatchObject({ name: 'Hausbank export', format: 'csv', mapping: [...mapping] });
    expect(presets[0]!.options).toMatchObject({ dateFormat: 'dmy', decimal: ',', delimiter: ';' });
    // A new month's export from the same bank: same header row, other rows.
    const next = path.join(d, 'januar.csv');
    fs.writeFileSync(next, '\ufeffDatum;Zahler;Empfänger;Gegenstand;Menge;Betrag;Währung;Verwendungszweck\r\n05.01.2025;Müller Holding GmbH;Neue Partner KG;Miete;1;2.000,00;EUR;Januar\r\n');
    const p = await previewSpreadsheet(db, 'januar.csv', fs.readFileSync(next));
    expect(p.preset).toEqual({ id: presets[0]!.id, name: 'Hausbank export' });
    expect(p.mapping).toEqual([...mapping]);
    expect(p.entities.map((e) => [e.name, e.match.status])).toEqual([['Müller Holding GmbH', 'matched'], ['Neue Partner KG', 'new']]);
    deletePreset(db, presets[0]!.id);
    expect(listPresets(db)).toEqual([]);
    expect((await previewSpreadsheet(db, 'januar.csv', fs.readFileSync(next))).preset).toBeNull();
  });
});

function writeBigCsv(file: string, rows: number): number {
  const lines = ['date,from,to,resource,amount,currency,description'];
  for (let i = 0; i < rows; i++) lines.push(`2024-${String(1 + (i % 12)).padStart(2, '0')}-15,Firm ${i % 97},Firm ${(i % 97) + 1},Item ${i},${1000 + i}.25,EUR,Row ${i} – für Müller`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return fs.statSync(file).size;
}

describe('spreadsheet import: streaming', () => {
  it('imports a large file in chunks with progress, storing it in parts that serve as evidence', async () => {
    const { db } = tempLedger();
    const file = path.join(tempDir(), 'big.csv');
    const size = writeBigCsv(file, 40_000);
    const progress: ImportProgress[] = [];
    const r = await importCsvStream(db, await fileSource(file, 'big.csv'), { onProgress: (p) => progress.push(p) });
    expect(r.transfers).toBe(40_000);
    expect(count(db, 'transfers')).toBe(40_000);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ rows: 40_000, bytes: size, totalBytes: size });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
    expect(count(db, 'document_parts')).toBe(Math.ceil(size / (1 << 20)));
    expect(db.prepare(`SELECT content FROM documents`).pluck().get()).toBeNull();
    // Rows on both sides of a part boundary read back exactly from the parts.
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (const n of [0, 7_000, 39_999]) {
      const t = db.prepare(`SELECT id, source_line AS line FROM transfers WHERE resource = ?`).get(`Item ${n}`) as { id: number; line: number };
      expect(evidenceForTransfer(db, t.id)[0]).toMatchObject({ locator: `line ${t.line}`, excerpt: lines[t.line - 1] });
    }
    const again = await refusal(importCsvStream(db, await fileSource(file, 'big-again.csv')));
    expect(again.message).toMatch(/already imported/);
  });

  it('cancels cleanly: the ledger, its documents and its audit log are exactly as before', async () => {
    const { db } = tempLedger();
    await importSpreadsheet(db, 'tab.tsv', fixture('tab.tsv'));
    const before = snapshot(db);
    const file = path.join(tempDir(), 'big.csv');
    writeBigCsv(file, 30_000);
    const abort = new AbortController();
    let calls = 0;
    const err = await refusal(importCsvStream(db, await fileSource(file, 'big.csv'), { signal: abort.signal, onProgress: () => { if (++calls === 2) abort.abort(); } }));
    expect(err.message).toBe('big.csv: the import was cancelled; nothing was imported.');
    expect(snapshot(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    // And it can be imported afterwards.
    expect((await importCsvStream(db, await fileSource(file, 'big.csv'))).transfers).toBe(30_000);
  });

  it('streams bytes already in memory the same way, keeping them as the document content', async () => {
    const { db } = tempLedger();
    const r = await importCsvStream(db, bufferSource('buchungen.csv', fixture('german-bom-semicolon.csv')));
    expect(r.transfers).toBe(3);
    expect(count(db, 'document_parts')).toBe(0);
    const t = allTransfers(db).find((x) => x.date === '2024-12-31')!;
    expect(evidenceForTransfer(db, t.id)[0]!.excerpt).toBe('31.12.2024;Müller Holding GmbH;Björn Schäfer Beteiligungs AG;Beratungsleistung;;1.234,56;EUR;Jahresabschluss Gebühr');
    const amb = await refusal(importCsvStream(db, bufferSource('amb.csv', fixture('ambiguous-dates.csv'))));
    expect(amb.details[0]).toMatch(/column "Date": every date fits both/);
  });
});
