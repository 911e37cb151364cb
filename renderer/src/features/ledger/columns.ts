// The grid's columns: which exist, which sort in the database, which can be edited in place, and
// which the person chose to show (kept in this browser profile).
import type { TransferRow, TransferSortKey } from '../../../../shared/domain';
import type { EditableField } from '../../stores/transfersStore';

export const columnIds = ['date', 'from', 'to', 'resource', 'type', 'quantity', 'amount', 'status', 'flags', 'description'] as const;
export type ColumnId = (typeof columnIds)[number];

export interface ColumnSpec {
  id: ColumnId;
  /** CSS grid track: widths in em so they grow with the text. */
  width: string;
  /** The track's minimum, in em: the rows are at least the sum wide (the grid scrolls sideways). */
  minEm: number;
  sortKey?: TransferSortKey;
  edit?: EditableField;
  numeric?: boolean;
}

export const columnSpecs: Record<ColumnId, ColumnSpec> = {
  date: { id: 'date', width: 'minmax(7em, 0.8fr)', minEm: 7, sortKey: 'date', edit: 'date' },
  from: { id: 'from', width: 'minmax(8em, 1.3fr)', minEm: 8, sortKey: 'from' },
  to: { id: 'to', width: 'minmax(8em, 1.3fr)', minEm: 8, sortKey: 'to' },
  resource: { id: 'resource', width: 'minmax(8em, 1.5fr)', minEm: 8 },
  type: { id: 'type', width: 'minmax(5em, 0.6fr)', minEm: 5 },
  quantity: { id: 'quantity', width: 'minmax(6.5em, 0.8fr)', minEm: 6.5, numeric: true },
  amount: { id: 'amount', width: 'minmax(11.5em, 1.2fr)', minEm: 11.5, sortKey: 'amount', edit: 'amount', numeric: true },
  status: { id: 'status', width: 'minmax(6em, 0.7fr)', minEm: 6, edit: 'status' },
  flags: { id: 'flags', width: 'minmax(4.5em, 0.5fr)', minEm: 4.5, numeric: true },
  description: { id: 'description', width: 'minmax(8em, 2fr)', minEm: 8, edit: 'description' },
};

export const minWidthEm = (columns: ColumnId[]) => columns.reduce((sum, c) => sum + columnSpecs[c].minEm, 0);

export const defaultColumns: ColumnId[] = ['date', 'from', 'to', 'resource', 'quantity', 'amount', 'status', 'flags'];
const STORAGE_KEY = 'armslength.ledger.columns';

export function loadColumns(): ColumnId[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return defaultColumns;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return defaultColumns;
    const known = parsed.filter((c): c is ColumnId => typeof c === 'string' && (columnIds as readonly string[]).includes(c));
    // Keep the canonical order whatever was stored, and never an empty grid.
    const chosen = columnIds.filter((c) => known.includes(c));
    return chosen.length ? chosen : defaultColumns;
  } catch {
    return defaultColumns;
  }
}

export function saveColumns(columns: ColumnId[]): void {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(columns)); } catch { /* private mode: not kept */ }
}

/** The text an editor starts with for a cell (amount as an exact decimal, date as stored). */
export function editText(row: TransferRow, field: EditableField, decimal: (minor: number, currency: string) => string): string {
  switch (field) {
    case 'description': return row.description;
    // As precise as it is stored: "2023-12" for a month, so saving unchanged keeps the precision.
    case 'date': return row.datePrecision === 'year' ? row.date.slice(0, 4) : row.datePrecision === 'month' ? row.date.slice(0, 7) : row.date;
    case 'status': return row.status;
    case 'amount': return row.amountMinor === null || row.currency === null ? '' : decimal(row.amountMinor, row.currency);
  }
}
