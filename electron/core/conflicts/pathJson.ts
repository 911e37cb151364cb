// Flag paths as JSON text. Flags of the same two parties share their path edges (ControlGraph
// hands out one object per affiliation and relation, and caches whole answers), so each edge and
// each path is serialised once per run instead of once per flag. The text is exactly what
// JSON.stringify gives for the same paths. Callers treat paths as read-only.
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

/** Every rule cites the relation's two paths (from side, to side): one text per pair, so the flags of a transfer share it. */
const pairText = new WeakMap<PathEdge[], WeakMap<PathEdge[], string>>();

export function pathsJson(paths: PathEdge[][]): string {
  if (paths.length !== 2) return `[${paths.map(pathJson).join(',')}]`;
  const [a, b] = paths as [PathEdge[], PathEdge[]];
  let byB = pairText.get(a);
  if (!byB) { byB = new WeakMap(); pairText.set(a, byB); }
  let s = byB.get(b);
  if (s === undefined) { s = `[${pathJson(a)},${pathJson(b)}]`; byB.set(b, s); }
  return s;
}
