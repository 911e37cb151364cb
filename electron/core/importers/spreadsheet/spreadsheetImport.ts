// Preview and import of a spreadsheet held in memory (CSV, TSV or XLSX). The preview runs the
// real import inside a transaction and rolls it back, so what it shows is exactly what the
// import would add or refuse.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/open';
import { AppError } from '../../errors';
import { LedgerWriter } from '../../ledger/write';
import { batchOfDocument, documentFor, refuseIfImported } from '../../ledger/documents';
import { detectFormat, UnsupportedFileError } from '../detect';
import { matchEntities, type EntityMatch } from '../entityMatch';
import type { ExtractedEntity } from '../extracted';
import { numberStyleLabel, type NumberStyle } from '../decimalStyle';
import type { TransferField } from '../csvColumns';
import { readCsvTable } from './csvTable';
import { readXlsxTable } from './xlsxTable';
import { encodingLabels, type TextEncodingName } from './encoding';
import { delimiterLabels, type Delimiter } from './delimiter';
import { planImport, type ImportPlan, type PlanInput } from './plan';
import { savePreset } from './presets';
import { SpreadsheetImportWriter, type SpreadsheetImportResult } from './importWriter';
import { decisionMap, type PartyChoices, type PartyDecisions, type UndecidedParties } from './partyDecisions';
import { csvLocator, xlsxLocator, type Locator, type SheetRow } from './sheetRow';
import type { DateFormat } from './dateFormats';

export interface LoadedTable {
  format: 'csv' | 'xlsx';
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rows: SheetRow[];
  locator: Locator;
}

function rejected(err: unknown): never {
  if (err instanceof UnsupportedFileError || (err instanceof Error && !(err instanceof AppError))) throw new AppError('import_rejected', (err as Error).message);
  throw err;
}

/** CSV or XLSX, judged from the content; anything else is refused with what it looks like. */
export function spreadsheetFormatOf(bytes: Buffer, fileName: string): 'csv' | 'xlsx' {
  let format;
  try { format = detectFormat(bytes, fileName); } catch (err) { rejected(err); }
  if (format !== 'csv' && format !== 'xlsx') throw new AppError('import_rejected', `${fileName}: not a spreadsheet (it reads as ${format}); use the document import for it.`);
  return format;
}

export async function loadTable(bytes: Buffer, fileName: string, input: PlanInput): Promise<LoadedTable> {
  const format = spreadsheetFormatOf(bytes, fileName);
  try {
    if (format === 'xlsx') {
      const t = await readXlsxTable(bytes, fileName, input.options?.sheet);
      if (!t.headers) throw new AppError('import_rejected', `${fileName}, sheet "${t.sheet}": the sheet is empty; expected a header row`);
      return { format, encoding: null, delimiter: null, sheets: t.sheets, sheet: t.sheet, headers: t.headers, rows: t.rows, locator: xlsxLocator(fileName, t.sheet) };
    }
    const t = readCsvTable(bytes, fileName, input.options);
    if (!t.headers) throw new AppError('import_rejected', `${fileName} line 1: the file is empty; expected a header row`);
    const headers = t.headers;
    return { format, encoding: t.encoding.encoding, delimiter: t.delimiter, sheets: [], sheet: null, headers, rows: t.rows, locator: csvLocator(fileName, () => headers) };
  } catch (err) {
    return rejected(err);
  }
}

export interface ImportInput extends PlanInput, PartyChoices { importValidPart?: boolean; savePresetAs?: string }

interface WriteChoices { importValidPart: boolean; partyDecisions?: PartyDecisions; undecidedParties: UndecidedParties }

/** Write the table as one batch (inside the caller's transaction). */
function writeTable(db: Db, fileName: string, bytes: Buffer, sha256: string, table: LoadedTable, plan: ImportPlan, choices: WriteChoices): SpreadsheetImportResult {
  if (plan.problems.length > 0) {
    throw new AppError('import_rejected', `${fileName}: ${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'}; nothing was imported.`, plan.problems);
  }
  const w = new LedgerWriter(db);
  const documentId = documentFor(db, w, { name: fileName, kind: table.format === 'xlsx' ? 'xlsx ledger' : 'csv ledger', sha256, content: bytes });
  if (table.encoding) db.prepare(`UPDATE documents SET text_encoding = ? WHERE id = ?`).run(table.encoding, documentId);
  const writer = new SpreadsheetImportWriter(db, {
    fileName, sha256, bytes: bytes.length, format: table.format, documentId, mapping: plan.mapping, options: plan.options,
    state: { decimal: plan.state.decimal, dateFormat: plan.state.dateFormat ?? 'iso' }, locator: table.locator,
    expectedRows: table.rows.length, rowEvidence: table.format === 'xlsx', ...choices,
  });
  for (const row of table.rows) writer.row(row, table.headers.length);
  return writer.finish();
}

export async function importSpreadsheet(db: Db, fileName: string, bytes: Buffer, input: ImportInput = {}): Promise<SpreadsheetImportResult & { format: 'csv' | 'xlsx' }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  refuseIfImported(db, sha256, fileName);
  const table = await loadTable(bytes, fileName, input);
  return db.transaction(() => {
    const plan = planImport(db, fileName, table.headers, table.rows, input);
    const r = writeTable(db, fileName, bytes, sha256, table, plan, {
      importValidPart: input.importValidPart ?? false, partyDecisions: input.partyDecisions, undecidedParties: input.newEntities ? 'add-as-new' : 'refuse',
    });
    if (input.savePresetAs) {
      savePreset(db, { name: input.savePresetAs, format: table.format, headers: table.headers, mapping: plan.mapping,
        options: { ...plan.options, ...(table.delimiter ? { delimiter: table.delimiter } : {}), ...(table.encoding ? { encoding: table.encoding } : {}),
          ...(table.sheet ? { sheet: table.sheet } : {}), dateFormat: plan.state.dateFormat ?? undefined, decimal: plan.state.decimal ?? undefined } });
    }
    return { ...r, format: table.format };
  })();
}

export interface SpreadsheetPreview {
  fileName: string; format: 'csv' | 'xlsx'; sha256: string; alreadyImportedBatch: number | null;
  encoding: { value: TextEncodingName; label: string } | null;
  delimiter: { value: Delimiter; label: string } | null;
  sheets: string[]; sheet: string | null;
  numberStyle: NumberStyle & { label: string };
  dateColumn: { header: string; candidates: DateFormat[]; ambiguous: boolean; sample: string[] } | null;
  dateFormat: DateFormat | null;
  headers: string[];
  rows: Array<{ line: number; cells: string[] }>;
  totalRows: number;
  suggestions: Array<{ column: number; header: string; field: TransferField | null; confidence: number; why: string }>;
  mapping: Array<TransferField | null>;
  preset: { id: number; name: string } | null;
  counts: { transfers: number; newEntities: number; duplicates: number };
  /** Rows equal to transfers already in the ledger, which the import skips. */
  duplicates: string[];
  entities: Array<{ name: string; match: EntityMatch }>;
  /** Parties that may already be in the ledger but are beyond the list's cap (the import's refusal lists them all). */
  uncertainNotShown: number;
  /** Parties in the whole file that may already be in the ledger and have no decision yet (counted as new above). */
  undecidedParties: number;
  problems: string[];
  problemCount: number;
}

class DryRun extends Error {}

const SAMPLE_ROWS = 20;
const MAX_PARTIES = 200;
/** Parties that need a decision are listed beyond MAX_PARTIES, up to this many. */
const MAX_UNCERTAIN_LISTED = 1000;

export async function previewSpreadsheet(db: Db, fileName: string, bytes: Buffer, input: PlanInput & Pick<PartyChoices, 'partyDecisions'> = {}): Promise<SpreadsheetPreview> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const table = await loadTable(bytes, fileName, input);
  const plan = planImport(db, fileName, table.headers, table.rows, input);
  let counts = { transfers: 0, newEntities: 0, duplicates: 0 };
  let duplicates: string[] = [];
  let problems: string[] = plan.problems;
  let problemCount = plan.problems.length;
  // Set inside the dry run's transaction (a holder, since narrowing does not follow the callback).
  const dry: { asked: Pick<SpreadsheetImportResult, 'uncertainParties' | 'uncertainCount' | 'undecidedCount'> | null } = { asked: null };
  if (problems.length === 0) {
    try {
      db.transaction(() => {
        // Undecided parties are counted as new here and listed below to be asked about; the import itself refuses them.
        const r = writeTable(db, fileName, bytes, sha256, table, plan, { importValidPart: true, partyDecisions: input.partyDecisions, undecidedParties: 'add-as-new' });
        dry.asked = r;
        counts = { transfers: r.transfers, newEntities: r.newEntities, duplicates: r.duplicatesSkipped };
        duplicates = r.duplicates;
        problems = r.problems.slice(0, 50);
        problemCount = r.problemsLeftOut;
        throw new DryRun();
      })();
    } catch (err) {
      if (err instanceof AppError && /already in the ledger; nothing was added/.test(err.message)) {
        counts = { ...counts, duplicates: err.details.length };
        duplicates = err.details;
      } else if (err instanceof AppError) { problems = err.details; problemCount = Number(/^\S.*?: (\d+) problem/.exec(err.message)?.[1] ?? err.details.length); }
      else if (!(err instanceof DryRun)) throw err;
    }
  }
  const names = new Set<string>();
  const cols = (['from', 'to', 'intended_for'] as const).map((f) => plan.mapping.indexOf(f)).filter((i) => i >= 0);
  for (const r of table.rows) {
    for (const c of cols) { const n = r.cells[c]?.trim(); if (n) names.add(n); }
    if (names.size >= MAX_PARTIES) break;
  }
  const parties = [...names];
  const matches = matchEntities(db, parties.map((name, i): ExtractedEntity => ({ key: String(i), kind: 'company', name, aliases: [], identifiers: [], jurisdiction: null, locator: { label: '' } })));
  const entities = parties.map((name, i) => ({ name, match: matches[i]! }));
  const notShown = listAskedParties(entities, dry.asked);
  const decided = decisionMap(input.partyDecisions);
  return {
    fileName, format: table.format, sha256, alreadyImportedBatch: batchOfDocument(db, sha256) ?? null,
    encoding: table.encoding ? { value: table.encoding, label: encodingLabels[table.encoding] } : null,
    delimiter: table.delimiter ? { value: table.delimiter, label: delimiterLabels[table.delimiter] } : null,
    sheets: table.sheets, sheet: table.sheet,
    numberStyle: { ...plan.numberStyle, label: numberStyleLabel(plan.numberStyle) },
    dateColumn: plan.dateColumn ? { header: plan.dateColumn.header, candidates: plan.dateColumn.candidates, ambiguous: plan.dateColumn.ambiguous, sample: plan.dateColumn.sample } : null,
    dateFormat: plan.state.dateFormat,
    headers: table.headers,
    rows: table.rows.slice(0, SAMPLE_ROWS).map((r) => ({ line: r.line, cells: r.cells })),
    totalRows: table.rows.length,
    suggestions: plan.suggestions,
    mapping: plan.mapping,
    preset: plan.preset ? { id: plan.preset.id, name: plan.preset.name } : null,
    counts, duplicates,
    entities, uncertainNotShown: notShown,
    undecidedParties: dry.asked?.undecidedCount ?? entities.filter((e) => e.match.status === 'uncertain' && !decided.has(e.name)).length,
    problems, problemCount,
  };
}

/**
 * The parties the import would ask about (found by the dry run over every row) replace the quick
 * match of the first rows' parties, and those beyond them are added to the list up to a cap, so
 * the person can decide for each. Returns how many did not fit.
 */
function listAskedParties(entities: Array<{ name: string; match: EntityMatch }>, asked: Pick<SpreadsheetImportResult, 'uncertainParties' | 'uncertainCount'> | null): number {
  if (asked === null) return 0;
  const at = new Map(entities.map((e, i) => [e.name, i]));
  let placed = 0;
  let added = 0;
  for (const p of asked.uncertainParties) {
    const i = at.get(p.name);
    if (i === undefined && added >= MAX_UNCERTAIN_LISTED) continue;
    const match: EntityMatch = { key: String(i ?? entities.length), status: 'uncertain', candidates: p.candidates };
    if (i === undefined) { entities.push({ name: p.name, match }); added++; } else entities[i] = { name: p.name, match };
    placed++;
  }
  return asked.uncertainCount - placed;
}
