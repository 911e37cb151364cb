// Joins the PDFs of a report printed in parts (reportParts.ts) into one document: the pages in
// order, every link pointing at its real target across parts, a bookmark outline, and the running
// header and footer ("Page 3 of 1,267") drawn on each page, since Chromium numbers each part from 1.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, rgb, type PDFObject, type PDFPage } from 'pdf-lib';
import { embedStampFont } from './stampFont';

export interface OutlineEntry { title: string; target: string; children?: OutlineEntry[] }

export interface MergeOptions {
  /** The document title (PDF metadata and the running header). */
  title: string;
  /** Left side of the footer. */
  footer: string;
  /** Right side of the footer, e.g. "Page 3 of 1,267". */
  pageLabel: (page: number, total: number) => string;
  outline: OutlineEntry[];
  producer: string;
  /** Written as the PDF's creation date (the report's generation time). */
  createdAt: Date;
  /** Font file for the header and footer; default: looked up (stampFont.ts). */
  fontFile?: string | null;
}

export interface MergedPdf {
  pdf: Buffer;
  pages: number;
  /** False when no font file was found and the header and footer fell back to Latin-1 Helvetica. */
  stampFontEmbedded: boolean;
}

interface Destination { page: PDFPage; view: PDFObject[] }

const mm = (n: number) => (n * 72) / 25.4;
const grey = rgb(0x55 / 255, 0x55 / 255, 0x55 / 255);
const STAMP_SIZE = 7;

/** A part's named destinations (Chromium writes one per linked element id): name → page index and view. */
function destinationsOf(src: PDFDocument): Map<string, { index: number; view: PDFObject[] }> {
  const out = new Map<string, { index: number; view: PDFObject[] }>();
  const dests = src.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return out;
  const pageIndex = new Map(src.getPages().map((p, i) => [p.ref.toString(), i]));
  for (const [name, value] of dests.entries()) {
    const resolved = src.context.lookup(value);
    const array = resolved instanceof PDFArray ? resolved : resolved instanceof PDFDict ? resolved.lookupMaybe(PDFName.of('D'), PDFArray) : undefined;
    const pageRef = array?.get(0);
    const index = pageRef instanceof PDFRef ? pageIndex.get(pageRef.toString()) : undefined;
    if (array && index !== undefined) out.set(name.decodeText(), { index, view: array.asArray().slice(1) });
  }
  return out;
}

function destinationArray(doc: PDFDocument, d: Destination): PDFArray {
  return doc.context.obj([d.page.ref, ...d.view]);
}

/** Bookmarks as the PDF outline tree; an entry with children starts closed (the flags: hundreds of them). */
function writeOutline(doc: PDFDocument, entries: OutlineEntry[], at: Map<string, Destination>): void {
  const ctx = doc.context;
  const write = (items: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } | null => {
    const placed = items.filter((e) => at.has(e.target));
    if (placed.length === 0) return null;
    const refs = placed.map(() => ctx.nextRef());
    placed.forEach((e, i) => {
      const dict = ctx.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(e.title));
      dict.set(PDFName.of('Parent'), parent);
      dict.set(PDFName.of('Dest'), destinationArray(doc, at.get(e.target)!));
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      const kids = e.children ? write(e.children, refs[i]!) : null;
      if (kids) {
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(-kids.count));
      }
      ctx.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs.at(-1)!, count: refs.length };
  };
  const root = ctx.nextRef();
  const top = write(entries, root);
  if (!top) return;
  ctx.assign(root, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** One printed part, read: its pages, its named destinations and which of them are its own targets. */
export interface LoadedPart {
  doc: PDFDocument;
  pageCount: number;
  destinations: Map<string, { index: number; view: PDFObject[] }>;
  targets: Set<string>;
}

export async function loadPart(bytes: Buffer, targets: Set<string>): Promise<LoadedPart> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return { doc, pageCount: doc.getPageCount(), destinations: destinationsOf(doc), targets };
}

/** 1-based page of each part's own link targets once the parts are joined in order. */
export function targetPagesOf(parts: LoadedPart[]): Map<string, number> {
  const out = new Map<string, number>();
  let offset = 0;
  for (const p of parts) {
    for (const [name, d] of p.destinations) if (p.targets.has(name) && !out.has(name)) out.set(name, offset + d.index + 1);
    offset += p.pageCount;
  }
  return out;
}

export async function mergeReportParts(parts: LoadedPart[], o: MergeOptions): Promise<MergedPdf> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const own = new Map<string, Destination>();
  const placeholder = new Map<string, Destination>();
  for (const part of parts) {
    const pages = await doc.copyPages(part.doc, part.doc.getPageIndices());
    for (const p of pages) doc.addPage(p);
    for (const [name, d] of part.destinations) {
      const dest = { page: pages[d.index]!, view: d.view };
      if (part.targets.has(name)) { if (!own.has(name)) own.set(name, dest); }
      else if (!placeholder.has(name)) placeholder.set(name, dest);
    }
  }
  const at = new Map([...placeholder, ...own]);
  const dests = doc.context.obj({}) as PDFDict;
  for (const [name, d] of at) dests.set(PDFName.of(name), destinationArray(doc, d));
  doc.catalog.set(PDFName.of('Dests'), doc.context.register(dests));
  writeOutline(doc, o.outline, at);

  const stamp = await embedStampFont(doc, o.fontFile);
  const all = doc.getPages();
  const header = stamp.fit(o.title);
  const footer = stamp.fit(o.footer);
  all.forEach((page, i) => {
    const { width, height } = page.getSize();
    const label = stamp.fit(o.pageLabel(i + 1, all.length));
    page.drawText(header, { x: mm(16), y: height - mm(10), size: STAMP_SIZE, font: stamp.font, color: grey });
    page.drawText(footer, { x: mm(16), y: mm(8), size: STAMP_SIZE, font: stamp.font, color: grey });
    page.drawText(label, { x: width - mm(16) - stamp.font.widthOfTextAtSize(label, STAMP_SIZE), y: mm(8), size: STAMP_SIZE, font: stamp.font, color: grey });
  });

  doc.setTitle(o.title);
  doc.setProducer(o.producer);
  doc.setCreator(o.producer);
  doc.setCreationDate(o.createdAt);
  doc.setModificationDate(o.createdAt);
  // Plain objects (no object streams): the small readers in pdfInfo.ts can count pages and read the outline.
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  return { pdf, pages: all.length, stampFontEmbedded: stamp.embedded };
}
