// How a rule run reads and stores: paths kept once per transfer (flag_paths), flags written
// before schema 5 still read and rewritten in place, stored paths no flag uses dropped, and
// numbers read in bulk as JSON keep every digit.
import { describe, expect, it } from 'vitest';
import { flagsForTransfer, listFlags, reviewFlag, runRules } from '../../electron/core/conflicts/flags';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { allTransfers } from '../../electron/core/ledger/read';
import { loadTransfers } from '../../electron/core/conflicts/ruleTransfers';
import type { Db } from '../../electron/core/db/open';
import { count, tempLedger } from './tempLedger';

/** Pat controls Alpha and leads Beta; Beta's CEO Sam holds a third of Gamma. */
function group(db: Db) {
  const w = new LedgerWriter(db);
  const pat = w.entity({ kind: 'person', name: 'Pat Quinn' });
  const sam = w.entity({ kind: 'person', name: 'Sam Roe' });
  const a = w.entity({ kind: 'company', name: 'Alpha Inc' });
  const b = w.entity({ kind: 'company', name: 'Beta Inc' });
  const g = w.entity({ kind: 'company', name: 'Gamma Inc' });
  w.affiliation({ subjectId: pat, objectId: a, kind: 'control', role: 'founder' });
  w.affiliation({ subjectId: pat, objectId: b, kind: 'role', role: 'CEO' });
  w.affiliation({ subjectId: sam, objectId: g, kind: 'ownership', votingPct: 100 / 3 });
  w.affiliation({ subjectId: sam, objectId: g, kind: 'role', role: 'CEO' });
  w.affiliation({ subjectId: sam, objectId: b, kind: 'control' });
  return { w, pat, sam, a, b, g };
}

const paid = (w: LedgerWriter, fromId: number, toId: number, amountMinor: number, date = '2024-03-01') =>
  w.transfer({ fromId, toId, resourceType: 'cash', resource: 'fee', amountMinor, currency: 'USD', date });

describe('a rule run stores paths once', () => {
  it('gives all flags of a transfer one stored copy of their paths, read back in full', () => {
    const { db } = tempLedger();
    const { w, a, b } = group(db);
    const t = paid(w, a, b, 2_000_000_00);
    runRules(db);
    const flags = flagsForTransfer(db, t);
    expect(flags.map((f) => f.ruleId).sort()).toEqual(['common-control', 'missing-approval', 'sk404-threshold']);
    expect(count(db, 'flag_paths')).toBe(1);
    expect(db.prepare(`SELECT count(DISTINCT paths_id) FROM flags WHERE paths_json = ''`).pluck().get()).toBe(1);
    for (const f of flags) {
      expect(f.paths.map((p) => p.map((e) => `${e.from.name} -${e.relation}-> ${e.to.name}`))).toEqual([
        ['Pat Quinn -founder, in control-> Alpha Inc'], ['Pat Quinn -CEO-> Beta Inc'],
      ]);
    }
  });

  it('drops stored paths once no flag uses them, and keeps a reviewed flag\'s', () => {
    const { db } = tempLedger();
    const { w, a, b, g } = group(db);
    const small = paid(w, a, b, 50_000_00);
    const big = paid(w, g, b, 2_000_000_00);
    runRules(db);
    expect(count(db, 'flag_paths')).toBe(2);
    reviewFlag(db, flagsForTransfer(db, big)[0]!.id, 'confirmed', 'seen', 'Test Reviewer');
    // Both sides lose their common holders: the open flag goes with its paths, the confirmed one stays with its own.
    db.prepare(`DELETE FROM affiliations`).run();
    const r = runRules(db);
    expect(r.mode).toBe('full');
    expect(flagsForTransfer(db, small)).toEqual([]);
    const kept = flagsForTransfer(db, big);
    expect(kept.map((f) => f.status)).toEqual(['confirmed']);
    expect(kept[0]!.paths.flat().length).toBeGreaterThan(0);
    expect(count(db, 'flag_paths')).toBe(1);
  });

  it('drops the paths of flags deleted with their transfer', () => {
    const { db } = tempLedger();
    const { w, a, b } = group(db);
    const t = paid(w, a, b, 2_000_000_00);
    runRules(db);
    db.prepare(`DELETE FROM transfers WHERE id = ?`).run(t);
    expect(count(db, 'flags')).toBe(0); // ON DELETE CASCADE
    expect(runRules(db).mode).toBe('incremental');
    expect(count(db, 'flag_paths')).toBe(0);
  });

  it('reads a flag stored with its paths inline (before schema 5) and rewrites it in place, keeping its review', () => {
    const { db } = tempLedger();
    const { w, a, b } = group(db);
    const t = paid(w, a, b, 50_000_00);
    runRules(db);
    const [before] = listFlags(db);
    reviewFlag(db, before!.id, 'dismissed', 'approved by the committee', 'Test Reviewer');
    // As schema 4 kept it: paths in the row, an older kind of content hash.
    db.prepare(`UPDATE flags SET paths_json = ?, paths_id = NULL, content_hash = 'old' WHERE id = ?`).run(JSON.stringify(before!.paths), before!.id);
    db.prepare(`DELETE FROM flag_paths`).run();
    expect(listFlags(db)[0]!.paths).toEqual(before!.paths);
    const r = runRules(db, { full: true });
    expect(r).toMatchObject({ created: 0, updated: 1, removed: 0 });
    const after = flagsForTransfer(db, t)[0]!;
    expect(after).toMatchObject({ id: before!.id, status: 'dismissed', statusReason: 'approved by the committee', paths: before!.paths });
    expect(db.prepare(`SELECT paths_json FROM flags WHERE id = ?`).pluck().get(before!.id)).toBe('');
    expect(runRules(db, { full: true })).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });
});

describe('a rule run reads in bulk without losing digits', () => {
  it('keeps a third of the votes exact when it reads affiliations as JSON', () => {
    const { db } = tempLedger();
    const { w, g, b } = group(db);
    const t = paid(w, g, b, 80_000_00);
    runRules(db);
    const f = flagsForTransfer(db, t).find((x) => x.ruleId === 'common-control')!;
    // Sam holds 33.333333333333336% of Gamma and is its CEO: one third plus managerial authority (DGCL).
    expect(f.paths[0]!.map((e) => e.relation)).toEqual([`holds ${100 / 3}% of the votes and is CEO (one third plus managerial authority)`]);
    expect(f.summary).toContain('33.333333333333336%');
  });

  it('keeps a quantity with 17 significant digits exact', () => {
    const { db } = tempLedger();
    const { w, a, b } = group(db);
    // 15 digits would print as 1,234,567,890,123.46.
    const quantity = 1234567890123.4567;
    const t = w.transfer({ fromId: a, toId: b, resourceType: 'compute', resource: 'GPU hours', quantity, unit: 'hours', amountMinor: 50_000_00, currency: 'USD', date: '2024-03-01' });
    runRules(db);
    expect(flagsForTransfer(db, t).find((x) => x.ruleId === 'common-control')!.summary).toContain('1,234,567,890,123.457 hours of GPU hours');
  });
});

describe('the transfers a run evaluates', () => {
  it('are read in parts, in id order, as the ledger reads them, skipping ids whose transfer is gone', () => {
    const { db } = tempLedger();
    const { w, a, b, g } = group(db);
    const ids = [paid(w, a, b, 1_00), paid(w, b, g, 2_00), paid(w, g, a, 3_00), paid(w, a, g, 4_00, '2024-03-02'), paid(w, b, a, 5_00)];
    w.transfer({ fromId: a, toId: b, intendedForId: g, resourceType: 'gpu', resource: 'H100', quantity: 7, unit: 'unit', amountMinor: 6_00, currency: 'EUR', date: '2024-04', datePrecision: 'month', status: 'redirected' });
    db.prepare(`DELETE FROM transfers WHERE id = ?`).run(ids[2]);
    db.exec(`CREATE TEMP TABLE some_ids (id INTEGER PRIMARY KEY)`);
    db.prepare(`INSERT INTO temp.some_ids SELECT id FROM transfers UNION SELECT ?`).run(ids[2]);
    const expected = allTransfers(db).sort((x, y) => x.id - y.id).map((t) => ({ ...t, flagCount: 0 }));
    expect(expected).toHaveLength(5);
    for (const chunk of [1, 2, 50_000]) expect(loadTransfers(db, 'temp.some_ids', chunk)).toEqual(expected);
  });
});
