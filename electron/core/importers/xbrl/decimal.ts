// Exact decimal arithmetic for XBRL fact values: a value is kept as sign, integer digits and a
// power of ten (BigInt), so "1.2" with scale 6 is 12 x 10^5 exactly and never passes through a float.

/** value = (neg ? -1 : 1) x digits x 10^exp */
export interface Dec {
  neg: boolean;
  digits: bigint;
  exp: number;
}

/** Longer digit strings than this are refused: no real amount needs them, and BigInt work on them costs. */
const MAX_DIGITS = 60;
const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;

/**
 * xs:decimal lexical form ("-1234.50", ".5", "+7"); with `allowExponent` also the xs:double
 * mantissa/exponent form ("1.5E6"). Returns null for anything else (INF, NaN, grouping, words).
 */
export function parseDecimal(text: string, allowExponent = false): Dec | null {
  const m = decimalPattern.exec(text);
  if (!m) return null;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return null;
  if (m[4] !== undefined && !allowExponent) return null;
  const all = (int + frac).replace(/^0+/, '');
  if (all.length > MAX_DIGITS) return null;
  return { neg: m[1] === '-', digits: BigInt(all === '' ? '0' : all), exp: -frac.length + (m[4] !== undefined ? Number(m[4]) : 0) };
}

export function isZero(d: Dec): boolean {
  return d.digits === 0n;
}

export function withScale(d: Dec, scale: number, negate: boolean): Dec {
  return { neg: negate ? !d.neg : d.neg, digits: d.digits, exp: d.exp + scale };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export type MinorResult = { ok: true; minor: number; rounded: boolean } | { ok: false; reason: string };

/**
 * Signed integer minor units for a currency with `minorDigits` decimals. More decimals than the
 * currency has are rounded half away from zero (`rounded` says so); values beyond
 * Number.MAX_SAFE_INTEGER minor units are refused rather than approximated.
 */
export function toMinorUnits(d: Dec, minorDigits: number): MinorResult {
  if (d.digits === 0n) return { ok: true, minor: 0, rounded: false };
  const shift = d.exp + minorDigits;
  let magnitude: bigint;
  let rounded = false;
  if (shift >= 0) {
    // digits has at most MAX_DIGITS digits; anything shifted past 10^16 is over the limit anyway.
    if (shift > 20) return { ok: false, reason: 'is too large to hold exactly in minor units' };
    magnitude = d.digits * 10n ** BigInt(shift);
  } else if (-shift > MAX_DIGITS + 2) {
    magnitude = 0n; // far below half a minor unit
    rounded = true;
  } else {
    const divisor = 10n ** BigInt(-shift);
    magnitude = d.digits / divisor;
    const rest = d.digits % divisor;
    if (rest !== 0n) {
      rounded = true;
      if (rest * 2n >= divisor) magnitude += 1n;
    }
  }
  if (magnitude > MAX_SAFE) return { ok: false, reason: 'is too large to hold exactly in minor units' };
  const n = Number(magnitude);
  return { ok: true, minor: d.neg && n !== 0 ? -n : n, rounded };
}

/** Canonical decimal string: "1200000", "-0.25", "0". */
export function decToString(d: Dec): string {
  if (d.digits === 0n) return '0';
  let s = d.digits.toString();
  if (d.exp >= 0) s += '0'.repeat(Math.min(d.exp, 400));
  else {
    const point = s.length + d.exp;
    s = point > 0 ? `${s.slice(0, point)}.${s.slice(point)}` : `0.${'0'.repeat(-point)}${s}`;
    s = s.replace(/\.?0+$/, '');
  }
  return (d.neg ? '-' : '') + s;
}

/** True when both are the same number (1.50 equals 1.5). */
export function decEquals(a: Dec, b: Dec): boolean {
  if (a.digits === 0n || b.digits === 0n) return a.digits === b.digits;
  if (a.neg !== b.neg) return false;
  const e = Math.min(a.exp, b.exp);
  if (Math.abs(a.exp - b.exp) > 200) return false;
  return a.digits * 10n ** BigInt(a.exp - e) === b.digits * 10n ** BigInt(b.exp - e);
}

/**
 * The value rounded to `decimals` places (XBRL 2.1 rounds half to even), as a signed integer
 * count of 10^-decimals. Used to tell consistent duplicates (same number at the lower precision)
 * from contradicting ones.
 */
export function roundedAt(d: Dec, decimals: number): bigint {
  const shift = d.exp + decimals;
  let q: bigint;
  if (shift >= 0) q = d.digits * 10n ** BigInt(Math.min(shift, 200));
  else if (-shift > MAX_DIGITS + 2) q = 0n;
  else {
    const divisor = 10n ** BigInt(-shift);
    q = d.digits / divisor;
    const twice = (d.digits % divisor) * 2n;
    if (twice > divisor || (twice === divisor && q % 2n === 1n)) q += 1n;
  }
  return d.neg ? -q : q;
}
