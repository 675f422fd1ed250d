source("common.R")
show("mtcars", "fiellerHand(meanArmR(mpgManual), meanArmR(mpgAutomatic), 0.95)", fiellerHand(meanArmR(mpgManual), meanArmR(mpgAutomatic), 0.95))
show("sleep90", "fiellerHand(meanArmR(g2), meanArmR(g1), 0.9)", fiellerHand(meanArmR(g2), meanArmR(g1), 0.9))
show("unequal99", "fiellerHand(meanArmR(pilotA), meanArmR(controlA), 0.99)", fiellerHand(meanArmR(pilotA), meanArmR(controlA), 0.99))
show("unequal90", "fiellerHand(meanArmR(pilotA), meanArmR(controlA), 0.9)", fiellerHand(meanArmR(pilotA), meanArmR(controlA), 0.9))
show("ratioArms", "fiellerHand(deltaArm(pilotY, pilotNn), deltaArm(controlY, controlNn), 0.95)", fiellerHand(deltaArm(pilotY, pilotNn), deltaArm(controlY, controlNn), 0.95))
show("clusteredArms", "fiellerHand(deltaArm(pilotX, pilotRows), deltaArm(controlX, controlRows), 0.95)", fiellerHand(deltaArm(pilotX, pilotRows), deltaArm(controlX, controlRows), 0.95))
show("negativePilot", "fiellerHand(meanArmR(pilotN), meanArmR(-controlN), 0.95)", fiellerHand(meanArmR(pilotN), meanArmR(-controlN), 0.95))
show("sleep", "fiellerHand(meanArmR(g1), meanArmR(g2), 0.95)", fiellerHand(meanArmR(g1), meanArmR(g2), 0.95))
show("unbounded", "fiellerHand(meanArmR(pilotA), meanArmR(c(-1, 4, 0.5, 3, -2, 1)), 0.95)", fiellerHand(meanArmR(pilotA), meanArmR(c(-1, 4, 0.5, 3, -2, 1)), 0.95))
# mratios' formula, as printed in its source, for the mtcars example
x <- mpgManual; y <- mpgAutomatic; nx <- length(x); ny <- length(y); vx <- var(x); vy <- var(y); mx <- mean(x); my <- mean(y); est <- mx/my
degfest <- max(1, ((vx/nx + (est^2) * vy/ny)^2)/((vx^2)/((nx^2) * (nx - 1)) + (est^4) * (vy^2)/((ny^2) * (ny - 1))))
quant <- qt(0.975, degfest); tA <- ((vy * quant^2)/ny) - my^2; tB <- 2 * mx * my; tC <- ((vx * quant^2)/nx) - mx^2
show("mtcarsMratiosCode", "mratios 3.x ttestratio.default code, iterativeCI = FALSE", c(low = tB/(-2 * tA) + sqrt(((tB/2)^2) - tA * tC)/tA - 1, high = tB/(-2 * tA) - sqrt(((tB/2)^2) - tA * tC)/tA - 1, df = degfest))
