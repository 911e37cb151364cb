import { useEffect, useMemo, useState } from 'react';
import { useMessages } from '../../i18n';
import { flagStatuses, severities } from '../../../../shared/domain';
import { noFilters, useFlagsStore, visibleFlags, type FlagSortKey } from '../../stores/flagsStore';
import { useUiStore } from '../../stores/uiStore';
import { Severity } from '../../components/Severity';
import { localDate } from '../../components/dates';
import { money } from '../../format';
import { flagMessages } from './messages';
import { FlagPage } from './FlagPage';
import { BoardTabs, type BoardTab } from './BoardTabs';
import { UnexplainedDisclosures } from './UnexplainedDisclosures';
import { RulesRun } from './RulesRun';

export function FlagsView() {
  const t = useMessages(flagMessages);
  const { flags, loading, loaded, error, openId, open, load, sort, dir, setSort, filters, setFilters } = useFlagsStore();
  const focusFlag = useUiStore((s) => s.focus.flagId);
  const [tab, setTab] = useState<BoardTab>('flags');
  useEffect(() => { void load(); }, [load]);
  // Opened on a flag (from the palette, the ledger or the overview): show its page.
  useEffect(() => { if (focusFlag !== undefined) open(focusFlag); }, [focusFlag, open]);

  const shown = useMemo(() => visibleFlags(flags, filters, sort, dir), [flags, filters, sort, dir]);
  const rules = useMemo(() => [...new Set(flags.map((f) => f.ruleId))].sort(), [flags]);
  const regimes = useMemo(() => [...new Set(flags.map((f) => f.regime ?? ''))].filter(Boolean).sort(), [flags]);
  const current = flags.find((f) => f.id === openId) ?? null;
  const filtered = Object.values(filters).some(Boolean);

  const header = (key: FlagSortKey | null, label: string, className?: string) => (
    <th scope="col" className={className} aria-sort={key && sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      {key ? (
        <button type="button" className="sort" onClick={() => setSort(key)} aria-label={t.sortBy(label)}>
          {label}{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      ) : label}
    </th>
  );

  return (
    <div className="with-drawer">
      <section className="main-pane" aria-labelledby="flags-title">
        <header className="pane-header">
          <h1 id="flags-title">{t.title}</h1>
          <span className="muted" role="status">{loaded ? t.count(shown.length, flags.length) : ''}</span>
          <RulesRun />
        </header>
        <BoardTabs tab={tab} onChange={setTab} />
        {tab === 'unexplained' ? <div role="tabpanel" id="board-panel-unexplained" aria-labelledby="board-tab-unexplained"><UnexplainedDisclosures /></div> : (
        <div role="tabpanel" id="board-panel-flags" aria-labelledby="board-tab-flags">
        <form className="filters" aria-label={t.filters} onSubmit={(e) => e.preventDefault()}>
          <span className="filter">
            <label htmlFor="flag-filter-status">{t.status}</label>
            <select id="flag-filter-status" value={filters.status} onChange={(e) => setFilters({ status: e.target.value as typeof filters.status })}>
              <option value="">{t.any}</option>
              {flagStatuses.map((s) => <option key={s} value={s}>{t[s]}</option>)}
            </select>
          </span>
          <span className="filter">
            <label htmlFor="flag-filter-rule">{t.rule}</label>
            <select id="flag-filter-rule" value={filters.ruleId} onChange={(e) => setFilters({ ruleId: e.target.value })}>
              <option value="">{t.any}</option>
              {rules.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </span>
          <span className="filter">
            <label htmlFor="flag-filter-regime">{t.regime}</label>
            <select id="flag-filter-regime" value={filters.regime} onChange={(e) => setFilters({ regime: e.target.value })}>
              <option value="">{t.any}</option>
              {regimes.map((r) => <option key={r} value={r}>{t.regimes[r] ?? r}</option>)}
            </select>
          </span>
          <span className="filter">
            <label htmlFor="flag-filter-severity">{t.severity}</label>
            <select id="flag-filter-severity" value={filters.severity} onChange={(e) => setFilters({ severity: e.target.value as typeof filters.severity })}>
              <option value="">{t.any}</option>
              {severities.map((s) => <option key={s} value={s}>{t.severities[s]}</option>)}
            </select>
          </span>
          {filtered && <button type="button" onClick={() => setFilters(noFilters)}>{t.clear}</button>}
        </form>
        {error && <p role="alert" className="error">{error}</p>}
        {!loaded && loading && <p className="muted" aria-busy="true">{t.loading}</p>}
        {loaded && !error && flags.length === 0 && <div className="empty"><p>{t.empty}</p></div>}
        {loaded && flags.length > 0 && shown.length === 0 && (
          <div className="empty"><p>{t.emptyFiltered}</p><button type="button" onClick={() => setFilters(noFilters)}>{t.clear}</button></div>
        )}
        {shown.length > 0 && (
          <div className="table-scroll">
          <table className="grid flags-board">
            <thead>
              <tr>
                {header('severity', t.severity)}
                {header(null, t.flag)}
                {header('rule', t.rule)}
                {header(null, t.transfer)}
                {header('amount', t.atStake, 'num')}
                {header('status', t.status)}
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={f.id} tabIndex={0} className={openId === f.id ? 'selected' : ''} aria-selected={openId === f.id}
                  onClick={() => open(f.id)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(f.id); } }}>
                  <td><Severity level={f.severity} /></td>
                  <td>{f.title}</td>
                  <td><code>{f.ruleId}</code>{f.regime ? <span className="muted small-inline"> · {t.regimes[f.regime] ?? f.regime}</span> : null}</td>
                  <td>{localDate(f.transfer.date, f.transfer.datePrecision)}: {f.transfer.resource}, {f.transfer.from.name} → {f.transfer.to.name}</td>
                  <td className="num">{money(f.atStakeMinor, f.atStakeCurrency)}</td>
                  <td><span className={`status status-${f.status}`}>{t[f.status]}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        </div>
        )}
      </section>
      {current && <FlagPage flag={current} />}
    </div>
  );
}
