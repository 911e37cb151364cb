// What each grid cell shows. Money formatters are cached per locale and currency: a grid row
// formats an amount on every scroll frame, and building an Intl.NumberFormat costs more than
// formatting with one.
import type { ReactNode } from 'react';
import type { TransferRow } from '../../../../shared/domain';
import { minorToDecimalString } from '../../../../shared/money';
import { intlLocale, useSettingsStore } from '../../stores/settingsStore';
import { quantity } from '../../format';
import type { ColumnId } from './columns';
import type { LedgerMessages } from './messages';

const formatters = new Map<string, Intl.NumberFormat>();
export function gridMoney(minor: number | null, currency: string | null): string {
  if (minor === null || currency === null) return '—';
  const tag = intlLocale(useSettingsStore.getState().locale);
  const key = `${tag} ${currency}`;
  let nf = formatters.get(key);
  if (!nf) formatters.set(key, (nf = new Intl.NumberFormat(tag, { style: 'currency', currency })));
  // Intl formats decimal strings exactly (no float rounding of large amounts), as format.ts does.
  return nf.format(minorToDecimalString(minor, currency) as unknown as number);
}

// Dates as the rest of the app shows them (components/dates.ts): Dec 2023 / Dez. 2023 for a month,
// May 7, 2024 / 07.05.2024 for a day; a year stays a year. Cached for the same reason as money.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
export function gridDate(row: TransferRow): string {
  if (row.datePrecision === 'year') return row.date.slice(0, 4);
  const tag = intlLocale(useSettingsStore.getState().locale);
  const key = `${tag} ${row.datePrecision}`;
  let df = dateFormatters.get(key);
  if (!df) {
    df = new Intl.DateTimeFormat(tag, row.datePrecision === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormatters.set(key, df);
  }
  return df.format(new Date(`${row.date.slice(0, 10)}T00:00:00Z`));
}

export function cellContent(row: TransferRow, column: ColumnId, t: LedgerMessages): ReactNode {
  switch (column) {
    case 'date': return gridDate(row);
    case 'from': return row.from.name;
    case 'to': return row.to.name;
    case 'resource': return row.resource;
    case 'type': return t.typeNames[row.resourceType] ?? row.resourceType;
    case 'quantity': return quantity(row);
    case 'amount': return gridMoney(row.amountMinor, row.currency);
    case 'status': return t.statusNames[row.status] ?? row.status;
    // A mark and a number, and words for screen readers: never colour alone.
    case 'flags': return row.flagCount > 0 ? <span className="flag-count" title={t.flags(row.flagCount)}>⚑ {row.flagCount}<span className="sr-only"> {t.flags(row.flagCount)}</span></span> : '';
    case 'description': return row.description;
  }
}
