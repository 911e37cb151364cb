import { useCallback, useEffect, useState } from 'react';
import type { Overview } from '../../../../shared/domain';
import { call, errorText, subscribe } from '../../api/client';
import { useMessages } from '../../i18n';
import { useFlagsStore, noFilters } from '../../stores/flagsStore';
import { useLedgerStore } from '../../stores/ledgerStore';
import { useUiStore } from '../../stores/uiStore';
import { MoneyMixView } from '../../components/MoneyMixView';
import { Severity } from '../../components/Severity';
import { number } from '../../format';
import { flagMessages } from '../flags/messages';
import { overviewMessages } from './messages';
import { Timeline } from './Timeline';

type Granularity = Overview['granularity'];

/** The overview for the open ledger, read again when the ledger changes. */
function useOverview(granularity: Granularity) {
  const [state, setState] = useState<{ data: Overview | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const load = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await call('overview:get', { granularity });
      setState({ data, error: null, loading: false });
    } catch (err) {
      setState({ data: null, error: errorText(err).message, loading: false });
    }
  }, [granularity]);
  useEffect(() => {
    void load();
    return subscribe('ledger:changed', () => void load());
  }, [load]);
  return { ...state, reload: load };
}

export function OverviewView() {
  const t = useMessages(overviewMessages);
  const ft = useMessages(flagMessages);
  const [granularity, setGranularity] = useState<Granularity>('month');
  const { data, error, loading, reload } = useOverview(granularity);
  const go = useUiStore((s) => s.go);
  const openSample = useLedgerStore((s) => s.openSample);
  const showRule = (ruleId: string) => { useFlagsStore.getState().setFilters({ ...noFilters, ruleId }); go('flags'); };

  return (
    <section className="main-pane overview" aria-labelledby="overview-title" aria-busy={loading}>
      <header className="pane-header">
        <h1 id="overview-title">{t.title}</h1>
        <div className="segmented" role="radiogroup" aria-label={t.granularity}>
          {(['month', 'quarter'] as const).map((g) => (
            <button key={g} type="button" role="radio" aria-checked={granularity === g} className={granularity === g ? 'active' : ''} onClick={() => setGranularity(g)}>
              {g === 'month' ? t.byMonth : t.byQuarter}
            </button>
          ))}
        </div>
      </header>
      {error && <div role="alert" className="error-box"><p>{error}</p><button type="button" onClick={() => void reload()}>{t.retry}</button></div>}
      {!data && loading && <p className="muted" role="status">{t.loading}</p>}
      {data && data.totals.transfers === 0 && (
        <div className="empty">
          <p>{t.empty}</p><p>{t.emptyHint}</p>
          <p className="empty-actions">
            <button type="button" onClick={() => go('import')}>{t.import}</button>
            <button type="button" onClick={() => void openSample()}>{t.openSample}</button>
          </p>
        </div>
      )}
      {data && data.totals.transfers > 0 && <>
        <p className="muted small">{t.currencyNote(data.reportingCurrency)}</p>
        <div className="cards" data-testid="overview-totals">
          <div className="card">
            <h2>{t.transfers}</h2>
            <p className="big num">{number(data.totals.transfers)}</p>
            <p><MoneyMixView value={data.totals.value} /></p>
            {data.totals.withoutAmount > 0 && <p className="muted small">{t.withoutAmount(number(data.totals.withoutAmount))}</p>}
          </div>
          <div className="card">
            <h2>{t.flagged}</h2>
            <p className="big num">{number(data.flagged.transfers)}</p>
            <p><MoneyMixView value={data.flagged.value} /></p>
            <p className="muted small">{t.flaggedNote}</p>
          </div>
          <div className="card">
            <h2>{t.flags}</h2>
            <p className="big num">{number(data.totals.flags.open + data.totals.flags.confirmed + data.totals.flags.dismissed)}</p>
            <p className="small">{t.flagStates(number(data.totals.flags.open), number(data.totals.flags.confirmed), number(data.totals.flags.dismissed))}</p>
          </div>
          <div className="card">
            <h2>{t.entities}</h2><p className="big num">{number(data.totals.entities)}</p>
            <h2>{t.documents}</h2><p className="big num">{number(data.totals.documents)}</p>
          </div>
        </div>

        <p className="muted small">{t.perFlag}</p>
        <div className="overview-grid">
          <section aria-labelledby="by-rule">
            <h2 id="by-rule">{t.byRule}</h2>
            {data.byRule.length === 0 ? <p className="muted">{t.noFlags}</p> : (
              <table className="grid compact">
                <thead><tr><th scope="col">{t.rule}</th><th scope="col">{t.regime}</th><th scope="col" className="num">{t.flags}</th><th scope="col" className="num">{t.atStake}</th></tr></thead>
                <tbody>
                  {data.byRule.map((r) => (
                    <tr key={r.ruleId}>
                      <th scope="row"><button type="button" className="link" aria-label={t.showFlags(r.ruleId)} onClick={() => showRule(r.ruleId)}>{r.ruleId}</button></th>
                      <td>{r.regime ? (ft.regimes[r.regime] ?? r.regime) : '—'}</td>
                      <td className="num">{number(r.flags)}</td>
                      <td className="num"><MoneyMixView value={r.value} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="by-severity">
            <h2 id="by-severity">{t.bySeverity}</h2>
            {data.bySeverity.length === 0 ? <p className="muted">{t.noFlags}</p> : (
              <table className="grid compact">
                <thead><tr><th scope="col">{t.severity}</th><th scope="col" className="num">{t.flags}</th><th scope="col" className="num">{t.atStake}</th></tr></thead>
                <tbody>
                  {data.bySeverity.map((s) => (
                    <tr key={s.severity}><th scope="row"><Severity level={s.severity} /></th><td className="num">{number(s.flags)}</td><td className="num"><MoneyMixView value={s.value} /></td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>

        <section aria-labelledby="pairs">
          <h2 id="pairs">{t.pairs}</h2>
          {data.topPairs.length === 0 ? <p className="muted">{t.noPairs}</p> : (
            <table className="grid compact">
              <thead><tr><th scope="col">{t.pair}</th><th scope="col" className="num">{t.transfers}</th><th scope="col" className="num">{t.flags}</th><th scope="col" className="num">{t.value}</th></tr></thead>
              <tbody>
                {data.topPairs.map((p) => (
                  <tr key={`${p.a.id}-${p.b.id}`}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => go('entities', { entityId: p.a.id })}>{p.a.name}</button>
                      {' ↔ '}
                      <button type="button" className="link" onClick={() => go('entities', { entityId: p.b.id })}>{p.b.name}</button>
                    </th>
                    <td className="num">{number(p.transfers)}</td>
                    <td className="num">{number(p.flags)}</td>
                    <td className="num"><MoneyMixView value={p.value} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="timeline">
          <h2 id="timeline">{t.timeline}</h2>
          <Timeline overview={data} />
          {data.yearOnly.length > 0 && (
            <p className="year-only"><strong>{t.yearOnly}:</strong>{' '}
              {data.yearOnly.map((y, i) => (
                <span key={y.year}>{i > 0 ? ' · ' : ''}{y.year}: {t.transfersN(y.transfers)}, <MoneyMixView value={y.value} />{y.flags > 0 ? `, ▲${number(y.flags)}` : ''}</span>
              ))}
            </p>
          )}
        </section>
      </>}
    </section>
  );
}
