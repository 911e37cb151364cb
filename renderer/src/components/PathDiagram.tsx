import { useId } from 'react';
import type { EntityRef, PathEdge } from '../../../shared/domain';
import { useMessages } from '../i18n';

const messages = {
  en: {
    today: 'today', transfer: 'transfer', none: 'No chain of affiliations is recorded for this flag.',
    label: (text: string) => `Diagram: ${text}`,
  },
  de: {
    today: 'heute', transfer: 'Übertragung', none: 'Für diesen Hinweis ist keine Kette von Verbindungen erfasst.',
    label: (text: string) => `Diagramm: ${text}`,
  },
};

const COL = 330;
const NODE_W = 176;
const NODE_H = 34;
const ROW = [24, 150];
const PAD = 12;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Placed { id: number; name: string; x: number; y: number }

/**
 * The paths of a flag drawn as a small diagram: the common holder on the left, one branch of
 * affiliations to each side of the transfer (relation above each arrow, dates below), and the
 * transfer itself as a dashed arrow between the two sides.
 */
export function PathDiagram({ paths, from, to, transferLabel }: { paths: PathEdge[][]; from: EntityRef; to: EntityRef; transferLabel: string }) {
  const t = useMessages(messages);
  const uid = useId().replace(/:/g, '');
  const branches = [paths[0] ?? [], paths[1] ?? []];
  if (branches.every((b) => b.length === 0)) return <p className="muted">{t.none}</p>;

  const holder = (branches[0]![0] ?? branches[1]![0])!.from;
  const depth = Math.max(...branches.map((b) => b.length), 1);
  const midY = (ROW[0]! + ROW[1]!) / 2;
  const holderNode: Placed = { id: holder.id, name: holder.name, x: PAD, y: midY };
  // Each branch ends in the last column, so the two sides line up for the transfer arrow.
  const placed = branches.map((b, i) => b.map((e, k): Placed => ({ id: e.to.id, name: e.to.name, x: PAD + (depth - b.length + k + 1) * COL, y: ROW[i]! })));
  const ends = placed.map((nodes) => nodes[nodes.length - 1] ?? holderNode);
  const width = PAD * 2 + depth * COL + NODE_W + 240;
  const height = ROW[1]! + NODE_H + 34;
  const dateText = (e: PathEdge) => `${e.validFrom ?? '…'} – ${e.validTo ?? t.today}`;
  const summary = [
    ...branches.map((b, i) => [holder.name, ...b.map((e) => `—${e.relation}→ ${e.to.name}`)].join(' ') + (b.length === 0 ? ` (${i === 0 ? from.name : to.name})` : '')),
    `${t.transfer}: ${from.name} → ${to.name}`,
  ].join('; ');

  const node = (n: Placed, key: string) => (
    <g key={key} className="pd-node">
      <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={6} />
      <text x={n.x + NODE_W / 2} y={n.y + NODE_H / 2 + 4} textAnchor="middle"><title>{n.name}</title>{clip(n.name, 24)}</text>
    </g>
  );
  const edge = (a: Placed, b: Placed, e: PathEdge, key: string) => {
    const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x - 4, y2 = b.y + NODE_H / 2;
    const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
    return (
      <g key={key} className="pd-edge">
        <line x1={x1} y1={y1} x2={x2} y2={y2} markerEnd={`url(#${uid}-arrow)`} />
        <text x={mx} y={my - 7} textAnchor="middle" className="pd-relation"><title>{e.relation}</title>{clip(e.relation, 30)}</text>
        <text x={mx} y={my + 15} textAnchor="middle" className="pd-dates">{dateText(e)}</text>
      </g>
    );
  };

  return (
    <svg className="path-diagram" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t.label(summary)} preserveAspectRatio="xMinYMin meet">
      <defs>
        <marker id={`${uid}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="pd-arrowhead" />
        </marker>
      </defs>
      {node(holderNode, 'holder')}
      {branches.map((b, i) => b.map((e, k) => edge(k === 0 ? holderNode : placed[i]![k - 1]!, placed[i]![k]!, e, `e${i}-${k}`)))}
      {placed.map((nodes, i) => nodes.map((n, k) => node(n, `n${i}-${k}`)))}
      {ends[0] !== ends[1] && (
        <g className="pd-transfer">
          <path d={`M ${ends[0]!.x + NODE_W} ${ends[0]!.y + NODE_H / 2} C ${ends[0]!.x + NODE_W + 60} ${ends[0]!.y + NODE_H / 2}, ${ends[1]!.x + NODE_W + 60} ${ends[1]!.y + NODE_H / 2}, ${ends[1]!.x + NODE_W + 4} ${ends[1]!.y + NODE_H / 2}`}
            markerEnd={`url(#${uid}-arrow)`} />
          <text x={Math.max(ends[0]!.x, ends[1]!.x) + NODE_W + 50} y={midY + NODE_H / 2 + 4}><title>{transferLabel}</title>{clip(transferLabel, 28)}</text>
        </g>
      )}
    </svg>
  );
}
