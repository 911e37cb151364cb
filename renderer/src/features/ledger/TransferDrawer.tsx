import { useTransfersStore } from '../../stores/transfersStore';
import { useFlagsStore } from '../../stores/flagsStore';
import { useUiStore } from '../../stores/uiStore';
import { EvidenceList } from '../../components/EvidenceList';
import { Severity } from '../../components/Severity';
import { money, quantity, transferDate } from '../../format';

export function TransferDrawer() {
  const { detail, detailError, selectedId, select } = useTransfersStore();
  const openFlag = useFlagsStore((s) => s.open);
  const go = useUiStore((s) => s.go);
  if (selectedId === null) return null;
  return (
    <aside className="drawer" aria-label="Transfer detail">
      <button className="close" onClick={() => void select(null)} aria-label="Close detail">×</button>
      {detailError && <p role="alert" className="error">{detailError}</p>}
      {!detail && !detailError && <p className="muted">Loading…</p>}
      {detail && (() => {
        const t = detail.transfer;
        const v = detail.valuation;
        return (
          <>
            <h2>Transfer #{t.id}</h2>
            <p className="lead">{quantity(t)} {t.resource}: <strong>{t.from.name}</strong> → <strong>{t.to.name}</strong></p>
            <dl className="facts">
              <dt>Date</dt><dd>{transferDate(t)}</dd>
              <dt>Status</dt><dd>{t.status}{t.intendedFor ? ` (meant for ${t.intendedFor.name})` : ''}</dd>
              <dt>Reported</dt><dd>{money(t.amountMinor, t.currency)}</dd>
              {t.description && <><dt>Description</dt><dd>{t.description}</dd></>}
            </dl>
            <h3>Valuation</h3>
            {v ? (
              <dl className="facts valuation" data-testid="valuation">
                <dt>Market value</dt><dd>{money(v.lowMinor, v.currency)} – {money(v.highMinor, v.currency)} <span className="muted">(base {money(v.baseMinor, v.currency)})</span></dd>
                <dt>Unit band</dt><dd>{money(v.unitLowMinor, v.currency)} – {money(v.unitHighMinor, v.currency)} per {v.unit}</dd>
                {v.reportedUnitMinor !== null && (
                  <><dt>Reported per {v.unit}</dt><dd>{money(v.reportedUnitMinor, v.currency)}
                    {v.deviationPct ? ` — ${v.deviationPct > 0 ? 'above' : 'below'} the band by ${Math.abs(v.deviationPct).toFixed(1)}%` : ' — inside the band'}</dd></>
                )}
                <dt>Method</dt><dd>{v.method}</dd>
                <dt>Source</dt><dd>{v.source}</dd>
              </dl>
            ) : <p className="muted">{detail.valuationNote}</p>}
            <h3>Flags</h3>
            {detail.flags.length === 0 ? <p className="muted">No rule flags this transfer.</p> : (
              <ul className="flag-links">
                {detail.flags.map((f) => (
                  <li key={f.id}>
                    <Severity level={f.severity} />{' '}
                    <button className="link" onClick={() => { openFlag(f.id); go('flags'); }}>{f.title}</button>
                    {f.status !== 'open' && <span className="muted"> ({f.status})</span>}
                  </li>
                ))}
              </ul>
            )}
            <h3>Evidence</h3>
            <EvidenceList items={detail.evidence} />
          </>
        );
      })()}
    </aside>
  );
}
