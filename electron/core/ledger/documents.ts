// The documents the ledger holds, found by their SHA-256: an import of the same bytes is refused
// while an earlier batch of them stands, and after an undo the stored document is used again.
import type { Db } from '../db/open';
import { AppError } from '../errors';
import type { LedgerWriter, NewDocument } from './write';

/** The standing (not undone) import batch of a document with these bytes, if any. */
export function batchOfDocument(db: Db, sha256: string): number | undefined {
  return db.prepare(`SELECT b.id FROM documents d JOIN import_batches b ON b.document_id = d.id WHERE d.sha256 = ? AND b.undone_at IS NULL`).pluck().get(sha256) as number | undefined;
}

export function refuseIfImported(db: Db, sha256: string, fileName: string): void {
  const batch = batchOfDocument(db, sha256);
  if (batch !== undefined) throw new AppError('import_rejected', `${fileName}: this exact file was already imported (batch ${batch}); nothing was added.`);
}

/** The stored document with these bytes, or a new one. */
export function documentFor(db: Db, w: LedgerWriter, doc: NewDocument & { sha256: string }): number {
  return (db.prepare(`SELECT id FROM documents WHERE sha256 = ?`).pluck().get(doc.sha256) as number | undefined) ?? w.document(doc);
}
