fisher <- function(a, b, c, d) sprintf("%.15g", fisher.test(matrix(c(a, b, c, d), 2, byrow = TRUE))$p.value)
# The values pinned in ../fisher.test.ts:
for (m in list(c(0,12,3,11), c(2,10,9,5), c(1,5,0,7), c(5,5,5,5), c(0,20,6,14), c(3,3,0,6), c(10,40,25,25))) cat(paste(m, collapse = " "), do.call(fisher, as.list(m)), "\n")
