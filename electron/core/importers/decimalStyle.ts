// Whether a file writes 1,234.56 or 1.234,56 (or 1 234,56, 1'234.56). A single separator
// followed by exactly three digits ("1,000") could be either, so it decides nothing; the first
// value that does decide fixes the style for the file, and a later value that contradicts it
// is reported rather than read the other way.

export type DecimalSeparator = '.' | ',';
export type ThousandsSeparator = ',' | '.' | ' ' | "'" | null;

/** Spaces of every width and apostrophes only ever group digits. */
const groupingMarks = /[\s\u00a0\u202f\u2009']/g;

export function decimalSeparatorOf(value: string): DecimalSeparator | null {
  const v = value.trim().replace(groupingMarks, '');
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

function thousandsOf(value: string, decimal: DecimalSeparator): ThousandsSeparator {
  if (/\d[\s\u00a0\u202f\u2009]\d{3}/.test(value)) return ' ';
  if (/\d'\d{3}/.test(value)) return "'";
  const other = decimal === '.' ? ',' : '.';
  return value.includes(other) ? other : null;
}

export interface NumberStyle {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  /** False when no value decided (all whole numbers or "1,000"-like): '.' is assumed, and said so. */
  decided: boolean;
  /** The value that decided, to show beside the choice. */
  example: string | null;
  /** Values that contradict the decided style. */
  conflicts: string[];
}

export function detectNumberStyle(values: Iterable<string>): NumberStyle {
  let decimal: DecimalSeparator | null = null;
  let example: string | null = null;
  let thousands: ThousandsSeparator = null;
  const conflicts: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    const sep = decimalSeparatorOf(v);
    if (sep && decimal === null) { decimal = sep; example = v; }
    else if (sep && sep !== decimal && conflicts.length < 5) conflicts.push(v);
    if (thousands === null && decimal !== null) thousands = thousandsOf(v, decimal);
  }
  return { decimal: decimal ?? '.', thousands, decided: decimal !== null, example, conflicts };
}

export const numberStyleLabel = (s: Pick<NumberStyle, 'decimal' | 'thousands'>): string => {
  const t = s.thousands === null ? '' : s.thousands === ' ' ? '1 234' : `1${s.thousands}234`;
  return `${t || '1234'}${s.decimal}56`;
};
