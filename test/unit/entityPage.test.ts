import { describe, expect, it } from 'vitest';
import { entityPage, searchEntities } from '../../electron/core/ledger/entityPage';
import { tempSampleLedger } from './tempLedger';
import { entityId } from './sampleIds';

describe('entity:get', () => {
  it('shows Tesla\'s identifiers, roles and holdings over time, and transfers in and out', () => {
    const { db } = tempSampleLedger();
    const tesla = entityId(db, 'Tesla, Inc.');
    const p = entityPage(db, tesla);
    expect(p.entity).toMatchObject({ name: 'Tesla, Inc.', kind: 'company', jurisdiction: 'US', mergedInto: null });
    expect(p.identifiers).toEqual([{ scheme: 'cik', value: '0001318605', jurisdiction: null }, { scheme: 'ticker', value: 'TSLA', jurisdiction: null }]);
    expect(p.aliases).toEqual(['Tesla', 'Tesla Motors']);
    const ceo = p.affiliations.find((a) => a.label === 'CEO')!;
    expect(ceo).toMatchObject({ direction: 'in', other: { name: 'Elon Musk', kind: 'person' }, validFrom: '2008-10-01' });
    expect(ceo.evidence[0]!.excerpt).toBe('Musk is CEO of Tesla.');
    expect(p.affiliations.map((a) => a.label)).toContain('owns 13%');
    const count = (col: string) => db.prepare(`SELECT count(*) FROM transfers WHERE ${col} = ?`).pluck().get(tesla);
    expect(p.countOut).toBe(count('from_id'));
    expect(p.countIn).toBe(count('to_id'));
    expect(p.transfersOut.map((t) => t.resource)).toContain('Nvidia H100 GPU');
    expect(p.transfersIn.every((t) => t.to.id === tesla)).toBe(true);
    // Newest first.
    expect(p.transfersOut.map((t) => t.date)).toEqual([...p.transfersOut.map((t) => t.date)].sort().reverse());
    const usd = p.totals.find((t) => t.currency === 'USD')!;
    expect(usd.outMinor).toBe(db.prepare(`SELECT sum(amount_minor) FROM transfers WHERE from_id = ? AND currency = 'USD'`).pluck().get(tesla));
  });

  it('refuses an unknown entity with its id', () => {
    const { db } = tempSampleLedger();
    expect(() => entityPage(db, 9999)).toThrow('No entity with id 9999');
  });
});

describe('entities:search', () => {
  it('finds by part of the name, by alias and by identifier, and says what matched', () => {
    const { db } = tempSampleLedger();
    expect(searchEntities(db, { query: 'musk', limit: 50, after: null }).rows.map((r) => r.name)).toEqual(['Elon Musk', 'Elon Musk trust (SpaceX holding)']);
    const twitter = searchEntities(db, { query: 'Twitter', limit: 50, after: null }).rows;
    expect(twitter).toEqual([expect.objectContaining({ name: 'X Corp.', matched: 'Twitter' })]);
    expect(searchEntities(db, { query: 'tsla', limit: 50, after: null }).rows).toEqual([expect.objectContaining({ name: 'Tesla, Inc.', matched: 'ticker TSLA' })]);
    expect(searchEntities(db, { query: 'person', kind: 'person', limit: 50, after: null }).rows).toEqual([]);
    expect(searchEntities(db, { query: '', kind: 'person', limit: 50, after: null }).rows.map((r) => r.name)).toEqual(['Elon Musk']);
    expect(searchEntities(db, { query: '100%_', limit: 50, after: null }).rows).toEqual([]); // wildcards are literal
  });

  it('pages by name with a keyset, every entity once', () => {
    const { db } = tempSampleLedger();
    const seen: string[] = [];
    let after: [string, number] | null = null;
    for (let i = 0; i < 10; i++) {
      const page = searchEntities(db, { query: '', limit: 2, after });
      seen.push(...page.rows.map((r) => r.name));
      if (!page.next) break;
      after = page.next;
    }
    const total = db.prepare(`SELECT count(*) FROM entities WHERE merged_into_id IS NULL`).pluck().get();
    expect(seen).toHaveLength(total as number);
    expect(new Set(seen).size).toBe(seen.length);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT e.id FROM entities e WHERE e.merged_into_id IS NULL AND (e.norm_name > ? OR (e.norm_name = ? AND e.id > ?)) ORDER BY e.norm_name, e.id LIMIT 51`)
      .all('a', 'a', 1) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/entities_by_norm_name/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});
