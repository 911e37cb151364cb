// The ledger grid: every transfer of the ledger (up to millions) in one scrolling list, sorted and
// filtered in the database, with a detail drawer. Rows are fetched by position (transfersStore);
// only those on screen are rendered (rowWindow). The grid is one tab stop: the arrow keys move the
// active row (aria-activedescendant), Enter opens it, F2 or a double-click edits a cell.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TransferRow } from '../../../../shared/domain';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { rowCount, useTransfersStore, type EditableField } from '../../stores/transfersStore';
import { useUiStore, type Focus } from '../../stores/uiStore';
import { columnSpecs, loadColumns, minWidthEm, saveColumns, type ColumnId } from './columns';
import { cellContent } from './cells';
import { CellEditor } from './CellEditor';
import { ColumnChooser } from './ColumnChooser';
import { LedgerFilters } from './LedgerFilters';
import { ledgerMessages, type LedgerMessages } from './messages';
import { useRowHeight, useRowWindow } from './rowWindow';
import { TransferDrawer } from './TransferDrawer';

const BLOCK_ROWS = 500;

/** Focus objects already acted on: go('ledger', { transferId }) opens the transfer once. */
const handledFocus = new WeakSet<Focus>();

export function LedgerView() {
  const t = useMessages(ledgerMessages);
  const focus = useUiStore((s) => s.focus);
  const [columns, setColumns] = useState<ColumnId[]>(loadColumns);
  const chooseColumns = (next: ColumnId[]) => { setColumns(next); saveColumns(next); };

  useEffect(() => {
    const store = useTransfersStore.getState();
    if (focus.transferId !== undefined && !handledFocus.has(focus)) {
      handledFocus.add(focus);
      void store.openAt(focus.transferId);
    } else if (!store.loading) {
      // Back from another view: show what the ledger holds now. (At start-up the shell loads it.)
      void store.reload();
    }
    // Only on arrival and when another view sends a new focus.
  }, [focus]);

  return (
    <div className="with-drawer ledger-view">
      <section className="main-pane ledger-pane">
        <header className="pane-header">
          <h1>{t.title}</h1>
          <SearchBox t={t} />
          <Status t={t} />
        </header>
        <div className="ledger-tools">
          <LedgerFilters t={t} />
          <ColumnChooser t={t} columns={columns} onChange={chooseColumns} />
        </div>
        <Grid t={t} columns={columns} />
        <p className="muted small ledger-keys">{t.keysHint}</p>
      </section>
      <TransferDrawer />
    </div>
  );
}

function SearchBox({ t }: { t: LedgerMessages }) {
  const search = useTransfersStore((s) => s.search);
  const setSearch = useTransfersStore((s) => s.setSearch);
  const [query, setQuery] = useState(search);
  // Only what the person typed goes to the store (after a pause); the store's own changes (cleared
  // by "Clear filters" or by opening a transfer the search hid) only update the box.
  const typed = useRef(false);
  useEffect(() => { typed.current = false; setQuery(search); }, [search]);
  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => { typed.current = false; if (query !== useTransfersStore.getState().search) setSearch(query); }, 200);
    return () => clearTimeout(timer);
  }, [query, setSearch]);
  return <input type="search" placeholder={t.search} aria-label={t.searchLabel} value={query} onChange={(e) => { typed.current = true; setQuery(e.target.value); }} />;
}

/** "1–25 of 1,000,000 transfers", written by the grid as it scrolls. */
const visibleRange = { first: 0, last: 0, listeners: new Set<() => void>() };
function publishRange(first: number, last: number) {
  if (visibleRange.first === first && visibleRange.last === last) return;
  visibleRange.first = first;
  visibleRange.last = last;
  for (const l of visibleRange.listeners) l();
}

function Status({ t }: { t: LedgerMessages }) {
  const total = useTransfersStore((s) => s.total);
  const capped = useTransfersStore((s) => s.totalCapped);
  const loading = useTransfersStore((s) => s.loading);
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    visibleRange.listeners.add(l);
    return () => { visibleRange.listeners.delete(l); };
  }, []);
  const text = loading && total === 0 ? t.loading
    : total === 0 ? '' : (capped ? t.rowsOfMore : t.rowsOf)(number(visibleRange.first + 1), number(visibleRange.last), number(total));
  return <span className="muted ledger-status" aria-live="polite">{text}</span>;
}

function Grid({ t, columns }: { t: LedgerMessages; columns: ColumnId[] }) {
  const store = useTransfersStore;
  const rows = store((s) => s.rows);
  store((s) => s.version); // rows change in place: re-render on each arrival
  const total = store((s) => s.total);
  const totalCapped = store((s) => s.totalCapped);
  const end = store((s) => s.end);
  const loading = store((s) => s.loading);
  const error = store((s) => s.error);
  const activeIndex = store((s) => s.activeIndex);
  const selectedId = store((s) => s.selectedId);
  const scrollTarget = store((s) => s.scrollTarget);
  const search = store((s) => s.search);
  const filters = store((s) => s.filters);

  let contiguous = 0;
  while (rows.has(contiguous)) contiguous++;
  const count = rowCount({ total, totalCapped, end, rows }, contiguous);
  const rowPx = useRowHeight(2.25);
  const scroller = useRef<HTMLDivElement>(null);
  const win = useRowWindow(scroller, count, rowPx, rowPx);
  const [editing, setEditing] = useState<{ index: number; field: EditableField } | null>(null);

  useEffect(() => { store.getState().want(win.visibleFirst, win.visibleLast); }, [store, win.visibleFirst, win.visibleLast, count]);
  useEffect(() => { publishRange(count === 0 ? 0 : win.visibleFirst, Math.min(count, win.visibleLast)); });
  useEffect(() => {
    if (!scrollTarget) return;
    win.scrollToIndex(scrollTarget.index, 'start');
    scroller.current?.focus({ preventScroll: true });
    // Only when a new target arrives (win changes on every scroll).
  }, [scrollTarget]); // eslint-disable-line react-hooks/exhaustive-deps
  // A new order or filter starts at the top.
  const generation = store((s) => s.generation);
  const lastGeneration = useRef(generation);
  useEffect(() => {
    if (lastGeneration.current === generation) return;
    lastGeneration.current = generation;
    if (!store.getState().scrollTarget || store.getState().loading) scroller.current?.scrollTo({ top: 0 });
    setEditing(null);
  }, [generation, store]);

  const template = useMemo(() => columns.map((c) => columnSpecs[c].width).join(' '), [columns]);
  const minWidth = `${minWidthEm(columns)}em`;
  // A click opens the row's drawer. When no drawer is open yet, opening one narrows the grid, so
  // wait out a double-click (which edits the cell under it) before moving the cells.
  const openTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const activate = useCallback((index: number) => {
    const s = store.getState();
    s.setActive(index);
    const row = s.rows.get(index);
    if (!row) return;
    if (openTimer.current) clearTimeout(openTimer.current);
    if (s.selectedId !== null) void s.select(row.id);
    else openTimer.current = setTimeout(() => { openTimer.current = null; void store.getState().select(row.id); }, 250);
  }, [store]);
  const startEdit = useCallback((index: number, field: EditableField) => {
    if (openTimer.current) { clearTimeout(openTimer.current); openTimer.current = null; }
    store.getState().setActive(index);
    setEditing({ index, field });
  }, [store]);
  const endEdit = useCallback(() => { setEditing(null); scroller.current?.focus({ preventScroll: true }); }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys inside a cell editor or a link are theirs
    const s = store.getState();
    const move = (to: number) => {
      e.preventDefault();
      const i = Math.max(0, Math.min(count - 1, to));
      s.setActive(i);
      win.scrollToIndex(i);
    };
    const current = s.activeIndex ?? win.visibleFirst - 1;
    switch (e.key) {
      case 'ArrowDown': return move(current + 1);
      case 'ArrowUp': return move(s.activeIndex === null ? win.visibleFirst : current - 1);
      case 'PageDown': return move(current + win.viewportRows);
      case 'PageUp': return move(current - win.viewportRows);
      case 'Home': return move(0);
      case 'End': return move(count - 1);
      case 'Enter': {
        const row = s.activeIndex === null ? undefined : s.rows.get(s.activeIndex);
        if (row) { e.preventDefault(); void s.select(row.id); }
        return;
      }
      case 'F2': {
        const field = columns.map((c) => columnSpecs[c].edit).find((f): f is EditableField => f !== undefined);
        if (s.activeIndex !== null && field && s.rows.has(s.activeIndex)) { e.preventDefault(); setEditing({ index: s.activeIndex, field: columns.includes('description') ? 'description' : field }); }
        return;
      }
      case 'Escape': if (s.selectedId !== null) { e.preventDefault(); void s.select(null); } return;
    }
  };

  const filtered = search.trim() !== '' || Object.values(filters).some((v) => v !== undefined && v !== '' && v !== false);
  if (error && rows.size === 0) {
    return <div className="empty" role="alert"><p className="error">{error}</p><button onClick={() => void store.getState().reload()}>{t.retry}</button></div>;
  }
  if (!loading && count === 0) {
    return filtered
      ? <div className="empty"><p>{t.noneMatch}</p><button onClick={() => store.getState().clearFilters()}>{t.clearFilters}</button></div>
      : <div className="empty"><p>{t.empty}</p><p>{t.emptyHint}</p></div>;
  }

  // Rows sit in a block that moves as a whole; within it each row's offset is fixed, so a scroll
  // re-renders only the rows that came into view, even where the scroll range is scaled.
  const blockStart = Math.floor(win.first / BLOCK_ROWS) * BLOCK_ROWS;
  const rendered: React.ReactNode[] = [];
  for (let i = win.first; i < win.last; i++) {
    const row = rows.get(i);
    rendered.push(
      <GridRow key={i} index={i} row={row} top={(i - blockStart) * rowPx} height={rowPx} template={template} columns={columns} t={t}
        active={activeIndex === i} selected={row !== undefined && row.id === selectedId}
        editing={editing && editing.index === i ? editing.field : null} onActivate={activate} onEdit={startEdit} onEditDone={endEdit} />,
    );
  }
  const activeId = activeIndex !== null && activeIndex >= win.first && activeIndex < win.last ? `ledger-row-${activeIndex}` : undefined;
  return (
    <>
      {error && <p role="alert" className="error">{error} <button onClick={() => void store.getState().reload()}>{t.retry}</button></p>}
      <div ref={scroller} className={`ledger-grid${loading ? ' is-loading' : ''}`} role="grid" aria-label={t.gridLabel} tabIndex={0}
        aria-rowcount={count + 1} aria-colcount={columns.length} aria-busy={loading || undefined} aria-activedescendant={activeId}
        onKeyDown={onKeyDown} data-testid="ledger-grid">
        <div role="rowgroup" className="ledger-head">
          <div role="row" aria-rowindex={1} className="ledger-row" style={{ gridTemplateColumns: template, height: rowPx, minWidth }}>
            {columns.map((c) => <HeaderCell key={c} column={c} t={t} />)}
          </div>
        </div>
        <div role="rowgroup" className="ledger-body" style={{ height: win.bodyPx, minWidth }}>
          <div className="ledger-block" style={{ transform: `translateY(${win.top(blockStart)}px)` }}>{rendered}</div>
        </div>
      </div>
    </>
  );
}

function HeaderCell({ column, t }: { column: ColumnId; t: LedgerMessages }) {
  const sort = useTransfersStore((s) => s.sort);
  const dir = useTransfersStore((s) => s.dir);
  const setSort = useTransfersStore((s) => s.setSort);
  const spec = columnSpecs[column];
  const label = t[`col_${column}`];
  const active = spec.sortKey !== undefined && sort === spec.sortKey;
  return (
    <div role="columnheader" className={`ledger-cell${spec.numeric ? ' num' : ''}`}
      aria-sort={spec.sortKey ? (active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none') : undefined}>
      {spec.sortKey
        ? <button className="sort" title={t.sortBy(label)} onClick={() => setSort(spec.sortKey!)}>{label}<span aria-hidden="true">{active ? (dir === 'asc' ? ' ↑' : ' ↓') : ''}</span></button>
        : label}
    </div>
  );
}

interface RowProps {
  index: number;
  row: TransferRow | undefined;
  top: number;
  height: number;
  template: string;
  columns: ColumnId[];
  t: LedgerMessages;
  active: boolean;
  selected: boolean;
  editing: EditableField | null;
  onActivate(index: number): void;
  onEdit(index: number, field: EditableField): void;
  onEditDone(): void;
}

/** One row; memoised, so scrolling renders only the rows that came into view. */
const GridRow = memo(function GridRow({ index, row, top, height, template, columns, t, active, selected, editing, onActivate, onEdit, onEditDone }: RowProps) {
  const style = { gridTemplateColumns: template, height, top };
  if (!row) {
    return (
      <div role="row" id={`ledger-row-${index}`} aria-rowindex={index + 2} className="ledger-row placeholder" style={style}>
        <div role="gridcell" className="ledger-cell muted" aria-colspan={columns.length}>{t.loadingRow}</div>
      </div>
    );
  }
  return (
    <div role="row" id={`ledger-row-${index}`} aria-rowindex={index + 2} aria-selected={active}
      className={`ledger-row${active ? ' active' : ''}${selected ? ' selected' : ''}`} style={style} data-transfer-id={row.id}
      onClick={() => onActivate(index)}>
      {columns.map((c) => {
        const spec = columnSpecs[c];
        const edit = spec.edit;
        return (
          <div key={c} role="gridcell" className={`ledger-cell${spec.numeric ? ' num' : ''}${edit ? ' editable' : ''}`}
            onDoubleClick={edit ? (e) => { e.stopPropagation(); onEdit(index, edit); } : undefined}>
            {editing !== null && editing === edit
              ? <CellEditor row={row} field={edit} label={t[`col_${c}`]} t={t} onDone={onEditDone} />
              : cellContent(row, c, t)}
          </div>
        );
      })}
    </div>
  );
});
