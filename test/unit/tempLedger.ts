// Real ledger files in a fresh temp folder for each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Db } from '../../electron/core/db/open';
import { createSampleLedger } from '../../electron/core/session';
import { AppError } from '../../electron/core/errors';

export function tempDir(prefix = 'armslength-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempLedger(): { db: Db; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'test.armslength');
  return { db: openLedger(file), file, dir };
}

export function tempSampleLedger(): { db: Db; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'sample.armslength');
  return { db: createSampleLedger(file), file, dir };
}

export function count(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/** The AppError a refused operation throws; fails the test if it went through instead. */
export async function refusal(p: Promise<unknown>, what = 'the import'): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`${what} went through but should have been refused`);
}
