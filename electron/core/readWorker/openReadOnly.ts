// A second, read-only connection to a ledger the main thread has open. WAL lets it read while
// the main connection writes; query_only makes any write attempt an error.
import Database from 'better-sqlite3';
import type { Db } from '../db/open';

export function openReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 5000');
    // Same as the main connection (db/open.ts): pages through the OS cache instead of copies.
    db.pragma('mmap_size = 1073741824');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
