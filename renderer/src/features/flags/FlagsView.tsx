import { useEffect, useState } from 'react';
import { useMessages } from '../../i18n';
import { flagStatuses, severities } from '../../../../shared/domain';
import { noFilters, useFlagsStore } from '../../stores/flagsStore';
import { useUiStore } from '../../stores/uiStore';
import { number } from '../../format';
import { flagMessages } from './messages';
import { FlagPage } from './FlagPage';
import { FlagBoardTable } from './FlagBoardTable';
import { BoardTabs, type BoardTab } from './BoardTabs';
import { UnexplainedDisclosures } from './UnexplainedDisclosures';
import { RulesRun } from './RulesRun';

/** A filter's choices, with the one already chosen (elsewhere, e.g. the overview) still offered before the facets arrive. */
function withChosen(choices: string[], chosen: string): string[] {
  return chosen && !choices.includes(chosen) ? [...choices, chosen] : choices;
}

export function FlagsView() {
  const t = useMessages(flagMessages);
  const { total, all, rules, regimes, loading, loaded, stale, error, openId, openFlag, openError, open, load, markStale, filters, setFilters } = useFlagsStore();
  const focusFlag = useUiStore((s) => s.focus.flagId);
  const [tab, setTab] = useState<BoardTab>('flags');
  // The board's first page, on arrival and whenever the ledger changed meanwhile; left stale on the
  // way out so the next visit reads it afresh.
  useEffect(() => { if (stale) void load(); }, [stale, load]);
  useEffect(() => () => markStale(), [markStale]);
  // Opened on a flag (from the palette, the ledger or the overview): show its page.
  useEffect(() => { if (focusFlag !== undefined) open(focusFlag); }, [focusFlag, open]);

  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="with-drawer flags-view">
      <section className="main-pane" aria-labelledby="flags-title">
        <header className="pane-header">
          <h1 id="flags-title">{t.title}</h1>
          <span className="muted" role="status">{loaded ? t.count(number(total), number(all)) : ''}</span>
          <RulesRun />
        </header>
        <BoardTabs tab={tab} onChange={setTab} />
        {tab === 'unexplained' ? <div role="tabpanel" id="board-panel-unexplained" aria-labelledby="board-tab-unexplained"><UnexplainedDisclosures /></div> : (
        <div role="tabpanel" id="board-panel-flags" aria-labelledby="board-tab-flags" className="flags-board-panel">
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
              {withChosen(rules, filters.ruleId).map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </span>
          <span className="filter">
            <label htmlFor="flag-filter-regime">{t.regime}</label>
            <select id="flag-filter-regime" value={filters.regime} onChange={(e) => setFilters({ regime: e.target.value })}>
              <option value="">{t.any}</option>
              {withChosen(regimes, filters.regime).map((r) => <option key={r} value={r}>{t.regimes[r] ?? r}</option>)}
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
        {loaded && !error && all === 0 && <div className="empty"><p>{t.empty}</p></div>}
        {loaded && all > 0 && total === 0 && (
          <div className="empty"><p>{t.emptyFiltered}</p><button type="button" onClick={() => setFilters(noFilters)}>{t.clear}</button></div>
        )}
        {loaded && total > 0 && <FlagBoardTable />}
        </div>
        )}
      </section>
      {openId !== null && openFlag?.id === openId && <FlagPage flag={openFlag} />}
      {openId !== null && openFlag?.id !== openId && (
        <aside className="drawer flag-page" aria-label={t.detail} aria-busy={!openError}>
          <button className="close" onClick={() => open(null)} aria-label={t.close}>×</button>
          {openError ? <p role="alert" className="error">{openError}</p> : <p className="muted">{t.loadingFlag}</p>}
        </aside>
      )}
    </div>
  );
}
