// A CSV/TSV held in memory read into a table: encoding and delimiter detected (or as chosen),
// the header row, and every row with its line and byte range.
import { decodeText, detectEncoding, type DetectedEncoding } from './encoding';
import { detectDelimiter, type Delimiter } from './delimiter';
import { parsePiece } from './csvPieces';
import type { SheetRow, SpreadsheetOptions } from './sheetRow';

export interface CsvTable {
  encoding: DetectedEncoding;
  delimiter: Delimiter;
  delimiterConsistent: boolean;
  headers: string[] | null;
  headerLine: number;
  rows: SheetRow[];
}

export function readCsvTable(bytes: Buffer, fileName: string, options: SpreadsheetOptions = {}): CsvTable {
  const detected = detectEncoding(bytes);
  const encoding: DetectedEncoding = options.encoding
    ? { encoding: options.encoding, bomLength: options.encoding === 'utf-8-bom' && detected.bomLength === 3 ? 3 : 0 }
    : detected;
  let text: string;
  try {
    text = decodeText(bytes, encoding);
  } catch {
    throw new Error(`${fileName}: the bytes are not valid UTF-8; choose Windows-1252 as the encoding`);
  }
  const sniffed = detectDelimiter(text.slice(0, 65536));
  const delimiter = options.delimiter ?? sniffed.delimiter;
  let headers: string[] | null = null;
  let headerLine = 1;
  const rows: SheetRow[] = [];
  parsePiece(text, delimiter, { line: 1, byte: encoding.bomLength }, encoding.encoding !== 'windows-1252', (row) => {
    if (headers === null) { headers = row.cells.map((c) => c.trim()); headerLine = row.line; } else rows.push(row);
  });
  return { encoding, delimiter, delimiterConsistent: options.delimiter !== undefined || sniffed.consistent, headers, headerLine, rows };
}
