/**
 * The difference of two independent proportions q_p - q_c with Newcombe's
 * hybrid score interval (Newcombe 1998, Stat Med 17:873, method 10), built
 * from each arm's Wilson interval (l, u) (./wilson.ts):
 *
 *   d = q_p - q_c,
 *   low  = d - sqrt((q_p - l_p)^2 + (u_c - q_c)^2),
 *   high = d + sqrt((u_p - q_p)^2 + (q_c - l_c)^2).
 *
 * It stays inside [-1, 1] and exists even when an arm has 0 or all successes.
 *
 * Example (Newcombe 1998, Table II, rows a-f): 56/70 vs 48/80 -> 0.0524 to 0.3339;
 * 9/10 vs 3/10 -> 0.1705 to 0.8090; 6/7 vs 2/7 -> 0.0582 to 0.8062;
 * 5/56 vs 0/29 -> -0.0381 to 0.1926; 0/10 vs 0/20 -> -0.1611 to 0.2775;
 * 10/10 vs 0/20 -> 0.6791 to 1.0000.
 */
import { checkConfidence } from './checks.ts';
import { checkCount, type Count } from './counts.ts';
import { wilsonInterval } from './wilson.ts';

export type { Count } from './counts.ts';

export function newcombeDifference(
  pilot: Count,
  control: Count,
  confidence: number,
): { estimate: number; low: number; high: number } {
  checkConfidence(confidence);
  checkCount(pilot, 'The pilot arm');
  checkCount(control, 'The control arm');
  const qp = pilot.successes / pilot.trials;
  const qc = control.successes / control.trials;
  const wilsonPilot = wilsonInterval(pilot.successes, pilot.trials, confidence);
  const wilsonControl = wilsonInterval(control.successes, control.trials, confidence);
  const estimate = qp - qc;
  const low = estimate - Math.hypot(qp - wilsonPilot.low, wilsonControl.high - qc);
  const high = estimate + Math.hypot(wilsonPilot.high - qp, qc - wilsonControl.low);
  return { estimate, low: Math.max(-1, low), high: Math.min(1, high) };
}
