// Report runs: each generated report leaves its scope key, state hash and a summary (flags with
// their review state and amounts, totals) in report_runs, so the next report of the same scope
// can say what changed. Recording a run adds an audit entry but changes no fact of the ledger.
import type { Db } from '../db/open';
import type { Flag } from '../../../shared/domain';
import { appendAudit, canonicalJson } from '../ledger/auditLog';
import type { ReportData } from './reportData';

/** Report runs are recorded in the audit log but change no fact: the report's audit head is the last entry before them. */
export const REPORT_RUN_ACTION = 'report.generate';

export interface RunFlag { id: number; ruleId: string; transferId: number; title: string; status: Flag['status']; valueMinor: number | null }
export interface RunTotals { currency: string; transferCount: number; transferValueMinor: number; flagCount: number; flaggedValueMinor: number }
export interface RunSummary { flags: RunFlag[]; totals: RunTotals }

export interface ReportChanges {
  /** The last earlier run of the same scope that rested on a different ledger state; null if none. */
  previous: { id: number; generatedAt: string; stateHash: string } | null;
  added: RunFlag[];
  removed: RunFlag[];
  decisions: Array<RunFlag & { before: Flag['status'] }>;
  amounts: Array<RunFlag & { beforeMinor: number | null }>;
  totals: { before: RunTotals; after: RunTotals } | null;
}

export function runSummary(d: Pick<ReportData, 'flagged' | 'summary' | 'scope'>): RunSummary {
  return {
    flags: d.flagged.map((f) => ({ id: f.flag.id, ruleId: f.flag.ruleId, transferId: f.flag.transferId, title: f.flag.title, status: f.flag.status, valueMinor: f.atStakeReportingMinor })),
    totals: {
      currency: d.scope.currency, transferCount: d.summary.transferCount, transferValueMinor: d.summary.transferValueMinor,
      flagCount: d.summary.flagCount, flaggedValueMinor: d.summary.flaggedValueMinor,
    },
  };
}

/**
 * Compare with the latest earlier run of this scope whose ledger state differs: regenerating
 * from an unchanged ledger then shows the same changes again, so the same state gives the same report.
 */
export function changesSinceLastRun(db: Db, d: Pick<ReportData, 'flagged' | 'summary' | 'scope' | 'scopeKey' | 'stateHash'>): ReportChanges {
  const prev = db.prepare(`SELECT id, generated_at AS generatedAt, state_hash AS stateHash, summary_json AS summaryJson FROM report_runs
    WHERE scope_key = ? AND state_hash <> ? ORDER BY id DESC LIMIT 1`).get(d.scopeKey, d.stateHash) as
    { id: number; generatedAt: string; stateHash: string; summaryJson: string } | undefined;
  if (!prev) return { previous: null, added: [], removed: [], decisions: [], amounts: [], totals: null };
  const before = JSON.parse(prev.summaryJson) as RunSummary;
  const now = runSummary(d);
  const old = new Map(before.flags.map((f) => [f.id, f]));
  const cur = new Map(now.flags.map((f) => [f.id, f]));
  return {
    previous: { id: prev.id, generatedAt: prev.generatedAt, stateHash: prev.stateHash },
    added: now.flags.filter((f) => !old.has(f.id)),
    removed: before.flags.filter((f) => !cur.has(f.id)),
    decisions: now.flags.filter((f) => old.has(f.id) && old.get(f.id)!.status !== f.status).map((f) => ({ ...f, before: old.get(f.id)!.status })),
    amounts: now.flags.filter((f) => old.has(f.id) && old.get(f.id)!.valueMinor !== f.valueMinor).map((f) => ({ ...f, beforeMinor: old.get(f.id)!.valueMinor })),
    totals: { before: before.totals, after: now.totals },
  };
}

/** Store the run and say so in the audit log, in one transaction. */
export function recordReportRun(db: Db, d: ReportData, output: { format: string; pages: number | null }): number {
  return db.transaction(() => {
    const id = Number(db.prepare(`INSERT INTO report_runs (scope_key, scope_json, state_hash, summary_json, generated_at) VALUES (?, ?, ?, ?, ?)`)
      .run(d.scopeKey, canonicalJson(d.scope), d.stateHash, canonicalJson(runSummary(d)), d.generatedAt).lastInsertRowid);
    appendAudit(db, {
      action: REPORT_RUN_ACTION,
      summary: `generated report "${d.title}" (${output.format}${output.pages ? `, ${output.pages} pages` : ''}): ${d.summary.flagCount} flags, state ${d.stateHash.slice(0, 12)}`,
      details: { runId: id, scopeKey: d.scopeKey, stateHash: d.stateHash, format: output.format, pages: output.pages },
    });
    return id;
  })();
}
