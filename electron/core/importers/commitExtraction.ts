// Writing what a parser found into the ledger, in one transaction: the document with its hash,
// a batch, entities (matched or new), affiliations, transfers, disclosures, issuer figures,
// findings, and proposed transfers for review. A document with problems is refused unless the
// person chooses to import its valid part, and that choice is recorded with the batch.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { LedgerWriter } from '../ledger/write';
import { appendAudit } from '../ledger/auditLog';
import { documentFor, refuseIfImported } from '../ledger/documents';
import { findEntityByName } from '../ledger/read';
import { normalizeName } from '../ledger/names';
import { matchEntities, type EntityMatch } from './entityMatch';
import { candidateList } from './spreadsheet/partyDecisions';
import type { ExtractionResult, PartyRef, SourceLocator } from './extracted';

export interface CommitOptions {
  fileName: string;
  bytes: Buffer;
  /** For each uncertain match: the entity it is, or 'new'. */
  decisions?: Record<string, number | 'new'>;
  /** Import what is valid although the document has problems (recorded with the batch). */
  importValidPart?: boolean;
}

export interface CommitResult {
  batchId: number; documentId: number; entitiesNew: number; entitiesMatched: number; affiliations: number; transfers: number;
  disclosures: number; figures: number; candidates: number; findings: number; problemsLeftOut: number;
}

function entityNorm(db: Db, id: number): string {
  return db.prepare(`SELECT norm_name FROM entities WHERE id = ?`).pluck().get(id) as string;
}

/** A decision that names an entity no longer in the ledger (or merged into another) is refused by party, before anything is written. */
function refuseStaleDecisions(db: Db, x: ExtractionResult, matches: EntityMatch[], opts: CommitOptions): void {
  const live = db.prepare(`SELECT merged_into_id AS mergedInto FROM entities WHERE id = ?`);
  const stale: string[] = [];
  for (const m of matches) {
    const decided = opts.decisions?.[m.key];
    if (m.status !== 'uncertain' || typeof decided !== 'number') continue;
    const e = live.get(decided) as { mergedInto: number | null } | undefined;
    if (e && e.mergedInto === null) continue;
    const name = x.entities.find((ee) => ee.key === m.key)!.name;
    stale.push(`party "${name}": entity #${decided} ${!e ? 'is not in the ledger' : `was merged into entity #${e.mergedInto}`}; choose one of ${candidateList(m.candidates)} or a new entity`);
  }
  if (stale.length > 0) throw new AppError('invalid_input', `${opts.fileName}: ${stale.length === 1 ? 'a decision names' : 'decisions name'} an entity that cannot take the party; nothing was imported.`, stale);
}

function locatorText(l: SourceLocator): string {
  return l.label;
}

export function commitExtraction(db: Db, x: ExtractionResult, opts: CommitOptions): CommitResult {
  const sha256 = createHash('sha256').update(opts.bytes).digest('hex');
  refuseIfImported(db, sha256, opts.fileName);
  if (x.problems.length > 0 && !opts.importValidPart) {
    throw new AppError('import_rejected', `${opts.fileName}: ${x.problems.length} problem${x.problems.length === 1 ? '' : 's'}; nothing was imported. Fix the file, or choose to import its valid part.`,
      x.problems.slice(0, 50).map((p) => `${opts.fileName} ${p.locator.label}: ${p.message}`));
  }
  const matches = matchEntities(db, x.entities);
  const undecided = matches.filter((m) => m.status === 'uncertain' && opts.decisions?.[m.key] === undefined);
  if (undecided.length > 0) {
    const names = undecided.map((m) => x.entities.find((e) => e.key === m.key)!.name);
    throw new AppError('invalid_input', `${opts.fileName}: decide whether these are entities already in the ledger: ${names.join(', ')}`,
      undecided.map((m) => `${m.key}: ${m.status === 'uncertain' ? candidateList(m.candidates) : ''}`));
  }
  refuseStaleDecisions(db, x, matches, opts);

  return db.transaction(() => {
    const w = new LedgerWriter(db);
    const documentId = documentFor(db, w, { name: opts.fileName, kind: x.format, sha256, content: opts.bytes });
    const batchId = w.batch(documentId, x.format);
    const ids = new Map<string, number>();
    let entitiesNew = 0;
    let entitiesMatched = 0;
    let aliasesLearned = 0;
    for (const e of x.entities) {
      const m = matches.find((mm) => mm.key === e.key) as EntityMatch;
      const decided = opts.decisions?.[e.key];
      const existing = m.status === 'matched' ? m.entityId : typeof decided === 'number' ? decided : null;
      let id: number;
      if (existing !== null) {
        id = existing;
        entitiesMatched++;
      } else {
        id = w.entity({ kind: e.kind, name: e.name, jurisdiction: e.jurisdiction, batchId });
        entitiesNew++;
      }
      // The document's own aliases, and a spelling a person said is an existing entity, belong to
      // the batch: the next import matches them without asking, and undoing this one removes them.
      for (const a of e.aliases) if (normalizeName(a) !== normalizeName(e.name)) w.alias(id, a, batchId);
      if (typeof decided === 'number' && normalizeName(e.name) !== entityNorm(db, id) && w.alias(id, e.name, batchId)) aliasesLearned++;
      for (const i of e.identifiers) {
        const taken = db.prepare(`SELECT entity_id FROM entity_identifiers WHERE scheme = ? AND value = ? AND ifnull(jurisdiction, '') = ifnull(?, '')`).pluck().get(i.scheme, i.value, i.jurisdiction ?? null);
        if (taken === undefined) w.identifier({ entityId: id, scheme: i.scheme, value: i.value, jurisdiction: i.jurisdiction ?? null });
      }
      ids.set(e.key, id);
    }
    const party = (p: PartyRef): number | null => resolveParty(db, w, p, batchId);
    let affiliations = 0;
    for (const a of x.affiliations) {
      const subjectId = ids.get(a.subjectKey);
      const objectId = ids.get(a.objectKey);
      if (subjectId === undefined || objectId === undefined || subjectId === objectId) continue;
      const id = w.affiliation({ subjectId, objectId, kind: a.kind, role: a.role, equityPct: a.equityPct, votingPct: a.votingPct, validFrom: a.validFrom, validTo: a.validTo });
      w.evidence({ documentId, locator: locatorText(a.locator), excerpt: a.locator.label, affiliationId: id, line: a.locator.line ?? null, elementId: a.locator.elementId ?? null });
      affiliations++;
    }
    let transfers = 0;
    for (const t of x.transfers) {
      const fromId = ids.get(t.fromKey);
      const toId = ids.get(t.toKey);
      if (fromId === undefined || toId === undefined || fromId === toId) continue;
      const id = w.transfer({ fromId, toId, resourceType: t.resourceType, resource: t.resource, amountMinor: t.amountMinor, currency: t.currency,
        date: t.date, datePrecision: t.datePrecision, description: t.description, batchId });
      w.evidence({ documentId, locator: locatorText(t.locator), excerpt: t.description || t.resource, transferId: id, line: t.locator.line ?? null, elementId: t.locator.elementId ?? null });
      transfers++;
    }
    let disclosures = 0;
    for (const d of x.disclosures) {
      const dups = d.duplicates?.length ? ` (also reported at: ${d.duplicates.map((l) => l.label).join('; ')})` : '';
      w.disclosure({
        documentId, issuerId: party(d.issuer), counterpartyLabel: d.counterpartyLabel, concept: d.concept, direction: d.direction,
        periodStart: d.periodStart, periodEnd: d.periodEnd, amountMinor: d.amountMinor, currency: d.currency,
        description: d.description + dups, locator: locatorText(d.locator), excerpt: d.excerpt, batchId,
      });
      disclosures++;
    }
    let figures = 0;
    const figure = db.prepare(`INSERT OR IGNORE INTO issuer_figures (entity_id, figure, concept, period_start, period_end, amount_minor, currency, document_id, batch_id, locator, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const f of x.figures) {
      const issuer = party(f.issuer);
      if (issuer === null) continue;
      figures += figure.run(issuer, f.figure, f.concept, f.periodStart, f.periodEnd, f.amountMinor, f.currency, documentId, batchId, locatorText(f.locator), w.recordedAt).changes;
    }
    let candidates = 0;
    const candidate = db.prepare(`INSERT INTO transfer_candidates (document_id, batch_id, issuer_id, counterparty, direction, amount_minor, currency, period_text, period_start, period_end,
      description, excerpt, locator, char_start, char_end, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const issuerOfDocument = x.issuer ?? x.disclosures[0]?.issuer ?? x.figures[0]?.issuer ?? null;
    for (const c of x.candidates) {
      candidate.run(documentId, batchId, issuerOfDocument ? party(issuerOfDocument) : null, c.counterparty, c.direction, c.amountMinor, c.currency, c.periodText,
        c.periodStart, c.periodEnd, c.description, c.excerpt, locatorText(c.locator), c.locator.charStart ?? null, c.locator.charEnd ?? null, w.recordedAt);
      candidates++;
    }
    let findings = 0;
    const finding = db.prepare(`INSERT INTO document_findings (document_id, batch_id, kind, concept, text, locator, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const b of x.textBlocks) { finding.run(documentId, batchId, 'text_block', b.concept, b.text, locatorText(b.locator), w.recordedAt); findings++; }
    if (x.statesNoTransactions) {
      finding.run(documentId, batchId, 'no_transactions', null, x.statesNoTransactions.excerpt, locatorText(x.statesNoTransactions.locator), w.recordedAt);
      findings++;
    }
    db.prepare(`UPDATE import_batches SET row_count = ?, entity_count = ?, valid_part_only = ?, problems_json = ? WHERE id = ?`)
      .run(transfers + disclosures + candidates, entitiesNew, x.problems.length > 0 ? 1 : 0, x.problems.length ? JSON.stringify(x.problems) : null, batchId);
    const result: CommitResult = { batchId, documentId, entitiesNew, entitiesMatched, affiliations, transfers, disclosures, figures, candidates, findings, problemsLeftOut: x.problems.length };
    appendAudit(db, {
      action: `import.${x.format}`,
      summary: `imported ${opts.fileName} (${x.format}, batch ${batchId}): ${transfers} transfers, ${disclosures} disclosures, ${candidates} proposed transfers, ${entitiesNew} new entities`
        + (x.problems.length ? `; imported its valid part, leaving out ${x.problems.length} problems` : ''),
      details: { ...result, fileName: opts.fileName, sha256, format: x.format, decisions: opts.decisions ?? {}, aliasesLearned },
    });
    return result;
  })();
}

/** The entity a filing means by its issuer or party reference: by CIK/LEI/ticker, then by name; created if new. */
function resolveParty(db: Db, w: LedgerWriter, p: PartyRef, batchId: number): number | null {
  const ident = (scheme: string, value: string | undefined) =>
    value ? (db.prepare(`SELECT entity_id FROM entity_identifiers WHERE scheme = ? AND value = ?`).pluck().get(scheme, value) as number | undefined) : undefined;
  const cik = p.cik ? p.cik.replace(/^0+/, '').padStart(10, '0') : undefined;
  const found = ident('cik', cik) ?? ident('lei', p.lei) ?? ident('ticker', p.ticker)
    ?? (p.name ? findEntityByName(db, p.name) : undefined);
  if (found !== undefined) return found;
  if (!p.name && !cik) return null;
  const id = w.entity({ kind: 'company', name: p.name ?? `CIK ${cik}`, batchId });
  if (cik) w.identifier({ entityId: id, scheme: 'cik', value: cik });
  if (p.lei) w.identifier({ entityId: id, scheme: 'lei', value: p.lei });
  if (p.ticker) w.identifier({ entityId: id, scheme: 'ticker', value: p.ticker });
  return id;
}
