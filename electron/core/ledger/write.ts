// Inserts for the ledger's tables. Callers wrap them in a transaction; the schema's CHECK
// constraints are the last line of defence, the validation in front of them names fields.
import type { Db } from '../db/open';
import { normalizeName } from './names';
import type { DatePrecision } from '../../../shared/dates';

export interface NewEntity { kind: 'company' | 'person' | 'fund' | 'trust' | 'public_body'; name: string; jurisdiction?: string | null; note?: string | null; batchId?: number | null }
export interface NewIdentifier { entityId: number; scheme: 'cik' | 'lei' | 'ticker' | 'isin' | 'registration' | 'other'; value: string; jurisdiction?: string | null }
export interface NewFxRate { base: string; quote: string; day: string; rateMicro: number; source: string }
export interface NewDisclosure {
  documentId: number; issuerId?: number | null; counterpartyId?: number | null; counterpartyLabel?: string | null; concept: string;
  direction: 'paid' | 'received' | 'payable' | 'receivable' | 'other'; periodStart?: string | null; periodEnd?: string | null;
  amountMinor?: number | null; currency?: string | null; description?: string; locator: string; excerpt?: string; batchId?: number | null;
}
export interface NewApproval { transferId: number; body: string; independent: boolean; decision: 'approved' | 'ratified' | 'rejected'; decidedOn?: string | null; documentId?: number | null }
export interface NewDocument { name: string; kind: string; sha256?: string | null; issuer?: string | null; filedOn?: string | null; sourceUrl?: string | null; content?: Buffer | null }
export interface NewAffiliation {
  subjectId: number; objectId: number; kind: 'ownership' | 'control' | 'role' | 'family'; role?: string | null;
  equityPct?: number | null; votingPct?: number | null; direct?: boolean; validFrom?: string | null; validTo?: string | null; note?: string | null;
}
export interface NewTransfer {
  fromId: number; toId: number; intendedForId?: number | null;
  resourceType: string; resource: string; resourceKey?: string | null;
  quantity?: number | null; unit?: string | null; amountMinor?: number | null; currency?: string | null;
  date: string; datePrecision?: DatePrecision; status?: string; description?: string; batchId?: number | null;
}
export interface NewEvidence {
  documentId: number; locator: string; excerpt: string; transferId?: number; affiliationId?: number; entityId?: number;
  page?: number | null; elementId?: string | null; line?: number | null; charStart?: number | null; charEnd?: number | null;
}
export interface NewPriceBand {
  resourceKey: string; label: string; unit: string; currency: string; lowMinor: number; baseMinor: number; highMinor: number;
  validFrom: string; validTo: string; source: string; documentId?: number | null;
}

/**
 * Prepared once per connection: imports insert up to millions of rows through these. Every row
 * written through one writer is stamped with the same recorded_at: the moment the ledger learned it.
 */
export class LedgerWriter {
  private readonly stmts;
  readonly recordedAt: string;

  constructor(private readonly db: Db, recordedAt = new Date().toISOString()) {
    this.recordedAt = recordedAt;
    this.stmts = {
      entity: db.prepare(`INSERT INTO entities (kind, name, norm_name, jurisdiction, note, batch_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      identifier: db.prepare(`INSERT INTO entity_identifiers (entity_id, scheme, value, jurisdiction, recorded_at) VALUES (?, ?, ?, ?, ?)`),
      alias: db.prepare(`INSERT OR IGNORE INTO entity_aliases (entity_id, alias, norm_alias, recorded_at, batch_id) VALUES (?, ?, ?, ?, ?)`),
      document: db.prepare(`INSERT INTO documents (name, kind, sha256, issuer, filed_on, source_url, content, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      affiliation: db.prepare(`INSERT INTO affiliations (subject_id, object_id, kind, role, equity_pct, voting_pct, direct, valid_from, valid_to, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      transfer: db.prepare(`INSERT INTO transfers (from_id, to_id, intended_for_id, resource_type, resource, resource_key, quantity, unit, amount_minor, currency, occurred_on, date_precision, status, description, batch_id, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      link: db.prepare(`INSERT INTO transfer_links (a_id, b_id, kind, note, recorded_at) VALUES (?, ?, ?, ?, ?)`),
      evidence: db.prepare(`INSERT INTO evidence (document_id, locator, excerpt, transfer_id, affiliation_id, entity_id, page, element_id, line, char_start, char_end, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      priceBand: db.prepare(`INSERT INTO price_bands (resource_key, label, unit, currency, low_minor, base_minor, high_minor, valid_from, valid_to, source, document_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      fxRate: db.prepare(`INSERT OR IGNORE INTO fx_rates (base, quote, day, rate_micro, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`),
      disclosure: db.prepare(`INSERT INTO disclosures (document_id, issuer_id, counterparty_id, counterparty_label, concept, direction, period_start, period_end, amount_minor, currency, description, locator, excerpt, batch_id, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      approval: db.prepare(`INSERT INTO approvals (transfer_id, body, independent, decision, decided_on, document_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      batch: db.prepare(`INSERT INTO import_batches (document_id, format, row_count, created_at) VALUES (?, ?, 0, ?)`),
      batchCounts: db.prepare(`UPDATE import_batches SET row_count = ?, entity_count = ? WHERE id = ?`),
    };
  }

  entity(e: NewEntity): number {
    return Number(this.stmts.entity.run(e.kind, e.name.trim(), normalizeName(e.name), e.jurisdiction ?? null, e.note ?? null, e.batchId ?? null, this.recordedAt).lastInsertRowid);
  }

  identifier(i: NewIdentifier): number {
    return Number(this.stmts.identifier.run(i.entityId, i.scheme, i.value.trim(), i.jurisdiction ?? null, this.recordedAt).lastInsertRowid);
  }

  /** An alias; one an import adds belongs to its batch (undoing the import removes it). Returns whether it was new. */
  alias(entityId: number, alias: string, batchId: number | null = null): boolean {
    return this.stmts.alias.run(entityId, alias.trim(), normalizeName(alias), this.recordedAt, batchId).changes > 0;
  }

  document(d: NewDocument): number {
    return Number(this.stmts.document.run(d.name, d.kind, d.sha256 ?? null, d.issuer ?? null, d.filedOn ?? null, d.sourceUrl ?? null, d.content ?? null, this.recordedAt).lastInsertRowid);
  }

  affiliation(a: NewAffiliation): number {
    return Number(this.stmts.affiliation.run(a.subjectId, a.objectId, a.kind, a.role ?? null, a.equityPct ?? null, a.votingPct ?? null,
      a.direct === false ? 0 : 1, a.validFrom ?? null, a.validTo ?? null, a.note ?? null, this.recordedAt).lastInsertRowid);
  }

  transfer(t: NewTransfer): number {
    return Number(this.stmts.transfer.run(
      t.fromId, t.toId, t.intendedForId ?? null, t.resourceType, t.resource, t.resourceKey ?? null,
      t.quantity ?? null, t.unit ?? null, t.amountMinor ?? null, t.currency ?? null,
      t.date, t.datePrecision ?? 'day', t.status ?? 'executed', t.description ?? '', t.batchId ?? null, this.recordedAt,
    ).lastInsertRowid);
  }

  link(aId: number, bId: number, kind: 'swap_leg' | 'replaces' | 'related', note?: string): number {
    return Number(this.stmts.link.run(aId, bId, kind, note ?? null, this.recordedAt).lastInsertRowid);
  }

  evidence(e: NewEvidence): number {
    return Number(this.stmts.evidence.run(e.documentId, e.locator, e.excerpt, e.transferId ?? null, e.affiliationId ?? null, e.entityId ?? null,
      e.page ?? null, e.elementId ?? null, e.line ?? null, e.charStart ?? null, e.charEnd ?? null, this.recordedAt).lastInsertRowid);
  }

  priceBand(p: NewPriceBand): number {
    return Number(this.stmts.priceBand.run(p.resourceKey, p.label, p.unit, p.currency, p.lowMinor, p.baseMinor, p.highMinor, p.validFrom, p.validTo, p.source, p.documentId ?? null, this.recordedAt).lastInsertRowid);
  }

  /** Returns false when the same rate from the same source is already in the book. */
  fxRate(r: NewFxRate): boolean {
    return this.stmts.fxRate.run(r.base, r.quote, r.day, r.rateMicro, r.source, this.recordedAt).changes > 0;
  }

  disclosure(d: NewDisclosure): number {
    return Number(this.stmts.disclosure.run(d.documentId, d.issuerId ?? null, d.counterpartyId ?? null, d.counterpartyLabel ?? null, d.concept, d.direction,
      d.periodStart ?? null, d.periodEnd ?? null, d.amountMinor ?? null, d.currency ?? null, d.description ?? '', d.locator, d.excerpt ?? '', d.batchId ?? null, this.recordedAt).lastInsertRowid);
  }

  approval(a: NewApproval): number {
    return Number(this.stmts.approval.run(a.transferId, a.body, a.independent ? 1 : 0, a.decision, a.decidedOn ?? null, a.documentId ?? null, this.recordedAt).lastInsertRowid);
  }

  batch(documentId: number, format: string): number {
    return Number(this.stmts.batch.run(documentId, format, this.recordedAt).lastInsertRowid);
  }

  setBatchCounts(batchId: number, rows: number, entities: number): void {
    this.stmts.batchCounts.run(rows, entities, batchId);
  }
}
