// Printing a report with page numbers in its contents list: print once, read on which page each
// section heading landed from the PDF's own outline, then print again with those numbers. The
// numbers fill a fixed place in the list, so the second print paginates like the first. A large
// report would take minutes that way (one renderer, two passes, tags): it is printed in parts at
// once and joined instead (printInParts.ts). Works with either printer (Electron or
// playwright-core), as both hand back the PDF.
import type { ReportLanguage } from '../../../shared/reportScope';
import type { ReportData } from './reportData';
import { renderReportHtml, reportSections } from './html';
import { countPdfPages, outlinePages } from './pdfInfo';
import { estimatePages } from './printDeadline';
import { printInParts, type PartsOptions } from './printInParts';

/** draft: a first print only to learn the page of each heading (no header or footer: same layout, less work).
 *  label: the report's title, for the error if the print runs out of time.
 *  tagged: false leaves out the PDF's structure tags and bookmarks (default on).
 *  headerFooter: false leaves out the running header and footer (a part of a report printed in parts: they are drawn when joined). */
export type PdfPrinter = (html: string, opts: { language: ReportLanguage; draft?: boolean; label?: string; tagged?: boolean; headerFooter?: boolean }) => Promise<Buffer>;

export interface PrintedReport {
  pdf: Buffer; html: string; pages: number; sectionPages: Record<string, number>; passes: 1 | 2;
  /** 1, or how many parts a large report was printed in. */
  parts: number;
}

/** Above this many expected pages the report is printed in parts: measured on a 138-page report,
 *  tags cost 40% of the print time and the draft pass doubles it (bench/report.ts variants). */
export const TWO_PASS_MAX_PAGES = 120;

export async function printReport(data: ReportData, print: PdfPrinter, opts: { twoPassMaxPages?: number; parts?: PartsOptions } = {}): Promise<PrintedReport> {
  const language = data.scope.language;
  const label = data.title;
  const first = renderReportHtml(data, { sectionPages: {} });
  if (estimatePages(first) > (opts.twoPassMaxPages ?? TWO_PASS_MAX_PAGES)) return printInParts(data, print, opts.parts);
  const draft = await print(first, { language, draft: true, label });
  const byTitle = outlinePages(draft);
  const sectionPages: Record<string, number> = {};
  for (const s of reportSections(data)) {
    const page = byTitle.get(s.title);
    if (page !== undefined) sectionPages[s.id] = page;
  }
  // Without an outline to read (an old printer), the contents keep their links and lose only the numbers.
  const html = renderReportHtml(data, { sectionPages });
  const pdf = await print(html, { language, label });
  return { pdf, html, pages: countPdfPages(pdf), sectionPages, passes: 2, parts: 1 };
}
