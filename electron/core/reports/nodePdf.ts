// Printing the report HTML to PDF outside Electron: Debian's Chromium driven by playwright-core.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../errors';
import type { ReportLanguage } from '../../../shared/reportScope';
import { pdfMarginsMm, pdfTemplates } from './printOptions';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new AppError('internal', `CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new AppError('internal', 'No Chromium found for printing PDFs. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  return found;
}

/** Flags that let Chromium run headless as root on a closed network. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface PrintOptions {
  language?: ReportLanguage;
  /** A layout-only print (see printReport): no header or footer; margins and pages stay the same. */
  draft?: boolean;
}

export async function printHtmlToPdf(html: string, opts: PrintOptions = {}): Promise<Buffer> {
  const printer = await chromiumPrinter();
  try {
    return await printer.print(html, opts);
  } finally {
    await printer.close();
  }
}

/** One Chromium for several prints (the two passes of printReport): a fresh page per print, one launch. */
export async function chromiumPrinter(): Promise<{ print(html: string, opts?: PrintOptions): Promise<Buffer>; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
  return { print: (html, opts = {}) => printPage(browser, html, opts), close: () => browser.close() };
}

async function printPage(browser: Browser, html: string, opts: PrintOptions): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    page.setDefaultTimeout(0); // a 1,000-flag report takes a while to lay out and print
    // Nothing is fetched: the report is self-contained HTML, CSS and SVG.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const mm = (n: number) => `${n}mm`;
    const templates = pdfTemplates(opts.language);
    return await page.pdf({
      format: 'A4', printBackground: true, displayHeaderFooter: !opts.draft, headerTemplate: templates.headerTemplate, footerTemplate: templates.footerTemplate,
      margin: { top: mm(pdfMarginsMm.top), bottom: mm(pdfMarginsMm.bottom), left: mm(pdfMarginsMm.left), right: mm(pdfMarginsMm.right) },
      outline: true, tagged: true, // Chromium builds the outline from the tags, so the draft needs them too
    });
  } finally {
    await page.close();
  }
}
