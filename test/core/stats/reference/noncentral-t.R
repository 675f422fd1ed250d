# Reference values for src/core/stats/noncentral-t.ts (run: Rscript noncentral-t.R).
# Three independent computations of the noncentral t tails:
#  - R's own pt(q, df, ncp): AS 243, accurate to about 1e-12 ABSOLUTE, and only
#    for df <= 4e5 and |ncp| <= 37.62 (beyond, R uses a normal approximation);
#    the tail on the far side of the sum is 1 minus the sum.
#  - ptSeries: the Poisson mixture summed term by term with R's pbeta (TOMS 708)
#    for each incomplete beta or its complement (no recurrence), in the
#    positive-term form for each tail (not for P(T > q), q > 0, ncp < 0).
#  - ptIntegral: integrate() over the scale s = sqrt(V / df), all terms positive;
#    used for that subtracting tail and for df > 1e5 only (integrate() can miss
#    the mass of a deep tail that sits far from the density's bulk).
source("common.R")
ptSeries <- function(q, df, ncp, lower = TRUE) {
  if (q < 0) return(ptSeries(-q, df, -ncp, !lower))
  if (q == 0) return(pnorm(-ncp, lower.tail = lower))
  stopifnot(lower || ncp >= 0)
  x <- q^2 / (q^2 + df); lambda <- ncp^2 / 2
  j <- seq(max(0, floor(lambda - 60 * sqrt(lambda) - 50)), ceiling(lambda + 60 * sqrt(lambda) + 400))
  P <- dpois(j, lambda)
  Q <- sign(ncp) * sqrt(lambda) * exp(dpois(j, lambda, log = TRUE) + lgamma(j + 1) - lgamma(j + 1.5))
  # pbeta's complement is computed directly (lower.tail = FALSE), so no terms cancel.
  terms <- P * pbeta(x, j + 0.5, df / 2, lower.tail = lower) + Q * pbeta(x, j + 1, df / 2, lower.tail = lower)
  min(1, (if (lower) pnorm(-ncp) else 0) + sum(sort(terms)) / 2)
}
ptIntegral <- function(q, df, ncp, lower = TRUE) {
  # density of s = sqrt(V / df): 2 df s dchisq(df s^2, df); the window holds all but e^-60 of it
  sd <- 1 / sqrt(2 * df)
  from <- if (df > 1e3) max(0, 1 - 60 * sd) else 0
  to <- if (df > 1e3) 1 + 60 * sd else sqrt(qchisq(1e-30, df, lower.tail = FALSE) / df)
  density <- function(s) exp(log(2 * df * s) + dchisq(df * s^2, df, log = TRUE))
  f <- function(s) (if (lower) pnorm(q * s - ncp) else pnorm(ncp - q * s)) * density(s)
  # the tightest tolerance integrate() accepts, loosened only if it reports roundoff
  quad <- function(g) {
    for (tol in c(1.2e-14, 1e-13, 1e-12)) {
      r <- tryCatch(integrate(g, from, to, rel.tol = tol, abs.tol = 0, subdivisions = 5000L), error = function(e) NULL)
      if (!is.null(r)) return(structure(r$value, tol = tol))
    }
    NA
  }
  value <- quad(f)
  # for large df, dchisq's normalisation is off by a few 1e-13: divide by the density's own integral
  if (df > 1e3) value <- structure(value / quad(density), tol = attr(value, "tol"))
  value
}
# The most accurate of the two for one tail: the series unless it would subtract.
ptBest <- function(q, df, ncp, lower = TRUE) {
  hard <- (q > 0 && !lower && ncp < 0) || (q < 0 && lower && ncp > 0)
  if (hard || df > 1e5) list(value = ptIntegral(q, df, ncp, lower), how = "ptIntegral") else list(value = ptSeries(q, df, ncp, lower), how = "ptSeries")
}
call <- function(fn, q, df, ncp, lower) sprintf("%s(%s, %s, %s%s)", fn, format(q), format(df), format(ncp), if (lower) "" else ", lower.tail = FALSE")

# The pinned values, printed when this file is run (not when another script sources it).
if (sys.nframe() == 0L) {
  # 1. The grid against R's pt, where pt agrees with the accurate reference to 1e-10 in both tails.
  grid <- expand.grid(q = c(-4, -1, 0, 1.96, 3, 8), ncp = c(-3, 0, 0.5, 2, 5, 12), df = c(1, 2.5, 5, 11.7, 30, 200, 1e5))
  cat("  // R: c(pt(q, df, ncp), pt(q, df, ncp, lower.tail = FALSE))\n")
  inaccurate <- list()
  for (i in seq_len(nrow(grid))) {
    q <- grid$q[i]; df <- grid$df[i]; ncp <- grid$ncp[i]
    r <- c(pt(q, df, ncp), pt(q, df, ncp, lower.tail = FALSE))
    best <- c(ptBest(q, df, ncp, TRUE)$value, ptBest(q, df, ncp, FALSE)$value)
    ok <- abs(r / best - 1) <= 1e-10
    if (all(ok)) cat(sprintf("  [%s, %s, %s, %.17g, %.17g],\n", format(q), format(df), format(ncp), r[1], r[2]))
    for (k in which(!ok)) inaccurate[[length(inaccurate) + 1]] <- list(q = q, df = df, ncp = ncp, lower = k == 1, pt = r[k])
  }

  # 2. The grid's tails where R's pt is not that accurate (a small tail computed as 1 minus a sum, or df = 1e5).
  cat("\n")
  for (x in inaccurate) {
    b <- ptBest(x$q, x$df, x$ncp, x$lower)
    cat(sprintf("  // R: %s; %s = %.6g\n  [%s, %s, %s, '%s', %.17g],\n", call(b$how, x$q, x$df, x$ncp, x$lower), call("pt", x$q, x$df, x$ncp, x$lower), x$pt,
      format(x$q), format(x$df), format(x$ncp), if (x$lower) "lower" else "upper", b$value))
  }

  # 3. Beyond R's exact range: df > 4e5 and |ncp| > 37.62, where pt is A&S 26.7.10's normal approximation, and df = Inf.
  cat("\n")
  for (df in c(1, 5, 30, 1e6, 1e7, Inf)) for (ncp in c(-40, -3, 2, 40)) for (q in c(-1, 1.96, 45)) for (lower in c(TRUE, FALSE)) {
    if (is.finite(df) && df < 1e6 && abs(ncp) < 40) next
    if (is.infinite(df)) { v <- pnorm(q - ncp, lower.tail = lower); how <- sprintf("pnorm(%s - %s%s)", format(q), format(ncp), if (lower) "" else ", lower.tail = FALSE") }
    else { b <- ptBest(q, df, ncp, lower); v <- b$value; how <- call(b$how, q, df, ncp, lower) }
    if (v < 1e-300 || v > 1 - 1e-9) next
    cat(sprintf("  // R: %s; %s = %.6g\n  [%s, %s, %s, '%s', %.17g],\n", how, call("pt", q, df, ncp, lower), pt(q, df, ncp, lower.tail = lower),
      format(q), if (is.infinite(df)) "Infinity" else format(df), format(ncp), if (lower) "lower" else "upper", v))
  }
}
