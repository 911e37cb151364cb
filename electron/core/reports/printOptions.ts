// One page setup for both printers (Electron's printToPDF and Chromium via playwright-core):
// both run Chromium's headless printing, so the same HTML and options give the same document.

export const pdfHeaderTemplate = `<div style="font-size:7pt;width:100%;padding:0 16mm;color:#555;font-family:sans-serif;">
  <span class="title"></span></div>`;
export const pdfFooterTemplate = `<div style="font-size:7pt;width:100%;padding:0 16mm;color:#555;font-family:sans-serif;display:flex;justify-content:space-between;">
  <span>Arm's Length audit report</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;

/** Page margins in millimetres, top/bottom wide enough for the header and footer. */
export const pdfMarginsMm = { top: 22, bottom: 20, left: 16, right: 16 };
