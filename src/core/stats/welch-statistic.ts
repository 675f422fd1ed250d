/**
 * Welch's studentized difference of means as a randomization statistic
 * (statistics.md, sections 2 and 10; the interface in ./studentized.ts).
 * For an assignment w (1 = pilot) with n_p and n_c units:
 *
 *   L(y) = mean_p(y) - mean_c(y),
 *   Q(y, g) = cov_p(y, g) / n_p + cov_c(y, g) / n_c,
 *
 * cov_a the sample covariance (n_a - 1) over the units of arm a, so that
 * L(y) / sqrt(Q(y, y)) is R's `t.test(y[w == 1], y[w == 0])$statistic`.
 * At the observed assignment a0 = L(y) and sqrt(q00) are exactly
 * welchDifference(meanArm(pilot), meanArm(control)).estimate and .se.
 *
 * One pass over the units, no allocation: sums and cross-products of each
 * arm's values shifted by the arm's first value (d_i = y_i - y_first), then
 * n cov = sum d_y d_g - sum d_y sum d_g / n. Shifting by one of the arm's own
 * values bounds the cancellation: (y_first - mean)^2 <= (n - 1)^2 / n s^2
 * for any value of the arm, so at most a factor of about n of the variance is
 * cancelled, some n machine epsilons (Chan, Golub and LeVeque 1983, on
 * shifted sums); and an arm of equal values has a variance of exactly 0. The
 * assignment must have at least one unit in each arm (the engine keeps the
 * observed arm sizes, 2 or more).
 *
 * Example (R `sleep`, group 1 as pilot, group 2 as control): at the observed
 * assignment a0 = -1.58 and a0 / sqrt(q00) = -1.8608 (`t.test(extra ~ group,
 * data = sleep)`); with g = the pilot indicator, a1 = 1 and q01 = q11 = 0.
 */
import type { Studentized } from './studentized.ts';

export function welchStatistic(units: number): Studentized {
  return {
    units,
    coefficients(pilot, y, g, out, at) {
      // Each arm's first unit: the shift its sums are taken around.
      let firstPilot = 0;
      while (pilot[firstPilot] !== 1) firstPilot += 1;
      let firstControl = 0;
      while (pilot[firstControl] === 1) firstControl += 1;
      const pilotShiftY = y[firstPilot] as number;
      const pilotShiftG = g[firstPilot] as number;
      const controlShiftY = y[firstControl] as number;
      const controlShiftG = g[firstControl] as number;

      // Sums masked by the assignment (w = 1 pilot, 1 - w control) rather than
      // branched on it: the arms interleave at random, which defeats branch prediction.
      let pilotUnits = 0;
      let py = 0;
      let pg = 0;
      let pyy = 0;
      let pyg = 0;
      let pgg = 0;
      let cy = 0;
      let cg = 0;
      let cyy = 0;
      let cyg = 0;
      let cgg = 0;
      for (let i = 0; i < units; i += 1) {
        const w = pilot[i] as number;
        const v = 1 - w;
        const yi = y[i] as number;
        const gi = g[i] as number;
        const pilotY = w * (yi - pilotShiftY);
        const pilotG = w * (gi - pilotShiftG);
        const controlY = v * (yi - controlShiftY);
        const controlG = v * (gi - controlShiftG);
        pilotUnits += w;
        py += pilotY;
        pg += pilotG;
        pyy += pilotY * pilotY;
        pyg += pilotY * pilotG;
        pgg += pilotG * pilotG;
        cy += controlY;
        cg += controlG;
        cyy += controlY * controlY;
        cyg += controlY * controlG;
        cgg += controlG * controlG;
      }
      const controlUnits = units - pilotUnits;
      // cov / n = (sum d_y d_g - sum d_y sum d_g / n) / ((n - 1) n), d the values minus the arm's shift.
      const pilotScale = 1 / ((pilotUnits - 1) * pilotUnits);
      const controlScale = 1 / ((controlUnits - 1) * controlUnits);
      out[at] = pilotShiftY - controlShiftY + (py / pilotUnits - cy / controlUnits);
      out[at + 1] = pilotShiftG - controlShiftG + (pg / pilotUnits - cg / controlUnits);
      out[at + 2] =
        Math.max(0, pyy - (py * py) / pilotUnits) * pilotScale + Math.max(0, cyy - (cy * cy) / controlUnits) * controlScale;
      out[at + 3] = (pyg - (py * pg) / pilotUnits) * pilotScale + (cyg - (cy * cg) / controlUnits) * controlScale;
      out[at + 4] =
        Math.max(0, pgg - (pg * pg) / pilotUnits) * pilotScale + Math.max(0, cgg - (cg * cg) / controlUnits) * controlScale;
    },
  };
}
