// Wording shared by the rules, so every flag reads the same way.
import type { EntityRef, Flag, PathEdge } from '../../../shared/domain';
import type { TransferWithKey } from '../ledger/read';
import { formatMoney } from '../../../shared/money';
import { formatPartialDate } from '../../../shared/dates';
import type { RuleContext } from './ruleContext';

/** "12,000 × Nvidia H100 GPU", "40 hours of consulting", or just the resource. */
export function describeQuantity(t: Pick<TransferWithKey, 'quantity' | 'unit' | 'resource'>): string {
  if (t.quantity === null) return t.resource;
  const n = t.quantity.toLocaleString('en-US');
  return !t.unit || t.unit === 'unit' ? `${n} × ${t.resource}` : `${n} ${t.unit} of ${t.resource}`;
}

/** "Tesla, Inc. (Elon Musk: CEO)", or "X Corp. itself" when the holder is that side. */
export function sideText(path: PathEdge[], entity: EntityRef): string {
  return path.length === 0 ? `${entity.name} itself` : `${entity.name} (${path.map((e) => `${e.from.name}: ${e.relation}`).join(' → ')})`;
}

/** "12,000 × Nvidia H100 GPU moved from Tesla, Inc. to X Corp. in Dec 2023 (reported $500,000,000.00)". */
export function whatMoved(ctx: RuleContext): string {
  const t = ctx.transfer;
  const what = describeQuantity(t);
  const reported = t.amountMinor !== null ? ` (reported ${formatMoney(t.amountMinor, t.currency!)})` : '';
  return `${what[0]!.toUpperCase()}${what.slice(1)} moved from ${t.from.name} to ${t.to.name} in ${formatPartialDate(t.date, t.datePrecision)}${reported}`;
}

const usdHighMinor = 1_000_000_00;
const usdMaterialMinor = 120_000_00;

/** Severity by the amount at stake in USD; other currencies without a conversion are medium. */
export function severityFor(atStake: RuleContext['atStake']): Flag['severity'] {
  if (!atStake || atStake.currency !== 'USD') return 'medium';
  return atStake.minor >= usdHighMinor ? 'high' : atStake.minor >= usdMaterialMinor ? 'medium' : 'low';
}

/** End a sentence with one period, also after names such as "Tesla, Inc.". */
export function sentence(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}
