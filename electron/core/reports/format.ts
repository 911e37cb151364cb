// Numbers, money and dates in the report's language: 1,234.56 / 31 Dec 2024 in English,
// 1.234,56 € / 31.12.2024 in German. Amounts stay integer minor units until Intl prints them.
import type { ReportLanguage } from '../../../shared/reportScope';
import { formatMoney } from '../../../shared/money';

export interface Formatter {
  lang: ReportLanguage;
  money(minor: number | null, currency: string | null): string;
  int(n: number): string;
  pct(n: number, digits?: number): string;
  /** A ledger date at its precision (day, month or year). */
  date(iso: string, precision?: 'day' | 'month' | 'year'): string;
  /** A moment (ISO timestamp) as date and UTC time. */
  moment(iso: string): string;
}

const locales: Record<ReportLanguage, string> = { en: 'en-US', de: 'de-DE' };

export function formatterFor(lang: ReportLanguage): Formatter {
  const locale = locales[lang];
  const intFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(locale, lang === 'de' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  const asDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return {
    lang,
    money: (minor, currency) => (minor === null || currency === null ? '—' : formatMoney(minor, currency, locale)),
    int: (n) => intFmt.format(n),
    pct: (n, digits = 1) => `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)}${lang === 'de' ? ' %' : '%'}`,
    date: (iso, precision = 'day') => {
      if (!/^\d{4}(-\d{2}(-\d{2})?)?/.test(iso)) return iso;
      if (precision === 'year' || iso.length === 4) return iso.slice(0, 4);
      if (precision === 'month' || iso.length === 7) return month.format(asDate(`${iso.slice(0, 7)}-01`));
      return day.format(asDate(iso));
    },
    moment: (iso) => {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      return `${day.format(d)} ${time.format(d)} UTC`;
    },
  };
}
