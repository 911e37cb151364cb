// Text of a PDF, as poppler's pdftotext reads it: what a reader of the printed report sees.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPart } from '../../electron/core/reports/pdfMerge';

export function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-pdf-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Save PDF pages as PNG next to the other test artifacts, for a person to look at. */
export function savePagesAsPng(pdf: Buffer, outDir: string, prefix: string, lastPage = 3): void {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${prefix}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', String(lastPage), file, path.join(outDir, prefix)]);
}

/** The 1-based page each named destination of a PDF points at (where its internal links go). */
export async function namedDestinationPages(pdf: Buffer): Promise<Map<string, number>> {
  const { destinations } = await loadPart(pdf, new Set());
  return new Map([...destinations].map(([name, d]) => [name, d.index + 1]));
}
