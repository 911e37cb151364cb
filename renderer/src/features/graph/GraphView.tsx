// The affiliation graph: the neighbourhood of an entity (N hops) or of a flag's path, as of a
// date, drawn with Cytoscape; beside it, the same nodes and links as a list for the keyboard.
import { useEffect, useRef } from 'react';
import type { GraphOutput } from '../../../../shared/viewSchemas';
import { useGraphStore } from '../../stores/graphStore';
import { useUiStore } from '../../stores/uiStore';
import { useSettingsStore } from '../../stores/settingsStore';
import { useMessages } from '../../i18n';
import { messages } from './messages';
import { CytoscapeGraph, type GraphHandle } from './cytoscapeGraph';
import { EntityPicker } from './EntityPicker';
import { FlagPicker } from './FlagPicker';
import { validityText } from './validity';
import { useLedgerVersion } from '../entities/useLedgerVersion';

type M = typeof messages.en;

function GraphList({ data, m }: { data: GraphOutput; m: M }) {
  const go = useUiStore((s) => s.go);
  const name = new Map(data.nodes.map((n) => [n.id, n.name]));
  return (
    <section className="graph-list" aria-label={m.listTitle}>
      <h2>{m.listTitle}</h2>
      <h3>{m.nodesList}</h3>
      <ul aria-label={m.nodesList}>
        {data.nodes.map((n) => (
          <li key={n.id} className={n.onPath ? 'on-path' : ''} data-on-path={n.onPath ? 'true' : undefined}>
            <button className="link" aria-label={m.openEntity(n.name)} onClick={() => go('entities', { entityId: n.id })}>{n.name}</button>
            <span className="muted small"> · {m.kind(n.kind)} · {m.hopN(n.hop)}</span>
            {n.onPath && <strong className="path-mark"> · {m.pathMark}</strong>}
          </li>
        ))}
      </ul>
      <h3>{m.edgesList}</h3>
      {data.edges.length === 0 ? <p className="muted">{m.noEdges}</p> : (
        <ul aria-label={m.edgesList}>
          {data.edges.map((e) => (
            <li key={e.id} className={e.onPath ? 'on-path' : ''}>
              {name.get(e.source)} —{e.label}→ {name.get(e.target)}
              <span className="muted small"> {e.kind === 'transfer' ? e.validFrom : validityText(e.validFrom, e.validTo, m.today)}</span>
              {e.onPath && <strong className="path-mark"> · {m.pathMark}</strong>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function GraphView() {
  const m = useMessages(messages);
  const { params, data, loading, error, load } = useGraphStore();
  const focus = useUiStore((s) => s.focus);
  const go = useUiStore((s) => s.go);
  const theme = useSettingsStore((s) => s.theme);
  const graph = useRef<GraphHandle>(null);

  // Opened on a flag or an entity from elsewhere: centre there (a flag starts on its transfer's date).
  useEffect(() => {
    if (focus.flagId !== undefined) void load({ flagId: focus.flagId, entityId: undefined, asOf: '' });
    else if (focus.entityId !== undefined) void load({ entityId: focus.entityId, flagId: undefined });
    else if (!data && (params.entityId !== undefined || params.flagId !== undefined)) void load({});
    // Only a new focus re-centres; the other choices load on their own controls.
  }, [focus.flagId, focus.entityId, load]);

  // Another ledger: its ids mean other entities, so start over; new facts: redraw the same centre.
  const version = useLedgerVersion();
  const ledgerPath = version.split('|')[0];
  const lastPath = useRef(ledgerPath);
  useEffect(() => {
    if (lastPath.current !== ledgerPath) { lastPath.current = ledgerPath; void load({ entityId: undefined, flagId: undefined }); }
    else if (useGraphStore.getState().data) void load({});
  }, [version, ledgerPath, load]);
  const shownDate = data?.asOf ?? '';
  return (
    <section className="main-pane graph-view">
      <header className="pane-header"><h1>{m.title}</h1>
        {loading && <span className="muted" aria-live="polite">{m.loading}</span>}
      </header>
      <div className="graph-controls" role="group" aria-label={m.title}>
        <EntityPicker label={m.centre} placeholder={m.centrePlaceholder} onPick={(r) => void load({ entityId: r.id, flagId: undefined })} />
        <FlagPicker label={m.flag} none={m.noFlag} value={params.flagId}
          onPick={(id) => void load(id === undefined ? { flagId: undefined, entityId: data?.nodes.find((n) => n.onPath)?.id ?? params.entityId } : { flagId: id, asOf: '' })} />
        <label>{m.hops}{' '}
          <select value={params.hops} onChange={(e) => void load({ hops: Number(e.target.value) })}>
            {[1, 2, 3, 4].map((h) => <option key={h} value={h}>{h}</option>)}
          </select>
        </label>
        <label>{m.asOf}{' '}
          <input type="date" value={params.asOf || shownDate} onChange={(e) => void load({ asOf: e.target.value })} />
        </label>
        <button onClick={() => void load({ asOf: '' })}>{m.clearDate}</button>
        <span className="toolbar">
          <button onClick={() => graph.current?.fit()}>{m.fit}</button>
          <button aria-label={m.zoomIn} onClick={() => graph.current?.zoom(1.25)}>+</button>
          <button aria-label={m.zoomOut} onClick={() => graph.current?.zoom(0.8)}>−</button>
          <button onClick={() => graph.current?.relayout()}>{m.relayout}</button>
        </span>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {!data && !loading && !error && <div className="empty"><p>{m.choose}</p></div>}
      {data && (
        <>
          {data.flag && (
            <p className="summary">{m.flagPath(data.flag.title)} <button className="link" onClick={() => { go('graph', {}); void load({ flagId: undefined, entityId: data.nodes.find((n) => n.onPath)?.id, asOf: data.asOf ?? '' }); }}>{m.clearFlag}</button></p>
          )}
          <p className="muted" aria-live="polite">
            {m.summary(data.nodes.length, data.edges.length)}{data.asOf ? ` · ${m.asOf} ${data.asOf}` : ` · ${m.anyDate}`}
            {data.outsideDate > 0 && data.asOf ? ` · ${m.outsideDate(data.outsideDate, data.asOf)}` : ''}
          </p>
          {data.leftOut > 0 && <p className="warning" role="note">{m.leftOut(data.leftOut, data.leftOutApprox)}</p>}
          <div className="graph-layout">
            <CytoscapeGraph ref={graph} data={data} theme={theme} today={m.today} label={m.graphLabel} onOpen={(id) => go('entities', { entityId: id })} />
            <aside className="graph-side">
              <h2 className="small-heading">{m.legend}</h2>
              <ul className="legend">
                <li><span className="lg lg-person" aria-hidden="true" /> {m.person}</li>
                <li><span className="lg lg-company" aria-hidden="true" /> {m.company}</li>
                <li><span className="lg lg-trust" aria-hidden="true" /> {m.trust}</li>
                <li><span className="lg lg-path" aria-hidden="true" /> {m.onPath}</li>
                <li><span className="lg lg-transfer" aria-hidden="true" /> {m.transferEdge}</li>
              </ul>
              <GraphList data={data} m={m} />
            </aside>
          </div>
        </>
      )}
    </section>
  );
}
