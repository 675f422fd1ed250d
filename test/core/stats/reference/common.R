f <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
show <- function(label, call, values) {
  cat(sprintf("// R: %s\n", call))
  cat(sprintf("%s: { %s },\n", label, paste(sprintf("%s: %s", names(values), sapply(values, f)), collapse = ", ")))
}
pilotA <- c(12.5, 8.1, 15.2, 9.9, 11.0, 14.3, 7.6)
controlA <- c(9.2, 10.1, 6.5, 8.8, 7.9, 11.4, 9.0, 5.7, 10.6, 8.3, 7.1)
pilotN <- c(-3.2, 1.5, -0.4, 2.8, -1.1, 0.6)
controlN <- c(-2.0, -4.1, 0.3, -1.7, -2.9, -0.8, -3.3, 1.0)
pilotY <- c(5200, 3100, 8800, 1500, 4300, 6100, 2900, 7400, 3600, 5000)
pilotNn <- c(14, 9, 22, 5, 12, 15, 10, 19, 8, 13)
controlY <- c(3900, 2500, 6100, 1800, 4100, 3000, 2200, 5200, 2700, 3300, 4600, 1900)
controlNn <- c(13, 10, 20, 7, 15, 11, 9, 18, 10, 12, 16, 8)
pilotX <- c(12, 7, 20, 3, 15, 9, 11, 6)
pilotRows <- c(40, 30, 55, 20, 48, 35, 37, 25)
controlX <- c(8, 5, 14, 4, 9, 6, 10, 3, 7)
controlRows <- c(42, 28, 60, 22, 45, 33, 40, 26, 31)
g1 <- c(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0)
g2 <- c(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4)
mpgManual <- mtcars$mpg[mtcars$am == 1]
mpgAutomatic <- mtcars$mpg[mtcars$am == 0]
deltaArm <- function(Y, N) { m <- sum(Y) / sum(N); n <- length(Y); c(estimate = m, variance = (var(Y) - 2 * m * cov(Y, N) + m^2 * var(N)) / (n * mean(N)^2), units = n) }
welchHand <- function(p, c, conf) {
  d <- p[["estimate"]] - c[["estimate"]]; se <- sqrt(p[["variance"]] + c[["variance"]])
  df <- (p[["variance"]] + c[["variance"]])^2 / (p[["variance"]]^2 / (p[["units"]] - 1) + c[["variance"]]^2 / (c[["units"]] - 1))
  t <- qt(1 - (1 - conf) / 2, df)
  c(estimate = d, se = se, df = df, low = d - t * se, high = d + t * se, p = 2 * pt(-abs(d / se), df))
}
fiellerHand <- function(p, c, conf) {
  mp <- p[["estimate"]]; vp <- p[["variance"]]; np <- p[["units"]]; mc <- c[["estimate"]]; vc <- c[["variance"]]; nc <- c[["units"]]
  r <- mp / mc
  df <- (vp + r^2 * vc)^2 / (vp^2 / (np - 1) + r^4 * vc^2 / (nc - 1))
  t <- qt(1 - (1 - conf) / 2, df)
  A <- mc^2 - t^2 * vc; B <- -2 * mp * mc; C <- mp^2 - t^2 * vp
  if (A <= 0) return(c(estimate = r - 1, low = NA, high = NA, A = A, df = df))
  roots <- sort((-B + c(-1, 1) * sqrt(B^2 - 4 * A * C)) / (2 * A))
  c(estimate = r - 1, low = roots[1] - 1, high = roots[2] - 1, A = A, df = df)
}
meanArmR <- function(y) c(estimate = mean(y), variance = var(y) / length(y), units = length(y))
