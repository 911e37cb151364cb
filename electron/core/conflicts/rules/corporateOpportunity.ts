// corporate-opportunity v1 (Delaware, Broz v. CIS 1996): a resource or allocation meant for one
// firm went to another firm that the same person controls. The Broz factors are listed with
// what the ledger shows for each; a person judges the ones the ledger cannot answer.
import { formatMoney } from '../../../../shared/money';
import type { Rule } from '../ruleContext';
import { findRelation } from '../relation';
import { sentence, severityFor, sideText, whatMoved } from '../describe';

export const corporateOpportunityRule: Rule = {
  id: 'corporate-opportunity', version: 1, regime: 'delaware', name: 'Corporate opportunity',
  evaluate(ctx) {
    const t = ctx.transfer;
    const meantFor = t.intendedFor;
    if (!meantFor || meantFor.id === t.to.id) return null;
    // The firm that lost it and the firm that got it must be under common control.
    const r = findRelation(ctx.graph, { ...t, from: meantFor });
    if (!r || r.kind !== 'common-control') return null;
    const v = ctx.value.valuation;
    const factors = [
      `(1) ${meantFor.name} could afford it: not shown by the ledger; check its cash and its own orders`,
      `(2) in its line of business: ${t.resourceType === 'gpu' || t.resourceType === 'compute' || t.resourceType === 'allocation' ? `likely — ${t.resource} was ordered for ${meantFor.name}` : 'to be judged'}`,
      `(3) interest or expectancy: yes — it was meant for ${meantFor.name}${t.status === 'redirected' ? ' and was redirected' : ''}`,
      `(4) conflict: yes — ${r.holder.name} stands on both sides: ${sideText(r.fromPath, meantFor)} and ${sideText(r.toPath, t.to)}`,
    ];
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: severityFor(ctx.atStake),
      title: `Corporate opportunity: meant for ${meantFor.name}, went to ${t.to.name}`,
      summary: `${whatMoved(ctx)}; it had been meant for ${sentence(meantFor.name)}${v ? ` Its market value is ${formatMoney(v.lowMinor, v.currency)} to ${formatMoney(v.highMinor, v.currency)}.` : ''} `
        + `Broz factors: ${factors.join('; ')}. A controller on both sides faces entire-fairness review unless the deal was cleansed by a disinterested committee or vote.`,
      paths: [r.fromPath, r.toPath],
      atStakeMinor: ctx.atStake?.minor ?? null, atStakeCurrency: ctx.atStake?.currency ?? null,
    };
  },
};
