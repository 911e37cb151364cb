// The control/role path behind a flag, drawn as an SVG string: the common holder on the left,
// one row per side of the transfer, each link labelled with its relation and dates, and the
// transfer itself as a dashed arrow between the two sides. Pure (no DOM), so the report, the
// CLI and the renderer draw the same picture; every piece of text is escaped.
import type { EntityRef, PathEdge } from './domain';

export interface PathDiagramInput {
  /** One path per side, each starting at the common holder (an empty path: the holder is that side). */
  paths: PathEdge[][];
  /** The two sides of the transfer, used when a path is empty. */
  sides: [EntityRef, EntityRef];
  /** Label on the dashed transfer arrow, e.g. "12,000 × Nvidia H100 GPU". */
  transferLabel?: string;
  /** Words for "today" and the accessible title, in the report's language. */
  words?: { today: string; title: string; since: string };
  /** false: leave out the inline <style>, because the page carries pathDiagramCss once (a report with 1,000 diagrams). */
  embedStyle?: boolean;
}

/** The diagram's text styles, for pages that hold many diagrams and include them once. */
export const pathDiagramCss = `svg.path-diagram text{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;fill:#1b1f24}`
  + `svg.path-diagram .name{font-size:9.5px;font-weight:bold}svg.path-diagram .rel{font-size:9px}svg.path-diagram .when{font-size:8px;fill:#555}`
  + `svg.path-diagram .transfer{font-size:9px;fill:#a03020}svg.path-diagram .halo{stroke:#fff;stroke-width:3px;stroke-linejoin:round;paint-order:stroke}`;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const NODE_W = 150;
const NODE_H = 38;
const ROW_GAP = 40;
const CHAR_W = 5.6; // average glyph width of 9px sans-serif, to size the gaps for edge labels
const MARGIN = 12;

interface Node { key: string; entity: EntityRef; col: number; rows: number[] }

/** Split a name into at most two lines of about `max` characters, cutting the rest with an ellipsis. */
function wrap(text: string, max = 24): string[] {
  if (text.length <= max) return [text];
  const cut = text.lastIndexOf(' ', max);
  const first = cut > 8 ? text.slice(0, cut) : text.slice(0, max);
  let rest = text.slice(first.length).trim();
  if (rest.length > max) rest = `${rest.slice(0, max - 1)}…`;
  return [first, rest];
}

function dates(e: PathEdge, words: NonNullable<PathDiagramInput['words']>): string {
  if (!e.validFrom && !e.validTo) return '';
  if (e.validFrom && !e.validTo) return `${words.since} ${e.validFrom}`;
  return `${e.validFrom ?? '…'} – ${e.validTo ?? words.today}`;
}

export function renderPathDiagram(input: PathDiagramInput): string {
  const words = input.words ?? { today: 'today', title: 'Control and role path', since: 'since' };
  const rowsN = Math.max(1, input.paths.length);
  // Nodes by (depth, entity): a shared prefix of the two paths becomes one node spanning both rows.
  const nodes = new Map<string, Node>();
  const edges: Array<{ from: string; to: string; label: string; when: string }> = [];
  const ends: string[] = [];
  for (let row = 0; row < rowsN; row++) {
    const path = input.paths[row] ?? [];
    const chain: EntityRef[] = path.length ? [path[0]!.from, ...path.map((e) => e.to)] : [input.sides[row] ?? input.sides[0]];
    let prevKey: string | null = null;
    chain.forEach((entity, col) => {
      // Holder (col 0) is shared; deeper nodes merge only while both paths still agree.
      const samePrefix = row > 0 && (input.paths[0] ?? []).slice(0, col).every((e, i) => e.affiliationId === path[i]?.affiliationId);
      const key: string = col === 0 || samePrefix ? `${col}:${entity.id}` : `${col}:${entity.id}:r${row}`;
      const node = nodes.get(key) ?? { key, entity, col, rows: [] };
      if (!node.rows.includes(row)) node.rows.push(row);
      nodes.set(key, node);
      if (prevKey && col > 0) {
        const e = path[col - 1]!;
        if (!edges.some((x) => x.from === prevKey && x.to === key)) edges.push({ from: prevKey, to: key, label: e.relation, when: dates(e, words) });
      }
      prevKey = key;
    });
    ends.push(prevKey!);
  }
  const cols = Math.max(...[...nodes.values()].map((n) => n.col)) + 1;
  // Each gap between columns is as wide as its longest edge label.
  const gaps = Array.from({ length: cols }, (_, c) => {
    const labels = edges.filter((e) => nodes.get(e.to)!.col === c + 1).flatMap((e) => [e.label, e.when]);
    return Math.max(70, ...labels.map((l) => l.length * CHAR_W + 24));
  });
  const colX = (c: number) => MARGIN + gaps.slice(0, c).reduce((a, b) => a + b, 0) + c * NODE_W;
  const rowY = (rows: number[]) => MARGIN + 14 + (rows.reduce((a, b) => a + b, 0) / rows.length) * (NODE_H + ROW_GAP);
  const arrowRoom = input.transferLabel ? Math.max(90, Math.min(input.transferLabel.length, 40) * CHAR_W + 30) : 0;
  const width = Math.ceil(colX(cols - 1) + NODE_W + MARGIN + arrowRoom);
  const height = Math.ceil(MARGIN * 2 + 14 + rowsN * NODE_H + (rowsN - 1) * ROW_GAP);
  const pos = (key: string) => { const n = nodes.get(key)!; return { x: colX(n.col), y: rowY(n.rows) }; };

  const parts: string[] = [];
  for (const e of edges) {
    const a = pos(e.from);
    const b = pos(e.to);
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x - 3;
    const y2 = b.y + NODE_H / 2;
    const mx = (x1 + x2) / 2;
    parts.push(`<path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}" fill="none" stroke="#3b4a5a" stroke-width="1.2" marker-end="url(#arrow)"/>`);
    // Labels sit on the flat end of the curve, at the target's height, so two links leaving one node never overlap.
    const lx = x2 - 8;
    parts.push(`<text x="${lx}" y="${y2 - 5}" text-anchor="end" class="rel halo">${escapeXml(e.label)}</text>`);
    if (e.when) parts.push(`<text x="${lx}" y="${y2 + 12}" text-anchor="end" class="when halo">${escapeXml(e.when)}</text>`);
  }
  for (const n of nodes.values()) {
    const { x, y } = pos(n.key);
    const person = n.entity.kind === 'person';
    const lines = wrap(n.entity.name);
    parts.push(`<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="${person ? 19 : 3}" fill="${person ? '#fdf3e1' : '#eef3f8'}" stroke="#3b4a5a" stroke-width="1"/>`);
    lines.forEach((line, i) => {
      const ty = y + NODE_H / 2 + (i - (lines.length - 1) / 2) * 11 + 3.5;
      parts.push(`<text x="${x + NODE_W / 2}" y="${ty}" text-anchor="middle" class="name">${escapeXml(line)}</text>`);
    });
  }
  if (input.transferLabel && ends.length === 2 && ends[0] !== ends[1]) {
    const a = pos(ends[0]!);
    const b = pos(ends[1]!);
    const x = Math.max(a.x, b.x) + NODE_W + 14;
    const y1 = a.y + NODE_H / 2;
    const y2 = b.y + NODE_H / 2;
    parts.push(`<path d="M${a.x + NODE_W},${y1} H${x} V${y2} H${b.x + NODE_W + 3}" fill="none" stroke="#a03020" stroke-width="1.2" stroke-dasharray="4 3" marker-end="url(#arrow-red)"/>`);
    parts.push(`<text x="${x + 6}" y="${(y1 + y2) / 2 + 3}" class="transfer">${escapeXml(input.transferLabel.length > 40 ? `${input.transferLabel.slice(0, 39)}…` : input.transferLabel)}</text>`);
  }
  const title = escapeXml(words.title);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="path-diagram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}">`
    + `<title>${title}</title>`
    + `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#3b4a5a"/></marker>`
    + `<marker id="arrow-red" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#a03020"/></marker></defs>`
    + (input.embedStyle === false ? '' : `<style>${pathDiagramCss}</style>`)
    + parts.join('')
    + `</svg>`;
}
