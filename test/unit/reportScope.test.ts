// The report's scope (entities, group, period, regimes, confirmed only, currency, language), the
// "changes since the last report" block and the disclosure comparison, on real sample ledgers.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherReportData } from '../../electron/core/reports/reportData';
import { escapeHtml, renderReportHtml } from '../../electron/core/reports/html';
import { unexplainedDisclosures } from '../../electron/core/conflicts/unexplained';
import { printHtmlToPdf } from '../../electron/core/reports/nodePdf';
import { printReport } from '../../electron/core/reports/printReport';
import { recordReportRun } from '../../electron/core/reports/reportRuns';
import { entitiesInScope, resolveScope } from '../../electron/core/reports/scope';
import { listFlags, reviewFlag } from '../../electron/core/conflicts/flags';
import { findEntityByName } from '../../electron/core/ledger/read';
import { auditEntries, verifyAuditLog } from '../../electron/core/ledger/auditLog';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { pdfToText, savePagesAsPng } from './pdfText';
import { count, tempSampleLedger } from './tempLedger';

const opts = { ledgerName: 'Sample', appVersion: '1.0.0' };
const artifacts = path.resolve(__dirname, '../../test-results/report-pages');

describe('report scope', () => {
  it('keeps to the chosen issuer, period, regimes and review state', () => {
    const { db } = tempSampleLedger();
    const tesla = findEntityByName(db, 'Tesla, Inc.')!;
    const whole = gatherReportData(db, opts);
    const teslaOnly = gatherReportData(db, { ...opts, scope: { entityIds: [tesla] } });
    expect(teslaOnly.transfers.length).toBeGreaterThan(0);
    expect(teslaOnly.transfers.length).toBeLessThan(whole.transfers.length);
    for (const t of teslaOnly.transfers) expect([t.from.id, t.to.id, t.intendedFor?.id]).toContain(tesla);
    for (const f of teslaOnly.flagged) expect(teslaOnly.transfers.map((t) => t.id)).toContain(f.transfer.id);

    const december = gatherReportData(db, { ...opts, scope: { from: '2023-12-01', to: '2023-12-31' } });
    expect(december.transfers.map((t) => t.resource)).toEqual(['Nvidia H100 GPU']);

    const sec = gatherReportData(db, { ...opts, scope: { regimes: ['us-sec'] } });
    expect(sec.flagged.length).toBeGreaterThan(0);
    expect(sec.flagged.length).toBeLessThan(whole.flagged.length);
    expect(new Set(sec.flagged.map((f) => f.regime))).toEqual(new Set(['us-sec']));

    const first = whole.flagged[0]!.flag;
    reviewFlag(db, first.id, 'confirmed', 'checked against the memo');
    const confirmed = gatherReportData(db, { ...opts, scope: { flags: 'confirmed' } });
    expect(confirmed.flagged.map((f) => f.flag.id)).toEqual([first.id]);
    expect(confirmed.summary.byStatus).toEqual([expect.objectContaining({ key: 'confirmed', count: 1 })]);
  });

  it('takes in a group: the firms an owner controls, followed through holdings', () => {
    const { db } = tempSampleLedger();
    const musk = findEntityByName(db, 'Elon Musk')!;
    const x = findEntityByName(db, 'X Corp.')!;
    const alone = entitiesInScope(db, resolveScope(db, { entityIds: [musk] }))!;
    const group = entitiesInScope(db, resolveScope(db, { entityIds: [musk], includeGroup: true }))!;
    expect([...alone]).toEqual([musk]);
    expect(group.has(x)).toBe(true);
    const data = gatherReportData(db, { ...opts, scope: { entityIds: [musk], includeGroup: true } });
    expect(data.transfers.length).toBeGreaterThan(0);
    expect(renderReportHtml(data)).toContain('Elon Musk (with the firms they own or control)');
  });

  it('refuses a bad scope with the field named, and stores nothing', () => {
    const { db } = tempSampleLedger();
    const runs = count(db, 'report_runs');
    expect(() => gatherReportData(db, { ...opts, scope: { from: '2024-12-31', to: '2024-01-01' } })).toThrow(/Report scope: to: the period ends before it starts/);
    expect(() => gatherReportData(db, { ...opts, scope: { entityIds: [99999] } })).toThrow(/entityIds: no entity with id 99999/);
    expect(() => gatherReportData(db, { ...opts, scope: { currency: 'usd' } })).toThrow(/currency: expected an ISO 4217 code/);
    expect(count(db, 'report_runs')).toBe(runs);
  });

  it('writes German with German numbers and dates, converts into EUR and lists the rates used', async () => {
    const { db } = tempSampleLedger();
    const data = gatherReportData(db, { ...opts, scope: { from: '2023-12-01', to: '2023-12-31', currency: 'EUR', language: 'de', author: 'Prüferin' } });
    expect(data.title).toBe('Prüfbericht zu Transaktionen mit nahestehenden Parteien');
    const h100 = data.transfers[0]!;
    expect(h100.reportingMinor).not.toBeNull();
    expect(data.fxRates.map((r) => `${r.base}/${r.quote} ${r.day}`)).toEqual(['EUR/USD 2023-12-01']);
    // $500M at the ECB's EUR/USD rate of that day, in whole cents.
    const rate = Number(data.fxRates[0]!.rate);
    expect(Math.abs(h100.reportingMinor! - Math.round(50_000_000_000 / rate))).toBeLessThanOrEqual(1);
    const printed = await printReport(data, printHtmlToPdf);
    savePagesAsPng(printed.pdf, artifacts, 'sample-de', 5);
    const text = pdfToText(printed.pdf).replace(/\s+/g, ' ');
    expect(text).toContain('1. Zusammenfassung');
    expect(text).toContain('Anhang E: Reproduzierbarkeit');
    expect(text).toContain('300.000.000,00 $ – 480.000.000,00 $');
    expect(text).toMatch(/4,2 % über der Spanne/);
    expect(text).toContain('01.12.2023 – 31.12.2023');
    expect(text).toContain(`Seite 1 von ${printed.pages}`);
    expect(text).toContain('Prüferin');
    expect(text).toMatch(/\d{1,3}(\.\d{3})*,\d{2} €/);
  }, 240_000); // two Chromium prints; slow on a busy machine
});

describe('changes since the last report of the same scope', () => {
  it('lists new review decisions and dropped flags, and recording a run changes no fact', () => {
    const { db } = tempSampleLedger();
    const first = gatherReportData(db, opts);
    expect(first.changes.previous).toBeNull();
    const flagsBefore = listFlags(db);
    const transfersBefore = count(db, 'transfers');
    recordReportRun(db, first, { format: 'pdf', pages: 10 });
    // The run is in report_runs and the audit log, and nothing else moved.
    expect(listFlags(db)).toEqual(flagsBefore);
    expect(count(db, 'transfers')).toBe(transfersBefore);
    expect(auditEntries(db, { limit: 1 })[0]!.action).toBe('report.generate');
    expect(verifyAuditLog(db).ok).toBe(true);

    const [a, b] = flagsBefore;
    reviewFlag(db, a!.id, 'confirmed', 'the memo confirms it');
    reviewFlag(db, b!.id, 'dismissed', 'approved by the audit committee');
    const second = gatherReportData(db, opts);
    expect(second.changes.previous?.id).toBeGreaterThan(0);
    expect(second.changes.previous?.stateHash).toBe(first.stateHash);
    expect(second.changes.decisions).toEqual([expect.objectContaining({ id: a!.id, before: 'open', status: 'confirmed' })]);
    expect(second.changes.removed.map((f) => f.id)).toEqual([b!.id]);
    expect(second.changes.totals?.before.flagCount).toBe(first.summary.flagCount);
    expect(second.changes.totals?.after.flagCount).toBe(first.summary.flagCount - 1);
    const html = renderReportHtml(second);
    expect(html).toContain('Changed review decisions');
    expect(html).toContain('open → confirmed');
    expect(html).toContain('Flags no longer raised');

    // A different scope has its own history.
    expect(gatherReportData(db, { ...opts, scope: { regimes: ['general'] } }).changes.previous).toBeNull();
  });
});

describe('disclosure comparison', () => {
  it('names related transfers no disclosure covers and disclosures no transfer matches', () => {
    const { db } = tempSampleLedger();
    const id = (n: string) => findEntityByName(db, n)!;
    const w = new LedgerWriter(db);
    const doc = w.document({ name: 'Tesla 10-K 2024 related parties note', kind: 'filing', issuer: 'Tesla, Inc.' });
    // Covers the 2024 Megapack purchases ($198.3M) by party, period and amount.
    w.disclosure({ documentId: doc, issuerId: id('Tesla, Inc.'), counterpartyLabel: 'xAI', concept: 'RevenueFromRelatedParties', direction: 'received',
      periodStart: '2024-01-01', periodEnd: '2024-12-31', amountMinor: 19_830_000_000, currency: 'USD', locator: 'note 21' });
    // Speaks of a party the ledger has no transfer with.
    w.disclosure({ documentId: doc, issuerId: id('Tesla, Inc.'), counterpartyLabel: 'Neuralink Corp.', concept: 'RelatedPartyTransactionAmountsOfTransaction', direction: 'paid',
      periodStart: '2024-01-01', periodEnd: '2024-12-31', amountMinor: 5_000_000, currency: 'USD', locator: 'note 21, table 2' });
    const data = gatherReportData(db, opts);
    const c = data.disclosures;
    expect(c.rows).toHaveLength(2);
    expect(c.disclosuresWithout.map((d) => d.counterparty)).toEqual(['Neuralink Corp.']);
    const gaps = c.transfersWithout.map((x) => `${x.transfer.from.name} -> ${x.transfer.to.name} ${x.transfer.date.slice(0, 4)}`);
    expect(gaps).not.toContain('xAI -> Tesla, Inc. 2024');
    // The X -> Tesla H100 order slots of January 2024 touch Tesla in 2024 and no disclosure names X.
    expect(gaps).toContain('X Corp. -> Tesla, Inc. 2024');
    expect(c.notChecked).toBeGreaterThan(0); // 2023 and 2025: no disclosures imported, not assumed missing
    expect(data.documents.map((d) => d.name)).toContain('Tesla 10-K 2024 related parties note');
    const html = renderReportHtml(data);
    expect(html).toContain('Neuralink Corp.');
    expect(html).toContain('note 21, table 2');
    // The same list and reason as the conflicts module's (one implementation for the app and the report).
    const unexplained = unexplainedDisclosures(db);
    expect(c.disclosuresWithout.map((d) => d.id)).toEqual(unexplained.filter((u) => c.rows.some((r) => r.id === u.id)).map((u) => u.id));
    expect(html).toContain(escapeHtml(c.disclosuresWithout[0]!.reason));
  });
});
