// The transfers a rule run evaluates, read by id from a temp table of ids, each part of up to 50k
// rows as one JSON value (jsonRows.ts): a full run reads thousands, and rows handed over one by
// one cost more than the rest of the read. Same rows as ledger/read.ts transferSelect, without the
// flag count (a rule run does not show it).
import type { Db } from '../db/open';
import type { EntityRef } from '../../../shared/domain';
import { toTransferRow, type TransferDbRow, type TransferWithKey } from '../ledger/read';
import { exactReal, readJsonArrays, realAsText } from './jsonRows';
import { stmt } from './stmtCache';

type TransferJson = [number, number, string, EntityRef['kind'], number, string, EntityRef['kind'], number | null, string | null, EntityRef['kind'] | null,
  TransferDbRow['resource_type'], string, string | null, string | null, string | null, number | null, string | null, string, TransferDbRow['date_precision'],
  TransferDbRow['status'], string];

/** Rows per JSON text: ~12 MB, so a ledger where most transfers are related is still read in parts. */
const CHUNK = 50_000;

/** Transfers whose ids are in `table` (a temp table with an `id` column), in id order; `chunk` rows per statement. */
export function loadTransfers(db: Db, table: string, chunk = CHUNK): TransferWithKey[] {
  // CROSS JOIN: the ids drive, not a scan of transfers. Read in parts of ids (after, upTo]; an id
  // whose transfer was deleted since (an incremental run lists them) simply finds no row.
  const bound = `SELECT max(id) FROM (SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ${chunk})`;
  const sql = `SELECT json_group_array(json_array(t.id, t.from_id, f.name, f.kind, t.to_id, o.name, o.kind, t.intended_for_id, i.name, i.kind,
      t.resource_type, t.resource, t.resource_key, ${realAsText('t.quantity')}, t.unit, t.amount_minor, t.currency, t.occurred_on, t.date_precision,
      t.status, t.description))
    FROM ${table} c CROSS JOIN transfers t ON t.id = c.id JOIN entities f ON f.id = t.from_id JOIN entities o ON o.id = t.to_id
    LEFT JOIN entities i ON i.id = t.intended_for_id
    WHERE c.id > ? AND c.id <= ?`;
  const rows: TransferWithKey[] = [];
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const upTo = stmt(db, bound).pluck().get(after) as number | null;
    if (upTo === null) break;
    for (const r of readJsonArrays<TransferJson>(db, sql, after, upTo)) {
      rows.push(toTransferRow({
        id: r[0], from_id: r[1], from_name: r[2], from_kind: r[3], to_id: r[4], to_name: r[5], to_kind: r[6], intended_for_id: r[7], intended_name: r[8],
        intended_kind: r[9], resource_type: r[10], resource: r[11], resource_key: r[12], quantity: exactReal(r[13]), unit: r[14], amount_minor: r[15],
        currency: r[16], occurred_on: r[17], date_precision: r[18], status: r[19], description: r[20], flag_count: 0,
      }));
    }
    after = upTo;
  }
  return rows.sort((a, b) => a.id - b.id);
}
