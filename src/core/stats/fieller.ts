/**
 * The relative lift m_p / m_c - 1 with Fieller's interval for a ratio of two
 * independent means with unequal variances (statistics.md, section 3;
 * Fieller 1954; Tamhane and Logan 2004; R package mratios,
 * `ttestratio(pilot, control, var.equal = FALSE)`, its default
 * `iterativeCI = FALSE`):
 *
 *   r = m_p / m_c,
 *   df_r = (v_p + r^2 v_c)^2 / (v_p^2 / (n_p - 1) + r^4 v_c^2 / (n_c - 1)),
 *   t = t(1 - alpha/2, df_r),
 *   A = m_c^2 - t^2 v_c,  B = -2 m_p m_c,  C = m_p^2 - t^2 v_p;
 *
 * the ratio's bounds are the roots of A x^2 + B x + C when A > 0, and the
 * lift's are those minus 1. A <= 0 means the control level is not clearly
 * above zero and the set of plausible ratios is unbounded: the bounds are
 * null and `unbounded` is true. For m_c <= 0 the relative lift is undefined:
 * everything is null. A control level so close to zero that r overflows the
 * largest double is reported as unbounded with a null estimate.
 *
 * The roots are taken as (m_p m_c +/- t sqrt(m_p^2 v_c + v_p A)) / A, the same
 * numbers with the discriminant B^2 - 4AC = 4 t^2 (m_p^2 v_c + v_p A)
 * simplified, computed with everything divided by m_c^2 (so products of
 * means cannot underflow), and the root nearer zero from C / (A x_other) to
 * avoid cancellation. With no variance in either arm the interval is the single
 * point r - 1. When v_p = 0 and m_p = 0, df_r has no value (0/0); df = n_c - 1
 * is used, and the bounds are 0 - 1 whenever A > 0 whatever the df.
 *
 * Example (R `mtcars`, mpg of manual (am = 1) over automatic (am = 0)):
 * lift +42.25%, 95% interval +18.15% to +69.58%
 * (`ttestratio(mpg[am == 1], mpg[am == 0], var.equal = FALSE)`).
 */
import { checkArm, type ArmEstimate } from './arm.ts';
import { checkConfidence } from './checks.ts';
import { tQuantile } from './distributions.ts';
import { satterthwaite } from './welch.ts';

export interface Lift {
  /** m_p / m_c - 1; null when the control level is zero or negative. */
  estimate: number | null;
  /** Null when the interval is unbounded or does not exist. */
  low: number | null;
  high: number | null;
  /** True when the control level is too uncertain for a bounded interval (Fieller's A <= 0). */
  unbounded: boolean;
}

export const UNDEFINED_LIFT: Lift = Object.freeze({ estimate: null, low: null, high: null, unbounded: false });

export function fiellerLift(pilot: ArmEstimate, control: ArmEstimate, confidence: number): Lift {
  checkConfidence(confidence);
  checkArm(pilot, 'pilot');
  checkArm(control, 'control');
  const { estimate: mp, variance: vp } = pilot;
  const { estimate: mc, variance: vc } = control;
  if (!(mc > 0)) return { ...UNDEFINED_LIFT };
  const ratio = mp / mc;
  const estimate = ratio - 1;
  // A control level so close to zero that the ratio overflows: too uncertain to express in percent.
  if (!Number.isFinite(estimate)) return { estimate: null, low: null, high: null, unbounded: true };

  const scaledControlVariance = ratio * ratio * vc;
  const df =
    vp + scaledControlVariance > 0
      ? satterthwaite(vp, pilot.units - 1, scaledControlVariance, control.units - 1)
      : vc > 0
        ? control.units - 1
        : pilot.units - 1;
  const t = tQuantile(1 - (1 - confidence) / 2, df);
  // The quadratic divided through by m_c^2 (> 0), so no product of two means
  // can underflow or overflow: A' = 1 - t^2 v_c / m_c^2, B' = -2r, C' = r^2 - t^2 v_p / m_c^2.
  const controlRelativeVariance = vc / mc / mc;
  const pilotRelativeVariance = vp / mc / mc;
  const a = 1 - t * t * controlRelativeVariance;
  if (!(a > 0)) return { estimate, low: null, high: null, unbounded: true };

  const spread = t * Math.sqrt(ratio * ratio * controlRelativeVariance + pilotRelativeVariance * a);
  // The root farther from zero without cancellation, the other from the product of the roots, C' / A'.
  const far = (ratio + (ratio >= 0 ? spread : -spread)) / a;
  const c = ratio * ratio - t * t * pilotRelativeVariance;
  const near = far !== 0 ? c / (a * far) : 0;
  const lowRatio = Math.min(far, near);
  const highRatio = Math.max(far, near);
  if (!Number.isFinite(lowRatio) || !Number.isFinite(highRatio)) {
    return { estimate, low: null, high: null, unbounded: true };
  }
  return { estimate, low: lowRatio - 1, high: highRatio - 1, unbounded: false };
}
