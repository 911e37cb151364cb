// An XLSX workbook's sheet read into a table with exceljs. Date cells become ISO dates, number
// cells keep their value, text stays text (a text amount is parsed exactly, never via a float),
// and error cells (#DIV/0!, #REF!...) are kept as errors so the row is reported by its cell.
import ExcelJS from 'exceljs';
import type { CellKind, SheetRow } from './sheetRow';

export interface XlsxTable { sheets: string[]; sheet: string; headers: string[] | null; headerLine: number; rows: SheetRow[] }

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A cell's value as text and kind. */
export function cellText(value: ExcelJS.CellValue): { text: string; kind: CellKind } {
  if (value === null || value === undefined) return { text: '', kind: 'text' };
  if (typeof value === 'number') return { text: String(value), kind: 'number' };
  if (typeof value === 'string') return { text: value, kind: 'text' };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', kind: 'text' };
  if (value instanceof Date) return { text: isoDay(value), kind: 'date' };
  if ('error' in value) return { text: String(value.error), kind: 'error' };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), kind: 'text' };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined) return { text: '', kind: 'text' };
    return cellText(result as ExcelJS.CellValue);
  }
  if ('text' in value) return { text: String((value as { text: unknown }).text), kind: 'text' };
  return { text: '', kind: 'text' };
}

export async function readXlsxTable(bytes: Buffer, fileName: string, sheetName?: string): Promise<XlsxTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new Error(`${fileName}: the workbook cannot be read (${(err as Error).message})`);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheetName !== undefined ? wb.getWorksheet(sheetName) : wb.worksheets.find((w) => w.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw new Error(sheetName !== undefined ? `${fileName}: there is no sheet "${sheetName}" (sheets: ${sheets.join(', ')})` : `${fileName}: the workbook has no sheets`);
  let headers: string[] | null = null;
  let headerLine = 1;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const width = headers?.length ?? r.cellCount;
    const cells: string[] = [];
    const kinds: CellKind[] = [];
    for (let c = 1; c <= width; c++) {
      const t = cellText(r.getCell(c).value);
      cells.push(t.kind === 'text' ? t.text.trim() : t.text);
      kinds.push(t.kind);
    }
    if (cells.every((c) => c === '')) return;
    if (headers === null) {
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      headers = cells;
      headerLine = rowNumber;
      return;
    }
    rows.push({ cells, kinds, line: rowNumber, start: null, end: null });
  });
  return { sheets, sheet: ws.name, headers, headerLine, rows };
}
