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
