source("common.R")
library(MASS)
an <- droplevels(subset(anorexia, Treat != "CBT")); an$pilot <- an$Treat == "FT"
lmShow <- function(label, call, fit, data, x, confs = c(0.95, 0.9, 0.99)) {
  s <- summary(fit)$coefficients
  b0 <- coef(fit)[[1]]; b1 <- coef(fit)[["pilotTRUE"]]; b2 <- coef(fit)[[3]]
  den <- b0 + b2 * mean(x)
  for (conf in confs) {
    ci <- confint(fit, "pilotTRUE", level = conf)
    show(sprintf("%s%g", label, conf * 100), sprintf("%s; confint(fit, 'pilotTRUE', level = %g); den <- b0 + b2 * mean(x)", call, conf),
      c(estimate = b1, se = s["pilotTRUE", 2], df = fit$df.residual, low = ci[1], high = ci[2], p = s["pilotTRUE", 4], intercept = b0, slope = b2, meanBaseline = mean(x),
        liftEstimate = b1 / den, liftLow = ci[1] / den, liftHigh = ci[2] / den))
  }
}
fit <- lm(Postwt ~ pilot + Prewt, data = an)
lmShow("anorexia", "fit <- lm(Postwt ~ pilot + Prewt, data = subset(anorexia, Treat != 'CBT'))", fit, an, an$Prewt)
mt <- mtcars; mt$pilot <- mt$am == 1
fit2 <- lm(mpg ~ pilot + wt, data = mt)
lmShow("mtcarsWt", "fit <- lm(mpg ~ pilot + wt, data = mtcars) with pilot = am == 1", fit2, mt, mt$wt, c(0.95))
# CBT vs Cont as well, n 29 vs 26
an2 <- droplevels(subset(anorexia, Treat != "FT")); an2$pilot <- an2$Treat == "CBT"
fit3 <- lm(Postwt ~ pilot + Prewt, data = an2)
lmShow("anorexiaCbt", "fit <- lm(Postwt ~ pilot + Prewt, data = subset(anorexia, Treat != 'FT'))", fit3, an2, an2$Prewt, c(0.95))
# balance: Welch on baselines
b <- t.test(an$Prewt[an$pilot], an$Prewt[!an$pilot])
show("balanceAnorexia", "t.test(Prewt[FT], Prewt[Cont]); relative = mean(FT) / mean(Cont) - 1", c(pilot = unname(b$estimate[1]), control = unname(b$estimate[2]), relative = unname(b$estimate[1] / b$estimate[2] - 1), p = b$p.value))
b <- t.test(mt$wt[mt$pilot], mt$wt[!mt$pilot])
show("balanceMtcarsWt", "t.test(wt[am == 1], wt[am == 0])", c(pilot = unname(b$estimate[1]), control = unname(b$estimate[2]), relative = unname(b$estimate[1] / b$estimate[2] - 1), p = b$p.value))
