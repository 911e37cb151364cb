// Running the rules over the ledger and storing their flags. A flag is keyed by (rule, transfer),
// so re-running updates its text and keeps the reviewer's decision. A run is set-based: SQL picks
// the transfers whose sides may be related (candidates.ts) and only those are evaluated here; a
// later run evaluates only the transfers added or edited since (ruleState.ts), unless some other
// input changed.
import type { Db } from '../db/open';
import type { Flag } from '../../../shared/domain';
import { AppError } from '../errors';
import { appendAudit } from '../ledger/auditLog';
import { readSettings } from '../ledger/settings';
import type { TransferWithKey } from '../ledger/read';
import { loadTransfers } from './ruleTransfers';
import { valueTransfer } from '../valuation/priceBand';
import { ControlGraph } from './controlGraph';
import type { Rule, RuleContext } from './ruleContext';
import { findRelation, sharesHolder } from './relation';
import { commonControlRule } from './rules/commonControl';
import { interlockRule } from './rules/interlock';
import { offMarketRule } from './rules/offMarket';
import { corporateOpportunityRule } from './rules/corporateOpportunity';
import { missingApprovalRule, sk404ThresholdRule } from './rules/sk404';
import { aktgRule } from './rules/aktg';
import { undisclosedRule } from './rules/undisclosed';
import { roundTripRule } from './rules/roundTrip';
import { ias24MaterialRule } from './rules/ias24';
import { readRuleProfile, type RuleProfile } from './profile';
import { collectCandidates, type CandidateStats } from './candidates';
import { changesSince, currentMarks, fingerprint, readRuleState, writeRuleState } from './ruleState';
import { stmt } from './stmtCache';
import { FlagWriter, type StoredDraft } from './flagWriter';
import { flagPathsColumn, flagPathsJoin } from './flagPaths';
import { inRunScope, knowDirectedPairs } from './runScope';

export const rules: Rule[] = [commonControlRule, interlockRule, corporateOpportunityRule, offMarketRule, sk404ThresholdRule, missingApprovalRule, undisclosedRule, aktgRule, roundTripRule, ias24MaterialRule];
const ruleVersions = rules.map((r) => `${r.id}@${r.version}`).join(',');

interface FlagDbRow {
  id: number; rule_id: string; rule_version: number; transfer_id: number; severity: Flag['severity']; title: string; summary: string;
  paths_text: string; at_stake_minor: number | null; at_stake_currency: string | null; status: Flag['status']; status_reason: string | null;
  status_by: string | null; status_changed_at: string | null; regime: string | null; checklist_json: string | null;
}

/** Every column of a flag, and its paths JSON wherever it is stored (flagPaths.ts). */
const flagSelect = `SELECT f.*, ${flagPathsColumn} AS paths_text FROM flags f ${flagPathsJoin}`;

function toFlag(r: FlagDbRow): Flag {
  return {
    id: r.id, ruleId: r.rule_id, ruleVersion: r.rule_version, transferId: r.transfer_id, severity: r.severity, title: r.title,
    summary: r.summary, paths: JSON.parse(r.paths_text) as Flag['paths'], atStakeMinor: r.at_stake_minor,
    atStakeCurrency: r.at_stake_currency, status: r.status, statusReason: r.status_reason,
    statusBy: r.status_by, statusChangedAt: r.status_changed_at, regime: r.regime,
    checklist: r.checklist_json ? JSON.parse(r.checklist_json) as Flag['checklist'] : [],
  };
}

export type { StoredDraft } from './flagWriter';

export function evaluateTransfer(db: Db, graph: ControlGraph, t: TransferWithKey, profile: RuleProfile = readRuleProfile(db)): StoredDraft[] {
  const value = valueTransfer(db, t);
  const atStake = t.amountMinor !== null ? { minor: t.amountMinor, currency: t.currency! }
    : value.valuation ? { minor: value.valuation.baseMinor, currency: value.valuation.currency } : null;
  const ctx: RuleContext = { db, graph, transfer: t, value, relation: findRelation(graph, t), atStake, thresholds: profile.thresholds };
  // Nothing but corporate opportunity (which asks about the intended party) applies between unrelated sides.
  if (!ctx.relation && !t.intendedFor) return [];
  const drafts: StoredDraft[] = [];
  for (const r of rules) {
    if (!profile.regimes.includes(r.regime)) continue;
    const d = r.evaluate(ctx);
    if (d) drafts.push({ ...d, regime: r.regime });
  }
  return drafts;
}

export interface RunResult {
  created: number; updated: number; removed: number; total: number;
  /** full: every candidate transfer; incremental: only those added or edited since the last run. */
  mode: 'full' | 'incremental';
  reason: string;
  evaluated: number;
  candidates?: CandidateStats;
  /** Where the time went, in ms: picking the transfers to evaluate, evaluating them, writing flags and state. */
  phasesMs: { select: number; evaluate: number; write: number };
}

/** Every transfer between the same two parties (either direction): aggregation and round trips look across them. */
function samePairIds(db: Db, a: number, b: number): number[] {
  return stmt(db, `SELECT id FROM transfers WHERE from_id = ? AND to_id = ? UNION SELECT id FROM transfers WHERE from_id = ? AND to_id = ?`).pluck().all(a, b, b, a) as number[];
}

/**
 * Run the rules. By default only what changed since the last run is evaluated (a full run when
 * anything but transfers changed); `{ full: true }` forces a full run. Deterministic: the same
 * ledger gives the same flags whichever way it is reached.
 */
export function runRules(db: Db, options: { full?: boolean } = {}): RunResult {
  return db.transaction((): RunResult => inRunScope(db, () => {
    const started = performance.now();
    const profile = readRuleProfile(db);
    const print = fingerprint(db, ruleVersions);
    const marks = currentMarks(db);
    const change = options.full ? { mode: 'full' as const, reason: 'asked for a full run' } : changesSince(db, readRuleState(db), print);
    const graph = new ControlGraph(db);
    graph.preloadEvidence();
    let candidates: CandidateStats | undefined;
    db.exec(`DROP TABLE IF EXISTS temp.rule_eval; CREATE TEMP TABLE rule_eval (id INTEGER PRIMARY KEY)`);
    if (change.mode === 'full') {
      candidates = collectCandidates(db);
      db.exec(`INSERT INTO temp.rule_eval (id) SELECT id FROM temp.rule_candidates`);
    } else {
      // New or edited transfers, those valued with a changed price band or converted with a
      // changed FX rate when their sides may be related, and the others between the same parties
      // when they are related.
      const ins = stmt(db, `INSERT OR IGNORE INTO temp.rule_eval (id) VALUES (?)`);
      for (const id of change.transferIds) ins.run(id);
      if (change.bandKeys.length > 0 || change.fxDays.length > 0) {
        collectCandidates(db, { resourceKeys: change.bandKeys, fxDays: change.fxDays });
        db.exec(`INSERT OR IGNORE INTO temp.rule_eval (id) SELECT id FROM temp.rule_candidates`);
      }
      const ids = new Set(stmt(db, `SELECT id FROM temp.rule_eval`).pluck().all() as number[]);
      const pairs = new Set<string>();
      const dirty = loadTransfers(db, 'temp.rule_eval');
      graph.preload(dirty.flatMap((t) => [t.from.id, t.to.id]));
      for (const t of dirty) {
        if (findRelation(graph, t)) pairs.add(`${Math.min(t.from.id, t.to.id)}:${Math.max(t.from.id, t.to.id)}`);
      }
      for (const [a, b] of change.oldPairs) pairs.add(`${Math.min(a, b)}:${Math.max(a, b)}`);
      for (const p of pairs) {
        const [a, b] = p.split(':').map(Number) as [number, number];
        for (const id of samePairIds(db, a, b)) if (!ids.has(id)) { ids.add(id); ins.run(id); }
      }
    }
    const transfers = loadTransfers(db, 'temp.rule_eval');
    // Related parties share a group, so a full run holds every transfer between them, either way.
    if (change.mode === 'full') knowDirectedPairs(db, transfers.map((t) => [t.from.id, t.to.id] as const));
    graph.preload(transfers.flatMap((t) => (t.intendedFor ? [t.from.id, t.to.id, t.intendedFor.id] : [t.from.id, t.to.id])));
    // Officers are read where nobody controls both sides (an interlock may), and for corporate opportunity's intended party.
    graph.preloadRoles(transfers.flatMap((t) => [
      ...(sharesHolder(graph, t) ? [] : [t.from.id, t.to.id]),
      ...(t.intendedFor && !sharesHolder(graph, { ...t, from: t.intendedFor }) ? [t.intendedFor.id, t.to.id] : []),
    ]));
    const selected = performance.now();
    const writer = new FlagWriter(db, change.mode === 'full' ? 'all' : 'rule_eval');
    let evaluateMs = 0;
    for (const t of transfers) {
      const t0 = performance.now();
      const drafts = evaluateTransfer(db, graph, t, profile);
      evaluateMs += performance.now() - t0;
      for (const draft of drafts) writer.write(draft);
    }
    // A flag whose condition no longer holds goes, unless a person has reviewed it.
    writer.finish();
    writeRuleState(db, { ...marks, historyHwm: currentMarks(db).historyHwm, fingerprint: print });
    const total = stmt(db, `SELECT count(*) FROM flags`).pluck().get() as number;
    const { created, updated, removed } = writer;
    const reason = change.mode === 'full' ? change.reason : `${transfers.length} transfers added or edited since the last run, `
      + `${change.bandKeys.length > 0 ? `valued with a changed price band (${change.bandKeys.join(', ')}), ` : ''}`
      + `${change.fxDays.length > 0 ? `converted with a changed FX rate (${change.fxDays.length === 1 ? change.fxDays[0] : `${change.fxDays.length} days, ${change.fxDays[0]} to ${change.fxDays.at(-1)}`}), ` : ''}or between the same parties`;
    return { created, updated, removed, total, mode: change.mode, reason,
      evaluated: transfers.length, candidates,
      phasesMs: { select: Math.round(selected - started), evaluate: Math.round(evaluateMs), write: Math.round(performance.now() - selected - evaluateMs) } };
  }))();
}

export function flagsForTransfer(db: Db, transferId: number): Flag[] {
  return (db.prepare(`${flagSelect} WHERE f.transfer_id = ? ORDER BY f.id`).all(transferId) as FlagDbRow[]).map(toFlag);
}

/** One flag in full (the flag's page on the board). */
export function getFlag(db: Db, id: number): Flag {
  const row = db.prepare(`${flagSelect} WHERE f.id = ?`).get(id) as FlagDbRow | undefined;
  if (!row) throw new AppError('not_found', `No flag with id ${id}`);
  return toFlag(row);
}

const severityOrder = `CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;

export function listFlags(db: Db): Flag[] {
  return (db.prepare(`${flagSelect} ORDER BY ${severityOrder}, ifnull(f.at_stake_minor, 0) DESC, f.id`).all() as FlagDbRow[]).map(toFlag);
}

/** Set a flag's review state; `by` defaults to the reviewer named in the ledger's settings. */
export function reviewFlag(db: Db, id: number, status: Flag['status'], reason: string, by?: string): Flag {
  if (status === 'dismissed' && reason.trim() === '') {
    throw new AppError('invalid_input', 'Dismissing a flag needs a reason (field "reason").');
  }
  return db.transaction(() => {
    const before = db.prepare(`${flagSelect} WHERE f.id = ?`).get(id) as FlagDbRow | undefined;
    if (!before) throw new AppError('not_found', `No flag with id ${id}`);
    const reviewer = by?.trim() || readSettings(db).reviewerName;
    db.prepare(`UPDATE flags SET status = ?, status_reason = ?, status_by = ?, status_changed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)
      .run(status, reason.trim() || null, reviewer, id);
    appendAudit(db, {
      action: 'flag.review', actor: reviewer,
      summary: `${status === 'open' ? 'reopened' : status} flag ${id} (${before.rule_id} on transfer ${before.transfer_id})${reason.trim() ? `: ${reason.trim()}` : ''}`,
      details: { flagId: id, ruleId: before.rule_id, ruleVersion: before.rule_version, transferId: before.transfer_id, from: before.status, to: status, reason: reason.trim(), by: reviewer },
    });
    return toFlag(db.prepare(`${flagSelect} WHERE f.id = ?`).get(id) as FlagDbRow);
  })();
}
