// Periods as prose writes them ("in fiscal 2023", "during 2024", "since January 1, 2024", "for
// the year ended December 31, 2023") with ISO bounds when they can be read.

export interface PeriodMention {
  start: number;
  end: number;
  /** As written, without a leading "in", "during", "for", "on" or "throughout". */
  text: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** A bare year or fiscal year (can pair with amounts "respectively"). */
  yearLike: boolean;
}

export interface FiscalYearEnd {
  month: number;
  day: number;
  /** The latest fiscal year end the document names (ISO), for "the last fiscal year". */
  latest: string | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`;
const S = String.raw`[\s\u00a0]+`;
const DATE = String.raw`${MONTH}${S}(\d{1,2}),?${S}(\d{4})`;
const LEAD = String.raw`(?:(?:in|during|for|throughout|over|on)${S})?`;
const YEAR = String.raw`((?:19|20)\d{2})`;

function monthIndex(name: string): number {
  const key = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The day after the same date `months` months earlier: the first day of a period ending on iso. */
function periodStartBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  let month = m - months;
  let year = y;
  while (month < 1) { month += 12; year--; }
  const day = Math.min(d, daysIn(year, month));
  const lastDay = d === daysIn(y, m);
  // A period ending on a month's last day starts on the first of a month.
  if (lastDay) return addDays(isoDate(year, month, daysIn(year, month))!, 1);
  return addDays(isoDate(year, month, day)!, 1);
}

function dateFrom(monthName: string, day: string, year: string): string | null {
  return isoDate(Number(year), monthIndex(monthName), Number(day));
}

/** A fiscal year's bounds from the document's fiscal year end; null when not known. */
export function fiscalYearBounds(year: number, fye: FiscalYearEnd | null): { start: string; end: string } | null {
  if (!fye) return null;
  if (fye.month === 12 && fye.day === 31) return { start: `${year}-01-01`, end: `${year}-12-31` };
  // Fiscal years ending in January or February are named for the year they start in (retail).
  const endYear = fye.month <= 2 ? year + 1 : year;
  const end = isoDate(endYear, fye.month, Math.min(fye.day, daysIn(endYear, fye.month)));
  if (!end) return null;
  return { start: periodStartBefore(end, 12), end };
}

interface Rule {
  re: RegExp;
  read: (m: RegExpExecArray, fye: FiscalYearEnd | null) => Array<{ offset: number; length: number; text?: string; start: string | null; end: string | null; yearLike?: boolean }> | null;
}

const durations: Record<string, number> = { year: 12, years: 12, 'twelve months': 12, '12 months': 12, 'nine months': 9, '9 months': 9, 'six months': 6, '6 months': 6, 'three months': 3, '3 months': 3, quarter: 3 };

const rules: Rule[] = [
  {
    // for the (fiscal) year ended December 31, 2023 / the six months ended June 30, 2024
    re: new RegExp(String.raw`${LEAD}(?:the${S})?(?:fiscal${S})?(years?|twelve${S}months|12${S}months|nine${S}months|9${S}months|six${S}months|6${S}months|three${S}months|3${S}months|quarter|period)${S}(?:then${S})?(?:ended|ending)${S}${DATE}`, 'giu'),
    read: (m) => {
      const end = dateFrom(m[2]!, m[3]!, m[4]!);
      const months = durations[m[1]!.toLowerCase().replace(/\s+/g, ' ')];
      return [{ offset: 0, length: m[0].length, start: end && months ? periodStartBefore(end, months) : null, end }];
    },
  },
  {
    // since January 1, 2024 (through March 31, 2025) / from ... to ... / beginning ...
    re: new RegExp(String.raw`(?:since|from|beginning(?:${S}on)?|starting(?:${S}on)?|commencing(?:${S}on)?)${S}${DATE}(?:,?${S}(?:through|to|until|and${S}ending(?:${S}on)?|up${S}to)${S}(?:${DATE}|the${S}date${S}(?:of${S}this${S}(?:proxy${S}statement|prospectus)|hereof)|the${S}present|today))?`, 'giu'),
    read: (m) => [{ offset: 0, length: m[0].length, start: dateFrom(m[1]!, m[2]!, m[3]!), end: m[4] ? dateFrom(m[4], m[5]!, m[6]!) : null }],
  },
  {
    re: new RegExp(String.raw`between${S}${DATE}${S}and${S}${DATE}`, 'giu'),
    read: (m) => [{ offset: 0, length: m[0].length, start: dateFrom(m[1]!, m[2]!, m[3]!), end: dateFrom(m[4]!, m[5]!, m[6]!) }],
  },
  {
    // as of December 31, 2023 (a balance, not a flow)
    re: new RegExp(String.raw`as${S}of${S}${DATE}`, 'giu'),
    read: (m) => [{ offset: 0, length: m[0].length, start: null, end: dateFrom(m[1]!, m[2]!, m[3]!) }],
  },
  {
    // the first quarter of 2024
    re: new RegExp(String.raw`${LEAD}(?:the${S})?(first|second|third|fourth|1st|2nd|3rd|4th)${S}(?:fiscal${S})?quarter${S}of${S}(fiscal${S})?${YEAR}`, 'giu'),
    read: (m, fye) => {
      const q = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 }[m[1]!.toLowerCase()] ?? 0;
      const year = Number(m[3]);
      const calendar = !/fiscal/i.test(m[0]) || (fye?.month === 12 && fye.day === 31);
      if (!calendar || q === 0) return [{ offset: 0, length: m[0].length, start: null, end: null }];
      const endMonth = q * 3;
      return [{ offset: 0, length: m[0].length, start: isoDate(year, endMonth - 2, 1), end: isoDate(year, endMonth, daysIn(year, endMonth)) }];
    },
  },
  {
    // in March 2024
    re: new RegExp(String.raw`(?:in|during|throughout)${S}${MONTH}${S}${YEAR}(?!\d|,\d)`, 'giu'),
    read: (m) => {
      const month = monthIndex(m[1]!);
      const year = Number(m[2]);
      return [{ offset: 0, length: m[0].length, start: isoDate(year, month, 1), end: isoDate(year, month, daysIn(year, month)) }];
    },
  },
  {
    // on June 15, 2023 / a bare date
    re: new RegExp(String.raw`(?:(?:on|dated|effective)${S})?${DATE}`, 'giu'),
    read: (m) => {
      const d = dateFrom(m[1]!, m[2]!, m[3]!);
      return [{ offset: 0, length: m[0].length, start: d, end: d }];
    },
  },
  {
    // the last fiscal year / our most recent fiscal year
    re: new RegExp(String.raw`${LEAD}(?:the|our)${S}(?:last|past|most${S}recent(?:ly${S}completed)?|prior)${S}fiscal${S}year`, 'giu'),
    read: (m, fye) => {
      if (!fye?.latest) return [{ offset: 0, length: m[0].length, start: null, end: null }];
      return [{ offset: 0, length: m[0].length, start: periodStartBefore(fye.latest, 12), end: fye.latest }];
    },
  },
  {
    // fiscal 2023 / fiscal year 2023 / FY2023 / fiscal years 2023 and 2022
    re: new RegExp(String.raw`${LEAD}(?:fiscal(?:${S}years?)?|FY)${S}?'?(\d{4}|\d{2})\b((?:,?${S}(?:and${S})?(?:\d{4}))*)`, 'giu'),
    read: (m, fye) => readYearList(m, fye, true),
  },
  {
    // in 2023 / during 2024 / in 2023 and 2022 / calendar year 2023
    re: new RegExp(String.raw`(?:in|during|for|throughout|over)${S}(?:(?:the${S})?calendar${S}(?:years?${S})?|the${S}years?${S})?${YEAR}(?!\d|,\d|\.\d)((?:,?${S}(?:and${S})?(?:19|20)\d{2}(?!\d|,\d|\.\d))*)`, 'giu'),
    read: (m, fye) => readYearList(m, fye, false),
  },
];

function readYearList(m: RegExpExecArray, fye: FiscalYearEnd | null, fiscal: boolean): ReturnType<Rule['read']> {
  const out: NonNullable<ReturnType<Rule['read']>> = [];
  const first = m[1]!;
  const year = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
  const bounds = (y: number) => (fiscal ? fiscalYearBounds(y, fye) : { start: `${y}-01-01`, end: `${y}-12-31` });
  const lead = /^(?:in|during|for|throughout|over|on)[\s\u00a0]+/i.exec(m[0])?.[0].length ?? 0;
  const headEnd = m[0].length - (m[2]?.length ?? 0);
  const b0 = bounds(year(first));
  out.push({ offset: lead, length: headEnd - lead, start: b0?.start ?? null, end: b0?.end ?? null, yearLike: true });
  const rest = m[2] ?? '';
  const re = /\d{4}/g;
  for (let y = re.exec(rest); y; y = re.exec(rest)) {
    const b = bounds(Number(y[0]));
    const text = fiscal ? `fiscal ${y[0]}` : y[0];
    out.push({ offset: headEnd + y.index, length: 4, text, start: b?.start ?? null, end: b?.end ?? null, yearLike: true });
  }
  return out;
}

/** Period mentions in a string, longest reading first where they overlap, in order. */
export function findPeriods(s: string, fye: FiscalYearEnd | null): PeriodMention[] {
  const taken: Array<[number, number]> = [];
  const out: PeriodMention[] = [];
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(s); m; m = rule.re.exec(s)) {
      const from = m.index;
      const to = m.index + m[0].length;
      if (taken.some(([a, b]) => from < b && a < to)) continue;
      const parts = rule.read(m, fye);
      if (!parts) continue;
      taken.push([from, to]);
      for (const p of parts) {
        const start = from + p.offset;
        const raw = s.slice(start, start + p.length);
        const text = (p.text ?? raw.replace(/^(?:in|during|for|throughout|over|on)[\s\u00a0]+/i, '')).replace(/[\s\u00a0]+/g, ' ').trim();
        out.push({ start, end: start + p.length, text, periodStart: p.start, periodEnd: p.end, yearLike: p.yearLike ?? false });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The document's fiscal year end, from "fiscal year ended <date>" (most common month/day). */
export function detectFiscalYearEnd(text: string): FiscalYearEnd | null {
  const re = new RegExp(String.raw`fiscal${S}year${S}(?:ended|ending)${S}${DATE}`, 'giu');
  const counts = new Map<string, number>();
  let latest: string | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const d = dateFrom(m[1]!, m[2]!, m[3]!);
    if (!d) continue;
    const key = d.slice(5);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const [month, day] = key.split('-').map(Number) as [number, number];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const d = dateFrom(m[1]!, m[2]!, m[3]!);
    if (d && d.slice(5) === key && (!latest || d > latest)) latest = d;
  }
  return { month, day, latest };
}

