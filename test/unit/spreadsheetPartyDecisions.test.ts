// Spreadsheet parties that may already be in the ledger under another name are asked about, never
// merged or added silently: the preview lists them with their candidates, the import (streamed
// CSV, in-memory CSV, XLSX, the channel and the CLI path) refuses until each has a decision, and
// a decision for an existing entity is kept as its alias (with the batch, so undo removes it).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importSpreadsheet, previewSpreadsheet } from '../../electron/core/importers/spreadsheet/spreadsheetImport';
import { bufferSource, importCsvStream } from '../../electron/core/importers/spreadsheet/streamImport';
import { importSpreadsheetFile } from '../../electron/core/importers/spreadsheet/cliImport';
import { PartiesUndecidedError, parsePartyOptions } from '../../electron/core/importers/spreadsheet/partyDecisions';
import { createEntity, mergeEntities } from '../../electron/core/ledger/edits';
import { allTransfers } from '../../electron/core/ledger/read';
import { auditEntries, verifyAuditLog } from '../../electron/core/ledger/auditLog';
import { undoImport } from '../../electron/core/ledger/imports';
import { AppError } from '../../electron/core/errors';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers } from '../../electron/core/handlers';
import { LedgerSession } from '../../electron/core/session';
import type { EventName, EventPayload } from '../../shared/contract';
import type { Db } from '../../electron/core/db/open';
import { count, tempDir, tempLedger, refusal } from './tempLedger';

const header = 'date,from,to,resource,amount,currency';
const csv = (...rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n');
/** "Acme Holdings LLC" is "Acme Holdings Inc" apart from its legal form; Zeta is matched exactly; Nova is new. */
const nearMatch = csv(
  '2024-01-15,Acme Holdings LLC,Zeta Partners GmbH,Consulting,1000.00,USD',
  '2024-02-15,Zeta Partners GmbH,Nova Labs Ltd,Licence,2000.00,USD',
);

function ledgerWithAcme(): { db: Db; acme: number; zeta: number; dir: string } {
  const { db, dir } = tempLedger();
  const acme = createEntity(db, { kind: 'company', name: 'Acme Holdings Inc' });
  const zeta = createEntity(db, { kind: 'company', name: 'Zeta Partners GmbH' });
  return { db, acme, zeta, dir };
}

const tables = ['entities', 'entity_aliases', 'transfers', 'documents', 'document_parts', 'evidence', 'import_batches', 'audit_log'];
const snapshot = (db: Db) => Object.fromEntries(tables.map((t) => [t, count(db, t)]));

const partyOf = (db: Db, resource: string) => allTransfers(db).find((t) => t.resource === resource)!;
const aliasesOf = (db: Db, entityId: number) =>
  db.prepare(`SELECT alias, batch_id AS batchId FROM entity_aliases WHERE entity_id = ? ORDER BY id`).all(entityId) as Array<{ alias: string; batchId: number | null }>;

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Transfers');
  ws.addRow(header.split(','));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('spreadsheet parties that may already be in the ledger', () => {
  it('previews the near match with its candidate, and refuses the import without a decision, writing nothing', async () => {
    const { db, acme } = ledgerWithAcme();
    const p = await previewSpreadsheet(db, 'near.csv', nearMatch);
    const acmeLlc = p.entities.find((e) => e.name === 'Acme Holdings LLC')!;
    expect(acmeLlc.match).toMatchObject({ status: 'uncertain', candidates: [{ entityId: acme, entityName: 'Acme Holdings Inc', why: 'same name apart from its legal form' }] });
    expect(p.entities.find((e) => e.name === 'Zeta Partners GmbH')!.match).toMatchObject({ status: 'matched', by: 'name' });
    expect(p.entities.find((e) => e.name === 'Nova Labs Ltd')!.match.status).toBe('new');
    // The preview still counts: the undecided party is counted as new until a choice is made.
    expect(p).toMatchObject({ counts: { transfers: 2, newEntities: 2 }, undecidedParties: 1, uncertainNotShown: 0, problemCount: 0 });

    const before = snapshot(db);
    const head = verifyAuditLog(db);
    for (const attempt of [
      () => importCsvStream(db, bufferSource('near.csv', nearMatch)),
      () => importSpreadsheet(db, 'near.csv', nearMatch),
    ]) {
      const err = await refusal(attempt());
      expect(err).toBeInstanceOf(PartiesUndecidedError);
      expect(err.message).toContain('near.csv: this party may already be in the ledger');
      expect(err.message).toContain('Acme Holdings LLC');
      expect(err.details).toEqual([`Acme Holdings LLC: "Acme Holdings Inc" (#${acme}, same name apart from its legal form)`]);
      expect(snapshot(db)).toEqual(before);
      expect(verifyAuditLog(db)).toEqual(head);
    }
  });

  it('uses the entity a decision names, keeps the spelling as its alias, and the next file matches it without asking', async () => {
    const { db, acme, zeta } = ledgerWithAcme();
    const p = await previewSpreadsheet(db, 'near.csv', nearMatch, { partyDecisions: { 'Acme Holdings LLC': acme } });
    expect(p).toMatchObject({ counts: { transfers: 2, newEntities: 1 }, undecidedParties: 0 });

    const r = await importCsvStream(db, bufferSource('near.csv', nearMatch), { partyDecisions: { 'Acme Holdings LLC': acme } });
    expect(r).toMatchObject({ transfers: 2, newEntities: 1, aliasesAdded: 1, undecidedCount: 0 });
    expect(partyOf(db, 'Consulting').from).toMatchObject({ id: acme, name: 'Acme Holdings Inc' });
    expect(partyOf(db, 'Consulting').to.id).toBe(zeta);
    expect(aliasesOf(db, acme)).toEqual([{ alias: 'Acme Holdings LLC', batchId: r.batchId }]);
    const audit = auditEntries(db, { limit: 1 })[0]!;
    expect(audit.action).toBe('import.csv');
    expect(audit.details).toMatchObject({ partyDecisions: { 'Acme Holdings LLC': acme }, aliasesAdded: 1 });

    // The same spelling in another file is now the alias: matched, no decision asked for.
    const next = csv('2024-03-01,Acme Holdings LLC,Nova Labs Ltd,Services,500.00,USD');
    const p2 = await previewSpreadsheet(db, 'next.csv', next);
    expect(p2.entities.find((e) => e.name === 'Acme Holdings LLC')!.match).toMatchObject({ status: 'matched', entityId: acme, by: 'alias' });
    expect(p2.undecidedParties).toBe(0);
    const r2 = await importCsvStream(db, bufferSource('next.csv', next));
    expect(r2).toMatchObject({ transfers: 1, newEntities: 0, aliasesAdded: 0 });
    expect(partyOf(db, 'Services').from.id).toBe(acme);

    // Undoing the first batch takes the alias it taught away again: a third file asks once more.
    undoImport(db, r.batchId, 'test');
    expect(aliasesOf(db, acme)).toEqual([]);
    const err = await refusal(importCsvStream(db, bufferSource('third.csv', csv('2024-04-01,Acme Holdings LLC,Zeta Partners GmbH,Audit,1.00,USD'))));
    expect(err).toBeInstanceOf(PartiesUndecidedError);
  });

  it("adds a new entity for the decision 'new', and the same normalised spelling later in the file reuses it", async () => {
    const { db, acme } = ledgerWithAcme();
    const file = csv(
      '2024-01-15,Acme Holdings LLC,Zeta Partners GmbH,Consulting,1000.00,USD',
      '2024-01-16,ACME HOLDINGS LLC,Zeta Partners GmbH,Consulting 2,1000.00,USD',
    );
    const r = await importCsvStream(db, bufferSource('new.csv', file), { partyDecisions: { 'Acme Holdings LLC': 'new', 'ACME HOLDINGS LLC': 'new' } });
    expect(r).toMatchObject({ transfers: 2, newEntities: 1, aliasesAdded: 0 });
    const from = partyOf(db, 'Consulting').from;
    expect(from.id).not.toBe(acme);
    expect(from.name).toBe('Acme Holdings LLC');
    expect(partyOf(db, 'Consulting 2').from.id).toBe(from.id);
    expect(count(db, 'entity_aliases')).toBe(0);
  });

  it('refuses a decision naming an entity that does not exist or was merged, naming the party and the id', async () => {
    const { db, acme } = ledgerWithAcme();
    const before = snapshot(db);
    const missing = await refusal(importCsvStream(db, bufferSource('near.csv', nearMatch), { partyDecisions: { 'Acme Holdings LLC': 9999 } }));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toMatch(/near\.csv: the decision for the party "Acme Holdings LLC" names entity #9999, which is not in the ledger/);
    expect(snapshot(db)).toEqual(before);

    const old = createEntity(db, { kind: 'company', name: 'Acme Old Name Ltd' });
    mergeEntities(db, acme, old, 'the same firm');
    const beforeMerged = snapshot(db);
    const merged = await refusal(importSpreadsheet(db, 'near.csv', nearMatch, { partyDecisions: { 'Acme Holdings LLC': old } }));
    expect(merged.message).toContain(`names entity #${old}, which was merged into entity #${acme}`);
    expect(snapshot(db)).toEqual(beforeMerged);
  });

  it('asks about a name several entities share', async () => {
    const { db } = tempLedger();
    const a = createEntity(db, { kind: 'company', name: 'Orion Capital' });
    const b = createEntity(db, { kind: 'fund', name: 'Orion Capital' });
    const file = csv('2024-05-01,Orion Capital,Lyra Ltd,Fees,10.00,EUR');
    const p = await previewSpreadsheet(db, 'orion.csv', file);
    expect(p.entities.find((e) => e.name === 'Orion Capital')!.match).toMatchObject({ status: 'uncertain', candidates: [{ entityId: a, why: 'several entities have this name' }, { entityId: b }] });
    await expect(importCsvStream(db, bufferSource('orion.csv', file))).rejects.toBeInstanceOf(PartiesUndecidedError);
    const r = await importCsvStream(db, bufferSource('orion.csv', file), { partyDecisions: { 'Orion Capital': b } });
    expect(partyOf(db, 'Fees').from.id).toBe(b);
    expect(r.aliasesAdded).toBe(0); // the spelling is already the entity's name
  });

  it('asks about a party named as "intended for" too', async () => {
    const { db, acme } = ledgerWithAcme();
    const file = Buffer.from('date,from,to,resource,amount,currency,intended_for,status\n2024-07-01,Zeta Partners GmbH,Nova Labs Ltd,GPUs,9.00,USD,Acme Holdings LLC,redirected\n');
    const p = await previewSpreadsheet(db, 'meant.csv', file);
    expect(p.mapping).toContain('intended_for');
    expect(p.entities.find((e) => e.name === 'Acme Holdings LLC')!.match).toMatchObject({ status: 'uncertain', candidates: [{ entityId: acme }] });
    const before = snapshot(db);
    const err = await refusal(importCsvStream(db, bufferSource('meant.csv', file)));
    expect(err.details).toEqual([`Acme Holdings LLC: "Acme Holdings Inc" (#${acme}, same name apart from its legal form)`]);
    expect(snapshot(db)).toEqual(before);
    await importCsvStream(db, bufferSource('meant.csv', file), { partyDecisions: { 'Acme Holdings LLC': acme } });
    expect(partyOf(db, 'GPUs').intendedFor?.id).toBe(acme);
  });

  it('does the same for an XLSX workbook', async () => {
    const { db, acme } = ledgerWithAcme();
    const book = await xlsx([
      ['2024-01-15', 'Acme Holdings LLC', 'Zeta Partners GmbH', 'Consulting', '1000.00', 'USD'],
      ['2024-02-15', 'Zeta Partners GmbH', 'Acme Holdings LLC', 'Refund', '200.00', 'USD'],
    ]);
    const p = await previewSpreadsheet(db, 'near.xlsx', book);
    expect(p.format).toBe('xlsx');
    expect(p.entities.find((e) => e.name === 'Acme Holdings LLC')!.match).toMatchObject({ status: 'uncertain', candidates: [{ entityId: acme }] });
    const before = snapshot(db);
    const err = await refusal(importSpreadsheet(db, 'near.xlsx', book));
    expect(err).toBeInstanceOf(PartiesUndecidedError);
    expect(err.details[0]).toContain('Acme Holdings LLC: "Acme Holdings Inc"');
    expect(snapshot(db)).toEqual(before);
    const r = await importSpreadsheet(db, 'near.xlsx', book, { partyDecisions: { 'Acme Holdings LLC': acme } });
    expect(r).toMatchObject({ format: 'xlsx', transfers: 2, newEntities: 0, aliasesAdded: 1 });
    expect(partyOf(db, 'Consulting').from.id).toBe(acme);
    expect(partyOf(db, 'Refund').to.id).toBe(acme);
  });

  it('is not bypassed by "import the valid part", and lists the party even after a row problem', async () => {
    const { db, acme } = ledgerWithAcme();
    const file = csv(
      '2024-02-30,Omega Ltd,Zeta Partners GmbH,Loan,12.50,USD',
      '2024-02-15,Zeta Partners GmbH,Omega Ltd,Interest,10.00,USD',
      '2024-03-15,Acme Holdings LLC,Omega Ltd,Consulting,1000.00,USD',
    );
    const before = snapshot(db);
    for (const importValidPart of [true, false]) {
      const err = await refusal(importCsvStream(db, bufferSource('mixed.csv', file), { importValidPart }));
      expect(err).toBeInstanceOf(PartiesUndecidedError);
      expect(err.message).toContain('Acme Holdings LLC');
      expect(err.details[0]).toBe(`Acme Holdings LLC: "Acme Holdings Inc" (#${acme}, same name apart from its legal form)`);
      // The row problem is listed as well.
      expect(err.details.some((d) => /mixed\.csv line 2, column "date"/.test(d))).toBe(true);
      expect(snapshot(db)).toEqual(before);
    }
    // Decided, the valid part goes in and the bad row is left out.
    const r = await importCsvStream(db, bufferSource('mixed.csv', file), { importValidPart: true, partyDecisions: { 'Acme Holdings LLC': acme } });
    expect(r).toMatchObject({ transfers: 2, validPartOnly: true, problemsLeftOut: 1 });
  });

  it('lists parties to decide beyond the preview\'s first 200 names', async () => {
    const { db, acme } = ledgerWithAcme();
    const rows = Array.from({ length: 220 }, (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')},Payer ${i} Ltd,Payee ${i} Ltd,Row ${i},1.00,USD`);
    const file = csv(...rows, '2024-06-30,Acme Holdings LLC,Payee 1 Ltd,Late,1.00,USD');
    const p = await previewSpreadsheet(db, 'long.csv', file);
    expect(p.entities.length).toBeGreaterThan(200);
    expect(p.entities.find((e) => e.name === 'Acme Holdings LLC')!.match).toMatchObject({ status: 'uncertain', candidates: [{ entityId: acme }] });
    expect(p).toMatchObject({ undecidedParties: 1, uncertainNotShown: 0 });
  });

  it('through the channels: the contract carries the decisions both ways', async () => {
    const dir = tempDir();
    const session = new LedgerSession(dir, path.join(dir, 'channels.armslength'));
    const handlers = createHandlers(session, {
      appVersion: 'test', printPdf: () => Promise.reject(new Error('no printing in this test')),
      emit: <E extends EventName>(_event: E, _payload: EventPayload<E>) => undefined,
    });
    const call = (channel: string, input: unknown) => dispatch(handlers, channel, input);
    const acme = createEntity(session.db, { kind: 'company', name: 'Acme Holdings Inc' });
    const contentBase64 = nearMatch.toString('base64');
    const preview = await call('spreadsheet:preview', { fileName: 'near.csv', contentBase64 });
    expect(preview).toMatchObject({ ok: true, value: { undecidedParties: 1, entities: expect.arrayContaining([{ name: 'Acme Holdings LLC', match: expect.objectContaining({ status: 'uncertain' }) }]) } });
    expect(await call('spreadsheet:import', { fileName: 'near.csv', contentBase64 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Acme Holdings LLC') } });
    expect(await call('spreadsheet:import', { fileName: 'near.csv', contentBase64, partyDecisions: { 'Acme Holdings LLC': 'maybe' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const done = await call('spreadsheet:import', { fileName: 'near.csv', contentBase64, partyDecisions: { ' Acme Holdings LLC ': acme } });
    expect(done).toMatchObject({ ok: true, value: { transfers: 2, newEntities: 2 } });
    expect(partyOf(session.db, 'Consulting').from.id).toBe(acme);
    session.close();
  });

  it('on the command-line path: --party NAME=ID says which entity a party is (parsed and checked first)', async () => {
    expect(parsePartyOptions(['Acme Holdings LLC=12', 'Ben=Jerry Co=new', ' Zeta = 3 '])).toEqual({ 'Acme Holdings LLC': 12, 'Ben=Jerry Co': 'new', Zeta: 3 });
    for (const bad of ['Acme', '=12', 'Acme=', 'Acme=0', 'Acme=1.5', 'Acme=#12']) expect(() => parsePartyOptions([bad])).toThrow(`--party "${bad}": expected NAME=ENTITY_ID`);
    expect(() => parsePartyOptions(['Acme=1', 'Acme=new'])).toThrow('--party: "Acme" is decided twice');
    const { db, acme, dir } = ledgerWithAcme();
    const file = path.join(dir, 'near.csv');
    fs.writeFileSync(file, nearMatch);
    const out = await importSpreadsheetFile(db, file, { partyDecisions: parsePartyOptions([`Acme Holdings LLC=${acme}`, 'Acme Holdngs LLC=new']) });
    expect(partyOf(db, 'Consulting').from.id).toBe(acme);
    expect(out).toMatch(/; --party not used for "Acme Holdngs LLC": the file asked about no party of that name$/);
  });

  it('on the command-line path: refused with the list unless --new-entities adds them as new', async () => {
    const { db, acme, dir } = ledgerWithAcme();
    const file = path.join(dir, 'near.csv');
    fs.writeFileSync(file, nearMatch);
    const before = snapshot(db);
    const err = await refusal(importSpreadsheetFile(db, file, {}));
    expect(err.message).toBe('near.csv: these parties may already be in the ledger; decide with --party "NAME=ENTITY_ID" (or NAME=new) for each, in the app, or pass --new-entities to add them all as new:');
    expect(err.details).toEqual([`  Acme Holdings LLC: "Acme Holdings Inc" (#${acme}, same name apart from its legal form)`]);
    expect(snapshot(db)).toEqual(before);

    const book = path.join(dir, 'near.xlsx');
    fs.writeFileSync(book, await xlsx([['2024-03-01', 'Acme Holdings LLC', 'Zeta Partners GmbH', 'Audit', '5.00', 'USD']]));
    await expect(importSpreadsheetFile(db, book, {})).rejects.toThrow(/near\.xlsx: these parties may already be in the ledger/);

    const out = await importSpreadsheetFile(db, file, { newEntities: true });
    expect(out).toMatch(/^Imported 2 transfers from .*near\.csv \(batch \d+, 2 new entities\); 1 of them may already be in the ledger under another name \(--new-entities\)$/);
    const from = partyOf(db, 'Consulting').from;
    expect(from).toMatchObject({ name: 'Acme Holdings LLC' });
    expect(from.id).not.toBe(acme);
    expect(auditEntries(db, { limit: 1 })[0]!.details).toMatchObject({ uncertainAddedAsNew: 1, partyDecisions: {} });
  });
});
