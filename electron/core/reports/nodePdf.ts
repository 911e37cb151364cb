// Printing the report HTML to PDF outside Electron: Debian's Chromium driven by playwright-core.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../errors';
import { pdfFooterTemplate, pdfHeaderTemplate, pdfMarginsMm } from './printOptions';

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

export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const mm = (n: number) => `${n}mm`;
    return await page.pdf({
      format: 'A4', printBackground: true, displayHeaderFooter: true,
      headerTemplate: pdfHeaderTemplate, footerTemplate: pdfFooterTemplate,
      margin: { top: mm(pdfMarginsMm.top), bottom: mm(pdfMarginsMm.bottom), left: mm(pdfMarginsMm.left), right: mm(pdfMarginsMm.right) },
      outline: true, tagged: true,
    });
  } finally {
    await browser.close();
  }
}
