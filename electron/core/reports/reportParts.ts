// A large report cut into parts that Chromium can print side by side. One Chromium renderer lays
// out and prints a 1,000-page document on one core, and its time grows faster than the page count;
// parts of a few hundred pages print in parallel and each stays fast. Cuts fall only between blocks
// (html.ts renderReportBlocks) once a part has grown past its share; sections start on a new page
// anyway, so a cut changes the layout only inside the flags and long tables. Each part is a
// complete HTML page with the report's head.
import type { ReportBlock } from './html';

export interface ReportPart {
  html: string;
  /** Sections that open in this part. */
  sections: string[];
  /** Element ids in this part that links point at (the part's own link targets). */
  targets: Set<string>;
}

/** Parts of about this many characters of HTML (about 100–250 pages). */
export const PART_TARGET_CHARS = 900_000;

/** Print-only additions to the head. The hidden screen layout saves Chromium laying the page out
 *  twice (once for the screen at load, once for print): a quarter of a long table's print time. */
const printOnlyHead = '<style>@media screen { body { display: none; } }</style>';

const linkTarget = /href="#([^"]+)"/g;
const heading = /<(h[23]) id="([^"]+)">([\s\S]*?)<\/\1>/g;

/**
 * Headings link to themselves so Chromium writes a named destination for each (pdfMerge.ts turns
 * them into the outline and the contents' page numbers). A link to an element in another part
 * gets an empty placeholder target here, so Chromium keeps the link; pdfMerge.ts then points it
 * at the real place.
 */
function partHtml(head: string, body: string): { html: string; targets: Set<string> } {
  const linked = body.replace(heading, (_, tag: string, id: string, inner: string) => `<${tag} id="${id}"><a href="#${id}">${inner}</a></${tag}>`);
  const ids = new Set([...linked.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!));
  const targets = new Set<string>();
  const placeholders: string[] = [];
  for (const [, id] of linked.matchAll(linkTarget)) {
    if (ids.has(id!)) targets.add(id!);
    else if (!placeholders.includes(id!)) placeholders.push(id!);
  }
  // First in the body and out of the flow: at the end they could land on a page of their own after
  // a forced break, and as inline boxes before a section's heading they would leave a blank first page.
  const stand = placeholders.map((id) => `<span id="${id}" style="position:absolute"></span>`).join('');
  return { html: `${head.replace('</head>', `${printOnlyHead}</head>`)}<body>${stand}\n${linked}\n</body></html>`, targets };
}

/** The cover (with the contents) is a part of its own: it is printed again once the pages of the sections are known. */
export function splitReport(head: string, blocks: ReportBlock[], targetChars = PART_TARGET_CHARS): ReportPart[] {
  const groups: Array<{ blocks: string[]; sections: string[]; chars: number }> = [];
  for (const b of blocks) {
    const last = groups.at(-1);
    const afterCover = last?.sections[0] === 'cover';
    if (!last || afterCover || b.section === 'cover' || last.chars >= targetChars) groups.push({ blocks: [], sections: [], chars: 0 });
    const g = groups.at(-1)!;
    g.blocks.push(b.html);
    g.chars += b.html.length;
    if (b.section !== undefined) g.sections.push(b.section);
  }
  return groups.map((g) => ({ ...partHtml(head, g.blocks.join('\n')), sections: g.sections }));
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** The outline of the report: each section heading (h2 with an id) with the h3 headings with ids under it, as plain text. */
export function headingOutline(blocks: ReportBlock[]): Array<{ id: string; title: string; children: Array<{ id: string; title: string }> }> {
  const out: Array<{ id: string; title: string; children: Array<{ id: string; title: string }> }> = [];
  const text = (inner: string) => inner.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => entities[e]!).replace(/\s+/g, ' ').trim();
  for (const b of blocks) {
    for (const [, tag, id, inner] of b.html.matchAll(heading)) {
      if (tag === 'h2') out.push({ id: id!, title: text(inner!), children: [] });
      else out.at(-1)?.children.push({ id: id!, title: text(inner!) });
    }
  }
  return out;
}
