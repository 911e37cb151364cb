import type { PathEdge } from '../../../shared/domain';
import { useMessages } from '../i18n';

// Dates stay ISO (2022-10-27 – 2025-03-28) in both languages, as on the graph's edges: a span
// of two dates reads unambiguously that way.
const messages = {
  en: { self: (side: string) => `${side}: the holder is this side itself.`, label: (side: string) => `Path to ${side}`, today: 'today' },
  de: { self: (side: string) => `${side}: Der Inhaber ist selbst diese Seite.`, label: (side: string) => `Pfad zu ${side}`, today: 'heute' },
};

/** The chain of affiliations that ties a holder to one side of a transfer, edge by edge. */
export function PathView({ path, side }: { path: PathEdge[]; side: string }) {
  const t = useMessages(messages);
  if (path.length === 0) return <p className="path-empty">{t.self(side)}</p>;
  return (
    <ol className="path" aria-label={t.label(side)}>
      {path.map((e) => (
        <li key={e.affiliationId}>
          <span className="node">{e.from.name}</span>
          <span className="edge"> —{e.relation}→ </span>
          <span className="node">{e.to.name}</span>
          <span className="dates"> ({e.validFrom ?? '…'} – {e.validTo ?? t.today})</span>
          {e.evidence.map((x) => (
            <div key={x.id} className="cite">“{x.excerpt}” — {x.document.name}, {x.locator}</div>
          ))}
        </li>
      ))}
    </ol>
  );
}
