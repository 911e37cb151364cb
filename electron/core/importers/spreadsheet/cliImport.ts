// `armslength import FILE` for spreadsheets: a CSV/TSV is streamed from disk (progress on
// stderr about once a second, Ctrl-C cancels and leaves the ledger as it was); an XLSX workbook
// is read whole. Anything else returns null and goes to the document import. Parties that may
// already be in the ledger under another name are refused with their list, as for documents,
// unless --new-entities answers "new" for all of them.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { AppError } from '../../errors';
import { detectFormat } from '../detect';
import { dateFormats, type DateFormat } from './dateFormats';
import { importSpreadsheet, type ImportInput } from './spreadsheetImport';
import { fileSource, importCsvStream, type ImportProgress } from './streamImport';
import { presetByName } from './presets';
import type { SpreadsheetOptions } from './sheetRow';
import type { SpreadsheetImportResult } from './importWriter';
import { candidateList, PartiesUndecidedError, type PartyDecisions } from './partyDecisions';

export interface CliSpreadsheetOptions { validPart?: boolean; dateFormat?: string; preset?: string; savePreset?: string; newEntities?: boolean; partyDecisions?: PartyDecisions }

const PROGRESS_EVERY_MS = 1000;

function headOf(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65536);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

export async function importSpreadsheetFile(db: Db, file: string, o: CliSpreadsheetOptions): Promise<string | null> {
  const name = path.basename(file);
  let format;
  try { format = detectFormat(headOf(file), name); } catch { return null; }
  if (format !== 'csv' && format !== 'xlsx') return null;
  if (o.dateFormat !== undefined && !(dateFormats as readonly string[]).includes(o.dateFormat)) {
    throw new AppError('invalid_input', `--date-format: "${o.dateFormat}" is not one of ${dateFormats.join(', ')} (dmy: 31.12.2024, mdy: 12/31/2024)`);
  }
  const preset = o.preset ? presetByName(db, o.preset) : null;
  if (o.preset && !preset) throw new AppError('invalid_input', `--preset: there is no import preset named "${o.preset}"`);
  const options: SpreadsheetOptions = { ...(preset?.options ?? {}), ...(o.dateFormat ? { dateFormat: o.dateFormat as DateFormat } : {}) };
  const input = { mapping: preset?.mapping, options, importValidPart: o.validPart ?? false, savePresetAs: o.savePreset, newEntities: o.newEntities ?? false, partyDecisions: o.partyDecisions };
  let r: SpreadsheetImportResult;
  try {
    r = await importFormat(db, file, name, format, input);
  } catch (err) {
    if (!(err instanceof PartiesUndecidedError)) throw err;
    const more = err.total > err.parties.length ? [`... and ${err.total - err.parties.length} more`] : [];
    throw new AppError('invalid_input', `${name}: these parties may already be in the ledger; decide with --party "NAME=ENTITY_ID" (or NAME=new) for each, in the app, or pass --new-entities to add them all as new:`,
      [...err.parties.map((p) => `  ${p.name}: ${candidateList(p.candidates)}`), ...more]);
  }
  return `Imported ${r.transfers} transfers from ${file} (batch ${r.batchId}, ${r.newEntities} new entities)`
    + (r.undecidedCount ? `; ${r.undecidedCount} of them may already be in the ledger under another name (--new-entities)` : '')
    + (r.validPartOnly ? `; left out ${r.problemsLeftOut} problems (--valid-part, recorded with the batch)` : '')
    + (r.duplicatesSkipped ? `; skipped ${r.duplicatesSkipped} rows already in the ledger` : '')
    + unusedParties(o.partyDecisions, r);
}

/** A --party the file never asked about: said after the import (a streamed file is not read twice), so a misspelt name is noticed. */
function unusedParties(given: PartyDecisions | undefined, r: SpreadsheetImportResult): string {
  const asked = new Set(r.uncertainParties.map((p) => p.name.trim()));
  const unused = Object.keys(given ?? {}).filter((name) => !asked.has(name.trim()));
  return unused.length > 0 ? `; --party not used for ${unused.map((n) => `"${n}"`).join(', ')}: the file asked about no party of that name` : '';
}

async function importFormat(db: Db, file: string, name: string, format: 'csv' | 'xlsx', input: ImportInput): Promise<SpreadsheetImportResult> {
  let r: SpreadsheetImportResult;
  if (format === 'xlsx') {
    r = await importSpreadsheet(db, name, fs.readFileSync(file), input);
  } else {
    const abort = new AbortController();
    const onSigint = () => { process.stderr.write('\nCancelling the import...\n'); abort.abort(); };
    process.on('SIGINT', onSigint);
    let last = Date.now();
    let printed = false;
    const onProgress = (p: ImportProgress) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      printed = true;
      process.stderr.write(`${name}: ${p.rows.toLocaleString('en-US')} rows, ${Math.floor((p.bytes / Math.max(1, p.totalBytes)) * 100)}% of ${(p.totalBytes / 1e6).toFixed(1)} MB\n`);
    };
    try {
      r = await importCsvStream(db, await fileSource(file, name), { ...input, onProgress, signal: abort.signal });
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (printed) process.stderr.write(`${name}: done\n`);
  }
  return r;
}
