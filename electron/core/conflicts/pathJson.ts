// Flag paths as JSON text. Flags of the same two parties share their path edges (ControlGraph
// hands out one object per affiliation and relation, and caches whole answers), so each edge and
// each path is serialised once per run instead of once per flag. The text is exactly what
// JSON.stringify gives for the same paths.
import type { PathEdge } from '../../../shared/domain';

const edgeText = new WeakMap<PathEdge, string>();
const pathText = new WeakMap<PathEdge[], string>();

function edgeJson(e: PathEdge): string {
  let s = edgeText.get(e);
  if (s === undefined) { s = JSON.stringify(e); edgeText.set(e, s); }
  return s;
}

function pathJson(p: PathEdge[]): string {
  let s = pathText.get(p);
  if (s === undefined) { s = `[${p.map(edgeJson).join(',')}]`; pathText.set(p, s); }
  return s;
}

export function pathsJson(paths: PathEdge[][]): string {
  return `[${paths.map(pathJson).join(',')}]`;
}
