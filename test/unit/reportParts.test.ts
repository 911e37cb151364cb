import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { gatherReportData } from '../../electron/core/reports/reportData';
import { renderReportBlocks, renderReportHtml } from '../../electron/core/reports/html';
import { headingOutline, splitReport } from '../../electron/core/reports/reportParts';
import { loadPart, mergeReportParts, targetPagesOf } from '../../electron/core/reports/pdfMerge';
import { countPdfPages, outlinePages } from '../../electron/core/reports/pdfInfo';
import { groupByTransfer } from '../../electron/core/reports/transferGroups';
import { pdfToText } from './pdfText';
import { tempSampleLedger } from './tempLedger';

const bodyOf = (html: string) => html.slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'));

describe('a large report cut into parts', () => {
  const { db } = tempSampleLedger();
  const data = gatherReportData(db, { ledgerName: 'L', appVersion: '1' });
  const { head, blocks } = renderReportBlocks(data, { inParts: true });

  it('renders the same body as blocks as it does as one page', () => {
    const whole = renderReportHtml(data, { inParts: true });
    expect(whole.startsWith(head)).toBe(true);
    for (const b of blocks) expect(whole).toContain(b.html);
    expect(blocks.filter((b) => b.section).map((b) => b.section)).toEqual(['cover', 'summary', 'flags', 'disclosure', 'app-transfers', 'app-entities', 'app-prices', 'app-documents', 'repro']);
  });

  it('cuts only between blocks, keeps the cover alone, and gives every part the head and a print-only style', () => {
    const parts = splitReport(head, blocks, 15_000);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]!.sections).toEqual(['cover']);
    // Every block lands whole, in order: the parts' bodies (without the added links and placeholders) are the blocks in sequence.
    const unlinked = (html: string) => bodyOf(html).replace(/<span id="[^"]+" style="position:absolute"><\/span>/g, '')
      .replace(/<(h[23]) id="([^"]+)"><a href="#\2">([\s\S]*?)<\/a><\/\1>/g, '<$1 id="$2">$3</$1>').trim();
    expect(parts.map((p) => unlinked(p.html)).join('\n')).toBe(blocks.map((b) => b.html).join('\n'));
    for (const p of parts) {
      expect(p.html.startsWith(head.replace('</head>', ''))).toBe(true);
      expect(p.html).toContain('@media screen { body { display: none; } }');
    }
    expect(parts.flatMap((p) => p.sections)).toEqual(blocks.filter((b) => b.section).map((b) => b.section));
  });

  it('links each heading to itself and gives links into other parts a placeholder target, so Chromium keeps them', () => {
    const parts = splitReport(head, blocks, 15_000);
    const summary = parts.find((p) => p.sections.includes('summary'))!;
    expect(summary.html).toContain('<h2 id="summary"><a href="#summary">1. Executive summary</a></h2>');
    expect(summary.targets.has('summary')).toBe(true);
    // A largest item whose flag section fell into a later part.
    const largest = data.summary.largest.map((x) => `flag-transfer-${x.transferId}`).find((id) => !summary.html.includes(`<h3 id="${id}">`))!;
    expect(largest).toBeDefined();
    expect(summary.html).toContain(`<a href="#${largest}">`);
    expect(summary.targets.has(largest)).toBe(false);
    expect(summary.html).toContain(`<span id="${largest}" style="position:absolute"></span>`);
    const owner = parts.filter((p) => p.targets.has(largest));
    expect(owner).toHaveLength(1);
    expect(owner[0]!.html).toContain(`<h3 id="${largest}"><a href="#${largest}">`);
    // The cover's contents link to every section, all of them in other parts.
    expect(parts[0]!.targets.size).toBe(0);
  });

  it('outlines the sections with the flagged transfers under the flags, as plain text', () => {
    const outline = headingOutline(blocks);
    expect(outline.map((s) => s.id)).toEqual(['summary', 'flags', 'disclosure', 'app-transfers', 'app-entities', 'app-prices', 'app-documents', 'repro']);
    const flags = outline.find((s) => s.id === 'flags')!;
    expect(flags.children).toHaveLength(groupByTransfer(data.flagged).length);
    for (const c of flags.children) expect(c.title).not.toMatch(/<|&amp;|&#39;|&nbsp;/);
    expect(flags.children.some((c) => /H100/.test(c.title) && c.title.includes('→'))).toBe(true);
  });
});

describe('joining printed parts', () => {
  const pdfWithPages = async (n: number) => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < n; i++) doc.addPage([595.28, 841.89]);
    return Buffer.from(await doc.save());
  };

  it('numbers the pages across parts, writes the outline, and falls back to Latin-1 Helvetica without a font file', async () => {
    const parts = await Promise.all([pdfWithPages(2), pdfWithPages(3), pdfWithPages(1)].map(async (p) => loadPart(await p, new Set())));
    expect(targetPagesOf(parts).size).toBe(0);
    const merged = await mergeReportParts(parts, {
      title: 'Audit → Zürich', footer: 'Footer text', pageLabel: (p, t) => `Page ${p} of ${t}`,
      outline: [], producer: "Arm's Length test", createdAt: new Date('2026-01-02T03:04:05Z'), fontFile: null,
    });
    expect(merged.pages).toBe(6);
    expect(countPdfPages(merged.pdf)).toBe(6);
    expect(merged.stampFontEmbedded).toBe(false);
    const pages = pdfToText(merged.pdf).split('\f');
    for (let i = 0; i < 6; i++) {
      expect(pages[i]).toContain(`Page ${i + 1} of 6`);
      expect(pages[i]).toContain('Audit ? Zürich'); // Helvetica has ü but no arrow
      expect(pages[i]).toContain('Footer text');
    }
    expect(outlinePages(merged.pdf).size).toBe(0);
    const doc = await PDFDocument.load(merged.pdf);
    expect(doc.getTitle()).toBe('Audit → Zürich'); // the metadata keeps the title as typed
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });
});
