// The ledger as it was known at a moment: for each fact, the version recorded at or before that
// moment and not yet replaced or removed by then. Current rows and fact_history together hold
// every version, so this needs no backup.
import type { Db } from '../db/open';

export interface TransferAsOf {
  id: number; fromId: number; fromName: string; toId: number; toName: string; resourceType: string; resource: string;
  quantity: number | null; unit: string | null; amountMinor: number | null; currency: string | null; date: string;
  datePrecision: string; status: string; description: string; recordedAt: string | null;
}

/** A table's rows as known at `at`, as plain objects with their column names. */
export function rowsAsOf(db: Db, table: string, at: string): Array<Record<string, unknown>> {
  const current = db.prepare(`SELECT * FROM ${table} WHERE ifnull(recorded_at, '') <= ?`).all(at) as Array<Record<string, unknown>>;
  const past = (db.prepare(`SELECT row_json FROM fact_history WHERE table_name = ? AND ifnull(recorded_at, '') <= ? AND retired_at > ?`)
    .pluck().all(table, at, at) as string[]).map((j) => JSON.parse(j) as Record<string, unknown>);
  return [...current, ...past].sort((a, b) => Number(a.id) - Number(b.id));
}

export function transfersAsOf(db: Db, at: string): TransferAsOf[] {
  const names = new Map(rowsAsOf(db, 'entities', at).map((e) => [Number(e.id), String(e.name)]));
  return rowsAsOf(db, 'transfers', at).map((t) => ({
    id: Number(t.id), fromId: Number(t.from_id), fromName: names.get(Number(t.from_id)) ?? `entity ${t.from_id}`,
    toId: Number(t.to_id), toName: names.get(Number(t.to_id)) ?? `entity ${t.to_id}`, resourceType: String(t.resource_type),
    resource: String(t.resource), quantity: t.quantity as number | null, unit: t.unit as string | null,
    amountMinor: t.amount_minor as number | null, currency: t.currency as string | null, date: String(t.occurred_on),
    datePrecision: String(t.date_precision), status: String(t.status), description: String(t.description ?? ''),
    recordedAt: (t.recorded_at as string | null) ?? null,
  }));
}
