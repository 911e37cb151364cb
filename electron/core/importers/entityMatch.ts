// Matching the parties a document names to entities already in the ledger: by identifier first
// (CIK, LEI, ticker...), then by normalised name or alias. A name that matches only once legal
// suffixes are ignored ("Acme Holdings" vs "Acme Holdings LLC") is uncertain: a person decides.
import type { Db } from '../db/open';
import { normalizeName } from '../ledger/names';
import type { ExtractedEntity } from './extracted';

export type EntityMatch =
  | { key: string; status: 'matched'; entityId: number; entityName: string; by: 'identifier' | 'name' | 'alias'; detail: string }
  | { key: string; status: 'uncertain'; candidates: Array<{ entityId: number; entityName: string; why: string }> }
  | { key: string; status: 'new' };

const legalSuffixes = /\b(incorporated|inc|corporation|corp|company|co|limited|ltd|llc|lp|llp|plc|gmbh|ag|se|sa|sas|nv|bv|spa|srl|holdings?|group)\b/g;

/** A name without legal-form words, for suggesting (never deciding) a match. */
export function coreName(name: string): string {
  return normalizeName(name)
    .replace(/\b([a-z])\s(?=[a-z]\b)/g, '$1') // "s a" (from "S.A.") -> "sa"
    .replace(legalSuffixes, '').replace(/\s+/g, ' ').trim();
}

export function matchEntities(db: Db, entities: ExtractedEntity[]): EntityMatch[] {
  const byIdentifier = db.prepare(`SELECT e.id, e.name FROM entity_identifiers i JOIN entities e ON e.id = i.entity_id
    WHERE i.scheme = ? AND upper(i.value) = upper(?) AND e.merged_into_id IS NULL`);
  const byName = db.prepare(`SELECT id, name FROM entities WHERE norm_name = ? AND merged_into_id IS NULL ORDER BY id`);
  const byAlias = db.prepare(`SELECT e.id, e.name, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.norm_alias = ? AND e.merged_into_id IS NULL ORDER BY e.id`);
  const cores = new Map<string, Array<{ id: number; name: string }>>();
  for (const e of db.prepare(`SELECT id, name FROM entities WHERE merged_into_id IS NULL`).iterate() as Iterable<{ id: number; name: string }>) {
    const c = coreName(e.name);
    if (c) cores.set(c, [...(cores.get(c) ?? []), e]);
  }
  return entities.map((x): EntityMatch => {
    for (const id of x.identifiers) {
      const value = id.scheme === 'cik' ? id.value.replace(/^0+/, '').padStart(10, '0') : id.value;
      const hit = (byIdentifier.get(id.scheme, value) ?? byIdentifier.get(id.scheme, id.value)) as { id: number; name: string } | undefined;
      if (hit) return { key: x.key, status: 'matched', entityId: hit.id, entityName: hit.name, by: 'identifier', detail: `${id.scheme.toUpperCase()} ${id.value}` };
    }
    for (const name of [x.name, ...x.aliases]) {
      const norm = normalizeName(name);
      const exact = byName.all(norm) as Array<{ id: number; name: string }>;
      if (exact.length === 1) return { key: x.key, status: 'matched', entityId: exact[0]!.id, entityName: exact[0]!.name, by: 'name', detail: `same name as "${exact[0]!.name}"` };
      if (exact.length > 1) return { key: x.key, status: 'uncertain', candidates: exact.map((e) => ({ entityId: e.id, entityName: e.name, why: 'several entities have this name' })) };
      const alias = byAlias.all(norm) as Array<{ id: number; name: string; alias: string }>;
      if (alias.length === 1) return { key: x.key, status: 'matched', entityId: alias[0]!.id, entityName: alias[0]!.name, by: 'alias', detail: `known as "${alias[0]!.alias}"` };
    }
    const similar = cores.get(coreName(x.name)) ?? [];
    if (similar.length > 0) return { key: x.key, status: 'uncertain', candidates: similar.map((e) => ({ entityId: e.id, entityName: e.name, why: 'same name apart from its legal form' })) };
    return { key: x.key, status: 'new' };
  });
}
