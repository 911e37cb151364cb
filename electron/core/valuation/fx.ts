// Currency conversion from the ledger's FX table. Rates are stored as units of the quote
// currency per 1 unit of the base, in millionths (ECB publishes EUR-based rates), and all
// arithmetic is on integers: no float ever touches an amount.
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { LedgerWriter } from '../ledger/write';
import { appendAudit } from '../ledger/auditLog';
import { minorDigits } from '../../../shared/money';
import { stmt } from '../conflicts/stmtCache';
import { duringRun } from '../conflicts/runScope';
import { ecbReferenceRates, parseEcbCsv, ECB_REFERENCE_SOURCE } from '../reference/ecbRates';

export const ECB_SOURCE_LABEL = 'ECB euro foreign exchange reference rates (shipped reference set)';
/** How far back a missing day (weekend, holiday) may look for the last published rate. */
const MAX_STALE_DAYS = 7;

export interface FxQuote { base: string; quote: string; day: string; rateMicro: number; source: string }

/** The rate in force on `day`: that day's, or the latest within a week before it. */
function eurRate(db: Db, quote: string, day: string): FxQuote | null {
  if (quote === 'EUR') return { base: 'EUR', quote: 'EUR', day, rateMicro: 1_000_000, source: 'identity' };
  // A rule run converts the same currencies on the same days for many transfers.
  return duringRun(db, `fx|${quote}|${day}`, () => readEurRate(db, quote, day));
}

function readEurRate(db: Db, quote: string, day: string): FxQuote | null {
  const earliest = new Date(Date.parse(`${day}T00:00:00Z`) - MAX_STALE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const r = stmt(db, `SELECT base, quote, day, rate_micro AS rateMicro, source FROM fx_rates
    WHERE base = 'EUR' AND quote = ? AND day <= ? AND day >= ? ORDER BY day DESC, (source = ?) ASC, id DESC LIMIT 1`)
    .get(quote, day, earliest, ECB_SOURCE_LABEL) as FxQuote | undefined;
  return r ?? null;
}

export interface Conversion { minor: number; from: string; to: string; day: string; legs: FxQuote[]; note: string }

/** Round half away from zero of a / b for positive BigInts. */
function divRound(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (2n * b);
}

/**
 * Convert an amount between currencies with the rates in force on `day`, through EUR when
 * neither side is EUR (ECB publishes EUR-based rates). Throws when a rate is missing.
 */
export function convertMinor(db: Db, minor: number, from: string, to: string, day: string): Conversion {
  if (from === to) return { minor, from, to, day, legs: [], note: 'same currency' };
  const a = eurRate(db, from, day);
  const b = eurRate(db, to, day);
  if (!a || !b) {
    const missing = !a ? from : to;
    throw new AppError('not_found', `No EUR/${missing} rate on or up to ${MAX_STALE_DAYS} days before ${day} in the FX table; add one (armslength fx FILE --db LEDGER) to convert ${from} to ${to}.`);
  }
  // minor_to = minor_from / 10^dFrom / (from per EUR) * (to per EUR) * 10^dTo
  const dFrom = BigInt(minorDigits(from));
  const dTo = BigInt(minorDigits(to));
  const num = BigInt(minor) * BigInt(b.rateMicro) * 10n ** dTo;
  const den = BigInt(a.rateMicro) * 10n ** dFrom;
  const converted = Number(divRound(num, den));
  const legs = [a, b].filter((l) => l.source !== 'identity');
  const note = legs.map((l) => `EUR/${l.quote} ${(l.rateMicro / 1e6).toString()} on ${l.day} (${l.source})`).join('; ');
  return { minor: converted, from, to, day, legs, note };
}

/** Put the shipped ECB rates into a ledger that does not have them yet. */
export function ensureReferenceRates(db: Db): number {
  const have = db.prepare(`SELECT count(*) FROM fx_rates WHERE source = ?`).pluck().get(ECB_SOURCE_LABEL) as number;
  const rates = ecbReferenceRates();
  if (have >= rates.length) return 0;
  return db.transaction(() => {
    const w = new LedgerWriter(db);
    let added = 0;
    for (const r of rates) if (w.fxRate({ base: 'EUR', quote: r.quote, day: r.day, rateMicro: r.rateMicro, source: ECB_SOURCE_LABEL })) added++;
    const days = rates.map((r) => r.day).sort();
    appendAudit(db, {
      action: 'fx.reference', actor: 'armslength',
      summary: `loaded ${added} ECB reference rates (${days[0]} to ${days[days.length - 1]})`,
      details: { added, source: ECB_SOURCE_LABEL, provenance: ECB_REFERENCE_SOURCE },
    });
    return added;
  })();
}

/** Load rates from a file in the ECB's CSV layout (e.g. eurofxref-hist.csv from the ECB site). */
export function importEcbRates(db: Db, fileName: string, text: string, source: string): { added: number; skipped: number } {
  const rates = parseEcbCsv(text, fileName);
  if (rates.length === 0) throw new AppError('import_rejected', `${fileName}: no rates found (expected the ECB layout: Date,USD,JPY,...)`);
  return db.transaction(() => {
    const w = new LedgerWriter(db);
    let added = 0;
    for (const r of rates) if (w.fxRate({ base: 'EUR', quote: r.quote, day: r.day, rateMicro: r.rateMicro, source })) added++;
    appendAudit(db, { action: 'fx.import', summary: `imported ${added} FX rates from ${fileName} (${source})`, details: { fileName, source, added, skipped: rates.length - added } });
    return { added, skipped: rates.length - added };
  })();
}
