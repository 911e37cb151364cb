// Turning the user's scope into what the report reads: defaults filled from the ledger's
// settings, a stable key for "the same scope", and the set of entities it covers.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { ReportScope, type ReportScopeInput } from '../../../shared/reportScope';
import { readSettings } from '../ledger/settings';
import { canonicalJson } from '../ledger/auditLog';
import { AppError } from '../errors';

export interface ResolvedScope extends ReportScope {
  currency: string;
  author: string;
  /** Names of the chosen entities, for the cover. */
  entityNames: string[];
}

export function resolveScope(db: Db, input: ReportScopeInput = {}): ResolvedScope {
  const parsed = ReportScope.safeParse(input);
  if (!parsed.success) {
    throw new AppError('invalid_input', `Report scope: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'scope'}: ${i.message}`).join('; ')}`);
  }
  const s = parsed.data;
  const settings = readSettings(db);
  const entityIds = [...new Set(s.entityIds)].sort((a, b) => a - b);
  const name = db.prepare(`SELECT name FROM entities WHERE id = ?`).pluck();
  const entityNames = entityIds.map((id) => {
    const n = name.get(id) as string | undefined;
    if (n === undefined) throw new AppError('not_found', `Report scope: entityIds: no entity with id ${id}`);
    return n;
  });
  return {
    ...s,
    entityIds,
    regimes: [...new Set(s.regimes)].sort(),
    currency: s.currency ?? settings.reportingCurrency,
    author: s.author || settings.reviewerName,
    entityNames,
  };
}

/** The same entities, period, regimes, flag filter and currency give the same key (title, author and language aside). */
export function scopeKey(s: ResolvedScope): string {
  const core = { entityIds: s.entityIds, includeGroup: s.includeGroup, from: s.from, to: s.to, regimes: s.regimes, flags: s.flags, currency: s.currency };
  return createHash('sha256').update(canonicalJson(core)).digest('hex');
}

/**
 * The entities the report covers: null for the whole ledger; otherwise the chosen ones and,
 * with includeGroup, every firm they own or control directly or through others (merged
 * duplicates follow their survivor).
 */
export function entitiesInScope(db: Db, s: ResolvedScope): Set<number> | null {
  if (s.entityIds.length === 0) return null;
  const ids = new Set(s.entityIds);
  if (s.includeGroup) {
    const rows = db.prepare(`
      WITH RECURSIVE grp(id) AS (
        SELECT value FROM json_each(?)
        UNION
        SELECT a.object_id FROM affiliations a JOIN grp ON a.subject_id = grp.id
        WHERE a.kind IN ('ownership', 'control') AND (a.kind = 'control' OR ifnull(a.voting_pct, ifnull(a.equity_pct, 0)) > 50)
      ) SELECT id FROM grp`).pluck().all(JSON.stringify(s.entityIds)) as number[];
    for (const id of rows) ids.add(id);
  }
  const merged = db.prepare(`SELECT id FROM entities WHERE merged_into_id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify([...ids])) as number[];
  for (const id of merged) ids.add(id);
  return ids;
}
