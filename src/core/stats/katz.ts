/**
 * The relative lift of two independent proportions, q_p / q_c - 1, with the
 * log (Katz) interval for the risk ratio (Katz, Baptista, Azen and Pike 1978;
 * statistics.md, section 4):
 *
 *   RR = q_p / q_c,  se(log RR) = sqrt(1/x_p - 1/n_p + 1/x_c - 1/n_c),
 *   bounds exp(log RR -/+ z(1 - alpha/2) se) - 1.
 *
 * When either arm has no successes the log interval does not exist and the
 * bounds are null (the Newcombe difference still exists); with none in the
 * control arm the lift itself is undefined (estimate null). The Katz
 * interval is never "unbounded" in Fieller's sense, so `unbounded` is false.
 *
 * Example: katzLift({ successes: 56, trials: 70 }, { successes: 48, trials: 80 }, 0.95)
 * = +33.33% with interval +7.66% to +65.12%
 * (R: `exp(log(0.8 / 0.6) + c(-1, 1) * qnorm(0.975) * sqrt(1/56 - 1/70 + 1/48 - 1/80)) - 1`).
 */
import { checkConfidence } from './checks.ts';
import { checkCount, type Count } from './counts.ts';
import { normalQuantile } from './distributions.ts';
import { UNDEFINED_LIFT, type Lift } from './fieller.ts';

export function katzLift(pilot: Count, control: Count, confidence: number): Lift {
  checkConfidence(confidence);
  checkCount(pilot, 'The pilot arm');
  checkCount(control, 'The control arm');
  if (control.successes === 0) return { ...UNDEFINED_LIFT };
  const qp = pilot.successes / pilot.trials;
  const qc = control.successes / control.trials;
  const estimate = qp / qc - 1;
  if (pilot.successes === 0) return { estimate, low: null, high: null, unbounded: false };
  const logRatio = Math.log(qp / qc);
  const se = Math.sqrt(
    Math.max(0, 1 / pilot.successes - 1 / pilot.trials + 1 / control.successes - 1 / control.trials),
  );
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { estimate, low: Math.expm1(logRatio - z * se), high: Math.expm1(logRatio + z * se), unbounded: false };
}
