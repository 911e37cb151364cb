import type { Evidence } from '../../../shared/domain';
import { useMessages } from '../i18n';
import { useUiStore } from '../stores/uiStore';

const messages = {
  en: { none: 'No evidence recorded.', open: (doc: string) => `Open ${doc} at this passage`, notHeld: 'document not held' },
  de: { none: 'Keine Belege erfasst.', open: (doc: string) => `${doc} an dieser Stelle öffnen`, notHeld: 'Dokument liegt nicht vor' },
};

/** Evidence excerpts, each a link to its document at the cited place, with the document's hash when it is held. */
export function EvidenceLinks({ items }: { items: Evidence[] }) {
  const t = useMessages(messages);
  const go = useUiStore((s) => s.go);
  if (items.length === 0) return <p className="muted">{t.none}</p>;
  return (
    <ul className="evidence">
      {items.map((e) => (
        <li key={e.id}>
          <blockquote>{e.excerpt}</blockquote>
          <div className="cite">
            <button type="button" className="link" aria-label={t.open(e.document.name)}
              onClick={() => go('documents', { documentId: e.document.id, locator: e.locator })}>
              {e.document.name}
            </button>
            {e.document.issuer ? `, ${e.document.issuer}` : ''}{e.document.filedOn ? `, ${e.document.filedOn}` : ''} · {e.locator} ·{' '}
            {e.document.sha256 ? <code title="SHA-256">{e.document.sha256.slice(0, 16)}…</code> : <span className="muted">{t.notHeld}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
