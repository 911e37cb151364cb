import type { Evidence } from '../../../shared/domain';

export function EvidenceList({ items }: { items: Evidence[] }) {
  if (items.length === 0) return <p className="muted">No evidence recorded.</p>;
  return (
    <ul className="evidence">
      {items.map((e) => (
        <li key={e.id}>
          <blockquote>{e.excerpt}</blockquote>
          <div className="cite">
            {e.document.name}
            {e.document.issuer ? `, ${e.document.issuer}` : ''}
            {e.document.filedOn ? `, ${e.document.filedOn}` : ''} · {e.locator} ·{' '}
            {e.document.sha256 ? <code title="SHA-256 of the document">{e.document.sha256.slice(0, 16)}…</code> : <span className="muted">document not held</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
