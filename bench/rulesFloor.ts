// Lower bounds for a full rule run on the bench's ledger, measured in the same run as the
// aggregate: what two of its unavoidable parts cost with no rule work at all.
// - scan: the candidate scan's shape (every transfer through a JS test of its two parties, as
//   candidates.ts does it) with a trivial test;
// - store: inserting the flags the run produced, rows ready in memory, with the flag writer's
//   insert, and committing them.
// If these alone come to more than the target, no faster rule evaluation can meet it.
import fs from 'node:fs';
import { openLedger, type Db } from '../electron/core/db/open';
import { insertFlagSql } from '../electron/core/conflicts/flagWriter';
import { median, timed } from './timing';

export interface RulesFloor { scanSeconds: number; storeSeconds: number; flags: number; pathTexts: number; storedMb: number }

function scanFloor(db: Db): number {
  db.function('armslength_floor_pair', { deterministic: true }, (a: unknown, b: unknown) => (((a as number) ^ (b as number)) & 1023) === 0 ? 1 : 0);
  const scan = db.prepare(`SELECT count(*) FROM transfers WHERE intended_for_id IS NOT NULL OR armslength_floor_pair(from_id, to_id)`).pluck();
  scan.get();
  return median([0, 1, 2].map(() => timed(() => scan.get()).seconds));
}

type FlagRow = [string, number, number, string, string, string, number | null, number | null, string | null, string | null, string | null, string | null];

/**
 * On a copy of the ledger (the commit is part of the cost, and the ledger itself must not
 * change): empty the flags, then insert the same rows again and commit. Best of two.
 */
function storeFloor(db: Db, file: string): Omit<RulesFloor, 'scanSeconds'> {
  const flags = db.prepare(`SELECT rule_id, rule_version, transfer_id, severity, title, summary, paths_id, at_stake_minor, at_stake_currency, regime, checklist_json, content_hash FROM flags`).raw().all() as FlagRow[];
  const paths = db.prepare(`SELECT id, hash, paths_json FROM flag_paths`).raw().all() as Array<[number, string, string]>;
  const storedMb = (flags.reduce((n, f) => n + f[4].length + f[5].length + (f[10]?.length ?? 0), 0) + paths.reduce((n, p) => n + p[2].length, 0)) / 1e6;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const copyFile = `${file}.floor`;
  fs.copyFileSync(file, copyFile);
  const copy = openLedger(copyFile);
  try {
    // The writer's flag insert; the path texts with their ids given, so the flags cite the same rows.
    const insertPath = copy.prepare(`INSERT INTO flag_paths (id, hash, paths_json) VALUES (?, ?, ?)`);
    const insertFlag = copy.prepare(insertFlagSql);
    const times: number[] = [];
    for (let round = 0; round < 2; round++) {
      // Emptied untimed; the triggers take the stored paths with the last flag citing them.
      copy.exec(`DELETE FROM flags; DELETE FROM flag_paths`);
      copy.pragma('wal_checkpoint(TRUNCATE)');
      times.push(timed(copy.transaction(() => {
        for (const p of paths) insertPath.run(p);
        for (const f of flags) insertFlag.run(f);
      })).seconds);
    }
    return { storeSeconds: Math.min(...times), flags: flags.length, pathTexts: paths.length, storedMb };
  } finally {
    copy.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copyFile}${suffix}`, { force: true });
  }
}

/** Both floors for the ledger open as `db`, stored in `file`. */
export function rulesFloor(db: Db, file: string): RulesFloor {
  return { scanSeconds: scanFloor(db), ...storeFloor(db, file) };
}
