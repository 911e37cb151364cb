// Value moved between firms in a period, for the Sankey: summed in SQL per (sender, receiver,
// resource type, currency, month), converted to the reporting currency per group, then the
// largest firms kept and the rest folded into "Others". Senders and receivers are separate
// columns, so A→B and B→A never form a cycle; netting a pair's two directions is an option.
import type { Db } from '../db/open';
import type { FlowLink, FlowsOutput } from '../../../shared/viewSchemas';
import type { resourceTypes } from '../../../shared/domain';
import { converterTo } from '../valuation/fx';
import { readSettings } from './settings';

type ResourceType = (typeof resourceTypes)[number];
export interface FlowsQuery { from: string; to: string; resourceTypes: ResourceType[]; topN: number; net: boolean }

/** Statuses that moved value: a proposal has not, a reversal undid it. */
export const MOVED_STATUSES = ['executed', 'redirected'] as const;

interface GroupRow { from_id: number; to_id: number; resource_type: ResourceType; currency: string; day: string; total: number; n: number }

export const OTHERS = 'others';

/**
 * Whether a period covers so much of the ledger that reading the table straight through beats the
 * date index (whose every hit costs a random row lookup): ~3x faster over all of 1M transfers.
 * The ledger's date span is read from the index; transfers are taken as spread evenly over it.
 */
function scanWhole(db: Db, from: string, to: string): boolean {
  const span = db.prepare(`SELECT min(occurred_on) AS lo, max(occurred_on) AS hi FROM transfers`).get() as { lo: string | null; hi: string | null };
  if (span.lo === null || span.hi === null) return false;
  const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 86_400_000;
  const whole = day(span.hi) - day(span.lo) + 1;
  const covered = Math.min(day(span.hi), day(to)) - Math.max(day(span.lo), day(from)) + 1;
  return covered / whole > 0.25;
}

export function flowsSummary(db: Db, q: FlowsQuery): FlowsOutput {
  const reporting = readSettings(db).reportingCurrency;
  const types = q.resourceTypes.length ? q.resourceTypes : null;
  const filter = `occurred_on >= @from AND occurred_on <= @to AND status IN ('executed', 'redirected')
    ${types ? 'AND resource_type IN (SELECT value FROM json_each(@types))' : ''}`;
  const params = { from: q.from, to: q.to, types: JSON.stringify(types ?? []), reporting };
  // One pass over the period. Amounts already in the reporting currency need no rate: summed per
  // pair and type. Others are summed per month too, the month being the FX group (converted at its
  // last transfer date). Transfers without a currency fold into one group, counted for
  // withoutAmount; so are amounts missing beside a currency (sum(amount_minor IS NULL)).
  const noCcy = 'currency IS NULL';
  const rows = db.prepare(`SELECT iif(${noCcy}, 0, from_id) AS from_id, iif(${noCcy}, 0, to_id) AS to_id, iif(${noCcy}, '', resource_type) AS resource_type,
      currency, max(occurred_on) AS day, sum(amount_minor) AS total, count(*) AS n, sum(amount_minor IS NULL) AS nulls
    FROM transfers ${scanWhole(db, q.from, q.to) ? 'NOT INDEXED' : ''} WHERE ${filter}
    GROUP BY 1, 2, 3, 4, iif(${noCcy} OR currency = @reporting, '', substr(occurred_on, 1, 7))
    ORDER BY 1, 2, 3, 4, iif(${noCcy} OR currency = @reporting, '', substr(occurred_on, 1, 7))`).all(params) as Array<GroupRow & { nulls: number }>;
  let withoutAmount = 0;
  const inReporting: GroupRow[] = [];
  const others: GroupRow[] = [];
  for (const r of rows) {
    withoutAmount += r.nulls;
    if (r.currency === null) continue;
    (r.currency === reporting ? inReporting : others).push(r);
  }
  const groups = [...inReporting, ...others];

  interface Pair { from: number; to: number; value: number; n: number; byType: Map<ResourceType, number> }
  const pairs = new Map<string, Pair>();
  const unconverted = new Map<string, { currency: string; amountMinor: number; transfers: number; reason: string }>();
  // Rates per currency read once (not two queries per group: ~50 s on 1M transfers over all years).
  const convert = converterTo(db, reporting);
  for (const g of groups) {
    const value = convert(g.total, g.currency, g.day);
    if (typeof value !== 'number') {
      const u = unconverted.get(g.currency) ?? { currency: g.currency, amountMinor: 0, transfers: 0, reason: value.missing };
      u.amountMinor += g.total; u.transfers += g.n;
      unconverted.set(g.currency, u);
      continue;
    }
    const key = `${g.from_id}>${g.to_id}`;
    const p = pairs.get(key) ?? { from: g.from_id, to: g.to_id, value: 0, n: 0, byType: new Map() };
    p.value += value; p.n += g.n;
    p.byType.set(g.resource_type, (p.byType.get(g.resource_type) ?? 0) + value);
    pairs.set(key, p);
  }

  // Rank firms by everything they sent and received; the top N keep their own node.
  const volume = new Map<number, number>();
  for (const p of pairs.values()) {
    volume.set(p.from, (volume.get(p.from) ?? 0) + p.value);
    volume.set(p.to, (volume.get(p.to) ?? 0) + p.value);
  }
  const ranked = [...volume.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const kept = new Set(ranked.slice(0, q.topN).map(([id]) => id));
  const folded = ranked.length - kept.size;
  const keyOf = (id: number) => (kept.has(id) ? String(id) : OTHERS);

  const links = new Map<string, FlowLink & { byTypeMap: Map<ResourceType, number> }>();
  for (const p of pairs.values()) {
    const s = keyOf(p.from), t = keyOf(p.to);
    const k = `${s}>${t}`;
    const l = links.get(k) ?? { source: s, target: t, valueMinor: 0, grossMinor: 0, reverseMinor: 0, transfers: 0, byType: [], byTypeMap: new Map() };
    l.valueMinor += p.value; l.grossMinor += p.value; l.transfers += p.n;
    for (const [type, v] of p.byType) l.byTypeMap.set(type, (l.byTypeMap.get(type) ?? 0) + v);
    links.set(k, l);
  }
  // Pairs with value both ways: named, and netted into one link when asked.
  const reciprocal: Array<[string, string]> = [];
  for (const l of links.values()) {
    if (l.source === l.target || l.source > l.target) continue;
    const back = links.get(`${l.target}>${l.source}`);
    if (!back) continue;
    reciprocal.push([l.source, l.target]);
    l.reverseMinor = back.grossMinor; back.reverseMinor = l.grossMinor;
    if (q.net) {
      const [big, small] = l.grossMinor >= back.grossMinor ? [l, back] : [back, l];
      big.valueMinor = big.grossMinor - small.grossMinor;
      small.valueMinor = 0;
    }
  }
  const finalLinks: FlowLink[] = [...links.values()]
    .filter((l) => l.valueMinor > 0)
    .map(({ byTypeMap, ...l }) => ({ ...l, byType: [...byTypeMap.entries()].map(([resourceType, valueMinor]) => ({ resourceType, valueMinor })).sort((a, b) => b.valueMinor - a.valueMinor) }))
    .sort((a, b) => b.valueMinor - a.valueMinor);

  const names = new Map((db.prepare(`SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...kept])) as Array<{ id: number; name: string }>)
    .map((r) => [String(r.id), r.name]));
  const party = (key: string) => ({ key, entityId: key === OTHERS ? null : Number(key), name: key === OTHERS ? 'Others' : names.get(key) ?? `#${key}`, members: key === OTHERS ? folded : 1 });
  const senders = [...new Set(finalLinks.map((l) => l.source))].map(party);
  const receivers = [...new Set(finalLinks.map((l) => l.target))].map(party);
  const label = (k: string) => party(k).name;
  let transfers = 0;
  let totalMinor = 0;
  for (const p of pairs.values()) { transfers += p.n; totalMinor += p.value; }
  return {
    currency: reporting, from: q.from, to: q.to, senders, receivers, links: finalLinks, totalMinor, transfers,
    unconverted: [...unconverted.values()], withoutAmount,
    reciprocal: reciprocal.map(([a, b]) => ({ a: label(a), b: label(b) })),
    firms: ranked.length,
  };
}
