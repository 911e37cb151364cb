// The font for the running header and footer that pdfMerge.ts draws on a report printed in parts.
// The report itself prints in DejaVu Sans or Liberation Sans (reportCss.ts); the stamp uses the
// first of those, or Arial, found on this machine, so a name like "Société Générale → Zürich AG"
// prints as written. Without any of them it falls back to the PDF's built-in Helvetica, which
// knows only Latin-1: other characters become "?", and the caller is told.
import fs from 'node:fs';
import * as fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';

const candidates = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation/LiberationSans-Regular.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/Library/Fonts/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

export function findStampFontFile(): string | null {
  const fromEnv = process.env.ARMSLENGTH_STAMP_FONT;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export interface StampFont { font: PDFFont; /** The text as the font can draw it. */ fit(text: string): string; embedded: boolean }

export async function embedStampFont(doc: PDFDocument, file: string | null = findStampFontFile()): Promise<StampFont> {
  if (file) doc.registerFontkit(fontkit);
  const font = file ? await doc.embedFont(fs.readFileSync(file), { subset: true }) : await doc.embedFont(StandardFonts.Helvetica);
  const known = new Set(font.getCharacterSet());
  return { font, embedded: file !== null, fit: (text) => [...text].map((c) => (known.has(c.codePointAt(0)!) ? c : '?')).join('') };
}
