// The ECB euro foreign exchange reference rates shipped with the app (see README.md in this folder),
// and a parser for the ECB's eurofxref-hist.csv layout. Pure: no database, no Electron, no file system.
//
// The CSV is imported as text (Vite's `?raw`), so it is bundled into out/main and works the same from
// the Electron app, the CLI and vitest, wherever the bundle ends up on disk.
import ecbCsv from './ecb-eurofxref-2023.csv?raw';

/** One published rate: `rateMicro` millionths of a unit of `quote` buy 1 EUR on `day`. */
export interface EcbRate {
  /** TARGET business day, YYYY-MM-DD. */
  day: string;
  /** ISO 4217 code of the quoted currency. */
  quote: string;
  /** Units of `quote` per 1 EUR, in millionths: "1.0850" is 1085000. */
  rateMicro: number;
}

export const ECB_REFERENCE_FILE = 'ecb-eurofxref-2023.csv';

/** Where the shipped numbers come from; README.md has the details. */
export const ECB_REFERENCE_SOURCE = {
  publisher: 'European Central Bank, euro foreign exchange reference rates (eurofxref-hist.csv)',
  copy: 'public repository EliasTeikari/SEB-solution, data/eurofxref-hist.csv, commit 336477101106ba368d6360ef5b796036bec052eb',
  firstDay: '2023-01-02',
  lastDay: '2026-02-13',
} as const;

const RATE_DECIMALS = 6;
const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CURRENCY_CODE = /^[A-Z]{3}$/;

/**
 * Parses a rate written as plain decimal text ("1.0850", "157.23") into millionths, exactly: the digits
 * are combined as integers, never through a float. Refuses anything else, including more than six
 * decimals (which would have to be rounded) and zero (no currency trades at nothing per euro).
 */
export function parseRateMicro(text: string): number {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new Error(`"${text}" is not a decimal rate`);
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > RATE_DECIMALS) {
    throw new Error(`"${text}" has more than ${RATE_DECIMALS} decimals`);
  }
  const micro = BigInt(whole) * 10n ** BigInt(RATE_DECIMALS) + BigInt(fraction.padEnd(RATE_DECIMALS, '0'));
  if (micro === 0n) throw new Error(`"${text}" is not a positive rate`);
  if (micro > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`"${text}" is too large a rate`);
  return Number(micro);
}

function isCalendarDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads the ECB's eurofxref-hist.csv layout: a header `Date,USD,JPY,...` (the ECB ends every line with a
 * comma, so a trailing empty column is accepted), then one line per day. `N/A` and empty cells are
 * currencies not quoted that day and are skipped. Rates come back in file order, each row's in header
 * order. Anything malformed is refused with the file, line and column, e.g.
 * `rates.csv line 7, column "USD": "1.O8" is not a decimal rate`.
 */
export function parseEcbCsv(text: string, fileName: string): EcbRate[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const header = (lines[0] ?? '').replace(/\r$/, '').split(',');
  if (header[0] !== 'Date') {
    throw new Error(`${fileName} line 1: the header must start with "Date", not "${header[0] ?? ''}"`);
  }
  const width = header.length > 1 && header[header.length - 1] === '' ? header.length - 1 : header.length;
  const quotes = header.slice(1, width);
  if (quotes.length === 0) throw new Error(`${fileName} line 1: the header names no currencies`);
  const seenQuotes = new Set<string>();
  quotes.forEach((quote, i) => {
    if (!CURRENCY_CODE.test(quote)) {
      throw new Error(`${fileName} line 1, column ${i + 2}: "${quote}" is not a currency code`);
    }
    if (seenQuotes.has(quote)) throw new Error(`${fileName} line 1, column ${i + 2}: "${quote}" appears twice`);
    seenQuotes.add(quote);
  });

  const rates: EcbRate[] = [];
  const dayLines = new Map<string, number>();
  lines.slice(1).forEach((raw, i) => {
    const lineNumber = i + 2;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const cells = line.split(',');
    // Like the header, a row may end with one empty cell.
    const used = cells.length === width + 1 && cells[width] === '' ? width : cells.length;
    if (used !== width) {
      throw new Error(`${fileName} line ${lineNumber}: ${cells.length} cells, but the header has ${header.length}`);
    }
    const day = cells[0] ?? '';
    if (!isCalendarDay(day)) {
      throw new Error(`${fileName} line ${lineNumber}, column "Date": "${day}" is not a YYYY-MM-DD date`);
    }
    const earlier = dayLines.get(day);
    if (earlier !== undefined) {
      throw new Error(`${fileName} line ${lineNumber}, column "Date": ${day} already appears on line ${earlier}`);
    }
    dayLines.set(day, lineNumber);
    quotes.forEach((quote, q) => {
      const cell = cells[q + 1] ?? '';
      if (cell === '' || cell === 'N/A') return;
      try {
        rates.push({ day, quote, rateMicro: parseRateMicro(cell) });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(`${fileName} line ${lineNumber}, column "${quote}": ${reason}`);
      }
    });
  });
  return rates;
}

let shipped: readonly EcbRate[] | undefined;

/** The shipped reference rates (parsed once), newest day first, as in the ECB file. */
export function ecbReferenceRates(): EcbRate[] {
  shipped ??= Object.freeze(parseEcbCsv(ecbCsv, ECB_REFERENCE_FILE).map((rate) => Object.freeze(rate)));
  return shipped.slice();
}
