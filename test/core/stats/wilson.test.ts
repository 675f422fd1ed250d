import { describe, expect, it } from 'vitest';
import { StatsRefusal } from '../../../src/core/stats/refusal.ts';
import { wilsonInterval } from '../../../src/core/stats/wilson.ts';
import { expectClose, expectRounded } from './expect-close.ts';

describe('wilsonInterval', () => {
  it('published: 81/263 -> 0.2553 to 0.3662', () => {
    const { low, high } = wilsonInterval(81, 263, 0.95);
    expectRounded(low, '0.2553');
    expectRounded(high, '0.3662');
  });

  // Each reference: R 4.2.2, prop.test(x, n, conf.level = conf, correct = FALSE)$conf.int
  const cases: [x: number, n: number, confidence: number, low: number, high: number][] = [
    // R: prop.test(81, 263, conf.level = 0.95, correct = FALSE)$conf.int
    [81, 263, 0.95, 0.25528851987827428, 0.36620957698280016],
    // R: prop.test(0, 10, conf.level = 0.95, correct = FALSE)$conf.int
    [0, 10, 0.95, 0, 0.27753279986288915],
    // R: prop.test(10, 10, conf.level = 0.95, correct = FALSE)$conf.int
    [10, 10, 0.95, 0.72246720013711085, 1],
    // R: prop.test(3, 17, conf.level = 0.9, correct = FALSE)$conf.int
    [3, 17, 0.9, 0.072814466547064485, 0.36896697806902579],
    // R: prop.test(3, 17, conf.level = 0.99, correct = FALSE)$conf.int
    [3, 17, 0.99, 0.04582970654468152, 0.48875679130677457],
    // R: prop.test(1, 1, conf.level = 0.95, correct = FALSE)$conf.int
    [1, 1, 0.95, 0.2065493143772375, 1],
    // R: prop.test(250, 1000, conf.level = 0.999, correct = FALSE)$conf.int
    [250, 1000, 0.999, 0.20778253520407181, 0.29757325767941734],
  ];
  it.each(cases)('%i/%i at %d agrees with R', (x, n, confidence, low, high) => {
    const interval = wilsonInterval(x, n, confidence);
    expectClose(interval.low, low, 1e-12);
    expectClose(interval.high, high, 1e-12);
  });

  it('is exactly 0 at no successes and exactly 1 at all successes', () => {
    expect(wilsonInterval(0, 7, 0.95).low).toBe(0);
    expect(wilsonInterval(7, 7, 0.95).high).toBe(1);
    expect(wilsonInterval(0, 1, 0.999).low).toBe(0);
  });

  it('refuses an arm without rows and rejects impossible counts', () => {
    expect(() => wilsonInterval(0, 0, 0.95)).toThrow(StatsRefusal);
    expect(() => wilsonInterval(5, 4, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(RangeError);
  });
});
