/**
 * One metric of one pilot: the large-sample analyses (statistics.md sections
 * 1 to 5 and 11), and from them the one headline every reader sees (section
 * 6): randomization inference (section 10) for metrics analysed per unit,
 * Newcombe's interval for a proportion with one row per unit; its verdict,
 * what the pilot could detect (section 7), and the rollout (section 8).
 */
import { adjustForBaseline, type Baseline } from './baseline.ts';
import type { Arm } from './evidence.ts';
import type { Sums, UnitSums } from './load/unit-sums.ts';
import { kindOf } from './metric-kinds.ts';
import type { Metric, Pilot } from './pilot.ts';
import { count, formatValue } from './present/format.ts';
import { headlineSentence, rangeSentence } from './present/headline.ts';
import type { AbsoluteResult, HeadlineResult, MetricResult, RelativeResult, Verdict } from './results.ts';
import {
  ancovaStatistic,
  deltaStatistic,
  detectableEffect,
  fiellerLift,
  katzLift,
  newcombeDifference,
  newcombeP,
  pooledZTest,
  projectRollout,
  randomizationInference,
  StatsRefusal,
  welchDifference,
  welchStatistic,
  weightedAncovaStatistic,
  type ArmEstimate,
  type NullDistribution,
  type Studentized,
  unitsForAttainableP,
} from './stats/index.ts';
import type { Assignment } from './design/assignment-file.ts';
import type { RandomizationResult } from './results.ts';
import { guardrailOf } from './guardrail.ts';
import { verdictOf } from './verdict.ts';

export interface MetricInput {
  metric: Metric;
  /** The metric's place in the pilot file: the index of its sums. */
  index: number;
  primary: boolean;
  pilot: Pilot;
  slug: string;
  units: readonly UnitSums[];
  nouns: { one: string; many: string };
  warn: (text: string, column?: string) => void;
  /** The assignment file when the pilot names one: randomization permutes within its blocks and pairs. */
  assignment?: Assignment | null;
}

export interface MetricAnalysis {
  result: MetricResult;
  /** The randomization statistic over the assignments, for the report's chart; null for a Newcombe headline. */
  randomization: NullDistribution | null;
}

interface ArmUnits {
  unit: UnitSums;
  sums: Sums;
}

/** Units of one arm that have at least one value of this metric in the pilot period. */
function unitsWithValues(units: readonly UnitSums[], index: number, arm: Arm): ArmUnits[] {
  const out: ArmUnits[] = [];
  for (const unit of units) {
    const sums = unit.metrics[index]?.pilot;
    if (unit.arm === arm && sums !== undefined && sums.rows > 0) out.push({ unit, sums });
  }
  return out;
}

function armEstimate(metric: Metric, units: readonly ArmUnits[], armName: Arm): ArmEstimate {
  if (units.length < 2) {
    throw new StatsRefusal(
      'too-few-units',
      `the ${armName} group has ${count(units.length, 'unit')} with data; at least 2 are needed to estimate variation`,
    );
  }
  // Named here, where the column and arm are known, rather than by ratioArm's generic refusal.
  if (metric.type === 'ratio' && units.every(({ sums }) => sums.denominator === 0)) {
    throw new StatsRefusal(
      'zero-denominator',
      `the ${armName} group's ${JSON.stringify(metric.denominator)} add up to 0, so there is nothing to divide by; expected ${JSON.stringify(metric.denominator)} above 0 for at least one ${armName} unit`,
    );
  }
  return kindOf(metric).arm(units.map(({ sums }) => sums));
}

export function analyzeMetric(input: MetricInput): MetricAnalysis {
  const { metric, index, pilot, units, nouns, warn } = input;
  const { confidence } = pilot;
  const pilotUnits = unitsWithValues(units, index, 'pilot');
  const controlUnits = unitsWithValues(units, index, 'control');
  const rows = (list: ArmUnits[]) => list.reduce((total, { sums }) => total + sums.rows, 0);
  const pilotArm = armEstimate(metric, pilotUnits, 'pilot');
  const controlArm = armEstimate(metric, controlUnits, 'control');
  // A unit in the pilot period whose cells of this metric are all empty is not in its arm for this
  // metric: the arms' unit counts then differ from the pilot's, so say why.
  const inPeriod = units.filter((unit) => unit.pilotRows > 0).length;
  const withoutValues = inPeriod - pilotUnits.length - controlUnits.length;
  if (withoutValues > 0) {
    warn(
      `${metric.label}: ${count(withoutValues, 'unit')} with no value in the pilot period ${withoutValues === 1 ? 'is' : 'are'} left out of this metric`,
      metric.column ?? metric.numerator ?? metric.from,
    );
  }

  // Every unit has exactly one row: the rows are independent trials (statistics.md section 4).
  // A funnel's own value is its last stage's share of leads: a proportion (src/core/funnel-analysis.ts).
  const independent = (metric.type === 'proportion' || metric.type === 'funnel') && [...pilotUnits, ...controlUnits].every(({ sums }) => sums.rows === 1);
  const large = independent ? independentRows(pilotUnits, controlUnits, [pilotArm, controlArm], confidence) : perUnit(pilotArm, controlArm, confidence);
  warnOfConstantArm(metric, pilotArm, controlArm, nouns, warn);
  const baseline = !independent && kindOf(metric).adjustable ? adjustForBaseline(metric, index, pilot, units, warn) : null;

  const headline = independent
    ? newcombeHeadline(pilotUnits, controlUnits, large)
    : randomizationHeadline({ metric, slug: input.slug, confidence, pilotUnits, controlUnits, pilotArm, controlArm, large, baseline, assignment: input.assignment ?? null });
  const verdict = verdictOfHeadline(headline.result, metric);
  const mde = verdict === 'too-few' ? null : detectable(headline.power, controlArm, confidence);
  const rollout =
    // No projection from a result that is no result: too few units, or a comparison the baseline check disowns.
    kindOf(metric).rollout && pilot.rollout !== undefined && verdict !== 'too-few' && headline.result.reason === null
      ? { units: pilot.rollout.units, label: pilot.rollout.label, ...projectRollout(headline.result.absolute, pilot.rollout.units) }
      : null;

  const result: MetricResult = {
    id: metric.id,
    label: metric.label,
    type: metric.type,
    primary: input.primary,
    role: input.primary ? 'primary' : metric.role === 'guardrail' ? 'guardrail' : 'secondary',
    better: metric.better,
    format: metric.format,
    currency: metric.currency,
    method: independent ? 'newcombe' : kindOf(metric).method,
    pilot: { units: pilotUnits.length, rows: rows(pilotUnits), value: pilotArm.estimate },
    control: { units: controlUnits.length, rows: rows(controlUnits), value: controlArm.estimate },
    absolute: large.absolute,
    relative: large.relative,
    adjusted: baseline?.adjusted ?? null,
    headline: headline.result,
    verdict,
    guardrail: metric.role === 'guardrail' && metric.margin !== undefined ? guardrailOf({ better: metric.better, margin: metric.margin }, headline.result, verdict) : null,
    // Written from the figures by the presentation policy, below.
    sentence: '',
    range: '',
    mde,
    spread: { pilot: spreadOf(pilotArm), control: spreadOf(controlArm), adjusted: baseline?.residualSpread ?? null },
    rollout,
    ...(metric.within === undefined ? {} : { within: metric.within }),
  };
  result.sentence = headlineSentence(result, { units: nouns.many, confidence });
  result.range = rangeSentence(result);
  return { result, randomization: headline.distribution };
}

interface LargeSample {
  absolute: AbsoluteResult;
  relative: RelativeResult;
  /** The difference's standard error and degrees of freedom. */
  se: number;
  df: number;
}

/** Sections 1 to 3: Welch's difference (delta-method arms for ratios) and Fieller's lift. */
function perUnit(pilotArm: ArmEstimate, controlArm: ArmEstimate, confidence: number): LargeSample {
  const difference = welchDifference(pilotArm, controlArm, confidence);
  const lift = fiellerLift(pilotArm, controlArm, confidence);
  return {
    absolute: { estimate: difference.estimate, low: difference.low, high: difference.high, p: difference.p, df: difference.df },
    relative: { estimate: lift.estimate, low: lift.low, high: lift.high },
    se: difference.se,
    df: difference.df,
  };
}

function countsOf(units: readonly ArmUnits[]) {
  return { successes: units.reduce((total, { sums }) => total + sums.numerator, 0), trials: units.length };
}

/** Section 4: Newcombe's difference with the pooled z test beside it, and Katz's lift. */
function independentRows(pilotUnits: readonly ArmUnits[], controlUnits: readonly ArmUnits[], arms: [ArmEstimate, ArmEstimate], confidence: number): LargeSample {
  const [pilotCount, controlCount] = [countsOf(pilotUnits), countsOf(controlUnits)];
  const successes = pilotCount.successes + controlCount.successes;
  // statistics.md section 12: with every row a success in both groups, or every row a failure, there is nothing to compare.
  if (successes === 0 || successes === pilotCount.trials + controlCount.trials) {
    throw new StatsRefusal(
      'no-variance',
      `every row in both groups is ${successes === 0 ? 'a no' : 'a yes'}, so there is no variation to compare; a longer pilot, or an outcome that is not always the same, is needed`,
    );
  }
  const difference = newcombeDifference(pilotCount, controlCount, confidence);
  const lift = katzLift(pilotCount, controlCount, confidence);
  return {
    // The pooled z test (R's prop.test) stays as the large-sample p; the headline's p is Newcombe's own.
    absolute: { estimate: difference.estimate, low: difference.low, high: difference.high, p: pooledZTest(pilotCount, controlCount).p, df: null },
    relative: { estimate: lift.estimate, low: lift.low, high: lift.high },
    // Each arm as section 1 reduces it (the delta method with N_i = 1): what section 7's power reads.
    se: Math.sqrt(arms[0].variance + arms[1].variance),
    df: Infinity,
  };
}

/** The headline, and what section 7's power is computed for. */
interface HeadlineDraft {
  result: HeadlineResult;
  distribution: NullDistribution | null;
  power: { se: number; df: number };
}

function newcombeHeadline(pilotUnits: readonly ArmUnits[], controlUnits: readonly ArmUnits[], large: LargeSample): HeadlineDraft {
  const p = newcombeP(countsOf(pilotUnits), countsOf(controlUnits));
  const { low, high } = large.absolute;
  const relative = large.relative;
  // The Katz lift is drawn on the overview's percent axis: never a range that disagrees with the headline about zero.
  const agrees = relative.low === null || relative.high === null || (relative.low > 0) === (low > 0) && (relative.high < 0) === (high < 0);
  return {
    result: {
      basis: 'unadjusted',
      method: 'newcombe',
      absolute: { estimate: large.absolute.estimate, low, high, p },
      relative: agrees ? relative : { estimate: relative.estimate, low: null, high: null },
      randomization: null,
      reason: null,
    },
    distribution: null,
    power: { se: large.se, df: large.df },
  };
}

interface RandomizationInput {
  metric: Metric;
  slug: string;
  confidence: number;
  pilotUnits: readonly ArmUnits[];
  controlUnits: readonly ArmUnits[];
  pilotArm: ArmEstimate;
  controlArm: ArmEstimate;
  large: LargeSample;
  baseline: Baseline | null;
  assignment: Assignment | null;
}

/**
 * Section 10's design: with an assignment file, each unit's block (a pair is
 * a block of two, within its block); without one, one block, assumed.
 */
export function blocksOf(names: readonly string[], assignment: Assignment | null): { blocks: Int32Array | null; design: RandomizationResult['design'] } {
  if (assignment === null || assignment.design === 'complete') return { blocks: null, design: 'complete' };
  const ids = new Map<string, number>();
  const blocks = Int32Array.from(names, (name) => {
    const record = assignment.units.get(name);
    // Every unit analysed was checked against the file (src/core/design/check.ts): a missing one cannot happen.
    const key = record === undefined ? '' : `${record.block}\u0000${record.pair ?? ''}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  });
  return { blocks, design: assignment.design };
}

/**
 * Section 10 on the adjusted analysis when there is one and it is not
 * extrapolating (section 12), else on the plain comparison of the arms.
 */
function randomizationHeadline(input: RandomizationInput): HeadlineDraft {
  const { metric, baseline, confidence } = input;
  const extrapolating = baseline?.adjusted.balance.extrapolating === true;
  const adjusted = baseline !== null && !extrapolating ? baseline : null;
  let statistic: Studentized;
  let outcomes: Float64Array;
  let absoluteDirection: Float64Array;
  let observed: Uint8Array;
  let estimate: number;
  let se: number;
  let df: number;
  let lift: { estimate: number; scale: number } | null;
  let names: string[];
  if (adjusted !== null) {
    const { fit, units } = adjusted;
    names = units.map((unit) => unit.name);
    observed = Uint8Array.from(units, (unit) => (unit.pilot ? 1 : 0));
    outcomes = Float64Array.from(units, (unit) => unit.outcome);
    absoluteDirection = Float64Array.from(observed);
    const baselines = Float64Array.from(units, (unit) => unit.baseline);
    statistic = metric.type === 'mean' ? ancovaStatistic(baselines) : weightedAncovaStatistic(Float64Array.from(units, (unit) => unit.weight), baselines);
    ({ estimate, se, df } = fit);
    // The adjusted control level at the average baseline, and the pilot's above it: both must be positive for a lift.
    const level = fit.intercept + fit.slope * fit.meanBaseline;
    lift = level > 0 && level + estimate > 0 ? { estimate: estimate / level, scale: level } : null;
  } else {
    const units = [...input.pilotUnits, ...input.controlUnits];
    names = units.map(({ unit }) => unit.name);
    observed = Uint8Array.from(units, ({ unit }) => (unit.arm === 'pilot' ? 1 : 0));
    outcomes = Float64Array.from(units, ({ sums }) => sums.numerator);
    if (metric.type === 'mean') {
      statistic = welchStatistic(units.length);
      absoluteDirection = Float64Array.from(observed);
    } else {
      const denominators = Float64Array.from(units, ({ sums }) => sums.denominator);
      statistic = deltaStatistic(denominators);
      absoluteDirection = denominators.map((n, i) => n * (observed[i] as number));
    }
    ({ se, df } = input.large);
    estimate = input.large.absolute.estimate;
    const [pilotLevel, controlLevel] = [input.pilotArm.estimate, input.controlArm.estimate];
    lift = pilotLevel > 0 && controlLevel > 0 ? { estimate: pilotLevel / controlLevel - 1, scale: controlLevel } : null;
  }
  const { blocks, design } = blocksOf(names, input.assignment);
  const inference = randomizationInference({
    statistic,
    outcomes,
    absoluteDirection,
    observed,
    blocks,
    confidence,
    seed: `${input.slug}/${metric.id}`,
    estimate,
    se,
    relativeEstimate: lift?.estimate ?? null,
    relativeScale: lift?.scale ?? null,
  });
  const alpha = 1 - confidence;
  const tooFew = inference.minimumP > alpha;
  const relative = inference.relative;
  // A lift outside its own interval (possible for an adjusted fit far from the data) is not told in percent.
  const relativeHolds =
    relative !== null && (relative.low === null || relative.low <= relative.estimate) && (relative.high === null || relative.estimate <= relative.high);
  const pilotCount = observed.reduce((total, z) => total + z, 0);
  // Section 12: with the adjustment extrapolating, the plain comparison carries the head start and
  // no test can stand as the headline. Its interval would miss the truth far more often than the
  // confidence level promises (docs/coverage.md), so none is shown: only the design's facts are kept.
  const standing = !extrapolating;
  return {
    result: {
      basis: adjusted !== null ? 'adjusted' : 'unadjusted',
      method: 'randomization',
      absolute: standing
        ? { estimate, low: inference.absolute.low, high: inference.absolute.high, p: inference.p }
        : { estimate, low: null, high: null, p: null },
      relative: standing && relative !== null && relativeHolds
        ? { estimate: relative.estimate, low: relative.low, high: relative.high }
        : { estimate: lift?.estimate ?? null, low: null, high: null },
      randomization: {
        design,
        assumed: input.assignment === null,
        assignments: inference.assignments,
        exact: inference.exact,
        draws: inference.draws,
        minimumP: inference.minimumP,
        // With a recorded design, "units per arm" is a complete randomization's count: a plan's next pilot.
        unitsNeeded: tooFew ? unitsForAttainableP(alpha, Math.max(pilotCount, observed.length - pilotCount)) : null,
      },
      reason: extrapolating ? extrapolationReason(baseline as Baseline) : null,
    },
    distribution: standing ? inference.distribution : null,
    power: { se, df },
  };
}

/** statistics.md section 12, in words: why an adjusted result is not the headline. */
function extrapolationReason(baseline: Baseline): string {
  const { balance } = baseline.adjusted;
  const apart = balance.overlap
    ? `were ${Math.abs(balance.standardizedDifference ?? 0).toFixed(1)} standard deviations apart`
    : 'did not overlap at all';
  return (
    `Before the pilot the two groups' baselines ${apart}, so adjusting for them would compare units unlike any in the other group: the adjustment would be extrapolating. ` +
    `The plain comparison cannot separate the pilot's effect from that head start either, so no interval is given and the verdict is inconclusive.`
  );
}

function verdictOfHeadline(headline: HeadlineResult, metric: Metric): Verdict {
  if (headline.randomization !== null && headline.randomization.unitsNeeded !== null) return 'too-few';
  if (headline.reason !== null) return 'inconclusive';
  const { low, high } = headline.absolute;
  return verdictOf({ low: low ?? -Infinity, high: high ?? Infinity }, metric.better);
}

/** Section 7: the smallest true effect the headline's comparison detects 8 times out of 10; 0 when nothing varies. */
function detectable(power: { se: number; df: number }, controlArm: ArmEstimate, confidence: number): NonNullable<MetricResult['mde']> {
  const df = Number.isFinite(power.df) ? power.df : null;
  if (!(power.se > 0)) return { absolute: 0, relative: null, se: 0, df };
  const absolute = detectableEffect({ se: power.se, df: power.df, confidence });
  const relative = controlArm.estimate === 0 ? null : absolute / Math.abs(controlArm.estimate);
  return { absolute, relative: relative !== null && Number.isFinite(relative) ? relative : null, se: power.se, df };
}

/** Section 12: an arm whose units all have the same value lends the interval no spread of its own. */
function warnOfConstantArm(
  metric: Metric,
  pilotArm: ArmEstimate,
  controlArm: ArmEstimate,
  nouns: { one: string; many: string },
  warn: (text: string, column?: string) => void,
): void {
  for (const [arm, estimate, other] of [['pilot', pilotArm, 'control'], ['control', controlArm, 'pilot']] as const) {
    if (estimate.variance === 0) {
      warn(
        `${metric.label}: every ${arm} ${nouns.one} has the same value (${formatValue(estimate.estimate, metric)}), so the interval rests on the ${other} group's spread alone`,
        metric.column ?? metric.numerator ?? metric.from,
      );
    }
  }
}

function spreadOf(arm: ArmEstimate): number {
  return Math.sqrt(arm.units * arm.variance);
}
