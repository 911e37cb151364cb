import type { PathEdge } from '../../../shared/domain';

/** The chain of affiliations that ties a holder to one side of a transfer, edge by edge. */
export function PathView({ path, side }: { path: PathEdge[]; side: string }) {
  if (path.length === 0) return <p className="path-empty">{side}: the holder is this side itself.</p>;
  return (
    <ol className="path" aria-label={`Path to ${side}`}>
      {path.map((e) => (
        <li key={e.affiliationId}>
          <span className="node">{e.from.name}</span>
          <span className="edge"> —{e.relation}→ </span>
          <span className="node">{e.to.name}</span>
          <span className="dates"> ({e.validFrom ?? '…'} – {e.validTo ?? 'today'})</span>
          {e.evidence.map((x) => (
            <div key={x.id} className="cite">“{x.excerpt}” — {x.document.name}, {x.locator}</div>
          ))}
        </li>
      ))}
    </ol>
  );
}
