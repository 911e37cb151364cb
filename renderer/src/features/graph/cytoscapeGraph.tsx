// The Cytoscape canvas: shapes tell people from firms (not colour alone), the flag's path is drawn
// thick, and fcose lays out a few hundred nodes without overlaps. Colours come from the theme.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GraphOutput } from '../../../../shared/viewSchemas';
import { validityText } from './validity';

let registered = false;
function ensureFcose() {
  if (!registered) { cytoscape.use(fcose); registered = true; }
}

const shapes: Record<string, cytoscape.Css.NodeShape> = {
  person: 'ellipse', company: 'round-rectangle', trust: 'diamond', fund: 'hexagon', public_body: 'octagon',
};

function themeColours() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#1b1f24'), panel: v('--panel', '#fff'), line: v('--muted', '#5b6470'), accent: v('--accent', '#1f5fbf'), high: v('--high', '#a30d0d'), sel: v('--sel', '#e7effb') };
}

function style(): StylesheetJson {
  const c = themeColours();
  return [
    { selector: 'node', style: {
      shape: (n: cytoscape.NodeSingular) => shapes[n.data('kind') as string] ?? 'round-rectangle',
      label: 'data(name)', 'text-wrap': 'wrap', 'text-max-width': '120px', 'font-size': 11, color: c.text,
      'text-valign': 'bottom', 'text-margin-y': 4, 'background-color': c.panel, 'border-color': c.line, 'border-width': 1.5,
      width: 34, height: 26,
      // In a large group names appear as one zooms in; the centre and the path are always named.
      'min-zoomed-font-size': 6,
    } },
    { selector: 'node[kind = "person"]', style: { width: 28, height: 28, 'background-color': c.sel } },
    { selector: 'node[?centre]', style: { 'border-width': 3, 'border-color': c.accent, 'min-zoomed-font-size': 0, 'font-size': 13, 'font-weight': 'bold' } },
    { selector: 'node[?onPath]', style: { 'border-width': 5, 'border-color': c.high, 'font-weight': 'bold', 'min-zoomed-font-size': 0 } },
    { selector: 'edge', style: {
      width: 1.5, 'line-color': c.line, 'target-arrow-color': c.line, 'target-arrow-shape': 'triangle', 'curve-style': 'bezier',
      label: 'data(caption)', 'font-size': 9, color: c.text, 'text-wrap': 'wrap', 'text-background-color': c.panel,
      'text-background-opacity': 0.85, 'text-background-padding': '1px', 'text-rotation': 'autorotate',
      // Edge labels appear once zoomed in far enough to read them: a 500-node group stays legible.
      'min-zoomed-font-size': 7,
    } },
    { selector: 'edge[kind = "control"], edge[kind = "ownership"]', style: { width: 2.2 } },
    { selector: 'edge[?onPath]', style: { width: 4, 'line-color': c.high, 'target-arrow-color': c.high } },
    { selector: 'edge[kind = "transfer"]', style: { 'line-style': 'dashed' } },
    { selector: ':selected', style: { 'overlay-opacity': 0.15, 'overlay-color': c.accent } },
  ];
}

function elements(data: GraphOutput, today: string): ElementDefinition[] {
  return [
    ...data.nodes.map((n) => ({ data: { id: String(n.id), name: n.name, kind: n.kind, centre: n.centre, onPath: n.onPath } })),
    ...data.edges.map((e) => {
      // A transfer happened on a day; an affiliation holds over a span.
      const dates = e.kind === 'transfer' ? e.validFrom ?? '' : validityText(e.validFrom, e.validTo, today);
      return { data: { id: e.id, source: String(e.source), target: String(e.target), kind: e.kind, onPath: e.onPath, caption: dates ? `${e.label}\n${dates}` : e.label } };
    }),
  ];
}

export interface GraphHandle { fit(): void; zoom(factor: number): void; relayout(): void }

export function CytoscapeGraph({ data, theme, today, label, onOpen, ref }: {
  data: GraphOutput; theme: string; today: string; label: string; onOpen(id: number): void; ref?: Ref<GraphHandle>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  const layout = () => {
    const c = cy.current;
    if (!c) return;
    // Few nodes: long edges leave room for their labels. Many: tighter, and labels show on zoom.
    const small = c.nodes().length <= 60;
    c.layout({ name: 'fcose', quality: 'default', randomize: true, animate: false, padding: 30, numIter: 2500,
      nodeSeparation: small ? 140 : 60, idealEdgeLength: small ? 190 : 45, nodeRepulsion: small ? 30000 : 3500,
      gravity: small ? 0.25 : 0.15, gravityRange: 3.8 } as cytoscape.LayoutOptions).run();
  };

  useEffect(() => {
    ensureFcose();
    const instance = cytoscape({ container: box.current, elements: elements(data, today), style: style(), wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4 });
    cy.current = instance;
    instance.on('tap', 'node', (e) => open.current(Number(e.target.id())));
    layout();
    return () => { instance.destroy(); cy.current = null; };
  }, [data, today]);

  // The theme changed: restyle in place, keeping positions.
  useEffect(() => { cy.current?.style(style()); }, [theme]);

  useImperativeHandle(ref, () => ({
    fit: () => cy.current?.fit(undefined, 30),
    zoom: (factor) => {
      const c = cy.current;
      if (c) c.zoom({ level: c.zoom() * factor, renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
    },
    relayout: layout,
  }));

  return <div ref={box} className="graph-canvas" role="img" aria-label={label} data-testid="graph-canvas" />;
}
