import { formatMoney } from '../../shared/money';
import { formatPartialDate } from '../../shared/dates';
import type { TransferRow } from '../../shared/domain';
import { intlLocale, useSettingsStore } from './stores/settingsStore';

// Formatting follows the chosen locale (1,234.56 in English, 1.234,56 in German). The shell
// re-renders the views when the locale changes, so reading it at call time is enough.
const tag = () => intlLocale(useSettingsStore.getState().locale);

export const money = (minor: number | null, currency: string | null, compact = false) =>
  minor === null || currency === null ? '—' : formatMoney(minor, currency, tag(), compact);
export const transferDate = (t: TransferRow) => formatPartialDate(t.date, t.datePrecision);
export const number = (n: number, digits = 0) => n.toLocaleString(tag(), { maximumFractionDigits: digits });
/** pct is in percent (4.2 → "4.2%", German "4,2 %"). */
export const percent = (pct: number, digits = 1) =>
  (pct / 100).toLocaleString(tag(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
export const quantity = (t: TransferRow) => (t.quantity === null ? '' : `${number(t.quantity, 4)} ${t.unit ?? ''}`.trim());
