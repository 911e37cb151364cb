// A row of a spreadsheet as every reader hands it on: its cells as text, where it sits in the
// file, and (for XLSX) what kind each cell was, so a real date or number cell is not re-parsed
// as if someone had typed it.
import type { TransferField } from '../csvColumns';
import type { DecimalSeparator } from '../decimalStyle';
import type { DateFormat } from './dateFormats';
import type { Delimiter } from './delimiter';
import type { TextEncodingName } from './encoding';

export type CellKind = 'text' | 'number' | 'date' | 'error';

export interface SheetRow {
  cells: string[];
  /** XLSX only; CSV cells are all text. */
  kinds?: CellKind[];
  /** CSV: the line the row starts on; XLSX: the sheet's row number. */
  line: number;
  /** Byte range of the row in the stored file (CSV), for its evidence. */
  start: number | null;
  end: number | null;
  /** Parser complaints about the row (an unclosed quote...). */
  parseErrors?: string[];
}

/** One field (or null: ignored) per column, in column order. */
export type ColumnMapping = Array<TransferField | null>;

/** Format choices; what is left out is taken from what was detected. */
export interface SpreadsheetOptions {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  decimal?: DecimalSeparator;
  dateFormat?: DateFormat;
  sheet?: string;
}

/** Names the place of a problem the way the person will look for it in their program. */
export interface Locator {
  row(row: SheetRow): string;
  cell(row: SheetRow, column: number): string;
  /** The row's place inside its document, for an evidence entry (the document is named beside it). */
  inDocument(row: SheetRow): string;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function csvLocator(fileName: string, headers: () => string[]): Locator {
  return {
    row: (r) => `${fileName} line ${r.line}`,
    cell: (r, c) => `${fileName} line ${r.line}, column "${headers()[c] ?? columnLetters(c)}"`,
    inDocument: (r) => `line ${r.line}`,
  };
}

export function xlsxLocator(fileName: string, sheet: string): Locator {
  return {
    row: (r) => `${fileName}, sheet "${sheet}", row ${r.line}`,
    cell: (r, c) => `${fileName}, sheet "${sheet}", cell ${columnLetters(c)}${r.line}`,
    inDocument: (r) => `sheet "${sheet}", row ${r.line}`,
  };
}

export function columnsOf(mapping: ColumnMapping): Partial<Record<TransferField, number>> {
  const columns: Partial<Record<TransferField, number>> = {};
  mapping.forEach((f, i) => { if (f && columns[f] === undefined) columns[f] = i; });
  return columns;
}
