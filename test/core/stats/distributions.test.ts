import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, tCdf, tQuantile } from '../../../src/core/stats/distributions.ts';
import { expectClose } from './expect-close.ts';

describe('t and normal distributions against R 4.2.2', () => {
  const cases: [() => number, number][] = [
    // R: qt(0.975, 17.7764735161785)
    [() => tQuantile(0.975, 17.7764735161785), 2.1028172415698014],
    // R: qt(0.95, 8.72912402615711)
    [() => tQuantile(0.95, 8.72912402615711), 1.839610505746708],
    // R: qt(0.995, 8.72912402615711)
    [() => tQuantile(0.995, 8.72912402615711), 3.2755262650143537],
    // R: qt(0.9995, 2.5)
    [() => tQuantile(0.9995, 2.5), 18.277893528131514],
    // R: qt(0.975, 1)
    [() => tQuantile(0.975, 1), 12.706204736174694],
    // R: qt(0.75, 1.3)
    [() => tQuantile(0.75, 1.3), 0.90951752813520903],
    // R: qt(0.025, 40)
    [() => tQuantile(0.025, 40), -2.0210753903062737],
    // R: qt(0.9, 123.456)
    [() => tQuantile(0.9, 123.456), 1.2884465402848932],
    // R: qt(0.975, 33000)
    [() => tQuantile(0.975, 33000), 1.9600358741389297],
    // R: qt(0.995, 2500000)
    [() => tQuantile(0.995, 2500000), 2.5758312701693531],
    // R: qt(1e-10, 7.5)
    [() => tQuantile(1e-10, 7.5), -45.361044241339521],
    // R: pt(-1.86081346748685, 17.7764735161785)
    [() => tCdf(-1.86081346748685, 17.7764735161785), 0.039697070093679315],
    // R: pt(2.1434421111818, 8.72912402615711)
    [() => tCdf(2.1434421111818, 8.72912402615711), 0.96919540355417766],
    // R: pt(-12, 4.4)
    [() => tCdf(-12, 4.4), 7.9000493016510181e-05],
    // R: pt(-40, 3)
    [() => tCdf(-40, 3), 1.719034039457927e-05],
    // R: pt(0.3, 1.7)
    [() => tCdf(0.3, 1.7), 0.60159854080127495],
    // R: pt(5, 250.5)
    [() => tCdf(5, 250.5), 0.99999946073518386],
    // R: pt(-3, 100000)
    [() => tCdf(-3, 100000), 0.0013502304420323602],
    // R: pt(-7, 20000000)
    [() => tCdf(-7, 20000000), 1.2798525088469469e-12],
    // R: qnorm(0.975)
    [() => normalQuantile(0.975), 1.9599639845400536],
    // R: qnorm(0.8)
    [() => normalQuantile(0.8), 0.84162123357291441],
    // R: qnorm(0.9995)
    [() => normalQuantile(0.9995), 3.2905267314919255],
    // R: qnorm(1e-20)
    [() => normalQuantile(1e-20), -9.2623400897984052],
    // R: qnorm(0.3)
    [() => normalQuantile(0.3), -0.52440051270804067],
    // R: pnorm(-1.95996398454005)
    [() => normalCdf(-1.95996398454005), 0.025000000000000244],
    // R: pnorm(0.5)
    [() => normalCdf(0.5), 0.69146246127401301],
    // R: pnorm(-12)
    [() => normalCdf(-12), 1.776482112077679e-33],
    // R: pnorm(-30)
    [() => normalCdf(-30), 4.9067139271481872e-198],
    // R: pnorm(3.7)
    [() => normalCdf(3.7), 0.99989220026652259],
  ];

  it.each(cases.map((c, i) => [i, ...c] as const))('case %i agrees to 1e-12', (_, compute, expected) => {
    expectClose(compute(), expected, 1e-12);
  });
});

describe('distribution identities', () => {
  it('is exactly symmetric and exactly 1/2 at 0', () => {
    expect(tCdf(0, 7.3)).toBe(0.5);
    expect(tCdf(-0, 7.3)).toBe(0.5);
    expect(normalCdf(0)).toBe(0.5);
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(normalQuantile(0.5)).toBe(0);
    expect(tQuantile(0.75, 11.5)).toBe(-tQuantile(0.25, 11.5));
    expect(normalQuantile(0.99)).toBe(-normalQuantile(1 - 0.99));
  });

  it('inverts its own cdf', () => {
    for (const df of [1, 1.7, 4, 17.776, 250, 5e4, 3e7]) {
      for (const p of [0.0005, 0.025, 0.2, 0.6, 0.95, 0.995]) expectClose(tCdf(tQuantile(p, df), df), p, 1e-12);
    }
    for (const p of [1e-30, 0.001, 0.3, 0.9]) expectClose(normalCdf(normalQuantile(p)), p, 1e-12);
  });

  it('tends to the normal distribution as df grows, and equals it at df = Infinity', () => {
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expect(tCdf(-2, Infinity)).toBe(normalCdf(-2));
    expectClose(tQuantile(0.975, 1e15), normalQuantile(0.975), 1e-14);
  });

  it('keeps the far tails instead of rounding them to 0 or 1', () => {
    expect(normalCdf(-37)).toBeGreaterThan(0);
    expect(tCdf(-1e6, 2)).toBeGreaterThan(0);
    expect(tCdf(1e300, 5)).toBe(1);
    expect(tCdf(-Infinity, 5)).toBe(0);
  });

  it('refuses arguments outside the domain', () => {
    expect(() => tQuantile(0, 5)).toThrow(RangeError);
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => tCdf(Number.NaN, 5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('jstat 1.9.6, kept only for starting values', () => {
  // Documents why distributions.ts refines jstat: R says qt(0.975, 120.25) = 1.97988848202244.
  it('is about 3.5e-8 off for non-integer df, short of the 1e-9 the project needs', () => {
    const error = Math.abs(jStat.studentt.inv(0.975, 120.25) - 1.9798884820224385) / 1.9798884820224385;
    expect(error).toBeGreaterThan(1e-9);
    expectClose(tQuantile(0.975, 120.25), 1.9798884820224385, 1e-13);
  });
});
