source("common.R")
mde <- function(vp, vc, mc, conf, power) { a <- (qnorm(1 - (1 - conf)/2) + qnorm(power)) * sqrt(vp + vc); c(absolute = a, relative = a / abs(mc)) }
show("mdeSleep", "mde(var(g1)/10, var(g2)/10, mean(g2), 0.95, 0.8) = (qnorm(0.975) + qnorm(0.8)) * sqrt(vp + vc), / abs(mc)", mde(var(g1)/10, var(g2)/10, mean(g2), 0.95, 0.8))
show("mdeMtcars90", "mde(var(mpgManual)/13, var(mpgAutomatic)/19, mean(mpgAutomatic), 0.9, 0.9)", mde(var(mpgManual)/13, var(mpgAutomatic)/19, mean(mpgAutomatic), 0.9, 0.9))
show("mdeNegative", "mde(var(pilotN)/6, var(controlN)/8, mean(controlN), 0.99, 0.8)", mde(var(pilotN)/6, var(controlN)/8, mean(controlN), 0.99, 0.8))
n <- function(mc, sp, sc, L, conf, power) (qnorm(1 - (1 - conf)/2) + qnorm(power))^2 * (sp^2 + sc^2) / (L * mc)^2
for (case in list(c(100, 30, 30, 0.1, 0.95, 0.8), c(250, 120, 90, 0.05, 0.9, 0.9), c(0.2, 0.4, 0.4, 0.15, 0.99, 0.8), c(-50, 20, 25, 0.2, 0.95, 0.8), c(1000, 10, 10, 0.5, 0.95, 0.8))) {
  v <- n(case[1], case[2], case[3], case[4], case[5], case[6])
  show(sprintf("n_%s", paste(case, collapse = "_")), sprintf("(qnorm(1 - (1 - %g)/2) + qnorm(%g))^2 * (%g^2 + %g^2) / (%g * %g)^2", case[5], case[6], case[2], case[3], case[4], case[1]), c(raw = v, units = ceiling(v)))
}
# power.t.test as a cross-check of the normal approximation (t-based, so a little larger)
show("powerTTest", "power.t.test(delta = 10, sd = 30, sig.level = 0.05, power = 0.8)$n", c(n = power.t.test(delta = 10, sd = 30, sig.level = 0.05, power = 0.8)$n))

# ---- Exact power (statistics.md section 7), from R's pt with a noncentrality, as power.t.test(strict = TRUE) ----
pwr <- function(d, se, df, conf) { c <- qt(1 - (1 - conf) / 2, df); 1 - pt(c, df, d / se) + pt(-c, df, d / se) }
pwrWelch <- function(d, sp, sc, np, nc, conf) {
  vp <- sp^2 / np; vc <- sc^2 / nc
  pwr(d, sqrt(vp + vc), (vp + vc)^2 / (vp^2 / (np - 1) + vc^2 / (nc - 1)), conf)
}
pwrAdjusted <- function(d, sr, n, conf) pwr(d, sr * sqrt(2 / n), 2 * n - 3, conf)
# Beyond |ncp| = 37.62 R's pt is a normal approximation: there use the accurate tails of noncentral-t.R.
source("noncentral-t.R")
pwrExact <- function(d, se, df, conf) { c <- qt(1 - (1 - conf) / 2, df); ptBest(c, df, d / se, FALSE)$value + ptBest(-c, df, d / se, TRUE)$value }
cat("// pwr(d, se, df, conf) = 1 - pt(qt(1 - (1 - conf)/2, df), df, d/se) + pt(-qt(1 - (1 - conf)/2, df), df, d/se)\n")
for (case in list(c(1, 0.5, 10, 0.95), c(-1, 0.5, 10, 0.95), c(2.3, 1.1, 17.776, 0.9), c(0.4, 0.1, 3.2, 0.99), c(1, 0.5, Inf, 0.95), c(5, 1, 1, 0.95), c(1e-3, 1, 30, 0.95), c(30, 1, 2.5, 0.999))) {
  show(sprintf("p_%s", paste(case, collapse = "_")), sprintf("pwr(%s)", paste(case, collapse = ", ")), c(power = pwr(case[1], case[2], case[3], case[4])))
}
mde <- function(se, df, conf, power, f = pwr) uniroot(function(d) f(d, se, df, conf) - power, c(0, 1e4 * se), tol = 1e-14 * se)$root
cat("// mde(se, df, conf, power) = uniroot(function(d) pwr(d, se, df, conf) - power, c(0, 1e4 * se), tol = 1e-14 * se)$root\n")
for (case in list(c(1, 10, 0.95, 0.8), c(0.37, 4.3, 0.9, 0.9), c(1, Inf, 0.95, 0.8), c(1e-6, 250.5, 0.95, 0.8))) {
  show(sprintf("mde_%s", paste(case, collapse = "_")), sprintf("mde(%s)", paste(case, collapse = ", ")), c(mde = mde(case[1], case[2], case[3], case[4])))
}
cat("// beyond ncp = 37.62: mde(..., f = pwrExact), pwrExact the same formula with ptBest from noncentral-t.R; pt's approximation in the comment\n")
for (case in list(c(2.5, 1, 0.99, 0.8), c(1, 1, 0.999, 0.999), c(1, 1, 0.999, 0.8))) {
  show(sprintf("mdeExact_%s", paste(case, collapse = "_")), sprintf("mde(%s, f = pwrExact); with pt: %.10g", paste(case, collapse = ", "), mde(case[1], case[2], case[3], case[4])), c(mde = mde(case[1], case[2], case[3], case[4], pwrExact)))
}
cat("// the accurate tails against pt where pt is exact\n")
show("pwrExactCheck", "pwrExact(1, 0.5, 10, 0.95)", c(power = pwrExact(1, 0.5, 10, 0.95)))
vs <- var(g1) / 10; vc <- var(g2) / 10
show("mdeSleepExact", "mde(sqrt(var(g1)/10 + var(g2)/10), welch df, 0.95, 0.8)", c(se = sqrt(vs + vc), df = (vs + vc)^2 / (vs^2 / 9 + vc^2 / 9), mde = mde(sqrt(vs + vc), (vs + vc)^2 / (vs^2 / 9 + vc^2 / 9), 0.95, 0.8)))
# smallest n >= 2 with power >= target: walk n up from the normal approximation's answer minus a margin
smallestN <- function(powerAt, target) { n <- 2; while (powerAt(n) < target) n <- n + 1; n }
cat("// units: smallest n with power.t.test(n = n, delta, sd, sig.level, strict = TRUE)$power >= power\n")
for (case in list(c(10, 30, 0.95, 0.8), c(1, 1, 0.95, 0.8), c(0.5, 2, 0.9, 0.9), c(3, 1, 0.99, 0.8), c(100, 1, 0.95, 0.8))) {
  powerAt <- function(n) power.t.test(n = n, delta = case[1], sd = case[2], sig.level = 1 - case[3], strict = TRUE)$power
  n <- smallestN(powerAt, case[4])
  show(sprintf("units_%s", paste(case, collapse = "_")), sprintf("power.t.test(n, delta = %g, sd = %g, sig.level = %g, strict = TRUE) at n - 1 and n", case[1], case[2], 1 - case[3]), c(n = n, before = if (n > 2) powerAt(n - 1) else NA, at = powerAt(n)))
}
show("powerTTestN", "power.t.test(delta = 10, sd = 30, power = 0.8, strict = TRUE)$n", c(n = power.t.test(delta = 10, sd = 30, power = 0.8, strict = TRUE)$n))
cat("// unequal spreads: smallest n with pwrWelch(d, sp, sc, n, n, conf) >= power\n")
for (case in list(c(10, 30, 20, 0.95, 0.8), c(-2, 1, 5, 0.9, 0.9), c(1, 0.1, 3, 0.95, 0.8))) {
  powerAt <- function(n) pwrWelch(case[1], case[2], case[3], n, n, case[4])
  n <- smallestN(powerAt, case[5])
  show(sprintf("welchUnits_%s", paste(case, collapse = "_")), sprintf("pwrWelch(%g, %g, %g, n, n, %g) at n - 1 and n", case[1], case[2], case[3], case[4]), c(n = n, before = if (n > 2) powerAt(n - 1) else NA, at = powerAt(n)))
}
cat("// adjusted: smallest n with pwrAdjusted(d, sr, n, conf) = pwr(d, sr * sqrt(2/n), 2n - 3, conf) >= power\n")
for (case in list(c(10, 20, 0.95, 0.8), c(1, 1, 0.95, 0.8), c(5, 1, 0.95, 0.8), c(0.2, 1, 0.99, 0.9))) {
  powerAt <- function(n) pwrAdjusted(case[1], case[2], n, case[3])
  n <- smallestN(powerAt, case[4])
  show(sprintf("adjustedUnits_%s", paste(case, collapse = "_")), sprintf("pwrAdjusted(%g, %g, n, %g) at n - 1 and n", case[1], case[2], case[3]), c(n = n, before = if (n > 2) powerAt(n - 1) else NA, at = powerAt(n)))
}
cat("// unequal arms\n")
for (case in list(c(10, 30, 20, 30, 50, 0.95), c(1, 1, 1, 6, 6, 0.95), c(-3, 2, 4, 4, 25, 0.9))) {
  show(sprintf("unequal_%s", paste(case, collapse = "_")), sprintf("pwrWelch(%s)", paste(case, collapse = ", ")), c(power = pwrWelch(case[1], case[2], case[3], case[4], case[5], case[6])))
}
show("equalArmsTTest", "power.t.test(n = 6, delta = 1, sd = 1, strict = TRUE)$power", c(power = power.t.test(n = 6, delta = 1, sd = 1, strict = TRUE)$power))
# the simulation check in power.test.ts: 6 vs 6, sd 1, nu = 10
show("sixBySix", "mde(sqrt(2/6), 10, 0.95, 0.8); pwr((qnorm(0.975) + qnorm(0.8)) * sqrt(2/6), sqrt(2/6), 10, 0.95)",
  c(exact = mde(sqrt(2 / 6), 10, 0.95, 0.8), normal = (qnorm(0.975) + qnorm(0.8)) * sqrt(2 / 6), powerAtNormal = pwr((qnorm(0.975) + qnorm(0.8)) * sqrt(2 / 6), sqrt(2 / 6), 10, 0.95)))
