/**
 * The baseline-adjusted (ANCOVA) studentized effect as a randomization
 * statistic (statistics.md, sections 5 and 10; the interface in
 * ./studentized.ts). Each unit has a baseline x_i, fixed and given here
 * once. For an assignment w, the OLS fit y ~ 1 + w + x (design X, hat
 * matrix H) gives
 *
 *   L(y) = b1(y), the coefficient of w,
 *   Q(y, g) = [y' (I - H) g / (n - 3)] [(X'X)^-1]_22,
 *
 * so L(y) / sqrt(Q(y, y)) is the t value of `lm(y ~ w + x)` for w. With the
 * within-arm sums of ./ancova.ts (Snedecor and Cochran, Statistical Methods,
 * 8th ed., section 18.3): b2(y) = S_xy / S_xx pooled within arms,
 * b1(y) = (ybar_p - ybar_c) - b2(y) (xbar_p - xbar_c), the residuals
 * r_i(y) = y_i - ybar_a - b2(y) (x_i - xbar_a), y' (I - H) g = sum r_i(y) r_i(g),
 * and [(X'X)^-1]_22 = 1/n_p + 1/n_c + (xbar_p - xbar_c)^2 / S_xx.
 * At the observed assignment a0 and sqrt(q00) are ancova(...).estimate and .se.
 *
 * Three passes over the units, no allocation: arm means (summed around each
 * arm's first value), pooled within-arm sums, then the residuals themselves
 * (not S_yy - S_xy^2 / S_xx, which cancels when the baseline predicts well).
 *
 * An assignment under which the baseline is aliased with the arms (less than
 * 1e-7 of its norm left within the arms: lm's QR tolerance, the rule of
 * ./ancova.ts) has no adjusted effect; it is written as a0 = 1 and
 * a1 = q00 = q01 = q11 = 0, which the engine (./randomization.ts) reads as
 * |T| = Infinity at every null: it counts as at least as extreme as the one
 * observed, the conservative choice.
 *
 * Example (R `MASS::anorexia`, FT as pilot, Cont as control, y = Postwt,
 * x = Prewt): at the observed assignment a0 = 9.0336 and
 * a0 / sqrt(q00) = 4.4468, the estimate and t value of `lm(Postwt ~ pilot +
 * Prewt, data = subset(anorexia, Treat != "CBT"))`; with g = the pilot
 * indicator, a1 = 1 and q01 = q11 = 0.
 */
import type { Studentized } from './studentized.ts';

/** lm's QR tolerance, as in ./ancova.ts. */
const ALIASED = 1e-7;

export function ancovaStatistic(baselines: Float64Array): Studentized {
  const units = baselines.length;
  let baselineSquares = 0;
  for (const x of baselines) baselineSquares += x * x;
  // Each arm's means, looked up by the assignment (index 0 control, 1 pilot)
  // rather than branched on: the arms interleave at random, which defeats
  // branch prediction. Written afresh by every call, so the statistic holds no state between calls.
  const meanY = new Float64Array(2);
  const meanG = new Float64Array(2);
  const meanX = new Float64Array(2);
  return {
    units,
    coefficients(pilot, y, g, out, at) {
      let firstPilot = 0;
      while (pilot[firstPilot] !== 1) firstPilot += 1;
      let firstControl = 0;
      while (pilot[firstControl] === 1) firstControl += 1;
      const pilotShiftY = y[firstPilot] as number;
      const pilotShiftG = g[firstPilot] as number;
      const pilotShiftX = baselines[firstPilot] as number;
      const controlShiftY = y[firstControl] as number;
      const controlShiftG = g[firstControl] as number;
      const controlShiftX = baselines[firstControl] as number;
      let pilotUnits = 0;
      let pilotY = 0;
      let pilotG = 0;
      let pilotX = 0;
      let controlY = 0;
      let controlG = 0;
      let controlX = 0;
      for (let i = 0; i < units; i += 1) {
        const w = pilot[i] as number;
        const v = 1 - w;
        const yi = y[i] as number;
        const gi = g[i] as number;
        const xi = baselines[i] as number;
        pilotUnits += w;
        pilotY += w * (yi - pilotShiftY);
        pilotG += w * (gi - pilotShiftG);
        pilotX += w * (xi - pilotShiftX);
        controlY += v * (yi - controlShiftY);
        controlG += v * (gi - controlShiftG);
        controlX += v * (xi - controlShiftX);
      }
      const controlUnits = units - pilotUnits;
      meanY[1] = pilotShiftY + pilotY / pilotUnits;
      meanG[1] = pilotShiftG + pilotG / pilotUnits;
      meanX[1] = pilotShiftX + pilotX / pilotUnits;
      meanY[0] = controlShiftY + controlY / controlUnits;
      meanG[0] = controlShiftG + controlG / controlUnits;
      meanX[0] = controlShiftX + controlX / controlUnits;

      let sxx = 0;
      let sxy = 0;
      let sxg = 0;
      for (let i = 0; i < units; i += 1) {
        const arm = pilot[i] as number;
        const dx = (baselines[i] as number) - (meanX[arm] as number);
        sxx += dx * dx;
        sxy += dx * ((y[i] as number) - (meanY[arm] as number));
        sxg += dx * ((g[i] as number) - (meanG[arm] as number));
      }
      if (!(sxx > ALIASED * ALIASED * baselineSquares)) {
        out[at] = 1;
        out[at + 1] = 0;
        out[at + 2] = 0;
        out[at + 3] = 0;
        out[at + 4] = 0;
        return;
      }
      const slopeY = sxy / sxx;
      const slopeG = sxg / sxx;

      let ryy = 0;
      let ryg = 0;
      let rgg = 0;
      for (let i = 0; i < units; i += 1) {
        const arm = pilot[i] as number;
        const dx = (baselines[i] as number) - (meanX[arm] as number);
        const ry = (y[i] as number) - (meanY[arm] as number) - slopeY * dx;
        const rg = (g[i] as number) - (meanG[arm] as number) - slopeG * dx;
        ryy += ry * ry;
        ryg += ry * rg;
        rgg += rg * rg;
      }
      const baselineGap = (meanX[1] as number) - (meanX[0] as number);
      const scale = (1 / pilotUnits + 1 / controlUnits + (baselineGap * baselineGap) / sxx) / (units - 3);
      out[at] = (meanY[1] as number) - (meanY[0] as number) - slopeY * baselineGap;
      out[at + 1] = (meanG[1] as number) - (meanG[0] as number) - slopeG * baselineGap;
      out[at + 2] = ryy * scale;
      out[at + 3] = ryg * scale;
      out[at + 4] = rgg * scale;
    },
  };
}
