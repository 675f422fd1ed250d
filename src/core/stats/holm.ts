/**
 * Holm's step-down adjustment of p-values for m comparisons (Holm 1979,
 * Scand. J. Statist. 6:65; R's p.adjust(p, "holm")): sort the p-values,
 * p_(1) <= ... <= p_(m); the adjusted p of the k-th is
 *   max over j <= k of min(1, (m - j + 1) p_(j)).
 * It holds the chance of any false "win" or "loss" among the m at alpha,
 * like Bonferroni (m p), and rejects at least as often.
 *
 * holmLevels gives, for each comparison, the alpha it is tested at in
 * Holm's steps: alpha / (m - k + 1) for the k-th smallest while every
 * smaller one was rejected; from the first that is not rejected (k*) on,
 * alpha / (m - k* + 1) for it and every later one. A test at that level
 * rejects exactly when the adjusted p is at most alpha, so an interval at
 * confidence 1 - level (by inverting the same test) excludes no effect
 * exactly when the adjusted p says so: the verdict, the adjusted p and the
 * interval never disagree.
 *
 * Example: p = 0.01, 0.04, 0.03 (m = 3): adjusted 0.03, 0.06, 0.06
 * (p.adjust(c(0.01, 0.04, 0.03), "holm")); at alpha 0.05 the levels are
 * 0.05 / 3 (rejected), then 0.05 / 2 for the other two (0.03 > 0.025: not
 * rejected, and the step-down stops).
 */

/** Ranks by ascending p, ties in input order (R's order()). */
function ascending(p: readonly number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
}

export function holmAdjust(p: readonly number[]): number[] {
  const m = p.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  ascending(p).forEach((i, k) => {
    running = Math.max(running, Math.min(1, (m - k) * (p[i] as number)));
    adjusted[i] = running;
  });
  return adjusted;
}

export function holmLevels(p: readonly number[], alpha: number): number[] {
  const m = p.length;
  const levels = new Array<number>(m);
  let stopped: number | null = null;
  ascending(p).forEach((i, k) => {
    const own = alpha / (m - k);
    if (stopped === null && (p[i] as number) > own) stopped = own;
    levels[i] = stopped ?? own;
  });
  return levels;
}
