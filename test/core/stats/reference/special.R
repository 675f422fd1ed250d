pr <- function(call, v) cat(sprintf("    // R: %s\n    [() => %s, %.17g],\n", call, gsub("^(lgamma|lbeta|pbeta|pgamma)", "\\1", call), v))
cases <- c("lgamma(0.5)", "lgamma(1e-8)", "lgamma(3.7)", "lgamma(9.99)", "lgamma(10)", "lgamma(123.4)", "lgamma(5e6)",
  "lbeta(2.5, 0.5)", "lbeta(40, 0.5)", "lbeta(5e5, 0.5)", "lbeta(15, 22)", "lbeta(0.3, 7)",
  "pbeta(0.5, 2, 3)", "pbeta(0.3, 8.888, 0.5)", "pbeta(0.999, 50, 0.5)", "pbeta(1e-5, 0.5, 20)", "pbeta(0.7, 30, 12)",
  "pgamma(1.9208, 0.5, lower.tail = FALSE)", "pgamma(0.3, 0.5, lower.tail = FALSE)", "pgamma(200, 0.5, lower.tail = FALSE)", "pgamma(2.5, 3, lower.tail = FALSE)")
for (cl in cases) cat(sprintf("    // R: %s\n    ['%s', %.17g],\n", cl, cl, eval(parse(text = cl))))
cat(sprintf("%.17g\n", 2 * pnorm(-1.96)))
