// Money as prose writes it ("$2.1 million", "approximately $198.3 million", "US$3.5 million",
// "€2 million", "$50,000", "2 million euros") to integer minor units, exactly: digits are
// shifted as a decimal string, never multiplied as a float.
import { isCurrency, minorDigits } from '../../../../shared/money';

export interface AmountMention {
  /** Range in the string searched. */
  start: number;
  end: number;
  text: string;
  currency: string;
  minor: number;
}

const scaleWords: Record<string, number> = {
  thousand: 3, k: 3, million: 6, mm: 6, mn: 6, m: 6, billion: 9, bn: 9, b: 9, trillion: 12,
};

const prefixCurrencies: Array<[RegExp, string]> = [
  [/^(?:US\$|U\.S\.\s?\$|USD\s?\$?)$/i, 'USD'],
  [/^(?:C\$|CA\$|CAD\s?\$?|Cdn\$)$/i, 'CAD'],
  [/^(?:A\$|AU\$|AUD\s?\$?)$/i, 'AUD'],
  [/^NZ\$$/i, 'NZD'],
  [/^HK\$$/i, 'HKD'],
  [/^S\$$/i, 'SGD'],
  [/^R\$$/i, 'BRL'],
  [/^\$$/, 'USD'],
  [/^(?:€|EUR\s?€?)$/i, 'EUR'],
  [/^(?:£|GBP\s?£?)$/i, 'GBP'],
  [/^(?:¥|JPY\s?¥?)$/i, 'JPY'],
  [/^(?:RMB|CNY)$/i, 'CNY'],
  [/^(?:₹|INR|Rs\.?)$/i, 'INR'],
  [/^(?:₩|KRW)$/i, 'KRW'],
];

const wordCurrencies: Array<[RegExp, string]> = [
  [/^(?:U\.S\.\s+)?dollars?$/i, 'USD'],
  [/^euros?$/i, 'EUR'],
  [/^pounds(?:\s+sterling)?$/i, 'GBP'],
  [/^yen$/i, 'JPY'],
];

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const SCALE = String.raw`(?:[\s\u00a0]?(thousand|million|billion|trillion)|(mm|mn|bn|k|m|b))(?![\p{L}\p{N}])`;
const PREFIX = String.raw`(US\$|U\.S\.\s?\$|USD\s?\$?|Cdn\$|CA\$|C\$|CAD\s?\$?|AU\$|A\$|AUD\s?\$?|NZ\$|HK\$|S\$|R\$|\$|€|EUR\s?€?|£|GBP\s?£?|¥|JPY\s?¥?|RMB|CNY|₹|INR|₩|KRW|CHF|SEK|NOK|DKK|SGD|HKD)`;

const prefixed = new RegExp(String.raw`(?<![\p{L}\p{N}$])${PREFIX}[\s\u00a0]?${NUM}(?:${SCALE})?`, 'gu');
const suffixed = new RegExp(String.raw`(?<![\p{L}\p{N}$.,])${NUM}(?:[\s\u00a0](thousand|million|billion|trillion))?[\s\u00a0]+((?:U\.S\.\s+)?dollars|euros?|pounds(?:\s+sterling)?|yen|USD|EUR|GBP|JPY|CHF)(?![\p{L}])`, 'gu');

function currencyOf(symbol: string, table: Array<[RegExp, string]>): string | null {
  const s = symbol.replace(/\u00a0/g, ' ').trim();
  for (const [re, code] of table) if (re.test(s)) return code;
  const upper = s.toUpperCase();
  return isCurrency(upper) ? upper : null;
}

/** Integer minor units of int.frac x 10^scale, or null if not whole minor units or too large. */
export function toMinor(intPart: string, fracPart: string, scale: number, currency: string): number | null {
  const digits = (intPart.replace(/[,\s\u00a0]/g, '') + fracPart).replace(/^0+(?=\d)/, '');
  const exp = scale + minorDigits(currency) - fracPart.length;
  let value: bigint;
  if (exp >= 0) {
    value = BigInt(digits) * 10n ** BigInt(exp);
  } else {
    const cut = digits.length + exp;
    const rest = digits.slice(Math.max(0, cut));
    if (/[1-9]/.test(rest)) return null;
    value = BigInt(cut > 0 ? digits.slice(0, cut) : '0');
  }
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value);
}

/** Every amount of money in a string, in order. */
export function findAmounts(s: string): AmountMention[] {
  const out: AmountMention[] = [];
  prefixed.lastIndex = 0;
  for (let m = prefixed.exec(s); m; m = prefixed.exec(s)) {
    const currency = currencyOf(m[1]!, prefixCurrencies);
    if (!currency) continue;
    const scaleWord = (m[4] ?? m[5] ?? '').toLowerCase();
    // "$5 m" is not a scale: single letters count only when written against the number.
    const minor = toMinor(m[2]!, m[3] ?? '', scaleWords[scaleWord] ?? 0, currency);
    if (minor === null) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], currency, minor });
  }
  suffixed.lastIndex = 0;
  for (let m = suffixed.exec(s); m; m = suffixed.exec(s)) {
    if (out.some((a) => m!.index < a.end && a.start < m!.index + m![0].length)) continue;
    const currency = currencyOf(m[4]!, wordCurrencies);
    if (!currency) continue;
    const minor = toMinor(m[1]!, m[2] ?? '', scaleWords[(m[3] ?? '').toLowerCase()] ?? 0, currency);
    if (minor === null) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], currency, minor });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A table cell that is an amount: "$ 2,450,000", "2,450", "(1,200)", "$2.1 million". */
export function cellAmount(cell: string, defaultCurrency: string | null, scale: number): { currency: string; minor: number } | null {
  const s = cell.replace(/\u00a0/g, ' ').trim();
  const full = findAmounts(s);
  if (full.length === 1 && full[0]!.start === 0 && full[0]!.end >= s.replace(/[\s)*]+$/, '').length) {
    const a = full[0]!;
    if (scale > 0 && !/[a-z]\s*$/i.test(a.text)) {
      const m = /(\d[\d,]*)(?:\.(\d+))?/.exec(a.text);
      if (!m) return null;
      const minor = toMinor(m[1]!, m[2] ?? '', scale, a.currency);
      return minor === null ? null : { currency: a.currency, minor };
    }
    return { currency: a.currency, minor: a.minor };
  }
  const m = /^(?:\(?\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*\)?$/.exec(s);
  if (!m || !defaultCurrency) return null;
  if (!m[0].includes(',') && !m[2] && /^(?:19|20)\d\d$/.test(m[1]!)) return null;
  const minor = toMinor(m[1]!, m[2] ?? '', scale, defaultCurrency);
  return minor === null ? null : { currency: defaultCurrency, minor };
}
