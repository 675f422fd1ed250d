/**
 * The baseline-adjusted effect of the pilot (ANCOVA; statistics.md,
 * section 5): ordinary least squares of
 *
 *   y = b0 + b1 * pilot + b2 * x
 *
 * over units with both a pre-period baseline x and an outcome y, exactly
 * R's `lm(y ~ pilot + x)`. b1 is the adjusted difference, with its OLS
 * standard error, df = n - 3, interval b1 -/+ t(1 - alpha/2, n - 3) se and
 * two-sided p. Computed from within-arm sums of squares (Snedecor and
 * Cochran, Statistical Methods, 8th ed., section 18.3), which is the same fit:
 *
 *   b2 = S_xy / S_xx (pooled within arms),  b1 = (ybar_p - ybar_c) - b2 (xbar_p - xbar_c),
 *   b0 = ybar_c - b2 xbar_c,  s^2 = RSS / (n - 3),
 *   se(b1) = s sqrt(1/n_p + 1/n_c + (xbar_p - xbar_c)^2 / S_xx).
 *
 * Adjusted relative lift: b1 / (b0 + b2 mean(x)), the pilot's gain over the
 * control level at the average baseline, with the absolute bounds divided by
 * the same denominator; all null when that denominator is zero or negative.
 *
 * Refused (StatsRefusal 'no-variance') when the baseline does not vary
 * within the arms (the adjustment is impossible) or the fit is perfect (no
 * residual variance, se = 0); 'too-few-units' when an arm has fewer than 2 units.
 *
 * Example (R `MASS::anorexia`, family therapy FT (n = 17) as pilot, control
 * Cont (n = 26), y = Postwt, x = Prewt):
 * `lm(Postwt ~ Treat + Prewt, data = subset(anorexia, Treat != "CBT"))`
 * gives the treatment effect 9.034 with interval 4.928 to 13.139.
 */
import { checkConfidence, checkFinite, checkUnits } from './checks.ts';
import { UNDEFINED_LIFT, type Lift } from './fieller.ts';
import { StatsRefusal } from './refusal.ts';
import { ESSENTIALLY_CONSTANT, tInterval, type Difference } from './welch.ts';

export interface AncovaUnit {
  /** y: the metric over the pilot period. */
  outcome: number;
  /** x: the same metric over the unit's pre-period. */
  baseline: number;
  pilot: boolean;
}

export interface Ancova extends Difference {
  /** b0: the control arm's fitted outcome at baseline 0. */
  intercept: number;
  /** b2: change in outcome per unit of baseline. */
  slope: number;
  /** mean(x) over all units in the fit. */
  meanBaseline: number;
  /** b1 / (b0 + b2 mean(x)) with the bounds of b1 over the same denominator. */
  lift: Lift;
  /**
   * The residual spread per unit, what planning a follow-up reads
   * (statistics.md section 7): s = sqrt(RSS / (n - 3)), R's
   * `summary(fit)$sigma`.
   */
  residualSd: number;
}

const ALIASED = 1e-7;

interface ArmSums {
  units: number;
  meanOutcome: number;
  meanBaseline: number;
}

function armSums(units: readonly AncovaUnit[]): ArmSums {
  let outcome = 0;
  let baseline = 0;
  for (const unit of units) {
    outcome += unit.outcome;
    baseline += unit.baseline;
  }
  return { units: units.length, meanOutcome: outcome / units.length, meanBaseline: baseline / units.length };
}

export function ancova(units: readonly AncovaUnit[], confidence: number): Ancova {
  checkConfidence(confidence);
  units.forEach((unit, index) => {
    checkFinite(unit.outcome, `Unit ${index + 1}'s outcome`);
    checkFinite(unit.baseline, `Unit ${index + 1}'s baseline`);
  });
  const pilotUnits = units.filter((unit) => unit.pilot);
  const controlUnits = units.filter((unit) => !unit.pilot);
  checkUnits(pilotUnits.length, 'The pilot arm');
  checkUnits(controlUnits.length, 'The control arm');
  const pilot = armSums(pilotUnits);
  const control = armSums(controlUnits);

  // Pooled within-arm sums of squares and cross-products.
  let sxx = 0;
  let sxy = 0;
  let baselineSquares = 0;
  for (const unit of units) {
    const arm = unit.pilot ? pilot : control;
    const dx = unit.baseline - arm.meanBaseline;
    sxx += dx * dx;
    sxy += dx * (unit.outcome - arm.meanOutcome);
    baselineSquares += unit.baseline * unit.baseline;
  }
  // lm's rule (qr tolerance 1e-7): the baseline column is aliased with the
  // intercept and arm columns when less than 1e-7 of its norm is left.
  if (!(sxx > ALIASED * ALIASED * baselineSquares)) {
    throw new StatsRefusal(
      'no-variance',
      'Within each arm every unit had the same baseline before the pilot, so there is nothing to adjust for.',
    );
  }
  const slope = sxy / sxx;
  const baselineGap = pilot.meanBaseline - control.meanBaseline;
  const estimate = pilot.meanOutcome - control.meanOutcome - slope * baselineGap;
  const intercept = control.meanOutcome - slope * control.meanBaseline;

  let residualSquares = 0;
  for (const unit of units) {
    const arm = unit.pilot ? pilot : control;
    const residual = unit.outcome - arm.meanOutcome - slope * (unit.baseline - arm.meanBaseline);
    residualSquares += residual * residual;
  }
  const df = units.length - 3;
  const se = Math.sqrt(
    (residualSquares / df) * (1 / pilot.units + 1 / control.units + (baselineGap * baselineGap) / sxx),
  );
  // t.test's rule for "data are essentially constant".
  if (!(se > ESSENTIALLY_CONSTANT * Math.max(Math.abs(pilot.meanOutcome), Math.abs(control.meanOutcome)))) {
    throw new StatsRefusal(
      'no-variance',
      'The baseline predicts every unit\'s result exactly in both arms, so there is no variation left to judge the difference against.',
    );
  }
  if (!Number.isFinite(se) || !Number.isFinite(estimate)) {
    throw new RangeError('The adjusted difference is too large to represent.');
  }
  const difference = tInterval(estimate, se, df, confidence);

  const meanBaseline = (pilot.meanBaseline * pilot.units + control.meanBaseline * control.units) / units.length;
  // b0 + b2 mean(x), written around the control arm's own means.
  const denominator = control.meanOutcome + slope * (meanBaseline - control.meanBaseline);
  const lift: Lift =
    denominator > 0 && Number.isFinite(difference.high / denominator) && Number.isFinite(difference.low / denominator)
      ? {
          estimate: estimate / denominator,
          low: difference.low / denominator,
          high: difference.high / denominator,
          unbounded: false,
        }
      : { ...UNDEFINED_LIFT };
  return { ...difference, intercept, slope, meanBaseline, lift, residualSd: Math.sqrt(residualSquares / df) };
}
