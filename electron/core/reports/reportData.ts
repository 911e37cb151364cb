// Everything the audit report shows, gathered in one read of the ledger so the HTML, the CSV/XLSX
// tables and the JSON export are pure functions of it. Reading never changes the ledger.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import type { EntityRef, Evidence, Flag, TransferRow, Valuation } from '../../../shared/domain';
import type { ReportScopeInput } from '../../../shared/reportScope';
import { evidenceForTransfer, stripKey, toTransferRow, transferSelect, type TransferDbRow } from '../ledger/read';
import { listFlags, rules } from '../conflicts/flags';
import { valueTransfer } from '../valuation/priceBand';
import { convertMinor } from '../valuation/fx';
import { canonicalJson } from '../ledger/auditLog';
import { describeQuantity } from '../conflicts/describe';
import { entitiesInScope, resolveScope, scopeKey, type ResolvedScope } from './scope';
import { compareDisclosures, type DisclosureComparison } from './disclosureCheck';
import { changesSinceLastRun, REPORT_RUN_ACTION, type ReportChanges } from './reportRuns';

/** A transfer with its amount in the report's currency (null: no amount, or no rate for that day). */
export interface ReportTransfer extends TransferRow { reportingMinor: number | null }

export interface FlaggedItem {
  flag: Flag;
  regime: string;
  ruleName: string;
  transfer: ReportTransfer;
  valuation: Valuation | null;
  valuationNote: string | null;
  evidence: Evidence[];
  /** The flag's amount at stake in the report's currency. */
  atStakeReportingMinor: number | null;
}

export interface Tally { key: string; label: string; count: number; valueMinor: number }
export interface LargestItem { transferId: number; date: string; datePrecision: TransferRow['datePrecision']; from: string; to: string; what: string; valueMinor: number; rules: string[];
  /** No reported amount: valueMinor is the largest amount at stake, a market-value estimate. */
  estimated: boolean }

export interface ReportSummary {
  transferCount: number;
  transferValueMinor: number;
  /** Transfers with an amount that could not be converted (no rate), and transfers with no amount. */
  notConverted: number;
  noAmount: number;
  relatedTransferCount: number;
  flagCount: number;
  /** Reported value of the flagged transfers, each counted once: the same basis as transferValueMinor, so never above it. */
  flaggedValueMinor: number;
  /** Flagged transfers with no reported amount (or no rate), and the market-value estimate of their amount at stake: shown apart, never added to the reported figures. */
  flaggedEstimated: { count: number; valueMinor: number };
  byRule: Tally[];
  bySeverity: Tally[];
  byStatus: Tally[];
  largest: LargestItem[];
}

export interface AffiliationUsed {
  id: number; subject: EntityRef; object: EntityRef; kind: string; role: string | null;
  equityPct: number | null; votingPct: number | null; validFrom: string | null; validTo: string | null; evidence: string[];
}
export interface PriceBandUsed {
  id: number; resourceKey: string; label: string; unit: string; currency: string; lowMinor: number; baseMinor: number; highMinor: number;
  validFrom: string; validTo: string; source: string; documentId: number | null; documentName: string | null;
}
export interface FxRateUsed { base: string; quote: string; day: string; rate: string; source: string }
export interface DocumentUsed { id: number; name: string; kind: string; sha256: string | null; issuer: string | null; filedOn: string | null; addedAt: string }

export interface ReportData {
  title: string;
  author: string;
  ledgerName: string;
  appVersion: string;
  generatedAt: string;
  scope: ResolvedScope;
  scopeKey: string;
  /** The ledger as of this moment: the time of the last change recorded in the audit log. */
  asOf: string | null;
  rules: Array<{ id: string; version: number; regime: string; name: string }>;
  summary: ReportSummary;
  changes: ReportChanges;
  flagged: FlaggedItem[];
  disclosures: DisclosureComparison;
  transfers: ReportTransfer[];
  entities: Array<EntityRef & { jurisdiction: string | null }>;
  affiliations: AffiliationUsed[];
  priceBands: PriceBandUsed[];
  fxRates: FxRateUsed[];
  documents: DocumentUsed[];
  /** SHA-256 over the ledger content the report rests on: same state and scope, same hash. */
  stateHash: string;
  /** The audit log's last change to the ledger (report runs aside): `armslength verify` walks the same chain. */
  auditHead: { seq: number; hash: string; at: string } | null;
}

export interface GatherOptions {
  scope?: ReportScopeInput;
  ledgerName: string;
  appVersion: string;
  now?: Date;
}


export function reportAuditHead(db: Db): { seq: number; hash: string; at: string } | null {
  return (db.prepare(`SELECT seq, hash, at FROM audit_log WHERE action <> ? ORDER BY seq DESC LIMIT 1`).get(REPORT_RUN_ACTION) as
    { seq: number; hash: string; at: string } | undefined) ?? null;
}

const severityRank = { high: 0, medium: 1, low: 2 } as const;

/** Converts amounts into the report's currency, one rate lookup per currency and day, and remembers the rates used. */
class Converter {
  private readonly cache = new Map<string, number | null>();
  readonly used = new Map<string, FxRateUsed>();
  constructor(private readonly db: Db, readonly to: string) {}
  convert(minor: number | null, from: string | null, day: string): number | null {
    if (minor === null || from === null) return null;
    if (from === this.to) return minor;
    try {
      const c = convertMinor(this.db, minor, from, this.to, day);
      for (const l of c.legs) this.used.set(`${l.base}|${l.quote}|${l.day}|${l.source}`, { base: l.base, quote: l.quote, day: l.day, rate: (l.rateMicro / 1e6).toString(), source: l.source });
      return c.minor;
    } catch {
      return null; // no rate for that day: counted as not converted, never guessed
    }
  }
}

function scopedTransfers(db: Db, scope: ResolvedScope, entities: Set<number> | null): TransferDbRow[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (entities) {
    where.push(`(t.from_id IN (SELECT value FROM json_each(@ents)) OR t.to_id IN (SELECT value FROM json_each(@ents)) OR t.intended_for_id IN (SELECT value FROM json_each(@ents)))`);
    params.ents = JSON.stringify([...entities]);
  }
  if (scope.from) { where.push(`t.occurred_on >= @from`); params.from = scope.from; }
  if (scope.to) { where.push(`t.occurred_on <= @to`); params.to = scope.to; }
  return db.prepare(`${transferSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.occurred_on, t.id`).all(params) as TransferDbRow[];
}

function tally(items: FlaggedItem[], keyOf: (f: FlaggedItem) => string, labelOf: (f: FlaggedItem) => string, order: (a: Tally, b: Tally) => number): Tally[] {
  const byKey = new Map<string, { t: Tally; transfers: Set<number> }>();
  for (const f of items) {
    const key = keyOf(f);
    let e = byKey.get(key);
    if (!e) { e = { t: { key, label: labelOf(f), count: 0, valueMinor: 0 }, transfers: new Set() }; byKey.set(key, e); }
    e.t.count++;
    // Several flags of one group on one transfer count its value once; reported amounts only, like the totals.
    if (!e.transfers.has(f.transfer.id)) { e.transfers.add(f.transfer.id); e.t.valueMinor += f.transfer.reportingMinor ?? 0; }
  }
  return [...byKey.values()].map((e) => e.t).sort(order);
}

export function gatherReportData(db: Db, opts: GatherOptions): ReportData {
  const scope = resolveScope(db, opts.scope);
  const key = scopeKey(scope);
  const entitySet = entitiesInScope(db, scope);
  const fx = new Converter(db, scope.currency);
  const rows = scopedTransfers(db, scope, entitySet);
  const resourceKeys = new Set<string>();
  const byId = new Map<number, { row: ReturnType<typeof toTransferRow>; report: ReportTransfer }>();
  const transfers: ReportTransfer[] = rows.map((r) => {
    const row = toTransferRow(r);
    if (row.resourceKey) resourceKeys.add(row.resourceKey);
    const report: ReportTransfer = { ...stripKey(row), reportingMinor: fx.convert(row.amountMinor, row.currency, row.date) };
    byId.set(row.id, { row, report });
    return report;
  });

  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const flagged: FlaggedItem[] = listFlags(db)
    .filter((f) => byId.has(f.transferId) && f.status !== 'dismissed' && (scope.flags === 'all' || f.status === 'confirmed'))
    .map((flag) => ({ flag, regime: flag.regime ?? ruleById.get(flag.ruleId)?.regime ?? 'general' }))
    .filter(({ regime }) => scope.regimes.length === 0 || (scope.regimes as string[]).includes(regime))
    .map(({ flag, regime }) => {
      const { row, report } = byId.get(flag.transferId)!;
      const value = valueTransfer(db, row);
      return {
        flag, regime, ruleName: ruleById.get(flag.ruleId)?.name ?? flag.ruleId, transfer: report,
        valuation: value.valuation, valuationNote: value.note, evidence: evidenceForTransfer(db, row.id),
        atStakeReportingMinor: fx.convert(flag.atStakeMinor, flag.atStakeCurrency, row.date),
      };
    });

  // Executive summary.
  const relatedIds = new Set(flagged.map((f) => f.transfer.id));
  const ruleLabel = (f: FlaggedItem) => `${f.flag.ruleId} v${f.flag.ruleVersion}`;
  const largest: LargestItem[] = [...relatedIds]
    .map((id) => byId.get(id)!.report)
    .map((t) => ({ t, value: t.reportingMinor ?? Math.max(0, ...flagged.filter((f) => f.transfer.id === t.id).map((f) => f.atStakeReportingMinor ?? 0)) }))
    .sort((a, b) => b.value - a.value || a.t.id - b.t.id)
    .slice(0, 10)
    .map(({ t, value }) => ({
      transferId: t.id, date: t.date, datePrecision: t.datePrecision, from: t.from.name, to: t.to.name, what: describeQuantity({ quantity: t.quantity, unit: t.unit, resource: t.resource }),
      valueMinor: value, rules: [...new Set(flagged.filter((f) => f.transfer.id === t.id).map((f) => f.flag.ruleId))], estimated: t.reportingMinor === null,
    }));
  const summary: ReportSummary = {
    transferCount: transfers.length,
    transferValueMinor: transfers.reduce((s, t) => s + (t.reportingMinor ?? 0), 0),
    notConverted: transfers.filter((t) => t.amountMinor !== null && t.reportingMinor === null).length,
    noAmount: transfers.filter((t) => t.amountMinor === null).length,
    relatedTransferCount: relatedIds.size,
    flagCount: flagged.length,
    flaggedValueMinor: [...relatedIds].reduce((s, id) => s + (byId.get(id)!.report.reportingMinor ?? 0), 0),
    flaggedEstimated: estimatesWithoutAmount(flagged, [...relatedIds].map((id) => byId.get(id)!.report)),
    byRule: tally(flagged, ruleLabel, (f) => f.ruleName, (a, b) => b.valueMinor - a.valueMinor || a.key.localeCompare(b.key)),
    bySeverity: tally(flagged, (f) => f.flag.severity, (f) => f.flag.severity, (a, b) => severityRank[a.key as keyof typeof severityRank] - severityRank[b.key as keyof typeof severityRank]),
    byStatus: tally(flagged, (f) => f.flag.status, (f) => f.flag.status, (a, b) => a.key.localeCompare(b.key)),
    largest,
  };

  // Appendices: what the flags and transfers rest on.
  const affiliationIds = new Set(flagged.flatMap((f) => f.flag.paths.flat().map((e) => e.affiliationId)));
  const affiliations = affiliationsUsed(db, [...affiliationIds].sort((a, b) => a - b));
  const entityRefs = new Map<number, EntityRef>();
  for (const t of transfers) for (const e of [t.from, t.to, t.intendedFor]) if (e) entityRefs.set(e.id, e);
  for (const a of affiliations) { entityRefs.set(a.subject.id, a.subject); entityRefs.set(a.object.id, a.object); }
  const jurisdiction = db.prepare(`SELECT jurisdiction FROM entities WHERE id = ?`).pluck();
  const entities = [...entityRefs.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
    .map((e) => ({ ...e, jurisdiction: (jurisdiction.get(e.id) as string | null | undefined) ?? null }));
  const priceBands = priceBandsUsed(db, [...resourceKeys].sort());
  const disclosures = compareDisclosures(db, { scope, entities: entitySet, transfers, related: relatedIds });
  const documentIds = new Set<number>();
  for (const f of flagged) for (const e of [...f.evidence, ...f.flag.paths.flat().flatMap((p) => p.evidence), ...f.flag.checklist.flatMap((c) => c.evidence)]) documentIds.add(e.document.id);
  for (const b of priceBands) if (b.documentId !== null) documentIds.add(b.documentId);
  for (const d of disclosures.documentIds) documentIds.add(d);
  for (const id of db.prepare(`SELECT DISTINCT b.document_id FROM transfers t JOIN import_batches b ON b.id = t.batch_id WHERE t.id IN (SELECT value FROM json_each(?))`)
    .pluck().all(JSON.stringify(transfers.map((t) => t.id))) as number[]) documentIds.add(id);
  const documents = documentsUsed(db, [...documentIds].sort((a, b) => a - b));
  const fxRates = [...fx.used.values()].sort((a, b) => a.day.localeCompare(b.day) || a.quote.localeCompare(b.quote) || a.source.localeCompare(b.source));

  const stateHash = createHash('sha256').update(canonicalJson({
    scopeKey: key, transfers, flags: flagged.map((f) => f.flag), affiliations, priceBands, fxRates, disclosures: disclosures.rows, documents,
  })).digest('hex');
  const data: Omit<ReportData, 'changes'> = {
    title: scope.title || (scope.language === 'de' ? 'Prüfbericht zu Transaktionen mit nahestehenden Parteien' : 'Related-party transfer audit'),
    author: scope.author,
    ledgerName: opts.ledgerName,
    appVersion: opts.appVersion,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    scope,
    scopeKey: key,
    asOf: reportAuditHead(db)?.at ?? null,
    rules: rules.map((r) => ({ id: r.id, version: r.version, regime: r.regime, name: r.name })),
    summary, flagged, disclosures, transfers, entities, affiliations, priceBands, fxRates, documents, stateHash,
    auditHead: reportAuditHead(db),
  };
  return { ...data, changes: changesSinceLastRun(db, data) };
}

/** Flagged transfers without a reported amount in the report's currency, valued by their largest amount at stake (a market-value estimate). */
function estimatesWithoutAmount(flagged: FlaggedItem[], related: ReportTransfer[]): { count: number; valueMinor: number } {
  const unpriced = related.filter((t) => t.reportingMinor === null);
  const valueMinor = unpriced.reduce((s, t) => s + Math.max(0, ...flagged.filter((f) => f.transfer.id === t.id).map((f) => f.atStakeReportingMinor ?? 0)), 0);
  return { count: unpriced.length, valueMinor };
}

interface AffDbRow { id: number; subject_id: number; s_name: string; s_kind: EntityRef['kind']; object_id: number; o_name: string; o_kind: EntityRef['kind'];
  kind: string; role: string | null; equity_pct: number | null; voting_pct: number | null; valid_from: string | null; valid_to: string | null }

function affiliationsUsed(db: Db, ids: number[]): AffiliationUsed[] {
  const rows = db.prepare(`SELECT a.id, a.subject_id, s.name AS s_name, s.kind AS s_kind, a.object_id, o.name AS o_name, o.kind AS o_kind,
      a.kind, a.role, a.equity_pct, a.voting_pct, a.valid_from, a.valid_to
    FROM affiliations a JOIN entities s ON s.id = a.subject_id JOIN entities o ON o.id = a.object_id
    WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id`).all(JSON.stringify(ids)) as AffDbRow[];
  const ev = db.prepare(`SELECT d.name || ' (' || e.locator || ')' FROM evidence e JOIN documents d ON d.id = e.document_id WHERE e.affiliation_id = ? ORDER BY e.id`).pluck();
  return rows.map((r) => ({
    id: r.id, subject: { id: r.subject_id, name: r.s_name, kind: r.s_kind }, object: { id: r.object_id, name: r.o_name, kind: r.o_kind },
    kind: r.kind, role: r.role, equityPct: r.equity_pct, votingPct: r.voting_pct, validFrom: r.valid_from, validTo: r.valid_to,
    evidence: ev.all(r.id) as string[],
  }));
}

function priceBandsUsed(db: Db, keys: string[]): PriceBandUsed[] {
  return db.prepare(`SELECT p.id, p.resource_key AS resourceKey, p.label, p.unit, p.currency, p.low_minor AS lowMinor, p.base_minor AS baseMinor,
      p.high_minor AS highMinor, p.valid_from AS validFrom, p.valid_to AS validTo, p.source, p.document_id AS documentId, d.name AS documentName
    FROM price_bands p LEFT JOIN documents d ON d.id = p.document_id
    WHERE p.resource_key IN (SELECT value FROM json_each(?)) ORDER BY p.resource_key, p.valid_from, p.id`).all(JSON.stringify(keys)) as PriceBandUsed[];
}

function documentsUsed(db: Db, ids: number[]): DocumentUsed[] {
  return db.prepare(`SELECT id, name, kind, sha256, issuer, filed_on AS filedOn, added_at AS addedAt FROM documents
    WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name, id`).all(JSON.stringify(ids)) as DocumentUsed[];
}
