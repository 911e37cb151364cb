// Inserts for the ledger's tables. Callers wrap them in a transaction; the schema's CHECK
// constraints are the last line of defence, the validation in front of them names fields.
import type { Db } from '../db/open';
import { normalizeName } from './names';
import type { DatePrecision } from '../../../shared/dates';

export interface NewEntity { kind: 'company' | 'person' | 'fund' | 'trust' | 'public_body'; name: string; jurisdiction?: string | null; note?: string | null }
export interface NewDocument { name: string; kind: string; sha256?: string | null; issuer?: string | null; filedOn?: string | null; sourceUrl?: string | null; content?: Buffer | null }
export interface NewAffiliation {
  subjectId: number; objectId: number; kind: 'ownership' | 'control' | 'role' | 'family'; role?: string | null;
  equityPct?: number | null; votingPct?: number | null; validFrom?: string | null; validTo?: string | null; note?: string | null;
}
export interface NewTransfer {
  fromId: number; toId: number; intendedForId?: number | null;
  resourceType: string; resource: string; resourceKey?: string | null;
  quantity?: number | null; unit?: string | null; amountMinor?: number | null; currency?: string | null;
  date: string; datePrecision?: DatePrecision; status?: string; description?: string;
  relatedTransferId?: number | null; batchId?: number | null;
}
export interface NewEvidence { documentId: number; locator: string; excerpt: string; transferId?: number; affiliationId?: number; entityId?: number }
export interface NewPriceBand {
  resourceKey: string; label: string; unit: string; currency: string; lowMinor: number; baseMinor: number; highMinor: number;
  validFrom: string; validTo: string; source: string; documentId?: number | null;
}

/** Prepared once per connection: imports insert up to millions of rows through these. */
export class LedgerWriter {
  private readonly stmts;
  constructor(private readonly db: Db) {
    this.stmts = {
      entity: db.prepare(`INSERT INTO entities (kind, name, norm_name, jurisdiction, note) VALUES (?, ?, ?, ?, ?)`),
      document: db.prepare(`INSERT INTO documents (name, kind, sha256, issuer, filed_on, source_url, content) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      affiliation: db.prepare(`INSERT INTO affiliations (subject_id, object_id, kind, role, equity_pct, voting_pct, valid_from, valid_to, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      transfer: db.prepare(`INSERT INTO transfers (from_id, to_id, intended_for_id, resource_type, resource, resource_key, quantity, unit, amount_minor, currency, occurred_on, date_precision, status, description, related_transfer_id, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      evidence: db.prepare(`INSERT INTO evidence (document_id, locator, excerpt, transfer_id, affiliation_id, entity_id) VALUES (?, ?, ?, ?, ?, ?)`),
      priceBand: db.prepare(`INSERT INTO price_bands (resource_key, label, unit, currency, low_minor, base_minor, high_minor, valid_from, valid_to, source, document_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      batch: db.prepare(`INSERT INTO import_batches (document_id, format, row_count) VALUES (?, ?, ?)`),
      batchCount: db.prepare(`UPDATE import_batches SET row_count = ? WHERE id = ?`),
    };
  }

  entity(e: NewEntity): number {
    return Number(this.stmts.entity.run(e.kind, e.name.trim(), normalizeName(e.name), e.jurisdiction ?? null, e.note ?? null).lastInsertRowid);
  }

  document(d: NewDocument): number {
    return Number(this.stmts.document.run(d.name, d.kind, d.sha256 ?? null, d.issuer ?? null, d.filedOn ?? null, d.sourceUrl ?? null, d.content ?? null).lastInsertRowid);
  }

  affiliation(a: NewAffiliation): number {
    return Number(this.stmts.affiliation.run(a.subjectId, a.objectId, a.kind, a.role ?? null, a.equityPct ?? null, a.votingPct ?? null, a.validFrom ?? null, a.validTo ?? null, a.note ?? null).lastInsertRowid);
  }

  transfer(t: NewTransfer): number {
    return Number(this.stmts.transfer.run(
      t.fromId, t.toId, t.intendedForId ?? null, t.resourceType, t.resource, t.resourceKey ?? null,
      t.quantity ?? null, t.unit ?? null, t.amountMinor ?? null, t.currency ?? null,
      t.date, t.datePrecision ?? 'day', t.status ?? 'executed', t.description ?? '', t.relatedTransferId ?? null, t.batchId ?? null,
    ).lastInsertRowid);
  }

  evidence(e: NewEvidence): number {
    return Number(this.stmts.evidence.run(e.documentId, e.locator, e.excerpt, e.transferId ?? null, e.affiliationId ?? null, e.entityId ?? null).lastInsertRowid);
  }

  priceBand(p: NewPriceBand): number {
    return Number(this.stmts.priceBand.run(p.resourceKey, p.label, p.unit, p.currency, p.lowMinor, p.baseMinor, p.highMinor, p.validFrom, p.validTo, p.source, p.documentId ?? null).lastInsertRowid);
  }

  batch(documentId: number, format: string): number {
    return Number(this.stmts.batch.run(documentId, format, 0).lastInsertRowid);
  }

  setBatchCount(batchId: number, rows: number): void {
    this.stmts.batchCount.run(rows, batchId);
  }
}
