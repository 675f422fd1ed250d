/**
 * The statistics of statistics.md, one method per file. Everything here is
 * a pure function of numbers: no file system, no console, no clock.
 */
export { meanArm, ratioArm, type ArmEstimate } from './arm.ts';
export { StatsRefusal, type RefusalCode } from './refusal.ts';
export { normalCdf, normalQuantile, tCdf, tQuantile } from './distributions.ts';
export { satterthwaite, welchDifference, type Difference } from './welch.ts';
export { fiellerLift, type Lift } from './fieller.ts';
export { wilsonInterval } from './wilson.ts';
export { newcombeDifference, newcombeP, type Count } from './newcombe.ts';
export { pooledZTest } from './pooled-z-test.ts';
export { katzLift } from './katz.ts';
export { ancova, type Ancova, type AncovaUnit } from './ancova.ts';
export { baselineBalance, baselineGapTooLarge, type Balance } from './balance.ts';
export {
  detectableEffect,
  exactPower,
  MOST_UNITS_PER_ARM,
  minimumDetectableEffect,
  powerForUnits,
  unitsForAdjustedEffect,
  unitsForEffect,
  unitsPerArm,
} from './power.ts';
export { noncentralTCdf, noncentralTUpper } from './noncentral-t.ts';
export { projectRollout } from './rollout.ts';
export { sumOfIndependent, type Projection } from './portfolio.ts';
export { weightedAncova, weightedAncovaStatistic, type WeightedAncova, type WeightedAncovaUnit } from './weighted-ancova.ts';
export { mulberry32, fnv1a32, type Uniform } from './random.ts';
export { COEFFICIENTS, type Studentized } from './studentized.ts';
export { welchStatistic } from './welch-statistic.ts';
export { deltaStatistic } from './delta-statistic.ts';
export { ancovaStatistic } from './ancova-statistic.ts';
export {
  randomizationInference,
  ENUMERATION_LIMIT,
  DRAWS,
  HISTOGRAM_BINS,
  type Randomization,
  type RandomizationOptions,
  type RandomizationInterval,
  type AbsoluteRandomizationInterval,
  type NullDistribution,
  type HistogramBin,
} from './randomization.ts';
export { TIE_TOLERANCE } from './randomization-nulls.ts';
export { fisherExactP } from './fisher.ts';
export { smallestAttainableP, unitsForAttainableP } from './attainable.ts';
export { holmAdjust, holmLevels } from './holm.ts';
export { interactionTest, type Interaction, type InteractionSegment } from './interaction.ts';
export { largestSplit, thresholdSplits, tippingPointTest, TIPPING_DRAWS, type ThresholdSplit, type TippingPointTest } from './tipping-point.ts';
