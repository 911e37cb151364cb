// The board's table, virtualised: past a few hundred loaded rows only those on screen (and a few
// around) are in the DOM, and the next page is asked for as the list nears the end of what is
// loaded. Rows differ in height (titles wrap), so each rendered row is measured; spacer rows above
// and below stand in for the rest, hidden from assistive technology, while aria-rowcount and
// aria-rowindex give the whole.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMessages } from '../../i18n';
import { useFlagsStore, type FlagSortKey } from '../../stores/flagsStore';
import { Severity } from '../../components/Severity';
import { localDate } from '../../components/dates';
import { money } from '../../format';
import { flagMessages } from './messages';

const COLUMNS = 7;
/** Ask for the next page when this many loaded rows are left below the last one on screen. */
const PREFETCH_ROWS = 40;
/** Up to this many rows are all in the DOM (find in page works, nothing to gain from a window). */
const RENDER_ALL_UP_TO = 300;

export function FlagBoardTable() {
  const t = useMessages(flagMessages);
  const { rows, next, total, loadingMore, loading, stale, openId, open, sort, dir, setSort, loadMore } = useFlagsStore();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 8,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  // The window on screen (plus overscan), from the scroll position, whether or not every row is rendered.
  const windowItems = virtualizer.getVirtualItems();
  const lastOnScreen = windowItems[windowItems.length - 1]?.index ?? 0;
  const renderAll = rows.length <= RENDER_ALL_UP_TO;
  const items = renderAll ? rows.map((_, index) => ({ index })) : windowItems;

  useEffect(() => {
    if (next !== null && lastOnScreen >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [lastOnScreen, rows.length, next, loadMore]);

  // A new sort or filter starts the list again from its top.
  const firstId = rows[0]?.id;
  useEffect(() => { if (scroller.current) scroller.current.scrollTop = 0; }, [sort, dir, firstId]);

  const padTop = renderAll ? 0 : windowItems[0]?.start ?? 0;
  const padBottom = renderAll || !windowItems.length ? 0 : virtualizer.getTotalSize() - windowItems[windowItems.length - 1]!.end;
  const header = (key: FlagSortKey | null, label: string, className?: string) => (
    <th scope="col" className={className} aria-sort={key && sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      {key ? (
        <button type="button" className="sort" onClick={() => setSort(key)} aria-label={t.sortBy(label)}>
          {label}{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      ) : label}
    </th>
  );
  const spacer = (px: number, where: string) => (
    <tr className="spacer" aria-hidden="true" data-spacer={where}><td colSpan={COLUMNS} style={{ height: px }} /></tr>
  );

  return (
    <div className="flags-board-scroll" ref={scroller} data-testid="flags-board">
      <table className="grid flags-board" aria-rowcount={total + 1} aria-busy={loading || stale || undefined}>
        <colgroup>
          <col className="c-severity" /><col /><col className="c-rule" /><col className="c-date" /><col /><col className="c-amount" /><col className="c-status" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {header('severity', t.severity)}
            {header(null, t.flag)}
            {header('rule', t.rule)}
            {header('date', t.date)}
            {header(null, t.transfer)}
            {header('amount', t.atStake, 'num')}
            {header('status', t.status)}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && spacer(padTop, 'top')}
          {items.map((v) => {
            const f = rows[v.index]!;
            return (
              <tr key={f.id} data-index={v.index} data-flag-id={f.id} ref={virtualizer.measureElement} aria-rowindex={v.index + 2} tabIndex={0}
                className={openId === f.id ? 'selected' : ''} aria-selected={openId === f.id}
                onClick={() => open(f.id)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(f.id); } }}>
                <td><Severity level={f.severity} /></td>
                <td>{f.title}</td>
                <td><code>{f.ruleId}</code>{f.regime ? <span className="muted small-inline"> · {t.regimes[f.regime] ?? f.regime}</span> : null}</td>
                <td>{localDate(f.transfer.date, f.transfer.datePrecision)}</td>
                <td>{f.transfer.resource}, {f.transfer.from.name} → {f.transfer.to.name}</td>
                <td className="num">{money(f.atStakeMinor, f.atStakeCurrency)}</td>
                <td><span className={`status status-${f.status}`}>{t[f.status]}</span></td>
              </tr>
            );
          })}
          {padBottom > 0 && spacer(padBottom, 'bottom')}
        </tbody>
      </table>
      {loadingMore && <p className="muted small more" role="status">{t.loadingMore}</p>}
    </div>
  );
}
