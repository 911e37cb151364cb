// Global search (search:global) on real ledger files: what it finds is checked against the
// ledger's own rows, read independently; bounded scans say when they stopped early.
import { describe, expect, it } from 'vitest';
import { searchGlobal } from '../../electron/core/ledger/search';
import { allTransfers } from '../../electron/core/ledger/read';
import { listFlags } from '../../electron/core/conflicts/flags';
import { createEntity, createTransfer } from '../../electron/core/ledger/edits';
import { createHandlers } from '../../electron/core/handlers';
import { dispatch } from '../../electron/core/dispatch';
import { LedgerSession } from '../../electron/core/session';
import { tempDir, tempLedger, tempSampleLedger } from './tempLedger';

const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

describe('global search on the sample ledger', () => {
  it('finds the H100 transfers by resource and description, and the price document by name', () => {
    const { db } = tempSampleLedger();
    const hits = searchGlobal(db, 'H100', 20);
    const expected = allTransfers(db).filter((t) => contains(t.resource, 'h100') || contains(t.description, 'h100')).map((t) => t.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(hits.transfers.map((t) => t.id).sort()).toEqual(expected);
    expect(hits.transfers.some((t) => t.status === 'redirected' && t.from.name === 'Tesla, Inc.' && t.to.name === 'X Corp.')).toBe(true);
    const docs = (db.prepare(`SELECT id, name, issuer FROM documents`).all() as Array<{ id: number; name: string; issuer: string | null }>)
      .filter((d) => contains(d.name, 'h100') || contains(d.issuer ?? '', 'h100')).map((d) => d.id).sort();
    expect(hits.documents.map((d) => d.id).sort()).toEqual(docs);
    expect(hits.partial).toBe(false);
  });

  it('finds entities by name prefix, by a word inside the name, by alias and by identifier', () => {
    const { db } = tempSampleLedger();
    const tesla = searchGlobal(db, 'tes', 8).entities;
    expect(tesla[0]).toMatchObject({ name: 'Tesla, Inc.', matched: 'name' });
    const musk = searchGlobal(db, 'musk', 8).entities.map((e) => e.name);
    const people = (db.prepare(`SELECT name FROM entities`).pluck().all() as string[]).filter((n) => /(^|\W)musk/i.test(n));
    expect(musk.sort()).toEqual(people.sort());
    expect(searchGlobal(db, 'twitter', 8).entities).toEqual([expect.objectContaining({ name: 'X Corp.', matched: 'alias', detail: 'Twitter' })]);
    expect(searchGlobal(db, 'tsla', 8).entities).toEqual([expect.objectContaining({ name: 'Tesla, Inc.', matched: 'identifier', detail: 'TICKER TSLA' })]);
    expect(searchGlobal(db, '0001045', 8).entities).toEqual([expect.objectContaining({ name: 'Nvidia', matched: 'identifier', detail: 'CIK 0001045810' })]);
  });

  it("lists a party's transfers when the party matches, newest first", () => {
    const { db } = tempSampleLedger();
    const boring = db.prepare(`SELECT id FROM entities WHERE name = 'The Boring Company'`).pluck().get() as number;
    const hits = searchGlobal(db, 'boring', 8);
    const expected = allTransfers(db).filter((t) => t.from.id === boring || t.to.id === boring || contains(t.resource, 'boring') || contains(t.description, 'boring'));
    expect(hits.transfers.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    const dates = hits.transfers.map((t) => t.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('finds flags by title, and treats % and _ as plain characters', () => {
    const { db } = tempSampleLedger();
    const expected = listFlags(db).filter((f) => contains(f.title, 'common control') || contains(f.ruleId, 'common control')).map((f) => f.id);
    expect(expected.length).toBeGreaterThan(0);
    const hits = searchGlobal(db, 'common control', 50);
    expect(hits.flags.map((f) => f.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    const wild = searchGlobal(db, '%', 50);
    expect(wild.transfers.every((t) => t.resource.includes('%') || t.description.includes('%'))).toBe(true);
    expect(wild.flags.every((f) => f.title.includes('%'))).toBe(true);
    expect(searchGlobal(db, '   ', 8)).toEqual({ entities: [], transfers: [], documents: [], flags: [], partial: false });
  });

  it('answers through the contract, validating input and output', async () => {
    const session = new LedgerSession(tempDir());
    const handlers = createHandlers(session, { appVersion: 'test', printPdf: async () => Buffer.alloc(0), emit: () => {} });
    const reply = await dispatch(handlers, 'search:global', { query: 'Megapack' });
    expect(reply.ok).toBe(true);
    if (reply.ok) expect((reply.value as { transfers: unknown[] }).transfers.length).toBe(3);
    const bad = await dispatch(handlers, 'search:global', { query: 'x'.repeat(201) });
    expect(bad.ok).toBe(false);
    session.db.close();
  });
});

describe('global search on a larger ledger', () => {
  it('stops free-text scans at their budget and says the answer is partial', () => {
    const { db } = tempLedger();
    const a = createEntity(db, { kind: 'company', name: 'Alpha Holdings' });
    const b = createEntity(db, { kind: 'company', name: 'Beta Compute' });
    for (let i = 1; i <= 12; i++) {
      createTransfer(db, { fromId: a, toId: b, resourceType: 'compute', resource: i === 1 ? 'oldest GPU hours' : `GPU hours batch ${i}`, date: `2024-${String(i).padStart(2, '0')}-15` });
    }
    // Only the newest 5 are scanned: the oldest row's text is out of reach, and the answer says so.
    const narrow = searchGlobal(db, 'oldest', 8, { entityScanRows: 100, transferScanRows: 5, smallScanRows: 100 });
    expect(narrow.transfers).toEqual([]);
    expect(narrow.partial).toBe(true);
    const wide = searchGlobal(db, 'oldest', 8, { entityScanRows: 100, transferScanRows: 50, smallScanRows: 100 });
    expect(wide.transfers.map((t) => t.resource)).toEqual(['oldest GPU hours']);
    expect(wide.partial).toBe(false);
    // A party match still reaches its transfers through the (party, date) index, whatever the budget.
    const party = searchGlobal(db, 'beta', 3, { entityScanRows: 100, transferScanRows: 1, smallScanRows: 100 });
    expect(party.entities.map((e) => e.name)).toEqual(['Beta Compute']);
    expect(party.transfers.map((t) => t.date)).toEqual(['2024-12-15', '2024-11-15', '2024-10-15']);
  });

  it('serves name, alias and identifier prefixes from indexes', () => {
    const { db } = tempLedger();
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    expect(plan(`SELECT id FROM entities WHERE norm_name >= ? AND norm_name < ?`, 'a', 'b')).toMatch(/USING (COVERING )?INDEX entities_by_norm_name/);
    expect(plan(`SELECT entity_id FROM entity_aliases WHERE norm_alias >= ? AND norm_alias < ?`, 'a', 'b')).toMatch(/USING INDEX entity_aliases_by_norm/);
    expect(plan(`SELECT entity_id FROM entity_identifiers WHERE scheme IN ('cik','lei','ticker','isin','registration','other') AND value >= ? AND value < ?`, 'A', 'B'))
      .toMatch(/USING INDEX entity_identifiers_unique \(scheme=\? AND value>\? AND value<\?\)/);
  });
});

// Opt-in timing on a big ledger (e.g. the query benchmark's 1M-transfer file, copied):
// ARMSLENGTH_BIG_LEDGER=/tmp/copy.armslength npx vitest run ... test/unit/search.test.ts
const big = process.env.ARMSLENGTH_BIG_LEDGER;
describe.skipIf(!big)('global search timing on a big ledger', () => {
  it('answers within a bounded time', async () => {
    const { openLedger } = await import('../../electron/core/db/open');
    const db = openLedger(big!);
    for (const q of ['H100', 'acme', 'zzzz-not-there', 'gpu']) {
      const t0 = performance.now();
      const hits = searchGlobal(db, q, 8);
      const ms = performance.now() - t0;
      console.log(`search "${q}": ${ms.toFixed(1)} ms, ${hits.entities.length} entities, ${hits.transfers.length} transfers, partial ${hits.partial}`);
      expect(ms).toBeLessThan(2000);
    }
    db.close();
  });
});
