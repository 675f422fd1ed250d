/**
 * The baseline-adjusted effect of the pilot on a ratio or clustered
 * proportion (statistics.md, section 11): weighted least squares of each
 * unit's pilot-period ratio r_i = Y_i / N_i on the pilot indicator and its
 * pre-period ratio x_i, with weights w_i = N_i,
 *
 *   r = b0 + b1 * pilot + b2 * x,
 *
 * and HC2 standard errors with the weights read as inverse-variance weights
 * (Bell and McCaffrey 2002; Pustejovsky and Tipton 2018):
 *
 *   B = (X'WX)^-1,  h_i = w_i x_i' B x_i,  e = r - X b,
 *   V = B (sum_i w_i^2 e_i^2 / (1 - h_i) x_i x_i') B,  se = sqrt(V[2, 2]).
 *
 * Exactly R's
 *   fit <- lm(r ~ pilot + x, weights = N)
 *   V <- clubSandwich::vcovCR(fit, cluster = seq_len(n), type = "CR2", inverse_var = TRUE)
 *   clubSandwich::coef_test(fit, vcov = V, test = "Satterthwaite")
 * with the interval of `clubSandwich::conf_int` (b1 -/+ t(1 - alpha/2, df) se).
 *
 * Computed like ./ancova.ts, from within-arm sums, now weighted (x centred at
 * its weighted mean first): with W_a, xbar_a and rbar_a the arm's weight and
 * weighted means, d_i = x_i - xbar_a, S = sum w d^2, Delta = xbar_p - xbar_c,
 *
 *   b2 = sum w d r / S,  b1 = rbar_p - rbar_c - b2 Delta,  b0 = rbar_c - b2 xbar_c,
 *   h_i = w_i / W_a + w_i d_i^2 / S,
 *   (B x_i)[2] = s_i / W_a - Delta d_i / S   (s_i = +1 pilot, -1 control),
 *   V[2, 2] = sum_i w_i^2 (B x_i)[2]^2 e_i^2 / (1 - h_i).
 *
 * Degrees of freedom (Satterthwaite for the Bell-McCaffrey statistic, as
 * clubSandwich's `get_P_array` and `Satterthwaite` compute them for CR2 with
 * inverse_var = TRUE and clusters of one unit): with
 * g_i = (B x_i)[2] sqrt(w_i / (1 - h_i)) and K the weighted hat matrix
 * (K_ii = h_i), P = diag(g) (I - K) diag(g) and df = (tr P)^2 / sum_ij P_ij^2,
 *
 *   tr P = sum_i w_i (B x_i)[2]^2,
 *   sum_ij P_ij^2 = sum_i g_i^4 (1 - 2 h_i) + sum_a U_a^2 / W_a^2
 *                   + 2 sum_a UD_a^2 / (W_a S) + UDD^2 / S^2,
 *
 * u_i = w_i g_i^2, U_a = sum over arm a of u_i, UD_a of u_i d_i, UDD = sum u_i d_i^2
 * (the double sum over K_ij^2 folded into arm sums, so O(n); the first sum
 * cancels part of the others for a unit of high leverage, costing about
 * 2 log10(h / (1 - h)) digits: 2 at h = 0.9). P is positive semi-definite,
 * so df >= 1 up to rounding; 2 vs 2 units (one residual degree of freedom)
 * give df = 1.
 *
 * Adjusted relative lift: b1 / (b0 + b2 xbar), xbar the weighted mean of the
 * baselines, with the absolute bounds divided by the same denominator; all
 * null when it is zero or negative.
 *
 * Units with weight 0 (no denominator in the pilot period, so no ratio) are
 * left out, as `lm` and clubSandwich leave out zero weights; the caller is
 * expected to have left them out and counted them already. Refused:
 * 'too-few-units' when an arm has fewer than 2 units with a positive weight;
 * 'no-variance' when the baseline does not vary within the arms (lm's alias
 * rule, as ./ancova.ts), when the fit is perfect (se = 0), or when a unit has
 * leverage one. Leverage one happens when one unit's baseline alone sets the
 * slope (every other baseline in both arms equal within its arm), or an arm
 * of two units is the only one whose baselines vary: the fit passes through
 * that unit, its residual is 0 and its noise cannot be measured.
 * clubSandwich then sets that unit's CR2 adjustment (1 - h_i)^(-1/2) to 0
 * (`matrix_power` zeroes eigenvalues at or below 1e-12, here
 * (1 - h_i) / (w_i / mean(w))^2), which drops the unit from V and the df and
 * understates se whenever the unit moves b1 (for an arm of two, se then
 * rests on the other arm alone). Refused at
 * 1 - h_i <= max(1e-8, 1e-12 (w_i / mean(w))^2): clubSandwich's rule, and
 * the rounding of an exact leverage one whatever the weights.
 *
 * Example (the 8 vs 8 follow-up rates of test/core/stats/reference/weighted-ancova.R,
 * data set B): b1 = 0.100234852134171, se = 0.0130951251256361,
 * df = 10.1008727277246, 95% interval 0.0710965436414606 to 0.12937316062688.
 */
import type { Ancova } from './ancova.ts';
import { checkConfidence, checkFinite, checkUnits } from './checks.ts';
import { UNDEFINED_LIFT, type Lift } from './fieller.ts';
import { StatsRefusal } from './refusal.ts';
import { COEFFICIENTS, type Studentized, type TwoDirections } from './studentized.ts';
import { ESSENTIALLY_CONSTANT, tInterval } from './welch.ts';

export interface WeightedAncovaUnit {
  /** r = Y / N over the pilot period; ignored when the weight is 0. */
  ratio: number;
  /** N: the ratio's denominator over the pilot period. */
  weight: number;
  /** x = Y / N over the unit's pre-period. */
  baseline: number;
  pilot: boolean;
}

/**
 * The same shape as ancova()'s result, so a caller can use either; here
 * `meanBaseline` is the N-weighted mean of the baselines, and `residualSd`
 * the spread per unit that gives this precision in arms of these sizes,
 * se / sqrt(1/n_p + 1/n_c) (weights and HC2 leave no single residual sigma),
 * which is what planning scales by the number of units.
 */
export type WeightedAncova = Ancova;

/** lm's QR tolerance: the baseline is aliased when less than 1e-7 of its (weighted) norm is left. */
const ALIASED = 1e-7;
/** 1 - h_i at or below this is leverage one (see the comment at the top). */
const LEVERAGE_ONE = 1e-8;
/** clubSandwich's `matrix_power` tolerance, 10^-12. */
const MATRIX_POWER_TOLERANCE = 1e-12;
/** The share of a total weighted sum of squares that must survive the arms' shares for `twoDirections` to keep its answer. */
const CANCELLATION = 1 / 64;
/** `twoDirections` leaves an assignment within this factor of the alias or the leverage-one limit to `coefficients`. */
const NEAR_LIMIT = 2;

const ALIASED_MESSAGE =
  'Within each arm every unit had the same baseline before the pilot, so there is nothing to adjust for.';
const LEVERAGE_ONE_MESSAGE =
  'The baselines vary too little to adjust for: one unit\'s baseline alone sets the adjustment, so the fitted line passes exactly through it and nothing is left to measure its noise.';
const PERFECT_FIT_MESSAGE =
  'The baseline predicts every unit\'s result exactly in both arms, so there is no variation left to judge the difference against.';

/** The outcome-free part of the fit for one assignment, refilled in place. */
interface Design {
  pilotWeight: number;
  controlWeight: number;
  /** Weighted arm means of the centred baselines. */
  pilotBaseline: number;
  controlBaseline: number;
  /** 1 / S, or 0 when the baseline is aliased with the arms (lm's rule): no adjusted fit. */
  inverseSquares: number;
}

/** The outcome part: arm means, b2 and b1 for one outcome vector. */
interface Fit {
  pilotMean: number;
  controlMean: number;
  slope: number;
  estimate: number;
}

const emptyDesign = (): Design => ({
  pilotWeight: 0,
  controlWeight: 0,
  pilotBaseline: 0,
  controlBaseline: 0,
  inverseSquares: 0,
});
const emptyFit = (): Fit => ({ pilotMean: 0, controlMean: 0, slope: 0, estimate: 0 });

/**
 * Fills the design of assignment `pilot`. `aliasLimit` is 1e-14 times the
 * sum of w x^2 over the raw (uncentred) baselines, lm's rule.
 */
function describeDesign(
  pilot: Uint8Array,
  weights: Float64Array,
  centred: Float64Array,
  aliasLimit: number,
  design: Design,
): void {
  let pilotWeight = 0;
  let controlWeight = 0;
  let pilotBaseline = 0;
  let controlBaseline = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const w = weights[i] as number;
    if (pilot[i] === 1) {
      pilotWeight += w;
      pilotBaseline += w * (centred[i] as number);
    } else {
      controlWeight += w;
      controlBaseline += w * (centred[i] as number);
    }
  }
  pilotBaseline /= pilotWeight;
  controlBaseline /= controlWeight;
  let squares = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const d = (centred[i] as number) - (pilot[i] === 1 ? pilotBaseline : controlBaseline);
    squares += (weights[i] as number) * d * d;
  }
  design.pilotWeight = pilotWeight;
  design.controlWeight = controlWeight;
  design.pilotBaseline = pilotBaseline;
  design.controlBaseline = controlBaseline;
  design.inverseSquares = squares > aliasLimit ? 1 / squares : 0;
}

/** Fills the fit of `outcomes` under the design of assignment `pilot`. */
function fitOutcomes(
  pilot: Uint8Array,
  weights: Float64Array,
  centred: Float64Array,
  outcomes: Float64Array,
  design: Design,
  fit: Fit,
): void {
  let pilotMean = 0;
  let controlMean = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const wy = (weights[i] as number) * (outcomes[i] as number);
    if (pilot[i] === 1) pilotMean += wy;
    else controlMean += wy;
  }
  pilotMean /= design.pilotWeight;
  controlMean /= design.controlWeight;
  // sum w d (y - ybar_a): the same as sum w d y, without the cancellation of a large common level.
  let crossProducts = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const inPilot = pilot[i] === 1;
    const d = (centred[i] as number) - (inPilot ? design.pilotBaseline : design.controlBaseline);
    crossProducts += (weights[i] as number) * d * ((outcomes[i] as number) - (inPilot ? pilotMean : controlMean));
  }
  const slope = crossProducts * design.inverseSquares;
  fit.pilotMean = pilotMean;
  fit.controlMean = controlMean;
  fit.slope = slope;
  fit.estimate = pilotMean - controlMean - slope * (design.pilotBaseline - design.controlBaseline);
}

/** d_i: unit i's centred baseline minus its arm's weighted mean. */
function spread(i: number, pilot: Uint8Array, centred: Float64Array, design: Design): number {
  return (centred[i] as number) - (pilot[i] === 1 ? design.pilotBaseline : design.controlBaseline);
}

/** 1 - h_i, with the arm's other weight formed first so that a dominant unit keeps its digits. */
function leverageGap(i: number, pilot: Uint8Array, weights: Float64Array, d: number, design: Design): number {
  const w = weights[i] as number;
  const armWeight = pilot[i] === 1 ? design.pilotWeight : design.controlWeight;
  return (armWeight - w) / armWeight - w * d * d * design.inverseSquares;
}

/** (B x_i)[2]: the weight of unit i's outcome in b1, per unit of its own weight. */
function influence(i: number, pilot: Uint8Array, d: number, design: Design): number {
  const gap = design.pilotBaseline - design.controlBaseline;
  const arm = pilot[i] === 1 ? 1 / design.pilotWeight : -1 / design.controlWeight;
  return arm - gap * d * design.inverseSquares;
}

/** The limit on 1 - h_i for a unit of weight w: at or below it, leverage one (see the comment at the top). */
function leverageLimit(weight: number, meanWeight: number): number {
  const relative = weight / meanWeight;
  return Math.max(LEVERAGE_ONE, MATRIX_POWER_TOLERANCE * relative * relative);
}

function leverageOne(gap: number, weight: number, meanWeight: number): boolean {
  return !(gap > leverageLimit(weight, meanWeight));
}

function weightedMean(weights: Float64Array, values: Float64Array): number {
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < weights.length; i += 1) {
    total += weights[i] as number;
    weighted += (weights[i] as number) * (values[i] as number);
  }
  return weighted / total;
}

/** S_uv = C_uv - P_u vbar_p - (T_u - P_u) vbar_c: the pooled within-arm weighted sum of products. */
function within(total: number, pilotU: number, pilotMeanV: number, totalU: number, controlMeanV: number): number {
  return total - pilotU * pilotMeanV - (totalU - pilotU) * controlMeanV;
}

/** u - ubar - beta x: u's residuals from the weighted least-squares line on the centred baselines x over all units. */
function weightedResiduals(weights: Float64Array, centred: Float64Array, values: Float64Array): Float64Array {
  const level = weightedMean(weights, values);
  let cross = 0;
  let squares = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const wx = (weights[i] as number) * (centred[i] as number);
    cross += wx * ((values[i] as number) - level);
    squares += wx * (centred[i] as number);
  }
  // A constant baseline: every assignment is aliased and goes to the careful passes anyway.
  const slope = squares > 0 ? cross / squares : 0;
  return values.map((value, i) => value - level - slope * (centred[i] as number));
}

function sumOfSquares(weights: Float64Array, values: Float64Array): number {
  let squares = 0;
  for (let i = 0; i < weights.length; i += 1) squares += (weights[i] as number) * (values[i] as number) ** 2;
  return squares;
}

export function weightedAncova(units: readonly WeightedAncovaUnit[], confidence: number): WeightedAncova {
  checkConfidence(confidence);
  units.forEach((unit, index) => {
    checkFinite(unit.weight, `Unit ${index + 1}'s weight`);
    if (unit.weight < 0) throw new RangeError(`Unit ${index + 1}'s weight must not be negative, got ${unit.weight}.`);
    checkFinite(unit.baseline, `Unit ${index + 1}'s baseline`);
    if (unit.weight > 0) checkFinite(unit.ratio, `Unit ${index + 1}'s ratio`);
  });
  // A unit with weight 0 has no ratio and no say in the fit: lm leaves it out.
  const fitted = units.filter((unit) => unit.weight > 0);
  checkUnits(fitted.filter((unit) => unit.pilot).length, 'The pilot arm');
  checkUnits(fitted.filter((unit) => !unit.pilot).length, 'The control arm');

  const n = fitted.length;
  const weights = Float64Array.from(fitted, (unit) => unit.weight);
  const baselines = Float64Array.from(fitted, (unit) => unit.baseline);
  const ratios = Float64Array.from(fitted, (unit) => unit.ratio);
  const pilot = Uint8Array.from(fitted, (unit) => (unit.pilot ? 1 : 0));
  const meanBaseline = weightedMean(weights, baselines);
  const centred = baselines.map((x) => x - meanBaseline);
  const meanWeight = weights.reduce((sum, w) => sum + w, 0) / n;

  const design = emptyDesign();
  describeDesign(pilot, weights, centred, ALIASED * ALIASED * sumOfSquares(weights, baselines), design);
  if (design.inverseSquares === 0) throw new StatsRefusal('no-variance', ALIASED_MESSAGE);
  const fit = emptyFit();
  fitOutcomes(pilot, weights, centred, ratios, design, fit);

  // V[2, 2] and the arm sums of the df, in one pass.
  let variance = 0;
  let trace = 0;
  let diagonal = 0;
  let pilotU = 0;
  let controlU = 0;
  let pilotUD = 0;
  let controlUD = 0;
  let udd = 0;
  for (let i = 0; i < n; i += 1) {
    const w = weights[i] as number;
    const d = spread(i, pilot, centred, design);
    const gap = leverageGap(i, pilot, weights, d, design);
    if (leverageOne(gap, w, meanWeight)) throw new StatsRefusal('no-variance', LEVERAGE_ONE_MESSAGE);
    const b = influence(i, pilot, d, design);
    const residual = (ratios[i] as number) - (pilot[i] === 1 ? fit.pilotMean : fit.controlMean) - fit.slope * d;
    const c = w * b;
    variance += (c * c * residual * residual) / gap;
    trace += w * b * b;
    const g2 = (w * b * b) / gap;
    diagonal += g2 * g2 * (2 * gap - 1); // g^4 (1 - 2 h)
    const u = w * g2;
    if (pilot[i] === 1) {
      pilotU += u;
      pilotUD += u * d;
    } else {
      controlU += u;
      controlUD += u * d;
    }
    udd += u * d * d;
  }
  const inverseSquares = design.inverseSquares;
  const squaresOfP =
    diagonal +
    (pilotU / design.pilotWeight) ** 2 +
    (controlU / design.controlWeight) ** 2 +
    2 * inverseSquares * ((pilotUD * pilotUD) / design.pilotWeight + (controlUD * controlUD) / design.controlWeight) +
    (udd * inverseSquares) ** 2;
  const df = (trace * trace) / squaresOfP;

  const se = Math.sqrt(variance);
  // t.test's rule for "data are essentially constant", as ./ancova.ts.
  if (!(se > ESSENTIALLY_CONSTANT * Math.max(Math.abs(fit.pilotMean), Math.abs(fit.controlMean)))) {
    throw new StatsRefusal('no-variance', PERFECT_FIT_MESSAGE);
  }
  if (!Number.isFinite(se) || !Number.isFinite(fit.estimate) || !(df > 0)) {
    throw new RangeError('The adjusted difference is too large to represent.');
  }
  const difference = tInterval(fit.estimate, se, df, confidence);

  // b0 + b2 xbar: the control arm's fitted level at the weighted mean baseline (0 once centred).
  const denominator = fit.controlMean - fit.slope * design.controlBaseline;
  const lift: Lift =
    denominator > 0 && Number.isFinite(difference.high / denominator) && Number.isFinite(difference.low / denominator)
      ? {
          estimate: fit.estimate / denominator,
          low: difference.low / denominator,
          high: difference.high / denominator,
          unbounded: false,
        }
      : { ...UNDEFINED_LIFT };
  const intercept = fit.controlMean - fit.slope * (design.controlBaseline + meanBaseline);
  const [pilotUnits, controlUnits] = [fitted.filter((unit) => unit.pilot).length, fitted.filter((unit) => !unit.pilot).length];
  return { ...difference, intercept, slope: fit.slope, meanBaseline, lift, residualSd: se / Math.sqrt(1 / pilotUnits + 1 / controlUnits) };
}

/**
 * Section 10's statistic for the weighted regression: T = b1 / sqrt(V[2, 2])
 * with y the units' ratios r. For a fixed assignment B, h_i and the
 * weights of b1 do not depend on the outcome and the residuals are linear in
 * it, so b1 is linear and V[2, 2] a quadratic form:
 *
 *   a0 = b1(y), a1 = b1(g),
 *   q_uv = sum_i w_i^2 (B x_i)[2]^2 e_i(u) e_i(v) / (1 - h_i).
 *
 * At the observed assignment a0 and sqrt(q00) are weightedAncova()'s
 * estimate and se. Two kinds of assignment that weightedAncova() would
 * refuse as observed data can turn up among the others:
 * - the baseline no longer varies within the arms (it takes two values, one
 *   per arm): there is no adjusted effect. As ./ancova-statistic.ts, this is
 *   written a0 = 1, a1 = q00 = q01 = q11 = 0, which the engine
 *   (./randomization.ts) reads as |T| = Infinity at every null: it counts as
 *   at least as extreme as the one observed, the conservative choice;
 * - a unit with leverage one: it gets clubSandwich's CR2 adjustment 0 (left
 *   out of q), so T is R's for that assignment; leaving a term out of the
 *   variance can only make |T| larger, again the conservative side.
 *
 * Weights must be positive and finite (leave out units with no pilot-period
 * denominator), and every assignment handed in must keep at least 2 units in
 * each arm. O(n) per assignment; coefficients() allocates nothing.
 *
 * `twoDirections` (y along g1 and g2, both fixed): two passes per assignment
 * instead of seven per direction. As in ./ancova-statistic.ts, y, g1 and g2
 * are replaced once by their residuals from the weighted fit on 1 and x over
 * all units (which changes neither b1 nor any residual), and the arm means
 * and slopes come from one pass of the pilot arm's weighted sums, the control
 * arm's being the totals less those: with C_uv = sum w u v and P_u = sum over
 * the pilot of w u, S_uv = C_uv - P_u ubar_p - (T_u - P_u) ubar_c. The
 * second pass forms each unit's leverage and residuals for q, as
 * `coefficients` does. An assignment is handed to `coefficients` when more
 * than 1 - CANCELLATION of C_xx or of a direction's C_uu cancels, when S is
 * within a factor 2 of the alias limit, or when a unit's 1 - h_i is within a
 * factor 2 of the leverage-one limit, so both rules decide exactly as there.
 */
export function weightedAncovaStatistic(weights: Float64Array, baselines: Float64Array): Studentized {
  const units = weights.length;
  if (baselines.length !== units) {
    throw new RangeError(`Got ${units} weights but ${baselines.length} baselines.`);
  }
  weights.forEach((w, i) => {
    if (!(Number.isFinite(w) && w > 0)) {
      throw new RangeError(`Unit ${i + 1}'s weight must be positive and finite, got ${w}.`);
    }
  });
  baselines.forEach((x, i) => checkFinite(x, `Unit ${i + 1}'s baseline`));
  const meanBaseline = weightedMean(weights, baselines);
  const centred = baselines.map((x) => x - meanBaseline);
  const meanWeight = weights.reduce((sum, w) => sum + w, 0) / units;
  const aliasLimit = ALIASED * ALIASED * sumOfSquares(weights, baselines);
  const design = emptyDesign();
  const fitY = emptyFit();
  const fitG = emptyFit();

  const statistic: Studentized = {
    units,
    coefficients(pilot, y, g, out, at) {
      describeDesign(pilot, weights, centred, aliasLimit, design);
      if (design.inverseSquares === 0) {
        out[at] = 1;
        out.fill(0, at + 1, at + COEFFICIENTS);
        return;
      }
      fitOutcomes(pilot, weights, centred, y, design, fitY);
      fitOutcomes(pilot, weights, centred, g, design, fitG);
      let q00 = 0;
      let q01 = 0;
      let q11 = 0;
      for (let i = 0; i < units; i += 1) {
        const w = weights[i] as number;
        const d = spread(i, pilot, centred, design);
        const gap = leverageGap(i, pilot, weights, d, design);
        if (leverageOne(gap, w, meanWeight)) continue;
        const inPilot = pilot[i] === 1;
        const ey = (y[i] as number) - (inPilot ? fitY.pilotMean : fitY.controlMean) - fitY.slope * d;
        const eg = (g[i] as number) - (inPilot ? fitG.pilotMean : fitG.controlMean) - fitG.slope * d;
        const c = w * influence(i, pilot, d, design);
        const f = (c * c) / gap;
        q00 += f * ey * ey;
        q01 += f * ey * eg;
        q11 += f * eg * eg;
      }
      out[at] = fitY.estimate;
      out[at + 1] = fitG.estimate;
      out[at + 2] = q00;
      out[at + 3] = q01;
      out[at + 4] = q11;
    },

    twoDirections(y, first, second): TwoDirections {
      const residualY = weightedResiduals(weights, centred, y);
      const residual1 = weightedResiduals(weights, centred, first);
      const residual2 = weightedResiduals(weights, centred, second);
      // Unit by unit (w, x, y, g1, g2, the leverage-one limit), so each pass reads one stretch of memory.
      const columns = new Float64Array(6 * units);
      // Weighted totals W, T_u and C_uv over all units (1, 2: the first and second direction).
      let tw = 0;
      let tx = 0;
      let ty = 0;
      let t1 = 0;
      let t2 = 0;
      let xx = 0;
      let xy = 0;
      let x1 = 0;
      let x2 = 0;
      let yy = 0;
      let s11 = 0;
      let s22 = 0;
      for (let i = 0; i < units; i += 1) {
        const w = weights[i] as number;
        const xi = centred[i] as number;
        const yi = residualY[i] as number;
        const gi = residual1[i] as number;
        const hi = residual2[i] as number;
        columns[6 * i] = w;
        columns[6 * i + 1] = xi;
        columns[6 * i + 2] = yi;
        columns[6 * i + 3] = gi;
        columns[6 * i + 4] = hi;
        columns[6 * i + 5] = NEAR_LIMIT * leverageLimit(w, meanWeight);
        tw += w;
        tx += w * xi;
        ty += w * yi;
        t1 += w * gi;
        t2 += w * hi;
        xx += w * xi * xi;
        xy += w * xi * yi;
        x1 += w * xi * gi;
        x2 += w * xi * hi;
        yy += w * yi * yi;
        s11 += w * gi * gi;
        s22 += w * hi * hi;
      }
      // Per arm (index 0 control, 1 pilot), looked up by the assignment rather than branched on:
      // W_a, 1 / W_a, mean x, mean y, mean g1, mean g2, and +1 / W_p or -1 / W_c.
      const arms = new Float64Array(14);
      const careful = (pilot: Uint8Array, out1: Float64Array, out2: Float64Array, at: number): void => {
        statistic.coefficients(pilot, y, first, out1, at);
        statistic.coefficients(pilot, y, second, out2, at);
      };
      return (pilot, out1, out2, at) => {
        let pw = 0;
        let px = 0;
        let py = 0;
        let p1 = 0;
        let p2 = 0;
        for (let i = 0, j = 0; i < units; i += 1, j += 6) {
          const w = (pilot[i] as number) * (columns[j] as number);
          pw += w;
          px += w * (columns[j + 1] as number);
          py += w * (columns[j + 2] as number);
          p1 += w * (columns[j + 3] as number);
          p2 += w * (columns[j + 4] as number);
        }
        const cw = tw - pw;
        const pilotX = px / pw;
        const pilotY = py / pw;
        const pilot1 = p1 / pw;
        const pilot2 = p2 / pw;
        const controlX = (tx - px) / cw;
        const controlY = (ty - py) / cw;
        const control1 = (t1 - p1) / cw;
        const control2 = (t2 - p2) / cw;
        const squares = within(xx, px, pilotX, tx, controlX);
        if (!(squares >= CANCELLATION * xx && squares > NEAR_LIMIT * aliasLimit)) return careful(pilot, out1, out2, at);
        const sxy = within(xy, px, pilotY, tx, controlY);
        const sx1 = within(x1, px, pilot1, tx, control1);
        const sx2 = within(x2, px, pilot2, tx, control2);
        const inverseSquares = 1 / squares;
        const slopeY = sxy * inverseSquares;
        const slope1 = sx1 * inverseSquares;
        const slope2 = sx2 * inverseSquares;
        if (
          !(
            within(yy, py, pilotY, ty, controlY) - slopeY * sxy >= CANCELLATION * yy &&
            within(s11, p1, pilot1, t1, control1) - slope1 * sx1 >= CANCELLATION * s11 &&
            within(s22, p2, pilot2, t2, control2) - slope2 * sx2 >= CANCELLATION * s22
          )
        ) {
          return careful(pilot, out1, out2, at);
        }
        const gap = pilotX - controlX;
        arms[0] = cw;
        arms[1] = 1 / cw;
        arms[2] = controlX;
        arms[3] = controlY;
        arms[4] = control1;
        arms[5] = control2;
        arms[6] = -1 / cw;
        arms[7] = pw;
        arms[8] = 1 / pw;
        arms[9] = pilotX;
        arms[10] = pilotY;
        arms[11] = pilot1;
        arms[12] = pilot2;
        arms[13] = 1 / pw;
        let q00 = 0;
        let q01 = 0;
        let q11 = 0;
        let q02 = 0;
        let q22 = 0;
        for (let i = 0, j = 0; i < units; i += 1, j += 6) {
          const a = 7 * (pilot[i] as number);
          const w = columns[j] as number;
          const d = (columns[j + 1] as number) - (arms[a + 2] as number);
          // 1 - h_i and (B x_i)[2], as leverageGap() and influence() form them, with 1 / W_a looked up rather than divided by.
          const leverageGap = ((arms[a] as number) - w) * (arms[a + 1] as number) - w * d * d * inverseSquares;
          if (!(leverageGap > (columns[j + 5] as number))) return careful(pilot, out1, out2, at);
          const c = w * ((arms[a + 6] as number) - gap * d * inverseSquares);
          const f = (c * c) / leverageGap;
          const ey = (columns[j + 2] as number) - (arms[a + 3] as number) - slopeY * d;
          const e1 = (columns[j + 3] as number) - (arms[a + 4] as number) - slope1 * d;
          const e2 = (columns[j + 4] as number) - (arms[a + 5] as number) - slope2 * d;
          const fy = f * ey;
          q00 += fy * ey;
          q01 += fy * e1;
          q11 += f * e1 * e1;
          q02 += fy * e2;
          q22 += f * e2 * e2;
        }
        const estimateY = pilotY - controlY - slopeY * gap;
        out1[at] = estimateY;
        out1[at + 1] = pilot1 - control1 - slope1 * gap;
        out1[at + 2] = q00;
        out1[at + 3] = q01;
        out1[at + 4] = q11;
        out2[at] = estimateY;
        out2[at + 1] = pilot2 - control2 - slope2 * gap;
        out2[at + 2] = q00;
        out2[at + 3] = q02;
        out2[at + 4] = q22;
      };
    },
  };
  return statistic;
}
