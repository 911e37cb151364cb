import { describe, expect, it } from 'vitest';
import { createAffiliation, createEntity, createPriceBand, createTransfer, deleteTransfer, mergeEntities, updateTransfer } from '../../electron/core/ledger/edits';
import { listImports, undoImport } from '../../electron/core/ledger/imports';
import { transfersAsOf } from '../../electron/core/ledger/asOf';
import { auditEntries, verifyAuditLog } from '../../electron/core/ledger/auditLog';
import { bufferSource, importCsvStream } from '../../electron/core/importers/spreadsheet/streamImport';
import { listFlags, reviewFlag } from '../../electron/core/conflicts/flags';
import { AppError } from '../../electron/core/errors';
import type { Db } from '../../electron/core/db/open';
import { count, tempLedger, tempSampleLedger } from './tempLedger';

/** The spreadsheet pipeline's CSV import, from bytes in memory. */
const importCsv = (db: Db, name: string, bytes: Buffer) => importCsvStream(db, bufferSource(name, bytes));

/** Timestamps have millisecond resolution: make sure the next write is recorded later. */
function later(): string {
  const t = Date.now();
  while (Date.now() <= t + 1) { /* wait for the clock */ }
  const at = new Date().toISOString();
  while (Date.now() <= Date.parse(at) + 1) { /* and once more after the mark */ }
  return at;
}

function refusal(f: () => unknown): AppError {
  try { f(); } catch (err) { if (err instanceof AppError) return err; throw err; }
  throw new Error('expected a refusal');
}

function twoFirms(db: Db) {
  const a = createEntity(db, { kind: 'company', name: 'Alpha Holdings AG', identifiers: [{ scheme: 'lei', value: '529900ALPHA00000001' }] });
  const b = createEntity(db, { kind: 'company', name: 'Beta Compute GmbH' });
  return { a, b };
}

const auditCount = (db: Db) => count(db, 'audit_log');

describe('writing to the ledger', () => {
  it('refuses bad transfers with the field named, and writes nothing', () => {
    const { db } = tempLedger();
    const { a, b } = twoFirms(db);
    const before = [count(db, 'transfers'), auditCount(db)];
    const base = { fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amount: '100.00', currency: 'USD', date: '2024-01-31' };
    const cases: Array<[object, RegExp]> = [
      [{ currency: 'USX' }, /currency: "USX" is not an ISO 4217 currency code/],
      [{ resourceType: 'gpu', quantity: -5, amount: null, currency: null }, /quantity: cannot be negative/],
      [{ toId: a }, /toId: a transfer's from and to must be different parties/],
      [{ currency: null }, /currency: an amount needs a currency/],
      [{ date: '2024-02-30' }, /date: expected YYYY-MM-DD, YYYY-MM or YYYY/],
      [{ amount: '-3' }, /amount: expected a non-negative decimal/],
      [{ amount: '1.234' }, /amount: "1.234" has more decimals than USD allows/],
      [{ fromId: 9999 }, /fromId: no entity with id 9999/],
    ];
    for (const [patch, message] of cases) {
      const err = refusal(() => createTransfer(db, { ...base, ...patch }));
      expect(err.code).toBe('invalid_input');
      expect(err.message).toMatch(message);
    }
    expect([count(db, 'transfers'), auditCount(db)]).toEqual(before);
    const id = createTransfer(db, base);
    expect(db.prepare(`SELECT amount_minor FROM transfers WHERE id = ?`).pluck().get(id)).toBe(10_000);
  });

  it('refuses bad affiliations and entities with the field named', () => {
    const { db } = tempLedger();
    const { a, b } = twoFirms(db);
    expect(refusal(() => createAffiliation(db, { subjectId: a, objectId: b, kind: 'ownership', equityPct: 120 })).message)
      .toMatch(/equityPct: an ownership share cannot exceed 100%/);
    expect(refusal(() => createAffiliation(db, { subjectId: a, objectId: b, kind: 'control', validFrom: '2024-05-01', validTo: '2023-01-01' })).message)
      .toMatch(/validTo: ends \(2023-01-01\) before it starts \(2024-05-01\)/);
    expect(refusal(() => createAffiliation(db, { subjectId: a, objectId: a, kind: 'control' })).message).toMatch(/objectId: an affiliation links two different parties/);
    expect(refusal(() => createAffiliation(db, { subjectId: a, objectId: b, kind: 'role' })).message).toMatch(/role: a role affiliation needs a role/);
    expect(refusal(() => createEntity(db, { kind: 'company', name: '  ' })).message).toMatch(/name: a name is required/);
    expect(refusal(() => createEntity(db, { kind: 'company', name: 'Alpha again', identifiers: [{ scheme: 'lei', value: '529900ALPHA00000001' }] })).message)
      .toMatch(/identifiers: LEI 529900ALPHA00000001 already belongs to entity/);
    expect(count(db, 'affiliations')).toBe(0);
    expect(count(db, 'entities')).toBe(2);
  });
});

describe('the price book', () => {
  it('takes a user band and refuses a band that is out of order, naming the field', () => {
    const { db } = tempLedger();
    const band = { resourceKey: 'nvidia-b200', label: 'Nvidia B200 GPU', unit: 'unit', currency: 'usd', low: '30000', base: '35000', high: '40000', validFrom: '2025-01-01', validTo: '2025-12-31', source: 'analyst notes' };
    const id = createPriceBand(db, band);
    expect(db.prepare(`SELECT currency, low_minor, high_minor FROM price_bands WHERE id = ?`).get(id)).toEqual({ currency: 'USD', low_minor: 3_000_000, high_minor: 4_000_000 });
    expect(refusal(() => createPriceBand(db, { ...band, base: '45000' })).message).toMatch(/high: the high price is below the base price/);
    expect(refusal(() => createPriceBand(db, { ...band, validTo: '2024-01-01' })).message).toMatch(/validTo: ends \(2024-01-01\) before it starts/);
    expect(refusal(() => createPriceBand(db, { ...band, resourceKey: 'Nvidia B200' })).message).toMatch(/resourceKey: use lower-case letters/);
    expect(count(db, 'price_bands')).toBe(1);
  });
});

describe('history: the ledger as it was known', () => {
  it('keeps every version of an edited and a deleted transfer', () => {
    const { db } = tempLedger();
    const { a, b } = twoFirms(db);
    const id = createTransfer(db, { fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amount: '100.00', currency: 'USD', date: '2024-01-31' });
    const t1 = later();
    updateTransfer(db, id, { amount: '250.00', description: 'corrected after the audit' });
    const t2 = later();
    deleteTransfer(db, id, 'duplicate of another row');
    const t3 = later();
    expect(transfersAsOf(db, t1).map((t) => [t.id, t.amountMinor])).toEqual([[id, 10_000]]);
    expect(transfersAsOf(db, t2).map((t) => [t.id, t.amountMinor, t.description])).toEqual([[id, 25_000, 'corrected after the audit']]);
    expect(transfersAsOf(db, t3)).toEqual([]);
    expect(transfersAsOf(db, '2000-01-01T00:00:00.000Z')).toEqual([]);
    const [del, upd] = auditEntries(db, { limit: 2 });
    expect(del!.action).toBe('transfer.delete');
    expect(upd).toMatchObject({ action: 'transfer.update', details: { before: { amount_minor: 10_000 }, after: { amount_minor: 25_000 } } });
    expect(refusal(() => deleteTransfer(db, id, 'again')).code).toBe('not_found');
  });

  it('a no-op update changes nothing and logs nothing', () => {
    const { db } = tempLedger();
    const { a, b } = twoFirms(db);
    const id = createTransfer(db, { fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amount: '100.00', currency: 'USD', date: '2024-01' });
    const before = [auditCount(db), count(db, 'fact_history')];
    updateTransfer(db, id, { amount: '100', date: '2024-01' });
    expect([auditCount(db), count(db, 'fact_history')]).toEqual(before);
  });
});

describe('merging duplicate entities', () => {
  it('moves everything to the entity that stays and keeps both histories', async () => {
    const { db } = tempSampleLedger();
    const tesla = db.prepare(`SELECT id FROM entities WHERE name = 'Tesla, Inc.'`).pluck().get() as number;
    const x = db.prepare(`SELECT id FROM entities WHERE name = 'X Corp.'`).pluck().get() as number;
    const dup = createEntity(db, { kind: 'company', name: 'Tesla Motors Inc' });
    const t = createTransfer(db, { fromId: dup, toId: x, resourceType: 'cash', resource: 'ads', amount: '5000', currency: 'USD', date: '2024-03-01' });
    const beforeMerge = later();
    expect(refusal(() => mergeEntities(db, tesla, dup, '')).message).toMatch(/reason/);
    mergeEntities(db, tesla, dup, 'same company: Tesla Motors renamed to Tesla, Inc. in 2017');
    expect(db.prepare(`SELECT from_id FROM transfers WHERE id = ?`).pluck().get(t)).toBe(tesla);
    expect(db.prepare(`SELECT merged_into_id FROM entities WHERE id = ?`).pluck().get(dup)).toBe(tesla);
    expect(db.prepare(`SELECT alias FROM entity_aliases WHERE entity_id = ?`).pluck().all(tesla)).toContain('Tesla Motors Inc');
    // Before the merge, the ledger knew the transfer as coming from the duplicate.
    expect(transfersAsOf(db, beforeMerge).find((r) => r.id === t)).toMatchObject({ fromId: dup, fromName: 'Tesla Motors Inc' });
    // Later imports that use the old name land on the entity that stayed.
    await importCsv(db, 'later.csv', Buffer.from('date,from,to,resource,amount,currency\n2024-04-01,Tesla Motors Inc,X Corp.,ads,10,USD\n'));
    expect(db.prepare(`SELECT count(*) FROM transfers WHERE from_id = ? AND occurred_on = '2024-04-01'`).pluck().get(tesla)).toBe(1);
    expect(refusal(() => createTransfer(db, { fromId: dup, toId: x, resourceType: 'cash', resource: 'x', date: '2024' })).message).toMatch(/fromId: entity \d+ was merged into entity/);
    expect(auditEntries(db, { limit: 5 }).some((e) => e.action === 'entity.merge')).toBe(true);
  });

  it('refuses to merge two entities that have transfers between them', () => {
    const { db } = tempLedger();
    const { a, b } = twoFirms(db);
    createTransfer(db, { fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amount: '1', currency: 'EUR', date: '2024' });
    expect(refusal(() => mergeEntities(db, a, b, 'looked alike')).message).toMatch(/transfers \d+ run between the two entities/);
    expect(db.prepare(`SELECT count(*) FROM entities WHERE merged_into_id IS NOT NULL`).pluck().get()).toBe(0);
  });
});

describe('import batches', () => {
  it('are listed with their file and counts, undone as a whole, and can be imported again', async () => {
    const { db } = tempLedger();
    const csv = Buffer.from('date,from,to,resource,amount,currency\n2024-01-01,New Co One,New Co Two,fee,10,USD\n2024-01-02,New Co Two,New Co One,fee,20,USD\n');
    const r = await importCsv(db, 'batch.csv', csv);
    const imported = later();
    expect(listImports(db)[0]).toMatchObject({ id: r.batchId, fileName: 'batch.csv', rows: 2, newEntities: 2, undoneAt: null });
    expect(undoImport(db, r.batchId, 'wrong client file')).toEqual({ transfers: 2, entities: 2, disclosures: 0 });
    expect([count(db, 'transfers'), count(db, 'entities')]).toEqual([0, 0]);
    expect(listImports(db)[0]!.undoneAt).not.toBeNull();
    expect(refusal(() => undoImport(db, r.batchId, '')).message).toMatch(/already undone/);
    expect(transfersAsOf(db, imported)).toHaveLength(2);
    const again = await importCsv(db, 'batch.csv', csv);
    expect(again.transfers).toBe(2);
    expect(verifyAuditLog(db).ok).toBe(true);
  });

  it('keeps an entity the batch created once something else refers to it', async () => {
    const { db } = tempLedger();
    const r = await importCsv(db, 'b.csv', Buffer.from('date,from,to,resource,amount,currency\n2024-01-01,Kept Co,Gone Co,fee,10,USD\n'));
    const kept = db.prepare(`SELECT id FROM entities WHERE name = 'Kept Co'`).pluck().get() as number;
    const other = createEntity(db, { kind: 'person', name: 'Pat Director' });
    createAffiliation(db, { subjectId: other, objectId: kept, kind: 'role', role: 'director' });
    expect(undoImport(db, r.batchId, '').entities).toBe(1);
    expect(db.prepare(`SELECT name FROM entities ORDER BY id`).pluck().all()).toEqual(['Kept Co', 'Pat Director']);
  });
});

describe('the audit log', () => {
  it('records every change in a chain that verifies', () => {
    const { db } = tempSampleLedger();
    reviewFlag(db, listFlags(db)[0]!.id, 'confirmed', 'checked against the proxy');
    const actions = auditEntries(db).map((e) => e.action).reverse();
    expect(actions).toEqual(['ledger.create', 'sample.load', 'fx.reference', 'flag.review']);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, entries: 4 });
  });

  it('names the first entry that was altered, removed or re-chained', () => {
    const make = () => {
      const { db } = tempLedger();
      const { a, b } = twoFirms(db);
      for (let i = 1; i <= 3; i++) createTransfer(db, { fromId: a, toId: b, resourceType: 'cash', resource: `fee ${i}`, amount: `${i}`, currency: 'USD', date: '2024' });
      return db; // entries: 1 create ledger, 2-3 entities, 4-6 transfers
    };
    let db = make();
    db.prepare(`UPDATE audit_log SET summary = 'nothing to see' WHERE seq = 4`).run();
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, firstBad: 4, problem: expect.stringMatching(/entry 4 .* was altered/) });
    db = make();
    db.prepare(`UPDATE audit_log SET details_json = replace(details_json, '"amount_minor":200', '"amount_minor":2') WHERE seq = 5`).run();
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, firstBad: 5 });
    db = make();
    db.prepare(`DELETE FROM audit_log WHERE seq = 3`).run();
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, firstBad: 3, problem: 'entry 3 is missing' });
    db = make();
    // Rewriting an entry and its own hash still breaks the link from the next one.
    const e = db.prepare(`SELECT * FROM audit_log WHERE seq = 2`).get() as { hash: string };
    db.prepare(`UPDATE audit_log SET hash = ? WHERE seq = 2`).run('f'.repeat(64));
    void e;
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, firstBad: 2 });
  });
});
