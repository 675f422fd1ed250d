import { describe, expect, it } from 'vitest';
import { projectRollout } from '../../../src/core/stats/rollout.ts';

describe('projectRollout', () => {
  it('scales the difference and its interval by the rollout units', () => {
    expect(projectRollout({ estimate: 120, low: 40, high: 200 }, 50)).toEqual({ estimate: 6000, low: 2000, high: 10000 });
    expect(projectRollout({ estimate: -1.5, low: -3, high: 0.25 }, 4)).toEqual({ estimate: -6, low: -12, high: 1 });
  });

  it('rolls out to nobody as 0', () => {
    expect(projectRollout({ estimate: 120, low: 40, high: 200 }, 0)).toEqual({ estimate: 0, low: 0, high: 0 });
  });

  it('rejects negative or non-finite unit counts and results too large to represent', () => {
    expect(() => projectRollout({ estimate: 1, low: 0, high: 2 }, -1)).toThrow(RangeError);
    expect(() => projectRollout({ estimate: 1, low: 0, high: 2 }, Number.NaN)).toThrow(RangeError);
    expect(() => projectRollout({ estimate: 1e300, low: 1e300, high: 1e308 }, 1e10)).toThrow(RangeError);
  });
});
