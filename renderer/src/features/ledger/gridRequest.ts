// The ledger grid's request for a page of transfers, built from its order, search and filters.
// Its own module (no store, no schemas) so the first page can be asked for before the app has
// loaded (prefetch.ts), with exactly the input the grid will then ask with.
import type { Input } from '../../../../shared/contract';
import type { TransferSortKey, resourceTypes } from '../../../../shared/domain';

/** Rows per request. */
export const PAGE = 100;

export interface GridFilters {
  resourceType?: (typeof resourceTypes)[number];
  currency?: string;
  dateFrom?: string;
  dateTo?: string;
  flagged?: boolean;
}

export interface GridQuery { search: string; sort: TransferSortKey; dir: 'asc' | 'desc'; filters: GridFilters }

/** How the grid opens: newest first, nothing filtered. */
export const initialGridQuery: GridQuery = { search: '', sort: 'date', dir: 'desc', filters: {} };

export function gridPageInput(q: GridQuery, extra: Partial<Input<'transfers:page'>> = {}): Input<'transfers:page'> {
  const f = Object.fromEntries(Object.entries(q.filters).filter(([, v]) => v !== undefined && v !== '' && v !== false));
  return { limit: PAGE, sort: q.sort, dir: q.dir, search: q.search, ...(Object.keys(f).length ? { filters: f } : {}), ...extra };
}
