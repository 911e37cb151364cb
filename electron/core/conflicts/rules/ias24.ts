// ias24-material v1 (IFRS): IAS 24 sets no number, so materiality is the profile's share of the
// issuer's revenue (default 1%) reached by the year's transactions with one related party. Asked
// only where the issuer's revenue for the year is on file; the fiscal year is the calendar year.
import { formatMoney } from '../../../../shared/money';
import type { Rule } from '../ruleContext';
import { whatMoved } from '../describe';
import { yearTotalWith } from '../../valuation/materiality';
import { stmt } from '../stmtCache';
import { mayHaveFigures } from '../runScope';

export const ias24MaterialRule: Rule = {
  id: 'ias24-material', version: 1, regime: 'ifrs', name: 'IAS 24 material related-party transactions',
  evaluate(ctx) {
    const t = ctx.transfer;
    if (!ctx.relation || t.amountMinor === null) return null;
    const year = t.date.slice(0, 4);
    for (const [side, other] of [[t.from, t.to], [t.to, t.from]] as const) {
      if (!mayHaveFigures(ctx.db, side.id)) continue; // no figures filed: no revenue to compare with
      const revenue = stmt(ctx.db, `SELECT amount_minor, currency, period_end, concept FROM issuer_figures
        WHERE entity_id = ? AND figure = 'revenue' AND period_end >= ? AND period_end <= ? ORDER BY period_end DESC LIMIT 1`)
        .get(side.id, `${year}-01-01`, `${year}-12-31`) as { amount_minor: number; currency: string; period_end: string; concept: string | null } | undefined;
      if (!revenue || revenue.amount_minor <= 0) continue;
      const total = yearTotalWith(ctx.db, t, side.id, other.id, revenue.currency);
      if (!total) continue;
      const pct = (total.minor / revenue.amount_minor) * 100;
      if (pct < ctx.thresholds.revenueSharePct) continue;
      return {
        ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: pct >= 5 * ctx.thresholds.revenueSharePct ? 'high' : 'medium',
        title: `IAS 24: ${pct.toFixed(2)}% of ${side.name}'s revenue with ${other.name}`,
        summary: `${whatMoved(ctx)}. The ${total.ids.length} transaction${total.ids.length === 1 ? '' : 's'} with ${other.name} in ${year} so far total ${formatMoney(total.minor, revenue.currency)}, `
          + `${pct.toFixed(2)}% of ${side.name}'s ${year} revenue of ${formatMoney(revenue.amount_minor, revenue.currency)} (threshold ${ctx.thresholds.revenueSharePct}%). `
          + `IAS 24 asks for the nature of the relationship, the amounts, outstanding balances and commitments per category of related party.`,
        paths: [ctx.relation.fromPath, ctx.relation.toPath],
        atStakeMinor: total.minor, atStakeCurrency: revenue.currency,
        checklist: [
          { id: 'revenue', label: `${ctx.thresholds.revenueSharePct}% of revenue`, met: true,
            detail: `revenue ${formatMoney(revenue.amount_minor, revenue.currency)} at ${revenue.period_end} (${revenue.concept ?? 'typed in'})`, evidence: [] },
          { id: 'aggregate', label: `Transactions with ${other.name} in ${year}`, met: true, detail: `ids ${total.ids.join(', ')}: ${formatMoney(total.minor, revenue.currency)}`, evidence: [] },
        ],
      };
    }
    return null;
  },
};
