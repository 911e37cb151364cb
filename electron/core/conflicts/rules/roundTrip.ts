// round-trip v1: between related parties, a transfer one way and a matching transfer back within
// a window (same amount within a tolerance, or the same resource and quantity for a swap in
// kind). The legs are netted; the party that held the first leg until the return had the use of
// it for that time, and that timing gain is valued at the cost of capital (or a rental rate).
// The flag sits on the later leg, so adding the return leg is what raises it.
import { formatMoney, multiplyMinor } from '../../../../shared/money';
import type { Rule, RuleContext } from '../ruleContext';
import { severityFor, whatMoved } from '../describe';
import { stmt } from '../stmtCache';
import { mayHaveTransfers } from '../runScope';
import { readAssumptionsCached } from '../../valuation/delay';

interface LegRow { id: number; amount_minor: number | null; currency: string | null; resource_key: string | null; quantity: number | null; unit: string | null; occurred_on: string; resource: string }

const dayMs = 86_400_000;
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / dayMs);

function within(a: number, b: number, pct: number): boolean {
  return Math.abs(a - b) <= (pct / 100) * Math.max(a, b);
}

/** The earlier leg the transfer returns, closest in time; null if none matches. */
export function findFirstLeg(ctx: RuleContext): LegRow | null {
  const t = ctx.transfer;
  if (!mayHaveTransfers(ctx.db, t.to.id, t.from.id)) return null; // nothing ever went the other way
  const earliest = new Date(Date.parse(`${t.date}T00:00:00Z`) - ctx.thresholds.roundTripWindowDays * dayMs).toISOString().slice(0, 10);
  const legs = stmt(ctx.db, `SELECT id, amount_minor, currency, resource_key, quantity, unit, occurred_on, resource FROM transfers
    WHERE from_id = ? AND to_id = ? AND occurred_on >= ? AND occurred_on <= ? AND status <> 'reversed'
    ORDER BY occurred_on DESC, id DESC`).all(t.to.id, t.from.id, earliest, t.date) as LegRow[];
  const tol = ctx.thresholds.roundTripTolerancePct;
  for (const l of legs) {
    if (l.occurred_on === t.date && l.id > t.id) continue; // same day: the lower id is the first leg
    const sameMoney = t.amountMinor !== null && l.amount_minor !== null && l.currency === t.currency && within(l.amount_minor, t.amountMinor, tol);
    const sameKind = t.resourceKey !== null && l.resource_key === t.resourceKey && l.unit === t.unit && t.quantity !== null && l.quantity !== null && within(l.quantity, t.quantity, tol);
    if (sameMoney || sameKind) return l;
  }
  return null;
}

export const roundTripRule: Rule = {
  id: 'round-trip', version: 1, regime: 'general', name: 'Swap or round trip between related parties',
  evaluate(ctx) {
    const t = ctx.transfer;
    if (!ctx.relation || t.status === 'reversed') return null;
    const first = findFirstLeg(ctx);
    if (!first) return null;
    const days = Math.max(0, daysBetween(first.occurred_on, t.date));
    const a = readAssumptionsCached(ctx.db);
    // What the first leg was worth: its amount, else this leg's valuation applied to its quantity.
    const v = ctx.value.valuation;
    const firstValue = first.amount_minor !== null ? { minor: first.amount_minor, currency: first.currency! }
      : v && first.quantity !== null ? { minor: multiplyMinor(Math.round(v.baseMinor / Math.max(v.quantity, 1)), first.quantity), currency: v.currency } : null;
    const back = t.amountMinor !== null ? { minor: t.amountMinor, currency: t.currency! } : v ? { minor: v.baseMinor, currency: v.currency } : null;
    const net = firstValue && back && firstValue.currency === back.currency ? firstValue.minor - back.minor : null;
    const rental = a.rentalRates.find((r) => r.resourceKey === first.resource_key && r.unit === first.unit);
    const gain = rental && first.quantity !== null
      ? { minor: Math.round(rental.perMonthMinor * first.quantity * (days / 30.4375)), currency: rental.currency, how: `${first.quantity.toLocaleString('en-US')} × ${formatMoney(rental.perMonthMinor, rental.currency)} a month rental (${rental.source}) for ${days} days` }
      : firstValue ? { minor: Math.round(firstValue.minor * (a.costOfCapitalPct / 100) * (days / 365)), currency: firstValue.currency, how: `${formatMoney(firstValue.minor, firstValue.currency)} at ${a.costOfCapitalPct}% a year cost of capital for ${days} days` } : null;
    const netText = net === null ? 'the legs cannot be netted (no common currency)' : `net ${formatMoney(Math.abs(net), firstValue!.currency)} ${net === 0 ? '' : net > 0 ? `kept by ${t.from.name}` : `gained by ${t.to.name}`}`.trim();
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: severityFor(gain ? { minor: gain.minor, currency: gain.currency } : ctx.atStake),
      title: `Round trip: returns transfer ${first.id} after ${days} days`,
      summary: `${whatMoved(ctx)}. It returns ${first.resource} that moved from ${t.to.name} to ${t.from.name} on ${first.occurred_on} (transfer ${first.id}), ${days} days earlier, `
        + `between parties related through ${ctx.relation.holder.name}: ${netText}. `
        + `${gain ? `${t.from.name} had the use of it meanwhile, a timing gain of about ${formatMoney(gain.minor, gain.currency)} (${gain.how}).` : 'The timing gain cannot be valued without an amount.'}`,
      paths: [ctx.relation.fromPath, ctx.relation.toPath],
      atStakeMinor: gain?.minor ?? null, atStakeCurrency: gain?.currency ?? null,
      checklist: [
        { id: 'first-leg', label: `A leg the other way within ${ctx.thresholds.roundTripWindowDays} days`, met: true, detail: `transfer ${first.id} on ${first.occurred_on}`, evidence: [] },
        { id: 'match', label: `Amount or quantity within ${ctx.thresholds.roundTripTolerancePct}%`, met: true,
          detail: firstValue && back ? `${formatMoney(firstValue.minor, firstValue.currency)} out, ${formatMoney(back.minor, back.currency)} back` : `${first.quantity ?? '?'} out, ${t.quantity ?? '?'} back`, evidence: [] },
        { id: 'timing-gain', label: 'Timing gain', met: gain !== null, detail: gain ? `${formatMoney(gain.minor, gain.currency)}: ${gain.how}` : 'not valued', evidence: [] },
      ],
    };
  },
};
