import { describe, expect, it } from 'vitest';
import { graphNeighbourhood } from '../../electron/core/ledger/graph';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { tempSampleLedger } from './tempLedger';
import { entityId, h100FlagId } from './sampleIds';

const names = (g: ReturnType<typeof graphNeighbourhood>) => g.nodes.map((n) => n.name).sort();

describe('graph:neighbourhood', () => {
  it('shows the group as it was: X under Musk in June 2024, under xAI after 28 March 2025', () => {
    const { db } = tempSampleLedger();
    const x = entityId(db, 'X Corp.');
    const june2024 = graphNeighbourhood(db, { entityId: x, hops: 1, asOf: '2024-06-01', maxNodes: 400 });
    expect(names(june2024)).toEqual(['Elon Musk', 'X Corp.']);
    expect(june2024.edges.map((e) => e.label)).toEqual(['controls (owner)']);
    expect(june2024.outsideDate).toBe(1); // xAI's ownership starts later
    const april2025 = graphNeighbourhood(db, { entityId: x, hops: 1, asOf: '2025-04-01', maxNodes: 400 });
    expect(names(april2025)).toEqual(['X Corp.', 'xAI']);
    expect(april2025.edges[0]).toMatchObject({ label: 'owns 100%', validFrom: '2025-03-28', source: entityId(db, 'xAI'), target: x });
    // Without a date every affiliation counts.
    expect(names(graphNeighbourhood(db, { entityId: x, hops: 1, maxNodes: 400 }))).toEqual(['Elon Musk', 'X Corp.', 'xAI']);
  });

  it('is bounded by hops and by the node cap, and says how many were left out', () => {
    const { db } = tempSampleLedger();
    const tesla = entityId(db, 'Tesla, Inc.');
    const one = graphNeighbourhood(db, { entityId: tesla, hops: 1, asOf: '2024-06-01', maxNodes: 400 });
    expect(names(one)).toEqual(['Elon Musk', 'Tesla, Inc.']);
    expect(one.edges.map((e) => e.label).sort()).toEqual(['CEO', 'owns 13%']);
    const two = graphNeighbourhood(db, { entityId: tesla, hops: 2, asOf: '2024-06-01', maxNodes: 400 });
    expect(names(two)).toEqual(['Elon Musk', 'Elon Musk trust (SpaceX holding)', 'Neuralink', 'SpaceX', 'Tesla, Inc.', 'The Boring Company', 'X Corp.', 'xAI']);
    expect(two.nodes.find((n) => n.name === 'SpaceX')!.hop).toBe(2);
    expect(two.leftOut).toBe(0);
    expect(names(two)).not.toContain('Nvidia'); // no affiliation reaches it
    const capped = graphNeighbourhood(db, { entityId: tesla, hops: 2, asOf: '2024-06-01', maxNodes: 5 });
    expect(capped.nodes).toHaveLength(5);
    expect(capped.leftOut).toBe(3);
    expect(capped.leftOutApprox).toBe(true); // the three were not followed further
    expect(two.leftOutApprox).toBe(false);
    // Edges only join shown nodes.
    const shown = new Set(capped.nodes.map((n) => n.id));
    for (const e of capped.edges) expect(shown.has(e.source) && shown.has(e.target)).toBe(true);
  });

  it('marks a flag\'s path and its transfer, on the transfer\'s date', () => {
    const { db } = tempSampleLedger();
    const g = graphNeighbourhood(db, { flagId: h100FlagId(db), hops: 1, maxNodes: 400 });
    expect(g.asOf).toBe('2023-12-01');
    expect(g.flag!.title).toMatch(/Elon Musk/);
    expect(g.nodes.filter((n) => n.onPath).map((n) => n.name).sort()).toEqual(['Elon Musk', 'Tesla, Inc.', 'X Corp.']);
    const pathEdges = g.edges.filter((e) => e.onPath);
    expect(pathEdges.map((e) => e.label).sort()).toEqual(['CEO', 'controls (owner)', 'flagged transfer']);
    // In Dec 2023 xAI did not yet own X: no such edge on that date.
    expect(g.edges.some((e) => e.label === 'owns 100%')).toBe(false);
  });

  it('walks a larger ledger with indexed lookups and stays within the cap', () => {
    const { db } = tempSampleLedger();
    const w = new LedgerWriter(db);
    const hub = entityId(db, 'Tesla, Inc.');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        const e = w.entity({ kind: i % 2 ? 'person' : 'company', name: `Holder ${i}` });
        w.affiliation({ subjectId: e, objectId: hub, kind: 'ownership', equityPct: 0.01, votingPct: 0.01 });
      }
    })();
    const t0 = performance.now();
    const g = graphNeighbourhood(db, { entityId: hub, hops: 2, maxNodes: 500 });
    const ms = performance.now() - t0;
    expect(g.nodes).toHaveLength(500);
    // Reached in 2 hops: Tesla, Musk and the 2000 holders, and Musk's 6 other firms and trust;
    // 500 are shown and the holders past the read budget are counted in SQL.
    expect(g.leftOut).toBe(1 + 1 + 2000 + 6 - 500);
    expect(ms).toBeLessThan(2000);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM affiliations a WHERE a.subject_id IN (SELECT value FROM json_each(?))`).all('[1]') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX affiliations_by_subject/);
  });
});
