import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherReportData } from '../../electron/core/reports/reportData';
import { renderReportHtml, escapeHtml } from '../../electron/core/reports/html';
import { printHtmlToPdf } from '../../electron/core/reports/nodePdf';
import { countPdfPages } from '../../electron/core/reports/pdfInfo';
import { listFlags, reviewFlag } from '../../electron/core/conflicts/flags';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { pdfToText, savePagesAsPng } from './pdfText';
import { tempSampleLedger } from './tempLedger';

const artifacts = path.resolve(__dirname, '../../test-results/unit-report');

describe('the audit report', () => {
  it('prints the H100 flag with its band, path and evidence, page numbers and the state hash', async () => {
    const { db } = tempSampleLedger();
    const data = gatherReportData(db, { ledgerName: 'Sample - Musk group', appVersion: '9.9.9' });
    const pdf = await printHtmlToPdf(renderReportHtml(data));
    savePagesAsPng(pdf, artifacts, 'sample-report');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = countPdfPages(pdf);
    expect(pages).toBeGreaterThan(3);
    const text = pdfToText(pdf).replace(/\s+/g, ' ');
    for (const section of ['1. Summary', '2. Flags', '3. Appendix: all transfers', '4. Reproducibility']) expect(text).toContain(section);
    expect(text).toContain('#1: 12,000 × Nvidia H100 GPU from Tesla, Inc. to X Corp. (meant for Tesla, Inc.)');
    expect(text).toContain('$300,000,000.00 – $480,000,000.00');
    expect(text).toContain('$500,000,000.00');
    expect(text).toMatch(/above the band by 4\.2%/);
    expect(text).toMatch(/Elon Musk controls or leads both sides of this transfer in Dec 2023/);
    expect(text).toContain('had no place to send the Nvidia chips');
    expect(text).toContain('CNBC report of 4 June 2024');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // Long hashes may wrap inside a table cell: compare them without white space.
    const compact = text.replace(/\s/g, '');
    expect(compact).toContain(data.stateHash);
    expect(data.auditHead).not.toBeNull();
    expect(compact).toContain(data.auditHead!.hash);
    expect(text).toContain('common-control v1');
  });

  it('gives the same content for the same ledger state, and a new hash when the state changes', () => {
    const { db } = tempSampleLedger();
    const opts = { ledgerName: 'L', appVersion: '1' };
    const a = gatherReportData(db, { ...opts, now: new Date('2026-01-01T00:00:00Z') });
    const b = gatherReportData(db, { ...opts, now: new Date('2026-06-01T00:00:00Z') });
    expect(b.stateHash).toBe(a.stateHash);
    const strip = (html: string) => html.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, 'TIME');
    expect(strip(renderReportHtml(b))).toBe(strip(renderReportHtml(a)));
    reviewFlag(db, listFlags(db)[0]!.id, 'confirmed', 'checked');
    expect(gatherReportData(db, opts).stateHash).not.toBe(a.stateHash);
  });

  it('leaves dismissed flags out and escapes text from the ledger', () => {
    const { db } = tempSampleLedger();
    const flags = listFlags(db);
    reviewFlag(db, flags[0]!.id, 'dismissed', 'false positive');
    const data = gatherReportData(db, { ledgerName: 'L', appVersion: '1' });
    expect(data.flagged.map((f) => f.flag.id)).not.toContain(flags[0]!.id);
    expect(data.flagged).toHaveLength(flags.length - 1);
    const w = new LedgerWriter(db);
    const a = w.entity({ kind: 'company', name: '<script>alert(1)</script> Ltd' });
    w.transfer({ fromId: a, toId: 2, resourceType: 'cash', resource: 'fee', date: '2024-01-01' });
    const html = renderReportHtml(gatherReportData(db, { ledgerName: 'L', appVersion: '1' }));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain(escapeHtml('<script>alert(1)</script> Ltd'));
  });
});
