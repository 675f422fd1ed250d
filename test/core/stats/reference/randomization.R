# Randomization inference (statistics.md, section 10), written independently
# of src/core/stats/randomization.ts with base R only: every assignment is
# listed with combn (expand.grid across blocks), T is recomputed from the
# shifted outcomes for every null (t.test's formula, the delta method, lm.fit),
# and the interval is found by the same step-and-bisect search.
#
#   cd test/core/stats/reference && Rscript randomization.R
source("common.R")
source("randomization-lib.R")

# A. Means, 4 vs 5, Welch.
pilotW <- c(12.1, 15.3, 9.8, 14.6); controlW <- c(8.7, 11.2, 7.9, 10.4, 9.5)
y <- c(pilotW, controlW); z <- c(rep(1, 4), rep(0, 5))
tt <- t.test(pilotW, controlW)
analyse("welch4v5", "Welch, pilotW vs controlW, 95%", welchStat, y, z, z, omega(z), 0.95,
  mean(pilotW) - mean(controlW), tt$stderr, mean(pilotW) / mean(controlW) - 1, mean(controlW))
analyse("welch4v5at90", "Welch, pilotW vs controlW, 90%", welchStat, y, z, z, omega(z), 0.90,
  mean(pilotW) - mean(controlW), tt$stderr, mean(pilotW) / mean(controlW) - 1, mean(controlW))

# B. Ratios, 5 vs 5, delta method; the absolute direction is N z.
pY <- c(5200, 3100, 8800, 1500, 4300); pN <- c(14, 9, 22, 5, 12)
cY <- c(3900, 2500, 6100, 1800, 4100); cN <- c(13, 10, 20, 7, 15)
Y <- c(pY, cY); N <- c(pN, cN); z <- c(rep(1, 5), rep(0, 5))
d <- welchHand(deltaArm(pY, pN), deltaArm(cY, cN), 0.95)
mc <- sum(cY) / sum(cN); mp <- sum(pY) / sum(pN)
analyse("delta5v5", "delta, (pY, pN) vs (cY, cN), 95%", deltaStat(N), Y, N * z, z, omega(z), 0.95,
  d[["estimate"]], d[["se"]], mp / mc - 1, mc)

# C. ANCOVA, 6 vs 6, y ~ 1 + w + x.
pX <- c(52, 61, 47, 70, 58, 66); pYa <- c(60, 71, 50, 83, 64, 78)
cX <- c(45, 55, 63, 50, 59, 41); cYa <- c(47, 58, 64, 50, 63, 44)
x <- c(pX, cX); y <- c(pYa, cYa); z <- c(rep(1, 6), rep(0, 6))
fit <- lm(y ~ z + x); s <- summary(fit)$coefficients
den <- coef(fit)[[1]] + coef(fit)[[3]] * mean(x)
for (conf in c(0.95, 0.9)) {
  analyse(sprintf("ancova6v6at%g", conf * 100), sprintf("lm(y ~ z + x), pX/pYa vs cX/cYa, %g%%", conf * 100), ancovaStat(x), y, z, z, omega(z), conf,
    s["z", 1], s["z", 2], s["z", 1] / den, den)
}
cat(sprintf("// ancova6v6: b1 %s, se %s, den %s\n", g15(s["z", 1]), g15(s["z", 2]), g15(den)))

# D. Blocked means: two blocks of 4 units, 2 pilot units each (36 assignments), 90%.
yB <- c(14.2, 9.1, 11.8, 7.5, 21.3, 16.0, 18.4, 12.2)
zB <- c(1, 0, 1, 0, 1, 0, 0, 1); blocks <- c(1, 1, 1, 1, 2, 2, 2, 2)
ttB <- t.test(yB[zB == 1], yB[zB == 0])
analyse("blocked", "Welch, yB by zB within blocks c(1,1,1,1,2,2,2,2), 90%", welchStat, yB, zB, zB, omega(zB, blocks), 0.90,
  mean(yB[zB == 1]) - mean(yB[zB == 0]), ttB$stderr, mean(yB[zB == 1]) / mean(yB[zB == 0]) - 1, mean(yB[zB == 0]))

# E. Too few units: 3 vs 3 and 2 vs 3 can never reach p <= 0.05.
y3 <- c(10.5, 12.1, 11.3, 9.2, 8.4, 10.0); z3 <- c(1, 1, 1, 0, 0, 0)
t3 <- t.test(y3[1:3], y3[4:6])
analyse("three", "Welch, 3 vs 3, 95%", welchStat, y3, z3, z3, omega(z3), 0.95,
  mean(y3[1:3]) - mean(y3[4:6]), t3$stderr, mean(y3[1:3]) / mean(y3[4:6]) - 1, mean(y3[4:6]))
y2 <- c(10.5, 12.1, 9.2, 8.4, 10.0); z2 <- c(1, 1, 0, 0, 0)
t2 <- t.test(y2[1:2], y2[3:5])
analyse("two", "Welch, 2 vs 3, 95%", welchStat, y2, z2, z2, omega(z2), 0.95,
  mean(y2[1:2]) - mean(y2[3:5]), t2$stderr, NA, NA)

# F. ANCOVA whose adjusted lift is far from where the observed statistic is 0
# (the arms' slopes differ in sign, baselines apart): p at log(1 + lift) is
# <= alpha, so the relative search starts from theta0 = a0 / a1.
xF <- c(76, 75, 75, 88, 69, 69, 50, 46, 74, 43); yF <- c(14, 12, 13, 15, 10, 87, 102, 105, 84, 110)
zF <- c(rep(1, 5), rep(0, 5))
fitF <- lm(yF ~ zF + xF); sF <- summary(fitF)$coefficients
denF <- coef(fitF)[[1]] + coef(fitF)[[3]] * mean(xF)
analyse("ancovaFallback", "lm(yF ~ zF + xF), 95%", ancovaStat(xF), yF, zF, zF, omega(zF), 0.95,
  sF["zF", 1], sF["zF", 2], sF["zF", 1] / denF, denF)
cat(sprintf("// ancovaFallback: b1 %s, se %s, den %s\n", g15(sF["zF", 1]), g15(sF["zF", 2]), g15(denF)))

# G. ANCOVA extrapolating far (one control unit's baseline 18, the pilot's
# under 1.3): the lift is rejected and theta0 = a0 / a1 > 1, so no lift makes
# the observed estimate 0: there is no relative interval (relativeStart null).
xG <- c(0.659, 0.789, 0.616, 1.242, 17.939, 2.987, 3.003); yG <- c(0.612, 0.819, 0.481, 1.319, 30.006, 2.467, 2.369)
zG <- c(1, 1, 1, 1, 0, 0, 0)
fitG <- lm(yG ~ zG + xG); sG <- summary(fitG)$coefficients
denG <- coef(fitG)[[1]] + coef(fitG)[[3]] * mean(xG)
analyse("ancovaNoStart", "lm(yG ~ zG + xG), 95%", ancovaStat(xG), yG, zG, zG, omega(zG), 0.95,
  sG["zG", 1], sG["zG", 2], sG["zG", 1] / denG, denG)
cat(sprintf("// ancovaNoStart: b1 %s, den %s, theta0 %s\n", g15(sG["zG", 1]), g15(denG), g15(ancovaStat(xG)(yG, zG)[1] / ancovaStat(xG)(yG * zG, zG)[1])))
