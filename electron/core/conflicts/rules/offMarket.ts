// off-market v1: between related parties, a reported price outside the market band by more
// than the tolerance, in either direction (too high moves value to the seller, too low to the buyer).
import { formatMoney } from '../../../../shared/money';
import type { Rule } from '../ruleContext';
import { severityFor, whatMoved } from '../describe';

// The tolerance beyond the band's edge comes from the rule profile (default 0: the band already spans the market).

export const offMarketRule: Rule = {
  id: 'off-market', version: 1, regime: 'general', name: 'Off-market terms',
  evaluate(ctx) {
    const v = ctx.value.valuation;
    const t = ctx.transfer;
    if (!ctx.relation || !v || t.amountMinor === null || v.deviationPct === null || Math.abs(v.deviationPct) <= ctx.thresholds.offMarketTolerancePct) return null;
    const above = v.deviationPct > 0;
    const edge = above ? v.highMinor : v.lowMinor;
    const gap = Math.abs(t.amountMinor - edge);
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: severityFor({ minor: gap, currency: v.currency }),
      title: `Off-market: ${Math.abs(v.deviationPct).toFixed(1)}% ${above ? 'above' : 'below'} the market band`,
      summary: `${whatMoved(ctx)}. The market band is ${formatMoney(v.lowMinor, v.currency)} to ${formatMoney(v.highMinor, v.currency)} (${v.method}; ${v.source}). `
        + `The reported price${v.reportedUnitMinor !== null ? ` of ${formatMoney(v.reportedUnitMinor, v.currency)} per ${v.unit}` : ''} lies ${formatMoney(gap, v.currency)} ${above ? 'above the band\'s high' : 'below the band\'s low'}, `
        + `between parties related through ${ctx.relation.holder.name}.`,
      paths: [ctx.relation.fromPath, ctx.relation.toPath],
      atStakeMinor: gap, atStakeCurrency: v.currency,
      checklist: [
        { id: 'band', label: 'Market band on the date', met: true, detail: `${formatMoney(v.unitLowMinor, v.currency)} to ${formatMoney(v.unitHighMinor, v.currency)} per ${v.unit} (${v.source}; valid ${v.bandValidFrom} to ${v.bandValidTo})`, evidence: [] },
        { id: 'deviation', label: `Outside the band by more than ${ctx.thresholds.offMarketTolerancePct}%`, met: true, detail: `${v.deviationPct.toFixed(1)}% ${above ? 'above the high' : 'below the low'}`, evidence: [] },
        { id: 'related', label: 'Between related parties', met: true, detail: `through ${ctx.relation.holder.name}`, evidence: [...ctx.relation.fromPath, ...ctx.relation.toPath].flatMap((e) => e.evidence) },
      ],
    };
  },
};
