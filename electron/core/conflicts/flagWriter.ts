// Storing one rule run's flags. A flag is keyed by (rule, transfer): a new one is inserted, one
// whose content changed is rewritten in place (so its review decision stays), an unchanged one
// is not touched, and an open one whose condition no longer holds is removed. A reviewed flag
// (confirmed or dismissed) is never removed by a run.
import { hash } from 'node:crypto';
import type { Db } from '../db/open';
import type { Flag } from '../../../shared/domain';
import type { FlagDraft } from './ruleContext';
import { pathsJson } from './pathJson';
import { FlagPathStore } from './flagPaths';
import { readJsonArrays } from './jsonRows';
import { stmt } from './stmtCache';

export type StoredDraft = FlagDraft & { regime: string };

interface Existing { id: number; status: Flag['status']; hash: string | null }

/**
 * What a flag says, hashed to tell an unchanged re-run (nothing written) from a changed one. Each
 * field goes in as it is, after its length, so no two different flags hash alike. The paths go
 * in as their own hash (flagPaths.ts): the same for every flag of a transfer, and 1 KB less to
 * hash per flag.
 */
function contentHash(d: StoredDraft, pathsHash: string, checklist: string): string {
  let s = '';
  for (const p of [String(d.ruleVersion), d.severity, d.title, d.summary, pathsHash, String(d.atStakeMinor), String(d.atStakeCurrency), d.regime, checklist]) s += `${p.length}:${p}`;
  return hash('sha1', s, 'base64');
}

/** A new flag's row, positional: rule, version, transfer, severity, title, summary, paths id, at stake (minor, currency), regime, checklist, content hash. */
export const insertFlagSql = `INSERT INTO flags (rule_id, rule_version, transfer_id, severity, title, summary, paths_json, paths_id, at_stake_minor, at_stake_currency, regime, checklist_json, content_hash)
  VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`;

export class FlagWriter {
  created = 0;
  updated = 0;
  removed = 0;
  private readonly existing = new Map<string, Existing>();
  private readonly kept = new Set<number>();
  private readonly paths: FlagPathStore;

  /**
   * `scope`: every flag (a full run), or the flags of the transfers in temp.rule_eval (an
   * incremental run). Only ids, states and content hashes are read: comparing hashes avoids
   * reading every flag's text back.
   */
  constructor(private readonly db: Db, scope: 'all' | 'rule_eval') {
    this.paths = new FlagPathStore(db);
    const from = scope === 'all' ? 'flags f' : 'temp.rule_eval e CROSS JOIN flags f ON f.transfer_id = e.id';
    for (const [id, ruleId, transferId, status, h] of readJsonArrays<[number, string, number, Flag['status'], string | null]>(db,
      `SELECT json_group_array(json_array(f.id, f.rule_id, f.transfer_id, f.status, f.content_hash)) FROM ${from}`)) {
      this.existing.set(`${ruleId}|${transferId}`, { id, status, hash: h });
    }
  }

  write(d: StoredDraft): void {
    const paths = pathsJson(d.paths);
    const checklist = d.checklist?.length ? JSON.stringify(d.checklist) : '[]';
    const h = contentHash(d, this.paths.hashOf(paths), checklist);
    const found = this.existing.get(`${d.ruleId}|${d.transferId}`);
    if (found) {
      this.kept.add(found.id);
      // Only a flag whose content changed is rewritten: an unchanged re-run writes nothing.
      if (found.hash === h) return;
      stmt(this.db, `UPDATE flags SET rule_version = ?, severity = ?, title = ?, summary = ?, paths_json = '', paths_id = ?, at_stake_minor = ?, at_stake_currency = ?,
        regime = ?, checklist_json = ?, content_hash = ?, computed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)
        .run(d.ruleVersion, d.severity, d.title, d.summary, this.paths.idOf(paths), d.atStakeMinor, d.atStakeCurrency, d.regime, checklist, h, found.id);
      this.updated++;
      return;
    }
    // Positional parameters: binding a dozen named ones from an object costs more than the insert's own work.
    const added = stmt(this.db, insertFlagSql)
      .run(d.ruleId, d.ruleVersion, d.transferId, d.severity, d.title, d.summary, this.paths.idOf(paths), d.atStakeMinor, d.atStakeCurrency, d.regime, checklist, h);
    this.kept.add(Number(added.lastInsertRowid));
    this.created++;
  }

  /** Remove the open flags this run did not write again (their stored paths go with the last one: schema 5 triggers). */
  finish(): void {
    const del = stmt(this.db, `DELETE FROM flags WHERE id = ?`);
    for (const f of this.existing.values()) if (f.status === 'open' && !this.kept.has(f.id)) { del.run(f.id); this.removed++; }
  }
}
