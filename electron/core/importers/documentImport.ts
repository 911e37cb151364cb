// One way in for every document: detect its format from its content, read it with that format's
// parser, show what it would add (preview), then write it (commit). Transfer ledgers (CSV) go
// through the spreadsheet import (columns mapped from the headers as the CLI does); everything
// else through the extraction pipeline.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { detectFormat, UnsupportedFileError, type DetectedFormat } from './detect';
import { matchEntities, type EntityMatch } from './entityMatch';
import { commitExtraction, type CommitResult } from './commitExtraction';
import { batchOfDocument } from '../ledger/documents';
import { bufferSource, importCsvStream } from './spreadsheet/streamImport';
import type { ExtractionResult } from './extracted';
import { parseSecJson } from './secJson';
import { parseFtm } from './ftm';
import { parseXbrl } from './xbrl';
import { parseProxyStatement } from './proxy';

type Parser = (bytes: Buffer, fileName: string) => ExtractionResult;

/** Parsers for documents; CSV ledgers are imported row by row instead. */
const parsers: Partial<Record<DetectedFormat, Parser>> = {
  'sec-json': parseSecJson,
  ftm: parseFtm,
  xbrl: parseXbrl,
  ixbrl: parseInlineFiling,
  'proxy-html': (bytes, fileName) => parseProxyStatement(bytes, fileName),
  'proxy-text': (bytes, fileName) => parseProxyStatement(bytes, fileName),
};

/**
 * An Inline XBRL document may be a 10-K or a proxy statement (most DEF 14As are tagged now): read
 * its facts, and its related-person section when it has one, and keep both.
 */
function parseInlineFiling(bytes: Buffer, fileName: string): ExtractionResult {
  const x = parseXbrl(bytes, fileName);
  const issuer = x.disclosures[0]?.issuer ?? x.figures[0]?.issuer;
  const p = parseProxyStatement(bytes, fileName, issuer ? { name: issuer.name, cik: issuer.cik } : undefined);
  // A 10-K has no related-person section; only a section that was found adds anything.
  if (p.candidates.length === 0 && p.statesNoTransactions === null) return x;
  // Tagged cover page only, no facts: it is a proxy statement, and the XBRL reader has nothing to say.
  if (x.disclosures.length === 0 && x.figures.length === 0 && x.textBlocks.length === 0) return p;
  return {
    ...x,
    issuer: x.issuer ?? p.issuer ?? null,
    candidates: [...x.candidates, ...p.candidates],
    textBlocks: [...x.textBlocks, ...p.textBlocks],
    statesNoTransactions: x.statesNoTransactions ?? p.statesNoTransactions,
    problems: [...x.problems, ...p.problems],
  };
}

function detect(bytes: Buffer, fileName: string): DetectedFormat {
  try {
    return detectFormat(bytes, fileName);
  } catch (err) {
    if (err instanceof UnsupportedFileError) throw new AppError('import_rejected', err.message);
    throw err;
  }
}

function extract(format: DetectedFormat, bytes: Buffer, fileName: string): ExtractionResult {
  const parser = parsers[format];
  if (!parser) throw new AppError('import_rejected', `${fileName}: ${format.toUpperCase()} files are recognised but cannot be imported yet.`);
  try {
    return parser(bytes, fileName);
  } catch (err) {
    if (err instanceof UnsupportedFileError || (err instanceof Error && !(err instanceof AppError))) throw new AppError('import_rejected', (err as Error).message);
    throw err;
  }
}

export interface DocumentPreview {
  fileName: string;
  format: DetectedFormat;
  sha256: string;
  alreadyImportedBatch: number | null;
  counts: { entities: number; affiliations: number; transfers: number; disclosures: number; figures: number; candidates: number; textBlocks: number };
  entities: Array<{ key: string; name: string; match: EntityMatch }>;
  problems: string[];
  problemCount: number;
  statesNoTransactions: string | null;
}

export async function previewDocument(db: Db, fileName: string, bytes: Buffer): Promise<DocumentPreview> {
  const format = detect(bytes, fileName);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { fileName, format, sha256, alreadyImportedBatch: batchOfDocument(db, sha256) ?? null };
  const none = { entities: 0, affiliations: 0, transfers: 0, disclosures: 0, figures: 0, candidates: 0, textBlocks: 0 };
  if (format === 'xlsx') {
    return { ...base, counts: none, entities: [], problems: [`${fileName}: an XLSX workbook is imported through the spreadsheet import, which maps its columns (spreadsheet:preview, or armslength import).`], problemCount: 1, statesNoTransactions: null };
  }
  if (format === 'csv') return { ...base, ...(await dryRunCsv(db, fileName, bytes, none)), entities: [], statesNoTransactions: null };
  const x = extract(format, bytes, fileName);
  const matches = matchEntities(db, x.entities);
  return {
    ...base,
    counts: { entities: x.entities.length, affiliations: x.affiliations.length, transfers: x.transfers.length, disclosures: x.disclosures.length,
      figures: x.figures.length, candidates: x.candidates.length, textBlocks: x.textBlocks.length },
    entities: x.entities.slice(0, 500).map((e, i) => ({ key: e.key, name: e.name, match: matches[i]! })),
    problems: x.problems.slice(0, 50).map((p) => `${fileName} ${p.locator.label}: ${p.message}`),
    problemCount: x.problems.length,
    statesNoTransactions: x.statesNoTransactions?.excerpt ?? null,
  };
}

/**
 * The CSV import of this file, never yielding to other requests (there is no import job lock on
 * this path, and its transaction stays open until the last row).
 */
function importCsv(db: Db, fileName: string, bytes: Buffer, input: { importValidPart?: boolean; dryRun?: boolean; partyDecisions?: Record<string, number | 'new'> }) {
  return importCsvStream(db, bufferSource(fileName, bytes, { yieldBetweenChunks: false }), input);
}

/** Run the CSV import and roll it back: the preview shows exactly what the import would do or refuse. */
async function dryRunCsv(db: Db, fileName: string, bytes: Buffer, none: DocumentPreview['counts']): Promise<Pick<DocumentPreview, 'counts' | 'problems' | 'problemCount'>> {
  try {
    const r = await importCsv(db, fileName, bytes, { dryRun: true });
    return { counts: { ...none, transfers: r.transfers, entities: r.newEntities }, problems: [], problemCount: 0 };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // "f.csv: 60 problems; ..." counts them all; the details list the first 50 and "... and 10 more".
    const counted = Number(/: (\d+) problems?;/.exec(err.message)?.[1] ?? 0);
    return { counts: none, problems: err.details.length ? err.details : [err.message], problemCount: counted || err.details.length || 1 };
  }
}

export interface ImportChoices { decisions?: Record<string, number | 'new'>; importValidPart?: boolean }

export type DocumentImportResult = { format: DetectedFormat } & (
  | { kind: 'transfers'; batchId: number; transfers: number; newEntities: number; problemsLeftOut: number }
  | ({ kind: 'document' } & CommitResult)
);

export async function importDocument(db: Db, fileName: string, bytes: Buffer, choices: ImportChoices = {}): Promise<DocumentImportResult> {
  const format = detect(bytes, fileName);
  if (format === 'xlsx') throw new AppError('import_rejected', `${fileName}: an XLSX workbook is imported through the spreadsheet import, which maps its columns (spreadsheet:import, or armslength import).`);
  if (format === 'csv') {
    // A CSV names its parties by text: its decisions are keyed by the party's name in the file.
    const r = await importCsv(db, fileName, bytes, { importValidPart: choices.importValidPart, partyDecisions: choices.decisions });
    return { format, kind: 'transfers', batchId: r.batchId, transfers: r.transfers, newEntities: r.newEntities, problemsLeftOut: r.problemsLeftOut };
  }
  return { format, kind: 'document', ...commitExtraction(db, extract(format, bytes, fileName), { fileName, bytes, ...choices }) };
}
