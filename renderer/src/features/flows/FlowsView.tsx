// Value moved between firms per period, by resource type, in the reporting currency: a Sankey,
// the same flows as a table, and plain notes on what was converted, netted or folded.
import { useEffect } from 'react';
import { resourceTypes } from '../../../../shared/domain';
import { periodRange, useFlowsStore, type PeriodKind } from '../../stores/flowsStore';
import { useMessages } from '../../i18n';
import { money } from '../../format';
import { messages } from './messages';
import { Sankey } from './Sankey';
import { useLedgerVersion } from '../entities/useLedgerVersion';

const years = Array.from({ length: 12 }, (_, i) => 2016 + i);

function Controls({ m }: { m: typeof messages.en }) {
  const { params, load } = useFlowsStore();
  const toggleType = (t: (typeof resourceTypes)[number]) =>
    void load({ resourceTypes: params.resourceTypes.includes(t) ? params.resourceTypes.filter((x) => x !== t) : [...params.resourceTypes, t] });
  return (
    <div className="flows-controls">
      <label>{m.period}{' '}
        <select value={params.periodKind} onChange={(e) => void load({ periodKind: e.target.value as PeriodKind })}>
          <option value="year">{m.year}</option><option value="quarter">{m.quarter}</option><option value="custom">{m.custom}</option>
        </select>
      </label>
      {params.periodKind !== 'custom' && (
        <label>{m.year}{' '}
          <select value={params.year} onChange={(e) => void load({ year: Number(e.target.value) })}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      )}
      {params.periodKind === 'quarter' && (
        <label>{m.quarter}{' '}
          <select value={params.quarter} onChange={(e) => void load({ quarter: Number(e.target.value) as 1 | 2 | 3 | 4 })}>
            {[1, 2, 3, 4].map((q) => <option key={q} value={q}>Q{q}</option>)}
          </select>
        </label>
      )}
      {params.periodKind === 'custom' && (
        <>
          <label>{m.from} <input type="date" value={params.from} onChange={(e) => e.target.value && void load({ from: e.target.value })} /></label>
          <label>{m.to} <input type="date" value={params.to} onChange={(e) => e.target.value && void load({ to: e.target.value })} /></label>
        </>
      )}
      <label>{m.topN}{' '}
        <select value={params.topN} onChange={(e) => void load({ topN: Number(e.target.value) })}>
          {[5, 10, 15, 20, 30, 50].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <label><input type="checkbox" checked={params.net} onChange={(e) => void load({ net: e.target.checked })} /> {m.net}</label>
      <fieldset className="type-filter">
        <legend>{m.types} {params.resourceTypes.length === 0 && <span className="muted small">({m.allTypes})</span>}</legend>
        {resourceTypes.map((t) => (
          <label key={t}><input type="checkbox" checked={params.resourceTypes.includes(t)} onChange={() => toggleType(t)} /> {t}</label>
        ))}
      </fieldset>
    </div>
  );
}

export function FlowsView() {
  const m = useMessages(messages);
  const { params, data, loading, error, load } = useFlowsStore();
  const version = useLedgerVersion();
  useEffect(() => { void load(); }, [load, version]);
  const { from, to } = periodRange(params);
  const others = data ? [...data.senders, ...data.receivers].find((p) => p.entityId === null) : undefined;
  const name = new Map(data ? [...data.senders, ...data.receivers].map((p) => [p.key, p.name]) : []);
  return (
    <section className="main-pane flows-view">
      <header className="pane-header"><h1>{m.title}</h1><span className="muted">{from} – {to}</span>
        {loading && <span className="muted" aria-live="polite">{m.loading}</span>}
      </header>
      <Controls m={m} />
      {error && <p role="alert" className="error">{error}</p>}
      {data && (
        <>
          <p aria-live="polite"><strong>{m.total(money(data.totalMinor, data.currency), data.transfers)}</strong> <span className="muted">{m.inCurrency(data.currency)}</span></p>
          <ul className="flow-notes">
            {data.unconverted.map((u) => <li key={u.currency} className="warning">{m.unconverted(money(u.amountMinor, u.currency), u.transfers, u.reason)}</li>)}
            {data.withoutAmount > 0 && <li>{m.withoutAmount(data.withoutAmount)}</li>}
            {data.reciprocal.length > 0 && <li>{m.cycles} {data.reciprocal.map((r) => `${r.a} ⇄ ${r.b}`).join('; ')}{params.net ? ` ${m.netted}` : ''}</li>}
            {others && <li>{m.others(others.members)}</li>}
          </ul>
          {data.links.length === 0 ? <div className="empty"><p>{m.empty}</p></div> : (
            <>
              <div className="sankey-head" aria-hidden="true"><span>{m.senders}</span><span>{m.receivers}</span></div>
              <Sankey data={data} label={m.chartLabel(from, to)} />
              <table className="grid" aria-label={m.table}>
                <caption className="muted small">{m.table}</caption>
                <thead><tr><th>{m.fromCol}</th><th>{m.toCol}</th><th className="num">{m.amountCol}</th><th>{m.byType}</th><th className="num">{m.transfersCol}</th><th className="num">{m.reverseCol}</th></tr></thead>
                <tbody>
                  {data.links.map((l) => (
                    <tr key={`${l.source}>${l.target}`}>
                      <td>{name.get(l.source)}</td><td>{name.get(l.target)}</td>
                      <td className="num">{money(l.valueMinor, data.currency)}</td>
                      <td>{l.byType.map((b) => `${b.resourceType} ${money(b.valueMinor, data.currency, true)}`).join(', ')}</td>
                      <td className="num">{l.transfers}</td>
                      <td className="num">{l.reverseMinor ? money(l.reverseMinor, data.currency) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
