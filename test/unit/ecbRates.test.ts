import { describe, expect, it } from 'vitest';
import {
  ECB_REFERENCE_SOURCE,
  ecbReferenceRates,
  parseEcbCsv,
  parseRateMicro,
  type EcbRate,
} from '../../electron/core/reference/ecbRates';

const KEPT = ['USD', 'JPY', 'GBP', 'CHF', 'CNY', 'CAD', 'AUD', 'HKD', 'SGD', 'KRW', 'INR', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'BRL', 'MXN', 'ZAR'];

function byDay(rates: EcbRate[]): Map<string, Map<string, number>> {
  const days = new Map<string, Map<string, number>>();
  for (const { day, quote, rateMicro } of rates) {
    const row = days.get(day) ?? new Map<string, number>();
    row.set(quote, rateMicro);
    days.set(day, row);
  }
  return days;
}

describe('shipped ECB reference rates', () => {
  const rates = ecbReferenceRates();
  const days = byDay(rates);
  const order = [...days.keys()];

  it('runs from the first TARGET day of 2023 to the newest day of the copy, newest first', () => {
    expect(order.at(-1)).toBe('2023-01-02');
    expect(order[0]).toBe('2026-02-13');
    expect(order[0]).toBe(ECB_REFERENCE_SOURCE.lastDay);
    expect(order.at(-1)).toBe(ECB_REFERENCE_SOURCE.firstDay);
    expect(order).toHaveLength(797);
  });

  it('has strictly decreasing dates, all of them weekdays', () => {
    for (let i = 1; i < order.length; i++) expect(order[i]! < order[i - 1]!).toBe(true);
    for (const day of order) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      expect(weekday, day).toBeGreaterThanOrEqual(1);
      expect(weekday, day).toBeLessThanOrEqual(5);
    }
    // TARGET holidays have no fixing.
    for (const closed of ['2023-12-25', '2023-12-26', '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-01', '2025-01-01', '2026-01-01']) {
      expect(days.has(closed), closed).toBe(false);
    }
  });

  it('quotes every kept currency, and only those, on every day', () => {
    for (const [day, row] of days) expect([...row.keys()], day).toEqual(KEPT);
    expect(rates).toHaveLength(797 * KEPT.length);
  });

  it('keeps EUR/USD and EUR/JPY within the bounds they stayed in over 2023-2026', () => {
    for (const [day, row] of days) {
      const usd = row.get('USD');
      const jpy = row.get('JPY');
      expect(usd, day).toBeGreaterThanOrEqual(900_000);
      expect(usd, day).toBeLessThanOrEqual(1_300_000);
      expect(jpy, day).toBeGreaterThanOrEqual(130_000_000);
      expect(jpy, day).toBeLessThanOrEqual(190_000_000);
    }
    // DKK is pegged to the euro (ERM II, 7.46038 ± 2.25%).
    for (const [day, row] of days) expect(Math.abs(row.get('DKK')! - 7_460_380), day).toBeLessThan(170_000);
  });

  it('holds the ECB figures read back from the source file', () => {
    // Re-read from EliasTeikari/SEB-solution data/eurofxref-hist.csv @ 3364771 at each row's offset.
    expect(days.get('2023-01-02')?.get('USD')).toBe(1_068_300); // 1.0683
    expect(days.get('2023-01-02')?.get('JPY')).toBe(139_620_000); // 139.62
    expect(days.get('2023-01-02')?.get('GBP')).toBe(886_300); // 0.8863
    expect(days.get('2023-02-13')?.get('ZAR')).toBe(19_166_400); // 19.1664
    expect(days.get('2024-09-05')?.get('KRW')).toBe(1_481_540_000); // 1481.54
    expect(days.get('2024-12-09')?.get('GBP')).toBe(828_050); // 0.82805
    expect(days.get('2026-02-05')?.get('USD')).toBe(1_179_800); // 1.1798
    expect(days.get('2026-02-05')?.get('CHF')).toBe(916_100); // 0.9161
    // Also the same in other public copies of the ECB file (h0tbird/eurofxref, sekunho/moneyman).
    expect(days.get('2025-05-09')?.get('USD')).toBe(1_125_200); // 1.1252
    expect(days.get('2023-05-02')?.get('CNY')).toBe(7_579_100); // 7.5791
    expect(days.get('2026-02-13')?.get('USD')).toBe(1_186_200); // 1.1862, the newest day
  });

  it('parses once and hands out copies that callers cannot spoil', () => {
    const first = ecbReferenceRates();
    first.length = 0;
    const again = ecbReferenceRates();
    expect(again).toHaveLength(rates.length);
    expect(() => {
      (again[0] as EcbRate).rateMicro = 1;
    }).toThrow();
    expect(ecbReferenceRates()[0]).toEqual(rates[0]);
  });
});

describe('parseRateMicro', () => {
  it('turns decimal text into exact millionths', () => {
    expect(parseRateMicro('1.0850')).toBe(1_085_000);
    expect(parseRateMicro('157.23')).toBe(157_230_000);
    expect(parseRateMicro('0.86')).toBe(860_000);
    expect(parseRateMicro('1715.78')).toBe(1_715_780_000);
    expect(parseRateMicro('19955.44')).toBe(19_955_440_000);
    expect(parseRateMicro('7.46038')).toBe(7_460_380);
    expect(parseRateMicro('0.000001')).toBe(1);
    expect(parseRateMicro('145')).toBe(145_000_000);
    // 0.1 + 0.2 style float error would show here: 1.1 * 1e6 is 1100000.0000000002.
    expect(parseRateMicro('1.1')).toBe(1_100_000);
  });

  it('refuses text that is not a plain decimal, and rounding', () => {
    expect(() => parseRateMicro('1.2345678')).toThrow('"1.2345678" has more than 6 decimals');
    expect(() => parseRateMicro('abc')).toThrow('"abc" is not a decimal rate');
    expect(() => parseRateMicro('1,08')).toThrow('"1,08" is not a decimal rate');
    for (const bad of ['', ' 1.08', '1.08 ', '-1.08', '+1.08', '1.', '.5', '1e3', 'N/A', '1.0.8']) {
      expect(() => parseRateMicro(bad), bad).toThrow('is not a decimal rate');
    }
    expect(() => parseRateMicro('0.000')).toThrow('"0.000" is not a positive rate');
    expect(() => parseRateMicro('99999999999.5')).toThrow('too large');
  });
});

describe('parseEcbCsv', () => {
  const good = [
    'Date,USD,JPY,BGN,',
    '2024-01-03,1.0919,156.16,1.9558,',
    '2024-01-02,1.0956,155.68,N/A,',
    '',
  ].join('\n');

  it('reads the ECB layout, skipping N/A and empty cells', () => {
    expect(parseEcbCsv(good, 'rates.csv')).toEqual([
      { day: '2024-01-03', quote: 'USD', rateMicro: 1_091_900 },
      { day: '2024-01-03', quote: 'JPY', rateMicro: 156_160_000 },
      { day: '2024-01-03', quote: 'BGN', rateMicro: 1_955_800 },
      { day: '2024-01-02', quote: 'USD', rateMicro: 1_095_600 },
      { day: '2024-01-02', quote: 'JPY', rateMicro: 155_680_000 },
    ]);
    // No trailing comma, CRLF line ends, a byte order mark and an empty cell are all fine.
    expect(parseEcbCsv('\uFEFFDate,USD,JPY\r\n2024-01-02,1.0956,\r\n', 'rates.csv')).toEqual([
      { day: '2024-01-02', quote: 'USD', rateMicro: 1_095_600 },
    ]);
  });

  it('refuses a malformed rate, naming the file, line and column', () => {
    const text = [
      'Date,USD,JPY,',
      '2024-01-10,1.0946,159.03,',
      '2024-01-09,1.094,157.63,',
      '2024-01-08,1.0946,158.19,',
      '2024-01-05,1.0921,158.57,',
      '2024-01-04,1.0953,157.91,',
      '2024-01-03,1.O919,156.16,',
    ].join('\n');
    expect(() => parseEcbCsv(text, 'rates.csv')).toThrow('rates.csv line 7, column "USD": "1.O919" is not a decimal rate');
    expect(() => parseEcbCsv(text.replace('157.63', '157.6312345'), 'rates.csv')).toThrow(
      'rates.csv line 3, column "JPY": "157.6312345" has more than 6 decimals',
    );
  });

  it('refuses a decimal comma, which shows up as a row with too many cells', () => {
    expect(() => parseEcbCsv('Date,USD,\n2024-01-03,1,0919,\n', 'rates.csv')).toThrow('rates.csv line 2: 4 cells, but the header has 3');
  });

  it('refuses bad dates, repeated dates and bad headers', () => {
    expect(() => parseEcbCsv('Date,USD\n03/01/2024,1.0919\n', 'r.csv')).toThrow('r.csv line 2, column "Date": "03/01/2024" is not a YYYY-MM-DD date');
    expect(() => parseEcbCsv('Date,USD\n2023-02-29,1.0919\n', 'r.csv')).toThrow('r.csv line 2, column "Date": "2023-02-29" is not a YYYY-MM-DD date');
    expect(() => parseEcbCsv('Date,USD\n2024-01-03,1.09\n2024-01-03,1.08\n', 'r.csv')).toThrow(
      'r.csv line 3, column "Date": 2024-01-03 already appears on line 2',
    );
    expect(() => parseEcbCsv('Day,USD\n2024-01-03,1.09\n', 'r.csv')).toThrow('r.csv line 1: the header must start with "Date"');
    expect(() => parseEcbCsv('Date,usd\n2024-01-03,1.09\n', 'r.csv')).toThrow('r.csv line 1, column 2: "usd" is not a currency code');
    expect(() => parseEcbCsv('Date,USD,USD\n', 'r.csv')).toThrow('r.csv line 1, column 3: "USD" appears twice');
    expect(() => parseEcbCsv('Date,\n', 'r.csv')).toThrow('r.csv line 1: the header names no currencies');
  });
});
