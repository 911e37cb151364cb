// The selected transfer: its facts, its valuation against the price book, the flags on it (each
// opens the flags board) and its evidence (each excerpt opens its document at that place).
import { useTransfersStore } from '../../stores/transfersStore';
import { useFlagsStore } from '../../stores/flagsStore';
import { useUiStore } from '../../stores/uiStore';
import { useMessages } from '../../i18n';
import { Severity } from '../../components/Severity';
import { EvidenceLinks } from '../../components/EvidenceLinks';
import { ValuationPanel } from '../valuation/ValuationPanel';
import { money, percent, quantity } from '../../format';
import { localDate } from '../../components/dates';
import { ledgerMessages } from './messages';

export function TransferDrawer() {
  const t = useMessages(ledgerMessages);
  const detail = useTransfersStore((s) => s.detail);
  const detailError = useTransfersStore((s) => s.detailError);
  const selectedId = useTransfersStore((s) => s.selectedId);
  const select = useTransfersStore((s) => s.select);
  const openFlag = useFlagsStore((s) => s.open);
  const go = useUiStore((s) => s.go);
  if (selectedId === null) return null;
  const entity = (e: { id: number; name: string }) => (
    <button className="link" title={t.openEntity(e.name)} onClick={() => go('entities', { entityId: e.id })}>{e.name}</button>
  );
  return (
    <aside className="drawer" aria-label={t.detail}>
      <button className="close" onClick={() => void select(null)} aria-label={t.close}>×</button>
      {detailError && <p role="alert" className="error">{detailError}</p>}
      {!detail && !detailError && <p className="muted" role="status">{t.loadingRow}</p>}
      {detail && (() => {
        const tr = detail.transfer;
        const v = detail.valuation;
        return (
          <>
            <h2>{t.transferNo(tr.id)}</h2>
            <p className="lead">{quantity(tr)} {tr.resource}: <strong>{entity(tr.from)}</strong> → <strong>{entity(tr.to)}</strong></p>
            <dl className="facts">
              <dt>{t.date}</dt><dd>{localDate(tr.date, tr.datePrecision)}</dd>
              <dt>{t.status}</dt><dd>{t.statusNames[tr.status] ?? tr.status}{tr.intendedFor ? <> ({t.meantFor('')}{entity(tr.intendedFor)})</> : ''}</dd>
              <dt>{t.reported}</dt><dd>{money(tr.amountMinor, tr.currency)}</dd>
              {tr.description && <><dt>{t.description}</dt><dd>{tr.description}</dd></>}
            </dl>
            <h3>{t.valuation}</h3>
            {v ? (
              <dl className="facts valuation" data-testid="valuation">
                <dt>{t.marketValue}</dt><dd>{money(v.lowMinor, v.currency)} – {money(v.highMinor, v.currency)} <span className="muted">({t.base} {money(v.baseMinor, v.currency)})</span></dd>
                <dt>{t.unitBand}</dt><dd>{money(v.unitLowMinor, v.currency)} – {money(v.unitHighMinor, v.currency)} {t.per} {v.unit}</dd>
                {v.reportedUnitMinor !== null && (
                  <><dt>{t.reportedPer(v.unit)}</dt><dd>{money(v.reportedUnitMinor, v.currency)}
                    {v.deviationPct ? (v.deviationPct > 0 ? t.aboveBand : t.belowBand)(percent(Math.abs(v.deviationPct))) : t.insideBand}</dd></>
                )}
                <dt>{t.method}</dt><dd>{v.method}</dd>
                <dt>{t.source}</dt><dd>{v.source}</dd>
              </dl>
            ) : <p className="muted">{detail.valuationNote}</p>}
            <details className="valuation-more">
              <summary>{t.valuationMore}</summary>
              <ValuationPanel transferId={tr.id} />
            </details>
            <h3>{t.flagsTitle}</h3>
            {detail.flags.length === 0 ? <p className="muted">{t.noFlags}</p> : (
              <ul className="flag-links">
                {detail.flags.map((f) => (
                  <li key={f.id}>
                    <Severity level={f.severity} />{' '}
                    <button className="link" onClick={() => { openFlag(f.id); go('flags', { flagId: f.id }); }}>{f.title}</button>
                    {f.status !== 'open' && <span className="muted"> ({f.status})</span>}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t.evidence}</h3>
            <EvidenceLinks items={detail.evidence} />
          </>
        );
      })()}
    </aside>
  );
}

