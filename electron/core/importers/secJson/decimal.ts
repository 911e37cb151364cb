// Exact conversion of an SEC JSON `val` (a JSON number) to integer minor units. The number is
// taken through its shortest round-trip decimal string (what the JSON text said, for every value
// a double holds exactly), then scaled with BigInt: no float multiplication, no drift.
import { minorDigits } from '../../../../shared/money';

/** "1.5e+21" -> "1500000000000000000000"; "1e-7" -> "0.0000001"; others as String() gives them. */
export function numberToDecimalString(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', expText = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export type MinorConversion =
  | { ok: true; minor: number; rounded: boolean }
  | { ok: false; reason: string };

/**
 * A plain decimal string ("-1234.5") in major units of `currency` to signed integer minor units.
 * More decimals than the currency has (a filer's rounding artefact) are rounded half away from
 * zero, and `rounded` says so; values beyond Number.MAX_SAFE_INTEGER minor units are refused.
 */
export function decimalToMinor(decimal: string, currency: string): MinorConversion {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) return { ok: false, reason: `"${decimal}" is not a decimal number` };
  const [, sign = '', int = '0', frac = ''] = m;
  const digits = minorDigits(currency);
  let minor = BigInt(int + frac.slice(0, digits).padEnd(digits, '0'));
  const rest = frac.slice(digits);
  const rounded = /[1-9]/.test(rest);
  if (rest.length > 0 && rest.charCodeAt(0) >= 0x35 /* '5' */) minor += 1n;
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: `${decimal} ${currency} is too large to hold exactly in minor units` };
  const value = Number(minor);
  return { ok: true, minor: sign === '-' && value !== 0 ? -value : value, rounded };
}
