// What the last rule run saw, so the next one can evaluate only what changed. Transfers, price
// bands and FX rates are tracked by high-water marks: new rows have higher ids, and an edit or
// delete leaves a row in fact_history (history triggers). A changed band only changes the value
// of the transfers of its resource, and a changed rate only the conversions of the dates it
// serves, so they name those transfers (by resource key, by date) instead of forcing a full run;
// rates of more than a month of days (a rates file) do force one. Every other input
// (affiliations, disclosures, approvals, issuer figures, names, settings, the rules' own
// versions) is summed up in a fingerprint; when it differs, the run is a full one and says why.
import type { Db } from '../db/open';
import { stmt } from './stmtCache';

export interface RuleState {
  transferHwm: number; historyHwm: number; fingerprint: string;
  /** The highest price band and FX rate ids seen; absent in the state of runs before they were tracked apart (their next run is a full one). */
  bandHwm?: number; fxHwm?: number;
}

const watched = ['affiliations', 'disclosures', 'approvals', 'issuer_figures', 'entity_aliases'] as const;
const settingKeys = ['rules_profile', 'valuation_assumptions', 'reporting_currency'];
/** fact_history tables whose edits change no flag input: they do not force a full run. */
const ignoredHistory = new Set(['documents', 'transfer_links', 'entity_identifiers']);
/** fact_history tables whose edits name the transfers they touch (by id, or by resource key). */
const trackedHistory = new Set(['transfers', 'price_bands', 'fx_rates']);
/** More days of changed rates than this (a rates file was loaded) re-run everything. */
const MAX_SCOPED_FX_DAYS = 31;

export function fingerprint(db: Db, ruleVersions: string): string {
  const parts: unknown[] = [ruleVersions];
  for (const t of watched) parts.push(stmt(db, `SELECT count(*), max(id) FROM ${t}`).raw().get());
  parts.push(stmt(db, `SELECT count(*), max(id) FROM evidence WHERE affiliation_id IS NOT NULL`).raw().get());
  for (const k of settingKeys) parts.push(stmt(db, `SELECT value FROM ledger_settings WHERE key = ?`).pluck().get(k) ?? null);
  return JSON.stringify(parts);
}

export function readRuleState(db: Db): RuleState | null {
  const raw = stmt(db, `SELECT value FROM rule_state WHERE key = 'last_run'`).pluck().get() as string | undefined;
  return raw ? JSON.parse(raw) as RuleState : null;
}

export function currentMarks(db: Db): { transferHwm: number; historyHwm: number; bandHwm: number; fxHwm: number } {
  return {
    transferHwm: (stmt(db, `SELECT ifnull(max(id), 0) FROM transfers`).pluck().get() as number),
    historyHwm: (stmt(db, `SELECT ifnull(max(id), 0) FROM fact_history`).pluck().get() as number),
    bandHwm: (stmt(db, `SELECT ifnull(max(id), 0) FROM price_bands`).pluck().get() as number),
    fxHwm: (stmt(db, `SELECT ifnull(max(id), 0) FROM fx_rates`).pluck().get() as number),
  };
}

export function writeRuleState(db: Db, state: RuleState): void {
  stmt(db, `INSERT INTO rule_state (key, value) VALUES ('last_run', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(state));
}

export type ChangeSet =
  | { mode: 'full'; reason: string }
  | {
    mode: 'incremental'; transferIds: number[]; oldPairs: Array<[number, number]>;
    /** Resource keys of the price bands added, edited or removed since: their transfers are valued anew. */
    bandKeys: string[];
    /** Days of the FX rates added, edited or removed since: the transfers of the dates they serve are converted anew. */
    fxDays: string[];
  };

/**
 * The values of `column` (a band's resource key, a rate's day) that rows of `table` added, edited
 * or removed since the last run had: on a new row, and on an edited or removed one both before
 * (its history) and now (an edit may move it), sorted.
 */
function touchedValues(db: Db, table: 'price_bands' | 'fx_rates', column: 'resource_key' | 'day', hwm: number, history: Array<{ table_name: string; row_id: number; row_json: string }>): string[] {
  const values = new Set(stmt(db, `SELECT DISTINCT ${column} FROM ${table} WHERE id > ?`).pluck().all(hwm) as string[]);
  const now = stmt(db, `SELECT ${column} FROM ${table} WHERE id = ?`).pluck();
  for (const h of history) {
    if (h.table_name !== table) continue;
    values.add((JSON.parse(h.row_json) as Record<string, string>)[column]!);
    const current = now.get(h.row_id) as string | undefined;
    if (current !== undefined) values.add(current);
  }
  return [...values].sort();
}

/** What changed since the last run: a set of transfers, or a reason to run everything. */
export function changesSince(db: Db, last: RuleState | null, print: string): ChangeSet {
  if (!last) return { mode: 'full', reason: 'first run on this ledger' };
  if (last.fingerprint !== print) return { mode: 'full', reason: 'affiliations, disclosures, approvals, figures, names, settings or rule versions changed' };
  if (last.bandHwm === undefined || last.fxHwm === undefined) return { mode: 'full', reason: 'the last run did not record the price bands and FX rates it saw' };
  const history = stmt(db, `SELECT table_name, row_id, row_json FROM fact_history WHERE id > ? ORDER BY id`).all(last.historyHwm) as Array<{ table_name: string; row_id: number; row_json: string }>;
  const other = history.find((h) => !ignoredHistory.has(h.table_name) && !trackedHistory.has(h.table_name));
  if (other) return { mode: 'full', reason: `${other.table_name} were edited` };
  const ids = new Set(stmt(db, `SELECT id FROM transfers WHERE id > ?`).pluck().all(last.transferHwm) as number[]);
  const oldPairs: Array<[number, number]> = [];
  for (const h of history) {
    if (h.table_name !== 'transfers') continue;
    ids.add(h.row_id);
    const old = JSON.parse(h.row_json) as { from_id: number; to_id: number };
    oldPairs.push([old.from_id, old.to_id]);
  }
  const bandKeys = touchedValues(db, 'price_bands', 'resource_key', last.bandHwm, history);
  const fxDays = touchedValues(db, 'fx_rates', 'day', last.fxHwm, history);
  if (fxDays.length > MAX_SCOPED_FX_DAYS) return { mode: 'full', reason: `FX rates of ${fxDays.length} days changed` };
  return { mode: 'incremental', transferIds: [...ids].sort((a, b) => a - b), oldPairs, bandKeys, fxDays };
}
