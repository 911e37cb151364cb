// Delimited text cut into rows that know their line and byte range. Text arrives in pieces
// (the whole file, or chunks of a stream); each piece ends on a record boundary (see
// completeRecordsEnd), so Papa parses each piece on its own while lines and byte offsets carry
// over from piece to piece.
import Papa from 'papaparse';
import type { Delimiter } from './delimiter';
import type { SheetRow } from './sheetRow';

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Where the last complete record of a text ends (after its newline), quotes respected; 0 if none.
 * A newline ends a record when an even number of quotes precede it (a doubled "" counts twice,
 * which is right). Native indexOf scans keep this cheap on megabyte chunks.
 */
export function completeRecordsEnd(text: string): number {
  let total = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) total++;
  // Walking back from the end: quotes before a newline = all quotes - those after it. No array.
  let after = 0;
  let counted = text.length; // quotes at or after this index are counted in `after`
  for (let nl = text.lastIndexOf('\n'); nl >= 0; nl = nl === 0 ? -1 : text.lastIndexOf('\n', nl - 1)) {
    for (let q = text.lastIndexOf('"', counted - 1); q > nl; q = q === 0 ? -1 : text.lastIndexOf('"', q - 1)) after++;
    counted = nl + 1;
    if ((total - after) % 2 === 0) return nl + 1;
  }
  return 0;
}

export interface PieceCursor { line: number; byte: number }

const nonAscii = /[^\x00-\x7f]/;

/**
 * Parse one piece of complete records, calling onRow for each. `encodeLength` gives a string's
 * length in the file's bytes (UTF-8 or one byte per character for Windows-1252).
 */
export function parsePiece(text: string, delimiter: Delimiter, cursor: PieceCursor, utf8: boolean, onRow: (row: SheetRow) => void, newline?: '\n' | '\r\n'): void {
  // Byte offsets equal character offsets for ASCII (and always for single-byte encodings).
  const measure = !utf8 || !nonAscii.test(text) ? (s: string) => s.length : (s: string) => Buffer.byteLength(s);
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    // Told once per file: Papa would otherwise guess the line endings again for every piece.
    ...(newline ? { newline } : {}),
    skipEmptyLines: 'greedy',
    step: (result) => {
      const end = result.meta.cursor;
      const raw = text.slice(rowStart, end);
      const body = raw.trimStart();
      const leading = raw.slice(0, raw.length - body.length);
      const rowText = body.trimEnd();
      cursor.line += countNewlines(leading);
      const line = cursor.line;
      cursor.line += countNewlines(body);
      const start = cursor.byte + measure(leading);
      cursor.byte += measure(raw);
      rowStart = end;
      const parseErrors = result.errors.length ? result.errors.map((e) => e.message) : undefined;
      onRow({ cells: result.data, line, start, end: start + measure(rowText), parseErrors });
    },
  });
  // Trailing blank lines that Papa skipped still move the cursor.
  const rest = text.slice(rowStart);
  cursor.line += countNewlines(rest);
  cursor.byte += measure(rest);
}

/** The line ending a file uses, judged from its start. */
export function newlineOf(sample: string): '\n' | '\r\n' {
  const nl = sample.indexOf('\n');
  return nl > 0 && sample[nl - 1] === '\r' ? '\r\n' : '\n';
}
