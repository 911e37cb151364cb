// A flag's paths (who stands on each side, every link with its dates and evidence: about 1 KB
// of JSON) are the same for every rule one transfer meets, so they are stored once in
// flag_paths, keyed by a hash of the JSON, and flags refer to them by flags.paths_id (schema 5).
// A full run on 1M transfers wrote 30 MB of paths for 29k flags; stored once it is 10 MB.
// Flags written before schema 5 keep their paths in flags.paths_json: readers take
// coalesce(flag_paths.paths_json, flags.paths_json) (flagPathsJoin). A stored path goes with the
// last flag that refers to it (triggers in schema 5).
import { hash } from 'node:crypto';
import type { Db } from '../db/open';
import { stmt } from './stmtCache';

/** Join and column that give every flag's paths JSON, whichever way it was stored; `f` is the flags table. */
export const flagPathsJoin = 'LEFT JOIN flag_paths fp ON fp.id = f.paths_id';
export const flagPathsColumn = 'coalesce(fp.paths_json, f.paths_json)';

/** The paths JSON of one run's flags: hashed once per distinct text, stored once per hash. */
export class FlagPathStore {
  private readonly hashes = new Map<string, string>();
  private readonly ids = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /** SHA-1 of the JSON, base64: the key in flag_paths, and what a flag's content hash covers in place of the text. */
  hashOf(json: string): string {
    let h = this.hashes.get(json);
    if (h === undefined) { h = hash('sha1', json, 'base64'); this.hashes.set(json, h); }
    return h;
  }

  /** The flag_paths id of this JSON, storing it first if no row has it. */
  idOf(json: string): number {
    const h = this.hashOf(json);
    let id = this.ids.get(h);
    if (id === undefined) {
      const added = stmt(this.db, `INSERT OR IGNORE INTO flag_paths (hash, paths_json) VALUES (?, ?)`).run(h, json);
      id = added.changes > 0 ? Number(added.lastInsertRowid) : stmt(this.db, `SELECT id FROM flag_paths WHERE hash = ?`).pluck().get(h) as number;
      this.ids.set(h, id);
    }
    return id;
  }
}
