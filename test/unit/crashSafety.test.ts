// A crash in the middle of a write leaves the ledger as it was. A real process (the built CLI,
// as a user runs it; npm test builds before the unit tests) imports a large CSV into a ledger
// that already holds data, and is killed with SIGKILL while the import's transaction is open.
// The ledger must then open cleanly with exactly what it held before, and the same file must
// import afterwards (the killed attempt left no "already imported" record).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Db } from '../../electron/core/db/open';
import { bufferSource, importCsvStream } from '../../electron/core/importers/spreadsheet/streamImport';
import { auditHead, verifyAuditLog } from '../../electron/core/ledger/auditLog';
import { count, tempDir } from './tempLedger';

const cli = path.resolve(__dirname, '../../out/main/cli.js');
const fixtures = path.resolve(__dirname, '../fixtures/csv');
const armslength = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });

/** Large enough that the import's transaction is open for a while (seconds) on a fast machine. */
const ROWS = 300_000;
/**
 * The child is killed once it has held the ledger's write lock this long without a break: the
 * import's transaction (seconds), not a short write made on opening (milliseconds).
 */
const KILL_AFTER_LOCK_MS = 400;

function bigCsv(rows: number): Buffer {
  const lines = ['date,from,to,resource,amount,currency'];
  for (let i = 0; i < rows; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    // 1000 firms; (7i + 3) mod 1000 never equals i mod 1000, so no row is a self-transfer.
    lines.push(`2024-${month}-${day},Firm ${i % 1000},Firm ${(i * 7 + 3) % 1000},services,${1 + (i % 99_991)}.50,USD`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const tables = ['entities', 'affiliations', 'transfers', 'documents', 'import_batches', 'evidence', 'flags', 'transfer_links', 'fx_rates', 'fact_history', 'audit_log'];

function state(db: Db) {
  return {
    counts: Object.fromEntries(tables.map((t) => [t, count(db, t)])),
    transfers: db.prepare(`SELECT id, from_id, to_id, amount_minor, currency, occurred_on, batch_id FROM transfers ORDER BY id`).all(),
    entities: db.prepare(`SELECT id, name FROM entities ORDER BY id`).all(),
    batches: db.prepare(`SELECT id, document_id, row_count, undone_at FROM import_batches ORDER BY id`).all(),
    documents: db.prepare(`SELECT id, sha256 FROM documents ORDER BY id`).all(),
    audit: auditHead(db),
    // The bulk writer drops the transfers indexes inside its transaction; a crash must not lose them.
    schema: db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`).all(),
  };
}

/** True while another connection holds the ledger's write lock (its write transaction is open). */
function writeLocked(probe: Database.Database): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fileSize = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('a crash in the middle of a write leaves the ledger as it was', async () => {
    expect(fs.existsSync(cli), `${cli} is missing: run npm run build first`).toBe(true);
    const dir = tempDir('armslength-crash-');
    dirs.push(dir);
    const ledger = path.join(dir, 'client.armslength');
    const bigFile = path.join(dir, 'big.csv');
    const big = bigCsv(ROWS);
    fs.writeFileSync(bigFile, big);

    // Known data: a small import through the same CLI, so whatever it adds to a ledger it
    // opens (reference data, flags) is there already and the killed run writes nothing but
    // its import. Then the state is read and the ledger closed cleanly (no -wal left).
    const small = armslength('import', path.join(fixtures, 'transfers-comma.csv'), '--db', ledger);
    expect(small.status, small.stderr).toBe(0);
    const setup = openLedger(ledger);
    const before = state(setup);
    expect(before.counts.transfers).toBe(3);
    setup.close();
    expect(fileSize(`${ledger}-wal`)).toBe(0);

    // The child imports the big file; we watch the ledger's write lock from here.
    const child = spawn(process.execPath, [cli, 'import', bigFile, '--db', ledger], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });

    const probe = new Database(ledger, { timeout: 0, fileMustExist: true });
    try {
      // Wait until the child has held the write lock for KILL_AFTER_LOCK_MS without a break and
      // has written uncommitted pages to the WAL (the streamed import keeps its rows in a large
      // page cache, so that may be only when it rebuilds the indexes or commits). Checked just
      // before the kill: the transaction is still open, so the kill lands mid-write.
      const deadline = Date.now() + 90_000;
      let lockedSince: number | null = null;
      let walWhenLocked = 0; // what the opening's own short writes left there
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the child ended before it could be killed mid-import (raise ROWS?):\n${output}`);
        if (Date.now() > deadline) throw new Error(`the child never held the write lock for ${KILL_AFTER_LOCK_MS} ms with pages in the WAL:\n${output}`);
        if (!writeLocked(probe)) lockedSince = null;
        else if (lockedSince === null) { lockedSince = Date.now(); walWhenLocked = fileSize(`${ledger}-wal`); }
        else if (Date.now() - lockedSince >= KILL_AFTER_LOCK_MS && fileSize(`${ledger}-wal`) > walWhenLocked) break;
        await sleep(10);
      }
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    } finally {
      probe.close(); // before the kill, so the recovery below is openLedger's own
    }
    const walAtKill = fileSize(`${ledger}-wal`);
    child.kill('SIGKILL');
    const { code, signal } = await exited;
    // Killed by the signal, not a normal exit (else the test would prove nothing).
    expect({ code, signal }, output).toEqual({ code: null, signal: 'SIGKILL' });
    expect(output).not.toMatch(/Imported/);
    // The child had written uncommitted pages into the WAL; they are still there, unfinished.
    expect(walAtKill).toBeGreaterThan(0);
    expect(fs.existsSync(`${ledger}-wal`)).toBe(true);

    // The ledger opens as it was before the killed import.
    const db = openLedger(ledger);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(state(db)).toEqual(before);
      const sha = createHash('sha256').update(big).digest('hex');
      expect(db.prepare(`SELECT count(*) FROM documents WHERE sha256 = ?`).pluck().get(sha)).toBe(0);
      expect(verifyAuditLog(db)).toEqual({ ok: true, entries: before.counts.audit_log, head: before.audit!.hash });

      // The same file imports now: the killed attempt left no "already imported" record.
      const r = await importCsvStream(db, bufferSource('big.csv', big));
      expect(r.transfers).toBe(ROWS);
      expect(r.newEntities).toBe(1000);
      expect(count(db, 'transfers')).toBe(before.counts.transfers! + ROWS);
      expect(count(db, 'import_batches')).toBe(before.counts.import_batches! + 1);
      expect(count(db, 'documents')).toBe(before.counts.documents! + 1);
      expect(db.prepare(`SELECT count(*) FROM transfers WHERE batch_id = ?`).pluck().get(r.batchId)).toBe(ROWS);
      expect(verifyAuditLog(db)).toMatchObject({ ok: true, entries: before.counts.audit_log! + 1 });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(state(db).schema).toEqual(before.schema);
    } finally {
      db.close();
    }
  }, 150_000);
});
