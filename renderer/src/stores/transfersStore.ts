// The ledger grid's data: a sparse window of rows by position in the current order, fetched a page
// at a time around what is on screen, plus the selected transfer's detail.
//
// How a position is reached (the grid is a scrollbar proportional to the total, so dragging it to
// the middle of a million rows asks for row 500,000 straight away):
// - next to rows already held, a page continues with the keyset cursor of the row before (the
//   cheapest page there is, at any depth);
// - anywhere else, when the total is exact, a page starts at an `offset`: core walks the same index
//   from the nearer end of the order (~15 ms per 500k rows at 1M; see transferQuery.ts). An
//   estimate of the key at a position (say, dates spread evenly) would be cheaper but lands on
//   the wrong rows whenever the data is skewed, and the row numbers would lie;
// - when the total is a lower bound (a search over a big ledger), positions beyond what is loaded
//   are unknown: rows load in order from the top, as the grid scrolls.
// One request is in flight at a time; when it returns, the next one is chosen for where the grid
// is *now*, so a fast drag skips the positions it passed over.
import { create } from 'zustand';
import type { Input, Output } from '../../../shared/contract';
import type { TransferDetail, TransferRow, TransferSortKey } from '../../../shared/domain';
import type { TransferPatch } from '../../../shared/ledgerInputs';
import { ApiError, call, errorText, subscribe } from '../api/client';
import { discardEarly } from '../api/earlyCalls';
import { PAGE, gridPageInput, initialGridQuery, type GridFilters } from '../features/ledger/gridRequest';
import { useLedgerStore } from './ledgerStore';

export { PAGE, type GridFilters };
/** Rows kept around the window; farther ones are dropped (their page is fetched again if needed). */
const KEEP_ROWS = 3_000;

type Cursor = Output<'transfers:page'>['next'];
export type EditableField = 'description' | 'amount' | 'status' | 'date';
export interface EditResult { ok: boolean; message?: string }

interface TransfersState {
  search: string;
  sort: TransferSortKey;
  dir: 'asc' | 'desc';
  filters: GridFilters;
  /** Bumped on every change of order or filters; replies for an older one are dropped. */
  generation: number;
  /** Bumped whenever rows arrive, so the grid re-renders (the maps change in place). */
  version: number;
  rows: Map<number, TransferRow>;
  total: number;
  totalCapped: boolean;
  /** Where the list is known to end (a page came back with no cursor), or null. */
  end: number | null;
  /** True until the first page of the current order and filters has arrived. */
  loading: boolean;
  error: string | null;
  /** The keyboard's row (highlighted, Enter opens it). */
  activeIndex: number | null;
  /** Set when the grid must scroll to a row it did not scroll to itself (opened at a transfer). */
  scrollTarget: { index: number; seq: number } | null;
  selectedId: number | null;
  detail: TransferDetail | null;
  detailError: string | null;
  reload(): Promise<void>;
  setSearch(search: string): void;
  setSort(sort: TransferSortKey): void;
  setFilters(filters: GridFilters): void;
  clearFilters(): void;
  /** The grid shows rows [start, end): fetch what is missing around them. */
  want(start: number, end: number): void;
  setActive(index: number | null): void;
  openAt(transferId: number): Promise<void>;
  select(id: number | null): Promise<void>;
  saveEdit(id: number, field: EditableField, value: string): Promise<EditResult>;
}

/** How many rows the grid has: the exact total, or (capped) what is loaded plus a page still to come. */
export function rowCount(s: Pick<TransfersState, 'total' | 'totalCapped' | 'end' | 'rows'>, contiguous: number): number {
  if (s.end !== null) return s.end;
  if (!s.totalCapped) return s.total;
  return Math.max(s.total, contiguous + PAGE);
}

// Outside the state: bookkeeping that never renders.
let anchors = new Map<number, NonNullable<Cursor>>(); // the cursor that continues at position i
let contiguous = 0; // rows 0..contiguous-1 are loaded (capped mode loads in order)
let inFlight = false;
let wanted: [number, number] = [0, PAGE];
let scrollSeq = 0;

// Has the ledger changed since the first page on screen was asked for? The shell reloads the grid
// when it learns the ledger's path and counts; at start-up that is right after the grid's own
// first request, so an identical request with no change in between is not sent again.
let ledgerEpoch = 0;
let watching = false;
function watchLedger(): void {
  if (watching) return;
  watching = true;
  subscribe('ledger:changed', () => { ledgerEpoch++; discardEarly(); });
  useLedgerStore.subscribe((s, prev) => {
    // From unknown to known is not a change; another path or other counts are.
    if (prev.info && s.info && (prev.info.path !== s.info.path || JSON.stringify(prev.info.counts) !== JSON.stringify(s.info.counts))) ledgerEpoch++;
  });
}
let lastStart: { key: string; epoch: number; done: Promise<void> } | null = null;

export const useTransfersStore = create<TransfersState>((set, get) => {
  const request = (extra: Partial<Input<'transfers:page'>>): Input<'transfers:page'> => gridPageInput(get(), extra);

  /** Put a page's rows at `start` and remember where it continues. */
  const store = (start: number, page: Output<'transfers:page'>, fresh: boolean) => {
    const s = get();
    const rows = fresh ? new Map<number, TransferRow>() : s.rows;
    if (fresh) { anchors = new Map(); contiguous = 0; }
    page.rows.forEach((r, i) => rows.set(start + i, r));
    const stop = start + page.rows.length;
    if (page.next) anchors.set(stop, page.next);
    while (rows.has(contiguous)) contiguous++;
    const end = page.next === null ? stop : fresh ? null : s.end;
    evict(rows);
    set({ rows, total: page.total, totalCapped: page.totalCapped ?? false, end, loading: false, error: null, version: s.version + 1 });
  };

  const evict = (rows: Map<number, TransferRow>) => {
    if (rows.size <= KEEP_ROWS) return;
    const [lo, hi] = wanted;
    for (const i of rows.keys()) if (i < lo - KEEP_ROWS / 2 || i > hi + KEEP_ROWS / 2) rows.delete(i);
    contiguous = 0;
    while (rows.has(contiguous)) contiguous++;
  };

  /** The next page to fetch for the wanted window, or null when it is all there. */
  const nextRequest = (): { start: number; extra: Partial<Input<'transfers:page'>> } | null => {
    const s = get();
    const count = rowCount(s, contiguous);
    const lo = Math.max(0, wanted[0] - PAGE / 2);
    const hi = Math.min(count, wanted[1] + PAGE / 2);
    if (s.totalCapped && s.end === null) {
      // Positions beyond the loaded rows are unknown: continue in order.
      if (contiguous >= hi) return null;
      const after = anchors.get(contiguous);
      return after ? { start: contiguous, extra: { after } } : null;
    }
    // Visible rows first, then the margins above and below.
    const order = [[wanted[0], Math.min(hi, wanted[1])], [wanted[1], hi], [lo, wanted[0]]] as const;
    for (const [a, b] of order) {
      for (let i = Math.max(0, a); i < b; i++) {
        if (s.rows.has(i)) continue;
        const after = anchors.get(i);
        if (after) return { start: i, extra: { after } };
        if (i === 0) return { start: 0, extra: {} };
        // A page-aligned jump, so pages met again later line up with those held.
        const start = Math.floor(i / PAGE) * PAGE;
        return { start, extra: { offset: start } };
      }
    }
    return null;
  };

  const pump = () => {
    if (inFlight || get().loading) return;
    const next = nextRequest();
    if (!next) return;
    const gen = get().generation;
    inFlight = true;
    call('transfers:page', request(next.extra))
      .then((page) => { if (gen === get().generation) store(next.start, page, false); })
      .catch((err: unknown) => { if (gen === get().generation) set({ error: errorText(err).message }); })
      .finally(() => { inFlight = false; if (gen === get().generation && !get().error) pump(); });
  };

  /** A new order or filter: the first page replaces everything (old rows stay on screen meanwhile). */
  const restart = (): Promise<void> => {
    watchLedger();
    const key = JSON.stringify(request({}));
    if (lastStart && lastStart.key === key && lastStart.epoch === ledgerEpoch && !get().error) return lastStart.done;
    const done = startOver();
    lastStart = { key, epoch: ledgerEpoch, done };
    return done;
  };
  const startOver = async (): Promise<void> => {
    const gen = get().generation + 1;
    inFlight = false;
    set({ generation: gen, loading: true, error: null, activeIndex: null });
    try {
      const page = await call('transfers:page', request({}));
      if (gen !== get().generation) return;
      store(0, page, true);
      pump();
    } catch (err) {
      if (gen === get().generation) set({ loading: false, error: errorText(err).message });
    }
  };

  return {
    ...initialGridQuery,
    generation: 0, version: 0, rows: new Map(), total: 0, totalCapped: false, end: null,
    loading: true, error: null, activeIndex: null, scrollTarget: null,
    selectedId: null, detail: null, detailError: null,
    reload: restart,
    setSearch(search) { set({ search }); void restart(); },
    setSort(sort) {
      const { sort: old, dir } = get();
      set({ sort, dir: old === sort && dir === 'desc' ? 'asc' : 'desc' });
      void restart();
    },
    setFilters(filters) { set({ filters }); void restart(); },
    clearFilters() { set({ filters: {}, search: '' }); void restart(); },
    want(start, end) {
      wanted = [start, end];
      pump();
    },
    setActive(index) { set({ activeIndex: index }); },

    async openAt(transferId) {
      const gen = get().generation + 1;
      lastStart = null; // the rows are now this landing's: a later reload really reloads
      set({ generation: gen, loading: true, error: null });
      const land = (page: Output<'transfers:page'>) => {
        if (gen !== get().generation) return;
        const start = page.offset ?? 0;
        store(start, page, true);
        // The rows before the landing page are reached by offset (no cursor continues into them).
        set({ activeIndex: start, scrollTarget: { index: start, seq: ++scrollSeq } });
      };
      try {
        land(await call('transfers:page', request({ at: transferId })));
      } catch (err) {
        // Hidden by the current search or filters: show the whole ledger instead.
        if (!(err instanceof ApiError && err.shape.code === 'not_found')) { set({ loading: false, error: errorText(err).message }); return; }
        set({ search: '', filters: {} });
        try { land(await call('transfers:page', request({ at: transferId }))); } catch (again) { set({ loading: false, error: errorText(again).message }); }
      }
      pump();
      await get().select(transferId);
    },

    async select(id) {
      set({ selectedId: id, detail: null, detailError: null });
      if (id === null) return;
      try {
        const detail = await call('transfer:get', { id });
        if (get().selectedId === id) set({ detail });
      } catch (err) {
        if (get().selectedId === id) set({ detailError: errorText(err).message });
      }
    },

    async saveEdit(id, field, value) {
      const patch = patchFor(field, value);
      try {
        await call('transfer:update', { id, patch });
      } catch (err) {
        const { message, details } = errorText(err);
        // Name the field: "amount: expected a non-negative decimal …" rather than "Invalid input".
        const own = details.filter((d) => d.startsWith(`patch.${field}:`) || d.startsWith(`${field}:`)).map((d) => d.replace(/^patch\./, ''));
        return { ok: false, message: (own.length ? own : details.length ? details.map((d) => d.replace(/^patch\./, '')) : [message]).join('; ') };
      }
      // The row changes in place (its position in the order stays until the next reload).
      const detail = await call('transfer:get', { id });
      const s = get();
      for (const [i, r] of s.rows) if (r.id === id) s.rows.set(i, detail.transfer);
      set({ version: s.version + 1, ...(s.selectedId === id ? { detail } : {}) });
      return { ok: true };
    },
  };
});

/** The patch a cell edit sends: text as typed (core trims and validates), an empty amount clears it. */
function patchFor(field: EditableField, value: string): TransferPatch {
  switch (field) {
    case 'description': return { description: value };
    case 'date': return { date: value };
    case 'status': return { status: value as TransferPatch['status'] };
    case 'amount': return { amount: value.trim() === '' ? null : value };
  }
}
