import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherReportData } from '../../electron/core/reports/reportData';
import { renderReportHtml, escapeHtml, reportSections, TABLE_CHUNK_ROWS } from '../../electron/core/reports/html';
import { chromiumPrinter, printHtmlToPdf } from '../../electron/core/reports/nodePdf';
import { printTimeoutMs } from '../../electron/core/reports/printDeadline';
import { groupByTransfer } from '../../electron/core/reports/transferGroups';
import { printReport } from '../../electron/core/reports/printReport';
import { formatterFor } from '../../electron/core/reports/format';
import { outlinePages } from '../../electron/core/reports/pdfInfo';
import { recordReportRun } from '../../electron/core/reports/reportRuns';
import { listFlags, reviewFlag } from '../../electron/core/conflicts/flags';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { namedDestinationPages, pdfToText, savePagesAsPng } from './pdfText';
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
    expect(pages).toBeLessThan(40); // one section per transfer: 53 pages when each flag repeated its transfer
    expect(printed.passes).toBe(2);
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
    // One section per flagged transfer: its evidence and diagram once, however many rules it meets.
    const h100 = data.flagged.filter((f) => f.transfer.id === 1);
    expect(h100.length).toBeGreaterThan(2);
    expect(text.split('had no place to send the Nvidia chips').length - 1).toBe(1);
    expect(text).toMatch(/2\.\d+ Dec 2023 · 12,000 × Nvidia H100 GPU · Tesla, Inc\. → X Corp\. · \$500,000,000\.00/);
    expect(text).toContain(`${h100.length} flags`);
    for (const f of h100) expect(text).toContain(`${f.flag.ruleId} v${f.flag.ruleVersion} · ${f.flag.title}`.replace(/\s+/g, ' '));
    const sections = printed.html.match(/<section class="flag"/g) ?? [];
    expect(sections).toHaveLength(new Set(data.flagged.map((f) => f.transfer.id)).size);
    expect(printed.html.match(/<svg [^>]*class="path-diagram"/g)!.length).toBeLessThanOrEqual(sections.length);
    expect(printed.html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="path-diagram"');
    // The Broz factors of the corporate-opportunity flag, each met, not met or left to judge.
    const co = data.flagged.find((f) => f.flag.ruleId === 'corporate-opportunity')!;
    expect(co.flag.checklist.length).toBeGreaterThan(0);
    expect(text).toContain('Checklist');
    expect(printed.html).toContain('Tesla, Inc. had an interest or expectancy'); // table cells wrap in the PDF's text
    expect(printed.html).toMatch(/<span class="met-(yes|no|unknown)">/);
    expect(text).toContain('Executive summary');
    expect(text).toContain('Flags by rule');
    expect(text).toContain('Counts are flags');
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
  }, 240_000); // two Chromium prints (~20 s quiet); generous for a loaded CI machine, while the print deadline still stops a real hang

  it('prints a large report in parts at once and joins them: page numbers, contents pages, links and bookmarks all point at the right pages', async () => {
    const { db } = tempSampleLedger();
    const data = gatherReportData(db, { ledgerName: 'L', appVersion: '1', scope: { title: 'Board pack: Zürich → Austin' } });
    const printer = await chromiumPrinter();
    // Small parts, so even the sample is cut inside its flags and tables.
    const printed = await printReport(data, (h, o) => printer.print(h, o), { twoPassMaxPages: 0, parts: { lanes: 2, partChars: 20_000 } }).finally(() => printer.close());
    savePagesAsPng(printed.pdf, artifacts, 'sample-parts', 4);
    expect(printed.parts).toBeGreaterThan(3);
    const pages = pdfToText(printed.pdf).split('\f').slice(0, printed.pages);
    expect(pages).toHaveLength(printed.pages);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${printed.pages}`);
      expect(text, `page ${i + 1}`).toContain('Board pack: Zürich → Austin'); // the running header, as typed
      // No page holds only its header and footer (a part never ends in an empty page).
      expect(text.replace(/Board pack: Zürich → Austin|Arm's Length audit report|Page \d+ of \d+/g, '').trim().length, `page ${i + 1}`).toBeGreaterThan(20);
    });
    const outline = outlinePages(printed.pdf);
    const dests = await namedDestinationPages(printed.pdf);
    for (const s of reportSections(data)) {
      const page = printed.sectionPages[s.id]!;
      expect(page, s.id).toBeGreaterThan(2);
      expect(pages[page - 1]!.replace(/\s+/g, ' '), s.id).toContain(s.title);
      expect(outline.get(s.title), s.title).toBe(page); // the bookmark
      expect(dests.get(s.id), s.id).toBe(page); // where the contents' link goes
    }
    const toc = pages[1]!.replace(/\s+/g, ' ');
    expect(toc).toMatch(new RegExp(`2\\. Flags \\.*\\s*${printed.sectionPages.flags}`));
    expect(toc).toContain('printed in parts at once and joined');
    // Each flagged transfer has a bookmark on the page where its heading is, across the parts.
    const h100 = [...outline].find(([title]) => /^2\.\d+ .*H100/.test(title));
    expect(h100).toBeDefined();
    expect(pages[h100![1] - 1]!.replace(/\s+/g, ' ')).toContain(h100![0].slice(0, 40));
    const flagBookmarks = [...outline.keys()].filter((t) => /^2\.\d+ /.test(t));
    expect(flagBookmarks).toHaveLength(groupByTransfer(data.flagged).length);
    // The summary's links to the largest items reach the flag's heading in another part.
    const largest = data.summary.largest[0]!;
    const target = dests.get(`flag-transfer-${largest.transferId}`)!;
    expect(pages[target - 1]).toContain(`${largest.from}`);
    expect(printed.html.match(/printed in parts at once and joined/g)).toHaveLength(2); // contents and reproducibility notes
  }, 240_000);

  it('orders sections by highest severity, then amount, and keeps the flagged value within the total on the same basis', () => {
    const { db } = tempSampleLedger();
    const data = gatherReportData(db, { ledgerName: 'L', appVersion: '1' });
    const s = data.summary;
    expect(s.flaggedValueMinor).toBeLessThanOrEqual(s.transferValueMinor);
    const reportedFlagged = [...new Set(data.flagged.map((f) => f.transfer))].reduce((sum, t) => sum + (t.reportingMinor ?? 0), 0);
    expect(s.flaggedValueMinor).toBe(reportedFlagged);
    // The sample has transfers without an amount (the H100 order slots): their estimate is shown apart.
    expect(s.flaggedEstimated.count).toBe(data.flagged.filter((f) => f.transfer.reportingMinor === null).map((f) => f.transfer.id).filter((id, i, a) => a.indexOf(id) === i).length);
    expect(s.flaggedEstimated.count).toBeGreaterThan(0);
    expect(s.flaggedEstimated.valueMinor).toBeGreaterThan(0);
    for (const rows of [s.byRule, s.bySeverity]) for (const r of rows) expect(r.valueMinor).toBeLessThanOrEqual(s.transferValueMinor);
    expect(s.bySeverity.reduce((n, r) => n + r.count, 0)).toBe(s.flagCount); // the tallies count flags
    const html = renderReportHtml(data);
    expect(html).toContain('Counts are flags');
    expect(s.largest.filter((x) => x.estimated).map((x) => x.transferId)).toEqual(s.largest.filter((x) => data.transfers.find((t) => t.id === x.transferId)!.reportingMinor === null).map((x) => x.transferId));
    expect(html).toMatch(/<span class="muted">estimate<\/span> \$390,000,000\.00/); // the H100 order slots: no reported amount
    expect(html).toContain(`Market-value estimate for the ${s.flaggedEstimated.count} flagged transfers without a reported amount`);
    const groups = groupByTransfer(data.flagged);
    const rank = { high: 0, medium: 1, low: 2 };
    for (let i = 1; i < groups.length; i++) {
      const [a, b] = [groups[i - 1]!, groups[i]!];
      expect(rank[a.severity] < rank[b.severity] || (a.severity === b.severity && a.sortValueMinor >= b.sortValueMinor)).toBe(true);
    }
    // The headings appear in that order in the HTML.
    const order = [...html.matchAll(/<h3 id="flag-transfer-(\d+)">/g)].map((x) => Number(x[1]));
    expect(order).toEqual(groups.map((g) => g.transfer.id));
  });

  it('splits a long appendix table into tables of TABLE_CHUNK_ROWS rows, each with the header', () => {
    const { db } = tempSampleLedger();
    const w = new LedgerWriter(db);
    const a = w.entity({ kind: 'company', name: 'Alpha Ltd' });
    const b = w.entity({ kind: 'company', name: 'Beta Ltd' });
    const extra = TABLE_CHUNK_ROWS * 2 + 5;
    db.transaction(() => { for (let i = 0; i < extra; i++) w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: `fee ${i}`, date: '2024-01-01', amountMinor: 100 + i, currency: 'USD' }); })();
    const data = gatherReportData(db, { ledgerName: 'L', appVersion: '1' });
    const html = renderReportHtml(data);
    const appendix = html.slice(html.indexOf('<h2 id="app-transfers">'), html.indexOf('<h2 id="app-entities">'));
    const tables = appendix.split('<table class="dense">').slice(1);
    expect(tables).toHaveLength(Math.ceil(data.transfers.length / TABLE_CHUNK_ROWS));
    for (const t of tables) expect(t.startsWith('<thead><tr><th>#</th>')).toBe(true);
    expect(appendix.match(/<tr><td class="nw">/g)).toHaveLength(data.transfers.length); // every row once
  });

  it('stops a print that runs past its deadline, kills the printer and names the report', async () => {
    const printer = await chromiumPrinter();
    const big = `<!doctype html><html><body>${'<table>' + Array.from({ length: 20000 }, (_, i) => `<tr><td>${i}</td><td>row ${i}</td></tr>`).join('') + '</table>'}</body></html>`;
    const started = Date.now();
    await expect(printer.print(big, { label: 'Board pack Q3', timeoutMs: 300 })).rejects.toThrow(/Printing the report "Board pack Q3" did not finish within 0.3 s .*Narrow the scope/);
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(printer.print('<p>x</p>')).rejects.toThrow(/stopped/);
    await printer.close();
    expect(printTimeoutMs(big)).toBeGreaterThan(120_000);
  }, 60_000);

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
