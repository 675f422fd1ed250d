import { describe, expect, it } from 'vitest';
import { meanArm } from '../../../src/core/stats/arm.ts';
import { baselineBalance } from '../../../src/core/stats/balance.ts';
import { StatsRefusal } from '../../../src/core/stats/refusal.ts';
import { anorexia, mtcars } from './datasets.ts';
import { expectClose } from './expect-close.ts';

describe('baselineBalance', () => {
  it('anorexia pre-weights, FT vs Cont: balanced', () => {
    const pilot = meanArm(anorexia.prewt.filter((_, i) => anorexia.treat[i] === 'FT'));
    const control = meanArm(anorexia.prewt.filter((_, i) => anorexia.treat[i] === 'Cont'));
    const balance = baselineBalance(pilot, control, 0.95);
    // R: t.test(Prewt[FT], Prewt[Cont]); relative = mean(FT) / mean(Cont) - 1
    expectClose(balance.pilot, 83.229411764705887, 1e-14);
    expectClose(balance.control, 81.557692307692307, 1e-14);
    expectClose(balance.relative, 0.020497385466801799, 1e-12);
    expectClose(balance.p, 0.31842365591054261, 1e-10);
    expect(balance.flagged).toBe(false);
  });

  it('mtcars weight, manual vs automatic: the pilot trap, flagged on both counts', () => {
    const pilot = meanArm(mtcars.wt.filter((_, i) => mtcars.am[i] === 1));
    const control = meanArm(mtcars.wt.filter((_, i) => mtcars.am[i] === 0));
    const balance = baselineBalance(pilot, control, 0.95);
    // R: t.test(wt[am == 1], wt[am == 0])
    expectClose(balance.relative, -0.36028990769316704, 1e-12);
    expectClose(balance.p, 6.2720199100801436e-6, 1e-10);
    expect(balance.flagged).toBe(true);
  });

  it('flags a gap of more than 10% even when p is large, and not one of exactly 10%', () => {
    const wide = (mean: number) => ({ estimate: mean, variance: 400, units: 5 });
    expect(baselineBalance(wide(112), wide(100), 0.95)).toMatchObject({ flagged: true });
    expect(baselineBalance(wide(110), wide(100), 0.95).flagged).toBe(false);
    expect(baselineBalance(wide(88), wide(100), 0.95).flagged).toBe(true);
  });

  it('flags p < 0.05 even when the gap is small', () => {
    const narrow = (mean: number) => ({ estimate: mean, variance: 0.01, units: 30 });
    const balance = baselineBalance(narrow(101), narrow(100), 0.95);
    expect(balance.relative).toBeCloseTo(0.01, 12);
    expect(balance.p).toBeLessThan(0.05);
    expect(balance.flagged).toBe(true);
  });

  it('control baseline of 0: relative null, p alone decides', () => {
    const balance = baselineBalance(meanArm([1, 2, 3]), meanArm([-1, 0, 1]), 0.95);
    expect(balance.relative).toBeNull();
    expect(balance.flagged).toBe(balance.p < 0.05);
  });

  it('a negative control baseline: relative null, but a gap of more than 10% of its size is flagged', () => {
    // -77 against -63.5: 13.5 apart, 21% of |-63.5|; the spreads keep p far above 0.05.
    const wide = (mean: number) => ({ estimate: mean, variance: 900, units: 4 });
    const balance = baselineBalance(wide(-77), wide(-63.5), 0.95);
    expect(balance.relative).toBeNull();
    expect(balance.p).toBeGreaterThan(0.05);
    expect(balance.flagged).toBe(true);
    expect(baselineBalance(wide(-66), wide(-63.5), 0.95).flagged).toBe(false);
  });

  it('refuses baselines without variance in both arms', () => {
    expect(() => baselineBalance(meanArm([3, 3]), meanArm([3, 3, 3]), 0.95)).toThrow(StatsRefusal);
  });
});
