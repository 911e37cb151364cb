// Printing a report with page numbers in its contents list: print once, read on which page each
// section heading landed from the PDF's own outline, then print again with those numbers. The
// numbers fill a fixed place in the list, so the second print paginates like the first. Works
// with either printer (Electron or playwright-core), as both hand back the PDF.
import type { ReportLanguage } from '../../../shared/reportScope';
import type { ReportData } from './reportData';
import { renderReportHtml, reportSections } from './html';
import { countPdfPages, outlinePages } from './pdfInfo';

/** draft: a first print only to learn the page of each heading (no header or footer: same layout, less work). */
export type PdfPrinter = (html: string, opts: { language: ReportLanguage; draft?: boolean }) => Promise<Buffer>;

export interface PrintedReport { pdf: Buffer; html: string; pages: number; sectionPages: Record<string, number> }

export async function printReport(data: ReportData, print: PdfPrinter): Promise<PrintedReport> {
  const language = data.scope.language;
  const first = renderReportHtml(data, { sectionPages: {} });
  const draft = await print(first, { language, draft: true });
  const byTitle = outlinePages(draft);
  const sectionPages: Record<string, number> = {};
  for (const s of reportSections(data)) {
    const page = byTitle.get(s.title);
    if (page !== undefined) sectionPages[s.id] = page;
  }
  // Without an outline to read (an old printer), the contents keep their links and lose only the numbers.
  const html = renderReportHtml(data, { sectionPages });
  const pdf = await print(html, { language });
  return { pdf, html, pages: countPdfPages(pdf), sectionPages };
}
