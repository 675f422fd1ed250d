/**
 * The noncentral t distribution, T = (Z + ncp) / sqrt(V / df) with Z standard
 * normal and V chi-square on df degrees of freedom: its distribution function
 * P(T <= q) and the upper tail P(T > q), each computed directly so that a
 * small tail keeps its digits (statistics.md, section 7, needs both).
 * Matches R's `pt(q, df, ncp)` and `pt(q, df, ncp, lower.tail = FALSE)`.
 *
 * Any real df > 0 (Infinity gives the normal with mean ncp) and any finite ncp.
 * Two methods, each used where it is accurate:
 *
 * 1. The Poisson mixture (Guenther 1978; Lenth 1989, AS 243, which R's `pnt`
 *    implements), for q > 0 with x = q^2 / (q^2 + df), lambda = ncp^2 / 2:
 *
 *      P(T <= q) = Phi(-ncp) + 1/2 sum_j [P_j I_x(j + 1/2, df/2) + Q_j I_x(j + 1, df/2)],
 *      P(T > q)  =             1/2 sum_j [P_j (1 - I_x(j + 1/2, df/2)) + Q_j (1 - I_x(j + 1, df/2))],
 *
 *    P_j = e^-lambda lambda^j / j!, Q_j = (ncp / sqrt 2) e^-lambda lambda^j / Gamma(j + 3/2),
 *    I the regularized incomplete beta. The second line follows from the
 *    first because sum P_j = 1 and sum Q_j = 2 Phi(ncp) - 1. As in Benton and
 *    Krishnamoorthy (2003, Comput Stat Data Anal 43:249) the sums start at the
 *    Poisson mode j = floor(lambda) and run outward both ways with the
 *    recurrence I_x(a + 1, b) = I_x(a, b) - x^a (1 - x)^b / (a B(a, b)), so
 *    that no weight underflows (AS 243 starts at j = 0, where e^-lambda
 *    underflows beyond |ncp| = 37.6, and R then switches to a normal
 *    approximation). Each way stops when a bound on everything not yet added
 *    (the incomplete beta is monotone in j, the weights have geometric tails)
 *    is below 1e-17 of the sum: a rigorous bound on the truncation error.
 *    For ncp >= 0 every term is positive in both tails. Used for df <= 1e4 and
 *    |ncp| <= 100: the incomplete beta of ./incomplete-beta.ts loses digits
 *    when either of its parameters (df/2, and about ncp^2/2 here) runs into
 *    the tens of thousands (1e-10 at df = 1e7, 2.5e-11 at ncp = 999).
 *
 * 2. The mixture over the scale, for the rest:
 *
 *      P(T <= q) = integral Phi(q s - ncp) f(s) ds,  P(T > q) = integral Phi(ncp - q s) f(s) ds,
 *
 *    f the density of s = sqrt(V / df), integrated over u = ln s with an
 *    adaptive 15-point Gauss-Kronrod rule between the points where the
 *    integrand has fallen by e^-50 from its peak. Every integrand value is
 *    positive, so this is the method for the one tail where the series would
 *    subtract: P(T > q) with q > 0 and ncp < 0, which is at most Phi(ncp)
 *    (and, by T -> -T, P(T <= q) with q < 0 and ncp > 0). Its integrand is
 *    log-concave in u there, so the peak and the cut-off points are well defined.
 *
 * Accuracy, measured against R 4.2.2 (test/core/stats/reference/noncentral-t.R):
 * within 3e-14 relative of the Poisson mixture summed in R with R's own
 * `pbeta` for each term, on the grid df 1 to 1e5, ncp -3 to 12, q -4 to 8,
 * both tails (down to 1e-58), and within 5e-13 of R's `integrate()` for the
 * subtracting tail, for df 1e6 and 1e7 and for |ncp| = 40; the two methods
 * here agree to 4e-13 wherever both apply (tails down to 1e-100). R's `pt`
 * itself is good to about 1e-12 absolute (6e-11 relative on the grid where
 * it is that good): it computes the tail opposite to the one AS 243 sums as
 * 1 minus the sum, so small tails there lose everything, and for df > 4e5 or
 * |ncp| > 37.62 it uses the normal approximation of Abramowitz and Stegun
 * 26.7.10 instead. Cost: about 20 microseconds by the series, 0.2 ms by the integral.
 *
 * Example: noncentralTCdf(1.96, 5, 2) = 0.450768719924171 and
 * noncentralTUpper(1.96, 5, 2) = 0.549231280075829 (R: `pt(1.96, 5, 2)`,
 * `pt(1.96, 5, 2, lower.tail = FALSE)`).
 */
import { normalCdf, tCdf } from './distributions.ts';
import { regularizedIncompleteBeta } from './incomplete-beta.ts';
import { logBeta, logGamma } from './log-gamma.ts';

const LOG_SQRT_TWO_PI = 0.9189385332046728; // ln(2 pi) / 2
const LOG_SQRT_PI = 0.5723649429247001; // ln(pi) / 2
/** A term is left out once a bound on everything not yet added is below this share of the sum. */
const SERIES_TOLERANCE = 1e-17;
const SERIES_LARGEST_DF = 1e4;
const SERIES_LARGEST_NCP = 100;
/** Beyond this q^2 / df, 1 - x underflows while (1 - x)^(df/2) may not (small df). */
const SERIES_LARGEST_RATIO = 1e250;
/** Never more terms than this on either side of the mode (the bounds end the sums far sooner). */
const MOST_TERMS = 200_000;

function checkArguments(q: number, df: number, ncp: number): void {
  if (Number.isNaN(q)) throw new RangeError('The noncentral t distribution needs a number, got NaN.');
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be positive, got ${df}.`);
  if (!Number.isFinite(ncp)) throw new RangeError(`The noncentrality must be a finite number, got ${ncp}.`);
}

/** P(T <= q) for T noncentral t with df degrees of freedom and noncentrality ncp (R: `pt(q, df, ncp)`). */
export function noncentralTCdf(q: number, df: number, ncp: number): number {
  checkArguments(q, df, ncp);
  return tail(q, df, ncp, false);
}

/** P(T > q), computed directly rather than as 1 - P(T <= q) (R: `pt(q, df, ncp, lower.tail = FALSE)`). */
export function noncentralTUpper(q: number, df: number, ncp: number): number {
  checkArguments(q, df, ncp);
  return tail(q, df, ncp, true);
}

function tail(q: number, df: number, ncp: number, upper: boolean): number {
  if (q === Infinity) return upper ? 0 : 1;
  if (q === -Infinity) return upper ? 1 : 0;
  if (df === Infinity) return upper ? normalCdf(ncp - q) : normalCdf(q - ncp);
  if (ncp === 0) return upper ? tCdf(-q, df) : tCdf(q, df);
  // -T is noncentral t with -ncp: P(T <= q; ncp) = P(T >= -q; -ncp).
  if (q < 0) return tail(-q, df, -ncp, !upper);
  // x = q^2 / (q^2 + df) is q^2 / df / (1 + q^2 / df); below 1e-300 it is 0 to double precision.
  const ratio = (q / Math.sqrt(df)) ** 2;
  if (ratio === 0) return upper ? normalCdf(ncp) : normalCdf(-ncp);
  const series =
    !(upper && ncp < 0) && df <= SERIES_LARGEST_DF && Math.abs(ncp) <= SERIES_LARGEST_NCP && ratio <= SERIES_LARGEST_RATIO;
  return series ? noncentralTBySeries(q, df, ncp, upper) : noncentralTByIntegral(q, df, ncp, upper);
}

// ---------------------------------------------------------------------------
// 1. The Poisson mixture, for q > 0 (and not upper with ncp < 0).

/**
 * ln of the Poisson probability e^-lambda lambda^k / k!, in Loader's (2000)
 * saddle-point form so that it keeps its digits for large k and lambda:
 * -(k ln(k / lambda) + lambda - k) - stirlingCorrection(k) - ln(2 pi k) / 2.
 */
function logPoisson(k: number, lambda: number): number {
  if (k < 10) return -lambda + (k === 0 ? 0 : k * Math.log(lambda)) - logGamma(k + 1);
  const deviance = k * Math.log1p((k - lambda) / lambda) + lambda - k;
  return -deviance - stirlingCorrection(k) - 0.5 * Math.log(k) - LOG_SQRT_TWO_PI;
}

/**
 * Method 1 for q > 0, finite df and not (upper with ncp < 0). Exported for the
 * tests, which check the two methods against each other where both apply.
 */
export function noncentralTBySeries(t: number, df: number, ncp: number, upper: boolean): number {
  // x = t^2 / (t^2 + df) and y = 1 - x, each without cancellation or overflow.
  const ratio = (t / Math.sqrt(df)) ** 2;
  const x = 1 / (1 + 1 / ratio);
  const y = 1 / (1 + ratio);
  const logX = -Math.log1p(1 / ratio);
  const logY = -Math.log1p(ratio);
  const b = df / 2;
  const lambda = (ncp * ncp) / 2;
  const mode = Math.floor(lambda);

  // Weights at the mode: P_k, and Q_k = sign(ncp) sqrt(lambda) P_k k! / Gamma(k + 3/2).
  const poissonAtMode = Math.exp(logPoisson(mode, lambda));
  const qAtMode = Math.sign(ncp) * Math.sqrt(lambda) * poissonAtMode * Math.exp(logBeta(mode + 1, 0.5) - LOG_SQRT_PI);

  // Incomplete betas at the mode (or their complements for the upper tail),
  // and ln of the recurrence terms g(a) = x^a y^b / (a B(a, b)).
  const beta = (a: number) => (upper ? regularizedIncompleteBeta(y, x, b, a) : regularizedIncompleteBeta(x, y, a, b));
  const logStep = (a: number) => a * logX + b * logY - Math.log(a) - logBeta(a, b);
  const startP = { weight: poissonAtMode, beta: beta(mode + 0.5), logStep: logStep(mode + 0.5) };
  const startQ = { weight: qAtMode, beta: beta(mode + 1), logStep: logStep(mode + 1) };

  // The lower tail always includes Phi(-ncp); with ncp < 0 it is at least 1/2.
  const floor = upper ? 0 : normalCdf(-ncp);
  let sum = startP.weight * startP.beta + startQ.weight * startQ.beta;

  // Forward, j = mode + 1, mode + 2, ...: I_x(a + 1, b) = I_x(a, b) - g(a), g(a + 1) = g(a) x (a + b) / (a + 1).
  {
    let p = startP.weight;
    let q = startQ.weight;
    let betaP = startP.beta;
    let betaQ = startQ.beta;
    let logStepP = startP.logStep;
    let logStepQ = startQ.logStep;
    for (let j = mode + 1; j <= mode + MOST_TERMS; j += 1) {
      const aP = j - 0.5; // the a of the previous P term
      const aQ = j; // the a of the previous Q term
      const stepP = Math.exp(logStepP);
      const stepQ = Math.exp(logStepQ);
      betaP = upper ? betaP + stepP : Math.max(0, betaP - stepP);
      betaQ = upper ? betaQ + stepQ : Math.max(0, betaQ - stepQ);
      logStepP += logX + Math.log((aP + b) / (aP + 1));
      logStepQ += logX + Math.log((aQ + b) / (aQ + 1));
      p *= lambda / j;
      q *= lambda / (j + 0.5);
      sum += p * betaP + q * betaQ;
      // Beyond j: P weights sum to at most p lambda / (j + 1) / (1 - lambda / (j + 2)), |Q_i| <= P_i there,
      // and the betas are at most betaP + betaQ (lower: they decrease) or 2 (upper: at most 1).
      const weightsLeft = (p * lambda) / (j + 1) / (1 - lambda / (j + 2));
      const betasLeft = upper ? 2 : betaP + betaQ;
      if (weightsLeft * betasLeft <= SERIES_TOLERANCE * (2 * floor + sum)) break;
    }
  }

  // Backward, j = mode - 1, ..., 0: I_x(a - 1, b) = I_x(a, b) + g(a - 1), g(a - 1) = g(a) a / (x (a - 1 + b)).
  {
    let p = startP.weight;
    let q = startQ.weight;
    let betaP = startP.beta;
    let betaQ = startQ.beta;
    let logStepP = startP.logStep;
    let logStepQ = startQ.logStep;
    for (let j = mode - 1; j >= 0 && j >= mode - MOST_TERMS; j -= 1) {
      const aP = j + 1.5; // the a of the previous P term
      const aQ = j + 2;
      logStepP += Math.log(aP / (aP - 1 + b)) - logX;
      logStepQ += Math.log(aQ / (aQ - 1 + b)) - logX;
      const stepP = Math.exp(logStepP);
      const stepQ = Math.exp(logStepQ);
      betaP = upper ? Math.max(0, betaP - stepP) : betaP + stepP;
      betaQ = upper ? Math.max(0, betaQ - stepQ) : betaQ + stepQ;
      p *= (j + 1) / lambda;
      q *= (j + 1.5) / lambda;
      sum += p * betaP + q * betaQ;
      // Below j: P weights sum to at most p (j / lambda) / (1 - j / lambda), |Q| to at most
      // |q| ((j + 1/2) / lambda) / (1 - (j + 1/2) / lambda); the betas are at most 1 (lower)
      // or at most the current ones (upper: they decrease with j).
      const pLeft = (p * j) / lambda / (1 - j / lambda);
      const qLeft = (Math.abs(q) * (j + 0.5)) / lambda / (1 - (j + 0.5) / lambda);
      const left = upper ? pLeft * betaP + qLeft * betaQ : pLeft + qLeft;
      if (left >= 0 && left <= SERIES_TOLERANCE * (2 * floor + sum)) break;
    }
  }

  return Math.min(1, Math.max(0, floor + sum / 2));
}

// ---------------------------------------------------------------------------
// 2. The mixture over the scale s = sqrt(V / df), integrated over u = ln s.

/** Stirling's correction ln Gamma(z) - [(z - 1/2) ln z - z + ln(2 pi)/2] for z >= 10 (Abramowitz and Stegun 6.1.40). */
function stirlingCorrection(z: number): number {
  const inverseSquared = 1 / (z * z);
  const series =
    1 / 12 +
    inverseSquared *
      (-1 / 360 +
        inverseSquared *
          (1 / 1260 +
            inverseSquared *
              (-1 / 1680 + inverseSquared * (1 / 1188 + inverseSquared * (-691 / 360360 + inverseSquared / 156)))));
  return series / z;
}

/**
 * ln of the density of u = ln sqrt(V / df) is ln 2 + scaleConstant(df) - (df/2) (e^(2u) - 1 - 2u),
 * with scaleConstant(df) = (df/2) (ln(df/2) - 1) - ln Gamma(df/2), written through Stirling's
 * series for large df so that the two large terms do not cancel.
 */
function scaleConstant(df: number): number {
  const half = df / 2;
  if (half < 10) return half * (Math.log(half) - 1) - logGamma(half);
  return 0.5 * Math.log(half) - LOG_SQRT_TWO_PI - stirlingCorrection(half);
}

/** e^(2u) - 1 - 2u without cancellation near u = 0. */
function expMinusLine(u: number): number {
  const v = 2 * u;
  if (Math.abs(v) > 0.5) return Math.expm1(v) - v;
  let term = (v * v) / 2;
  let sum = term;
  for (let k = 3; k < 40; k += 1) {
    term *= v / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * sum) break;
  }
  return sum;
}

/**
 * phi(y) / Phi(y) for y < -5, by Laplace's continued fraction
 * Phi(y) = phi(y) / (|y| + 1 / (|y| + 2 / (|y| + 3 / ...))) (Abramowitz and Stegun 26.2.14).
 */
function millsInverse(y: number): number {
  const x = -y;
  let fraction = x;
  for (let k = 80; k >= 1; k -= 1) fraction = x + k / fraction;
  return fraction;
}

const LAPLACE_FROM = -5;

/** ln Phi(y), accurate in both tails. */
function logNormalCdf(y: number): number {
  if (y < LAPLACE_FROM) return -0.5 * y * y - LOG_SQRT_TWO_PI - Math.log(millsInverse(y));
  if (y > 0) return Math.log1p(-normalCdf(-y));
  return Math.log(normalCdf(y));
}

/** d/dy ln Phi(y) = phi(y) / Phi(y). */
function logNormalCdfSlope(y: number): number {
  if (y < LAPLACE_FROM) return millsInverse(y);
  return Math.exp(-0.5 * y * y - LOG_SQRT_TWO_PI) / normalCdf(y);
}

/** Gauss-Kronrod 7-15 nodes on [-1, 1] (nonnegative half) and weights (QUADPACK qk15). */
const KRONROD_NODES = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.58608723546769113029414483825873, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const KRONROD_WEIGHTS = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
/** Gauss weights for the nodes KRONROD_NODES[1], [3], [5], [7]. */
const GAUSS_WEIGHTS = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];

interface Panel {
  low: number;
  high: number;
  value: number;
  error: number;
}

function kronrod(f: (u: number) => number, low: number, high: number): Panel {
  const centre = (low + high) / 2;
  const half = (high - low) / 2;
  const values: number[] = [];
  const middle = f(centre);
  let kronrodSum = (KRONROD_WEIGHTS[7] as number) * middle;
  let gaussSum = (GAUSS_WEIGHTS[3] as number) * middle;
  for (let i = 0; i < 7; i += 1) {
    const offset = half * (KRONROD_NODES[i] as number);
    const below = f(centre - offset);
    const above = f(centre + offset);
    values.push(below, above);
    kronrodSum += (KRONROD_WEIGHTS[i] as number) * (below + above);
    if (i % 2 === 1) gaussSum += (GAUSS_WEIGHTS[(i - 1) / 2] as number) * (below + above);
  }
  // QUADPACK's error estimate (qk15): |K15 - G7| scaled by the integrand's spread
  // around its mean on the panel, since K15 is far more accurate than G7.
  const mean = kronrodSum / 2;
  let spread = (KRONROD_WEIGHTS[7] as number) * Math.abs(middle - mean);
  for (let i = 0; i < 7; i += 1) {
    spread += (KRONROD_WEIGHTS[i] as number) * (Math.abs((values[2 * i] as number) - mean) + Math.abs((values[2 * i + 1] as number) - mean));
  }
  const difference = Math.abs(kronrodSum - gaussSum);
  const error = spread > 0 && difference > 0 ? spread * Math.min(1, (200 * difference / spread) ** 1.5) : difference;
  return { low, high, value: kronrodSum * half, error: error * half };
}

const INTEGRAL_TOLERANCE = 1e-14;
const MOST_PANELS = 4000;
/** The window ends where the integrand has fallen to e^-50 of its peak. */
const WINDOW_DROP = 50;
const UNDERFLOW = -760;

/**
 * Integral of e^(h(u) - peak) between the first and last of the given
 * points, by adaptive Gauss-Kronrod: the points are the first panels, and
 * the panel with the largest error estimate is halved until the estimates add
 * up to less than the tolerance's share of the total.
 */
function integrateAroundPeak(h: (u: number) => number, points: number[], peak: number, tolerance: number): number {
  const f = (u: number) => Math.exp(h(u) - peak);
  const panels: Panel[] = [];
  for (let i = 1; i < points.length; i += 1) panels.push(kronrod(f, points[i - 1] as number, points[i] as number));
  while (panels.length < MOST_PANELS) {
    let total = 0;
    let error = 0;
    let worst = 0;
    panels.forEach((panel, i) => {
      total += panel.value;
      error += panel.error;
      if (panel.error > (panels[worst] as Panel).error) worst = i;
    });
    if (error <= tolerance * total) break;
    const split = panels[worst] as Panel;
    const centre = (split.low + split.high) / 2;
    if (!(centre > split.low && centre < split.high)) break;
    panels.splice(worst, 1, kronrod(f, split.low, centre), kronrod(f, centre, split.high));
  }
  return panels.reduce((total, panel) => total + panel.value, 0);
}

/** Method 2 for q > 0 and finite df; exported for the tests (see noncentralTBySeries). */
export function noncentralTByIntegral(t: number, df: number, ncp: number, upper: boolean): number {
  // The normal argument y(u) = +/-(t e^u - ncp) and its derivative.
  const sign = upper ? -1 : 1;
  const argument = (u: number) => sign * (t * Math.exp(u) - ncp);
  const logDensityConstant = Math.LN2 + scaleConstant(df);
  const h = (u: number) => logNormalCdf(argument(u)) + logDensityConstant - 0.5 * df * expMinusLine(u);
  const slope = (u: number) => logNormalCdfSlope(argument(u)) * sign * t * Math.exp(u) - df * Math.expm1(2 * u);

  // The peak: slope > 0 far left (it tends to df), < 0 far right; located to
  // 1e-9 so that a narrow peak (a cliff where Phi drops) is not missed.
  let left = -1;
  let right = 1;
  for (let step = 1; slope(left) <= 0 && step < 1e6; step *= 2) left -= step;
  for (let step = 1; slope(right) >= 0 && step < 1e6; step *= 2) right += step;
  for (let i = 0; i < 200 && right - left > 1e-9 * (1 + Math.abs(left)); i += 1) {
    const middle = (left + right) / 2;
    if (slope(middle) > 0) left = middle;
    else right = middle;
  }
  const top = (left + right) / 2;
  const peak = h(top);
  // The integral is at most e^peak times the window's width: below e^-760 it is 0 in double precision.
  if (!(peak > UNDERFLOW)) return 0;
  // The peak's width 1 / sqrt(-h''), h'' by a central difference.
  const delta = 1e-7 * (1 + Math.abs(top));
  const curvature = Math.abs(slope(top + delta) - slope(top - delta)) / (2 * delta);
  const width = Math.min(1, 1 / Math.sqrt(Math.max(curvature, 1e-12)));

  // First panels at top -/+ width (1, 3, 7, 15, ...) until the integrand is
  // e^-WINDOW_DROP of its peak: short near the peak, where it changes fastest.
  const points = [top];
  for (let step = width, u = top; h(u) > peak - WINDOW_DROP && step < 1e6; step *= 2) {
    u -= step;
    points.unshift(u);
  }
  for (let step = width, u = top; h(u) > peak - WINDOW_DROP && step < 1e6; step *= 2) {
    u += step;
    points.push(u);
  }

  // Each value of h carries a rounding error of about 1e-16 |h|, so ask no more of the integral than that.
  const tolerance = Math.max(INTEGRAL_TOLERANCE, 1e-15 * Math.abs(peak));
  const value = Math.exp(peak) * integrateAroundPeak(h, points, peak, tolerance);
  return Math.min(1, Math.max(0, value));
}
