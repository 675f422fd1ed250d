source("common.R")
wil <- function(x, n, conf) { r <- prop.test(x, n, conf.level = conf, correct = FALSE)$conf.int; c(low = r[1], high = r[2]) }
for (case in list(c(81, 263, 0.95), c(0, 10, 0.95), c(10, 10, 0.95), c(3, 17, 0.9), c(3, 17, 0.99), c(1, 1, 0.95), c(250, 1000, 0.999))) {
  show(sprintf("w_%d_%d_%g", case[1], case[2], case[3]), sprintf("prop.test(%d, %d, conf.level = %g, correct = FALSE)$conf.int", case[1], case[2], case[3]), wil(case[1], case[2], case[3]))
}
newc <- function(xp, np, xc, nc, conf) { a <- wil(xp, np, conf); b <- wil(xc, nc, conf); qp <- xp/np; qc <- xc/nc; d <- qp - qc
  c(estimate = d, low = d - sqrt((qp - a[["low"]])^2 + (b[["high"]] - qc)^2), high = d + sqrt((a[["high"]] - qp)^2 + (qc - b[["low"]])^2)) }
cat("// newc(xp, np, xc, nc, conf): d -/+ sqrt of squared Wilson distances, each Wilson from prop.test(x, n, conf.level = conf, correct = FALSE)$conf.int\n")
for (case in list(c(56,70,48,80,0.95), c(9,10,3,10,0.95), c(6,7,2,7,0.95), c(5,56,0,29,0.95), c(0,10,0,20,0.95), c(10,10,0,20,0.95), c(30, 200, 45, 210, 0.9), c(30, 200, 45, 210, 0.99), c(7, 9, 120, 500, 0.95))) {
  show(sprintf("n_%s", paste(case, collapse = "_")), sprintf("newc(%s)", paste(case, collapse = ", ")), newc(case[1], case[2], case[3], case[4], case[5]))
}
for (case in list(c(56,70,48,80), c(30, 200, 45, 210), c(7, 9, 120, 500), c(0, 10, 3, 20), c(5, 56, 0, 29), c(17, 40, 17, 40))) {
  r <- prop.test(case[c(1, 3)], case[c(2, 4)], correct = FALSE)
  show(sprintf("z_%s", paste(case, collapse = "_")), sprintf("prop.test(c(%d, %d), c(%d, %d), correct = FALSE)", case[1], case[3], case[2], case[4]), c(statistic = unname(r$statistic), p = r$p.value))
}
katz <- function(xp, np, xc, nc, conf) { rr <- (xp/np)/(xc/nc); se <- sqrt(1/xp - 1/np + 1/xc - 1/nc); z <- qnorm(1 - (1 - conf)/2); c(estimate = rr - 1, low = exp(log(rr) - z * se) - 1, high = exp(log(rr) + z * se) - 1) }
cat("// katz(xp, np, xc, nc, conf): rr <- (xp/np)/(xc/nc); se <- sqrt(1/xp - 1/np + 1/xc - 1/nc); exp(log(rr) + c(-1, 1) * qnorm(1 - (1 - conf)/2) * se) - 1\n")
for (case in list(c(56,70,48,80,0.95), c(30, 200, 45, 210, 0.9), c(30, 200, 45, 210, 0.99), c(7, 9, 120, 500, 0.95), c(10, 10, 10, 10, 0.95), c(10, 10, 5, 20, 0.95))) {
  show(sprintf("k_%s", paste(case, collapse = "_")), sprintf("katz(%s)", paste(case, collapse = ", ")), katz(case[1], case[2], case[3], case[4], case[5]))
}
