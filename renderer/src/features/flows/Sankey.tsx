// The Sankey as SVG drawn by React; d3-sankey only computes positions. Senders sit in the left
// column and receivers in the right, so a firm that both sends and receives cannot form a cycle.
import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import type { FlowsOutput } from '../../../../shared/viewSchemas';
import { money } from '../../format';

interface N { id: string; name: string; side: 'from' | 'to' }
interface L { source: string; target: string; value: number; label: string }

const WIDTH = 900;
const LABEL_SPACE = 190;

export function Sankey({ data, label }: { data: FlowsOutput; label: string }) {
  const nodes: N[] = [
    ...data.senders.map((p) => ({ id: `s:${p.key}`, name: p.name, side: 'from' as const })),
    ...data.receivers.map((p) => ({ id: `r:${p.key}`, name: p.name, side: 'to' as const })),
  ];
  const name = new Map(nodes.map((n) => [n.id, n.name]));
  const links: L[] = data.links.map((l) => ({ source: `s:${l.source}`, target: `r:${l.target}`, value: l.valueMinor,
    label: `${name.get(`s:${l.source}`)} → ${name.get(`r:${l.target}`)}: ${money(l.valueMinor, data.currency)}` }));
  const height = Math.max(220, Math.min(900, nodes.length * 34));
  const layout = sankey<N, L>().nodeId((n) => n.id).nodeWidth(14).nodePadding(14)
    .extent([[LABEL_SPACE, 10], [WIDTH - LABEL_SPACE, height - 10]]);
  const graph = layout({ nodes: nodes.map((n) => ({ ...n })), links: links.map((l) => ({ ...l })) });
  const path = sankeyLinkHorizontal<N, L>();
  return (
    <svg className="sankey" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} data-testid="sankey">
      <g className="sankey-links">
        {graph.links.map((l: SankeyLink<N, L>, i) => (
          <path key={i} d={path(l) ?? ''} strokeWidth={Math.max(2, l.width ?? 2)} data-flow={l.label}>
            <title>{l.label}</title>
          </path>
        ))}
      </g>
      <g className="sankey-nodes">
        {graph.nodes.map((n: SankeyNode<N, L>) => {
          const x0 = n.x0 ?? 0, x1 = n.x1 ?? 0, y0 = n.y0 ?? 0, y1 = n.y1 ?? 0;
          const left = n.side === 'from';
          return (
            <g key={n.id}>
              <rect x={x0} y={y0} width={x1 - x0} height={Math.max(1, y1 - y0)}><title>{`${n.name}: ${money(n.value ?? 0, data.currency)}`}</title></rect>
              <text x={left ? x0 - 6 : x1 + 6} y={(y0 + y1) / 2} dy="0.35em" textAnchor={left ? 'end' : 'start'}>
                {n.name} <tspan className="sankey-amount">{money(n.value ?? 0, data.currency, true)}</tspan>
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
