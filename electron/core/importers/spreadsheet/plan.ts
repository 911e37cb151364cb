// Everything decided before rows are written: the mapping (given, from a matching preset, or
// suggested from the headers), the number style and the date format. A date column whose values
// all fit both day-first and month-first stops here until the person chooses.
import type { Db } from '../../db/open';
import { mappingProblems, suggestMapping, type ColumnSuggestion, type TransferField } from '../csvColumns';
import { detectNumberStyle, type NumberStyle } from '../decimalStyle';
import { dateFormatLabels, sniffDateColumn, type DateColumnSniff, type DateFormat } from './dateFormats';
import { presetForHeaders, type ImportPreset } from './presets';
import type { RowReadState } from './transferRow';
import type { ColumnMapping, SheetRow, SpreadsheetOptions } from './sheetRow';

export interface PlanInput { mapping?: ColumnMapping; options?: SpreadsheetOptions }

export interface ImportPlan {
  suggestions: ColumnSuggestion[];
  preset: ImportPreset | null;
  mapping: ColumnMapping;
  options: SpreadsheetOptions;
  numberStyle: NumberStyle;
  dateColumn: (DateColumnSniff & { header: string }) | null;
  /** Null until decided: detected unambiguously or chosen. */
  state: (Omit<RowReadState, 'dateFormat'> & { dateFormat: DateFormat | null });
  /** Problems that stop the import before any row is read (mapping, undecided date format). */
  problems: string[];
}

const SNIFF_ROWS = 5000;

function columnValues(rows: SheetRow[], column: number | undefined, textOnly: boolean): string[] {
  if (column === undefined) return [];
  const out: string[] = [];
  for (const r of rows.slice(0, SNIFF_ROWS)) {
    if (textOnly && r.kinds && r.kinds[column] !== 'text') continue;
    const v = r.cells[column];
    if (v !== undefined && v.trim() !== '') out.push(v);
  }
  return out;
}

export function planImport(db: Db, fileName: string, headers: string[], rows: SheetRow[], input: PlanInput): ImportPlan {
  const suggestions = suggestMapping(headers);
  const preset = presetForHeaders(db, headers);
  const mapping: ColumnMapping = input.mapping ?? preset?.mapping ?? suggestions.map((s) => s.field);
  const options: SpreadsheetOptions = { ...(input.mapping || input.options ? {} : preset?.options ?? {}), ...(input.options ?? {}) };
  const problems = mappingProblems(headers, mapping).map((p) => `${fileName}: ${p}`);
  const col = (f: TransferField) => { const i = mapping.indexOf(f); return i < 0 ? undefined : i; };

  const numberStyle = detectNumberStyle(columnValues(rows, col('amount'), true));
  const dateCol = col('date');
  const dateColumn = dateCol === undefined ? null : { header: headers[dateCol] ?? '', ...sniffDateColumn(columnValues(rows, dateCol, true)) };
  let dateFormat: DateFormat | null = options.dateFormat ?? null;
  if (dateFormat === null && dateColumn) {
    if (dateColumn.ambiguous) {
      const [a, b] = dateColumn.candidates;
      problems.push(`${fileName}: column "${dateColumn.header}": every date fits both ${dateFormatLabels[a!]} and ${dateFormatLabels[b!]} (e.g. "${dateColumn.sample[0]}"); choose the date format before importing`);
    } else {
      // One format fits all values, or (none fits all) the one most values fit: the misfits are row problems.
      dateFormat = dateColumn.best ?? 'iso';
    }
  }
  return {
    suggestions, preset, mapping, options, numberStyle, dateColumn, problems,
    state: { decimal: options.decimal ?? (numberStyle.decided ? numberStyle.decimal : null), dateFormat },
  };
}
