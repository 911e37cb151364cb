// Filters for the grid, all applied in the database (transfers:page): resource type, currency,
// a date range and flagged only. Typed values apply once they are complete and valid.
import { useEffect, useState } from 'react';
import { resourceTypes } from '../../../../shared/domain';
import { useTransfersStore, type GridFilters } from '../../stores/transfersStore';
import type { LedgerMessages } from './messages';

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function LedgerFilters({ t }: { t: LedgerMessages }) {
  const filters = useTransfersStore((s) => s.filters);
  const search = useTransfersStore((s) => s.search);
  const setFilters = useTransfersStore((s) => s.setFilters);
  const clearFilters = useTransfersStore((s) => s.clearFilters);
  const [currency, setCurrency] = useState(filters.currency ?? '');
  useEffect(() => setCurrency(filters.currency ?? ''), [filters.currency]);
  const apply = (patch: Partial<GridFilters>) => setFilters({ ...filters, ...patch });
  const currencyValid = /^[A-Z]{0,3}$/.test(currency); // incomplete is fine; other characters are not
  // A code applies as soon as it is complete (three letters) or cleared; no waiting for more keys.
  const typeCurrency = (text: string) => {
    const code = text.toUpperCase();
    setCurrency(code);
    if ((code === '' || /^[A-Z]{3}$/.test(code)) && code !== (filters.currency ?? '')) apply({ currency: code || undefined });
  };
  const active = search.trim() !== '' || Object.values(filters).some((v) => v !== undefined && v !== '' && v !== false);

  return (
    <fieldset className="ledger-filters">
      <legend className="sr-only">{t.filters}</legend>
      <label>
        <span className="sr-only">{t.typeLabel}</span>
        <select aria-label={t.typeLabel} value={filters.resourceType ?? ''}
          onChange={(e) => apply({ resourceType: (resourceTypes as readonly string[]).includes(e.target.value) ? (e.target.value as GridFilters['resourceType']) : undefined })}>
          <option value="">{t.anyType}</option>
          {resourceTypes.map((r) => <option key={r} value={r}>{t.typeNames[r] ?? r}</option>)}
        </select>
      </label>
      <label>
        {t.currencyLabel}{' '}
        <input className="currency" value={currency} maxLength={3} size={4} placeholder={t.currencyHint} aria-invalid={!currencyValid || undefined}
          onChange={(e) => typeCurrency(e.target.value)} />
      </label>
      <label>
        {t.dateFrom}{' '}
        <input type="date" value={filters.dateFrom ?? ''} onChange={(e) => { const v = e.target.value; if (v === '' || isDay(v)) apply({ dateFrom: v || undefined }); }} />
      </label>
      <label>
        {t.dateTo}{' '}
        <input type="date" value={filters.dateTo ?? ''} onChange={(e) => { const v = e.target.value; if (v === '' || isDay(v)) apply({ dateTo: v || undefined }); }} />
      </label>
      <label>
        <input type="checkbox" checked={filters.flagged ?? false} onChange={(e) => apply({ flagged: e.target.checked || undefined })} /> {t.flaggedOnly}
      </label>
      {active && <button type="button" onClick={clearFilters}>{t.clearFilters}</button>}
    </fieldset>
  );
}
