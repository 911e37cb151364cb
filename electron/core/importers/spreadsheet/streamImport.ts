// CSV import that never holds the file whole: the file is read in chunks, each chunk is stored
// as a document part and parsed up to its last complete record, and rows go to the ledger as
// they come. Progress is reported per chunk; an AbortSignal cancels, which rolls everything back.
//
// The transaction is opened by hand (BEGIN ... COMMIT) because it spans awaits between chunks;
// better-sqlite3's db.transaction() cannot. Nothing else should write to this connection while
// an import runs: the handler allows one import job at a time.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TextDecoder } from 'node:util';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { Db } from '../../db/open';
import { AppError } from '../../errors';
import { LedgerWriter } from '../../ledger/write';
import { refuseIfImported } from '../../ledger/documents';
import { completeRecordsEnd, newlineOf, parsePiece, type PieceCursor } from './csvPieces';
import { decodeWindows1252, decoderFor, detectEncoding, type DetectedEncoding } from './encoding';
import { detectDelimiter } from './delimiter';
import { DocumentPartWriter } from './documentParts';
import { SpreadsheetImportWriter, type SpreadsheetImportResult } from './importWriter';
import { planImport, type PlanInput } from './plan';
import type { PartyChoices } from './partyDecisions';
import { savePreset } from './presets';
import { csvLocator, type SheetRow } from './sheetRow';

export interface ImportProgress { rows: number; bytes: number; totalBytes: number }

export interface StreamSource {
  fileName: string;
  size: number;
  sha256: string;
  chunks(): AsyncIterable<Buffer>;
  /** Set when the bytes are in memory anyway: stored as documents.content as before. */
  whole?: Buffer;
}

const CHUNK = 1 << 20;
const SAMPLE_BYTES = 2 << 20;
const PLAN_CHARS = 1 << 20;

/** A file on disk; its SHA-256 is computed by a first streamed pass. */
export async function fileSource(filePath: string, fileName: string): Promise<StreamSource> {
  const size = fs.statSync(filePath).size;
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return {
    fileName, size, sha256: hash.digest('hex'),
    chunks: () => fs.createReadStream(filePath, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>,
  };
}

/**
 * Bytes already in memory (the app sends the file's content), cut into chunks so progress and cancel
 * work the same. `yieldBetweenChunks: false` never lets other requests run mid-import (the chunks
 * then only await promises, not the event loop): for callers without the import job lock, whose
 * open transaction must not take in another request's writes.
 */
export function bufferSource(fileName: string, bytes: Buffer, { yieldBetweenChunks = true } = {}): StreamSource {
  return {
    fileName, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), whole: bytes,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += CHUNK) {
        yield bytes.subarray(i, i + CHUNK);
        if (yieldBetweenChunks) await nextTurn();
      }
    },
  };
}

async function readSample(source: StreamSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of source.chunks()) {
    parts.push(chunk);
    n += chunk.length;
    if (n >= SAMPLE_BYTES) break;
  }
  return Buffer.concat(parts);
}

export interface StreamImportInput extends PlanInput, PartyChoices {
  importValidPart?: boolean;
  savePresetAs?: string;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Run the whole import, then roll it back: a preview that shows exactly what the import would do or refuse. */
  dryRun?: boolean;
}

function cancelled(fileName: string): AppError {
  return new AppError('import_rejected', `${fileName}: the import was cancelled; nothing was imported.`);
}

export async function importCsvStream(db: Db, source: StreamSource, input: StreamImportInput = {}): Promise<SpreadsheetImportResult> {
  const { fileName } = source;
  refuseIfImported(db, source.sha256, fileName);
  const sample = await readSample(source);
  if (sample.length === 0) throw new AppError('import_rejected', `${fileName} line 1: the file is empty; expected a header row`);
  const detected = detectEncoding(sample, sample.length < source.size);
  const encoding: DetectedEncoding = input.options?.encoding
    ? { encoding: input.options.encoding, bomLength: input.options.encoding === 'utf-8-bom' ? detected.bomLength : 0 }
    : detected;
  const utf8 = encoding.encoding !== 'windows-1252';

  // Plan from the sample: header, mapping, number style and date format.
  const sampleText = (() => {
    try { return utf8 ? new TextDecoder('utf-8').decode(sample.subarray(encoding.bomLength)) : decodeWindows1252(sample); }
    catch { return ''; }
  })();
  const delimiter = input.options?.delimiter ?? detectDelimiter(sampleText.slice(0, 65536)).delimiter;
  const newline = newlineOf(sampleText.slice(0, 65536));
  const sampleRows: SheetRow[] = [];
  let headers: string[] | null = null;
  // The plan needs the header and a few thousand rows (plan.ts SNIFF_ROWS): its first megabyte's records will do.
  const planEnd = sampleText.length > PLAN_CHARS ? completeRecordsEnd(sampleText.slice(0, PLAN_CHARS)) : 0;
  const complete = planEnd > 0 ? sampleText.slice(0, planEnd) : sample.length < source.size ? sampleText.slice(0, completeRecordsEnd(sampleText)) : sampleText;
  parsePiece(complete, delimiter, { line: 1, byte: encoding.bomLength }, utf8, (r) => { if (headers === null) headers = r.cells.map((c) => c.trim()); else sampleRows.push(r); }, newline);
  if (headers === null) throw new AppError('import_rejected', `${fileName} line 1: the file is empty; expected a header row`);
  const header: string[] = headers;
  const plan = planImport(db, fileName, header, sampleRows, { ...input, options: { ...input.options, delimiter, encoding: encoding.encoding } });
  if (plan.problems.length > 0) throw new AppError('import_rejected', `${fileName}: ${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'}; nothing was imported.`, plan.problems);
  const avgRowBytes = sampleRows.length > 0 && sampleRows.at(-1)!.end !== null ? Math.max(1, sampleRows.at(-1)!.end! / (sampleRows.length + 1)) : 100;

  input.signal?.throwIfAborted?.();
  db.exec('BEGIN IMMEDIATE');
  try {
    const w = new LedgerWriter(db);
    const existing = db.prepare(`SELECT id FROM documents WHERE sha256 = ?`).pluck().get(source.sha256) as number | undefined;
    const documentId = existing ?? w.document({ name: fileName, kind: 'csv ledger', sha256: source.sha256, content: null });
    db.prepare(`UPDATE documents SET text_encoding = ? WHERE id = ?`).run(encoding.encoding, documentId);
    // The bytes go in last: an UPDATE rewrites the whole row, so a row holding them would be written twice.
    if (existing === undefined && source.whole) db.prepare(`UPDATE documents SET content = ? WHERE id = ?`).run(source.whole, documentId);
    // A document stored before (the batch was undone) keeps its stored bytes.
    const parts = existing === undefined && !source.whole ? new DocumentPartWriter(db, documentId) : null;
    const writer = new SpreadsheetImportWriter(db, {
      fileName, sha256: source.sha256, bytes: source.size, format: 'csv', documentId, mapping: plan.mapping,
      options: { ...plan.options, delimiter, encoding: encoding.encoding },
      state: { decimal: plan.state.decimal, dateFormat: plan.state.dateFormat ?? 'iso' },
      locator: csvLocator(fileName, () => header), importValidPart: input.importValidPart ?? false,
      expectedRows: Math.round(source.size / avgRowBytes), rowEvidence: false,
      partyDecisions: input.partyDecisions, undecidedParties: input.newEntities ? 'add-as-new' : 'refuse',
    });
    // Bytes in memory that are valid UTF-8 throughout (checked once, natively) decode on the fast
    // path; anything else through the checking decoder, which names the line where the bytes go bad.
    const decoder = utf8 && source.whole && isUtf8(source.whole.subarray(encoding.bomLength)) ? new StringDecoder('utf8') : decoderFor(encoding.encoding);
    const cursor: PieceCursor = { line: 1, byte: encoding.bomLength };
    let seenHeader = false;
    let carry = '';
    let bytesRead = 0;
    const onRow = (r: SheetRow) => {
      if (!seenHeader) { seenHeader = true; return; }
      writer.row(r, header.length);
    };
    const decode = (chunk: Buffer | undefined) => {
      try {
        if (decoder instanceof StringDecoder) return chunk ? decoder.write(chunk) : decoder.end();
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      }
      catch { throw new AppError('import_rejected', `${fileName} line ${cursor.line}: the bytes after this line are not valid UTF-8; choose Windows-1252 as the encoding`); }
    };
    for await (const chunk of source.chunks()) {
      if (input.signal?.aborted) throw cancelled(fileName);
      parts?.add(chunk);
      const body = bytesRead === 0 ? chunk.subarray(encoding.bomLength) : chunk;
      bytesRead += chunk.length;
      carry += decode(body);
      const end = completeRecordsEnd(carry);
      if (end > 0) {
        parsePiece(carry.slice(0, end), delimiter, cursor, utf8, onRow, newline);
        carry = carry.slice(end);
      }
      input.onProgress?.({ rows: writer.rowsSeen, bytes: bytesRead, totalBytes: source.size });
    }
    carry += decode(undefined);
    if (carry.trim() !== '') parsePiece(carry, delimiter, cursor, utf8, onRow, newline);
    if (input.signal?.aborted) throw cancelled(fileName);
    const result = writer.finish();
    if (input.savePresetAs) {
      savePreset(db, { name: input.savePresetAs, format: 'csv', headers: header, mapping: plan.mapping,
        options: { ...plan.options, delimiter, encoding: encoding.encoding, dateFormat: plan.state.dateFormat ?? undefined, decimal: plan.state.decimal ?? undefined } });
    }
    db.exec(input.dryRun ? 'ROLLBACK' : 'COMMIT');
    input.onProgress?.({ rows: writer.rowsSeen, bytes: source.size, totalBytes: source.size });
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
