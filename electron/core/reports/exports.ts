// The report's tables as CSV (RFC 4180) or an XLSX workbook, and the whole report's data as JSON.
// Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
// leading apostrophe, so an exported name like "=HYPERLINK(...)" stays text.
import ExcelJS from 'exceljs';
import { reportTables, type ReportTable } from '../../../shared/reportScope';
import type { ReportData } from './reportData';
import { reportTableRows, type Cell } from './reportTables';

const formulaStart = /^[=+\-@\t\r]/;

/** Text a spreadsheet will not evaluate: numbers stay numbers, risky strings get a leading '. */
export function guardCell(c: Cell): string | number | null {
  if (typeof c === 'string' && formulaStart.test(c)) return `'${c}`;
  return c;
}

function csvField(c: Cell): string {
  const v = guardCell(c);
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableToCsv(d: ReportData, table: ReportTable): string {
  const t = reportTableRows(d, table);
  return [t.header, ...t.rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One sheet per table asked for (all tables when none is named), header row frozen and bold. */
export async function tablesToXlsx(d: ReportData, tables: readonly ReportTable[] = reportTables): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Arm's Length";
  wb.title = d.title;
  // A fixed date keeps the workbook's content a function of the report data alone.
  wb.created = new Date(d.generatedAt);
  wb.modified = new Date(d.generatedAt);
  for (const name of tables) {
    const t = reportTableRows(d, name);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.header).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map(guardCell));
    ws.columns.forEach((col, i) => { col.width = Math.min(60, Math.max(8, t.header[i]!.length + 2, ...t.rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 1))); });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Everything the report shows, as data (amounts in integer minor units beside their currency). */
export function reportToJson(d: ReportData): string {
  return JSON.stringify({ format: 'armslength-report', version: 1, ...d }, null, 2) + '\n';
}
