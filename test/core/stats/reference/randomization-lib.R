# Randomization inference (statistics.md, section 10) in base R, written
# independently of src/core/stats/randomization.ts: the functions that
# randomization.R and test/fixtures/projects/small/reference-headline.R use.
TIE <- 1 - 1e-9
g15 <- function(x) if (is.na(x)) "null" else sprintf("%.15g", x)
tval <- function(num, v) if (v > 0) num / sqrt(v) else if (num != 0) sign(num) * Inf else 0

# Each statistic returns c(estimate, T) for outcomes y under assignment w.
welchStat <- function(y, w) {
  p <- y[w == 1]; q <- y[w == 0]
  est <- mean(p) - mean(q)
  c(est, tval(est, var(p) / length(p) + var(q) / length(q)))
}
deltaStat <- function(N) function(Y, w) {
  arm <- function(s) {
    m <- sum(Y[s]) / sum(N[s]); e <- Y[s] - m * N[s]; n <- sum(s)
    c(m, sum(e^2) / ((n - 1) * n * mean(N[s])^2))
  }
  a <- arm(w == 1); b <- arm(w == 0)
  c(a[1] - b[1], tval(a[1] - b[1], a[2] + b[2]))
}
ancovaStat <- function(x) function(y, w) {
  X <- cbind(1, w, x)
  fit <- lm.fit(X, y)
  v <- sum(fit$residuals^2) / (length(y) - 3) * solve(crossprod(X))[2, 2]
  c(fit$coefficients[[2]], tval(fit$coefficients[[2]], v))
}

# Omega as a 0/1 matrix, one assignment per row.
omega <- function(z, blocks = rep(1, length(z))) {
  ids <- unique(blocks)
  per <- lapply(ids, function(b) {
    u <- which(blocks == b)
    cm <- combn(length(u), sum(z[u]))
    lapply(seq_len(ncol(cm)), function(k) u[cm[, k]])
  })
  grid <- expand.grid(lapply(per, seq_along))
  W <- matrix(0L, nrow(grid), length(z))
  for (r in seq_len(nrow(grid))) for (b in seq_along(ids)) W[r, per[[b]][[grid[r, b]]]] <- 1L
  W
}

pvalue <- function(stat, y0, z, W) {
  tobs <- stat(y0, z)[2]
  tw <- apply(W, 1, function(w) stat(y0, w)[2])
  mean(abs(tw) >= abs(tobs) * TIE)
}

# Step outward by s, 2s, 4s, ... (offsets min(2^k, 1e6) s, k = 0..20), then bisect to 1e-7 s.
invert <- function(accept, x0, s) {
  side <- function(sign) {
    inside <- x0; outside <- NA
    for (k in 0:20) {
      x <- x0 + sign * min(2^k, 1e6) * s
      if (!accept(x)) { outside <- x; break }
      inside <- x
    }
    if (is.na(outside)) return(NA)
    while (abs(outside - inside) >= 1e-7 * s) {
      mid <- (inside + outside) / 2
      if (accept(mid)) inside <- mid else outside <- mid
    }
    inside
  }
  c(low = side(-1), high = side(1))
}
reachZero <- function(b, p0, alpha) {
  if (p0 > alpha) {
    if (!is.na(b[["low"]]) && b[["low"]] > 0) b[["low"]] <- 0
    if (!is.na(b[["high"]]) && b[["high"]] < 0) b[["high"]] <- 0
  }
  b
}

# y: outcomes, gabs: absolute direction (z, or N z), est/se: the large-sample d and se,
# lift/scale: the relative estimate and its scale (NA: none).
analyse <- function(label, call, stat, y, gabs, z, W, conf, est, se, lift = NA, scale = NA) {
  alpha <- 1 - conf
  p0 <- pvalue(stat, y, z, W)
  t0 <- apply(W, 1, function(w) stat(y, w)[2])
  largest <- max(abs(t0))
  minimumP <- mean(abs(t0) >= largest * TIE)
  acceptAbs <- function(tau) pvalue(stat, y - tau * gabs, z, W) > alpha
  start <- est
  if (!acceptAbs(start)) start <- stat(y, z)[1] / stat(gabs, z)[1]
  abs <- reachZero(invert(acceptAbs, start, se), p0, alpha)
  rel <- c(low = NA, high = NA); relStart <- NA; fallback <- FALSE
  if (!is.na(lift)) {
    # y / (1 + rho)^z = y exp(-phi z); for phi < 0 times exp(phi) (T ignores a positive factor) to avoid overflow.
    shifted <- function(phi) if (phi >= 0) y * exp(-phi * z) else y * exp(phi * (1 - z))
    acceptRel <- function(phi) pvalue(stat, shifted(phi), z, W) > alpha
    relStart <- log1p(lift)
    if (!acceptRel(relStart)) {
      fallback <- TRUE
      theta0 <- stat(y, z)[1] / stat(y * z, z)[1]
      relStart <- if (theta0 < 1) -log1p(-theta0) else NA
    }
    # No lift above -100% makes the observed estimate 0: no relative interval.
    if (!is.na(relStart)) rel <- expm1(reachZero(invert(acceptRel, relStart, se / scale), p0, alpha))
  }
  cat(sprintf("// R: %s\n", call))
  cat(sprintf("%s: { assignments: %d, p: %s, minimumP: %s, observedT: %s, low: %s, high: %s, relativeLow: %s, relativeHigh: %s, relativeStart: %s, fallback: %s },\n",
    label, nrow(W), g15(p0), g15(minimumP), g15(stat(y, z)[2]), g15(abs[["low"]]), g15(abs[["high"]]),
    g15(rel[["low"]]), g15(rel[["high"]]), g15(relStart), tolower(fallback)))
}

