# Reference values for newcombeP in src/core/stats/newcombe.ts (run: Rscript newcombe-p.R).
# The Newcombe hybrid score interval written from statistics.md section 4 at a
# given z (Wilson from its formula, not prop.test, so that any z works), and
# its p: the smallest alpha at which the interval at 1 - alpha excludes 0,
# by uniroot on log(alpha) (so that small p keep their relative precision).
source("common.R")
wilsonZ <- function(x, n, z) {
  q <- x / n; centre <- (q + z^2 / (2 * n)) / (1 + z^2 / n)
  half <- z / (1 + z^2 / n) * sqrt(q * (1 - q) / n + z^2 / (4 * n^2))
  c(low = if (x == 0) 0 else max(0, centre - half), high = if (x == n) 1 else min(1, centre + half))
}
newcombeZ <- function(xp, np, xc, nc, z) {
  a <- wilsonZ(xp, np, z); b <- wilsonZ(xc, nc, z); qp <- xp / np; qc <- xc / nc; d <- qp - qc
  c(estimate = d, low = d - sqrt((qp - a[["low"]])^2 + (b[["high"]] - qc)^2), high = d + sqrt((a[["high"]] - qp)^2 + (qc - b[["low"]])^2))
}
newcombeP <- function(xp, np, xc, nc) {
  d <- xp / np - xc / nc
  if (d == 0) return(1)
  # the bound nearer 0, as a function of log(alpha): negative (contains 0) for small alpha
  bound <- function(la) { r <- newcombeZ(xp, np, xc, nc, qnorm(exp(la) / 2, lower.tail = FALSE)); if (d > 0) r[["low"]] else -r[["high"]] }
  exp(uniroot(bound, c(log(1e-300), log(1 - 1e-15)), tol = 1e-14, maxiter = 10000)$root)
}
cat("// newcombeP(xp, np, xc, nc): exp(uniroot(function(la) low end of newcombeZ(xp, np, xc, nc, qnorm(exp(la)/2, lower.tail = FALSE)) (-high end when d < 0), c(log(1e-300), log(1 - 1e-15)), tol = 1e-14)$root)\n")
for (case in list(c(56, 70, 48, 80), c(9, 10, 3, 10), c(6, 7, 2, 7), c(5, 56, 0, 29), c(10, 10, 0, 20), c(30, 200, 45, 210), c(7, 9, 120, 500), c(0, 10, 3, 20), c(1, 2, 0, 2))) {
  p <- newcombeP(case[1], case[2], case[3], case[4])
  check <- newcombeZ(case[1], case[2], case[3], case[4], qnorm(p / 2, lower.tail = FALSE))
  cat(sprintf("    // R: newcombeP(%s) (bound at that alpha: %.3g)\n    [%s, %.17g],\n", paste(case, collapse = ", "), if (check[["estimate"]] > 0) check[["low"]] else check[["high"]], paste(case, collapse = ", "), p))
}
