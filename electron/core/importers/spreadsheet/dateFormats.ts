// The date formats spreadsheets use, and which of them fit a column. 03/04/2024 is the 4th of
// March in the US and the 3rd of April in most of Europe: when every value in a column fits
// both, the column is ambiguous and the person must choose; nothing here guesses.
import { parseIsoPartialDate, DateSyntaxError, type PartialDate } from '../../../../shared/dates';

export const dateFormats = ['iso', 'dmy', 'mdy'] as const;
export type DateFormat = (typeof dateFormats)[number];

export const dateFormatLabels: Record<DateFormat, string> = {
  iso: 'ISO (2024-12-31)',
  dmy: 'day first (31.12.2024, 31/12/2024)',
  mdy: 'month first (12/31/2024)',
};

const dayMonthYear = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Plain arithmetic, no Date object: this runs for every row of a large file. */
function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : monthDays[m - 1]!);
}

const pad = (n: number) => String(n).padStart(2, '0');

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date, or why the text is not one in this format (no exception: sniffing tries every format on thousands of values). */
function readDate(text: string, format: DateFormat): PartialDate | string {
  const s = text.trim();
  if (format === 'iso') {
    const m = isoDay.exec(s);
    if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? { date: s, precision: 'day' } : `"${text}" is not a calendar date`;
    try { return parseIsoPartialDate(s); } catch (err) { return (err as Error).message; }
  }
  const m = dayMonthYear.exec(s);
  if (!m) return `"${text}" is not a date in the ${dateFormatLabels[format]} format`;
  const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [d, mo] = format === 'dmy' ? [a, b] : [b, a];
  if (!validDay(y, mo, d)) return `"${text}" is not a calendar date when read ${format === 'dmy' ? 'day first' : 'month first'}`;
  return { date: `${y}-${pad(mo)}-${pad(d)}`, precision: 'day' };
}

export function parseDateAs(text: string, format: DateFormat): PartialDate {
  const r = readDate(text, format);
  if (typeof r === 'string') throw new DateSyntaxError(r);
  return r;
}

function fits(text: string, format: DateFormat): boolean {
  return typeof readDate(text, format) !== 'string';
}

export interface DateColumnSniff {
  /** Formats every non-empty value fits. */
  candidates: DateFormat[];
  /** More than one candidate: the person must choose. */
  ambiguous: boolean;
  /** The format most values fit, when none fits all (its misfits become row problems). */
  best: DateFormat | null;
  sample: string[];
}

export function sniffDateColumn(values: Iterable<string>): DateColumnSniff {
  const fitCount: Record<DateFormat, number> = { iso: 0, dmy: 0, mdy: 0 };
  let n = 0;
  const sample: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    n++;
    if (sample.length < 5) sample.push(v);
    for (const f of dateFormats) if (fits(v, f)) fitCount[f]++;
  }
  const candidates = n === 0 ? [] : dateFormats.filter((f) => fitCount[f] === n);
  const best = dateFormats.reduce<DateFormat | null>((acc, f) => (fitCount[f] > 0 && (acc === null || fitCount[f] > fitCount[acc]) ? f : acc), null);
  return { candidates, ambiguous: candidates.length > 1, best: candidates.length === 1 ? candidates[0]! : best, sample };
}
