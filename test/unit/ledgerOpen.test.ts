import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openLedger, schemaVersion } from '../../electron/core/db/open';
import { latestSchemaVersion } from '../../electron/core/db/migrations';
import { count, tempDir, tempLedger } from './tempLedger';

describe('opening a ledger', () => {
  it('creates a new ledger with WAL, foreign keys and the latest schema', () => {
    const { db, file } = tempLedger();
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
    const again = openLedger(file);
    expect(schemaVersion(again)).toBe(latestSchemaVersion);
    again.close();
  });

  it('refuses a file that is not a database, and leaves it untouched', () => {
    const file = path.join(tempDir(), 'notes.armslength');
    fs.writeFileSync(file, 'These are my notes, not a ledger.\n'.repeat(10));
    const before = fs.readFileSync(file);
    expect(() => openLedger(file)).toThrow(/not an Arm's Length ledger.*not changed/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['notes.armslength']);
  });

  it('refuses another program\'s SQLite database, and leaves it untouched', () => {
    const file = path.join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (\'a\')');
    other.close();
    const before = fs.readFileSync(file);
    expect(() => openLedger(file)).toThrow(/another program/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a ledger written by a newer version, and leaves it untouched', () => {
    const { db, file } = tempLedger();
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openLedger(file)).toThrow(/newer version.*schema \d+.*not changed/s);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a missing file when asked not to create one', () => {
    expect(() => openLedger(path.join(tempDir(), 'missing.armslength'), { create: false })).toThrow(/no such ledger/);
  });

  it('enforces the model in the schema: no self-transfer, no over-100% ownership, no end before start', () => {
    const { db } = tempLedger();
    db.exec(`INSERT INTO entities (id, kind, name, norm_name) VALUES (1, 'company', 'A', 'a'), (2, 'company', 'B', 'b')`);
    const transfer = (from: number, to: number) =>
      db.prepare(`INSERT INTO transfers (from_id, to_id, resource_type, resource, occurred_on) VALUES (?, ?, 'cash', 'x', '2024-01-01')`).run(from, to);
    expect(() => transfer(1, 1)).toThrow(/CHECK/);
    expect(() => transfer(1, 99)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`INSERT INTO affiliations (subject_id, object_id, kind, equity_pct) VALUES (1, 2, 'ownership', 120)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO affiliations (subject_id, object_id, kind, valid_from, valid_to) VALUES (1, 2, 'role', '2024-01-01', '2023-01-01')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO transfers (from_id, to_id, resource_type, resource, occurred_on, amount_minor) VALUES (1, 2, 'cash', 'x', '2024-01-01', 100)`).run()).toThrow(/CHECK/);
    transfer(1, 2);
    expect(count(db, 'transfers')).toBe(1);
  });
});
