cases <- list(
 c("qt", 0.975, 17.776473516178498), c("qt", 0.95, 8.7291240261571126), c("qt", 0.995, 8.7291240261571126), c("qt", 0.9995, 2.5), c("qt", 0.975, 1), c("qt", 0.75, 1.3), c("qt", 0.025, 40), c("qt", 0.9, 123.456), c("qt", 0.975, 3.3e4), c("qt", 0.995, 2.5e6), c("qt", 1e-10, 7.5),
 c("pt", -1.8608134674868531, 17.776473516178498), c("pt", 2.1434421111818049, 8.7291240261571126), c("pt", -12, 4.4), c("pt", -40, 3), c("pt", 0.3, 1.7), c("pt", 5, 250.5), c("pt", -3, 1e5), c("pt", -7, 2e7),
 c("qnorm", 0.975, 0), c("qnorm", 0.8, 0), c("qnorm", 0.9995, 0), c("qnorm", 1e-20, 0), c("qnorm", 0.3, 0),
 c("pnorm", -1.959963984540054, 0), c("pnorm", 0.5, 0), c("pnorm", -12, 0), c("pnorm", -30, 0), c("pnorm", 3.7, 0))
for (cs in cases) {
  fn <- cs[1]; a <- as.numeric(cs[2]); d <- as.numeric(cs[3])
  v <- switch(fn, qt = qt(a, d), pt = pt(a, d), qnorm = qnorm(a), pnorm = pnorm(a))
  call <- if (fn %in% c("qt", "pt")) sprintf("%s(%.15g, %.15g)", fn, a, d) else sprintf("%s(%.15g)", fn, a)
  js <- switch(fn, qt = "tQuantile", pt = "tCdf", qnorm = "normalQuantile", pnorm = "normalCdf")
  args <- if (fn %in% c("qt", "pt")) sprintf("%.15g, %.15g", a, d) else sprintf("%.15g", a)
  cat(sprintf("    // R: %s\n    [() => %s(%s), %.17g],\n", call, js, args, v))
}
