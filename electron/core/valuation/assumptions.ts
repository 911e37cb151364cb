// The assumptions a person can change for valuing what a firm gave up by waiting: a delay
// (months), a rental price per unit and month for resources that can be rented (GPUs), and a
// cost of capital for everything else. Kept in ledger_settings; every change is audit-logged.
import type { Db } from '../db/open';
import { appendAudit } from '../ledger/auditLog';
import { ValuationAssumptions, type RentalRate } from '../../../shared/rulesTypes';

export { ValuationAssumptions, type RentalRate };

const key = 'valuation_assumptions';
export const defaultAssumptions: ValuationAssumptions = {
  costOfCapitalPct: 8,
  defaultDelayMonths: 3,
  // Cloud H100 rental around $2 an hour in 2024 (about $1,460 a month): an assumption to change, not a fact.
  rentalRates: [{ resourceKey: 'nvidia-h100', unit: 'unit', currency: 'USD', perMonthMinor: 1_460_00, source: 'assumption: about $2 per GPU-hour of cloud rental (2024), editable' }],
};

export function readAssumptions(db: Db): ValuationAssumptions {
  const raw = db.prepare(`SELECT value FROM ledger_settings WHERE key = ?`).pluck().get(key) as string | undefined;
  if (raw === undefined) return defaultAssumptions;
  const parsed = ValuationAssumptions.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : defaultAssumptions;
}

export function writeAssumptions(db: Db, patch: Partial<ValuationAssumptions>): ValuationAssumptions {
  return db.transaction(() => {
    const before = readAssumptions(db);
    const next = ValuationAssumptions.parse({ ...before, ...patch });
    db.prepare(`INSERT INTO ledger_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, JSON.stringify(next));
    appendAudit(db, { action: 'valuation.assumptions', summary: `valuation assumptions changed: ${Object.keys(patch).join(', ')}`, details: { before, after: next } });
    return next;
  })();
}
