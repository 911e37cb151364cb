// The Overview's numbers: totals, flagged value by rule and severity, the related pairs with the
// most flagged value, and a timeline per month or quarter. SQL sums per (currency, day); each such
// sum is converted to the reporting currency at that day's rate (fx.ts, exact integers). What
// cannot be converted (no rate in the FX table) is kept per currency, never added to the rest.
import type { Db } from '../db/open';
import type { EntityRef, Flag, MoneyMix, Overview } from '../../../shared/domain';
import { converterTo } from '../valuation/fx';
import { readSettings } from './settings';

/** Adds amounts dated by day into one MoneyMix. */
export class MoneyMixer {
  private minor = 0;
  private converted = 0;
  private readonly others = new Map<string, { minor: number; count: number }>();
  constructor(private readonly db: Db, private readonly currency: string, private readonly rates: RateCache) {}

  add(currency: string, day: string, minor: number, count: number): void {
    const converted = this.rates.convert(this.db, minor, currency, this.currency, day);
    if (converted !== null) { this.minor += converted; this.converted += count; return; }
    const o = this.others.get(currency) ?? { minor: 0, count: 0 };
    o.minor += minor; o.count += count;
    this.others.set(currency, o);
  }

  /** Comparable size for sorting: the converted part (others cannot be compared without a rate). */
  get size(): number { return this.minor; }

  result(): MoneyMix {
    const others = [...this.others].map(([currency, o]) => ({ currency, ...o })).sort((a, b) => a.currency.localeCompare(b.currency));
    return { currency: this.currency, minor: this.minor, converted: this.converted, others };
  }
}

/** Rates per target currency, each currency's read once: a query per (currency, day) group cost seconds. */
export class RateCache {
  private readonly converters = new Map<string, ReturnType<typeof converterTo>>();
  convert(db: Db, minor: number, from: string, to: string, day: string): number | null {
    if (from === to) return minor;
    let c = this.converters.get(to);
    if (!c) { c = converterTo(db, to); this.converters.set(to, c); }
    const converted = c(minor, from, day);
    return typeof converted === 'number' ? converted : null;
  }
}

export type Granularity = Overview['granularity'];

/** The period a day falls in: "2023-12" by month, "2023-Q4" by quarter. */
export function periodOf(day: string, granularity: Granularity): { period: string; start: string } {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (granularity === 'month') return { period: day.slice(0, 7), start: `${day.slice(0, 7)}-01` };
  const q = Math.floor((month - 1) / 3) + 1;
  return { period: `${year}-Q${q}`, start: `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01` };
}

/** The first day of the period after the one starting on `start`. */
function nextStart(start: string, granularity: Granularity): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) + (granularity === 'month' ? 1 : 3);
  return m > 12 ? `${y + 1}-${String(m - 12).padStart(2, '0')}-01` : `${y}-${String(m).padStart(2, '0')}-01`;
}

interface TransferGroup { day: string; precision: 'day' | 'month' | 'year'; currency: string | null; n: number; s: number | null }
interface FlagGroup {
  ruleId: string; regime: string | null; severity: Flag['severity']; status: Flag['status']; currency: string | null;
  day: string; precision: TransferGroup['precision']; n: number; s: number | null;
}
interface PairGroup { a: number; b: number; currency: string | null; day: string; n: number; s: number | null }

const severityRank: Record<Flag['severity'], number> = { high: 0, medium: 1, low: 2 };

export function computeOverview(db: Db, granularity: Granularity, topPairs = 8): Overview {
  const reportingCurrency = readSettings(db).reportingCurrency;
  const rates = new RateCache();
  const mixer = () => new MoneyMixer(db, reportingCurrency, rates);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;

  // Transfers: one grouped pass gives the totals and the timeline. A plain table scan (NOT INDEXED)
  // beats walking the date index here: that index would cost a random row lookup per transfer
  // (~6 s against ~2 s at 1M transfers).
  const groups = db.prepare(`SELECT occurred_on AS day, date_precision AS precision, currency, count(*) AS n, sum(amount_minor) AS s
    FROM transfers NOT INDEXED GROUP BY currency, occurred_on, date_precision`).all() as TransferGroup[];
  const total = mixer();
  let transfers = 0;
  let withoutAmount = 0;
  interface Bucket { period: string; start: string; transfers: number; flags: number; value: MoneyMixer }
  const buckets = new Map<string, Bucket>();
  const years = new Map<string, Bucket>();
  const bucketFor = (day: string, precision: TransferGroup['precision']): Bucket => {
    if (precision === 'year') {
      const year = day.slice(0, 4);
      const b = years.get(year) ?? { period: year, start: `${year}-01-01`, transfers: 0, flags: 0, value: mixer() };
      years.set(year, b);
      return b;
    }
    const { period, start } = periodOf(day, granularity);
    const b = buckets.get(period) ?? { period, start, transfers: 0, flags: 0, value: mixer() };
    buckets.set(period, b);
    return b;
  };
  for (const g of groups) {
    transfers += g.n;
    const bucket = bucketFor(g.day, g.precision);
    bucket.transfers += g.n;
    if (g.currency === null || g.s === null) { withoutAmount += g.n; continue; }
    total.add(g.currency, g.day, g.s, g.n);
    bucket.value.add(g.currency, g.day, g.s, g.n);
  }

  // Flags: per rule, severity and status, dated by their transfer.
  const flagGroups = db.prepare(`SELECT f.rule_id AS ruleId, f.regime, f.severity, f.status, f.at_stake_currency AS currency,
      t.occurred_on AS day, t.date_precision AS precision, count(*) AS n, sum(f.at_stake_minor) AS s
    FROM flags f JOIN transfers t ON t.id = f.transfer_id
    GROUP BY f.rule_id, f.regime, f.severity, f.status, f.at_stake_currency, t.occurred_on, t.date_precision`).all() as FlagGroup[];
  const statusCounts = { open: 0, confirmed: 0, dismissed: 0 };
  const byRule = new Map<string, { ruleId: string; regime: string | null; flags: number; value: MoneyMixer }>();
  const bySeverity = new Map<Flag['severity'], { flags: number; value: MoneyMixer }>();
  for (const g of flagGroups) {
    statusCounts[g.status] += g.n;
    if (g.status === 'dismissed') continue;
    bucketFor(g.day, g.precision).flags += g.n;
    const r = byRule.get(g.ruleId) ?? { ruleId: g.ruleId, regime: g.regime, flags: 0, value: mixer() };
    byRule.set(g.ruleId, r);
    const s = bySeverity.get(g.severity) ?? { flags: 0, value: mixer() };
    bySeverity.set(g.severity, s);
    r.flags += g.n; s.flags += g.n;
    r.regime ??= g.regime;
    if (g.currency !== null && g.s !== null) { r.value.add(g.currency, g.day, g.s, g.n); s.value.add(g.currency, g.day, g.s, g.n); }
  }

  // Flagged transfers (each once, however many flags it has), per unordered pair of parties.
  const live = `SELECT transfer_id FROM flags WHERE status <> 'dismissed'`;
  const pairGroups = db.prepare(`SELECT min(from_id, to_id) AS a, max(from_id, to_id) AS b, currency, occurred_on AS day, count(*) AS n, sum(amount_minor) AS s
    FROM transfers WHERE id IN (${live}) GROUP BY a, b, currency, occurred_on`).all() as PairGroup[];
  const pairFlags = new Map((db.prepare(`SELECT min(t.from_id, t.to_id) AS a, max(t.from_id, t.to_id) AS b, count(*) AS n
    FROM flags f JOIN transfers t ON t.id = f.transfer_id WHERE f.status <> 'dismissed' GROUP BY a, b`).all() as Array<{ a: number; b: number; n: number }>)
    .map((p) => [`${p.a}-${p.b}`, p.n]));
  const flaggedValue = mixer();
  let flaggedTransfers = 0;
  const pairs = new Map<string, { a: number; b: number; transfers: number; value: MoneyMixer }>();
  for (const g of pairGroups) {
    flaggedTransfers += g.n;
    const key = `${g.a}-${g.b}`;
    const p = pairs.get(key) ?? { a: g.a, b: g.b, transfers: 0, value: mixer() };
    pairs.set(key, p);
    p.transfers += g.n;
    if (g.currency !== null && g.s !== null) { flaggedValue.add(g.currency, g.day, g.s, g.n); p.value.add(g.currency, g.day, g.s, g.n); }
  }
  const top = [...pairs.values()].sort((x, y) => y.value.size - x.value.size || y.transfers - x.transfers).slice(0, topPairs);
  const entity = db.prepare(`SELECT id, name, kind FROM entities WHERE id = ?`);
  const ref = (id: number) => entity.get(id) as EntityRef;

  // A continuous timeline: empty periods between the first and last are shown as empty.
  const sorted = [...buckets.values()].sort((x, y) => x.start.localeCompare(y.start));
  const timeline: Overview['timeline'] = [];
  if (sorted.length > 0) {
    const last = sorted[sorted.length - 1]!.start;
    for (let start = sorted[0]!.start; start <= last; start = nextStart(start, granularity)) {
      const { period } = periodOf(start, granularity);
      const b = buckets.get(period);
      timeline.push(b ? { period, start, transfers: b.transfers, flags: b.flags, value: b.value.result() }
        : { period, start, transfers: 0, flags: 0, value: mixer().result() });
    }
  }

  return {
    reportingCurrency,
    granularity,
    totals: {
      transfers, withoutAmount, value: total.result(), flags: statusCounts,
      entities: count(`SELECT count(*) FROM entities WHERE merged_into_id IS NULL`),
      documents: count(`SELECT count(*) FROM documents`),
    },
    flagged: { transfers: flaggedTransfers, value: flaggedValue.result() },
    byRule: [...byRule.values()].sort((x, y) => y.value.size - x.value.size || y.flags - x.flags || x.ruleId.localeCompare(y.ruleId))
      .map((r) => ({ ruleId: r.ruleId, regime: r.regime, flags: r.flags, value: r.value.result() })),
    bySeverity: [...bySeverity].sort(([x], [y]) => severityRank[x] - severityRank[y])
      .map(([severity, s]) => ({ severity, flags: s.flags, value: s.value.result() })),
    topPairs: top.map((p) => ({ a: ref(p.a), b: ref(p.b), transfers: p.transfers, flags: pairFlags.get(`${p.a}-${p.b}`) ?? 0, value: p.value.result() })),
    timeline,
    yearOnly: [...years.values()].sort((x, y) => x.period.localeCompare(y.period))
      .map((y) => ({ year: y.period, transfers: y.transfers, flags: y.flags, value: y.value.result() })),
  };
}

/**
 * The overview, remembered per ledger state: every change to the ledger appends to the audit log,
 * and rule runs change the flags, so the audit head and the flags' extent name the state. A 1M
 * transfer ledger takes seconds to sum; opening the Overview again then costs nothing.
 */
const remembered = new WeakMap<Db, { key: string; overview: Overview }>();
export function overviewFor(db: Db, granularity: Granularity): Overview {
  const state = db.prepare(`SELECT (SELECT max(seq) FROM audit_log) AS audit, (SELECT count(*) FROM flags) AS flags, (SELECT max(id) FROM flags) AS flagMax,
    (SELECT max(id) FROM transfers) AS transferMax, (SELECT value FROM ledger_settings WHERE key = 'reporting_currency') AS currency`).get();
  const key = `${granularity}|${JSON.stringify(state)}`;
  const hit = remembered.get(db);
  if (hit?.key === key) return hit.overview;
  const overview = computeOverview(db, granularity);
  remembered.set(db, { key, overview });
  return overview;
}
