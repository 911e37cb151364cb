// US SEC rules. sk404-threshold v1: Regulation S-K Item 404(a) asks for disclosure of a
// transaction over $120,000 in which a related person has a material interest. missing-approval
// v1: such a transaction with no recorded approval or ratification by an independent body
// (audit committee or other, Nasdaq 5630 / NYSE 314.00; NYSE asks for it in advance).
import { formatMoney } from '../../../../shared/money';
import type { Rule, RuleContext } from '../ruleContext';
import { convertMinor } from '../../valuation/fx';
import { AppError } from '../../errors';
import { whatMoved } from '../describe';

export const SK404_THRESHOLD_USD_MINOR = 120_000_00;

/** The amount at stake in USD, converted at the transfer's date when needed; null when unknown. */
function atStakeUsd(ctx: RuleContext): { minor: number; note: string } | null {
  const a = ctx.atStake;
  if (!a) return null;
  if (a.currency === 'USD') return { minor: a.minor, note: '' };
  try {
    const c = convertMinor(ctx.db, a.minor, a.currency, 'USD', ctx.transfer.date);
    return { minor: c.minor, note: ` (${formatMoney(a.minor, a.currency)} at ${c.note})` };
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

function overThreshold(ctx: RuleContext): { minor: number; note: string } | null {
  if (!ctx.relation || ctx.relation.holder.kind !== 'person') return null; // a related *person* with an interest
  const usd = atStakeUsd(ctx);
  return usd && usd.minor > SK404_THRESHOLD_USD_MINOR ? usd : null;
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
      summary: `${whatMoved(ctx)}. At ${formatMoney(usd.minor, 'USD')}${usd.note} it exceeds S-K 404(a)'s $120,000, and ${person}, `
        + `who ${ctx.relation!.kind === 'interlock' ? 'is an officer or director of both sides' : 'controls or leads both sides'}, has an interest in it: the issuer's filing must disclose it `
        + `(name and relationship, the interest, and the approximate amounts).`,
      paths: [ctx.relation!.fromPath, ctx.relation!.toPath],
      atStakeMinor: usd.minor, atStakeCurrency: 'USD',
    };
  },
};

export const missingApprovalRule: Rule = {
  id: 'missing-approval', version: 1, regime: 'us-sec', name: 'No independent approval recorded',
  evaluate(ctx) {
    const usd = overThreshold(ctx);
    if (!usd) return null;
    const approved = ctx.db.prepare(`SELECT 1 FROM approvals WHERE transfer_id = ? AND independent = 1 AND decision IN ('approved','ratified')`).get(ctx.transfer.id);
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
