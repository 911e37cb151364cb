// Exact conversion of an SEC JSON `val` (a JSON number) to integer minor units. The number is
// taken through its shortest round-trip decimal string (what the JSON text said, for every value
// a double holds exactly), then scaled with BigInt: no float multiplication, no drift.
import { minorDigits } from '../../../../shared/money';
import { parseDecimal, toMinorUnits, type MinorResult } from '../xbrl/decimal';

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

export type MinorConversion = MinorResult;

/**
 * A plain decimal string ("-1234.5") in major units of `currency` to signed integer minor units,
 * with the same exact arithmetic and rounding as XBRL facts (half away from zero, `rounded` says so;
 * values beyond Number.MAX_SAFE_INTEGER minor units are refused).
 */
export function decimalToMinor(decimal: string, currency: string): MinorConversion {
  const d = parseDecimal(decimal.trim());
  if (!d) return { ok: false, reason: `"${decimal}" is not a decimal number` };
  const r = toMinorUnits(d, minorDigits(currency));
  return r.ok ? r : { ok: false, reason: `${decimal} ${currency} ${r.reason}` };
}
