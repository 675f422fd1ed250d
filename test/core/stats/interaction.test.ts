import { describe, expect, it } from 'vitest';
import { interactionTest, type InteractionSegment } from '../../../src/core/stats/interaction.ts';
import { expectClose } from './expect-close.ts';

/** Segments as R's interaction.R writes them: 1-based unit indexes, numerators and denominators. */
function segment(units: number[], numerators: number[], denominators?: number[]): InteractionSegment {
  return {
    units: Int32Array.from(units, (u) => u - 1),
    numerators: Float64Array.from(numerators),
    denominators: Float64Array.from(denominators ?? units.map(() => 1)),
  };
}

const meanTwo = [segment([1, 2, 3, 5, 6, 7], [12, 15, 11, 6, 4, 5]), segment([2, 3, 4, 5, 7, 8], [3, 5, 2, 4, 6, 3])];
const meanObserved = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);

const ratioThree = [
  segment([1, 2, 3, 4, 6, 7, 9], [40, 35, 20, 22, 50, 30, 25], [10, 8, 9, 10, 12, 7, 11]),
  segment([1, 3, 5, 6, 8, 9, 10], [12, 15, 9, 20, 18, 11, 14], [6, 7, 5, 8, 6, 7, 8]),
  segment([2, 4, 5, 7, 8, 10], [8, 6, 7, 15, 9, 5], [3, 4, 3, 5, 4, 3]),
];
const ratioObserved = Uint8Array.from([1, 1, 0, 0, 0, 1, 1, 1, 0, 0]);
const ratioBlocks = Int32Array.from([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);

describe('interactionTest', () => {
  it('matches R on a mean metric with two segments, every assignment listed', () => {
    // R (interaction.R, A): meanTwoSegments: { statistic: 18.777777777777779, commonEffect: 3.3333333333333335, p: 0.028571428571428571, assignments: 70, valid: 70 }
    const result = interactionTest({ segments: meanTwo, observed: meanObserved, blocks: null, seed: 'test' });
    expectClose(result.statistic, 18.777777777777779, 1e-12);
    expectClose(result.commonEffect, 3.3333333333333335, 1e-12);
    expectClose(result.p, 0.028571428571428571, 1e-12);
    expect(result).toMatchObject({ assignments: 70, valid: 70, exact: true, draws: null });
  });

  it('matches R on a ratio metric with three segments, permuting within blocks', () => {
    // R (interaction.R, B): ratioThreeSegmentsBlocked: { statistic: 0.32581218916614302, commonEffect: 1.1843643643643644, p: 0.01, assignments: 100, valid: 100 }
    const result = interactionTest({ segments: ratioThree, observed: ratioObserved, blocks: ratioBlocks, seed: 'test' });
    expectClose(result.statistic, 0.32581218916614302, 1e-12);
    expectClose(result.commonEffect, 1.1843643643643644, 1e-12);
    expectClose(result.p, 0.01, 1e-12);
    expect(result).toMatchObject({ assignments: 100, valid: 100, exact: true });
  });

  it('draws seeded assignments when told not to enumerate, close to the exact p and the same every run', () => {
    const options = { segments: meanTwo, observed: meanObserved, blocks: null, seed: 'pilot/segments/region/interaction', enumerationLimit: 10, draws: 20_000 };
    const drawn = interactionTest(options);
    expect(drawn.exact).toBe(false);
    expect(drawn.draws).toBe(20_000);
    // The exact p is 2/70; 20,000 draws put the estimate within 4 standard errors of it.
    const exact = 0.028571428571428571;
    expect(Math.abs(drawn.p - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 20_000));
    expect(interactionTest(options).p).toBe(drawn.p);
  });

  it('conditions on assignments that leave every segment both arms', () => {
    // A segment of 2 units (one per arm): of the C(6,3) = 20 splits, those putting both in one arm are left out.
    const segments = [segment([1, 2, 3, 4, 5, 6], [9, 8, 7, 3, 2, 1]), segment([1, 4], [10, 4])];
    const result = interactionTest({ segments, observed: Uint8Array.from([1, 1, 1, 0, 0, 0]), blocks: null, seed: 'x' });
    // Units 1 and 4 in different arms: 2 * C(4,2) = 12 of the 20 splits.
    expect(result.valid).toBe(12);
    expect(result.assignments).toBe(20);
    expect(result.p).toBeGreaterThan(0);
    expect(result.p).toBeLessThanOrEqual(1);
  });

  it('refuses fewer than 2 segments', () => {
    expect(() => interactionTest({ segments: meanTwo.slice(0, 1), observed: meanObserved, blocks: null, seed: 'x' })).toThrow(RangeError);
  });
});
