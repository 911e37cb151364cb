// A ledger of every earlier schema version opens in this version: it is migrated in place, a
// copy is kept beside it first, nothing in it is lost, and the audit log records the step.
//
// HOW TO KEEP THIS TEST WORKING WHEN YOU ADD A MIGRATION
// The loop below builds a ledger at every version but the latest, fills it with the fixture for
// that version and migrates it. A fixture is raw SQL valid at the version it is written for and
// is used for later versions too, until a migration changes what is valid or where a fact lives
// (a column moved, a table replaced, a new NOT NULL column without default...). When yours does:
//   1. add a `fixtures` entry { version: <your new version>, fill } whose SQL is valid at that
//      version (keep the same facts: the assertions below compare against `v1`);
//   2. if your migration rewrites a column on purpose, name it in `rewrittenBy` so the
//      row-by-row comparison expects the change, and assert the new home of the fact instead
//      (as the v1→v2 related_transfer_id → transfer_links step is asserted here).
// The 'every fixture is valid at its own version' test checks each fixture, including the one
// for the latest version, which the migration loop first uses once a newer version exists.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openLedger, schemaVersion, type Db } from '../../electron/core/db/open';
import { latestSchemaVersion, migrations, type Migration } from '../../electron/core/db/migrations';
import { appendAudit, auditEntries, verifyAuditLog } from '../../electron/core/ledger/auditLog';
import { count, tempDir } from './tempLedger';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function ledgerFile(name: string): string {
  const dir = tempDir('armslength-migrate-');
  dirs.push(dir);
  return path.join(dir, name);
}

// ---------------------------------------------------------------------------------------------
// The facts every fixture writes, in the words of schema 1.

const minutes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x80, 0x0a]), Buffer.from('\nboard minutes\n')]);
const csvBytes = Buffer.from('date,from,to,resource,amount,currency\n2024-05-01,Gamma Data GmbH,Alpha Holdings Ltd,Data licence,75000.50,EUR\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const v1 = {
  entities: [
    { id: 1, kind: 'person', name: 'Ada Founder', norm_name: 'ada founder', jurisdiction: null, note: 'Founder of the group', created_at: '2024-01-10T08:00:00.000Z' },
    { id: 2, kind: 'company', name: 'Alpha Holdings Ltd', norm_name: 'alpha holdings', jurisdiction: 'GB', note: null, created_at: '2024-01-10T08:00:01.000Z' },
    { id: 3, kind: 'company', name: 'Beta Compute, Inc.', norm_name: 'beta compute', jurisdiction: 'US-DE', note: null, created_at: '2024-01-10T08:00:02.000Z' },
    { id: 4, kind: 'company', name: 'Gamma Data GmbH', norm_name: 'gamma data', jurisdiction: 'DE', note: 'Acquired 2023', created_at: '2024-01-10T08:00:03.000Z' },
  ],
  affiliations: [
    { id: 1, subject_id: 1, object_id: 2, kind: 'ownership', role: null, equity_pct: 62.5, voting_pct: 70, valid_from: '2020-01-01', valid_to: null, note: 'Register of members' },
    { id: 2, subject_id: 1, object_id: 3, kind: 'role', role: 'CEO', equity_pct: null, voting_pct: null, valid_from: '2021-06-01', valid_to: '2024-12-31', note: null },
  ],
  documents: [
    { id: 1, name: 'board-minutes.pdf', kind: 'pdf', sha256: sha(minutes), issuer: 'Beta Compute, Inc.', filed_on: '2024-02-01', source_url: 'https://example.com/minutes.pdf', content: minutes, added_at: '2024-02-02T10:00:00.000Z' },
    { id: 2, name: 'transfers.csv', kind: 'csv ledger', sha256: sha(csvBytes), issuer: null, filed_on: null, source_url: null, content: csvBytes, added_at: '2024-02-03T09:00:00.000Z' },
  ],
  import_batches: [{ id: 1, document_id: 2, format: 'csv', row_count: 1, created_at: '2024-02-03T09:00:00.000Z' }],
  transfers: [
    { id: 1, from_id: 2, to_id: 3, resource_type: 'cash', resource: 'Intercompany loan', resource_key: null, quantity: null, unit: null, amount_minor: 1_250_000_000_123, currency: 'USD', occurred_on: '2024-03-15', date_precision: 'day', status: 'executed', description: 'Loan under the group agreement', related_transfer_id: null, batch_id: null },
    { id: 2, from_id: 3, to_id: 2, resource_type: 'compute', resource: 'GPU cluster time', resource_key: 'gpu.h100.hour', quantity: 5000, unit: 'hours', amount_minor: null, currency: null, occurred_on: '2024-04-01', date_precision: 'month', status: 'proposed', description: 'Repays the loan in kind', related_transfer_id: 1, batch_id: null },
    { id: 3, from_id: 4, to_id: 2, resource_type: 'ip', resource: 'Data licence', resource_key: null, quantity: null, unit: null, amount_minor: 7_500_050, currency: 'EUR', occurred_on: '2024-05-01', date_precision: 'day', status: 'executed', description: '', related_transfer_id: null, batch_id: 1 },
  ],
  evidence: [
    { id: 1, document_id: 1, locator: 'page 4', excerpt: 'The board approved the loan to Beta Compute, Inc.', transfer_id: 1, affiliation_id: null, entity_id: null },
    { id: 2, document_id: 1, locator: 'page 2', excerpt: 'Ada Founder holds 62.5% of the shares of Alpha Holdings Ltd.', transfer_id: null, affiliation_id: 1, entity_id: null },
    { id: 3, document_id: 2, locator: 'line 2', excerpt: '2024-05-01,Gamma Data GmbH,Alpha Holdings Ltd,Data licence,75000.50,EUR', transfer_id: 3, affiliation_id: null, entity_id: null },
  ],
  price_bands: [
    { id: 1, resource_key: 'gpu.h100.hour', label: 'Nvidia H100 GPU hour', unit: 'hour', currency: 'USD', low_minor: 200, base_minor: 250, high_minor: 400, valid_from: '2024-01-01', valid_to: '2024-12-31', source: 'Market survey Q1 2024', document_id: 1 },
  ],
  flags: [
    { id: 1, rule_id: 'common_control', rule_version: 1, transfer_id: 1, severity: 'high', title: 'Common control: Ada Founder on both sides', summary: 'Ada Founder controls Alpha Holdings Ltd and is CEO of Beta Compute, Inc.', paths_json: '[[1,2],[1,3]]', at_stake_minor: 1_250_000_000_123, at_stake_currency: 'USD', status: 'dismissed', status_reason: 'Approved by the independent committee on 2024-03-20', status_changed_at: '2024-03-21T12:00:00.000Z', computed_at: '2024-03-16T00:00:00.000Z' },
  ],
  ledger_settings: [{ key: 'base_currency', value: 'USD' }],
};

type Row = Record<string, unknown>;

function insertRows(db: Db, table: string, rows: Row[], omit: string[] = []): void {
  for (const row of rows) {
    const cols = Object.keys(row).filter((c) => !omit.includes(c));
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(Object.fromEntries(cols.map((c) => [c, row[c]])));
  }
}

/** Schema 1: every fact in its schema-1 home; the related transfer is a column on transfers. */
function fillV1(db: Db): void {
  db.transaction(() => {
    insertRows(db, 'documents', v1.documents);
    insertRows(db, 'import_batches', v1.import_batches);
    insertRows(db, 'entities', v1.entities);
    insertRows(db, 'affiliations', v1.affiliations);
    insertRows(db, 'transfers', v1.transfers);
    insertRows(db, 'evidence', v1.evidence);
    insertRows(db, 'price_bands', v1.price_bands);
    insertRows(db, 'flags', v1.flags);
    insertRows(db, 'ledger_settings', v1.ledger_settings);
  })();
}

/**
 * Schema 2: the same facts, with the related transfer in transfer_links (related_transfer_id is
 * no longer written), plus rows in the tables schema 2 added and entries in the audit log.
 */
function fillV2(db: Db): void {
  db.transaction(() => {
    insertRows(db, 'documents', v1.documents);
    insertRows(db, 'import_batches', v1.import_batches);
    insertRows(db, 'entities', v1.entities);
    insertRows(db, 'affiliations', v1.affiliations);
    insertRows(db, 'transfers', v1.transfers, ['related_transfer_id']);
    db.prepare(`INSERT INTO transfer_links (a_id, b_id, kind, note) VALUES (2, 1, 'related', 'repays in kind')`).run();
    insertRows(db, 'evidence', v1.evidence);
    insertRows(db, 'price_bands', v1.price_bands);
    insertRows(db, 'flags', v1.flags);
    insertRows(db, 'ledger_settings', v1.ledger_settings);
    db.prepare(`INSERT INTO entity_identifiers (entity_id, scheme, value, jurisdiction) VALUES (3, 'lei', '5493001KJTIIGC8Y1R12', NULL)`).run();
    db.prepare(`INSERT INTO entity_aliases (entity_id, alias, norm_alias) VALUES (3, 'Beta Compute', 'beta compute')`).run();
    db.prepare(`INSERT INTO fx_rates (base, quote, day, rate_micro, source) VALUES ('EUR', 'USD', '2024-05-01', 1072000, 'ECB')`).run();
    db.prepare(`INSERT INTO disclosures (document_id, issuer_id, counterparty_id, concept, direction, amount_minor, currency, locator, excerpt)
      VALUES (1, 3, 2, 'RelatedPartyTransactionAmount', 'received', 1250000000123, 'USD', 'page 5', 'Loan from Alpha Holdings Ltd')`).run();
    db.prepare(`INSERT INTO approvals (transfer_id, body, independent, decision, decided_on, document_id) VALUES (1, 'Audit committee', 1, 'approved', '2024-03-20', 1)`).run();
    db.prepare(`UPDATE entities SET note = 'Founder and CEO' WHERE id = 1`).run(); // leaves a row in fact_history
    appendAudit(db, { action: 'test.fixture', summary: 'wrote the schema 2 fixture', details: { entities: 4, transfers: 3 }, actor: 'test' });
  })();
}

/** Fixtures by the version from which each is valid; a ledger of version k gets the last one with version <= k. */
const fixtures: Array<{ version: number; fill: (db: Db) => void }> = [
  { version: 1, fill: fillV1 },
  { version: 2, fill: fillV2 },
];

function fixtureFor(version: number): (db: Db) => void {
  const f = fixtures.filter((x) => x.version <= version).at(-1);
  if (!f) throw new Error(`no fixture for schema ${version}`);
  return f.fill;
}

/** Columns a migration rewrites on purpose (the fact moved elsewhere); excluded from the row-by-row comparison. */
const rewrittenBy: Record<number, Record<string, string[]>> = {
  2: { transfers: ['related_transfer_id'] }, // moved to transfer_links
};

/** Tables a migration adds rows to (after the existing ones, which must stay as they were). */
const appendedBy = ['audit_log'];

// ---------------------------------------------------------------------------------------------

function migrationsUpTo(version: number): Migration[] {
  const i = migrations.findIndex((m) => m.version === version);
  if (i < 0) throw new Error(`no migration ${version}`);
  return migrations.slice(0, i + 1);
}

/** A ledger file at schema `version`, holding that version's fixture, closed. */
function buildLedger(version: number, name = `v${version}.armslength`): string {
  const file = ledgerFile(name);
  const db = openLedger(file, { migrations: migrationsUpTo(version) });
  expect(schemaVersion(db)).toBe(version);
  fixtureFor(version)(db);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
  return file;
}

/** Every row of every table, by the columns it has now (read straight from the file, no migration). */
function snapshotTables(db: Database.Database): Record<string, { columns: string[]; rows: Row[] }> {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => {
    const columns = (db.pragma(`table_info(${t})`) as Array<{ name: string }>).map((c) => c.name);
    return [t, { columns, rows: db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Row[] }];
  }));
}

const hasTable = (db: Database.Database, name: string) => db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !== undefined;

function readRaw<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const backupName = /\.backup-v(\d+)-\d{8}T\d{9}(-\d+)?$/;
const backupsOf = (file: string) => fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${path.basename(file)}.backup-`) && backupName.test(f)).sort();

function expectFactsOfV1(db: Db): void {
  // Named checks of the facts a reader cares about (the snapshot comparison covers every column).
  expect(db.prepare(`SELECT id, kind, name, jurisdiction FROM entities ORDER BY id`).all())
    .toEqual(v1.entities.map(({ id, kind, name, jurisdiction }) => ({ id, kind, name, jurisdiction })));
  expect(db.prepare(`SELECT id, subject_id, object_id, kind, role, equity_pct, voting_pct FROM affiliations ORDER BY id`).all())
    .toEqual(v1.affiliations.map(({ id, subject_id, object_id, kind, role, equity_pct, voting_pct }) => ({ id, subject_id, object_id, kind, role, equity_pct, voting_pct })));
  expect(db.prepare(`SELECT id, from_id, to_id, amount_minor, currency, occurred_on, date_precision, quantity, unit, batch_id FROM transfers ORDER BY id`).all())
    .toEqual(v1.transfers.map(({ id, from_id, to_id, amount_minor, currency, occurred_on, date_precision, quantity, unit, batch_id }) =>
      ({ id, from_id, to_id, amount_minor, currency, occurred_on, date_precision, quantity, unit, batch_id })));
  expect(db.prepare(`SELECT status, status_reason FROM flags`).all()).toEqual([{ status: 'dismissed', status_reason: v1.flags[0]!.status_reason }]);
  const docs = db.prepare(`SELECT id, sha256, content FROM documents ORDER BY id`).all() as Array<{ id: number; sha256: string; content: Buffer }>;
  expect(docs.map((d) => d.sha256)).toEqual(v1.documents.map((d) => d.sha256));
  for (const [i, d] of docs.entries()) {
    expect(Buffer.isBuffer(d.content)).toBe(true);
    expect(d.content.equals(v1.documents[i]!.content)).toBe(true);
    expect(sha(d.content)).toBe(d.sha256);
  }
  expect(db.prepare(`SELECT id, locator, excerpt, transfer_id, affiliation_id FROM evidence ORDER BY id`).all())
    .toEqual(v1.evidence.map(({ id, locator, excerpt, transfer_id, affiliation_id }) => ({ id, locator, excerpt, transfer_id, affiliation_id })));
  expect(db.prepare(`SELECT id, document_id, format, row_count FROM import_batches`).all()).toEqual([{ id: 1, document_id: 2, format: 'csv', row_count: 1 }]);
  expect(db.prepare(`SELECT resource_key, low_minor, base_minor, high_minor, currency FROM price_bands`).all())
    .toEqual([{ resource_key: 'gpu.h100.hour', low_minor: 200, base_minor: 250, high_minor: 400, currency: 'USD' }]);
  // The related transfer: a link in schema 2 and later, however it was recorded before.
  expect(db.prepare(`SELECT a_id, b_id, kind FROM transfer_links WHERE kind = 'related'`).all()).toEqual([{ a_id: 2, b_id: 1, kind: 'related' }]);
}

const earlier = migrations.slice(0, -1);

describe('migrating ledgers of earlier schema versions', () => {
  it('has at least one earlier version to migrate from, and versions numbered 1, 2, 3...', () => {
    expect(earlier.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(latestSchemaVersion).toBe(migrations.length);
  });

  it('every fixture is valid at its own version', () => {
    for (const f of fixtures.filter((x) => x.version <= latestSchemaVersion)) {
      const file = buildLedger(f.version, `fixture-v${f.version}.armslength`);
      readRaw(file, (db) => {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expect(count(db, 'transfers')).toBe(v1.transfers.length);
      });
    }
  });

  for (const m of earlier) {
    const k = m.version;

    it(`opens a schema ${k} ledger, migrates it to schema ${latestSchemaVersion} and keeps every row`, () => {
      const file = buildLedger(k);
      const before = readRaw(file, (db) => ({ version: schemaVersion(db), tables: snapshotTables(db), audit: hasTable(db, 'audit_log') ? count(db, 'audit_log') : 0 }));
      expect(before.version).toBe(k);
      expect(backupsOf(file)).toEqual([]);

      const db = openLedger(file);
      try {
        expect(schemaVersion(db)).toBe(latestSchemaVersion);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);

        // Every row of every table that existed at schema k is still there with the same values,
        // except the columns a migration rewrote on purpose (checked by name below).
        const after = snapshotTables(db);
        const rewritten = (table: string) => migrations.filter((x) => x.version > k).flatMap((x) => rewrittenBy[x.version]?.[table] ?? []);
        for (const [table, { columns, rows }] of Object.entries(before.tables)) {
          expect(after[table], `table ${table} is gone`).toBeDefined();
          const kept = columns.filter((c) => after[table]!.columns.includes(c) && !rewritten(table).includes(c));
          const pick = (r: Row) => Object.fromEntries(kept.map((c) => [c, r[c]]));
          const afterRows = appendedBy.includes(table) ? after[table]!.rows.slice(0, rows.length) : after[table]!.rows;
          expect(afterRows.map(pick), `rows of ${table}`).toEqual(rows.map(pick));
        }
        expectFactsOfV1(db);

        if (k < 2) {
          // v1 → v2: related_transfer_id became a transfer link; the column is no longer used.
          expect(db.prepare(`SELECT a_id, b_id, kind, note FROM transfer_links`).all()).toEqual([{ a_id: 2, b_id: 1, kind: 'related', note: 'from schema 1' }]);
          expect(db.prepare(`SELECT count(*) FROM transfers WHERE related_transfer_id IS NOT NULL`).pluck().get()).toBe(0);
          // Facts get a recorded_at: an imported transfer its batch's time, evidence its line.
          expect(db.prepare(`SELECT recorded_at FROM transfers WHERE id = 3`).pluck().get()).toBe(v1.import_batches[0]!.created_at);
          expect(db.prepare(`SELECT count(*) FROM transfers WHERE recorded_at IS NULL`).pluck().get()).toBe(0);
          expect(db.prepare(`SELECT line FROM evidence WHERE id = 3`).pluck().get()).toBe(2);
          // Migration changes are not bitemporal history: nothing was retired.
          expect(count(db, 'fact_history')).toBe(0);
        }

        // A consistent copy was taken before, beside the ledger, still at schema k.
        const backups = backupsOf(file);
        expect(backups).toHaveLength(1);
        expect(backups[0]!.startsWith(`${path.basename(file)}.backup-v${k}-`)).toBe(true);
        const backup = path.join(path.dirname(file), backups[0]!);
        readRaw(backup, (copy) => {
          expect(copy.pragma('user_version', { simple: true })).toBe(k);
          expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(count(copy, 'transfers')).toBe(before.tables.transfers!.rows.length);
          expect(count(copy, 'entities')).toBe(before.tables.entities!.rows.length);
        });

        // The audit log says so, and its chain holds.
        const entries = auditEntries(db, { limit: 1000 });
        const steps = latestSchemaVersion - k;
        expect(entries).toHaveLength(before.audit + steps);
        // One entry per step, oldest first, each in the transaction of its migration.
        const migrated = entries.filter((e) => e.action === 'schema.migrate').reverse();
        expect(migrated.map((e) => e.details)).toEqual(
          Array.from({ length: latestSchemaVersion - k }, (_, i) => ({ from: k + i, to: k + i + 1, backup })),
        );
        expect(migrated[0]!.summary).toContain(`from schema ${k} to ${k + 1}`);
        expect(verifyAuditLog(db)).toMatchObject({ ok: true, entries: before.audit + steps });
      } finally {
        db.close();
      }

      // Opening again migrates nothing: no new copy, no new audit entry.
      const filesBefore = fs.readdirSync(path.dirname(file)).sort();
      const again = openLedger(file);
      try {
        expect(schemaVersion(again)).toBe(latestSchemaVersion);
        expect(count(again, 'audit_log')).toBe(before.audit + latestSchemaVersion - k);
        expect(verifyAuditLog(again).ok).toBe(true);
      } finally {
        again.close();
      }
      expect(backupsOf(file)).toHaveLength(1);
      expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(filesBefore);
    });
  }
});

describe('a migration that fails', () => {
  const bad = (): Migration => ({ version: latestSchemaVersion + 1, name: 'bad', sql: 'CREATE TABLE x (a); INSERT INTO nowhere VALUES (1);' });

  it('leaves a latest-version ledger at its version with its data and audit log, and openLedger throws', () => {
    const file = buildLedger(latestSchemaVersion);
    const before = readRaw(file, (db) => snapshotTables(db));

    expect(() => openLedger(file, { migrations: [...migrations, bad()] })).toThrow(/no such table: nowhere/);

    readRaw(file, (db) => {
      expect(schemaVersion(db as Db)).toBe(latestSchemaVersion);
      expect(hasTable(db, 'x')).toBe(false);
      expect(snapshotTables(db)).toEqual(before);
    });
    // A copy was taken before the attempt; the ledger itself still opens and verifies.
    expect(backupsOf(file).map((f) => backupName.exec(f)![1])).toEqual([String(latestSchemaVersion)]);
    const db = openLedger(file);
    try {
      expect(schemaVersion(db)).toBe(latestSchemaVersion);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyAuditLog(db)).toMatchObject({ ok: true, entries: before.audit_log!.rows.length });
      expect(auditEntries(db).some((e) => e.action === 'schema.migrate')).toBe(false);
      expectFactsOfV1(db);
    } finally {
      db.close();
    }
  });

  for (const m of earlier) {
    const k = m.version;
    it(`stops a schema ${k} ledger at the last migration that succeeded, with its data, and openLedger throws`, () => {
      const file = buildLedger(k, `v${k}-bad.armslength`);
      expect(() => openLedger(file, { migrations: [...migrations, bad()] })).toThrow(/no such table: nowhere/);

      // Each migration commits on its own: the good ones stay applied, the bad one left nothing.
      const version = readRaw(file, (db) => {
        expect(hasTable(db, 'x')).toBe(false);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        return db.pragma('user_version', { simple: true }) as number;
      });
      expect(version).toBe(latestSchemaVersion);
      const db = openLedger(file);
      try {
        expect(schemaVersion(db)).toBe(latestSchemaVersion);
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expectFactsOfV1(db);
        expect(verifyAuditLog(db).ok).toBe(true);
      } finally {
        db.close();
      }
    });
  }
});

// Regressions: each of these failed once (a partial migration left no audit record; a schema 1
// self-link blocked the upgrade; a retry within a second hid the real error behind the backup name).
describe('migration failures and edge cases', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records the migrations that committed when a later one fails', () => {
    // Each migration commits on its own with its own 'schema.migrate' entry, so when a later one
    // fails, the steps that committed are on record.
    const file = buildLedger(1, 'v1-audit-gap.armslength');
    expect(() => openLedger(file, { migrations: [...migrations, { version: latestSchemaVersion + 1, name: 'bad', sql: 'INSERT INTO nowhere VALUES (1);' }] })).toThrow();
    const db = openLedger(file);
    try {
      expect(schemaVersion(db)).toBe(latestSchemaVersion);
      expect(auditEntries(db).filter((e) => e.action === 'schema.migrate').map((e) => e.details).reverse())
        .toEqual(Array.from({ length: latestSchemaVersion - 1 }, (_, i) => expect.objectContaining({ from: 1 + i, to: 2 + i })));
    } finally {
      db.close();
    }
  });

  it('migrates a schema 1 transfer whose related_transfer_id is itself', () => {
    // Schema 1 allowed it (no CHECK); the v2 step copies it into transfer_links, whose CHECK
    // (a_id <> b_id) fails, so the ledger can never be opened by this version.
    const file = ledgerFile('v1-self-related.armslength');
    const v1db = openLedger(file, { migrations: migrationsUpTo(1) });
    v1db.exec(`INSERT INTO entities (id, kind, name, norm_name) VALUES (1, 'company', 'A', 'a'), (2, 'company', 'B', 'b');
      INSERT INTO transfers (id, from_id, to_id, resource_type, resource, occurred_on, related_transfer_id) VALUES (1, 1, 2, 'cash', 'x', '2024-01-01', 1);`);
    v1db.close();
    const db = openLedger(file); // throws: CHECK constraint failed: a_id <> b_id
    db.close();
  });

  it('reports the real error when a failed migration is retried within the same second', () => {
    // The copy before migrating is named to the second and VACUUM INTO refuses an existing file,
    // so a retry in the same second fails with 'output file already exists' instead.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-02T03:04:05.000Z'));
    const file = buildLedger(latestSchemaVersion, 'retry.armslength');
    const withBad = [...migrations, { version: latestSchemaVersion + 1, name: 'bad', sql: 'INSERT INTO nowhere VALUES (1);' }];
    expect(() => openLedger(file, { migrations: withBad })).toThrow(/no such table: nowhere/);
    expect(() => openLedger(file, { migrations: withBad })).toThrow(/no such table: nowhere/); // gets 'output file already exists'
  });
});
