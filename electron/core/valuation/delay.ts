// What a firm gave up when an allocation meant for it went elsewhere: not only the hardware's
// price but the months it waited. The delay is read from the ledger when a replacement reached
// the firm later (same resource), else the person's assumption; it is valued at a rental rate
// per unit and month when one is set for the resource, else at the cost of capital on the value.
import type { Db } from '../db/open';
import type { TransferWithKey } from '../ledger/read';
import { formatMoney } from '../../../shared/money';
import { stmt } from '../conflicts/stmtCache';
import { defaultAssumptions, ValuationAssumptions } from './assumptions';
import type { ValuationResult } from './priceBand';

const parsed = new WeakMap<Db, { raw: string | undefined; value: ValuationAssumptions }>();

/** The assumptions, parsed once per change of the stored setting (the rules read them per transfer). */
export function readAssumptionsCached(db: Db): ValuationAssumptions {
  const raw = stmt(db, `SELECT value FROM ledger_settings WHERE key = 'valuation_assumptions'`).pluck().get() as string | undefined;
  const hit = parsed.get(db);
  if (hit && hit.raw === raw) return hit.value;
  const r = raw === undefined ? null : ValuationAssumptions.safeParse(JSON.parse(raw));
  const value = r?.success ? r.data : defaultAssumptions;
  parsed.set(db, { raw, value });
  return value;
}

export interface DelayValue {
  months: number;
  /** Where the months come from: a later transfer that replaced the allocation, or the assumption. */
  monthsBasis: string;
  minor: number;
  currency: string;
  method: string;
  assumptions: { costOfCapitalPct: number; rentalPerMonthMinor: number | null; rentalSource: string | null; defaultDelayMonths: number };
}

const monthsBetween = (a: string, b: string) => Math.max(0, (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (86_400_000 * 30.4375));

/** The value of the delay a redirected transfer caused the firm it was meant for; null when there is nothing to value. */
export function valueDelay(db: Db, t: TransferWithKey, value: ValuationResult): DelayValue | null {
  if (!t.intendedFor || t.intendedFor.id === t.to.id || t.quantity === null) return null;
  const a = readAssumptionsCached(db);
  const replacement = t.resourceKey === null ? undefined : stmt(db, `SELECT id, occurred_on FROM transfers
    WHERE to_id = ? AND resource_key = ? AND occurred_on > ? AND status <> 'reversed' AND id <> ? ORDER BY occurred_on, id LIMIT 1`)
    .get(t.intendedFor.id, t.resourceKey, t.date, t.id) as { id: number; occurred_on: string } | undefined;
  const months = replacement ? Math.round(monthsBetween(t.date, replacement.occurred_on) * 10) / 10 : a.defaultDelayMonths;
  const monthsBasis = replacement ? `until transfer ${replacement.id} reached ${t.intendedFor.name} on ${replacement.occurred_on}` : `assumed (${a.defaultDelayMonths} months; no replacement in the ledger)`;
  const rental = a.rentalRates.find((r) => r.resourceKey === t.resourceKey && r.unit === t.unit);
  const assumptions = { costOfCapitalPct: a.costOfCapitalPct, rentalPerMonthMinor: rental?.perMonthMinor ?? null, rentalSource: rental?.source ?? null, defaultDelayMonths: a.defaultDelayMonths };
  if (rental) {
    const minor = Math.round(rental.perMonthMinor * t.quantity * months);
    return { months, monthsBasis, minor, currency: rental.currency, assumptions,
      method: `${t.quantity.toLocaleString('en-US')} ${t.unit ?? 'units'} × ${formatMoney(rental.perMonthMinor, rental.currency)} rental a month × ${months} months (${rental.source})` };
  }
  const v = value.valuation;
  if (!v) return null;
  const minor = Math.round(v.baseMinor * (a.costOfCapitalPct / 100) * (months / 12));
  return { months, monthsBasis, minor, currency: v.currency, assumptions,
    method: `base value ${formatMoney(v.baseMinor, v.currency)} × ${a.costOfCapitalPct}% a year cost of capital × ${months} months` };
}
