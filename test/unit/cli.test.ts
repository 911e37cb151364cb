// The built CLI, run as a user runs it (npm test builds before the unit tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfToText } from './pdfText';
import { openLedger } from '../../electron/core/db/open';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { tempDir } from './tempLedger';

const cli = path.resolve(__dirname, '../../out/main/cli.js');
const fixtures = path.resolve(__dirname, '../fixtures/csv');

/** Ends the CLI after `timeout` ms; printing commands pass a longer one (the CLI's own print deadline ends a real hang first). */
function armslengthWithin(timeout: number, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}
const armslength = (...args: string[]) => armslengthWithin(60_000, ...args);

describe('armslength CLI', () => {
  it('prints the sample audit report to a PDF', () => {
    const out = path.join(tempDir(), 'audit.pdf');
    // ~10 s on a quiet machine; room for a loaded CI machine. A print that hangs is stopped by the
    // CLI's print deadline (about 2.3 min for the sample) with a clear error, before this backstop.
    const r = armslengthWithin(200_000, 'report', '--sample', '--out', out);
    expect(r.signal, 'the CLI was killed by the test, not stopped by its own print deadline').toBeNull();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Wrote .*audit\.pdf \(\d+ pages/);
    const text = pdfToText(fs.readFileSync(out));
    expect(text).toContain('Common control: Elon Musk on both sides');
    expect(text).toContain('Nvidia H100 GPU');
  }, 240_000);

  it('imports a CSV into a ledger and flags what the rules find', () => {
    const db = path.join(tempDir(), 'client.armslength');
    const r = armslength('import', path.join(fixtures, 'transfers-comma.csv'), '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Imported 3 transfers .* 3 new entities\); 0 flags/);
    expect(armslength('flag', '--db', db).out).toMatch(/^0 flags/);
  });

  it('refuses a bad CSV with file, line and column, and exits non-zero', () => {
    const db = path.join(tempDir(), 'client.armslength');
    const r = armslength('import', path.join(fixtures, 'bad-amount.csv'), '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad-amount.csv: 1 problem; nothing was imported.');
    expect(r.err).toContain('bad-amount.csv line 4, column "amount": "about 5M" is not a number');
  });

  it('refuses a file that is not a ledger and leaves it unchanged', () => {
    const file = path.join(tempDir(), 'budget.armslength');
    fs.writeFileSync(file, 'quarter,amount\nQ1,100\n');
    const r = armslength('flag', '--db', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/budget\.armslength: is not an Arm's Length ledger/);
    expect(fs.readFileSync(file, 'utf8')).toBe('quarter,amount\nQ1,100\n');
  });

  it('imports SEC XBRL JSON as disclosures, once, and FollowTheMoney only whole or by choice', () => {
    const dir = tempDir();
    const db = path.join(dir, 'filings.armslength');
    const sec = path.resolve(__dirname, '../fixtures/sec-json/tesla-companyfacts-excerpt.json');
    const whole = armslength('import', sec, '--db', db); // the fixture holds two malformed facts on purpose
    expect(whole.code).toBe(1);
    expect(whole.err).toMatch(/tesla-companyfacts-excerpt\.json: 2 problems; nothing was imported/);
    expect(whole.err).toMatch(/us-gaap:AccountsPayableRelatedPartiesCurrent, USD, index 1: fact has no numeric value/);
    const first = armslength('import', sec, '--db', db, '--valid-part');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/as sec-json \(batch 1\): 0 transfers, [1-9]\d* disclosures, [1-9]\d* figures.*left out 2 problems/);
    const again = armslength('import', sec, '--db', db, '--valid-part');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already imported \(batch 1\); nothing was added/);
    const ftm = path.resolve(__dirname, '../fixtures/ftm/musk-group.jsonl');
    const refused = armslength('import', ftm, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/musk-group\.jsonl: \d+ problems; nothing was imported/);
    expect(refused.err).toMatch(/musk-group\.jsonl line 17: not valid JSON/);
    const partial = armslength('import', ftm, '--db', db, '--valid-part', '--new-entities');
    expect(partial.code).toBe(0);
    expect(partial.out).toMatch(/as ftm \(batch 2\): [1-9]\d* transfers.*left out \d+ problems/);
    const out = path.join(dir, 'export.jsonl');
    expect(armslength('export-ftm', '--db', db, '--out', out).code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { schema: string });
    expect(lines.some((l) => l.schema === 'Payment')).toBe(true);
  });

  it('imports a document whose party may already be in the ledger only once --party says which entity it is', () => {
    const dir = tempDir();
    const db = path.join(dir, 'parties.armslength');
    const seed = openLedger(db);
    const acme = new LedgerWriter(seed).entity({ kind: 'company', name: 'Acme Holdings Inc' });
    seed.close();
    const file = path.join(dir, 'acme.jsonl');
    fs.writeFileSync(file, [
      { id: 'a', schema: 'Company', properties: { name: ['Acme Holdings LLC'] } },
      { id: 'z', schema: 'Company', properties: { name: ['Zeta Partners GmbH'] } },
      { id: 'p', schema: 'Payment', properties: { payer: ['a'], beneficiary: ['z'], amount: ['250000'], currency: ['USD'], date: ['2024-05-01'], purpose: ['Advisory fee'] } },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const asked = armslength('import', file, '--db', db);
    expect(asked.code).toBe(1);
    expect(asked.err).toContain('decide with --party "NAME=ENTITY_ID" (or NAME=new) for each');
    expect(asked.err).toContain(`Acme Holdings LLC: "Acme Holdings Inc" (#${acme}, same name apart from its legal form)`);
    expect(armslength('import', file, '--db', db, '--party', 'Acme Holdings LLC=acme').err).toMatch(/--party "Acme Holdings LLC=acme": expected NAME=ENTITY_ID/);
    expect(armslength('import', file, '--db', db, '--party', 'Acme Corp=1').err).toMatch(/--party: acme\.jsonl does not ask about "Acme Corp"; it asks about "Acme Holdings LLC"/);
    const done = armslength('import', file, '--db', db, '--party', `Acme Holdings LLC=${acme}`);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/as ftm \(batch 1\): 1 transfers.*1 new entities/);
    const ledger = openLedger(db);
    expect(ledger.prepare(`SELECT from_id FROM transfers`).pluck().all()).toEqual([acme]);
    expect(ledger.prepare(`SELECT entity_id FROM entity_aliases WHERE alias = 'Acme Holdings LLC'`).pluck().all()).toEqual([acme]);
    ledger.close();
  });

  it('explains its usage and rejects unknown commands', () => {
    expect(armslength('--help').out).toMatch(/armslength report \(--db FILE \| --sample\) --out FILE\.pdf/);
    const r = armslength('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command "frobnicate"/);
  });
});
