import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import { latestSchemaVersion, migrations, type Migration } from './migrations';
import { appendAudit } from '../ledger/auditLog';

export type Db = Database.Database;

/** 'ArmL' as a 32-bit integer: marks a SQLite file as ours (PRAGMA application_id). */
export const APPLICATION_ID = 0x41726d4c;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Create the file if it does not exist (default true). */
  create?: boolean;
  /** Migrations to apply; tests pass a prefix to build ledgers of an earlier version. */
  migrations?: Migration[];
}

export interface MigrationReport {
  from: number;
  to: number;
  backup: string | null;
}

function refuse(file: string, why: string): never {
  throw new AppError('ledger_refused', `${file}: ${why}. The file was not changed.`);
}

/** Check a file before SQLite writes anything to it (opening a non-database can create a journal). */
function checkExistingFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(100);
    const n = fs.readSync(fd, header, 0, 100, 0);
    if (n === 0) return; // an empty file is a new ledger
    if (n < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) refuse(file, 'is not an Arm\'s Length ledger (not a SQLite database)');
    const appId = header.readUInt32BE(68);
    const userVersion = header.readUInt32BE(60);
    if (appId !== APPLICATION_ID && !(appId === 0 && userVersion === 0)) {
      refuse(file, 'is a SQLite database made by another program, not an Arm\'s Length ledger');
    }
    if (appId === 0 && userVersion === 0) {
      // An empty SQLite database can become a ledger; one with tables of its own cannot.
      return;
    }
    if (userVersion > latestSchemaVersion) {
      refuse(file, `was written by a newer version of Arm's Length (schema ${userVersion}; this version knows up to ${latestSchemaVersion}). Update the app to open it`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

export function openLedger(file: string, options: OpenOptions = {}): Db {
  const { create = true, migrations: toApply = migrations } = options;
  const exists = fs.existsSync(file);
  if (!exists && !create) throw new AppError('ledger_refused', `${file}: no such ledger`);
  if (exists) checkExistingFile(file);
  else fs.mkdirSync(path.dirname(file), { recursive: true });

  const db = new Database(file);
  try {
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'`).get() as { n: number };
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID && tables.n > 0) refuse(file, 'is a SQLite database with tables of another program, not an Arm\'s Length ledger');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Sorts and temp tables of a rule run or a big report stay in memory instead of spilling to a temp file.
    db.pragma('temp_store = MEMORY');
    // Read pages through the OS page cache instead of copying them: paged queries on a 1M-transfer
    // ledger drop from ~13 ms to ~2 ms p95 in the benchmark (bench/queries.ts).
    db.pragma('mmap_size = 1073741824');
    migrate(db, file, toApply);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Where the copy taken before migrating goes: beside the ledger, named by version and time, never reused. */
export function backupPathFor(file: string, fromVersion: number, at = new Date()): string {
  const base = `${file}.backup-v${fromVersion}-${at.toISOString().replace(/[-:]/g, '').replace('.', '').replace('Z', '')}`;
  let candidate = base;
  for (let n = 1; fs.existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * Bring the ledger to the latest schema. A ledger that has data is first copied with VACUUM INTO
 * (a consistent online copy). Each migration runs in its own transaction with foreign keys
 * off, as SQLite advises for schema changes, must leave no broken reference behind, and is
 * logged in the same transaction, so a later failure still leaves a record of what was done.
 */
function migrate(db: Db, file: string, toApply: Migration[]): MigrationReport | null {
  const from = schemaVersion(db);
  const pending = toApply.filter((m) => m.version > from);
  if (pending.length === 0) return null;
  let backup: string | null = null;
  if (from > 0) {
    backup = backupPathFor(file, from);
    db.prepare('VACUUM INTO ?').run(backup);
  }
  db.pragma('foreign_keys = OFF');
  try {
    let previous = from;
    for (const m of pending) {
      db.transaction(() => {
        db.exec(m.sql);
        m.after?.(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${m.version} (${m.name}) left ${broken.length} broken references; nothing was changed`);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${m.version}`);
        const last = m === pending[pending.length - 1];
        if (hasAuditLog(db) && (from > 0 || last)) {
          appendAudit(db, {
            action: from === 0 ? 'ledger.create' : 'schema.migrate', actor: 'armslength',
            summary: from === 0 ? `created the ledger (schema ${m.version})`
              : `migrated the ledger from schema ${previous} to ${m.version}: ${m.name}${backup ? `; copy before: ${path.basename(backup)}` : ''}`,
            details: { from: from === 0 ? 0 : previous, to: m.version, backup },
          });
        }
      })();
      previous = m.version;
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return { from, to: pending[pending.length - 1]!.version, backup };
}

function hasAuditLog(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'`).get() !== undefined;
}
