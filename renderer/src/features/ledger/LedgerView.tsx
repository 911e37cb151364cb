import { useEffect, useState } from 'react';
import type { TransferSortKey } from '../../../../shared/domain';
import { useTransfersStore } from '../../stores/transfersStore';
import { money, quantity, transferDate } from '../../format';
import { TransferDrawer } from './TransferDrawer';

function SortHeader({ label, sortKey }: { label: string; sortKey: TransferSortKey }) {
  const { sort, dir, setSort } = useTransfersStore();
  const active = sort === sortKey;
  return (
    <th aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button className="sort" onClick={() => setSort(sortKey)}>{label}{active ? (dir === 'asc' ? ' ↑' : ' ↓') : ''}</button>
    </th>
  );
}

export function LedgerView() {
  const { rows, total, next, loading, error, search, setSearch, reload, loadMore, select, selectedId } = useTransfersStore();
  const [query, setQuery] = useState(search);
  useEffect(() => { void reload(); }, [reload]);
  useEffect(() => {
    const t = setTimeout(() => { if (query !== search) setSearch(query); }, 200);
    return () => clearTimeout(t);
  }, [query, search, setSearch]);

  return (
    <div className="with-drawer">
      <section className="main-pane">
        <header className="pane-header">
          <h1>Ledger</h1>
          <input type="search" placeholder="Search parties, resources, descriptions" aria-label="Search transfers"
            value={query} onChange={(e) => setQuery(e.target.value)} />
          <span className="muted" aria-live="polite">{loading ? 'Loading…' : `${rows.length} of ${total.toLocaleString('en-US')} transfers`}</span>
        </header>
        {error && <p role="alert" className="error">{error}</p>}
        {!loading && !error && total === 0 && (
          <div className="empty"><p>This ledger has no transfers yet.</p><p>Import a CSV of transfers, or open the sample ledger from the ledger menu.</p></div>
        )}
        {rows.length > 0 && (
          <table className="grid">
            <thead>
              <tr><SortHeader label="Date" sortKey="date" /><th>From</th><th>To</th><th>What</th><th>Qty</th><SortHeader label="Reported" sortKey="amount" /><th>Status</th><th>Flags</th></tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id} className={selectedId === t.id ? 'selected' : ''} tabIndex={0}
                  onClick={() => void select(t.id)} onKeyDown={(e) => { if (e.key === 'Enter') void select(t.id); }}>
                  <td>{transferDate(t)}</td><td>{t.from.name}</td><td>{t.to.name}</td><td>{t.resource}</td>
                  <td className="num">{quantity(t)}</td><td className="num">{money(t.amountMinor, t.currency)}</td>
                  <td>{t.status}</td><td className="num">{t.flagCount > 0 ? <span className="flag-count">⚑ {t.flagCount}</span> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && <button className="more" disabled={loading} onClick={() => void loadMore()}>Load more</button>}
      </section>
      <TransferDrawer />
    </div>
  );
}
