// Finds or creates the entity for a party name during a bulk import: the ledger's names and
// aliases are loaded once, and each distinct spelling in the file is normalised once.
import type { Db } from '../../db/open';
import type { LedgerWriter } from '../../ledger/write';
import { normalizeName } from '../../ledger/names';

export class EntityResolver {
  private readonly byNorm = new Map<string, number>();
  private readonly byRaw = new Map<string, number>();
  created = 0;

  constructor(db: Db, private readonly w: LedgerWriter, private readonly batchId: number) {
    const rows = db.prepare(`SELECT entity_id AS id, norm_alias AS norm FROM entity_aliases UNION ALL SELECT id, norm_name FROM entities WHERE merged_into_id IS NULL ORDER BY 1`).all() as Array<{ id: number; norm: string }>;
    for (const r of rows) if (!this.byNorm.has(r.norm)) this.byNorm.set(r.norm, r.id);
  }

  resolve(name: string): number {
    let id = this.byRaw.get(name);
    if (id !== undefined) return id;
    const norm = normalizeName(name);
    id = this.byNorm.get(norm);
    if (id === undefined) {
      id = this.w.entity({ kind: 'company', name, batchId: this.batchId });
      this.byNorm.set(norm, id);
      this.created++;
    }
    this.byRaw.set(name, id);
    return id;
  }
}
