// Global search for the command palette: entities, transfers, documents and flags matching what
// the person typed. A ledger may hold 1M transfers and 100k entities, so every query is either an
// index range (name, alias and identifier prefixes; a party's transfers) or a scan with a fixed
// row budget (free text in transfers, documents and flags, newest first). When a budget ran out
// before the table did, the answer says so (`partial`), rather than pretending to be complete.
import type { Db } from '../db/open';
import type { SearchHits } from '../../../shared/domain';
import { normalizeName } from './names';
import { toTransferRow, stripKey, transferSelect, type TransferDbRow } from './read';

export interface SearchBudgets {
  /** Entities scanned for a word inside a name (the prefix match needs no budget). */
  entityScanRows: number;
  /** Newest transfers scanned for the text in resource or description. */
  transferScanRows: number;
  /** Newest documents and flags scanned for the text in a name or title. */
  smallScanRows: number;
}
export const defaultSearchBudgets: SearchBudgets = { entityScanRows: 20_000, transferScanRows: 20_000, smallScanRows: 20_000 };

const identifierSchemes = `('cik','lei','ticker','isin','registration','other')`;
const likeContains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** Upper bound for a prefix range: every string starting with p sorts below p + U+FFFF. */
const prefixEnd = (p: string) => `${p}\uffff`;

/** Whether a table has more than `budget` rows, by walking at most that many index entries. */
function exceeds(db: Db, sql: string, budget: number): boolean {
  return db.prepare(`${sql} LIMIT 1 OFFSET ?`).get(budget) !== undefined;
}

type EntityHit = SearchHits['entities'][number];
interface EntityDbRow { id: number; name: string; kind: EntityHit['kind']; detail: string | null }

function searchEntities(db: Db, norm: string, raw: string, limit: number, budgets: SearchBudgets) {
  const hits = new Map<number, EntityHit>();
  const add = (rows: EntityDbRow[], matched: EntityHit['matched']) => {
    for (const r of rows) if (hits.size < limit && !hits.has(r.id)) hits.set(r.id, { ...r, matched });
  };
  let partial = false;
  if (norm) {
    add(db.prepare(`SELECT id, name, kind, NULL AS detail FROM entities
      WHERE norm_name >= ? AND norm_name < ? AND merged_into_id IS NULL ORDER BY norm_name, id LIMIT ?`)
      .all(norm, prefixEnd(norm), limit) as EntityDbRow[], 'name');
    add(db.prepare(`SELECT e.id, e.name, e.kind, a.alias AS detail FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
      WHERE a.norm_alias >= ? AND a.norm_alias < ? AND e.merged_into_id IS NULL ORDER BY a.norm_alias, e.id LIMIT ?`)
      .all(norm, prefixEnd(norm), limit) as EntityDbRow[], 'alias');
    // A word inside a name ("musk" in "elon musk"): no index serves this, so the scan is bounded.
    if (hits.size < limit) {
      add(db.prepare(`SELECT id, name, kind, NULL AS detail FROM (SELECT id, name, kind, norm_name, merged_into_id FROM entities ORDER BY id LIMIT ?)
        WHERE norm_name LIKE ? ESCAPE '\\' AND merged_into_id IS NULL LIMIT ?`)
        .all(budgets.entityScanRows, likeContains(` ${norm}`), limit) as EntityDbRow[], 'name');
      partial = exceeds(db, `SELECT 1 FROM entities`, budgets.entityScanRows);
    }
  }
  // Identifiers keep their own spelling (CIK digits, tickers in capitals): match as typed and upper-cased.
  // The scheme list lets the (scheme, value) index serve a value prefix.
  for (const value of new Set([raw, raw.toUpperCase()])) {
    if (hits.size >= limit) break;
    add(db.prepare(`SELECT e.id, e.name, e.kind, upper(i.scheme) || ' ' || i.value AS detail FROM entity_identifiers i JOIN entities e ON e.id = i.entity_id
      WHERE i.scheme IN ${identifierSchemes} AND i.value >= ? AND i.value < ? AND e.merged_into_id IS NULL ORDER BY i.value LIMIT ?`)
      .all(value, prefixEnd(value), limit) as EntityDbRow[], 'identifier');
  }
  return { entities: [...hits.values()], partial };
}

function searchTransfers(db: Db, text: string, partyIds: number[], limit: number, budgets: SearchBudgets) {
  const ids = new Set<number>();
  // Free text in what moved or its description, among the newest transfers (date index, bounded).
  const textIds = db.prepare(`SELECT id FROM (SELECT id, resource, description FROM transfers ORDER BY occurred_on DESC, id DESC LIMIT ?)
    WHERE resource LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\' LIMIT ?`)
    .pluck().all(budgets.transferScanRows, likeContains(text), likeContains(text), limit) as number[];
  textIds.forEach((id) => ids.add(id));
  const partial = textIds.length < limit && exceeds(db, `SELECT 1 FROM transfers ORDER BY occurred_on DESC, id DESC`, budgets.transferScanRows);
  // A matching party's newest transfers, from the (party, date, id) indexes.
  const bySide = (side: 'from_id' | 'to_id') => db.prepare(`SELECT id FROM transfers WHERE ${side} = ? ORDER BY occurred_on DESC, id DESC LIMIT ?`).pluck();
  for (const partyId of partyIds) {
    if (ids.size >= limit) break;
    for (const side of ['from_id', 'to_id'] as const) {
      for (const id of bySide(side).all(partyId, limit) as number[]) if (ids.size < limit) ids.add(id);
    }
  }
  if (ids.size === 0) return { transfers: [], partial };
  const rows = db.prepare(`${transferSelect} WHERE t.id IN (${[...ids].map(() => '?').join(',')}) ORDER BY t.occurred_on DESC, t.id DESC`)
    .all(...ids) as TransferDbRow[];
  return { transfers: rows.map((r) => stripKey(toTransferRow(r))), partial };
}

function searchDocuments(db: Db, text: string, limit: number, budgets: SearchBudgets) {
  // The content column is never read here: only names, issuers and kinds.
  const rows = db.prepare(`SELECT id, name, kind, issuer, filed_on AS filedOn FROM
      (SELECT id, name, kind, issuer, filed_on FROM documents ORDER BY id DESC LIMIT ?)
    WHERE name LIKE ? ESCAPE '\\' OR ifnull(issuer, '') LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?`)
    .all(budgets.smallScanRows, likeContains(text), likeContains(text), limit) as SearchHits['documents'];
  const partial = rows.length < limit && exceeds(db, `SELECT 1 FROM documents ORDER BY id DESC`, budgets.smallScanRows);
  return { documents: rows, partial };
}

function searchFlags(db: Db, text: string, limit: number, budgets: SearchBudgets) {
  const rows = db.prepare(`SELECT id, title, severity, status, rule_id AS ruleId, transfer_id AS transferId FROM
      (SELECT id, title, severity, status, rule_id, transfer_id FROM flags ORDER BY id DESC LIMIT ?)
    WHERE title LIKE ? ESCAPE '\\' OR rule_id LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?`)
    .all(budgets.smallScanRows, likeContains(text), likeContains(text), limit) as SearchHits['flags'];
  const partial = rows.length < limit && exceeds(db, `SELECT 1 FROM flags ORDER BY id DESC`, budgets.smallScanRows);
  return { flags: rows, partial };
}

/** Hits per kind for `query`, at most `limit` of each. An empty query finds nothing. */
export function searchGlobal(db: Db, query: string, limit: number, budgets: SearchBudgets = defaultSearchBudgets): SearchHits {
  const raw = query.trim();
  if (!raw) return { entities: [], transfers: [], documents: [], flags: [], partial: false };
  const norm = normalizeName(raw);
  const e = searchEntities(db, norm, raw, limit, budgets);
  const t = searchTransfers(db, raw, e.entities.map((x) => x.id), limit, budgets);
  const d = searchDocuments(db, raw, limit, budgets);
  const f = searchFlags(db, raw, limit, budgets);
  return { entities: e.entities, transfers: t.transfers, documents: d.documents, flags: f.flags, partial: e.partial || t.partial || d.partial || f.partial };
}
