// Entity list (search by name, alias or identifier) and one entity's page: identifiers, roles and
// holdings over time, related parties under each regime, and its transfers in and out.
import { useEffect, useState } from 'react';
import type { RelatedParty, TransferRow } from '../../../../shared/domain';
import type { EntityAffiliation } from '../../../../shared/viewSchemas';
import { entityKinds } from '../../../../shared/domain';
import { useEntitiesStore } from '../../stores/entitiesStore';
import { useUiStore } from '../../stores/uiStore';
import { useMessages } from '../../i18n';
import { money, transferDate } from '../../format';
import { messages } from './messages';
import { useLedgerVersion } from './useLedgerVersion';
import { LookThrough } from './LookThrough';

type M = typeof messages.en;

function EntityList({ m }: { m: M }) {
  const { query, kind, rows, next, listLoading, listError, openId, search, loadMore, open } = useEntitiesStore();
  const [text, setText] = useState(query);
  // The list reloads on opening (the ledger may have changed) and shortly after typing stops.
  const version = useLedgerVersion();
  useEffect(() => { void search(useEntitiesStore.getState().query); }, [search, version]);
  useEffect(() => {
    const t = setTimeout(() => { if (text !== useEntitiesStore.getState().query) void search(text); }, 200);
    return () => clearTimeout(t);
  }, [text, search]);
  return (
    <section className="entity-list" aria-label={m.listLabel}>
      <input type="search" aria-label={m.search} placeholder={m.searchPlaceholder} value={text} onChange={(e) => setText(e.target.value)} />
      <label className="small">{m.kindLabel}{' '}
        <select value={kind} onChange={(e) => void search(text, e.target.value as typeof kind)}>
          <option value="">{m.kindAll}</option>
          {entityKinds.map((k) => <option key={k} value={k}>{m.kind(k)}</option>)}
        </select>
      </label>
      {listError && <p role="alert" className="error">{listError}</p>}
      {!listLoading && !listError && rows.length === 0 && <p className="muted">{query || kind ? m.noMatch : m.emptyLedger}</p>}
      <ul className="pick-list">
        {rows.map((r) => (
          <li key={r.id}>
            <button className={openId === r.id ? 'active' : ''} aria-current={openId === r.id ? 'true' : undefined} onClick={() => void open(r.id)}>
              <span>{r.name}</span>
              <span className="muted small sub">{m.kind(r.kind)}{r.matched ? ` · ${m.matched(r.matched)}` : ''}</span>
            </button>
          </li>
        ))}
      </ul>
      {listLoading && <p className="muted" aria-live="polite">{m.loading}</p>}
      {next && !listLoading && <button className="more" onClick={() => void loadMore()}>{m.more}</button>}
    </section>
  );
}

function Affiliations({ items, m }: { items: EntityAffiliation[]; m: M }) {
  const open = useEntitiesStore((s) => s.open);
  if (items.length === 0) return <p className="muted">{m.noAffiliations}</p>;
  return (
    <table className="grid" aria-label={m.affiliations}>
      <thead><tr><th>{m.party}</th><th>{m.relation}</th><th>{m.from}</th><th>{m.to}</th><th>{m.evidence}</th></tr></thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td><button className="link" onClick={() => void open(a.other.id)}>{a.other.name}</button></td>
            <td>{a.direction === 'in' ? `${a.other.name}: ${a.label}` : m.holdsOver(a.label, a.other.name)}</td>
            <td>{a.validFrom ?? '…'}</td><td>{a.validTo ?? m.today}</td>
            <td className="small">{a.evidence.map((e) => <EvidenceLink key={e.id} documentId={e.document.id} locator={e.locator} label={`${e.document.name}, ${e.locator}`} />)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EvidenceLink({ documentId, locator, label }: { documentId: number; locator: string; label: string }) {
  const go = useUiStore((s) => s.go);
  return <div><button className="link" onClick={() => go('documents', { documentId, locator })}>{label}</button></div>;
}

function Related({ m }: { m: M }) {
  const { related, relatedError, open } = useEntitiesStore();
  if (relatedError) return <p className="muted notice" role="note">{m.relatedUnavailable} {relatedError}</p>;
  if (!related) return <p className="muted">{m.loading}</p>;
  if (related.length === 0) return <p className="muted">{m.relatedNone}</p>;
  const byRegime = new Map<string, RelatedParty[]>();
  for (const r of related) byRegime.set(r.regime, [...(byRegime.get(r.regime) ?? []), r]);
  return (
    <>
      {[...byRegime].map(([regime, list]) => (
        <div key={regime}>
          <h4>{m.regime(regime)}</h4>
          <ul>{list.map((r, i) => <li key={i}><button className="link" onClick={() => void open(r.party.id)}><strong>{r.party.name}</strong></button> — {r.category}: {r.basis} {r.validFrom || r.validTo ? <span className="muted small">({r.validFrom ?? '…'} – {r.validTo ?? m.today})</span> : null}</li>)}</ul>
        </div>
      ))}
    </>
  );
}

function Transfers({ rows, total, side, m, caption }: { rows: TransferRow[]; total: number; side: 'in' | 'out'; m: M; caption: string }) {
  const open = useEntitiesStore((s) => s.open);
  return (
    <>
      <h3>{caption}</h3>
      {rows.length === 0 ? <p className="muted">{m.noTransfers}</p> : (
        <table className="grid" aria-label={caption}>
          <thead><tr><th>{m.date}</th><th>{m.counterparty}</th><th>{m.what}</th><th className="num">{m.amount}</th><th>{m.status}</th><th>{m.flags}</th></tr></thead>
          <tbody>
            {rows.map((t) => {
              const other = side === 'in' ? t.from : t.to;
              return (
                <tr key={t.id}>
                  <td>{transferDate(t)}</td>
                  <td><button className="link" onClick={() => void open(other.id)}>{other.name}</button></td>
                  <td>{t.resource}</td>
                  <td className="num">{money(t.amountMinor, t.currency)}</td>
                  <td>{t.status}</td>
                  <td className="num">{t.flagCount > 0 ? <span className="flag-count">⚑ {t.flagCount}</span> : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {total > rows.length && <p className="muted small">{m.latestOnly(rows.length, total)}</p>}
    </>
  );
}

function EntityPageView({ m }: { m: M }) {
  const { page, pageLoading, pageError } = useEntitiesStore();
  const go = useUiStore((s) => s.go);
  if (pageError) return <p role="alert" className="error">{pageError}</p>;
  if (pageLoading || !page) return <p className="muted" aria-live="polite">{pageLoading ? m.loading : m.pickOne}</p>;
  const e = page.entity;
  return (
    <article className="entity-page" aria-label={e.name}>
      <header className="pane-header">
        <h2>{e.name}</h2>
        <span className="muted">{m.kind(e.kind)}{e.jurisdiction ? ` · ${e.jurisdiction}` : ''}</span>
        <button onClick={() => go('graph', { entityId: e.id })}>{m.showGraph}</button>
      </header>
      {e.note && <p>{e.note}</p>}
      <dl className="facts">
        {e.mergedInto && <><dt>{m.mergedInto}</dt><dd>{e.mergedInto.name}</dd></>}
        <dt>{m.identifiers}</dt>
        <dd>{page.identifiers.length ? page.identifiers.map((i) => `${i.scheme.toUpperCase()} ${i.value}`).join(' · ') : <span className="muted">{m.none}</span>}</dd>
        <dt>{m.aliases}</dt>
        <dd>{page.aliases.length ? page.aliases.join(' · ') : <span className="muted">{m.none}</span>}</dd>
        {page.totals.length > 0 && <><dt>{m.totals}</dt><dd>{page.totals.map((t) => `${m.totalIn} ${money(t.inMinor, t.currency)} · ${m.totalOut} ${money(t.outMinor, t.currency)}`).join('; ')}</dd></>}
      </dl>
      <h3>{m.affiliations}</h3>
      <Affiliations items={page.affiliations} m={m} />
      <h3>{m.related}</h3>
      <Related m={m} />
      <LookThrough entityId={e.id} />
      <Transfers rows={page.transfersOut} total={page.countOut} side="out" m={m} caption={m.transfersOut(page.countOut)} />
      <Transfers rows={page.transfersIn} total={page.countIn} side="in" m={m} caption={m.transfersIn(page.countIn)} />
    </article>
  );
}

export function EntitiesView() {
  const m = useMessages(messages);
  const focus = useUiStore((s) => s.focus);
  const open = useEntitiesStore((s) => s.open);
  const version = useLedgerVersion();
  useEffect(() => { if (focus.entityId !== undefined) void open(focus.entityId); }, [focus.entityId, open]);
  // New facts or another ledger: re-read the open page (it may be gone: the error says so).
  useEffect(() => {
    const id = useEntitiesStore.getState().openId;
    if (id !== null && version) void open(id);
  }, [version, open]);
  return (
    <div className="split-view">
      <section className="main-pane split-list">
        <header className="pane-header"><h1>{m.title}</h1></header>
        <EntityList m={m} />
      </section>
      <section className="main-pane split-detail">
        <EntityPageView m={m} />
      </section>
    </div>
  );
}
