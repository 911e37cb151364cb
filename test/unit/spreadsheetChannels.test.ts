// The spreadsheet channels through dispatch and the real handlers: contract validation both ways,
// the import job's progress events, cancel, presets.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers } from '../../electron/core/handlers';
import { LedgerSession } from '../../electron/core/session';
import type { EventName, EventPayload } from '../../shared/contract';
import { count, tempDir } from './tempLedger';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/spreadsheet', name)).toString('base64');

function setup() {
  const dir = tempDir();
  const session = new LedgerSession(dir, path.join(dir, 'channels.armslength'));
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const handlers = createHandlers(session, {
    appVersion: 'test',
    printPdf: () => Promise.reject(new Error('no printing in this test')),
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => { events.push({ event, payload }); },
  });
  const call = async (channel: string, input: unknown) => dispatch(handlers, channel, input);
  return { session, events, call };
}

describe('spreadsheet channels', () => {
  it('previews, refuses an ambiguous file until a date format is given, then imports it as a job with progress and saves a preset', async () => {
    const { session, events, call } = setup();
    const preview = await call('spreadsheet:preview', { fileName: 'amb.csv', contentBase64: fixture('ambiguous-dates.csv') });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.value).toMatchObject({ dateFormat: null, dateColumn: { ambiguous: true }, delimiter: { value: ',', label: 'comma' } });
    const refused = await call('spreadsheet:import', { fileName: 'amb.csv', contentBase64: fixture('ambiguous-dates.csv') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import_rejected' } });
    const done = await call('spreadsheet:import', { fileName: 'amb.csv', contentBase64: fixture('ambiguous-dates.csv'), options: { dateFormat: 'mdy' }, jobId: 'job-1', savePresetAs: 'US broker' });
    expect(done).toEqual({ ok: true, value: { format: 'csv', batchId: 1, transfers: 3, newEntities: 2, problemsLeftOut: 0, validPartOnly: false, duplicatesSkipped: 0 } });
    const progress = events.filter((e) => e.event === 'import:progress');
    expect(progress.at(-1)!.payload).toMatchObject({ jobId: 'job-1', rows: 3, totalBytes: fs.statSync(path.join(__dirname, '../fixtures/spreadsheet/ambiguous-dates.csv')).size });
    expect(events.some((e) => e.event === 'ledger:changed')).toBe(true);
    expect(count(session.db, 'transfers')).toBe(3);
    const presets = await call('importPresets:list', {});
    expect(presets).toMatchObject({ ok: true, value: [{ name: 'US broker', options: { dateFormat: 'mdy' } }] });
    const bad = await call('spreadsheet:import', { fileName: 'x.csv', contentBase64: fixture('pipe.csv'), mapping: ['date', 'spaceship'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (presets.ok) {
      const id = (presets.value as Array<{ id: number }>)[0]!.id;
      expect(await call('importPresets:delete', { id })).toEqual({ ok: true, value: { ok: true } });
    }
    session.close();
  });

  it('cancels a running import job: the ledger is exactly as before', async () => {
    const { session, events, call } = setup();
    const lines = ['date,from,to,resource,amount,currency'];
    for (let i = 0; i < 60_000; i++) lines.push(`2024-01-${String(1 + (i % 28)).padStart(2, '0')},Firm ${i % 50},Firm ${(i % 50) + 1},Item ${i},${i}.50,USD`);
    const content = Buffer.from(lines.join('\n') + '\n').toString('base64');
    const auditBefore = count(session.db, 'audit_log');
    const running = call('spreadsheet:import', { fileName: 'big.csv', contentBase64: content, jobId: 'job-big' });
    // Cancel once the job has reported progress.
    while (!events.some((e) => e.event === 'import:progress')) await new Promise((r) => setTimeout(r, 5));
    // Meanwhile writes wait (they would land in the import's open transaction); reads answer.
    const write = await call('entity:create', { kind: 'company', name: 'Written During Import Ltd' });
    expect(write).toMatchObject({ ok: false, error: { code: 'ledger_refused', message: expect.stringContaining('An import is running') } });
    expect(await call('ledger:switch', { name: 'elsewhere' })).toMatchObject({ ok: false, error: { code: 'ledger_refused' } });
    expect(await call('ledger:info', {})).toMatchObject({ ok: true });
    expect(await call('import:cancel', { jobId: 'job-big' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'import_rejected', message: 'big.csv: the import was cancelled; nothing was imported.' } });
    expect(count(session.db, 'transfers')).toBe(0);
    expect(count(session.db, 'documents')).toBe(0);
    expect(count(session.db, 'audit_log')).toBe(auditBefore);
    expect(count(session.db, 'entities')).toBe(0);
    expect(await call('import:cancel', { jobId: 'job-big' })).toEqual({ ok: true, value: { cancelled: false } });
    // Once the import has ended, writes go through again.
    expect(await call('entity:create', { kind: 'company', name: 'Written After Import Ltd' })).toMatchObject({ ok: true });
    session.close();
  });
});
