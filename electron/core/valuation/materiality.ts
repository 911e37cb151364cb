// Materiality: a transfer, and the year's total with the same counterparty, as a share of each
// side's revenue, total assets and equity (from imported XBRL figures or typed in), next to the
// thresholds the rules apply. The fiscal year is taken as the calendar year.
import type { Db } from '../db/open';
import type { TransferWithKey } from '../ledger/read';
import { tryConvertMinor } from './fx';
import { stmt } from '../conflicts/stmtCache';

export const figureKinds = ['revenue', 'totalAssets', 'equity'] as const;
export type FigureKind = (typeof figureKinds)[number];

export interface FigureShare {
  figure: FigureKind;
  figureMinor: number;
  currency: string;
  periodEnd: string;
  source: string;
  /** This transfer as a percent of the figure. */
  transferPct: number;
  /** All transfers with the same counterparty in the calendar year, up to and including this one, as a percent. */
  yearTotalPct: number;
  yearTotalMinor: number;
}

export interface SideMateriality { entityId: number; entityName: string; counterpartyName: string; shares: FigureShare[]; note: string | null }

interface FigureRow { figure: FigureKind; amount_minor: number; currency: string; period_end: string; concept: string | null; locator: string | null; document_id: number | null }

function toCurrency(db: Db, minor: number, from: string, to: string, day: string): number | null {
  if (from === to) return minor;
  return tryConvertMinor(db, minor, from, to, day)?.minor ?? null;
}

/** The latest figure of each kind for the entity with a period ending in the year. */
export function figuresFor(db: Db, entityId: number, year: string): FigureRow[] {
  return figureKinds.map((f) => stmt(db, `SELECT figure, amount_minor, currency, period_end, concept, locator, document_id FROM issuer_figures
    WHERE entity_id = ? AND figure = ? AND substr(period_end, 1, 4) = ? ORDER BY period_end DESC, id DESC LIMIT 1`).get(entityId, f, year) as FigureRow | undefined)
    .filter((r): r is FigureRow => r !== undefined);
}

/** The year's transfers between the two parties up to and including this one, in `currency`; null if one cannot be converted. */
export function yearTotalWith(db: Db, t: TransferWithKey, a: number, b: number, currency: string): { minor: number; ids: number[] } | null {
  const rows = stmt(db, `SELECT id, amount_minor, currency, occurred_on FROM transfers
    WHERE ((from_id = @a AND to_id = @b) OR (from_id = @b AND to_id = @a)) AND amount_minor IS NOT NULL AND status <> 'reversed'
      AND substr(occurred_on, 1, 4) = @year AND (occurred_on < @date OR (occurred_on = @date AND id <= @id))`)
    .all({ a, b, year: t.date.slice(0, 4), date: t.date, id: t.id }) as Array<{ id: number; amount_minor: number; currency: string; occurred_on: string }>;
  let minor = 0;
  for (const r of rows) {
    const v = toCurrency(db, r.amount_minor, r.currency, currency, r.occurred_on);
    if (v === null) return null;
    minor += v;
  }
  return { minor, ids: rows.map((r) => r.id) };
}

export function materialityOf(db: Db, t: TransferWithKey): SideMateriality[] {
  const year = t.date.slice(0, 4);
  const out: SideMateriality[] = [];
  for (const [side, other] of [[t.from, t.to], [t.to, t.from]] as const) {
    const figures = figuresFor(db, side.id, year);
    if (figures.length === 0) continue;
    const shares: FigureShare[] = [];
    let note: string | null = null;
    for (const f of figures) {
      if (t.amountMinor === null) { note = 'No reported amount: nothing to compare.'; break; }
      const amount = toCurrency(db, t.amountMinor, t.currency!, f.currency, t.date);
      const total = yearTotalWith(db, t, side.id, other.id, f.currency);
      if (amount === null || total === null) { note = `No FX rate to convert into ${f.currency}.`; continue; }
      shares.push({
        figure: f.figure, figureMinor: f.amount_minor, currency: f.currency, periodEnd: f.period_end,
        source: `${f.concept ?? 'typed in'}${f.locator ? `, ${f.locator}` : ''}${f.document_id !== null ? `, document ${f.document_id}` : ''}`,
        transferPct: f.amount_minor > 0 ? (amount / f.amount_minor) * 100 : 0,
        yearTotalPct: f.amount_minor > 0 ? (total.minor / f.amount_minor) * 100 : 0,
        yearTotalMinor: total.minor,
      });
    }
    out.push({ entityId: side.id, entityName: side.name, counterpartyName: other.name, shares, note });
  }
  return out;
}
