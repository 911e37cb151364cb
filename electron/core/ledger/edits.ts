// Changes a person makes to the ledger. Each is validated (errors name the field), written in
// one transaction together with its audit-log entry, and leaves the old version in history.
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { LedgerWriter } from './write';
import { appendAudit } from './auditLog';
import { normalizeName } from './names';
import { validated } from './validate';
import { EntityInput, AffiliationInput, PriceBandInput, TransferInput, TransferPatch } from '../../../shared/ledgerInputs';
import { minorToDecimalString, parseAmountToMinor } from '../../../shared/money';
import { parseIsoPartialDate, type DatePrecision } from '../../../shared/dates';

const nowIso = () => new Date().toISOString();

function requireEntity(db: Db, id: number | null | undefined, field: string, what: string): void {
  if (id == null) return;
  const row = db.prepare(`SELECT merged_into_id FROM entities WHERE id = ?`).get(id) as { merged_into_id: number | null } | undefined;
  if (!row) throw new AppError('invalid_input', `${what} not saved: ${field}: no entity with id ${id}`, [`${field}: no entity with id ${id}`]);
  if (row.merged_into_id !== null) {
    const msg = `${field}: entity ${id} was merged into entity ${row.merged_into_id}; use that one`;
    throw new AppError('invalid_input', `${what} not saved: ${msg}`, [msg]);
  }
}

export function createEntity(db: Db, input: unknown): number {
  const e = validated(EntityInput, input, 'Entity');
  return db.transaction(() => {
    const w = new LedgerWriter(db);
    const id = w.entity(e);
    for (const a of e.aliases) w.alias(id, a);
    for (const i of e.identifiers) {
      const taken = db.prepare(`SELECT entity_id FROM entity_identifiers WHERE scheme = ? AND value = ? AND ifnull(jurisdiction, '') = ifnull(?, '')`).pluck().get(i.scheme, i.value, i.jurisdiction ?? null);
      if (taken !== undefined) {
        const msg = `identifiers: ${i.scheme.toUpperCase()} ${i.value} already belongs to entity ${taken}`;
        throw new AppError('invalid_input', `Entity not saved: ${msg}`, [msg]);
      }
      w.identifier({ entityId: id, ...i });
    }
    appendAudit(db, { action: 'entity.create', summary: `added ${e.kind} "${e.name}" (entity ${id})`, details: { id, ...e } });
    return id;
  })();
}

export function createAffiliation(db: Db, input: unknown): number {
  const a = validated(AffiliationInput, input, 'Affiliation');
  return db.transaction(() => {
    requireEntity(db, a.subjectId, 'subjectId', 'Affiliation');
    requireEntity(db, a.objectId, 'objectId', 'Affiliation');
    const id = new LedgerWriter(db).affiliation(a);
    appendAudit(db, { action: 'affiliation.create', summary: `added ${a.kind}${a.role ? ` (${a.role})` : ''} of entity ${a.subjectId} in entity ${a.objectId} (affiliation ${id})`, details: { id, ...a } });
    return id;
  })();
}

function transferColumns(t: TransferInput) {
  const when = parseIsoPartialDate(t.date);
  return {
    from_id: t.fromId, to_id: t.toId, intended_for_id: t.intendedForId ?? null, resource_type: t.resourceType, resource: t.resource,
    resource_key: t.resourceKey ?? null, quantity: t.quantity ?? null, unit: t.unit ?? null,
    amount_minor: t.amount != null && t.currency != null ? parseAmountOrFail(t.amount, t.currency) : null, currency: t.currency ?? null,
    occurred_on: when.date, date_precision: when.precision, status: t.status, description: t.description,
  };
}

function parseAmountOrFail(amount: string, currency: string): number {
  try {
    return parseAmountToMinor(amount, currency);
  } catch (err) {
    const msg = `amount: ${(err as Error).message}`;
    throw new AppError('invalid_input', `Transfer not saved: ${msg}`, [msg]);
  }
}

function checkTransferRefs(db: Db, t: TransferInput): void {
  requireEntity(db, t.fromId, 'fromId', 'Transfer');
  requireEntity(db, t.toId, 'toId', 'Transfer');
  requireEntity(db, t.intendedForId, 'intendedForId', 'Transfer');
}

export function createTransfer(db: Db, input: unknown): number {
  const t = validated(TransferInput, input, 'Transfer');
  return db.transaction(() => {
    checkTransferRefs(db, t);
    const c = transferColumns(t);
    const id = new LedgerWriter(db).transfer({
      fromId: c.from_id, toId: c.to_id, intendedForId: c.intended_for_id, resourceType: c.resource_type, resource: c.resource,
      resourceKey: c.resource_key, quantity: c.quantity, unit: c.unit, amountMinor: c.amount_minor, currency: c.currency,
      date: c.occurred_on, datePrecision: c.date_precision, status: c.status, description: c.description,
    });
    appendAudit(db, { action: 'transfer.create', summary: `added transfer ${id}: ${t.resource} from entity ${t.fromId} to entity ${t.toId}`, details: { id, ...c } });
    return id;
  })();
}

interface TransferDbRow {
  from_id: number; to_id: number; intended_for_id: number | null; resource_type: TransferInput['resourceType']; resource: string;
  resource_key: string | null; quantity: number | null; unit: string | null; amount_minor: number | null; currency: string | null;
  occurred_on: string; date_precision: DatePrecision; status: TransferInput['status']; description: string;
}

function currentTransfer(db: Db, id: number): TransferDbRow {
  const row = db.prepare(`SELECT * FROM transfers WHERE id = ?`).get(id) as TransferDbRow | undefined;
  if (!row) throw new AppError('not_found', `No transfer with id ${id}`);
  return row;
}

/** The stored row as the input that would create it (exact decimal text, date at its precision). */
function asInput(r: TransferDbRow): TransferInput {
  return {
    fromId: r.from_id, toId: r.to_id, intendedForId: r.intended_for_id, resourceType: r.resource_type, resource: r.resource,
    resourceKey: r.resource_key, quantity: r.quantity, unit: r.unit,
    amount: r.amount_minor === null || r.currency === null ? null : minorToDecimalString(r.amount_minor, r.currency), currency: r.currency,
    date: r.date_precision === 'year' ? r.occurred_on.slice(0, 4) : r.date_precision === 'month' ? r.occurred_on.slice(0, 7) : r.occurred_on,
    status: r.status, description: r.description,
  };
}

/** Change some fields; the whole transfer is checked again, and the old version goes to history. */
export function updateTransfer(db: Db, id: number, patch: unknown): void {
  const p = validated(TransferPatch, patch, 'Transfer');
  db.transaction(() => {
    const before = currentTransfer(db, id);
    const merged = validated(TransferInput, { ...asInput(before), ...p }, 'Transfer');
    checkTransferRefs(db, merged);
    const after = transferColumns(merged);
    const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return;
    db.prepare(`UPDATE transfers SET ${changed.map((k) => `${k} = @${k}`).join(', ')}, recorded_at = @recorded_at WHERE id = @id`)
      .run({ ...after, recorded_at: nowIso(), id });
    appendAudit(db, {
      action: 'transfer.update', summary: `changed transfer ${id}: ${changed.join(', ')}`,
      details: { id, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
    });
  })();
}

export function deleteTransfer(db: Db, id: number, reason: string): void {
  if (!reason.trim()) throw new AppError('invalid_input', 'Transfer not deleted: reason: say why it is removed', ['reason: say why it is removed']);
  db.transaction(() => {
    const before = currentTransfer(db, id);
    db.prepare(`DELETE FROM transfers WHERE id = ?`).run(id);
    appendAudit(db, { action: 'transfer.delete', summary: `removed transfer ${id}: ${reason.trim()}`, details: { id, reason: reason.trim(), before } });
  })();
}

/**
 * Merge a duplicate (loser) into the entity that stays (winner). Both rows remain: the loser
 * points at the winner, its name becomes an alias, and everything that referred to it is moved,
 * with the old versions kept in history. Transfers between the two would become transfers to
 * oneself, so such a merge is refused until a person has dealt with them.
 */
export function mergeEntities(db: Db, winnerId: number, loserId: number, reason: string): void {
  const fail = (msg: string) => { throw new AppError('invalid_input', `Entities not merged: ${msg}`, [msg]); };
  if (!reason.trim()) fail('reason: say why these are the same');
  if (winnerId === loserId) fail('loserId: an entity cannot be merged into itself');
  db.transaction(() => {
    requireEntity(db, winnerId, 'winnerId', 'Merge');
    requireEntity(db, loserId, 'loserId', 'Merge');
    const between = db.prepare(`SELECT id FROM transfers WHERE (from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?)`).pluck().all(winnerId, loserId, loserId, winnerId) as number[];
    if (between.length > 0) fail(`loserId: transfers ${between.join(', ')} run between the two entities; after a merge they would go from an entity to itself`);
    const at = nowIso();
    const ids = (sql: string) => db.prepare(sql).pluck().all({ loser: loserId }) as number[];
    const moved = {
      transfersFrom: ids(`SELECT id FROM transfers WHERE from_id = @loser`),
      transfersTo: ids(`SELECT id FROM transfers WHERE to_id = @loser`),
      transfersIntended: ids(`SELECT id FROM transfers WHERE intended_for_id = @loser`),
      affiliationsAsSubject: ids(`SELECT id FROM affiliations WHERE subject_id = @loser`),
      affiliationsAsObject: ids(`SELECT id FROM affiliations WHERE object_id = @loser`),
      evidence: ids(`SELECT id FROM evidence WHERE entity_id = @loser`),
      identifiers: ids(`SELECT id FROM entity_identifiers WHERE entity_id = @loser`),
      aliases: ids(`SELECT id FROM entity_aliases WHERE entity_id = @loser`),
      disclosures: ids(`SELECT id FROM disclosures WHERE issuer_id = @loser OR counterparty_id = @loser`),
    };
    // An affiliation between the two (e.g. parent and subsidiary) cannot survive the merge.
    const selfLinks = db.prepare(`SELECT id FROM affiliations WHERE (subject_id = ? AND object_id = ?) OR (subject_id = ? AND object_id = ?)`).pluck().all(winnerId, loserId, loserId, winnerId) as number[];
    for (const id of selfLinks) db.prepare(`DELETE FROM affiliations WHERE id = ?`).run(id);
    const move = (table: string, column: string) =>
      db.prepare(`UPDATE ${table} SET ${column} = @winner, recorded_at = @at WHERE ${column} = @loser`).run({ winner: winnerId, loser: loserId, at });
    move('transfers', 'from_id');
    move('transfers', 'to_id');
    move('transfers', 'intended_for_id');
    move('affiliations', 'subject_id');
    move('affiliations', 'object_id');
    move('evidence', 'entity_id');
    move('entity_identifiers', 'entity_id');
    db.prepare(`UPDATE OR IGNORE entity_aliases SET entity_id = @winner, recorded_at = @at WHERE entity_id = @loser`).run({ winner: winnerId, loser: loserId, at });
    db.prepare(`DELETE FROM entity_aliases WHERE entity_id = ?`).run(loserId); // duplicates of the winner's own aliases
    move('disclosures', 'issuer_id');
    move('disclosures', 'counterparty_id');
    const loser = db.prepare(`SELECT name FROM entities WHERE id = ?`).get(loserId) as { name: string };
    const winner = db.prepare(`SELECT norm_name FROM entities WHERE id = ?`).get(winnerId) as { norm_name: string };
    if (normalizeName(loser.name) !== winner.norm_name) new LedgerWriter(db, at).alias(winnerId, loser.name);
    db.prepare(`UPDATE entities SET merged_into_id = ?, recorded_at = ? WHERE id = ?`).run(winnerId, at, loserId);
    const details = { winnerId, loserId, reason: reason.trim(), removedAffiliations: selfLinks, ...moved };
    db.prepare(`INSERT INTO entity_merges (winner_id, loser_id, reason, moved_json, merged_at) VALUES (?, ?, ?, ?, ?)`).run(winnerId, loserId, reason.trim(), JSON.stringify(details), at);
    appendAudit(db, { action: 'entity.merge', summary: `merged entity ${loserId} ("${loser.name}") into entity ${winnerId}: ${reason.trim()}`, details });
  })();
}

export function createPriceBand(db: Db, input: unknown): number {
  const b = validated(PriceBandInput, input, 'Price band');
  const minor = (field: 'low' | 'base' | 'high') => {
    try {
      return parseAmountToMinor(b[field], b.currency);
    } catch (err) {
      const msg = `${field}: ${(err as Error).message}`;
      throw new AppError('invalid_input', `Price band not saved: ${msg}`, [msg]);
    }
  };
  return db.transaction(() => {
    const id = new LedgerWriter(db).priceBand({ ...b, lowMinor: minor('low'), baseMinor: minor('base'), highMinor: minor('high') });
    appendAudit(db, { action: 'priceBand.create', summary: `added price band for ${b.label} (${b.low}-${b.high} ${b.currency} per ${b.unit}, ${b.validFrom} to ${b.validTo})`, details: { id, ...b } });
    return id;
  })();
}
