// The entity list (search by name, alias or identifier, keyset-paged in SQL) and one entity's
// page: identifiers, aliases, affiliations over time, and its latest transfers in and out.
import type { Db } from '../db/open';
import type { EntityRef } from '../../../shared/domain';
import type { EntityAffiliation, EntityPage } from '../../../shared/viewSchemas';
import { AppError } from '../errors';
import { normalizeName } from './names';
import { evidenceForAffiliation, stripKey, toTransferRow, transferSelect, type TransferDbRow } from './read';
import { affiliationLabel } from './affiliationLabel';

export interface EntitySearch { query: string; kind?: EntityRef['kind']; limit: number; after: [string, number] | null }
export interface EntitySearchResult {
  rows: Array<EntityRef & { jurisdiction: string | null; matched: string | null }>;
  next: [string, number] | null;
}

/** LIKE pattern for "contains", with LIKE's own wildcards escaped. */
const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Walks entities in name order (the norm_name index) and keeps those whose name contains the
 * query or that have a matching alias or identifier; LIMIT stops the walk at one page.
 */
export function searchEntities(db: Db, s: EntitySearch): EntitySearchResult {
  const q = normalizeName(s.query);
  const raw = s.query.trim();
  const params: Record<string, string | number> = { limit: s.limit + 1 };
  const where = ['e.merged_into_id IS NULL'];
  if (s.kind) { where.push('e.kind = @kind'); params.kind = s.kind; }
  if (s.after) { where.push('(e.norm_name > @afterName OR (e.norm_name = @afterName AND e.id > @afterId))'); params.afterName = s.after[0]; params.afterId = s.after[1]; }
  let matched = 'NULL';
  if (q || raw) {
    params.pattern = containsPattern(q);
    params.ident = raw.toUpperCase();
    // Aliases and identifiers are few next to entities: materialise their matches once.
    where.push(`(e.norm_name LIKE @pattern ESCAPE '\\' OR e.id IN (SELECT entity_id FROM entity_aliases WHERE norm_alias LIKE @pattern ESCAPE '\\')
      OR e.id IN (SELECT entity_id FROM entity_identifiers WHERE upper(value) = @ident))`);
    matched = `CASE WHEN e.norm_name LIKE @pattern ESCAPE '\\' THEN NULL
      ELSE ifnull((SELECT alias FROM entity_aliases WHERE entity_id = e.id AND norm_alias LIKE @pattern ESCAPE '\\' LIMIT 1),
                  (SELECT scheme || ' ' || value FROM entity_identifiers WHERE entity_id = e.id AND upper(value) = @ident LIMIT 1)) END`;
  }
  const rows = db.prepare(`SELECT e.id, e.name, e.kind, e.jurisdiction, e.norm_name, ${matched} AS matched FROM entities e
    WHERE ${where.join(' AND ')} ORDER BY e.norm_name, e.id LIMIT @limit`).all(params) as Array<EntityRef & { jurisdiction: string | null; norm_name: string; matched: string | null }>;
  const more = rows.length > s.limit;
  const page = rows.slice(0, s.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ norm_name: _n, ...r }) => r),
    next: more && last ? [last.norm_name, last.id] : null,
  };
}

interface AffRow {
  id: number; subject_id: number; object_id: number; other_id: number; other_name: string; other_kind: EntityRef['kind'];
  kind: string; role: string | null; equity_pct: number | null; voting_pct: number | null; valid_from: string | null; valid_to: string | null;
}

/** How many of the latest transfers each side of the page shows. */
export const PAGE_TRANSFERS = 50;

export function entityPage(db: Db, id: number): EntityPage {
  const e = db.prepare(`SELECT e.id, e.name, e.kind, e.jurisdiction, e.note, m.id AS m_id, m.name AS m_name, m.kind AS m_kind
    FROM entities e LEFT JOIN entities m ON m.id = e.merged_into_id WHERE e.id = ?`).get(id) as
    (EntityRef & { jurisdiction: string | null; note: string | null; m_id: number | null; m_name: string | null; m_kind: EntityRef['kind'] | null }) | undefined;
  if (!e) throw new AppError('not_found', `No entity with id ${id}`);
  const aliases = db.prepare(`SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias`).pluck().all(id) as string[];
  const identifiers = db.prepare(`SELECT scheme, value, jurisdiction FROM entity_identifiers WHERE entity_id = ? ORDER BY scheme, value`).all(id) as EntityPage['identifiers'];
  // Two indexed lookups (by subject, by object) rather than one OR that would scan.
  const affSelect = (side: 'subject' | 'object', other: 'subject' | 'object') => `
    SELECT a.id, a.subject_id, a.object_id, o.id AS other_id, o.name AS other_name, o.kind AS other_kind,
           a.kind, a.role, a.equity_pct, a.voting_pct, a.valid_from, a.valid_to
    FROM affiliations a JOIN entities o ON o.id = a.${other}_id WHERE a.${side}_id = ?`;
  const affRows = [
    ...(db.prepare(affSelect('subject', 'object')).all(id) as AffRow[]),
    ...(db.prepare(affSelect('object', 'subject')).all(id) as AffRow[]),
  ].sort((a, b) => (a.valid_from ?? '').localeCompare(b.valid_from ?? '') || a.id - b.id);
  const affiliations: EntityAffiliation[] = affRows.map((r) => ({
    id: r.id, direction: r.subject_id === id ? 'out' : 'in',
    other: { id: r.other_id, name: r.other_name, kind: r.other_kind },
    kind: r.kind, role: r.role, equityPct: r.equity_pct, votingPct: r.voting_pct, label: affiliationLabel(r),
    validFrom: r.valid_from, validTo: r.valid_to, evidence: evidenceForAffiliation(db, r.id),
  }));
  // transfers_by_from / transfers_by_to are (party, occurred_on, id): newest first without a sort.
  const latest = (col: 'from_id' | 'to_id') => (db.prepare(`${transferSelect} WHERE t.${col} = ? ORDER BY t.occurred_on DESC, t.id DESC LIMIT ${PAGE_TRANSFERS}`)
    .all(id) as TransferDbRow[]).map((r) => stripKey(toTransferRow(r)));
  const count = (col: 'from_id' | 'to_id') => db.prepare(`SELECT count(*) FROM transfers WHERE ${col} = ?`).pluck().get(id) as number;
  const sums = (col: 'from_id' | 'to_id') => db.prepare(`SELECT currency, sum(amount_minor) AS total FROM transfers WHERE ${col} = ? AND currency IS NOT NULL GROUP BY currency`)
    .all(id) as Array<{ currency: string; total: number }>;
  const totals = new Map<string, { currency: string; inMinor: number; outMinor: number }>();
  const slot = (c: string) => totals.get(c) ?? totals.set(c, { currency: c, inMinor: 0, outMinor: 0 }).get(c)!;
  for (const r of sums('to_id')) slot(r.currency).inMinor = r.total;
  for (const r of sums('from_id')) slot(r.currency).outMinor = r.total;
  return {
    entity: { id: e.id, name: e.name, kind: e.kind, jurisdiction: e.jurisdiction, note: e.note,
      mergedInto: e.m_id === null ? null : { id: e.m_id, name: e.m_name!, kind: e.m_kind! } },
    aliases, identifiers, affiliations,
    transfersIn: latest('to_id'), transfersOut: latest('from_id'), countIn: count('to_id'), countOut: count('from_id'),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
