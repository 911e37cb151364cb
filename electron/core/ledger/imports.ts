// Import batches: listed with their file and counts, and undone as a whole. Undo removes what
// the batch added (its transfers, disclosures, and entities nothing else refers to); the rows
// stay in history and the audit log, and the same file can be imported again afterwards.
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { appendAudit } from './auditLog';

export interface ImportBatch {
  id: number; format: string; fileName: string; sha256: string | null; rows: number; newEntities: number;
  importedAt: string; undoneAt: string | null;
}

export function listImports(db: Db): ImportBatch[] {
  return db.prepare(`
    SELECT b.id, b.format, d.name AS fileName, d.sha256, b.row_count AS rows, b.entity_count AS newEntities, b.created_at AS importedAt, b.undone_at AS undoneAt
    FROM import_batches b JOIN documents d ON d.id = b.document_id ORDER BY b.id DESC`).all() as ImportBatch[];
}

export function undoImport(db: Db, batchId: number, reason: string): { transfers: number; entities: number; disclosures: number } {
  return db.transaction(() => {
    const batch = db.prepare(`SELECT b.id, b.undone_at, d.name FROM import_batches b JOIN documents d ON d.id = b.document_id WHERE b.id = ?`).get(batchId) as { id: number; undone_at: string | null; name: string } | undefined;
    if (!batch) throw new AppError('not_found', `No import batch ${batchId}`);
    if (batch.undone_at) throw new AppError('invalid_input', `Import batch ${batchId} (${batch.name}) was already undone on ${batch.undone_at}.`);
    const transfers = db.prepare(`DELETE FROM transfers WHERE batch_id = ?`).run(batchId).changes;
    const disclosures = db.prepare(`DELETE FROM disclosures WHERE batch_id = ?`).run(batchId).changes;
    // Proposals nobody accepted go with the batch; accepted ones became a person's transfers and stay.
    db.prepare(`DELETE FROM transfer_candidates WHERE batch_id = ? AND status <> 'accepted'`).run(batchId);
    db.prepare(`DELETE FROM document_findings WHERE batch_id = ?`).run(batchId);
    db.prepare(`DELETE FROM issuer_figures WHERE batch_id = ?`).run(batchId);
    // Aliases the batch taught (a spreadsheet party a person said is an existing entity) go too.
    const aliases = db.prepare(`DELETE FROM entity_aliases WHERE batch_id = ?`).run(batchId).changes;
    // Entities the batch created go too, unless something else now refers to them.
    const entities = db.prepare(`
      DELETE FROM entities WHERE batch_id = @b AND merged_into_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.from_id = entities.id OR t.to_id = entities.id OR t.intended_for_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM affiliations a WHERE a.subject_id = entities.id OR a.object_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM disclosures x WHERE x.issuer_id = entities.id OR x.counterparty_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.entity_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM entity_identifiers i WHERE i.entity_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM entity_aliases a WHERE a.entity_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM entities m WHERE m.merged_into_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM issuer_figures f WHERE f.entity_id = entities.id)
        AND NOT EXISTS (SELECT 1 FROM transfer_candidates c WHERE c.issuer_id = entities.id)`).run({ b: batchId }).changes;
    const at = new Date().toISOString();
    db.prepare(`UPDATE import_batches SET undone_at = ? WHERE id = ?`).run(at, batchId);
    appendAudit(db, {
      action: 'import.undo',
      summary: `undid import batch ${batchId} (${batch.name}): removed ${transfers} transfers, ${entities} entities, ${disclosures} disclosures${reason.trim() ? `; ${reason.trim()}` : ''}`,
      details: { batchId, fileName: batch.name, transfers, entities, disclosures, aliases, reason: reason.trim() },
    });
    return { transfers, entities, disclosures };
  })();
}
