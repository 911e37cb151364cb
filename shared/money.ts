// Money is kept as integer minor units beside an ISO 4217 code; never as a binary float.

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

const digitsCache = new Map<string, number>();

/** Digits after the decimal point for a currency (USD 2, JPY 0, KWD 3), as ISO 4217 / CLDR say. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    // Building a NumberFormat costs ~10 µs; imports ask this once per row.
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export class AmountSyntaxError extends Error {}

const groupingSpaces = /[\s\u00a0\u202f']/g;
const groupedThousands = { ',': /^\d{1,3}(,\d{3})+$/, '.': /^\d{1,3}(\.\d{3})+$/ } as const;

/**
 * Parse a plain decimal string ("1234.5", "1,234.50", "1.234,50" with decimalSeparator ',')
 * into integer minor units without going through a float. Refuses more decimals than the
 * currency has, signs, and anything that is not a number.
 */
export function parseAmountToMinor(text: string, currency: string, decimalSeparator: '.' | ',' = '.'): number {
  const thousands = decimalSeparator === '.' ? ',' : '.';
  const raw = text.trim().replace(groupingSpaces, '');
  if (raw === '') throw new AmountSyntaxError('is empty');
  if (raw.startsWith('-')) throw new AmountSyntaxError(`"${text}" is negative; a transfer's direction gives its sign`);
  const [intPartRaw, fracPart = '', ...rest] = raw.split(decimalSeparator);
  if (rest.length > 0 || intPartRaw === undefined) throw new AmountSyntaxError(`"${text}" is not a number`);
  let intPart = intPartRaw;
  if (groupedThousands[thousands].test(intPart)) intPart = intPart.split(thousands).join('');
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) throw new AmountSyntaxError(`"${text}" is not a number`);
  const digits = minorDigits(currency);
  if (fracPart.length > digits) {
    throw new AmountSyntaxError(`"${text}" has more decimals than ${currency} allows (${digits})`);
  }
  const minor = BigInt(intPart + fracPart.padEnd(digits, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountSyntaxError(`"${text}" is too large`);
  return Number(minor);
}

/** Minor units to an exact decimal string in major units ("50000000000", USD -> "500000000.00"). */
export function minorToDecimalString(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = BigInt(Math.abs(minor)).toString().padStart(digits + 1, '0');
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

// Building a NumberFormat costs far more than formatting with one: the rules format thousands of amounts a run.
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(minor: number, currency: string, locale = 'en-US', compact = false): string {
  const key = `${locale}|${currency}|${compact ? 1 : 0}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    });
    moneyFormats.set(key, nf);
  }
  // Intl formats decimal strings exactly (no float rounding of large amounts).
  return nf.format(minorToDecimalString(minor, currency) as unknown as number);
}

/** Round half away from zero of an exact integer product, e.g. quantity x unit price. */
export function multiplyMinor(unitMinor: number, quantity: number): number {
  return Math.round(unitMinor * quantity);
}
