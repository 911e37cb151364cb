// The price-book and FX pickers behind the sensitivity panel, on the real sample ledger.
import { describe, expect, it } from 'vitest';
import { tempSampleLedger, count } from './tempLedger';
import { fxCurrencies, listPriceBands } from '../../electron/core/valuation/priceBook';
import { sensitivity } from '../../electron/core/valuation/sensitivity';
import { contract } from '../../shared/contract';

describe('price book listing', () => {
  it('lists each band with the transfers it can value, valid against the contract', () => {
    const { db } = tempSampleLedger();
    const bands = contract['priceBands:list'].output.parse(listPriceBands(db));
    expect(bands).toHaveLength(count(db, 'price_bands'));
    const h100 = bands.find((b) => b.resourceKey === 'nvidia-h100')!;
    expect(h100.lowMinor).toBeLessThan(h100.highMinor);
    const inRange = db.prepare(`SELECT count(*) FROM transfers WHERE resource_key = 'nvidia-h100' AND unit = ? AND occurred_on BETWEEN ? AND ?`)
      .pluck().get(h100.unit, h100.validFrom, h100.validTo) as number;
    expect(h100.transfers).toBe(inRange);
    expect(h100.transfers).toBeGreaterThan(0);
  });

  it('lists the FX quote currencies with their day ranges', () => {
    const { db } = tempSampleLedger();
    const fx = contract['fx:currencies'].output.parse(fxCurrencies(db));
    const usd = fx.quotes.find((q) => q.quote === 'USD');
    expect(usd).toBeDefined();
    expect(usd!.firstDay <= usd!.lastDay).toBe(true);
    expect(usd!.days).toBe(db.prepare(`SELECT count(DISTINCT day) FROM fx_rates WHERE base = 'EUR' AND quote = 'USD'`).pluck().get());
    expect(fx.quotes.some((q) => q.quote === 'EUR')).toBe(false);
  });

  it('a sensitivity run on a listed band leaves the band as it was', () => {
    const { db } = tempSampleLedger();
    const h100 = listPriceBands(db).find((b) => b.resourceKey === 'nvidia-h100')!;
    const r = sensitivity(db, { kind: 'priceBand', id: h100.id, lowMinor: h100.lowMinor, baseMinor: h100.baseMinor, highMinor: 4_500_000 });
    // The redirect's $41,667 a unit is inside a band reaching $45,000: its off-market flag would go.
    const offMarket = r.flags.find((f) => f.ruleId === 'off-market');
    expect(offMarket?.before?.title).toMatch(/above the market band/);
    expect(offMarket?.after).toBeNull();
    expect(r.transfersChecked).toBe(h100.transfers);
    expect(listPriceBands(db).find((b) => b.id === h100.id)!.highMinor).toBe(h100.highMinor);
  });
});
