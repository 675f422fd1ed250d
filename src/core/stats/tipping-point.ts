/**
 * The tipping point of a qualification checklist: the number of criteria t
 * a lead must meet before its win rate jumps, and a permutation test that
 * accounts for t having been picked after looking at the data.
 *
 * Leads are grouped by how many of the K criteria they meet, k = 0..K
 * (`groups[k]`: leads and wins). For each threshold t = 1..K whose two sides
 * both hold leads, the split's gap is
 *
 *   d(t) = wins(k >= t) / leads(k >= t) - wins(k < t) / leads(k < t),
 *
 * the difference a rule "pass on leads meeting t or more" would make. The
 * suggested tipping point is the t with the largest d(t) (the smallest t on a
 * tie). Cumulative splits rather than the jump between adjacent k: a rule
 * sales can follow is a threshold, and each side of a split pools several
 * groups, so d(t) is far less noisy than a jump between two small groups.
 *
 * The evidence for it is the max-statistic permutation test (Westfall and
 * Young 1993, ch. 2): with no association between criteria met and winning,
 * every assignment of the observed wins to the leads is equally likely. The
 * test draws such assignments (the group sizes stay fixed, so only how many
 * wins fall in each group changes: a multivariate hypergeometric draw),
 * recomputes the largest d(t) over every t, and counts draws at least as
 * large as the observed largest (within TIE_TOLERANCE, relative). It is
 * one-sided: the question is whether meeting more criteria raises the win
 * rate. The p-value is (1 + count) / (1 + draws) (Phipson and Smyth 2010),
 * never 0, and its Monte Carlo standard error is about
 * sqrt(p (1 - p) / draws), at most 0.005 with the 10,000 draws used.
 *
 * Each draw places the wins group by group: the wins of group k given those
 * left is hypergeometric (wins left, leads left, the group's leads). A small
 * group (at most URN_MOST leads) is drawn lead by lead, an urn without
 * replacement; a larger one by inversion, searching outward from the mode
 * with the ratio of successive probabilities (the "chop-down" search of
 * Kachitvichyanukul and Schmeiser 1985, section 2), which costs about its
 * standard deviation in steps. So a draw costs far less than a uniform per
 * lead: 10,000 draws over a million leads take seconds, not hours.
 *
 * Example (test/core/stats/reference/tipping-point.R, exact by enumerating
 * every way to spread the 13 wins over the groups): groups of 10, 12, 9 and 7
 * leads with 1, 2, 5 and 5 wins; the largest gap is at t = 2,
 * 10/16 - 3/22 = 0.48864, and its exact permutation p is 0.0056859.
 */
import { checkCount, type Count } from './counts.ts';
import { TIE_TOLERANCE } from './randomization-nulls.ts';
import { logGamma } from './log-gamma.ts';
import { mulberry32, type Uniform } from './random.ts';

export interface ThresholdSplit {
  /** t: leads meeting at least this many criteria are on the "at least" side. */
  threshold: number;
  atLeast: Count;
  below: Count;
  /** d(t): the win rate at or above t minus the win rate below it. */
  difference: number;
}

export interface TippingPointTest {
  /** The split with the largest gap; null when no threshold has leads on both sides. */
  largest: ThresholdSplit | null;
  /** (1 + draws at least as large) / (1 + draws); 1 when no split exists or every lead has the same outcome. */
  p: number;
  /** Random assignments drawn (0 when the answer needs none). */
  draws: number;
  /** Draws whose largest gap was at least the observed one. */
  atLeastAsLarge: number;
}

/** The permutations drawn: the p-value's Monte Carlo standard error is then at most 0.005. */
export const TIPPING_DRAWS = 10_000;

/** Every threshold t = 1..K with leads on both sides, in order of t. */
export function thresholdSplits(groups: readonly Count[]): ThresholdSplit[] {
  groups.forEach((group, k) => {
    if (group.trials > 0) checkCount(group, `The group meeting ${k} criteria`);
  });
  const total = sumCounts(groups);
  const splits: ThresholdSplit[] = [];
  const below: Count = { successes: 0, trials: 0 };
  for (let t = 1; t < groups.length; t += 1) {
    const group = groups[t - 1] as Count;
    below.successes += group.successes;
    below.trials += group.trials;
    const atLeast = { successes: total.successes - below.successes, trials: total.trials - below.trials };
    if (below.trials === 0 || atLeast.trials === 0) continue;
    splits.push({ threshold: t, atLeast, below: { ...below }, difference: atLeast.successes / atLeast.trials - below.successes / below.trials });
  }
  return splits;
}

/** The split with the largest gap, the smallest threshold on a tie; null when there is none. */
export function largestSplit(groups: readonly Count[]): ThresholdSplit | null {
  let best: ThresholdSplit | null = null;
  for (const split of thresholdSplits(groups)) if (best === null || split.difference > best.difference) best = split;
  return best;
}

/** The largest gap and its permutation p (see above), from a seeded generator: the same seed gives the same p. */
export function tippingPointTest(groups: readonly Count[], options: { seed: number; draws?: number }): TippingPointTest {
  const largest = largestSplit(groups);
  const total = sumCounts(groups);
  if (largest === null || total.successes === 0 || total.successes === total.trials) return { largest, p: 1, draws: 0, atLeastAsLarge: 0 };
  const draws = options.draws ?? TIPPING_DRAWS;
  const uniform = mulberry32(options.seed);
  const sizes = groups.map((group) => group.trials);
  const wins = new Array<number>(groups.length).fill(0);
  const bar = largest.difference - TIE_TOLERANCE * Math.max(1, Math.abs(largest.difference));
  let atLeastAsLarge = 0;
  for (let draw = 0; draw < draws; draw += 1) {
    let winsLeft = total.successes;
    let leadsLeft = total.trials;
    sizes.forEach((size, k) => {
      const placed = hypergeometric(uniform, leadsLeft, winsLeft, size);
      wins[k] = placed;
      winsLeft -= placed;
      leadsLeft -= size;
    });
    if (largestGap(sizes, wins, total) >= bar) atLeastAsLarge += 1;
  }
  return { largest, p: (1 + atLeastAsLarge) / (1 + draws), draws, atLeastAsLarge };
}

/** Up to this many leads a group's wins are drawn lead by lead: cheaper than the logarithms inversion starts with. */
export const URN_MOST = 32;

/**
 * Wins among `drawn` leads taken without replacement from `leads` leads of
 * which `wins` won: hypergeometric, P(x) = C(wins, x) C(leads - wins, drawn - x) / C(leads, drawn).
 */
export function hypergeometric(uniform: Uniform, leads: number, wins: number, drawn: number): number {
  const low = Math.max(0, drawn - (leads - wins));
  const high = Math.min(drawn, wins);
  if (low === high) return low;
  if (drawn <= URN_MOST) {
    let placed = 0;
    let winsLeft = wins;
    let leadsLeft = leads;
    for (let lead = 0; lead < drawn; lead += 1) {
      if (uniform() * leadsLeft < winsLeft) {
        placed += 1;
        winsLeft -= 1;
      }
      leadsLeft -= 1;
    }
    return placed;
  }
  const losses = leads - wins;
  const mode = Math.min(high, Math.max(low, Math.floor(((drawn + 1) * (wins + 1)) / (leads + 2))));
  const logChoose = (n: number, r: number) => logGamma(n + 1) - logGamma(r + 1) - logGamma(n - r + 1);
  const atMode = Math.exp(logChoose(wins, mode) + logChoose(losses, drawn - mode) - logChoose(leads, drawn));
  // P(x + 1) / P(x) = (wins - x)(drawn - x) / ((x + 1)(losses - drawn + x + 1)).
  const up = (x: number) => ((wins - x) * (drawn - x)) / ((x + 1) * (losses - drawn + x + 1));
  let left = uniform() - atMode;
  let above = mode;
  let below = mode;
  let pAbove = atMode;
  let pBelow = atMode;
  while (left > 0 && (above < high || below > low)) {
    if (above < high) {
      pAbove *= up(above);
      above += 1;
      left -= pAbove;
      if (left <= 0) return above;
    }
    if (below > low) {
      pBelow /= up(below - 1);
      below -= 1;
      left -= pBelow;
      if (left <= 0) return below;
    }
  }
  // Only rounding leaves probability unspent (at most about 1e-12): the mode is as good an answer as any.
  return mode;
}

/** The largest d(t) over the thresholds with leads on both sides, for one draw's wins per group. */
function largestGap(sizes: readonly number[], wins: readonly number[], total: Count): number {
  let best = -Infinity;
  let belowLeads = 0;
  let belowWins = 0;
  for (let t = 1; t < sizes.length; t += 1) {
    belowLeads += sizes[t - 1] as number;
    belowWins += wins[t - 1] as number;
    const atLeastLeads = total.trials - belowLeads;
    if (belowLeads === 0 || atLeastLeads === 0) continue;
    const gap = (total.successes - belowWins) / atLeastLeads - belowWins / belowLeads;
    if (gap > best) best = gap;
  }
  return best;
}

function sumCounts(groups: readonly Count[]): Count {
  return groups.reduce<Count>((sum, group) => ({ successes: sum.successes + group.successes, trials: sum.trials + group.trials }), { successes: 0, trials: 0 });
}
