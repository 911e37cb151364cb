import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherReportData } from '../../electron/core/reports/reportData';
import { renderReportHtml, escapeHtml, reportSections } from '../../electron/core/reports/html';
import { printHtmlToPdf } from '../../electron/core/reports/nodePdf';
import { printReport } from '../../electron/core/reports/printReport';
import { formatterFor } from '../../electron/core/reports/format';
import { outlinePages } from '../../electron/core/reports/pdfInfo';
import { recordReportRun } from '../../electron/core/reports/reportRuns';
import { listFlags, reviewFlag } from '../../electron/core/conflicts/flags';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { pdfToText, savePagesAsPng } from './pdfText';
import { tempSampleLedger } from './tempLedger';

const artifacts = path.resolve(__dirname, '../../test-results/report-pages');
/** The generation time is the one thing allowed to differ between two reports of the same state. */
const maskTime = (html: string, generatedAt: string) => html.split(generatedAt).join('TIME').split(formatterFor('en').moment(generatedAt)).join('TIME');

describe('the audit report', () => {
  it('prints the H100 flag with its band, diagram, evidence, contents with page numbers, outline and the reproducibility hashes', async () => {
    const { db } = tempSampleLedger();
    const data = gatherReportData(db, { ledgerName: 'Sample - Musk group', appVersion: '9.9.9', scope: { author: 'A. Auditor' } });
    const printed = await printReport(data, printHtmlToPdf);
    const pdf = printed.pdf;
    savePagesAsPng(pdf, artifacts, 'sample-en', 6);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = printed.pages;
    expect(pages).toBeGreaterThan(8);
    const raw = pdfToText(pdf);
    const text = raw.replace(/\s+/g, ' ');
    // Cover, sections, and each section's page in the contents: the outline says where the heading is.
    expect(text).toContain('A. Auditor');
    const outline = outlinePages(pdf);
    for (const s of reportSections(data)) {
      expect(text).toContain(s.title);
      expect(outline.get(s.title), s.title).toBe(printed.sectionPages[s.id]);
      const pageText = raw.split('\f')[printed.sectionPages[s.id]! - 1]!;
      expect(pageText.replace(/\s+/g, ' ')).toContain(s.title);
    }
    const tocPage = raw.split('\f')[1]!.replace(/\s+/g, ' ');
    expect(tocPage).toMatch(new RegExp(`2\\. Flags \\.*\\s*${printed.sectionPages.flags}`));
    expect(tocPage).toContain(`Appendix E: reproducibility ${printed.sectionPages.repro}`);
    // The H100 flag: what happened, band, method, diagram, evidence with document, locator and hash.
    expect(text).toContain('#1: 12,000 × Nvidia H100 GPU from Tesla, Inc. to X Corp. (meant for Tesla, Inc.)');
    expect(text).toContain('$300,000,000.00 – $480,000,000.00');
    expect(text).toContain('$500,000,000.00');
    expect(text).toMatch(/above the band by 4\.2%/);
    expect(text).toMatch(/Elon Musk controls or leads both sides of this transfer in Dec 2023/);
    expect(text).toContain('had no place to send the Nvidia chips');
    expect(text).toContain('CNBC report of 4 June 2024');
    expect(printed.html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="path-diagram"');
    // The Broz factors of the corporate-opportunity flag, each met, not met or left to judge.
    const co = data.flagged.find((f) => f.flag.ruleId === 'corporate-opportunity')!;
    expect(co.flag.checklist.length).toBeGreaterThan(0);
    expect(text).toContain('Checklist');
    expect(printed.html).toContain('Tesla, Inc. had an interest or expectancy'); // table cells wrap in the PDF's text
    expect(printed.html).toMatch(/<span class="met-(yes|no|unknown)">/);
    expect(text).toContain('Executive summary');
    expect(text).toContain('Flagged value by rule');
    expect(text).toContain('Disclosure comparison');
    // Running footer with page numbers on the first and the last page.
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // Long hashes may wrap inside a table cell: compare them without white space.
    const compact = text.replace(/\s/g, '');
    expect(compact).toContain(data.stateHash);
    expect(data.auditHead).not.toBeNull();
    expect(compact).toContain(data.auditHead!.hash);
    expect(text).toContain('common-control v1');
  }, 240_000); // two Chromium prints; slow on a busy machine

  it('gives the same content for the same ledger state, even after a run is recorded, and a new hash when the state changes', () => {
    const { db } = tempSampleLedger();
    const opts = { ledgerName: 'L', appVersion: '1' };
    const a = gatherReportData(db, { ...opts, now: new Date('2026-01-01T00:00:00Z') });
    recordReportRun(db, a, { format: 'pdf', pages: 12 });
    const b = gatherReportData(db, { ...opts, now: new Date('2026-06-01T10:20:00Z') });
    expect(b.stateHash).toBe(a.stateHash);
    expect(b.auditHead).toEqual(a.auditHead);
    const htmlA = renderReportHtml(a);
    const htmlB = renderReportHtml(b);
    expect(htmlB).not.toBe(htmlA); // the generation time differs ...
    expect(maskTime(htmlB, b.generatedAt)).toBe(maskTime(htmlA, a.generatedAt)); // ... and nothing else
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
    const html = renderReportHtml(gatherReportData(db, { ledgerName: 'L', appVersion: '1', scope: { title: 'Q&A <b>board</b>' } }));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain(escapeHtml('<script>alert(1)</script> Ltd'));
    expect(html).not.toContain('<b>board</b>');
    expect(html).toContain('Q&amp;A &lt;b&gt;board&lt;/b&gt;');
  });
});
