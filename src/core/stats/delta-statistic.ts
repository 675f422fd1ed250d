/**
 * The delta-method studentized difference of ratios as a randomization
 * statistic, for `ratio` metrics and clustered proportions (statistics.md,
 * sections 1, 2 and 10; the interface in ./studentized.ts). Each unit has a
 * numerator Y_i (the outcome, which the nulls move) and a denominator N_i
 * (opportunities, rows: fixed, given here once). For an assignment w:
 *
 *   L(Y) = sum_p Y / sum_p N - sum_c Y / sum_c N,
 *   Q(Y, G) = sum_a [ sum_{i in a} e_i(Y) e_i(G) / ((n_a - 1) n_a mean_a(N)^2) ],
 *   e_i(Y) = Y_i - m_a(Y) N_i,  m_a(Y) = sum_a Y / sum_a N,
 *
 * the variance of ratioArm (Cochran, Sampling Techniques, 3rd ed., chapter 6)
 * written as a bilinear form: the residuals are linear in Y, so Q(Y, Y) is
 * v_p + v_c and L(Y) / sqrt(Q(Y, Y)) the statistic of welchDifference on two
 * ratioArm arms. The residuals of an arm sum to zero; their drift from zero
 * by rounding is corrected as ratioArm corrects it.
 *
 * An assignment that leaves an arm with denominators summing to 0 has no
 * ratio and no statistic; it is written as a0 = 1 and a1 = q00 = q01 =
 * q11 = 0, which the engine (./randomization.ts) reads as |T| = Infinity at
 * every null: such an assignment counts as at least as extreme as the one
 * observed, the conservative choice.
 *
 * Example: pilot units (Y, N) = (2, 4), (3, 4), (5, 8) (ratio 0.625, variance
 * 0.0029296875, as in ./arm.ts) and control units (1, 4), (2, 4), (1, 2)
 * (ratio 0.4, residuals -0.6, 0.4, 0.2, variance 0.56 / (2 * 3 * (10/3)^2)
 * = 0.0084): a0 = 0.225 and q00 = 0.0113296875.
 */
import type { Studentized } from './studentized.ts';

export function deltaStatistic(denominators: Float64Array): Studentized {
  const units = denominators.length;
  return {
    units,
    coefficients(pilot, y, g, out, at) {
      // Sums masked by the assignment (w = 1 pilot, 1 - w control) rather than branched on it.
      let pilotUnits = 0;
      let pilotY = 0;
      let pilotG = 0;
      let pilotN = 0;
      let controlY = 0;
      let controlG = 0;
      let controlN = 0;
      for (let i = 0; i < units; i += 1) {
        const w = pilot[i] as number;
        const v = 1 - w;
        const yi = y[i] as number;
        const gi = g[i] as number;
        const ni = denominators[i] as number;
        pilotUnits += w;
        pilotY += w * yi;
        pilotG += w * gi;
        pilotN += w * ni;
        controlY += v * yi;
        controlG += v * gi;
        controlN += v * ni;
      }
      const controlUnits = units - pilotUnits;
      if (pilotN === 0 || controlN === 0) {
        out[at] = 1;
        out[at + 1] = 0;
        out[at + 2] = 0;
        out[at + 3] = 0;
        out[at + 4] = 0;
        return;
      }
      const pilotRatioY = pilotY / pilotN;
      const pilotRatioG = pilotG / pilotN;
      const controlRatioY = controlY / controlN;
      const controlRatioG = controlG / controlN;

      // Residual sums: ee(y), e(y)e(g), ee(g) and the drifts of e(y) and e(g), per arm.
      let pyy = 0;
      let pyg = 0;
      let pgg = 0;
      let pdy = 0;
      let pdg = 0;
      let cyy = 0;
      let cyg = 0;
      let cgg = 0;
      let cdy = 0;
      let cdg = 0;
      for (let i = 0; i < units; i += 1) {
        const w = pilot[i] as number;
        const v = 1 - w;
        const yi = y[i] as number;
        const gi = g[i] as number;
        const ni = denominators[i] as number;
        const pilotEy = w * (yi - pilotRatioY * ni);
        const pilotEg = w * (gi - pilotRatioG * ni);
        const controlEy = v * (yi - controlRatioY * ni);
        const controlEg = v * (gi - controlRatioG * ni);
        pyy += pilotEy * pilotEy;
        pyg += pilotEy * pilotEg;
        pgg += pilotEg * pilotEg;
        pdy += pilotEy;
        pdg += pilotEg;
        cyy += controlEy * controlEy;
        cyg += controlEy * controlEg;
        cgg += controlEg * controlEg;
        cdy += controlEy;
        cdg += controlEg;
      }
      // 1 / ((n - 1) n mean(N)^2) = n / ((n - 1) (sum N)^2)
      const pilotScale = pilotUnits / ((pilotUnits - 1) * pilotN * pilotN);
      const controlScale = controlUnits / ((controlUnits - 1) * controlN * controlN);
      out[at] = pilotRatioY - controlRatioY;
      out[at + 1] = pilotRatioG - controlRatioG;
      out[at + 2] =
        Math.max(0, pyy - (pdy * pdy) / pilotUnits) * pilotScale +
        Math.max(0, cyy - (cdy * cdy) / controlUnits) * controlScale;
      out[at + 3] = (pyg - (pdy * pdg) / pilotUnits) * pilotScale + (cyg - (cdy * cdg) / controlUnits) * controlScale;
      out[at + 4] =
        Math.max(0, pgg - (pdg * pdg) / pilotUnits) * pilotScale +
        Math.max(0, cgg - (cdg * cdg) / controlUnits) * controlScale;
    },
  };
}
