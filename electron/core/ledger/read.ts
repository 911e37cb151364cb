// Read queries for the UI, the rules and the report. Paging is keyset (by sort key, then id)
// so any page costs the same whatever its depth.
import type { Db } from '../db/open';
import type { Document, EntityRef, Evidence, LedgerInfo, TransferRow } from '../../../shared/domain';
import { AppError } from '../errors';
import { normalizeName } from './names';
import { bytesFromParts, decodeStoredText } from '../importers/spreadsheet/documentParts';

export const transferSelect = `
  SELECT t.id, t.from_id, f.name AS from_name, f.kind AS from_kind, t.to_id, o.name AS to_name, o.kind AS to_kind,
         t.intended_for_id, i.name AS intended_name, i.kind AS intended_kind,
         t.resource_type, t.resource, t.resource_key, t.quantity, t.unit, t.amount_minor, t.currency,
         t.occurred_on, t.date_precision, t.status, t.description,
         (SELECT count(*) FROM flags g WHERE g.transfer_id = t.id AND g.status <> 'dismissed') AS flag_count
  FROM transfers t
  JOIN entities f ON f.id = t.from_id
  JOIN entities o ON o.id = t.to_id
  LEFT JOIN entities i ON i.id = t.intended_for_id`;

export interface TransferDbRow {
  id: number; from_id: number; from_name: string; from_kind: EntityRef['kind']; to_id: number; to_name: string; to_kind: EntityRef['kind'];
  intended_for_id: number | null; intended_name: string | null; intended_kind: EntityRef['kind'] | null;
  resource_type: TransferRow['resourceType']; resource: string; resource_key: string | null; quantity: number | null; unit: string | null;
  amount_minor: number | null; currency: string | null; occurred_on: string; date_precision: TransferRow['datePrecision'];
  status: TransferRow['status']; description: string; flag_count: number;
}

export interface TransferWithKey extends TransferRow { resourceKey: string | null }

export function toTransferRow(r: TransferDbRow): TransferWithKey {
  return {
    id: r.id,
    from: { id: r.from_id, name: r.from_name, kind: r.from_kind },
    to: { id: r.to_id, name: r.to_name, kind: r.to_kind },
    intendedFor: r.intended_for_id === null ? null : { id: r.intended_for_id, name: r.intended_name!, kind: r.intended_kind! },
    resourceType: r.resource_type, resource: r.resource, resourceKey: r.resource_key,
    quantity: r.quantity, unit: r.unit, amountMinor: r.amount_minor, currency: r.currency,
    date: r.occurred_on, datePrecision: r.date_precision, status: r.status, description: r.description, flagCount: r.flag_count,
  };
}

export function stripKey({ resourceKey: _k, ...row }: TransferWithKey): TransferRow {
  return row;
}

export function getTransfer(db: Db, id: number): TransferWithKey {
  const row = db.prepare(`${transferSelect} WHERE t.id = ?`).get(id) as TransferDbRow | undefined;
  if (!row) throw new AppError('not_found', `No transfer with id ${id}`);
  return toTransferRow(row);
}

export function allTransfers(db: Db): TransferWithKey[] {
  return (db.prepare(`${transferSelect} ORDER BY t.occurred_on, t.id`).all() as TransferDbRow[]).map(toTransferRow);
}

// Filtered, sorted, keyset-paged transfers for the grid: see transferQuery.ts.
export { pageTransfers } from './transferQuery';

interface EvidenceDbRow {
  id: number; locator: string; excerpt: string; document_id: number; name: string; kind: string; sha256: string | null;
  issuer: string | null; filed_on: string | null; source_url: string | null;
}

const evidenceSelect = `SELECT e.id, e.locator, e.excerpt, d.id AS document_id, d.name, d.kind, d.sha256, d.issuer, d.filed_on, d.source_url
  FROM evidence e JOIN documents d ON d.id = e.document_id`;

function toEvidence(r: EvidenceDbRow): Evidence {
  const document: Document = { id: r.document_id, name: r.name, kind: r.kind, sha256: r.sha256, issuer: r.issuer, filedOn: r.filed_on, sourceUrl: r.source_url };
  return { id: r.id, locator: r.locator, excerpt: r.excerpt, document };
}

/**
 * The row an imported transfer came from, cut from the stored file by its byte range. It has no
 * evidence row of its own (imports would store every line twice), so its id is the transfer's,
 * negated, to keep it apart from evidence ids.
 */
export function sourceRowEvidence(db: Db, transferId: number): Evidence | null {
  const r = db.prepare(`
    SELECT t.source_line, substr(d.content, t.source_start + 1, t.source_end - t.source_start) AS excerpt,
           t.source_start, t.source_end, d.text_encoding,
           d.id AS document_id, d.name, d.kind, d.sha256, d.issuer, d.filed_on, d.source_url
    FROM transfers t JOIN import_batches b ON b.id = t.batch_id JOIN documents d ON d.id = b.document_id
    WHERE t.id = ? AND t.source_start IS NOT NULL`).get(transferId) as (Omit<EvidenceDbRow, 'id' | 'locator' | 'excerpt'> & {
      source_line: number; excerpt: Buffer | null; source_start: number; source_end: number; text_encoding: string | null }) | undefined;
  if (!r) return null;
  // A streamed import stores its file in parts (importers/spreadsheet/documentParts.ts), not in documents.content.
  const bytes = r.excerpt ?? bytesFromParts(db, r.document_id, r.source_start, r.source_end);
  return toEvidence({ ...r, id: -transferId, locator: `line ${r.source_line}`, excerpt: bytes ? decodeStoredText(bytes, r.text_encoding) : '' });
}

export function evidenceForTransfer(db: Db, transferId: number): Evidence[] {
  const cited = (db.prepare(`${evidenceSelect} WHERE e.transfer_id = ? ORDER BY e.id`).all(transferId) as EvidenceDbRow[]).map(toEvidence);
  const source = sourceRowEvidence(db, transferId);
  return source ? [source, ...cited] : cited;
}

export function evidenceForAffiliation(db: Db, affiliationId: number): Evidence[] {
  return (db.prepare(`${evidenceSelect} WHERE e.affiliation_id = ? ORDER BY e.id`).all(affiliationId) as EvidenceDbRow[]).map(toEvidence);
}

export function ledgerCounts(db: Db): LedgerInfo['counts'] {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { entities: n('entities'), affiliations: n('affiliations'), transfers: n('transfers'), documents: n('documents'), flags: n('flags') };
}

export function isSampleLedger(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM ledger_settings WHERE key = 'sample' AND value = '1'`).get() !== undefined;
}

/** The entity (not merged away) whose name or alias is this one, ignoring case, accents and punctuation. */
export function findEntityByName(db: Db, name: string): number | undefined {
  const norm = normalizeName(name);
  return (db.prepare(`SELECT id FROM entities WHERE norm_name = ? AND merged_into_id IS NULL ORDER BY id`).pluck().get(norm) as number | undefined)
    ?? (db.prepare(`SELECT entity_id FROM entity_aliases WHERE norm_alias = ?`).pluck().get(norm) as number | undefined);
}

/** Every transfer that has a flag, by id, in one query (the flags board shows them all). */
export function flaggedTransfers(db: Db): Map<number, TransferWithKey> {
  const rows = db.prepare(`${transferSelect} WHERE t.id IN (SELECT transfer_id FROM flags)`).all() as TransferDbRow[];
  return new Map(rows.map((r) => [r.id, toTransferRow(r)]));
}
