// Valuing a transfer against the dated price book: quantity x the band in force on its date.
import type { Db } from '../db/open';
import type { Valuation } from '../../../shared/domain';
import type { TransferWithKey } from '../ledger/read';
import { multiplyMinor } from '../../../shared/money';
import { convertMinor } from './fx';
import { AppError } from '../errors';
import { stmt } from '../conflicts/stmtCache';
import { duringRun } from '../conflicts/runScope';

interface BandRow {
  label: string; unit: string; currency: string; low_minor: number; base_minor: number; high_minor: number;
  valid_from: string; valid_to: string; source: string;
}

export type ValuationResult = { valuation: Valuation; note: null } | { valuation: null; note: string };

export function findBand(db: Db, resourceKey: string, unit: string, date: string): BandRow | undefined {
  return duringRun(db, `band|${resourceKey}|${unit}|${date}`, () => readBand(db, resourceKey, unit, date));
}

function readBand(db: Db, resourceKey: string, unit: string, date: string): BandRow | undefined {
  return stmt(db, `SELECT label, unit, currency, low_minor, base_minor, high_minor, valid_from, valid_to, source FROM price_bands
              WHERE resource_key = ? AND unit = ? AND valid_from <= ? AND valid_to >= ? ORDER BY valid_from DESC, id DESC LIMIT 1`)
    .get(resourceKey, unit, date, date) as BandRow | undefined;
}

/** How far a price lies outside [low, high], in percent of the edge it passed; 0 inside the band. */
export function deviationFromBand(price: number, low: number, high: number): number {
  if (price > high) return ((price - high) / high) * 100;
  if (price < low) return low === 0 ? 0 : -((low - price) / low) * 100;
  return 0;
}

export function valueTransfer(db: Db, t: TransferWithKey): ValuationResult {
  if (!t.resourceKey) return { valuation: null, note: 'No price-book resource is set for this transfer; the reported amount stands alone.' };
  if (t.quantity === null || t.unit === null) return { valuation: null, note: 'The quantity or unit is unknown, so the price book cannot value it.' };
  const band = findBand(db, t.resourceKey, t.unit, t.date);
  if (!band) return { valuation: null, note: `The price book has no band for ${t.resourceKey} per ${t.unit} on ${t.date}.` };
  // Value in the transfer's own currency, so the reported amount and the band compare directly.
  const currency = t.currency ?? band.currency;
  let unit = { low: band.low_minor, base: band.base_minor, high: band.high_minor };
  let fxNote = '';
  if (currency !== band.currency) {
    try {
      const conv = (m: number) => convertMinor(db, m, band.currency, currency, t.date);
      const low = conv(band.low_minor);
      unit = { low: low.minor, base: conv(band.base_minor).minor, high: conv(band.high_minor).minor };
      fxNote = `; band converted from ${band.currency} at ${low.note}`;
    } catch (err) {
      if (err instanceof AppError) return { valuation: null, note: `The band is in ${band.currency} and the transfer in ${currency}: ${err.message}` };
      throw err;
    }
  }
  const reportedUnitMinor = t.amountMinor !== null && t.quantity > 0 ? Math.round(t.amountMinor / t.quantity) : null;
  return {
    note: null,
    valuation: {
      method: `${t.quantity.toLocaleString('en-US')} ${t.unit} x price band (low / base / high) for ${band.label} in force on ${t.date}${fxNote}`,
      currency,
      lowMinor: multiplyMinor(unit.low, t.quantity),
      baseMinor: multiplyMinor(unit.base, t.quantity),
      highMinor: multiplyMinor(unit.high, t.quantity),
      unitLowMinor: unit.low,
      unitHighMinor: unit.high,
      quantity: t.quantity,
      unit: t.unit,
      source: band.source,
      bandValidFrom: band.valid_from,
      bandValidTo: band.valid_to,
      reportedUnitMinor,
      deviationPct: t.amountMinor === null ? null : deviationFromBand(t.amountMinor, multiplyMinor(unit.low, t.quantity), multiplyMinor(unit.high, t.quantity)),
    },
  };
}
