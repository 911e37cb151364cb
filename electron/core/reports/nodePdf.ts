// Printing the report HTML to PDF outside Electron: Debian's Chromium driven by playwright-core.
import fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AppError } from '../errors';
import type { ReportLanguage } from '../../../shared/reportScope';
import { pdfMarginsMm, pdfTemplates } from './printOptions';
import { estimatePages, printTimeoutMs, withPrintDeadline } from './printDeadline';

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
  /** The report's title, named in the error when a print runs out of time. */
  label?: string;
  /** Overrides the size-scaled deadline (printTimeoutMs). */
  timeoutMs?: number;
  /** Tagged PDF (accessibility tags, and Chromium's source for the outline). Default on. */
  tagged?: boolean;
  /** The running header and footer (page numbers). Default on; off for a part of a report printed in parts. */
  headerFooter?: boolean;
}

export async function printHtmlToPdf(html: string, opts: PrintOptions = {}): Promise<Buffer> {
  const printer = await chromiumPrinter();
  try {
    return await printer.print(html, opts);
  } finally {
    await printer.close();
  }
}

export interface ChromiumPrinter { print(html: string, opts?: PrintOptions): Promise<Buffer>; close(): Promise<void> }

/** One Chromium for several prints (the two passes of printReport, the parts of a large report):
 *  one browser context, and a page per print at a time that is reused for the next print. A fresh
 *  context costs a new renderer process that sets up its fonts again: about 1.5 CPU seconds each,
 *  against about 0.4 s for a small print on a page already open.
 *  Launched as a server so that a print past its deadline can be ended by killing the process. */
export async function chromiumPrinter(): Promise<ChromiumPrinter> {
  const server = await chromium.launchServer({ executablePath: findChromium(), args: chromiumArgs, headless: true });
  const browser = await chromium.connect(server.wsEndpoint());
  const context = await browser.newContext();
  const idle: Page[] = [];
  let killed = false;
  const kill = async () => { killed = true; await server.kill(); };
  const withPage = async (work: (page: Page) => Promise<Buffer>): Promise<Buffer> => {
    const page = idle.pop() ?? await openPage(context);
    let ok = false;
    try {
      const pdf = await work(page);
      ok = true;
      return pdf;
    } finally {
      // A page whose print failed is not trusted again.
      if (ok && !killed) idle.push(page); else await page.close().catch(() => undefined);
    }
  };
  return {
    print: (html, opts = {}) => {
      if (killed) return Promise.reject(new AppError('internal', 'The PDF printer was stopped after an earlier print ran out of time.'));
      const ms = opts.timeoutMs ?? printTimeoutMs(html);
      return withPrintDeadline(withPage((page) => printOn(page, html, opts)), { ms, label: opts.label ?? 'report', pages: estimatePages(html), stop: kill });
    },
    close: async () => { if (!killed) { await browser.close().catch(() => undefined); await server.close(); } },
  };
}

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(0); // the deadline around the whole print (withPrintDeadline) is the limit
  // Nothing is fetched: the report is self-contained HTML, CSS and SVG.
  await page.route('**/*', (route) => route.abort());
  return page;
}

async function printOn(page: Page, html: string, opts: PrintOptions): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load', timeout: 0 });
  await page.evaluate('document.fonts.ready.then(() => true)');
  const mm = (n: number) => `${n}mm`;
  const templates = pdfTemplates(opts.language);
  const tagged = opts.tagged ?? true;
  return page.pdf({
    format: 'A4', printBackground: true, displayHeaderFooter: !opts.draft && opts.headerFooter !== false, headerTemplate: templates.headerTemplate, footerTemplate: templates.footerTemplate,
    margin: { top: mm(pdfMarginsMm.top), bottom: mm(pdfMarginsMm.bottom), left: mm(pdfMarginsMm.left), right: mm(pdfMarginsMm.right) },
    outline: tagged, tagged, // Chromium builds the outline from the tags
  });
}
