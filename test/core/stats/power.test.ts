import { describe, expect, it } from 'vitest';
import { meanArm } from '../../../src/core/stats/arm.ts';
import { minimumDetectableEffect, unitsPerArm } from '../../../src/core/stats/power.ts';
import { controlN, mpgAutomatic, mpgManual, pilotN, sleepGroup1, sleepGroup2 } from './datasets.ts';
import { expectClose } from './expect-close.ts';

// R 4.2.2: mde <- function(vp, vc, mc, conf, power) {
//   a <- (qnorm(1 - (1 - conf)/2) + qnorm(power)) * sqrt(vp + vc); c(a, a / abs(mc)) }
describe('minimumDetectableEffect', () => {
  it('sleep at 0.95 and power 0.8, relative to the control mean', () => {
    // R: mde(var(g1)/10, var(g2)/10, mean(g2), 0.95, 0.8)
    const mde = minimumDetectableEffect(meanArm(sleepGroup1), meanArm(sleepGroup2), 0.95, 0.8);
    expectClose(mde.absolute, 2.3788008427286189, 1e-12);
    expectClose(mde.relative, 1.0209445676946862, 1e-12);
  });

  it('uses power 0.8 by default', () => {
    const pilot = meanArm(sleepGroup1);
    const control = meanArm(sleepGroup2);
    expect(minimumDetectableEffect(pilot, control, 0.95)).toEqual(minimumDetectableEffect(pilot, control, 0.95, 0.8));
  });

  it('mtcars at confidence 0.9 and power 0.9', () => {
    // R: mde(var(mpgManual)/13, var(mpgAutomatic)/19, mean(mpgAutomatic), 0.9, 0.9)
    const mde = minimumDetectableEffect(meanArm(mpgManual), meanArm(mpgAutomatic), 0.9, 0.9);
    expectClose(mde.absolute, 5.6280687107466116, 1e-12);
    expectClose(mde.relative, 0.32821763506502644, 1e-12);
  });

  it('a negative control mean uses |m_c|', () => {
    // R: mde(var(pilotN)/6, var(controlN)/8, mean(controlN), 0.99, 0.8)
    const mde = minimumDetectableEffect(meanArm(pilotN), meanArm(controlN), 0.99);
    expectClose(mde.absolute, 3.6280596739305606, 1e-12);
    expectClose(mde.relative, 2.1499612882551471, 1e-12);
  });

  it('relative is null when the control mean is 0', () => {
    expect(minimumDetectableEffect(meanArm([1, 2, 3]), meanArm([-1, 0, 1]), 0.95).relative).toBeNull();
  });

  it('validates power', () => {
    expect(() => minimumDetectableEffect(meanArm([1, 2]), meanArm([1, 3]), 0.95, 1)).toThrow(RangeError);
    expect(() => minimumDetectableEffect(meanArm([1, 2]), meanArm([1, 3]), 0.95, 0.2)).toThrow(RangeError);
  });
});

// R 4.2.2: (qnorm(1 - (1 - conf)/2) + qnorm(power))^2 * (sp^2 + sc^2) / (L * mc)^2, then ceiling()
describe('unitsPerArm', () => {
  const cases: [controlMean: number, pilotSd: number, controlSd: number, lift: number, confidence: number, power: number, units: number][] = [
    // R: (qnorm(1 - (1 - 0.95)/2) + qnorm(0.8))^2 * (30^2 + 30^2) / (0.1 * 100)^2 = 141.27983521828355
    [100, 30, 30, 0.1, 0.95, 0.8, 142],
    // R: (qnorm(1 - (1 - 0.9)/2) + qnorm(0.9))^2 * (120^2 + 90^2) / (0.05 * 250)^2 = 1233.1940184961882
    [250, 120, 90, 0.05, 0.9, 0.9, 1234],
    // R: (qnorm(1 - (1 - 0.99)/2) + qnorm(0.8))^2 * (0.4^2 + 0.4^2) / (0.15 * 0.2)^2 = 4152.5220173063744
    [0.2, 0.4, 0.4, 0.15, 0.99, 0.8, 4153],
    // R: (qnorm(1 - (1 - 0.95)/2) + qnorm(0.8))^2 * (20^2 + 25^2) / (0.2 * -50)^2 = 80.451017277078122
    [-50, 20, 25, 0.2, 0.95, 0.8, 81],
    // R: (qnorm(1 - (1 - 0.95)/2) + qnorm(0.8))^2 * (10^2 + 10^2) / (0.5 * 1000)^2 = 0.0062791037874792678
    [1000, 10, 10, 0.5, 0.95, 0.8, 1],
  ];
  it.each(cases)('control %d, sds %d and %d, lift %d, confidence %d, power %d -> %i', (controlMean, pilotSd, controlSd, lift, confidence, power, units) => {
    expect(unitsPerArm({ controlMean, pilotSd, controlSd, lift, confidence, power })).toBe(units);
  });

  it('defaults to power 0.8, close to power.t.test', () => {
    // R: power.t.test(delta = 10, sd = 30, sig.level = 0.05, power = 0.8)$n = 142.24659587712731 (t-based, so a little above 141.28)
    expect(unitsPerArm({ controlMean: 100, pilotSd: 30, controlSd: 30, lift: 0.1, confidence: 0.95 })).toBe(142);
  });

  it('refuses a lift or a control level of zero rather than return Infinity', () => {
    expect(() => unitsPerArm({ controlMean: 100, pilotSd: 30, controlSd: 30, lift: 0, confidence: 0.95 })).toThrow(RangeError);
    expect(() => unitsPerArm({ controlMean: 0, pilotSd: 30, controlSd: 30, lift: 0.1, confidence: 0.95 })).toThrow(RangeError);
    expect(() => unitsPerArm({ controlMean: 1e300, pilotSd: 1e300, controlSd: 1e300, lift: 1e-300, confidence: 0.95 })).toThrow(RangeError);
  });
});
