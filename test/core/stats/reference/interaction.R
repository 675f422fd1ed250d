# Segments (statistics.md, section 14), written independently of
# src/core/segments.ts and src/core/stats/{holm,interaction}.ts with base R:
# Holm by p.adjust; one segment's headline by randomization-lib.R's
# enumeration; the interaction test by listing every assignment (omega) and
# recomputing the weighted spread of the segments' effects on outcomes taken
# back to control by the common effect (Ding, Feller and Miratrix 2016).
#
#   cd test/core/stats/reference && Rscript interaction.R
source("common.R")
source("randomization-lib.R")

# Weighted spread of per-segment effects under assignment w (all units).
# seg: list of data frames (unit index u, numerator y, denominator n).
effects <- function(seg, w) sapply(seg, function(s) {
  p <- w[s$u] == 1
  if (sum(s$n[p]) <= 0 || sum(s$n[!p]) <= 0) return(NA)
  sum(s$y[p]) / sum(s$n[p]) - sum(s$y[!p]) / sum(s$n[!p])
})
spreadT <- function(d, wt) { m <- sum(wt * d) / sum(wt); sum(wt * (d - m)^2) / sum(wt) }
interaction <- function(label, seg, z, blocks = rep(1, length(z))) {
  wt <- sapply(seg, nrow)
  tau <- sum(wt * effects(seg, z)) / sum(wt)
  seg0 <- lapply(seg, function(s) { s$y <- s$y - tau * z[s$u] * s$n; s })
  tobs <- spreadT(effects(seg0, z), wt)
  W <- omega(z, blocks)
  ts <- apply(W, 1, function(w) { d <- effects(seg0, w); if (any(is.na(d))) NA else spreadT(d, wt) })
  valid <- sum(!is.na(ts))
  p <- sum(ts[!is.na(ts)] >= tobs * (1 - 1e-9)) / valid
  cat(sprintf("%s: { statistic: %s, commonEffect: %s, p: %s, assignments: %d, valid: %d },\n", label, f(tobs), f(tau), f(p), nrow(W), valid))
}

cat("// Holm\n")
cat("// R: p.adjust(c(0.01, 0.04, 0.03), 'holm')\n"); print(sprintf("%.17g", p.adjust(c(0.01, 0.04, 0.03), "holm")))
cat("// R: p.adjust(c(0.2, 0.001, 0.04, 0.04, 0.5), 'holm')\n"); print(sprintf("%.17g", p.adjust(c(0.2, 0.001, 0.04, 0.04, 0.5), "holm")))

# A. A mean metric, 8 units (4 pilot), two segments; n = 1 per unit.
z <- c(1, 1, 1, 1, 0, 0, 0, 0)
segA <- list(
  data.frame(u = c(1, 2, 3, 5, 6, 7), y = c(12, 15, 11, 6, 4, 5), n = 1),
  data.frame(u = c(2, 3, 4, 5, 7, 8), y = c(3, 5, 2, 4, 6, 3), n = 1))
interaction("meanTwoSegments", segA, z)

# B. A ratio metric, 10 units in two blocks of 5 (2 and 3 pilot), three segments.
z <- c(1, 1, 0, 0, 0, 1, 1, 1, 0, 0); blocks <- c(1, 1, 1, 1, 1, 2, 2, 2, 2, 2)
segB <- list(
  data.frame(u = c(1, 2, 3, 4, 6, 7, 9), y = c(40, 35, 20, 22, 50, 30, 25), n = c(10, 8, 9, 10, 12, 7, 11)),
  data.frame(u = c(1, 3, 5, 6, 8, 9, 10), y = c(12, 15, 9, 20, 18, 11, 14), n = c(6, 7, 5, 8, 6, 7, 8)),
  data.frame(u = c(2, 4, 5, 7, 8, 10), y = c(8, 6, 7, 15, 9, 5), n = c(3, 4, 3, 5, 4, 3)))
interaction("ratioThreeSegmentsBlocked", segB, z, blocks)

# C. The pilot of test/core/segments.test.ts: revenue per rep by region, no dates.
rows <- read.csv(text = "
rep,group,region,revenue
p1,pilot,north,120
p1,pilot,north,80
p1,pilot,south,40
p2,pilot,north,150
p2,pilot,south,60
p3,pilot,north,90
p3,pilot,south,70
p3,pilot,,10
p4,pilot,north,130
p5,pilot,south,50
p5,pilot,south,45
p5,pilot,north,100
p1,pilot,west,30
c1,control,north,70
c1,control,south,55
c2,control,north,85
c2,control,south,40
c3,control,north,60
c4,control,south,65
c4,control,north,75
c5,control,south,30
c5,control,north,50
c2,control,west,20
", stringsAsFactors = FALSE)
bySegment <- function(region) {
  r <- rows[rows$region == region, ]
  sums <- aggregate(revenue ~ rep + group, data = r, FUN = sum)
  sums[order(sums$group != "pilot", sums$rep), ]
}
north <- bySegment("north"); south <- bySegment("south")
seg <- function(s) { y <- s$revenue; z <- as.numeric(s$group == "pilot"); list(y = y, z = z, tt = t.test(y[z == 1], y[z == 0])) }
N <- seg(north); S <- seg(south)
pN <- pvalue(welchStat, N$y, N$z, omega(N$z)); pS <- pvalue(welchStat, S$y, S$z, omega(S$z))
cat(sprintf("// unadjusted p: north %s, south %s\n", f(pN), f(pS)))
adj <- p.adjust(c(pN, pS), "holm")
cat(sprintf("// R: p.adjust(c(north, south), 'holm'): %s %s\n", f(adj[1]), f(adj[2])))
# Holm's levels: the smaller p at alpha / 2; the other at alpha / 1 if the first was rejected, else alpha / 2.
levels <- if (pN <= pS) { first <- pN <= 0.05 / 2; c(0.05 / 2, if (first) 0.05 else 0.05 / 2) } else { first <- pS <= 0.05 / 2; c(if (first) 0.05 else 0.05 / 2, 0.05 / 2) }
cat(sprintf("// levels: north %s, south %s\n", f(levels[1]), f(levels[2])))
analyse("north", sprintf("north at confidence %s", f(1 - levels[1])), welchStat, N$y, N$z, N$z, omega(N$z), 1 - levels[1],
  mean(N$y[N$z == 1]) - mean(N$y[N$z == 0]), N$tt$stderr, mean(N$y[N$z == 1]) / mean(N$y[N$z == 0]) - 1, mean(N$y[N$z == 0]))
analyse("south", sprintf("south at confidence %s", f(1 - levels[2])), welchStat, S$y, S$z, S$z, omega(S$z), 1 - levels[2],
  mean(S$y[S$z == 1]) - mean(S$y[S$z == 0]), S$tt$stderr, mean(S$y[S$z == 1]) / mean(S$y[S$z == 0]) - 1, mean(S$y[S$z == 0]))
units <- sort(unique(c(north$rep, south$rep)))
u <- function(s) match(s$rep, units)
zAll <- as.numeric(grepl("^p", units))
interaction("regionInteraction", list(data.frame(u = u(north), y = north$revenue, n = 1), data.frame(u = u(south), y = south$revenue, n = 1)), zAll)

# D. The example pilots/follow-up-sla.md: win rate (a clustered proportion) by
# region, reps drawn three a region (data/assignments/follow-up-sla.csv), so
# the assignments are permuted within regions: 20^3 = 8,000.
leads <- read.csv("../../../../data/follow-up-sla.csv", stringsAsFactors = FALSE)
leads <- leads[leads$created >= "2026-07-06" & leads$created <= "2026-09-25", ]
assigned <- read.csv("../../../../data/assignments/follow-up-sla.csv", stringsAsFactors = FALSE)
reps <- sort(unique(leads$rep))
zD <- as.numeric(assigned$group[match(reps, assigned$rep)] == "pilot")
blocksD <- match(assigned$block[match(reps, assigned$rep)], unique(assigned$block))
segD <- lapply(sort(unique(leads$region)), function(region) {
  r <- leads[leads$region == region, ]
  won <- tapply(r$won == "yes", r$rep, sum); rows <- tapply(r$won, r$rep, length)
  data.frame(u = match(names(won), reps), y = as.numeric(won), n = as.numeric(rows))
})
interaction("followUpSlaByRegion", segD, zD, blocksD)
