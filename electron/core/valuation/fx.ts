// Currency conversion from the ledger's FX table. Rates are stored as units of the quote
// currency per 1 unit of the base, in millionths (ECB publishes EUR-based rates), and all
// arithmetic is on integers: no float ever touches an amount.
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { LedgerWriter } from '../ledger/write';
import { appendAudit } from '../ledger/auditLog';
import { minorDigits } from '../../../shared/money';
import { stmt } from '../conflicts/stmtCache';
import { duringRun, inRun } from '../conflicts/runScope';
import { ecbReferenceRates, parseEcbCsv, ECB_REFERENCE_SOURCE } from '../reference/ecbRates';

export const ECB_SOURCE_LABEL = 'ECB euro foreign exchange reference rates (shipped reference set)';
/** How far back a missing day (weekend, holiday) may look for the last published rate. */
const MAX_STALE_DAYS = 7;

export interface FxQuote { base: string; quote: string; day: string; rateMicro: number; source: string }

/** The rate in force on `day`: that day's, or the latest within a week before it. */
function eurRate(db: Db, quote: string, day: string): FxQuote | null {
  if (quote === 'EUR') return { base: 'EUR', quote: 'EUR', day, rateMicro: 1_000_000, source: 'identity' };
  // A rule run converts on thousands of dates: it reads each currency's rates once and searches them in memory.
  if (inRun(db)) return rateFromTable(duringRun(db, `fx|${quote}`, () => ratesOf(db, quote)), day);
  return readEurRate(db, quote, day);
}

/** Every EUR/quote rate, by day; within a day the one readEurRate would prefer comes last. */
function ratesOf(db: Db, quote: string): FxQuote[] {
  return stmt(db, `SELECT base, quote, day, rate_micro AS rateMicro, source FROM fx_rates
    WHERE base = 'EUR' AND quote = ? ORDER BY day ASC, (source = ?) DESC, id ASC`).all(quote, ECB_SOURCE_LABEL) as FxQuote[];
}

/** The same answer as readEurRate, from the sorted rates: the last one on or before `day`, if within the week. */
function rateFromTable(rates: FxQuote[], day: string): FxQuote | null {
  const earliest = staleLimit(day);
  let lo = 0;
  let hi = rates.length; // first index whose day is after `day`
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rates[mid]!.day <= day) lo = mid + 1; else hi = mid;
  }
  const r = lo > 0 ? rates[lo - 1]! : null;
  return r && r.day >= earliest ? r : null;
}

function daysAfter(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The dates whose conversions a rate published on `day` may serve: that day and the week after (eurRate looks back that far). */
export function datesServedBy(day: string): [string, string] {
  return [day, daysAfter(day, MAX_STALE_DAYS)];
}

function staleLimit(day: string): string {
  return daysAfter(day, -MAX_STALE_DAYS);
}

function readEurRate(db: Db, quote: string, day: string): FxQuote | null {
  const earliest = staleLimit(day);
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
  const c = tryConvertMinor(db, minor, from, to, day);
  if (!c) throw new AppError('not_found', missingRateMessage(eurRate(db, from, day) ? to : from, from, to, day));
  return c;
}

/**
 * convertMinor, or null where a rate is missing. For callers that only need to know it cannot be
 * converted: a rule run asks on thousands of dates, many before the first rate, and building an
 * error (with its stack) each time cost more than the conversions.
 */
export function tryConvertMinor(db: Db, minor: number, from: string, to: string, day: string): Conversion | null {
  if (from === to) return { minor, from, to, day, legs: [], note: 'same currency' };
  const a = eurRate(db, from, day);
  const b = eurRate(db, to, day);
  return a && b ? convertWithRates(minor, from, to, day, a, b) : null;
}

/** Why an amount could not be converted: the same words for one conversion and for many. */
export function missingRateMessage(missing: string, from: string, to: string, day: string): string {
  return `No EUR/${missing} rate on or up to ${MAX_STALE_DAYS} days before ${day} in the FX table; add one (armslength fx FILE --db LEDGER) to convert ${from} to ${to}.`;
}

/** The arithmetic of convertMinor, given the two EUR legs already looked up. */
function convertWithRates(minor: number, from: string, to: string, day: string, a: FxQuote, b: FxQuote): Conversion {
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

/**
 * The EUR rates in force for one currency, read in one query and looked up per day in memory with
 * eurRate's choice. For reads that convert thousands of (currency, day) groups, where a query per
 * group costs more than the sums themselves.
 */
export function eurRateTable(db: Db, quote: string): (day: string) => FxQuote | null {
  if (quote === 'EUR') return (day) => ({ base: 'EUR', quote: 'EUR', day, rateMicro: 1_000_000, source: 'identity' });
  const rates = ratesOf(db, quote);
  const answers = new Map<string, FxQuote | null>();
  return (day) => {
    let r = answers.get(day);
    if (r === undefined) { r = rateFromTable(rates, day); answers.set(day, r); }
    return r;
  };
}

/**
 * convertMinor for many amounts into one currency: rate tables per currency, loaded once.
 * Answers the converted minor units, or the reason no rate was found (convertMinor's message).
 */
export function converterTo(db: Db, to: string): (minor: number, currency: string, day: string) => number | { missing: string } {
  const tables = new Map<string, (day: string) => FxQuote | null>();
  const table = (c: string) => {
    let t = tables.get(c);
    if (!t) { t = eurRateTable(db, c); tables.set(c, t); }
    return t;
  };
  const target = table(to);
  return (minor, currency, day) => {
    if (currency === to) return minor;
    const a = table(currency)(day);
    const b = target(day);
    if (!a || !b) return { missing: missingRateMessage(!a ? currency : to, currency, to, day) };
    return convertWithRates(minor, currency, to, day, a, b).minor;
  };
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
