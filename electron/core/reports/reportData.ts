// Everything the audit report shows, gathered in one pass so the HTML is a pure function of it.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import type { Evidence, Flag, TransferRow, Valuation } from '../../../shared/domain';
import { allTransfers, evidenceForTransfer, stripKey } from '../ledger/read';
import { listFlags, rules } from '../conflicts/flags';
import { valueTransfer } from '../valuation/priceBand';
import { auditHead } from '../ledger/auditLog';

export interface FlaggedItem {
  flag: Flag;
  transfer: TransferRow;
  valuation: Valuation | null;
  valuationNote: string | null;
  evidence: Evidence[];
}

export interface ReportData {
  title: string;
  ledgerName: string;
  appVersion: string;
  generatedAt: string;
  rules: Array<{ id: string; version: number; regime: string; name: string }>;
  transfers: TransferRow[];
  flagged: FlaggedItem[];
  /** SHA-256 over the ledger content the report rests on: same state, same hash. */
  stateHash: string;
  /** The audit log's last entry when the report was made: `armslength verify` shows the same. */
  auditHead: { seq: number; hash: string } | null;
}

export function gatherReportData(db: Db, opts: { title?: string; ledgerName: string; appVersion: string; now?: Date }): ReportData {
  const transfersWithKeys = allTransfers(db);
  const byId = new Map(transfersWithKeys.map((t) => [t.id, t]));
  const flagged = listFlags(db)
    .filter((f) => f.status !== 'dismissed')
    .map((flag) => {
      const t = byId.get(flag.transferId)!;
      const value = valueTransfer(db, t);
      return { flag, transfer: stripKey(t), valuation: value.valuation, valuationNote: value.note, evidence: evidenceForTransfer(db, t.id) };
    });
  const transfers = transfersWithKeys.map(stripKey);
  const affiliations = db.prepare(`SELECT * FROM affiliations ORDER BY id`).all();
  const bands = db.prepare(`SELECT * FROM price_bands ORDER BY id`).all();
  const stateHash = createHash('sha256')
    .update(JSON.stringify({ transfers, affiliations, bands, flags: flagged.map((f) => f.flag) }))
    .digest('hex');
  return {
    title: opts.title ?? 'Related-party transfer audit',
    ledgerName: opts.ledgerName,
    appVersion: opts.appVersion,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    rules: rules.map((r) => ({ id: r.id, version: r.version, regime: r.regime, name: r.name })),
    transfers,
    flagged,
    stateHash,
    auditHead: auditHead(db),
  };
}
