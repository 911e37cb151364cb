// Many rows read as one value: SQLite builds one JSON array of row arrays
// (`json_group_array(json_array(...))`) and a single JSON.parse makes them. Handing rows to JS
// one at a time costs about twice as much, and a rule run reads tens of thousands of rows at
// once. Rows travel as arrays, not objects: keys repeated in the text for every row double the
// bytes to build and parse. Callers turn each array into their row type with an object literal
// (a generic key loop is ten times slower).
// SQLite's JSON prints a REAL with 15 significant digits, so a REAL column must travel as text
// (realAsText: CAST keeps every digit) and come back through exactReal: 100/3 stays
// 33.333333333333336.
import type { Db } from '../db/open';
import { stmt } from './stmtCache';

/** The rows of `SELECT json_group_array(json_array(...)) ...` (cached statement), as arrays of type R. */
export function readJsonArrays<R extends unknown[]>(db: Db, sql: string, ...params: unknown[]): R[] {
  return JSON.parse(stmt(db, sql).pluck().get(...params) as string) as R[];
}

/** A REAL column inside json_array(...), as text with every digit. */
export function realAsText(expr: string): string {
  return `CAST(${expr} AS TEXT)`;
}

/** A REAL read through realAsText, back as the same number (null stays null). */
export function exactReal(text: string | null): number | null {
  return text === null ? null : Number(text);
}

/** Ids as one JSON parameter, for `INSERT INTO t (id) SELECT value FROM json_each(?)`: one statement instead of one per id. */
export function idsJson(ids: Iterable<number>): string {
  return JSON.stringify(Array.isArray(ids) ? ids : [...ids]);
}
