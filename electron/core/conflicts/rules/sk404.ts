// US SEC rules. sk404-threshold v1: Regulation S-K Item 404(a) asks for disclosure of a
// transaction over $120,000 in which a related person has a material interest. missing-approval
// v1: such a transaction with no recorded approval or ratification by an independent body
// (audit committee or other, Nasdaq 5630 / NYSE 314.00; NYSE asks for it in advance).
import { formatMoney } from '../../../../shared/money';
import type { Rule, RuleContext } from '../ruleContext';
import { tryConvertMinor } from '../../valuation/fx';
import { whatMoved } from '../describe';
import { stmt } from '../stmtCache';
import type { ChecklistItem } from '../../../../shared/domain';

export const SK404_THRESHOLD_USD_MINOR = 120_000_00;

/** The amount at stake in USD, converted at the transfer's date when needed; null when unknown. */
function atStakeUsd(ctx: RuleContext): { minor: number; note: string } | null {
  const a = ctx.atStake;
  if (!a) return null;
  if (a.currency === 'USD') return { minor: a.minor, note: '' };
  const c = tryConvertMinor(ctx.db, a.minor, a.currency, 'USD', ctx.transfer.date);
  return c ? { minor: c.minor, note: ` (${formatMoney(a.minor, a.currency)} at ${c.note})` } : null;
}

// Both US SEC rules ask for the same conversion: do it once per transfer.
const usdOf = new WeakMap<RuleContext, { minor: number; note: string } | null>();

function overThreshold(ctx: RuleContext): { minor: number; note: string } | null {
  if (!ctx.relation || ctx.relation.holder.kind !== 'person') return null; // a related *person* with an interest
  let usd = usdOf.get(ctx);
  if (usd === undefined) { usd = atStakeUsd(ctx); usdOf.set(ctx, usd); }
  return usd && usd.minor > ctx.thresholds.sk404UsdMinor ? usd : null;
}

/** The tests the threshold rule applied: the amount against the threshold, and the person's interest. */
function thresholdChecklist(ctx: RuleContext, usd: { minor: number; note: string }): ChecklistItem[] {
  const r = ctx.relation!;
  return [
    { id: 'amount', label: `Amount over ${formatMoney(ctx.thresholds.sk404UsdMinor, 'USD')}`, met: usd.minor > ctx.thresholds.sk404UsdMinor,
      detail: `${formatMoney(usd.minor, 'USD')}${usd.note}`, evidence: [] },
    { id: 'related-person', label: 'A related person (director, officer, >5% holder or family) has an interest', met: true,
      detail: `${r.holder.name} ${r.kind === 'interlock' ? 'is an officer or director of both sides' : 'controls or leads both sides'}: `
        + `${[...r.fromPath, ...r.toPath].map((e) => `${e.from.name} -${e.relation}-> ${e.to.name}`).join('; ')}`,
      evidence: [...r.fromPath, ...r.toPath].flatMap((e) => e.evidence) },
    { id: 'material-interest', label: 'The interest is material (not only a directorship or <10% of the other party)', met: r.kind === 'common-control' ? true : null,
      detail: r.kind === 'common-control' ? `${r.holder.name} controls or leads both sides` : 'A shared officer or director only: judge whether the interest is material', evidence: [] },
  ];
}

export const sk404ThresholdRule: Rule = {
  id: 'sk404-threshold', version: 1, regime: 'us-sec', name: 'S-K 404(a) disclosure threshold',
  evaluate(ctx) {
    const usd = overThreshold(ctx);
    if (!usd) return null;
    const person = ctx.relation!.holder.name;
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: ctx.transfer.id, severity: 'medium',
      title: `S-K 404: ${formatMoney(usd.minor, 'USD')} with related person ${person}`,
      summary: `${whatMoved(ctx)}. At ${formatMoney(usd.minor, 'USD')}${usd.note} it exceeds S-K 404(a)'s ${formatMoney(ctx.thresholds.sk404UsdMinor, 'USD')}, and ${person}, `
        + `who ${ctx.relation!.kind === 'interlock' ? 'is an officer or director of both sides' : 'controls or leads both sides'}, has an interest in it: the issuer's filing must disclose it `
        + `(name and relationship, the interest, and the approximate amounts).`,
      paths: [ctx.relation!.fromPath, ctx.relation!.toPath],
      atStakeMinor: usd.minor, atStakeCurrency: 'USD', checklist: thresholdChecklist(ctx, usd),
    };
  },
};

export const missingApprovalRule: Rule = {
  id: 'missing-approval', version: 1, regime: 'us-sec', name: 'No independent approval recorded',
  evaluate(ctx) {
    const usd = overThreshold(ctx);
    if (!usd) return null;
    const approved = stmt(ctx.db, `SELECT 1 FROM approvals WHERE transfer_id = ? AND independent = 1 AND decision IN ('approved','ratified')`).get(ctx.transfer.id);
    if (approved) return null;
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: ctx.transfer.id, severity: usd.minor >= 1_000_000_00 ? 'high' : 'medium',
      title: 'No independent approval recorded',
      summary: `${whatMoved(ctx)}. It is a related-person transaction over $120,000, and the ledger holds no approval or ratification by an independent body `
        + `(audit committee or other independent directors). Record one with its document, or treat the transaction as not reviewed (S-K 404(b)).`,
      paths: [ctx.relation!.fromPath, ctx.relation!.toPath],
      atStakeMinor: usd.minor, atStakeCurrency: 'USD',
    };
  },
};
