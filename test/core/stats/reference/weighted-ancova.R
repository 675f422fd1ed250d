# Section 11: weighted least squares of the pilot-period ratio r = Y / N on
# pilot and the pre-period ratio x, weights N, HC2 with the weights read as
# inverse-variance weights, Satterthwaite df: clubSandwich's CR2 with every
# unit its own cluster. Values for test/core/stats/weighted-ancova.test.ts.
#
#   cd test/core/stats/reference && Rscript weighted-ancova.R
suppressMessages(library(clubSandwich))
g <- function(x) if (is.na(x)) "null" else sprintf("%.15g", x)
wls <- function(label, Y, N, Ypre, Npre, pilot, conf) {
  r <- Y / N; x <- Ypre / Npre
  fit <- lm(r ~ pilot + x, weights = N)
  V <- vcovCR(fit, cluster = seq_along(r), type = "CR2", inverse_var = TRUE)
  ct <- coef_test(fit, vcov = V, test = "Satterthwaite")
  ci <- conf_int(fit, vcov = V, level = conf, test = "Satterthwaite")
  b <- coef(fit); k <- "pilotTRUE"
  keep <- N > 0
  den <- b[[1]] + b[[3]] * weighted.mean(x[keep], N[keep])
  values <- c(estimate = b[[k]], se = ct[k, "SE"], df = ct[k, "df_Satt"], low = ci[k, "CI_L"], high = ci[k, "CI_U"],
    p = ct[k, "p_Satt"], intercept = b[[1]], slope = b[[3]], meanBaseline = weighted.mean(x[keep], N[keep]),
    liftEstimate = b[[k]] / den, liftLow = ci[k, "CI_L"] / den, liftHigh = ci[k, "CI_U"] / den)
  cat(sprintf("// R: %s at confidence %g\n", label, conf))
  cat(sprintf("{ %s },\n", paste(sprintf("%s: %s", names(values), sapply(values, g)), collapse = ", ")))
  # The closed form used by weighted-ancova.ts (within-arm weighted sums), checked against clubSandwich here.
  w <- N[keep]; r <- r[keep]; x <- x[keep]; z <- pilot[keep]
  W <- ifelse(z, sum(w[z]), sum(w[!z]))
  xa <- ifelse(z, weighted.mean(x[z], w[z]), weighted.mean(x[!z], w[!z]))
  d <- x - xa; S <- sum(w * d^2); delta <- weighted.mean(x[z], w[z]) - weighted.mean(x[!z], w[!z])
  h <- w / W + w * d^2 / S
  cb <- ifelse(z, 1, -1) / W - delta * d / S # (B x_i)[2]
  e <- residuals(fit)[keep]
  v22 <- sum(w^2 * cb^2 * e^2 / (1 - h))
  gg <- cb^2 * w / (1 - h) # g_i^2
  u <- gg * w
  cross <- sum(tapply(u, z, sum)^2 / tapply(w, z, sum)^2) + 2 * sum(tapply(u * d, z, sum)^2 / tapply(w, z, sum)) / S + sum(u * d^2)^2 / S^2
  dfHand <- sum(gg * (1 - h))^2 / (sum(gg^2 * (1 - 2 * h)) + cross)
  cat(sprintf("// closed form - clubSandwich: se %.3g, df %.3g\n", sqrt(v22) / ct[k, "SE"] - 1, dfHand / ct[k, "df_Satt"] - 1))
}

# A: 5 pilot vs 6 control reps, win rates with uneven opportunity counts.
A <- list(
  Y = c(9, 4, 15, 2, 7, 5, 11, 3, 6, 1, 8), N = c(30, 12, 41, 8, 19, 22, 45, 14, 27, 6, 33),
  Ypre = c(6, 3, 10, 1, 6, 5, 9, 4, 5, 2, 6), Npre = c(28, 15, 35, 9, 22, 25, 40, 16, 24, 10, 30),
  pilot = c(rep(TRUE, 5), rep(FALSE, 6)))
# B: 8 vs 8 reps, follow-up rates.
B <- list(
  Y = c(31, 18, 44, 25, 12, 38, 20, 27, 22, 15, 35, 19, 9, 28, 16, 24),
  N = c(52, 30, 70, 41, 25, 58, 36, 44, 49, 33, 66, 40, 21, 55, 31, 47),
  Ypre = c(24, 15, 33, 20, 11, 30, 16, 19, 23, 14, 32, 17, 10, 25, 15, 20),
  Npre = c(50, 33, 64, 45, 27, 55, 38, 40, 51, 30, 61, 42, 24, 52, 35, 44),
  pilot = c(rep(TRUE, 8), rep(FALSE, 8)))
# C: one dominant weight: the first control rep has 400 opportunities, the rest 6 to 30.
C <- list(
  Y = c(5, 8, 3, 6, 9, 4, 96, 4, 7, 2, 5, 3, 6),
  N = c(14, 22, 9, 17, 30, 11, 400, 18, 25, 6, 20, 12, 21),
  Ypre = c(4, 6, 2, 4, 8, 3, 88, 3, 5, 2, 4, 3, 4),
  Npre = c(15, 20, 10, 16, 28, 12, 380, 16, 22, 8, 19, 13, 20),
  pilot = c(rep(TRUE, 6), rep(FALSE, 7)))
# D: A with a twelfth rep (control) that had no opportunities in the pilot period: weight 0, ratio NaN. lm drops it.
D <- list(Y = c(A$Y, 0), N = c(A$N, 0), Ypre = c(A$Ypre, 3), Npre = c(A$Npre, 11), pilot = c(A$pilot, FALSE))

run <- function(label, d, conf) wls(label, d$Y, d$N, d$Ypre, d$Npre, d$pilot, conf)
run("A: 5 vs 6", A, 0.95)
run("A: 5 vs 6", A, 0.9)
run("B: 8 vs 8", B, 0.95)
run("B: 8 vs 8", B, 0.9)
run("C: one dominant weight", C, 0.95)
run("D: A plus a control rep with N = 0", D, 0.95)
# G: 2 vs 2 units, ratios and weights given directly (Y = r N, Npre = 1).
G <- list(r = c(0.45, 0.5, 0.2, 0.3), N = c(9, 11, 10, 12), x = c(0.2, 0.35, 0.1, 0.3), pilot = c(TRUE, TRUE, FALSE, FALSE))
wls("G: 2 vs 2", G$r * G$N, G$N, G$x, rep(1, 4), G$pilot, 0.95)

# An assignment the randomization test can meet that weightedAncova() refuses as observed data
# (weightedAncovaStatistic follows clubSandwich on it).
robust <- function(label, r, N, x, pilot) {
  fit <- lm(r ~ pilot + x, weights = N)
  V <- vcovCR(fit, cluster = seq_along(r), type = "CR2", inverse_var = TRUE)
  ct <- suppressWarnings(coef_test(fit, vcov = V, test = "Satterthwaite")) # se of x is NaN under leverage one
  cat(sprintf("// R: %s: coefficient of x %s, CR2 adjustments %s\n", label, g(coef(fit)[["x"]]),
    paste(sprintf("%.6g", sapply(attr(V, "adjustments"), c)), collapse = " ")))
  cat(sprintf("{ estimate: %s, se: %s },\n", g(coef(fit)[["pilotTRUE"]]), g(ct["pilotTRUE", "SE"])))
}
# E: leverage one. The pilot arm's 2 units are the only baselines that vary, so the fit passes through
# both; clubSandwich gives them the CR2 adjustment 0 and se rests on the control arm alone.
E <- list(r = c(0.30, 0.42, 0.21, 0.25, 0.18, 0.27), N = c(20, 30, 15, 25, 18, 22), x = c(0.2, 0.35, 0.2, 0.2, 0.2, 0.2))
robust("E: leverage one", E$r, E$N, E$x, c(TRUE, TRUE, FALSE, FALSE, FALSE, FALSE))
