// What each grid cell shows. Money formatters are cached per locale and currency: a grid row
// formats an amount on every scroll frame, and building an Intl.NumberFormat costs more than
// formatting with one.
import type { ReactNode } from 'react';
import type { TransferRow } from '../../../../shared/domain';
import { minorToDecimalString } from '../../../../shared/money';
import { intlLocale, useSettingsStore } from '../../stores/settingsStore';
import { quantity, transferDate } from '../../format';
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

export function cellContent(row: TransferRow, column: ColumnId, t: LedgerMessages): ReactNode {
  switch (column) {
    case 'date': return transferDate(row);
    case 'from': return row.from.name;
    case 'to': return row.to.name;
    case 'resource': return row.resource;
    case 'type': return row.resourceType;
    case 'quantity': return quantity(row);
    case 'amount': return gridMoney(row.amountMinor, row.currency);
    case 'status': return row.status;
    // A mark and a number, and words for screen readers: never colour alone.
    case 'flags': return row.flagCount > 0 ? <span className="flag-count" title={t.flags(row.flagCount)}>⚑ {row.flagCount}<span className="sr-only"> {t.flags(row.flagCount)}</span></span> : '';
    case 'description': return row.description;
  }
}
