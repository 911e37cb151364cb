// The built CLI, run as a user runs it (npm test builds before the unit tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfToText } from './pdfText';
import { tempDir } from './tempLedger';

const cli = path.resolve(__dirname, '../../out/main/cli.js');
const fixtures = path.resolve(__dirname, '../fixtures/csv');

function armslength(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('armslength CLI', () => {
  it('prints the sample audit report to a PDF', () => {
    const out = path.join(tempDir(), 'audit.pdf');
    const r = armslength('report', '--sample', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Wrote .*audit\.pdf \(\d+ pages/);
    const text = pdfToText(fs.readFileSync(out));
    expect(text).toContain('Common control: Elon Musk on both sides');
    expect(text).toContain('Nvidia H100 GPU');
  });

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

  it('explains its usage and rejects unknown commands', () => {
    expect(armslength('--help').out).toMatch(/armslength report \(--db FILE \| --sample\) --out FILE\.pdf/);
    const r = armslength('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command "frobnicate"/);
  });
});
