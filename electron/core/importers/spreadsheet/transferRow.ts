// One spreadsheet row read into a transfer's values, or a RowError naming the field at fault.
// Pure: no database; the writer resolves the parties and stores the row.
import { isCurrency, minorDigits, parseAmountToMinor, AmountSyntaxError } from '../../../../shared/money';
import { parseIsoPartialDate, DateSyntaxError, type PartialDate } from '../../../../shared/dates';
import { resourceTypes, transferStatuses } from '../../../../shared/domain';
import type { TransferField } from '../csvColumns';
import { decimalSeparatorOf, type DecimalSeparator } from '../decimalStyle';
import { parseDateAs, type DateFormat } from './dateFormats';
import type { SheetRow } from './sheetRow';

export class RowError extends Error {
  constructor(readonly field: TransferField | null, message: string) { super(message); }
}

export interface TransferValues {
  date: PartialDate; from: string; to: string; intendedFor: string;
  resource: string; resourceType: string; resourceKey: string | null;
  quantity: number | null; unit: string | null; amountMinor: number | null; currency: string | null;
  status: string; description: string;
}

export interface RowReadState {
  /** Null: decided by the first amount that shows it (then kept for the file). */
  decimal: DecimalSeparator | null;
  dateFormat: DateFormat;
}

const resourceTypeSet = new Set<string>(resourceTypes);
const statusSet = new Set<string>(transferStatuses);

function parseField<T>(field: TransferField, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof AmountSyntaxError || err instanceof DateSyntaxError) throw new RowError(field, err.message);
    throw err;
  }
}

export function readTransferRow(row: SheetRow, columns: Partial<Record<TransferField, number>>, state: RowReadState): TransferValues {
  const { cells, kinds } = row;
  const kind = (f: TransferField) => (columns[f] === undefined || !kinds ? 'text' : kinds[columns[f]!] ?? 'text');
  const cell = (f: TransferField) => {
    if (columns[f] === undefined) return '';
    const text = (cells[columns[f]!] ?? '').trim();
    if (kinds?.[columns[f]!] === 'error') throw new RowError(f, `holds the error ${text}`);
    return text;
  };
  // A date cell of a workbook is already ISO; typed text follows the chosen format.
  const date = parseField('date', () => (kind('date') === 'date' ? parseIsoPartialDate(cell('date')) : parseDateAs(cell('date'), state.dateFormat)));
  const from = cell('from');
  const to = cell('to');
  if (!from) throw new RowError('from', 'is empty');
  if (!to) throw new RowError('to', 'is empty');
  const resource = cell('resource');
  if (!resource) throw new RowError('resource', 'is empty');
  let amountMinor: number | null = null;
  let currency: string | null = null;
  const amountText = cell('amount');
  if (amountText) {
    currency = cell('currency').toUpperCase();
    if (!isCurrency(currency)) throw new RowError('currency', currency ? `"${cell('currency')}" is not an ISO 4217 currency code` : 'is empty, but the row has an amount');
    const cur = currency;
    if (kind('amount') === 'number') {
      // A number cell is a binary float already; round it to the currency's minor unit once.
      const n = Number(amountText);
      amountMinor = parseField('amount', () => parseAmountToMinor(Number.isFinite(n) ? n.toFixed(minorDigits(cur)) : amountText, cur, '.'));
    } else {
      state.decimal ??= decimalSeparatorOf(amountText);
      const sep = state.decimal ?? '.';
      amountMinor = parseField('amount', () => parseAmountToMinor(amountText, cur, sep));
    }
  }
  let quantity: number | null = null;
  const qtyText = cell('quantity');
  if (qtyText) {
    const sep = kind('quantity') === 'number' ? '.' : state.decimal ?? '.';
    const grouping = sep === '.' ? /[\s\u00a0\u202f',]/g : /[\s\u00a0\u202f'.]/g;
    quantity = Number(qtyText.replace(grouping, '').replace(',', '.'));
    if (!Number.isFinite(quantity)) throw new RowError('quantity', `"${qtyText}" is not a number`);
    if (quantity < 0) throw new RowError('quantity', `"${qtyText}" is negative`);
  }
  const typeText = cell('resource_type').toLowerCase();
  const resourceType = typeText || (amountMinor !== null && quantity === null ? 'cash' : 'goods');
  if (!resourceTypeSet.has(resourceType)) throw new RowError('resource_type', `"${typeText}" is not one of ${resourceTypes.join(', ')}`);
  const status = cell('status').toLowerCase() || 'executed';
  if (!statusSet.has(status)) throw new RowError('status', `"${cell('status')}" is not one of ${transferStatuses.join(', ')}`);
  return {
    date, from, to, intendedFor: cell('intended_for'), resource, resourceType, resourceKey: cell('resource_key') || null,
    quantity, unit: cell('unit') || null, amountMinor, currency, status, description: cell('description'),
  };
}
