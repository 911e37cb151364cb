// One page setup for both printers (Electron's printToPDF and Chromium via playwright-core):
// both run Chromium's headless printing, so the same HTML and options give the same document.
import type { ReportLanguage } from '../../../shared/reportScope';
import { reportMessages } from './messages';

const box = 'font-size:7pt;width:100%;margin:0 16mm;color:#555;font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;';

/** Running header and footer in the report's language; Chromium fills title, pageNumber and totalPages. */
export function pdfTemplates(lang: ReportLanguage = 'en'): { headerTemplate: string; footerTemplate: string; footerText: string } {
  const m = reportMessages[lang];
  return {
    footerText: m.footer,
    headerTemplate: `<div style="${box}"><span class="title"></span></div>`,
    footerTemplate: `<div style="${box}"><span style="float:right">${m.page} <span class="pageNumber"></span> ${m.of} <span class="totalPages"></span></span><span>${m.footer}</span></div>`,
  };
}

export const pdfHeaderTemplate = pdfTemplates('en').headerTemplate;
export const pdfFooterTemplate = pdfTemplates('en').footerTemplate;

/** Page margins in millimetres, top/bottom wide enough for the header and footer. */
export const pdfMarginsMm = { top: 20, bottom: 18, left: 16, right: 16 };
