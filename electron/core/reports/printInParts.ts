// Printing a large report: the body is cut into parts (reportParts.ts) that print side by side,
// one Chromium renderer each, and the PDFs are joined (pdfMerge.ts) with the page numbers, header
// and footer, links and bookmarks a single print would have had. The cover is printed again once
// the pages of the sections are known, so its contents list gives them.
import os from 'node:os';
import type { ReportData } from './reportData';
import { joinReportHtml, renderCoverBlock, renderReportBlocks, reportSections, type ReportBlock } from './html';
import { reportMessages } from './messages';
import { headingOutline, splitReport, PART_TARGET_CHARS } from './reportParts';
import { loadPart, mergeReportParts, targetPagesOf, type LoadedPart } from './pdfMerge';
import type { PdfPrinter, PrintedReport } from './printReport';

export interface PartsOptions {
  /** Parts printed at once; default: the machine's cores, at most 4 (each renderer holds its part's layout). */
  lanes?: number;
  partChars?: number;
  fontFile?: string | null;
}

/** ARMSLENGTH_PRINT_LANES overrides the default (e.g. 1 on a machine short of memory). */
export function defaultLanes(): number {
  const fromEnv = Number(process.env.ARMSLENGTH_PRINT_LANES);
  if (Number.isInteger(fromEnv) && fromEnv >= 1 && fromEnv <= 16) return fromEnv;
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Runs the jobs, at most `lanes` at a time, in order of start; the first failure stops the rest from starting. */
async function inLanes<T>(jobs: Array<() => Promise<T>>, lanes: number): Promise<T[]> {
  const out = new Array<T>(jobs.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < jobs.length) {
      const i = next++;
      try { out[i] = await jobs[i]!(); } catch (err) { failed = true; throw err; }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, jobs.length) }, lane));
  return out;
}

export async function printInParts(data: ReportData, print: PdfPrinter, opts: PartsOptions = {}): Promise<PrintedReport> {
  const language = data.scope.language;
  const m = reportMessages[language];
  const { head, blocks } = renderReportBlocks(data, { inParts: true });
  const parts = splitReport(head, blocks, opts.partChars ?? PART_TARGET_CHARS);
  const printPart = (html: string, n: number) => print(html, { language, label: `${data.title} (part ${n} of ${parts.length})`, tagged: false, headerFooter: false });
  const pdfs = await inLanes(parts.map((p, i) => () => printPart(p.html, i + 1)), opts.lanes ?? defaultLanes());
  const loaded: LoadedPart[] = await Promise.all(pdfs.map((pdf, i) => loadPart(pdf, parts[i]!.targets)));

  // The cover again, now with the page of each section; again if that changed its own length (it shifts every page after it).
  let sectionPages: Record<string, number> = {};
  let coverBlock: ReportBlock = blocks[0]!;
  for (let round = 0; round < 3; round++) {
    const pages = targetPagesOf(loaded);
    sectionPages = Object.fromEntries(reportSections(data).flatMap((s) => (pages.has(s.id) ? [[s.id, pages.get(s.id)!]] : [])));
    const cover = renderCoverBlock(data, { inParts: true, sectionPages });
    coverBlock = cover.block;
    const [coverPart] = splitReport(cover.head, [cover.block]);
    const reprinted = await loadPart(await printPart(coverPart!.html, 1), coverPart!.targets);
    const sameLength = reprinted.pageCount === loaded[0]!.pageCount;
    loaded[0] = reprinted;
    if (sameLength) break;
  }

  const outline = headingOutline(blocks).map((s) => ({ title: s.title, target: s.id, children: s.children.map((c) => ({ title: c.title, target: c.id })) }));
  const merged = await mergeReportParts(loaded, {
    title: data.title, footer: m.footer, pageLabel: (page, total) => `${m.page} ${page} ${m.of} ${total}`,
    outline, producer: `Arm's Length ${data.appVersion}`, createdAt: new Date(data.generatedAt), fontFile: opts.fontFile,
  });
  // The report as one page, with the numbers the printed contents carry: what was printed, before it was cut.
  const html = joinReportHtml(head, [coverBlock, ...blocks.slice(1)]);
  return { pdf: merged.pdf, html, pages: merged.pages, sectionPages, passes: 2, parts: parts.length };
}
