import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrency, minorDigits, minorToDecimalString, parseAmountToMinor } from '../../shared/money';
import { formatPartialDate, parseIsoPartialDate, periodEnd } from '../../shared/dates';

describe('money', () => {
  it('knows ISO 4217 codes and their minor units', () => {
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('usd')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('parses decimal text to minor units without floats', () => {
    expect(parseAmountToMinor('500000000', 'USD')).toBe(50_000_000_000);
    expect(parseAmountToMinor('0.1', 'USD')).toBe(10);
    expect(parseAmountToMinor('1,234.56', 'USD')).toBe(123_456);
    expect(parseAmountToMinor('1.234,56', 'EUR', ',')).toBe(123_456);
    expect(parseAmountToMinor('1 234,5', 'EUR', ',')).toBe(123_450);
    expect(parseAmountToMinor('1500', 'JPY')).toBe(1500);
    // 0.1 + 0.2 style errors cannot happen: 198.3M is exact.
    expect(parseAmountToMinor('198300000.00', 'USD')).toBe(19_830_000_000);
  });

  it('refuses what is not an amount', () => {
    expect(() => parseAmountToMinor('abc', 'USD')).toThrow(/not a number/);
    expect(() => parseAmountToMinor('-5', 'USD')).toThrow(/negative/);
    expect(() => parseAmountToMinor('1.234', 'USD')).toThrow(/more decimals/);
    expect(() => parseAmountToMinor('1.5', 'JPY')).toThrow(/more decimals/);
    expect(() => parseAmountToMinor('1,23,456', 'USD')).toThrow(/not a number/);
    expect(() => parseAmountToMinor('', 'USD')).toThrow(/empty/);
    expect(() => parseAmountToMinor('1e9', 'USD')).toThrow(/not a number/);
  });

  it('formats exactly, including amounts beyond float precision in cents', () => {
    expect(minorToDecimalString(50_000_000_000, 'USD')).toBe('500000000.00');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(formatMoney(50_000_000_000, 'USD')).toBe('$500,000,000.00');
    expect(formatMoney(123_456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(9_007_199_254_740_991, 'USD')).toBe('$90,071,992,547,409.91');
  });
});

describe('dates', () => {
  it('keeps the precision a source gives', () => {
    expect(parseIsoPartialDate('2023-12')).toEqual({ date: '2023-12-01', precision: 'month' });
    expect(parseIsoPartialDate('2023')).toEqual({ date: '2023-01-01', precision: 'year' });
    expect(parseIsoPartialDate('2024-02-29')).toEqual({ date: '2024-02-29', precision: 'day' });
    expect(formatPartialDate('2023-12-01', 'month')).toBe('Dec 2023');
    expect(periodEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(periodEnd('2023-01-01', 'year')).toBe('2023-12-31');
  });

  it('refuses impossible and non-ISO dates', () => {
    expect(() => parseIsoPartialDate('2023-02-29')).toThrow(/not a calendar date/);
    expect(() => parseIsoPartialDate('2023-13')).toThrow(/no month 13/);
    expect(() => parseIsoPartialDate('12/31/2024')).toThrow(/not an ISO date/);
  });
});
