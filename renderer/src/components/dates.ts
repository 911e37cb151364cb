// Dates in the chosen locale: 31.12.2024 / Dez. 2023 in German, Dec 31, 2024 / Dec 2023 in English.
// Ledger dates keep their precision: a month-only date is never shown with an invented day.
import type { DatePrecision } from '../../../shared/dates';
import { intlLocale, useSettingsStore } from '../stores/settingsStore';

const tag = () => intlLocale(useSettingsStore.getState().locale);
const utc = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

export function localDate(iso: string, precision: DatePrecision = 'day'): string {
  if (precision === 'year') return iso.slice(0, 4);
  const options: Intl.DateTimeFormatOptions = precision === 'month'
    ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
    : { dateStyle: 'medium', timeZone: 'UTC' }; // de: 07.05.2024, en: May 7, 2024 (never the ambiguous 05/07/2024)
  return new Intl.DateTimeFormat(tag(), options).format(utc(iso));
}

/** A moment (ISO timestamp) in local time, e.g. 31.12.2024, 14:05. */
export function localDateTime(iso: string): string {
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A recorded moment to the second (audit entries), e.g. 31.12.2024, 14:05:09 / Dec 31, 2024, 2:05:09 PM. */
export function localTimestamp(iso: string): string {
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}
