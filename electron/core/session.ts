// The open ledger and the folder of ledgers beside it. One ledger is open at a time; switching
// closes the old connection only after the new file has opened cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { openLedger, schemaVersion, type Db } from './db/open';
import { seedSampleLedger } from './sample/sampleLedger';
import { isSampleLedger, ledgerCounts } from './ledger/read';
import { runRules } from './conflicts/flags';
import { AppError } from './errors';
import { ensureReferenceRates } from './valuation/fx';
import type { LedgerInfo } from '../../shared/domain';

export const LEDGER_EXT = '.armslength';
export const SAMPLE_LEDGER_NAME = 'Sample - Musk group';

export function ledgerNameOf(file: string): string {
  return path.basename(file, LEDGER_EXT);
}

/** Create a ledger file holding the built-in sample, with its flags computed. */
export function createSampleLedger(file: string): Db {
  const db = openLedger(file);
  if (!isSampleLedger(db)) {
    if (ledgerCounts(db).entities > 0) {
      db.close();
      throw new AppError('ledger_refused', `${file} already holds a ledger that is not the sample; it was left as it was.`);
    }
    seedSampleLedger(db);
    ensureReferenceRates(db);
    runRules(db);
  }
  return db;
}

/** Open a ledger for use: reference data it lacks (the shipped FX rates) is added, and logged. */
function openForUse(file: string, create = true): Db {
  const db = openLedger(file, { create });
  try {
    ensureReferenceRates(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export class LedgerSession {
  private current: { db: Db; file: string };

  constructor(readonly ledgersDir: string, file?: string) {
    fs.mkdirSync(ledgersDir, { recursive: true });
    const target = file ?? this.fileFor(SAMPLE_LEDGER_NAME);
    const db = !file || (!fs.existsSync(target) && ledgerNameOf(target) === SAMPLE_LEDGER_NAME) ? createSampleLedger(target) : openForUse(target);
    this.current = { db, file: target };
  }

  get db(): Db {
    return this.current.db;
  }

  get file(): string {
    return this.current.file;
  }

  fileFor(name: string): string {
    return path.join(this.ledgersDir, `${name}${LEDGER_EXT}`);
  }

  info(): LedgerInfo {
    return {
      name: ledgerNameOf(this.current.file), path: this.current.file, schemaVersion: schemaVersion(this.db),
      isSample: isSampleLedger(this.db), counts: ledgerCounts(this.db),
    };
  }

  list(): Array<{ name: string; current: boolean }> {
    const names = fs.readdirSync(this.ledgersDir).filter((f) => f.endsWith(LEDGER_EXT)).map((f) => ledgerNameOf(f));
    if (!names.includes(ledgerNameOf(this.current.file))) names.push(ledgerNameOf(this.current.file));
    return names.sort((a, b) => a.localeCompare(b)).map((name) => ({ name, current: this.fileFor(name) === this.current.file }));
  }

  private replace(db: Db, file: string): LedgerInfo {
    const old = this.current.db;
    this.current = { db, file };
    if (old !== db) old.close();
    return this.info();
  }

  create(name: string): LedgerInfo {
    const file = this.fileFor(name);
    if (fs.existsSync(file)) throw new AppError('invalid_input', `A ledger named "${name}" already exists.`);
    return this.replace(openForUse(file), file);
  }

  switchTo(name: string): LedgerInfo {
    const file = this.fileFor(name);
    if (file === this.current.file) return this.info();
    if (!fs.existsSync(file)) throw new AppError('not_found', `No ledger named "${name}" in ${this.ledgersDir}.`);
    return this.replace(openForUse(file, false), file);
  }

  openSample(): LedgerInfo {
    const file = this.fileFor(SAMPLE_LEDGER_NAME);
    if (file === this.current.file) return this.info();
    return this.replace(createSampleLedger(file), file);
  }

  close(): void {
    this.current.db.close();
  }
}
