// The entity page's look-through: each direct or indirect holder with its effective interest,
// whether it controls, and the chains of holdings (with their dates) that make it so.
import type { Output } from '../../../../shared/contract';
import { useMessages } from '../../i18n';
import { percent } from '../../format';
import { useEntitiesStore } from '../../stores/entitiesStore';
import { useChannel } from '../valuation/useChannel';
import { useLedgerChanged } from '../valuation/useLedgerChanged';
import { lookThroughMessages } from './lookThroughMessages';

type Edge = Output<'entity:lookThrough'>['holders'][number]['controlPath'][number];

function Path({ edges }: { edges: Edge[] }) {
  return (
    <>{edges.map((e, i) => (
      <span key={`${e.affiliationId}-${i}`}>{i === 0 ? e.from.name : ''} —{e.relation}{e.validFrom || e.validTo ? ` (${e.validFrom ?? '…'} – ${e.validTo ?? '…'})` : ''}→ {e.to.name}</span>
    ))}</>
  );
}

export function LookThrough({ entityId }: { entityId: number }) {
  const t = useMessages(lookThroughMessages);
  const open = useEntitiesStore((s) => s.open);
  const changed = useLedgerChanged();
  const r = useChannel('entity:lookThrough', { entityId }, [changed]);
  return (
    <section aria-labelledby="look-through-title" className="look-through">
      <h3 id="look-through-title">{t.title}</h3>
      <p className="muted small">{t.note}</p>
      {r.error && <p role="alert" className="error">{r.error}</p>}
      {!r.data && r.loading && <p className="muted" aria-busy="true">{t.loading}</p>}
      {r.data && r.data.holders.length === 0 && <p className="muted">{t.none}</p>}
      {r.data && r.data.truncated && <p className="notice" role="note">{t.truncated}</p>}
      {r.data && r.data.holders.length > 0 && (
        <table className="grid compact" aria-label={t.title}>
          <thead><tr><th scope="col">{t.holder}</th><th scope="col" className="num">{t.effective}</th><th scope="col">{t.control}</th><th scope="col">{t.chains}</th></tr></thead>
          <tbody>{r.data.holders.map((h) => (
            <tr key={h.holder.id}>
              <th scope="row"><button type="button" className="link" onClick={() => void open(h.holder.id)}>{h.holder.name}</button></th>
              <td className="num">{h.chains.length === 0 ? <span className="muted">{t.noStake}</span> : percent(h.effectivePct, 2)}</td>
              <td>{h.controls ? <strong>{t.controls}</strong> : t.noControl}
                {h.controls && h.controlPath.length > 0 && <div className="small muted">{t.controlPath}: <Path edges={h.controlPath} /></div>}</td>
              <td><ul className="chains" aria-label={t.holderLabel(h.holder.name)}>{h.chains.map((c, i) => (
                <li key={i} className="small">{t.chain(percent(c.pct, 2))} <Path edges={c.path} /></li>
              ))}</ul></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
