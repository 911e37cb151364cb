// Whether a file writes 1,234.56 or 1.234,56. A single separator followed by exactly three
// digits ("1,000") could be either, so it decides nothing; the first value that does decide
// fixes the style for the file.

export type DecimalSeparator = '.' | ',';

export function decimalSeparatorOf(value: string): DecimalSeparator | null {
  const v = value.trim();
  const lastDot = v.lastIndexOf('.');
  const lastComma = v.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (!sep) return null;
  const count = v.split(sep).length - 1;
  if (count > 1) return sep === '.' ? ',' : '.'; // repeated: it groups thousands
  const digitsAfter = v.length - v.lastIndexOf(sep) - 1;
  return digitsAfter === 3 ? null : sep;
}
