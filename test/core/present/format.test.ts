import { describe, expect, it } from 'vitest';
import { count as countOf, currencySymbol, formatConfidence, formatDifference, formatLift, formatP, formatPoints, formatValue, intlCurrencyAffixes } from '../../../src/core/present/format.ts';

const usd = { format: 'currency', currency: 'USD', type: 'mean' } as const;
const eur = { format: 'currency', currency: 'EUR', type: 'mean' } as const;
const count = { format: 'number', currency: 'USD', type: 'ratio' } as const;
const rate = { format: 'number', currency: 'USD', type: 'proportion' } as const;

describe('format', () => {
  it('writes lifts in percent, with a real minus sign', () => {
    expect(formatLift(0.1542)).toBe('15%');
    expect(formatLift(0.1542, { signed: true })).toBe('+15%');
    expect(formatLift(-0.042, { signed: true })).toBe('−4.2%');
    // Never "0%" for a change that is not zero (statistics.md section 12): its significant digits.
    expect(formatLift(0.00001, { signed: true })).toBe('+0.0010%');
    expect(formatLift(3.2e-11, { signed: true })).toBe('+3.2e−9%');
    expect(formatLift(0, { signed: true })).toBe('0%');
    expect(formatLift(1.5)).toBe('150%');
  });

  it('writes differences of proportions in percentage points, never %', () => {
    expect(formatPoints(0.1234, { signed: true })).toBe('+12.3 pp');
    expect(formatPoints(-0.05)).toBe('−5.0 pp');
    expect(formatDifference(0.18, rate)).toBe('+18.0 pp');
  });

  it('writes currency in the metric currency', () => {
    expect(formatValue(48210.5, usd)).toBe('$48,211');
    expect(formatValue(12.345, usd)).toBe('$12.35');
    expect(formatDifference(-1200, usd)).toBe('−$1,200');
    expect(formatValue(950, eur)).toBe('€950');
  });

  it('writes plain numbers with sensible precision, and proportions as percents', () => {
    expect(formatValue(3.2, count)).toBe('3.20');
    expect(formatValue(12.5, count)).toBe('12.5');
    expect(formatValue(0.01234, count)).toBe('0.0123');
    expect(formatValue(12345.6, count)).toBe('12,346');
    expect(formatValue(0.724, rate)).toBe('72.4%');
    expect(formatValue(0.12, rate)).toBe('12.0%');
    expect(formatValue(0.0035, rate)).toBe('0.35%');
    expect(formatValue(3.2e-9, count)).toBe('3.2e−9');
    expect(formatValue(0.0000042, count)).toBe('0.000004');
    expect(formatDifference(0.001, usd)).toBe('+$0.0010');
    expect(formatPoints(-0.0000004)).toBe('−0.000040 pp');
    expect(formatValue(0, count)).toBe('0');
  });

  it('writes p-values and levels', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0123)).toBe('p = 0.012');
    expect(formatP(0.0534)).toBe('p = 0.053');
    expect(formatP(0.2345)).toBe('p = 0.23');
    expect(formatP(0.0042)).toBe('p = 0.004');
    expect(formatConfidence(0.95)).toBe('95%');
    expect(formatConfidence(0.975)).toBe('97.5%');
  });
});

describe('count', () => {
  it('counts with thousands separators', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(1234567, 'row')).toBe('1,234,567 rows');
  });
});

describe('currency symbols', () => {
  it('puts each known currency where Intl puts it, and asks Intl for any other', () => {
    for (const currency of ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'JPY', 'CNY', 'INR', 'BRL', 'MXN', 'HKD', 'KRW', 'ILS', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'SGD', 'ZAR', 'AED', 'CZK', 'HUF', 'TRY', 'ISK', 'XAF', 'VND']) {
      expect(currencySymbol(currency), currency).toEqual(intlCurrencyAffixes(currency));
    }
    expect(currencySymbol('USD')).toEqual({ prefix: '$', suffix: '' });
    expect(currencySymbol('CHF')).toEqual({ prefix: 'CHF ', suffix: '' });
  });
});
