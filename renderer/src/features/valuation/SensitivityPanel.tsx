// What if a price band or an exchange rate were different: valuation:sensitivity values the
// affected transfers and runs their rules inside a rolled-back savepoint, so the preview changes
// nothing. A band can then be applied for real, as a new band in the price book (audit-logged).
import { useEffect, useMemo, useState } from 'react';
import type { Input, Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useMessages } from '../../i18n';
import { money } from '../../format';
import { valuationMessages, type ValuationMessages } from './messages';
import { useChannel } from './useChannel';
import { useLedgerChanged } from './useLedgerChanged';
import { toDecimal, toMinor } from './decimal';
import { ValuationPanel } from './ValuationPanel';

type Result = Output<'valuation:sensitivity'>;
type Band = Output<'priceBands:list'>[number];
type BandValue = NonNullable<Result['valuations'][number]['before']>;
const bandText = (b: BandValue | null) => (b ? `${money(b.low, b.currency)} – ${money(b.high, b.currency)} (${money(b.base, b.currency)})` : '—');

function BandChange({ t, bands, onPreview }: { t: ValuationMessages; bands: Band[]; onPreview(input: Input<'valuation:sensitivity'>, band: Band, prices: [number, number, number]): void }) {
  const [bandId, setBandId] = useState<number>(bands[0]?.id ?? 0);
  const band = bands.find((b) => b.id === bandId) ?? bands[0];
  const [prices, setPrices] = useState({ low: '', base: '', high: '' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (band) setPrices({ low: toDecimal(band.lowMinor, band.currency), base: toDecimal(band.baseMinor, band.currency), high: toDecimal(band.highMinor, band.currency) });
  }, [band]);
  if (!band) return <p className="muted">{t.noBands}</p>;
  const submit = () => {
    const low = toMinor(prices.low, band.currency), base = toMinor(prices.base, band.currency), high = toMinor(prices.high, band.currency);
    if (low === null || base === null || high === null) { setError(t.invalidNumber); return; }
    if (!(low <= base && base <= high)) { setError(t.order); return; }
    setError(null);
    onPreview({ kind: 'priceBand', id: band.id, lowMinor: low, baseMinor: base, highMinor: high }, band, [low, base, high]);
  };
  return (
    <form className="sensitivity-form" onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate>
      <div className="field">
        <label htmlFor="sens-band">{t.pickBand}</label>
        <select id="sens-band" value={band.id} onChange={(e) => setBandId(Number(e.target.value))}>
          {bands.map((b) => <option key={b.id} value={b.id}>{t.bandOption(b.label, b.unit, b.currency, b.validFrom, b.validTo, b.transfers)}</option>)}
        </select>
      </div>
      <p className="muted small">{t.currentBand(money(band.lowMinor, band.currency), money(band.baseMinor, band.currency), money(band.highMinor, band.currency))} — {band.source}</p>
      <div className="field-row">
        {(['low', 'base', 'high'] as const).map((k) => (
          <div key={k} className="field">
            <label htmlFor={`sens-${k}`}>{k === 'low' ? t.newLow : k === 'base' ? t.newBase : t.newHigh} ({band.currency})</label>
            <input id={`sens-${k}`} inputMode="decimal" size={12} value={prices[k]} aria-invalid={error ? true : undefined}
              onChange={(e) => setPrices({ ...prices, [k]: e.target.value })} />
          </div>
        ))}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary">{t.preview}</button>
    </form>
  );
}

function FxChange({ t, onPreview }: { t: ValuationMessages; onPreview(input: Input<'valuation:sensitivity'>): void }) {
  const fx = useChannel('fx:currencies', {}, []);
  const [quote, setQuote] = useState('');
  const [day, setDay] = useState('');
  const [rate, setRate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const q = fx.data?.quotes.find((x) => x.quote === quote) ?? fx.data?.quotes[0];
  useEffect(() => { if (q && !quote) { setQuote(q.quote); setDay(q.lastDay); } }, [q, quote]);
  if (fx.error) return <p role="alert" className="error">{fx.error}</p>;
  if (!fx.data) return <p className="muted" aria-busy="true">{t.loading}</p>;
  if (!q) return <p className="muted">{t.noFxTable}</p>;
  const submit = () => {
    const n = Number(rate.trim().replace(',', '.'));
    if (!/^\d+([.,]\d+)?$/.test(rate.trim()) || !(n > 0)) { setError(t.invalidNumber); return; }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { setError(t.fxDay); return; }
    setError(null);
    onPreview({ kind: 'fxRate', quote: q.quote, day, rateMicro: Math.round(n * 1e6) });
  };
  return (
    <form className="sensitivity-form" onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate>
      <div className="field-row">
        <div className="field">
          <label htmlFor="sens-fx-quote">{t.fxCurrency}</label>
          <select id="sens-fx-quote" value={q.quote} onChange={(e) => { setQuote(e.target.value); const n = fx.data?.quotes.find((x) => x.quote === e.target.value); if (n) setDay(n.lastDay); }}>
            {fx.data.quotes.map((x) => <option key={x.quote} value={x.quote}>{x.quote} ({x.firstDay} – {x.lastDay})</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sens-fx-day">{t.fxDay}</label>
          <input id="sens-fx-day" type="date" value={day} min={q.firstDay} max={q.lastDay} onChange={(e) => setDay(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sens-fx-rate">{t.fxRate(q.quote)}</label>
          <input id="sens-fx-rate" inputMode="decimal" size={10} value={rate} onChange={(e) => setRate(e.target.value)} />
        </div>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary">{t.preview}</button>
      <p className="muted small">{t.fxApplyNote}</p>
    </form>
  );
}

function ResultView({ t, result }: { t: ValuationMessages; result: Result }) {
  const [open, setOpen] = useState<number | null>(null);
  // At-stake amounts carry no currency of their own: they are in the transfer's, which its valuation names.
  const currencyOf = new Map(result.valuations.map((v) => [v.transferId, (v.before ?? v.after)?.currency ?? null]));
  const atStake = (transferId: number, minor: number | null) => {
    const c = currencyOf.get(transferId) ?? null;
    return minor !== null && c ? ` (${money(minor, c)})` : '';
  };
  return (
    <div className="sensitivity-result" data-testid="sensitivity-result">
      <p className="notice" role="status"><strong>{t.nothingChanged}</strong> {t.checked(result.transfersChecked)}</p>
      <p className="small">{t.assumption}: {result.assumption}</p>
      <h4>{t.movedValuations}</h4>
      {result.valuations.length === 0 ? <p className="muted small">{t.none}</p> : (
        <table className="grid compact" aria-label={t.movedValuations}>
          <thead><tr><th scope="col">{t.transfer}</th><th scope="col">{t.before}</th><th scope="col">{t.after}</th></tr></thead>
          <tbody>{result.valuations.map((v) => (
            <tr key={v.transferId}>
              <th scope="row"><button type="button" className="link" aria-expanded={open === v.transferId} onClick={() => setOpen(open === v.transferId ? null : v.transferId)}>#{v.transferId}</button></th>
              <td>{bandText(v.before)}</td><td>→ {bandText(v.after)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <h4>{t.movedFlags}</h4>
      {result.flags.length === 0 ? <p className="muted small">{t.none}</p> : (
        <table className="grid compact" aria-label={t.movedFlags}>
          <thead><tr><th scope="col">{t.transfer}</th><th scope="col">{t.rule}</th><th scope="col">{t.before}</th><th scope="col">{t.after}</th></tr></thead>
          <tbody>{result.flags.map((f) => (
            <tr key={`${f.transferId}|${f.ruleId}`}>
              <th scope="row"><button type="button" className="link" aria-expanded={open === f.transferId} onClick={() => setOpen(open === f.transferId ? null : f.transferId)}>#{f.transferId}</button></th>
              <td><code>{f.ruleId}</code></td>
              <td>{f.before ? `${f.before.title}${atStake(f.transferId, f.before.atStakeMinor)}` : t.noFlag}</td>
              <td>→ {f.after ? `${f.after.title}${atStake(f.transferId, f.after.atStakeMinor)}` : <strong>{t.flagGone}</strong>}{!f.before && f.after ? ` (${t.flagNew})` : ''}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {open !== null && <div aria-label={t.showValuation(open)} role="region"><ValuationPanel transferId={open} /></div>}
    </div>
  );
}

function ApplyBand({ t, band, prices }: { t: ValuationMessages; band: Band; prices: [number, number, number] }) {
  const [source, setSource] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const apply = async () => {
    if (!source.trim()) { setStatus({ ok: false, text: t.applySourceNeeded }); return; }
    try {
      const [low, base, high] = prices.map((m) => toDecimal(m, band.currency)) as [string, string, string];
      const r = await call('priceBand:create', { resourceKey: band.resourceKey, label: band.label, unit: band.unit, currency: band.currency,
        low, base, high, validFrom: band.validFrom, validTo: band.validTo, source: source.trim() });
      setStatus({ ok: true, text: t.applied(r.id) });
    } catch (err) {
      const e = errorText(err);
      setStatus({ ok: false, text: [e.message, ...e.details].join(' ') });
    }
  };
  return (
    <form className="apply-band" onSubmit={(e) => { e.preventDefault(); void apply(); }} noValidate>
      <p className="small">{t.applyNote}</p>
      <div className="field">
        <label htmlFor="sens-apply-source">{t.applySource}</label>
        <input id="sens-apply-source" value={source} maxLength={1000} onChange={(e) => setSource(e.target.value)} />
      </div>
      <button type="submit">{t.apply}</button>
      {status && <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>{status.text}</p>}
    </form>
  );
}

/** titled: its own heading (false where a surrounding legend already names it). */
export function SensitivityPanel({ titled = true }: { titled?: boolean }) {
  const t = useMessages(valuationMessages);
  const changed = useLedgerChanged();
  const bands = useChannel('priceBands:list', {}, [changed]);
  const [kind, setKind] = useState<'priceBand' | 'fxRate'>('priceBand');
  const [run, setRun] = useState<{ result: Result; band: Band | null; prices: [number, number, number] | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sorted = useMemo(() => bands.data ?? [], [bands.data]);
  const preview = async (input: Input<'valuation:sensitivity'>, band: Band | null = null, prices: [number, number, number] | null = null) => {
    setBusy(true); setError(null); setRun(null);
    try { setRun({ result: await call('valuation:sensitivity', input), band, prices }); } catch (err) { setError(errorText(err).message); } finally { setBusy(false); }
  };
  return (
    <section className="sensitivity-panel" aria-label={t.sensitivity}>
      {titled && <h2>{t.sensitivity}</h2>}
      <p className="muted small">{t.sensitivityNote}</p>
      <div role="radiogroup" aria-label={t.kind} className="field">
        <span>{t.kind}:</span>
        <label className="radio"><input type="radio" name="sens-kind" checked={kind === 'priceBand'} onChange={() => { setKind('priceBand'); setRun(null); }} /> {t.kindBand}</label>
        <label className="radio"><input type="radio" name="sens-kind" checked={kind === 'fxRate'} onChange={() => { setKind('fxRate'); setRun(null); }} /> {t.kindFx}</label>
      </div>
      {kind === 'priceBand' && bands.error && <p role="alert" className="error">{bands.error}</p>}
      {kind === 'priceBand' && !bands.data && bands.loading && <p className="muted" aria-busy="true">{t.loading}</p>}
      {kind === 'priceBand' && bands.data && <BandChange t={t} bands={sorted} onPreview={(i, b, p) => void preview(i, b, p)} />}
      {kind === 'fxRate' && <FxChange t={t} onPreview={(i) => void preview(i)} />}
      {busy && <p className="muted" aria-busy="true">{t.previewing}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {run && <ResultView t={t} result={run.result} />}
      {run?.band && run.prices && <ApplyBand key={JSON.stringify(run.prices)} t={t} band={run.band} prices={run.prices} />}
    </section>
  );
}
