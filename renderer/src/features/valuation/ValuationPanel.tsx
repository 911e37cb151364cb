// One transfer's valuation as valuation:detail explains it: the band (own and reporting currency,
// with the rate used), method and sources, reported amount against the band in words, the delay's
// cost with its assumptions (editable here), and materiality next to each rule's threshold.
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { useMessages } from '../../i18n';
import { money, number, percent } from '../../format';
import { localDate } from '../../components/dates';
import { valuationMessages, type ValuationMessages } from './messages';
import { useChannel } from './useChannel';
import { useLedgerChanged } from './useLedgerChanged';
import { AssumptionsForm } from './AssumptionsForm';

type Detail = Output<'valuation:detail'>;
type Transfer = Output<'transfer:get'>['transfer'];

/** The deviation in words: never colour alone. */
export function deviationText(t: ValuationMessages, pct: number | null): string {
  if (pct === null) return t.noAmount;
  if (pct === 0) return t.inside;
  return pct > 0 ? t.above(percent(pct)) : t.below(percent(-pct));
}

function BandTable({ t, caption, low, base, high, currency }: { t: ValuationMessages; caption: string; low: number; base: number; high: number; currency: string }) {
  return (
    <table className="grid compact band-table">
      <caption>{caption}</caption>
      <thead><tr><th scope="col">{t.low}</th><th scope="col">{t.base}</th><th scope="col">{t.high}</th></tr></thead>
      <tbody><tr><td className="num">{money(low, currency)}</td><td className="num">{money(base, currency)}</td><td className="num">{money(high, currency)}</td></tr></tbody>
    </table>
  );
}

function Materiality({ t, detail }: { t: ValuationMessages; detail: Detail }) {
  const rows = detail.materiality.flatMap((m) => m.shares.map((s) => ({ m, s })));
  return (
    <>
      <h4>{t.materiality}</h4>
      {rows.length === 0 ? <p className="muted small">{detail.materiality.map((m) => m.note).filter(Boolean).join(' ') || t.noMateriality}</p> : (
        <table className="grid compact">
          <thead><tr><th scope="col">{t.figure}</th><th scope="col" className="num">{t.figureAmount}</th><th scope="col">{t.period}</th>
            <th scope="col" className="num">{t.thisTransfer}</th><th scope="col" className="num">{t.yearTotal}</th><th scope="col">{t.source}</th></tr></thead>
          <tbody>{rows.map(({ m, s }) => (
            <tr key={`${m.entityId}|${s.figure}|${s.periodEnd}`}>
              <th scope="row">{m.entityName}: {t.figures[s.figure] ?? s.figure}</th>
              <td className="num">{money(s.figureMinor, s.currency)}</td>
              <td>{localDate(s.periodEnd)}</td>
              <td className="num">{percent(s.transferPct, 2)}</td>
              <td className="num">{percent(s.yearTotalPct, 2)} <span className="muted small-inline">({money(s.yearTotalMinor, s.currency)}, {m.counterpartyName})</span></td>
              <td className="small">{s.source}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <h4>{t.thresholds}</h4>
      {detail.thresholds.length === 0 ? <p className="muted small">{t.none}</p> : (
        <table className="grid compact" data-testid="valuation-thresholds">
          <thead><tr><th scope="col">{t.rule}</th><th scope="col">{t.threshold}</th><th scope="col">{t.value}</th><th scope="col">{t.met}</th></tr></thead>
          <tbody>{detail.thresholds.map((r) => (
            <tr key={r.rule}><th scope="row">{r.rule}</th><td>{r.threshold}</td><td>{r.value}</td>
              <td><span className={`met met-${r.met === null ? 'unknown' : r.met ? 'yes' : 'no'}`}>{r.met === null ? t.unknown : r.met ? t.yes : t.no}</span></td></tr>
          ))}</tbody>
        </table>
      )}
    </>
  );
}

function Delay({ t, detail, transferId, onChanged }: { t: ValuationMessages; detail: Detail; transferId: number; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const assumptions = useChannel('valuation:assumptions:get', editing ? {} : null, []);
  const d = detail.delay;
  return (
    <>
      <h4>{t.delay}</h4>
      {!d ? <p className="muted small">{t.noDelay}</p> : (
        <dl className="facts">
          <dt>{t.delay}</dt><dd><strong>{money(d.minor, d.currency)}</strong> · {t.months(number(d.months, 1), d.monthsBasis)}</dd>
          <dt>{t.delayMethod}</dt><dd>{d.method}</dd>
          <dt>{t.costOfCapital}</dt><dd>{number(d.assumptions.costOfCapitalPct, 2)}</dd>
          <dt>{t.defaultDelay}</dt><dd>{number(d.assumptions.defaultDelayMonths, 1)}</dd>
          <dt>{t.rental}</dt><dd>{d.assumptions.rentalPerMonthMinor === null ? t.rentalNone : `${money(d.assumptions.rentalPerMonthMinor, d.currency)}${d.assumptions.rentalSource ? ` — ${d.assumptions.rentalSource}` : ''}`}</dd>
        </dl>
      )}
      {!editing && <button type="button" onClick={() => setEditing(true)}>{t.editAssumptions}</button>}
      {editing && assumptions.loading && <p className="muted small" aria-busy="true">{t.loading}</p>}
      {editing && assumptions.error && <p role="alert" className="error">{assumptions.error}</p>}
      {editing && assumptions.data && (
        <AssumptionsForm idPrefix={`valuation-${transferId}`} value={assumptions.data} onCancel={() => setEditing(false)} onSaved={() => { setEditing(false); onChanged(); }} />
      )}
    </>
  );
}

export function ValuationPanel({ transferId }: { transferId: number }) {
  const t = useMessages(valuationMessages);
  const changed = useLedgerChanged();
  const detail = useChannel('valuation:detail', { transferId }, [changed]);
  const transfer = useChannel('transfer:get', { id: transferId }, [changed]);
  const headingId = `valuation-panel-${transferId}`;
  return (
    <section className="valuation-panel" aria-labelledby={headingId} data-testid="valuation-panel">
      <h3 id={headingId}>{t.panel}</h3>
      {detail.error && <div role="alert" className="error-box"><p>{detail.error}</p><button type="button" onClick={detail.reload}>{t.retry}</button></div>}
      {!detail.data && detail.loading && <p className="muted" aria-busy="true">{t.loading}</p>}
      {detail.data && <DetailBody t={t} d={detail.data} row={transfer.data?.transfer ?? null} onChanged={detail.reload} />}
    </section>
  );
}

function DetailBody({ t, d, row, onChanged }: { t: ValuationMessages; d: Detail; row: Transfer | null; onChanged(): void }) {
  const v = d.valuation;
  return (
    <>
      {!v && <p className="notice" role="note">{t.notValued} {d.note}</p>}
      {v && (
        <>
          <BandTable t={t} caption={t.bandOwn(v.currency)} low={v.lowMinor} base={v.baseMinor} high={v.highMinor} currency={v.currency} />
          {d.reporting && d.reporting.currency !== v.currency && (
            <BandTable t={t} caption={t.bandReporting(d.reporting.currency)} low={d.reporting.lowMinor} base={d.reporting.baseMinor} high={d.reporting.highMinor} currency={d.reporting.currency} />
          )}
          {d.reportingNote && <p className="notice small" role="note">{d.reportingNote}</p>}
          <dl className="facts">
            <dt>{t.method}</dt><dd>{v.method}</dd>
            <dt>{t.priceSource}</dt><dd>{v.source} <span className="muted small-inline">({t.bandValid(localDate(v.bandValidFrom), localDate(v.bandValidTo))})</span></dd>
            <dt>{t.fx}</dt><dd data-testid="valuation-fx">{d.reporting && d.reporting.currency !== v.currency ? d.reporting.fx : t.noFx}</dd>
            <dt>{t.reported}</dt><dd>{row ? money(row.amountMinor, row.currency) : '…'}</dd>
            <dt>{t.perUnit}</dt>
            <dd data-testid="valuation-deviation">{money(v.reportedUnitMinor, v.currency)} — <strong>{deviationText(t, v.deviationPct)}</strong></dd>
            <dt>{t.unitBand}</dt><dd>{money(v.unitLowMinor, v.currency)} – {money(v.unitHighMinor, v.currency)} × {number(v.quantity, 4)} {v.unit}</dd>
          </dl>
        </>
      )}
      <Delay t={t} detail={d} transferId={d.transferId} onChanged={onChanged} />
      <Materiality t={t} detail={d} />
    </>
  );
}
