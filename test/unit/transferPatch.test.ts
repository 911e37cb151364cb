// An inline edit of one field (the ledger grid) changes that field only: the patch carries no
// create-time defaults that would reset the status or the description.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import type { Db } from '../../electron/core/db/open';
import { updateTransfer } from '../../electron/core/ledger/edits';
import { tempSampleLedger } from './tempLedger';

let db: Db;
let dir: string;
beforeAll(() => { ({ db, dir } = tempSampleLedger()); });
afterAll(() => { db.close(); fs.rmSync(dir, { recursive: true, force: true }); });

const row = (id: number) => db.prepare('SELECT status, description, amount_minor FROM transfers WHERE id = ?').get(id) as { status: string; description: string; amount_minor: number };
const lastAudit = () => db.prepare('SELECT summary FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string;

it('changes only the description of a redirected transfer, and the audit entry names only it', () => {
  const id = db.prepare(`SELECT id FROM transfers WHERE status = 'redirected' LIMIT 1`).pluck().get() as number;
  const before = row(id);
  // Through the contract, as the grid sends it.
  const input = contract['transfer:update'].input.parse({ id, patch: { description: 'Checked against the memo' } });
  updateTransfer(db, input.id, input.patch);
  expect(row(id)).toEqual({ ...before, description: 'Checked against the memo' });
  expect(lastAudit()).toBe(`changed transfer ${id}: description`);
});

it('changes only the status, keeping the description', () => {
  const id = db.prepare(`SELECT id FROM transfers WHERE description <> '' AND status = 'executed' LIMIT 1`).pluck().get() as number;
  const before = row(id);
  const input = contract['transfer:update'].input.parse({ id, patch: { status: 'reversed' } });
  updateTransfer(db, input.id, input.patch);
  expect(row(id)).toEqual({ ...before, status: 'reversed' });
  expect(lastAudit()).toBe(`changed transfer ${id}: status`);
});

it('refuses a bad amount with the field named and changes nothing', () => {
  const id = db.prepare(`SELECT id FROM transfers WHERE amount_minor IS NOT NULL LIMIT 1`).pluck().get() as number;
  const before = row(id);
  const parsed = contract['transfer:update'].input.safeParse({ id, patch: { amount: '5OO million' } });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0]?.path).toEqual(['patch', 'amount']);
  expect(row(id)).toEqual(before);
});
