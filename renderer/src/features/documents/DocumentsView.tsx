// Documents the ledger cites: the list, and one document with its readable text (a window around
// the fact asked for, highlighted) beside every fact drawn from it. Files the ledger does not hold
// show their metadata and the cited excerpt.
import { useEffect, useState } from 'react';
import type { DocumentTarget } from '../../../../shared/viewSchemas';
import { useDocumentsStore, WINDOW_CHARS } from '../../stores/documentsStore';
import { useUiStore, type Focus } from '../../stores/uiStore';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { messages } from './messages';
import { DocumentText } from './DocumentText';
import { useLedgerVersion } from '../entities/useLedgerVersion';

type M = typeof messages.en;

const sameTarget = (a: DocumentTarget | null, b: DocumentTarget | null) => a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);

/** What another view asked to see: a character range, a transfer's row or citation, or a locator. */
export function targetFromFocus(f: Focus): DocumentTarget | null {
  if (f.charStart !== undefined && f.charEnd !== undefined) return { kind: 'range', charStart: f.charStart, charEnd: f.charEnd };
  if (f.transferId !== undefined) return { kind: 'transfer', id: f.transferId };
  if (f.locator) return { kind: 'locator', locator: f.locator };
  return null;
}

function DocumentList({ m }: { m: M }) {
  const { search, rows, next, listLoading, listError, openId, loadList, loadMore, open } = useDocumentsStore();
  const [text, setText] = useState(search);
  const version = useLedgerVersion();
  useEffect(() => { void loadList(); }, [loadList, version]);
  useEffect(() => {
    const t = setTimeout(() => { if (text !== useDocumentsStore.getState().search) void loadList(text); }, 200);
    return () => clearTimeout(t);
  }, [text, loadList]);
  return (
    <section aria-label={m.listLabel}>
      <input type="search" aria-label={m.search} placeholder={m.searchPlaceholder} value={text} onChange={(e) => setText(e.target.value)} />
      {listError && <p role="alert" className="error">{listError}</p>}
      {!listLoading && !listError && rows.length === 0 && <p className="muted">{search ? m.noMatch : m.none}</p>}
      <ul className="pick-list">
        {rows.map((d) => (
          <li key={d.id}>
            <button className={openId === d.id ? 'active' : ''} aria-current={openId === d.id ? 'true' : undefined} onClick={() => void open(d.id)}>
              <span>{d.name}</span>
              <span className="muted small sub">{d.kind} · {d.held ? m.held : m.notHeld}</span>
            </button>
          </li>
        ))}
      </ul>
      {listLoading && <p className="muted">{m.loading}</p>}
      {next !== null && !listLoading && <button className="more" onClick={() => void loadMore()}>{m.more}</button>}
    </section>
  );
}

function DocumentPane({ m }: { m: M }) {
  const { doc, docLoading, docError, open, page, openId, target } = useDocumentsStore();
  const go = useUiStore((s) => s.go);
  if (docError) return <p role="alert" className="error">{docError}</p>;
  if (!doc) return <p className="muted" aria-live="polite">{docLoading ? m.loading : m.pickOne}</p>;
  const d = doc.document;
  const t = doc.text;
  return (
    <article className="document-page" aria-label={d.name}>
      <header className="pane-header"><h2>{d.name}</h2>{docLoading && <span className="muted">{m.loading}</span>}</header>
      <dl className="facts">
        <dt>{m.kind}</dt><dd>{d.kind} · <strong>{d.held ? m.held : m.notHeld}</strong></dd>
        {d.issuer && <><dt>{m.issuer}</dt><dd>{d.issuer}</dd></>}
        {d.filedOn && <><dt>{m.filedOn}</dt><dd>{d.filedOn}</dd></>}
        {d.sizeBytes !== null && <><dt>{m.size}</dt><dd>{m.bytes(number(d.sizeBytes))}</dd></>}
        {d.sha256 && <><dt>{m.sha}</dt><dd><code className="hash">{d.sha256}</code></dd></>}
        {d.sourceUrl && <><dt>{m.source}</dt><dd>{d.sourceUrl}</dd></>}
      </dl>
      {doc.note && <p className="notice" role="note">{doc.note}</p>}
      {doc.excerpt && (!t || !doc.highlight) && (
        <figure className="excerpt"><figcaption className="muted small">{m.excerpt}</figcaption><blockquote data-testid="doc-excerpt">{doc.excerpt}</blockquote></figure>
      )}
      {t && (
        <section aria-label={m.text}>
          <div className="doc-toolbar">
            <span className="muted small">{m.showing(number(t.offset), number(t.offset + t.text.length), number(t.totalChars))}</span>
            {doc.highlight && <span className="small">{m.highlightHow(doc.highlight.how)}</span>}
            <button disabled={t.offset === 0 || docLoading} onClick={() => void page(Math.max(0, t.offset - WINDOW_CHARS))}>{m.earlier}</button>
            <button disabled={t.offset + t.text.length >= t.totalChars || docLoading} onClick={() => void page(t.offset + t.text.length)}>{m.later}</button>
          </div>
          <DocumentText offset={t.offset} text={t.text} highlight={doc.highlight} label={m.textLabel(d.name)} />
        </section>
      )}
      <h3>{m.facts(doc.factsTotal)}</h3>
      {doc.facts.length < doc.factsTotal && <p className="muted small">{m.factsShown(doc.facts.length, doc.factsTotal)}</p>}
      {doc.facts.length === 0 ? <p className="muted">{m.noFacts}</p> : (
        <ul className="doc-facts">
          {doc.facts.map((f, i) => (
            <li key={i} className={sameTarget(f.target, target) ? 'current' : ''} aria-current={sameTarget(f.target, target) ? 'true' : undefined}>
              <span className="tag">{m.kinds(f.kind)}</span> {f.label}
              {f.locator && <span className="muted small"> · {f.locator}</span>}
              {/* A proposal's description is often its excerpt: quote only what the label does not say. */}
              {f.excerpt && !f.label.includes(f.excerpt) && <blockquote className="small">{f.excerpt.length > 300 ? `${f.excerpt.slice(0, 300)}…` : f.excerpt}</blockquote>}
              <span className="fact-actions">
                {f.target && openId !== null && <button className="link" onClick={() => void open(openId, f.target)}>{t ? m.showInText : m.showExcerpt}</button>}
                {f.transferId !== null && <button className="link" onClick={() => go('ledger', { transferId: f.transferId! })}>{m.openTransfer}</button>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function DocumentsView() {
  const m = useMessages(messages);
  const focus = useUiStore((s) => s.focus);
  const open = useDocumentsStore((s) => s.open);
  useEffect(() => {
    if (focus.documentId !== undefined) void open(focus.documentId, targetFromFocus(focus));
  }, [focus, open]);
  return (
    <div className="split-view">
      <section className="main-pane split-list">
        <header className="pane-header"><h1>{m.title}</h1></header>
        <DocumentList m={m} />
      </section>
      <section className="main-pane split-detail">
        <DocumentPane m={m} />
      </section>
    </div>
  );
}
