// Prepared statements kept per connection: the rules run the same few queries for thousands of
// transfers, and compiling a statement costs more than running it.
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';

type Statement = Database.Statement<unknown[], unknown>;
const caches = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) { cache = new Map(); caches.set(db, cache); }
  let s = cache.get(sql);
  if (!s) { s = db.prepare<unknown[], unknown>(sql); cache.set(sql, s); }
  return s;
}
