// Read-only listings of the price book and the FX table, for pickers in the renderer.
import type { Db } from '../db/open';
import type { FxCurrencies, PriceBandRow } from '../../../shared/priceBookTypes';

export function listPriceBands(db: Db): PriceBandRow[] {
  return db.prepare(`
    SELECT b.id, b.resource_key AS resourceKey, b.label, b.unit, b.currency, b.low_minor AS lowMinor, b.base_minor AS baseMinor,
           b.high_minor AS highMinor, b.valid_from AS validFrom, b.valid_to AS validTo, b.source,
           (SELECT count(*) FROM transfers t WHERE t.resource_key = b.resource_key AND t.unit = b.unit
              AND t.occurred_on BETWEEN b.valid_from AND b.valid_to) AS transfers
    FROM price_bands b ORDER BY b.label, b.valid_from DESC, b.id DESC`).all() as PriceBandRow[];
}

export function fxCurrencies(db: Db): FxCurrencies {
  const quotes = db.prepare(`SELECT quote, min(day) AS firstDay, max(day) AS lastDay, count(DISTINCT day) AS days
    FROM fx_rates WHERE base = 'EUR' GROUP BY quote ORDER BY quote`).all() as FxCurrencies['quotes'];
  return { base: 'EUR', quotes };
}
