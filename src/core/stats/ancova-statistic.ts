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
 * `coefficients`: three passes over the units, no allocation: arm means
 * (summed around each arm's first value), pooled within-arm sums, then the
 * residuals themselves (not S_yy - S_xy^2 / S_xx, which cancels when the
 * baseline predicts well).
 *
 * `twoDirections` (y along g1 and g2, both fixed): one pass per assignment.
 * Adding to y any multiple of 1 and x changes neither b1 nor the residuals,
 * so x is centred and y, g1 and g2 are each replaced once by their residuals
 * from the fit on 1 and x over all units (v~ = v - vbar - beta_v (x - xbar)).
 * Then every within-arm sum is a total, formed once, less the arms' shares,
 *
 *   S_uv = C_uv - P_u P_v / n_p - (T_u - P_u) (T_v - P_v) / n_c,
 *
 * C_uv = sum u~ v~ and T_u = sum u~ over all units, P_u over the pilot units:
 * one pass gives the four P, the rest is O(1), residual sums included
 * (y' (I - H) g = S_yg - S_xy S_xg / S_xx). The global fit leaves in u~
 * only what the arms and the noise put there, so little cancels: when more
 * than 1 - CANCELLATION of C_xx or of a C_uu cancels (a baseline nearly
 * aliased with the arms, a y or g that the assignment almost explains, as g
 * = z does at the observed assignment), and when S_xx is within a factor 2
 * of the alias limit, the assignment is handed to `coefficients` instead, so
 * the alias rule decides exactly as there and cancellation costs at most
 * some 6 bits. Against exact rational arithmetic it is then as accurate as
 * the careful passes, within a factor of a few either way, on data built to
 * make sums cancel (test/core/stats/two-directions.test.ts).
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
import type { Studentized, TwoDirections } from './studentized.ts';

/** lm's QR tolerance, as in ./ancova.ts. */
const ALIASED = 1e-7;
/** The share of a total sum of squares that must survive the arms' shares for `twoDirections` to keep its answer. */
const CANCELLATION = 1 / 64;
/** `twoDirections` leaves S_xx within this factor of the alias limit to `coefficients`. */
const NEAR_ALIASED = 2;

function mean(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  // Once more on what is left, so that a large common level leaves no offset behind.
  const rough = total / values.length;
  let left = 0;
  for (const value of values) left += value - rough;
  return rough + left / values.length;
}

/** S_uv, the pooled within-arm sum of products, from the total C_uv and the arms' sums of u and v. */
function within(total: number, pilotU: number, pilotV: number, controlU: number, controlV: number, pilotUnits: number, controlUnits: number): number {
  return total - (pilotU * pilotV) / pilotUnits - (controlU * controlV) / controlUnits;
}

/** u - ubar - beta (x - xbar): u's residuals from the least-squares line on the centred baselines over all units. */
function residualsOnBaseline(values: Float64Array, centred: Float64Array, baselineSquares: number): Float64Array {
  const level = mean(values);
  let cross = 0;
  for (let i = 0; i < values.length; i += 1) cross += (centred[i] as number) * ((values[i] as number) - level);
  // A constant baseline: every assignment is aliased and goes to the careful passes anyway.
  const slope = baselineSquares > 0 ? cross / baselineSquares : 0;
  return values.map((value, i) => value - level - slope * (centred[i] as number));
}

export function ancovaStatistic(baselines: Float64Array): Studentized {
  const units = baselines.length;
  let baselineSquares = 0;
  for (const x of baselines) baselineSquares += x * x;
  const aliasLimit = ALIASED * ALIASED * baselineSquares;
  // Each arm's means, looked up by the assignment (index 0 control, 1 pilot)
  // rather than branched on: the arms interleave at random, which defeats
  // branch prediction. Written afresh by every call, so the statistic holds no state between calls.
  const meanY = new Float64Array(2);
  const meanG = new Float64Array(2);
  const meanX = new Float64Array(2);
  const statistic: Studentized = {
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
      if (!(sxx > aliasLimit)) {
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

    twoDirections(y, first, second): TwoDirections {
      const baselineLevel = mean(baselines);
      const x = baselines.map((value) => value - baselineLevel);
      let xx = 0;
      for (const value of x) xx += value * value;
      const residualY = residualsOnBaseline(y, x, xx);
      const residual1 = residualsOnBaseline(first, x, xx);
      const residual2 = residualsOnBaseline(second, x, xx);
      // Unit by unit (x, y, g1, g2), so the one pass reads one stretch of memory.
      const columns = new Float64Array(4 * units);
      // Totals T_u and C_uv over all units (1, 2: the first and second direction).
      let tx = 0;
      let ty = 0;
      let t1 = 0;
      let t2 = 0;
      let xy = 0;
      let x1 = 0;
      let x2 = 0;
      let yy = 0;
      let y1 = 0;
      let y2 = 0;
      let s11 = 0;
      let s22 = 0;
      for (let i = 0; i < units; i += 1) {
        const xi = x[i] as number;
        const yi = residualY[i] as number;
        const gi = residual1[i] as number;
        const hi = residual2[i] as number;
        columns[4 * i] = xi;
        columns[4 * i + 1] = yi;
        columns[4 * i + 2] = gi;
        columns[4 * i + 3] = hi;
        tx += xi;
        ty += yi;
        t1 += gi;
        t2 += hi;
        xy += xi * yi;
        x1 += xi * gi;
        x2 += xi * hi;
        yy += yi * yi;
        y1 += yi * gi;
        y2 += yi * hi;
        s11 += gi * gi;
        s22 += hi * hi;
      }
      return (pilot, out1, out2, at) => {
        let pilotUnits = 0;
        let px = 0;
        let py = 0;
        let p1 = 0;
        let p2 = 0;
        for (let i = 0, j = 0; i < units; i += 1, j += 4) {
          const w = pilot[i] as number;
          pilotUnits += w;
          px += w * (columns[j] as number);
          py += w * (columns[j + 1] as number);
          p1 += w * (columns[j + 2] as number);
          p2 += w * (columns[j + 3] as number);
        }
        const controlUnits = units - pilotUnits;
        // Four consts rather than a destructured array, which was built anew for every assignment.
        const cx = tx - px;
        const cy = ty - py;
        const c1 = t1 - p1;
        const c2 = t2 - p2;
        const sxx = within(xx, px, px, cx, cx, pilotUnits, controlUnits);
        if (!(sxx >= CANCELLATION * xx && sxx > NEAR_ALIASED * aliasLimit)) {
          statistic.coefficients(pilot, y, first, out1, at);
          statistic.coefficients(pilot, y, second, out2, at);
          return;
        }
        const sxy = within(xy, px, py, cx, cy, pilotUnits, controlUnits);
        const sx1 = within(x1, px, p1, cx, c1, pilotUnits, controlUnits);
        const sx2 = within(x2, px, p2, cx, c2, pilotUnits, controlUnits);
        const slopeY = sxy / sxx;
        const slope1 = sx1 / sxx;
        const slope2 = sx2 / sxx;
        const ryy = within(yy, py, py, cy, cy, pilotUnits, controlUnits) - slopeY * sxy;
        const r11 = within(s11, p1, p1, c1, c1, pilotUnits, controlUnits) - slope1 * sx1;
        const r22 = within(s22, p2, p2, c2, c2, pilotUnits, controlUnits) - slope2 * sx2;
        if (!(ryy >= CANCELLATION * yy && r11 >= CANCELLATION * s11 && r22 >= CANCELLATION * s22)) {
          statistic.coefficients(pilot, y, first, out1, at);
          statistic.coefficients(pilot, y, second, out2, at);
          return;
        }
        const baselineGap = px / pilotUnits - cx / controlUnits;
        const scale = (1 / pilotUnits + 1 / controlUnits + (baselineGap * baselineGap) / sxx) / (units - 3);
        const estimateY = py / pilotUnits - cy / controlUnits - slopeY * baselineGap;
        const q00 = ryy * scale;
        out1[at] = estimateY;
        out1[at + 1] = p1 / pilotUnits - c1 / controlUnits - slope1 * baselineGap;
        out1[at + 2] = q00;
        out1[at + 3] = (within(y1, py, p1, cy, c1, pilotUnits, controlUnits) - slopeY * sx1) * scale;
        out1[at + 4] = r11 * scale;
        out2[at] = estimateY;
        out2[at + 1] = p2 / pilotUnits - c2 / controlUnits - slope2 * baselineGap;
        out2[at + 2] = q00;
        out2[at + 3] = (within(y2, py, p2, cy, c2, pilotUnits, controlUnits) - slopeY * sx2) * scale;
        out2[at + 4] = r22 * scale;
      };
    },
  };
  return statistic;
}
