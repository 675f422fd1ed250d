import { describe, expect, it } from 'vitest';
import { holmAdjust, holmLevels } from '../../../src/core/stats/holm.ts';
import { expectClose } from './expect-close.ts';

// Reference values printed by test/core/stats/reference/interaction.R.
describe('holmAdjust', () => {
  it('matches p.adjust(..., "holm")', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03), 'holm')
    const three = holmAdjust([0.01, 0.04, 0.03]);
    [0.029999999999999999, 0.059999999999999998, 0.059999999999999998].forEach((expected, i) => expectClose(three[i], expected, 1e-12));
    // R: p.adjust(c(0.2, 0.001, 0.04, 0.04, 0.5), 'holm'): ties, and the running maximum
    const five = holmAdjust([0.2, 0.001, 0.04, 0.04, 0.5]);
    [0.40000000000000002, 0.0050000000000000001, 0.16, 0.16, 0.5].forEach((expected, i) => expectClose(five[i], expected, 1e-12));
  });

  it('caps at 1 and leaves a single p as it is', () => {
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(holmAdjust([0.03])).toEqual([0.03]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('holmLevels', () => {
  it('steps down until the first comparison it cannot reject, then holds that level', () => {
    expect(holmLevels([0.01, 0.04, 0.03], 0.05)).toEqual([0.05 / 3, 0.05 / 2, 0.05 / 2]);
    // All rejected: each at its own step.
    expect(holmLevels([0.001, 0.02, 0.01], 0.05)).toEqual([0.05 / 3, 0.05, 0.05 / 2]);
  });

  it('rejects at its level exactly when the adjusted p is at most alpha', () => {
    const cases = [[0.01, 0.04, 0.03], [0.2, 0.001, 0.04, 0.04, 0.5], [0.012, 0.013, 0.05, 0.0166], [0.025, 0.025]];
    for (const p of cases) {
      const adjusted = holmAdjust(p);
      const levels = holmLevels(p, 0.05);
      p.forEach((value, i) => expect(value <= (levels[i] as number)).toBe((adjusted[i] as number) <= 0.05));
    }
  });
});
