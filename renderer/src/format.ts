import { formatMoney } from '../../shared/money';
import { formatPartialDate } from '../../shared/dates';
import type { TransferRow } from '../../shared/domain';

export const money = (minor: number | null, currency: string | null, compact = false) =>
  minor === null || currency === null ? '—' : formatMoney(minor, currency, 'en-US', compact);
export const transferDate = (t: TransferRow) => formatPartialDate(t.date, t.datePrecision);
export const quantity = (t: TransferRow) => (t.quantity === null ? '' : `${t.quantity.toLocaleString('en-US')} ${t.unit ?? ''}`.trim());
