// Running the rules over the ledger and storing their flags. A flag is keyed by (rule, transfer),
// so re-running updates its text and keeps the reviewer's decision.
import type { Db } from '../db/open';
import type { Flag } from '../../../shared/domain';
import { AppError } from '../errors';
import { appendAudit } from '../ledger/auditLog';
import { getTransfer, type TransferWithKey } from '../ledger/read';
import { valueTransfer } from '../valuation/priceBand';
import { ControlGraph } from './controlGraph';
import type { FlagDraft, Rule, RuleContext } from './ruleContext';
import { findRelation } from './relation';
import { commonControlRule } from './rules/commonControl';
import { interlockRule } from './rules/interlock';
import { offMarketRule } from './rules/offMarket';
import { corporateOpportunityRule } from './rules/corporateOpportunity';
import { missingApprovalRule, sk404ThresholdRule } from './rules/sk404';
import { aktgRule } from './rules/aktg';
import { undisclosedRule } from './rules/undisclosed';

export const rules: Rule[] = [commonControlRule, interlockRule, corporateOpportunityRule, offMarketRule, sk404ThresholdRule, missingApprovalRule, undisclosedRule, aktgRule];

interface FlagDbRow {
  id: number; rule_id: string; rule_version: number; transfer_id: number; severity: Flag['severity']; title: string; summary: string;
  paths_json: string; at_stake_minor: number | null; at_stake_currency: string | null; status: Flag['status']; status_reason: string | null;
  status_by: string | null; status_changed_at: string | null; regime: string | null; checklist_json: string | null;
}

function toFlag(r: FlagDbRow): Flag {
  return {
    id: r.id, ruleId: r.rule_id, ruleVersion: r.rule_version, transferId: r.transfer_id, severity: r.severity, title: r.title,
    summary: r.summary, paths: JSON.parse(r.paths_json) as Flag['paths'], atStakeMinor: r.at_stake_minor,
    atStakeCurrency: r.at_stake_currency, status: r.status, statusReason: r.status_reason,
    statusBy: r.status_by, statusChangedAt: r.status_changed_at, regime: r.regime,
    checklist: r.checklist_json ? JSON.parse(r.checklist_json) as Flag['checklist'] : [],
  };
}

export function evaluateTransfer(db: Db, graph: ControlGraph, t: TransferWithKey): FlagDraft[] {
  const value = valueTransfer(db, t);
  const atStake = t.amountMinor !== null ? { minor: t.amountMinor, currency: t.currency! }
    : value.valuation ? { minor: value.valuation.baseMinor, currency: value.valuation.currency } : null;
  const ctx: RuleContext = { db, graph, transfer: t, value, relation: findRelation(graph, t), atStake };
  return rules.map((r) => r.evaluate(ctx)).filter((f): f is FlagDraft => f !== null);
}

export function runRules(db: Db): { created: number; updated: number; removed: number; total: number } {
  const graph = new ControlGraph(db);
  // Only parties that appear in some affiliation can be under common control: skip the rest in SQL.
  const ids = db.prepare(`
    WITH involved AS (SELECT subject_id AS id FROM affiliations UNION SELECT object_id FROM affiliations)
    SELECT id FROM transfers WHERE (from_id IN involved OR intended_for_id IN involved) AND to_id IN involved ORDER BY id`).pluck().all() as number[];
  const existing = db.prepare(`SELECT id FROM flags WHERE rule_id = ? AND transfer_id = ?`).pluck();
  const insert = db.prepare(`INSERT INTO flags (rule_id, rule_version, transfer_id, severity, title, summary, paths_json, at_stake_minor, at_stake_currency)
    VALUES (@ruleId, @ruleVersion, @transferId, @severity, @title, @summary, @paths, @atStakeMinor, @atStakeCurrency)`);
  const update = db.prepare(`UPDATE flags SET rule_version = @ruleVersion, severity = @severity, title = @title, summary = @summary,
    paths_json = @paths, at_stake_minor = @atStakeMinor, at_stake_currency = @atStakeCurrency,
    computed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = @id`);
  let created = 0;
  let updated = 0;
  return db.transaction(() => {
    const kept = new Set<number>();
    for (const id of ids) {
      for (const draft of evaluateTransfer(db, graph, getTransfer(db, id))) {
        const row = { ...draft, paths: JSON.stringify(draft.paths) };
        const found = existing.get(draft.ruleId, draft.transferId) as number | undefined;
        if (found === undefined) {
          kept.add(Number(insert.run(row).lastInsertRowid));
          created++;
        } else {
          update.run({ ...row, id: found });
          kept.add(found);
          updated++;
        }
      }
    }
    // A flag whose condition no longer holds goes, unless a person has reviewed it.
    const stale = (db.prepare(`SELECT id FROM flags WHERE status = 'open'`).pluck().all() as number[]).filter((id) => !kept.has(id));
    const del = db.prepare(`DELETE FROM flags WHERE id = ?`);
    for (const id of stale) del.run(id);
    const total = (db.prepare(`SELECT count(*) FROM flags`).pluck().get() as number);
    return { created, updated, removed: stale.length, total };
  })();
}

export function flagsForTransfer(db: Db, transferId: number): Flag[] {
  return (db.prepare(`SELECT * FROM flags WHERE transfer_id = ? ORDER BY id`).all(transferId) as FlagDbRow[]).map(toFlag);
}

const severityOrder = `CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;

export function listFlags(db: Db): Flag[] {
  return (db.prepare(`SELECT * FROM flags ORDER BY ${severityOrder}, ifnull(at_stake_minor, 0) DESC, id`).all() as FlagDbRow[]).map(toFlag);
}

export function reviewFlag(db: Db, id: number, status: Flag['status'], reason: string): Flag {
  if (status === 'dismissed' && reason.trim() === '') {
    throw new AppError('invalid_input', 'Dismissing a flag needs a reason (field "reason").');
  }
  return db.transaction(() => {
    const before = db.prepare(`SELECT * FROM flags WHERE id = ?`).get(id) as FlagDbRow | undefined;
    if (!before) throw new AppError('not_found', `No flag with id ${id}`);
    db.prepare(`UPDATE flags SET status = ?, status_reason = ?, status_changed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)
      .run(status, reason.trim() || null, id);
    appendAudit(db, {
      action: 'flag.review',
      summary: `${status === 'open' ? 'reopened' : status} flag ${id} (${before.rule_id} on transfer ${before.transfer_id})${reason.trim() ? `: ${reason.trim()}` : ''}`,
      details: { flagId: id, ruleId: before.rule_id, ruleVersion: before.rule_version, transferId: before.transfer_id, from: before.status, to: status, reason: reason.trim() },
    });
    return toFlag(db.prepare(`SELECT * FROM flags WHERE id = ?`).get(id) as FlagDbRow);
  })();
}
