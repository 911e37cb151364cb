// The review queue: transfers a parser proposed from a filing's prose or tables. Accepting one
// writes a transfer with the excerpt as its evidence; rejecting one records why. Both are logged.
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { LedgerWriter } from './write';
import { appendAudit } from './auditLog';
import { findEntityByName } from './read';
import { parseIsoPartialDate } from '../../../shared/dates';
import { resourceTypes } from '../../../shared/domain';

export interface Candidate {
  id: number; documentId: number; documentName: string; issuerId: number | null; issuerName: string | null; counterparty: string | null;
  direction: 'from_issuer' | 'to_issuer' | 'unknown'; amountMinor: number | null; currency: string | null; periodText: string | null;
  periodStart: string | null; periodEnd: string | null; description: string; excerpt: string; locator: string;
  charStart: number | null; charEnd: number | null; status: 'pending' | 'accepted' | 'rejected'; transferId: number | null; decidedReason: string | null;
  /** A transfer already in the ledger with the same two parties, amount and period: accepting would count it twice. */
  possibleDuplicateOf: number | null;
}

const select = `SELECT c.id, c.document_id AS documentId, d.name AS documentName, c.issuer_id AS issuerId, e.name AS issuerName, c.counterparty,
  c.direction, c.amount_minor AS amountMinor, c.currency, c.period_text AS periodText, c.period_start AS periodStart, c.period_end AS periodEnd,
  c.description, c.excerpt, c.locator, c.char_start AS charStart, c.char_end AS charEnd, c.status, c.transfer_id AS transferId, c.decided_reason AS decidedReason
  FROM transfer_candidates c JOIN documents d ON d.id = c.document_id LEFT JOIN entities e ON e.id = c.issuer_id`;

export function listCandidates(db: Db, status: Candidate['status'] | 'all' = 'pending'): Candidate[] {
  const rows = db.prepare(`${select} ${status === 'all' ? '' : 'WHERE c.status = ?'} ORDER BY c.id`).all(...(status === 'all' ? [] : [status])) as Array<Omit<Candidate, 'possibleDuplicateOf'>>;
  return rows.map((c) => ({ ...c, possibleDuplicateOf: c.status === 'pending' ? findExisting(db, c) : null }));
}

/** The same two parties, the same amount and currency, dated within the proposal's period (or its year). */
function findExisting(db: Db, c: Omit<Candidate, 'possibleDuplicateOf'>): number | null {
  if (c.issuerId === null || !c.counterparty || c.amountMinor === null) return null;
  const other = findEntityByName(db, c.counterparty);
  if (other === undefined) return null;
  const year = (c.periodEnd ?? c.periodStart)?.slice(0, 4);
  const from = c.periodStart ?? (year ? `${year}-01-01` : '0000-01-01');
  const to = c.periodEnd ?? (year ? `${year}-12-31` : '9999-12-31');
  return (db.prepare(`SELECT id FROM transfers WHERE ((from_id = @a AND to_id = @b) OR (from_id = @b AND to_id = @a))
      AND amount_minor = @amount AND currency = @currency AND occurred_on BETWEEN @from AND @to ORDER BY id LIMIT 1`)
    .pluck().get({ a: c.issuerId, b: other, amount: c.amountMinor, currency: c.currency, from, to }) as number | undefined) ?? null;
}

function getCandidate(db: Db, id: number): Candidate {
  const c = db.prepare(`${select} WHERE c.id = ?`).get(id) as Candidate | undefined;
  if (!c) throw new AppError('not_found', `No proposed transfer ${id}`);
  if (c.status !== 'pending') throw new AppError('invalid_input', `Proposed transfer ${id} was already ${c.status}.`);
  return c;
}

export interface AcceptChoices {
  counterpartyId?: number;
  issuerId?: number;
  direction?: 'from_issuer' | 'to_issuer';
  resourceType?: (typeof resourceTypes)[number];
  resource?: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY; defaults to the end (or start) of the period the filing gives. */
  date?: string;
}

export function acceptCandidate(db: Db, id: number, choices: AcceptChoices = {}): number {
  return db.transaction(() => {
    const c = getCandidate(db, id);
    const fail = (field: string, msg: string): never => { throw new AppError('invalid_input', `Proposed transfer ${id} not accepted: ${field}: ${msg}`, [`${field}: ${msg}`]); };
    const issuerId = choices.issuerId ?? c.issuerId ?? fail('issuerId', 'the filing\'s issuer is not known; choose it');
    const direction = choices.direction ?? (c.direction === 'unknown' ? fail('direction', 'the text does not say who paid whom; choose from_issuer or to_issuer') : c.direction);
    const w = new LedgerWriter(db);
    let counterpartyId = choices.counterpartyId;
    if (counterpartyId === undefined) {
      if (!c.counterparty) fail('counterpartyId', 'the text names no counterparty; choose the entity');
        counterpartyId = findEntityByName(db, c.counterparty!) ?? w.entity({ kind: 'company', name: c.counterparty! });
    }
    if (counterpartyId === issuerId) fail('counterpartyId', 'the counterparty is the issuer itself');
    const dateText = choices.date ?? c.periodEnd ?? c.periodStart ?? fail('date', 'the filing gives no date for it; enter one');
    let when;
    try { when = parseIsoPartialDate(dateText); } catch (err) { return fail('date', (err as Error).message); }
    const [fromId, toId] = direction === 'from_issuer' ? [issuerId, counterpartyId] : [counterpartyId, issuerId];
    const transferId = w.transfer({
      fromId, toId, resourceType: choices.resourceType ?? 'cash', resource: choices.resource ?? c.description.slice(0, 300),
      amountMinor: c.amountMinor, currency: c.currency, date: when.date, datePrecision: when.precision,
      description: c.periodText ? `${c.description} (${c.periodText})` : c.description,
    });
    w.evidence({ documentId: c.documentId, locator: c.locator, excerpt: c.excerpt, transferId, charStart: c.charStart, charEnd: c.charEnd });
    db.prepare(`UPDATE transfer_candidates SET status = 'accepted', transfer_id = ?, decided_at = ? WHERE id = ?`).run(transferId, w.recordedAt, id);
    appendAudit(db, { action: 'candidate.accept', summary: `accepted proposed transfer ${id} from ${c.documentName} as transfer ${transferId}`, details: { candidateId: id, transferId, choices } });
    return transferId;
  })();
}

export function rejectCandidate(db: Db, id: number, reason: string): void {
  if (!reason.trim()) throw new AppError('invalid_input', `Proposed transfer ${id} not rejected: reason: say why`, ['reason: say why']);
  db.transaction(() => {
    const c = getCandidate(db, id);
    db.prepare(`UPDATE transfer_candidates SET status = 'rejected', decided_at = ?, decided_reason = ? WHERE id = ?`).run(new Date().toISOString(), reason.trim(), id);
    appendAudit(db, { action: 'candidate.reject', summary: `rejected proposed transfer ${id} from ${c.documentName}: ${reason.trim()}`, details: { candidateId: id, reason: reason.trim() } });
  })();
}
