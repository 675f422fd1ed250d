# Reference values for src/core/stats/tipping-point.ts (run: Rscript tipping-point.R).
# The largest gap d(t) = rate(k >= t) - rate(k < t) over thresholds t, and its
# exact permutation p: every way to spread the W wins over the groups (sizes
# fixed), weighted by its multivariate hypergeometric probability
# prod(choose(n_k, w_k)) / choose(N, W), summed where the largest gap is at
# least the observed one (relative tolerance 1e-9, as the TypeScript).
largestGap <- function(n, w) {
  N <- sum(n); W <- sum(w); best <- -Inf; arg <- NA
  for (t in 1:(length(n) - 1)) {
    nb <- sum(n[1:t]); wb <- sum(w[1:t])
    if (nb == 0 || nb == N) next
    d <- (W - wb) / (N - nb) - wb / nb
    if (d > best) { best <- d; arg <- t }
  }
  c(gap = best, threshold = arg)
}
exactP <- function(n, w) {
  observed <- largestGap(n, w)[["gap"]]; bar <- observed - 1e-9 * max(1, abs(observed))
  W <- sum(w); N <- sum(n); total <- 0
  spread <- function(k, left, counts) {
    if (k == length(n)) {
      if (left > n[k]) return(0)
      counts <- c(counts, left)
      prob <- exp(sum(lchoose(n, counts)) - lchoose(N, W))
      return(if (largestGap(n, counts)[["gap"]] >= bar) prob else 0)
    }
    s <- 0
    for (x in max(0, left - sum(n[(k + 1):length(n)])):min(n[k], left)) s <- s + spread(k + 1, left - x, c(counts, x))
    s
  }
  spread(1, W, c())
}
for (case in list(list(n = c(10, 12, 9, 7), w = c(1, 2, 5, 5)), list(n = c(8, 8, 8), w = c(3, 4, 4)))) {
  g <- largestGap(case$n, case$w)
  cat(sprintf("// R: largestGap(n = c(%s), w = c(%s)) -> t = %d, gap %.17g; exactP -> %.17g\n",
    paste(case$n, collapse = ", "), paste(case$w, collapse = ", "), g[["threshold"]], g[["gap"]], exactP(case$n, case$w)))
}

# The leads of test/core/qualification.test.ts: 2 criteria (budget, champion);
# 10 leads meet neither (1 won), 8 budget only (2), 6 champion only (2), 9 both (6).
newcombe <- function(xp, np, xc, nc) {
  a <- prop.test(xp, np, correct = FALSE)$conf.int; b <- prop.test(xc, nc, correct = FALSE)$conf.int
  qp <- xp / np; qc <- xc / nc; d <- qp - qc
  c(d, d - sqrt((qp - a[1])^2 + (b[2] - qc)^2), d + sqrt((a[2] - qp)^2 + (qc - b[1])^2))
}
cat(sprintf("// R: prop.test(1, 10, correct = FALSE)$conf.int -> %.17g, %.17g\n", prop.test(1, 10, correct = FALSE)$conf.int[1], prop.test(1, 10, correct = FALSE)$conf.int[2]))
cat(sprintf("// R: prop.test(4, 14, correct = FALSE)$conf.int -> %.17g, %.17g\n", prop.test(4, 14, correct = FALSE)$conf.int[1], prop.test(4, 14, correct = FALSE)$conf.int[2]))
cat(sprintf("// R: prop.test(6, 9, correct = FALSE)$conf.int -> %.17g, %.17g\n", prop.test(6, 9, correct = FALSE)$conf.int[1], prop.test(6, 9, correct = FALSE)$conf.int[2]))
cat(sprintf("// R: newcombe(8, 17, 3, 16) (budget met vs not) -> %.17g, %.17g, %.17g\n", newcombe(8, 17, 3, 16)[1], newcombe(8, 17, 3, 16)[2], newcombe(8, 17, 3, 16)[3]))
cat(sprintf("// R: newcombe(8, 15, 3, 18) (champion met vs not) -> %.17g, %.17g, %.17g\n", newcombe(8, 15, 3, 18)[1], newcombe(8, 15, 3, 18)[2], newcombe(8, 15, 3, 18)[3]))
cat(sprintf("// R: newcombe(6, 9, 5, 24) (tipping split, at least 2 vs below) -> %.17g, %.17g, %.17g\n", newcombe(6, 9, 5, 24)[1], newcombe(6, 9, 5, 24)[2], newcombe(6, 9, 5, 24)[3]))
g <- largestGap(c(10, 14, 9), c(1, 4, 6))
cat(sprintf("// R: largestGap(n = c(10, 14, 9), w = c(1, 4, 6)) -> t = %d, gap %.17g; exactP -> %.17g\n", g[["threshold"]], g[["gap"]], exactP(c(10, 14, 9), c(1, 4, 6))))

# Groups large enough that the TypeScript draws their wins by inversion from the mode (more than 32 leads).
g <- largestGap(c(300, 250, 150), c(40, 45, 38))
cat(sprintf("// R: largestGap(n = c(300, 250, 150), w = c(40, 45, 38)) -> t = %d, gap %.17g; exactP -> %.17g\n", g[["threshold"]], g[["gap"]], exactP(c(300, 250, 150), c(40, 45, 38))))
# The hypergeometric the draws use: wins among 200 leads taken from 1,000 of which 300 won.
cat(sprintf("// R: phyper(c(50, 55, 60, 65, 70), 300, 700, 200) -> %s\n", paste(sprintf("%.17g", phyper(c(50, 55, 60, 65, 70), 300, 700, 200)), collapse = ", ")))
