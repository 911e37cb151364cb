import { describe, expect, it } from 'vitest';
import { convertMinor, ensureReferenceRates, importEcbRates, ECB_SOURCE_LABEL } from '../../electron/core/valuation/fx';
import { valueTransfer } from '../../electron/core/valuation/priceBand';
import { allTransfers } from '../../electron/core/ledger/read';
import { createTransfer } from '../../electron/core/ledger/edits';
import { AppError } from '../../electron/core/errors';
import { count, tempLedger, tempSampleLedger } from './tempLedger';

describe('FX conversion', () => {
  it('converts with the ECB rate of the day, exactly, through EUR', () => {
    const { db } = tempLedger();
    expect(ensureReferenceRates(db)).toBeGreaterThan(10_000);
    // ECB 2023-01-02: USD 1.0683, JPY 139.62 per EUR.
    expect(convertMinor(db, 100_00, 'USD', 'EUR', '2023-01-02').minor).toBe(93_61); // 100 / 1.0683 = 93.6067
    expect(convertMinor(db, 100_00, 'EUR', 'USD', '2023-01-02').minor).toBe(106_83);
    const jpy = convertMinor(db, 1_000_000, 'JPY', 'USD', '2023-01-02'); // ¥1,000,000 * 1.0683 / 139.62 = $7,651.48
    expect(jpy.minor).toBe(7_651_48);
    expect(jpy.note).toMatch(/EUR\/JPY 139\.62 on 2023-01-02.*EUR\/USD 1\.0683 on 2023-01-02/);
  });

  it('uses the last published rate for a weekend, and refuses when none is recent', () => {
    const { db } = tempLedger();
    ensureReferenceRates(db);
    const sat = convertMinor(db, 100_00, 'EUR', 'USD', '2023-01-07');
    expect(sat.legs[0]!.day).toBe('2023-01-06');
    expect(() => convertMinor(db, 100_00, 'EUR', 'USD', '2019-06-03')).toThrow(AppError);
    expect(() => convertMinor(db, 100_00, 'EUR', 'USD', '2019-06-03')).toThrow(/No EUR\/USD rate on or up to 7 days before 2019-06-03/);
  });

  it('loads the reference set once, and the user\'s own ECB file beside it', () => {
    const { db } = tempLedger();
    const first = ensureReferenceRates(db);
    expect(ensureReferenceRates(db)).toBe(0);
    expect(count(db, 'fx_rates')).toBe(first);
    const mine = 'Date,USD,JPY,\n2019-06-04,1.1246,121.67,\n2019-06-03,1.1217,121.28,\n';
    expect(importEcbRates(db, 'eurofxref-2019.csv', mine, 'ECB site, downloaded by the analyst')).toEqual({ added: 4, skipped: 0 });
    expect(convertMinor(db, 100_00, 'EUR', 'USD', '2019-06-03').minor).toBe(112_17);
    expect(() => importEcbRates(db, 'bad.csv', 'Date,USD,\n2019-06-04,1,12,\n', 'x')).toThrow(/bad\.csv line 2, column "USD": "1,12"|bad\.csv line 2/);
    expect(db.prepare(`SELECT count(*) FROM fx_rates WHERE source = ?`).pluck().get(ECB_SOURCE_LABEL)).toBe(first);
  });

  it('values a euro transfer of H100s with the dollar band converted at that day\'s rate', () => {
    const { db } = tempSampleLedger();
    const ids = (name: string) => db.prepare(`SELECT id FROM entities WHERE name = ?`).pluck().get(name) as number;
    const id = createTransfer(db, {
      fromId: ids('Tesla, Inc.'), toId: ids('xAI'), resourceType: 'gpu', resource: 'Nvidia H100 GPU', resourceKey: 'nvidia-h100',
      quantity: 100, unit: 'unit', amount: '3000000', currency: 'EUR', date: '2024-03-01',
    });
    const v = valueTransfer(db, allTransfers(db).find((t) => t.id === id)!).valuation!;
    expect(v.currency).toBe('EUR');
    // ECB 2024-03-01: USD 1.0813 per EUR; $25,000 = €23,120.32, $40,000 = €36,992.51.
    expect([v.unitLowMinor, v.unitHighMinor]).toEqual([2_312_032, 3_699_251]);
    expect(v.lowMinor).toBe(231_203_200);
    expect(v.method).toMatch(/band converted from USD at EUR\/USD 1\.0813 on 2024-03-01/);
    expect(v.deviationPct).toBe(0); // €30,000 a unit lies inside the converted band
  });
});
