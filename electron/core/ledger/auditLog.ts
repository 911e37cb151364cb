// The audit log: one entry per change (import, edit, delete, merge, review, migration), each
// holding the SHA-256 of the previous entry, so altering or removing an entry breaks the chain
// at that point. verifyAuditLog recomputes the chain and names the first entry that fails.
import { createHash } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../db/open';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

export interface NewAuditEntry {
  action: string;
  summary: string;
  details?: unknown;
  actor?: string;
}

/** Keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, summary: e.summary, details: e.details });
  return createHash('sha256').update(`${e.prevHash}\n${body}`).digest('hex');
}

/** Who makes a change: ARMSLENGTH_USER if set, else the operating-system account. */
export function defaultActor(): string {
  if (process.env.ARMSLENGTH_USER) return process.env.ARMSLENGTH_USER;
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Append an entry; call inside the transaction that makes the change, so both land or neither. */
export function appendAudit(db: Db, entry: NewAuditEntry): AuditEntry {
  const last = db.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined;
  const draft = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: entry.actor ?? defaultActor(),
    action: entry.action,
    summary: entry.summary,
    details: JSON.parse(canonicalJson(entry.details ?? {})) as unknown,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(draft);
  db.prepare(`INSERT INTO audit_log (seq, at, actor, action, summary, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(draft.seq, draft.at, draft.actor, draft.action, draft.summary, canonicalJson(draft.details), draft.prevHash, hash);
  return { ...draft, hash };
}

interface AuditRow { seq: number; at: string; actor: string; action: string; summary: string; details_json: string; prev_hash: string; hash: string }

function toEntry(r: AuditRow): AuditEntry {
  let details: unknown;
  try {
    details = JSON.parse(r.details_json);
  } catch {
    details = r.details_json; // altered into invalid JSON: the hash check will name it
  }
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, summary: r.summary, details, prevHash: r.prev_hash, hash: r.hash };
}

export function auditEntries(db: Db, opts: { limit?: number; beforeSeq?: number } = {}): AuditEntry[] {
  const rows = db.prepare(`SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`)
    .all(opts.beforeSeq ?? Number.MAX_SAFE_INTEGER, opts.limit ?? 100) as AuditRow[];
  return rows.map(toEntry);
}

export function auditHead(db: Db): { seq: number; hash: string } | null {
  return (db.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined) ?? null;
}

export type VerifyResult =
  | { ok: true; entries: number; head: string | null }
  | { ok: false; entries: number; firstBad: number; problem: string };

export function verifyAuditLog(db: Db): VerifyResult {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  for (const row of db.prepare(`SELECT * FROM audit_log ORDER BY seq`).iterate() as Iterable<AuditRow>) {
    n++;
    const e = toEntry(row);
    if (e.seq !== expectedSeq) {
      return { ok: false, entries: n, firstBad: expectedSeq, problem: `entry ${expectedSeq}${e.seq > expectedSeq + 1 ? ` to ${e.seq - 1}` : ''} is missing` };
    }
    if (e.prevHash !== prevHash) {
      return { ok: false, entries: n, firstBad: e.seq, problem: `entry ${e.seq} does not follow entry ${e.seq - 1}: its recorded previous hash differs (an earlier entry was altered or replaced)` };
    }
    if (typeof e.details === 'string' || entryHash(e) !== e.hash) {
      return { ok: false, entries: n, firstBad: e.seq, problem: `entry ${e.seq} (${e.action}, ${e.at}) was altered: its content does not match its hash` };
    }
    prevHash = e.hash;
    expectedSeq++;
  }
  return { ok: true, entries: n, head: n > 0 ? prevHash : null };
}
