// Dates are ISO 8601 strings. A fact known only to the month or year keeps that precision
// and is stored as the first day of its period, so it sorts and compares like any date.

export type DatePrecision = 'day' | 'month' | 'year';

export interface PartialDate {
  date: string; // YYYY-MM-DD, the first day of the period
  precision: DatePrecision;
}

export class DateSyntaxError extends Error {}

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Accepts YYYY-MM-DD, YYYY-MM or YYYY. Other formats are the importers' job to detect. */
export function parseIsoPartialDate(text: string): PartialDate {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) throw new DateSyntaxError(`"${text}" is not a calendar date`);
    return { date: s, precision: 'day' };
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw new DateSyntaxError(`"${text}" has no month ${mo}`);
    return { date: `${s}-01`, precision: 'month' };
  }
  if (/^\d{4}$/.test(s)) return { date: `${s}-01-01`, precision: 'year' };
  throw new DateSyntaxError(`"${text}" is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)`);
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2023-12-01" + month -> "Dec 2023"; day precision stays ISO so it reads the same everywhere. */
export function formatPartialDate(date: string, precision: DatePrecision): string {
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return `${monthNames[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  return date;
}

/** Last day of the period a partial date stands for. */
export function periodEnd(date: string, precision: DatePrecision): string {
  const y = Number(date.slice(0, 4));
  if (precision === 'year') return `${y}-12-31`;
  if (precision === 'month') {
    const m = Number(date.slice(5, 7));
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`;
  }
  return date;
}
