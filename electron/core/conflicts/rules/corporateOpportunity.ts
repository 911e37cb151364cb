// corporate-opportunity v1 (Delaware, Broz v. CIS 1996): a resource or allocation meant for one
// firm went to another firm that the same person controls. The Broz factors are listed as a
// checklist with what the ledger shows for each and its evidence; a person judges the ones the
// ledger cannot answer (met: null).
import { formatMoney } from '../../../../shared/money';
import type { ChecklistItem } from '../../../../shared/domain';
import type { Rule, RuleContext } from '../ruleContext';
import { findRelation } from '../relation';
import { sentence, severityFor, sideText, whatMoved } from '../describe';
import { evidenceForTransfer } from '../../ledger/read';
import { stmt } from '../stmtCache';
import { mayHaveFigures } from '../runScope';
import { valueDelay } from '../../valuation/delay';

interface FigureRow { figure: string; amount_minor: number; currency: string; period_end: string; concept: string | null }

/** Broz (1): could the firm afford it? Answered only when an issuer figure of the year covers the value. */
function financialAbility(ctx: RuleContext, firmId: number, firmName: string): ChecklistItem {
  const v = ctx.value.valuation;
  const figures = !mayHaveFigures(ctx.db, firmId) ? [] : stmt(ctx.db, `SELECT figure, amount_minor, currency, period_end, concept FROM issuer_figures
    WHERE entity_id = ? AND figure IN ('totalAssets','equity','revenue') AND period_end <= ? ORDER BY period_end DESC, figure LIMIT 3`)
    .all(firmId, `${ctx.transfer.date.slice(0, 4)}-12-31`) as FigureRow[];
  const usable = v ? figures.find((f) => f.currency === v.currency) : undefined;
  if (!v || !usable) {
    return { id: 'financial-ability', label: `${firmName} could afford it`, met: null,
      detail: figures.length ? `Figures on file are in another currency or there is no valuation; check ${firmName}'s cash and its own orders` : `No revenue, assets or equity figure for ${firmName} on file; check its cash and its own orders`, evidence: [] };
  }
  return { id: 'financial-ability', label: `${firmName} could afford it`, met: usable.amount_minor >= v.baseMinor,
    detail: `${usable.figure} ${formatMoney(usable.amount_minor, usable.currency)} at ${usable.period_end}${usable.concept ? ` (${usable.concept})` : ''} against a base value of ${formatMoney(v.baseMinor, v.currency)}`, evidence: [] };
}

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
    const inLine = t.resourceType === 'gpu' || t.resourceType === 'compute' || t.resourceType === 'allocation';
    const transferEvidence = evidenceForTransfer(ctx.db, t.id);
    const checklist: ChecklistItem[] = [
      financialAbility(ctx, meantFor.id, meantFor.name),
      { id: 'line-of-business', label: `In ${meantFor.name}'s line of business`, met: inLine ? true : null,
        detail: inLine ? `${t.resource} was ordered for ${meantFor.name}` : `${t.resourceType} (${t.resource}): to be judged`, evidence: inLine ? transferEvidence : [] },
      { id: 'interest-or-expectancy', label: `${meantFor.name} had an interest or expectancy`, met: true,
        detail: `it was meant for ${meantFor.name}${t.status === 'redirected' ? ' and was redirected' : ''}`, evidence: transferEvidence },
      { id: 'conflict', label: 'Taking it puts the fiduciary in a conflict of duty and self-interest', met: true,
        detail: `${r.holder.name} stands on both sides: ${sideText(r.fromPath, meantFor)} and ${sideText(r.toPath, t.to)}`,
        evidence: [...r.fromPath, ...r.toPath].flatMap((e) => e.evidence) },
    ];
    const factors = [
      `(1) ${meantFor.name} could afford it: ${checklist[0]!.met === null ? 'not shown by the ledger' : checklist[0]!.met ? 'yes' : 'no'} — ${checklist[0]!.detail}`,
      `(2) in its line of business: ${inLine ? `likely — ${t.resource} was ordered for ${meantFor.name}` : 'to be judged'}`,
      `(3) interest or expectancy: yes — it was meant for ${meantFor.name}${t.status === 'redirected' ? ' and was redirected' : ''}`,
      `(4) conflict: yes — ${r.holder.name} stands on both sides: ${sideText(r.fromPath, meantFor)} and ${sideText(r.toPath, t.to)}`,
    ];
    // What the firm gave up is also the wait: valued from the ledger's replacement date or the person's assumption.
    const delay = valueDelay(ctx.db, t, ctx.value);
    const delayText = delay ? ` What ${meantFor.name} gave up by waiting ${delay.months} months (${delay.monthsBasis}): about ${formatMoney(delay.minor, delay.currency)} (${delay.method}).` : '';
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: severityFor(ctx.atStake),
      title: `Corporate opportunity: meant for ${meantFor.name}, went to ${t.to.name}`,
      summary: `${whatMoved(ctx)}; it had been meant for ${sentence(meantFor.name)}${v ? ` Its market value is ${formatMoney(v.lowMinor, v.currency)} to ${formatMoney(v.highMinor, v.currency)}.` : ''} `
        + `Broz factors: ${factors.join('; ')}. A controller on both sides faces entire-fairness review unless the deal was cleansed by a disinterested committee or vote.${delayText}`,
      paths: [r.fromPath, r.toPath],
      atStakeMinor: ctx.atStake?.minor ?? null, atStakeCurrency: ctx.atStake?.currency ?? null,
      checklist,
    };
  },
};
