/**
 * The statistics of statistics.md, one method per file. Everything here is
 * a pure function of numbers: no file system, no console, no clock.
 */
export { meanArm, ratioArm, type ArmEstimate } from './arm.ts';
export { StatsRefusal, type RefusalCode } from './refusal.ts';
export { normalCdf, normalQuantile, tCdf, tQuantile } from './distributions.ts';
export { welchDifference, type Difference } from './welch.ts';
export { fiellerLift, type Lift } from './fieller.ts';
export { wilsonInterval } from './wilson.ts';
export { newcombeDifference, type Count } from './newcombe.ts';
export { pooledZTest } from './pooled-z-test.ts';
export { katzLift } from './katz.ts';
export { ancova, type Ancova, type AncovaUnit } from './ancova.ts';
export { baselineBalance, baselineGapTooLarge, type Balance } from './balance.ts';
export { minimumDetectableEffect, unitsPerArm } from './power.ts';
export { projectRollout } from './rollout.ts';
export { weightedAncova, weightedAncovaStatistic, type WeightedAncova, type WeightedAncovaUnit } from './weighted-ancova.ts';
