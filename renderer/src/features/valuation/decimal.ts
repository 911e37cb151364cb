// Amounts typed by a person (major units, "45000" or "45,000.50") to integer minor units.
import { minorToDecimalString, parseAmountToMinor } from '../../../../shared/money';

export function toMinor(text: string, currency: string): number | null {
  const clean = text.trim().replace(/[\s,']/g, '');
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  try { return parseAmountToMinor(clean, currency); } catch { return null; }
}

export const toDecimal = (minor: number, currency: string) => minorToDecimalString(minor, currency);
