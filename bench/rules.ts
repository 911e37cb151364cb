// The rules' speed on a generated ledger (bench/generate.ts generateGroupLedger): a full run
// against a plain full-table aggregate over the transfers in the same run (target: within 10x),
// then an incremental run after adding 1,000 transfers (target: under 1 s), and a check that the
// incremental result equals a full run's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Db } from '../electron/core/db/open';
import { runRules, type RunResult } from '../electron/core/conflicts/flags';
import { ensureReferenceRates } from '../electron/core/valuation/fx';
import { LedgerWriter } from '../electron/core/ledger/write';
import { generateGroupLedger, groupLedgerSqlSink, prng, type GroupLedgerSize } from './generate';
import { median, timed } from './timing';
import { rulesFloor, type RulesFloor } from './rulesFloor';

export const RULES_TARGET_RATIO = 10;
export const RULES_INCREMENTAL_TARGET_S = 1;

export interface RulesBenchResult {
  size: GroupLedgerSize; groups: number; maxDepth: number; buildSeconds: number;
  aggregateSeconds: number; fullSeconds: number; ratio: number; target: number; ok: boolean;
  full: RunResult; rerunSeconds: number; rerun: RunResult;
  added: number; incrementalSeconds: number; incremental: RunResult; incrementalOk: boolean;
  /** Runs after a price band, then one day's FX rate, was added: only the transfers they value are evaluated anew. */
  bandSeconds: number; band: RunResult; fxSeconds: number; fx: RunResult;
  /** A forced full run after the incremental, price-band and FX runs changed nothing: both ways give the same flags. */
  incrementalEqualsFull: boolean; flags: number;
  /** What the candidate scan's shape and storing the flags cost with no rule work (bench/rulesFloor.ts), and their sum against the aggregate. */
  floor: RulesFloor; floorRatio: number;
}

/** The generated GPU transfers' resource, as the price book knows it (the bench adds a band, then a narrower one). */
const h100Band = { resourceKey: 'nvidia-h100', label: 'Nvidia H100 GPU', unit: 'unit', currency: 'USD', validFrom: '2020-01-01', validTo: '2026-12-31' };

export function benchBuild(db: Db, size: GroupLedgerSize): { groups: number; maxDepth: number } {
  const recordedAt = '2026-01-01T00:00:00.000Z';
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('transfers','affiliations') AND sql IS NOT NULL`).all() as Array<{ name: string; sql: string }>;
  let info = { groups: 0, maxDepth: 0 };
  db.transaction(() => {
    for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
    info = generateGroupLedger(size, groupLedgerSqlSink(db, recordedAt));
    for (const ix of indexes) db.exec(ix.sql);
    new LedgerWriter(db).priceBand({ ...h100Band, lowMinor: 25_000_00, baseMinor: 32_500_00, highMinor: 40_000_00, source: 'bench: analyst range' });
  })();
  ensureReferenceRates(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  return info;
}

/** 1,000 new transfers like the generated ones: a share inside groups (between firms with a common parent), the rest random. */
function addTransfers(db: Db, n: number, entities: number): void {
  const rand = prng(7);
  const persons = Math.round(entities / 5);
  const parentOf = db.prepare(`SELECT subject_id FROM affiliations WHERE object_id = ? AND kind IN ('ownership','control') AND voting_pct > 50 LIMIT 1`).pluck();
  const childOf = db.prepare(`SELECT object_id FROM affiliations WHERE subject_id = ? AND kind IN ('ownership','control') AND voting_pct > 50 AND object_id <> ? LIMIT 1`).pluck();
  db.transaction(() => {
    const w = new LedgerWriter(db);
    for (let i = 0; i < n; i++) {
      const from = persons + 1 + Math.floor(rand() * (entities - persons));
      let to = persons + 1 + Math.floor(rand() * (entities - persons));
      if (rand() < 0.1) { const p = parentOf.get(from) as number | undefined; const sib = p !== undefined ? childOf.get(p, from) as number | undefined : undefined; to = sib ?? p ?? to; }
      if (to === from || to <= persons) to = from === entities ? from - 1 : from + 1;
      w.transfer({ fromId: from, toId: to, resourceType: 'cash', resource: 'Intercompany payment', amountMinor: Math.floor(rand() * 1e9) * 100, currency: 'USD', date: '2024-06-30' });
    }
  })();
}

export function benchRules(size: GroupLedgerSize): RulesBenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-rules-'));
  try {
    const file = path.join(dir, 'rules.armslength');
    const builder = openLedger(file);
    const built = timed(() => benchBuild(builder, size));
    builder.close();
    // Measure on a fresh connection, as the app runs rules on a ledger it has opened (not the one that generated it).
    const db = openLedger(file);
    console.error(`[rules] built ${size.transfers} transfers, ${size.entities} entities, ${size.affiliations} affiliations (${built.value.groups} groups, depth up to ${built.value.maxDepth}) in ${built.seconds.toFixed(1)} s`);
    const aggregate = db.prepare(`SELECT count(*), sum(amount_minor) FROM transfers`);
    aggregate.get(); // warm the page cache once, as the rule run below finds it
    const aggregateSeconds = median([0, 1, 2].map(() => timed(() => aggregate.get()).seconds));
    const full = timed(() => runRules(db, { full: true }));
    console.error(`[rules] full run ${full.seconds.toFixed(2)} s (${full.value.evaluated} candidates, ${full.value.created} flags); aggregate ${(aggregateSeconds * 1000).toFixed(0)} ms`);
    const rerun = timed(() => runRules(db));
    addTransfers(db, 1_000, size.entities);
    const incremental = timed(() => runRules(db));
    console.error(`[rules] incremental after 1,000 transfers ${incremental.seconds.toFixed(3)} s (${incremental.value.mode}, ${incremental.value.evaluated} evaluated)`);
    // A price band changed (as the sensitivity panel's "apply" does): only that resource is valued anew.
    new LedgerWriter(db).priceBand({ ...h100Band, lowMinor: 30_000_00, baseMinor: 32_500_00, highMinor: 35_000_00, source: 'bench: narrower range' });
    const band = timed(() => runRules(db));
    console.error(`[rules] after a price band change ${band.seconds.toFixed(3)} s (${band.value.mode}, ${band.value.evaluated} evaluated)`);
    // One day's FX rate changed (a what-if rate): only the transfers of the dates it serves are converted anew.
    db.prepare(`INSERT INTO fx_rates (base, quote, day, rate_micro, source) VALUES ('EUR', 'USD', '2023-06-15', 1250000, 'bench: what if')`).run();
    const fx = timed(() => runRules(db));
    console.error(`[rules] after an FX rate change ${fx.seconds.toFixed(3)} s (${fx.value.mode}, ${fx.value.evaluated} evaluated)`);
    const check = runRules(db, { full: true });
    const flags = db.prepare(`SELECT count(*) FROM flags`).pluck().get() as number;
    const floor = rulesFloor(db, file);
    db.close();
    const ratio = full.seconds / aggregateSeconds;
    return {
      size, groups: built.value.groups, maxDepth: built.value.maxDepth, buildSeconds: built.seconds,
      aggregateSeconds, fullSeconds: full.seconds, ratio, target: RULES_TARGET_RATIO, ok: ratio <= RULES_TARGET_RATIO,
      full: full.value, rerunSeconds: rerun.seconds, rerun: rerun.value,
      added: 1_000, incrementalSeconds: incremental.seconds, incremental: incremental.value, bandSeconds: band.seconds, band: band.value, fxSeconds: fx.seconds, fx: fx.value,
      incrementalOk: incremental.value.mode === 'incremental' && incremental.seconds < RULES_INCREMENTAL_TARGET_S,
      incrementalEqualsFull: check.created === 0 && check.updated === 0 && check.removed === 0, flags,
      floor, floorRatio: (floor.scanSeconds + floor.storeSeconds) / aggregateSeconds,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
