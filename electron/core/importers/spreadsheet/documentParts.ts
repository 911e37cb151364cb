// Stored files kept in consecutive parts (document_parts) rather than one documents.content
// blob: a streamed import writes each chunk as it reads it, so a 100 MB file is never held whole
// in memory, and a row's byte range is cut back out of the one or two parts it spans.
import type { Db } from '../../db/open';
import { decodeWindows1252 } from './encoding';

export class DocumentPartWriter {
  private readonly insert;
  private seq = 0;
  private nextStart = 0;

  constructor(db: Db, private readonly documentId: number) {
    this.insert = db.prepare(`INSERT INTO document_parts (document_id, seq, start_byte, content) VALUES (?, ?, ?, ?)`);
  }

  add(chunk: Buffer): void {
    this.insert.run(this.documentId, this.seq++, this.nextStart, chunk);
    this.nextStart += chunk.length;
  }
}

/** Bytes [start, end) of a document stored in parts; null when it has none. */
export function bytesFromParts(db: Db, documentId: number, start: number, end: number): Buffer | null {
  const parts = db.prepare(`SELECT start_byte AS s, content AS c FROM document_parts WHERE document_id = ? AND start_byte < ? AND start_byte + length(content) > ? ORDER BY seq`)
    .all(documentId, end, start) as Array<{ s: number; c: Buffer }>;
  if (parts.length === 0) return null;
  return Buffer.concat(parts.map((p) => p.c.subarray(Math.max(0, start - p.s), Math.min(p.c.length, end - p.s))));
}

/** A stored row's text in the file's own encoding. */
export function decodeStoredText(bytes: Buffer, encoding: string | null): string {
  return encoding === 'windows-1252' ? decodeWindows1252(bytes) : bytes.toString('utf8');
}
