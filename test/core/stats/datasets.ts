/**
 * Raw data behind the published worked examples of statistics.md and the R
 * reference cases pinned in these tests. The public data sets are copied
 * from R 4.2.2 (`sleep`, `mtcars`, `MASS::anorexia`); the rest were made up
 * for the tests and are defined identically in the R scripts whose calls
 * the tests quote.
 */

/** R `sleep`: extra hours of sleep, group 1 and group 2 (Student 1908). */
export const sleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
export const sleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

/** R `mtcars`: miles per gallon, transmission (am: 1 = manual) and weight (1000 lbs), in row order. */
export const mtcars = {
  mpg: [
    21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9,
    21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4,
  ],
  am: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1],
  wt: [
    2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615,
    1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78,
  ],
};
export const mpgManual = mtcars.mpg.filter((_, i) => mtcars.am[i] === 1);
export const mpgAutomatic = mtcars.mpg.filter((_, i) => mtcars.am[i] === 0);

/** R `MASS::anorexia`: treatment, weight before and after (lbs), in row order (Hand et al. 1993). */
export const anorexia = {
  treat: [
    ...Array<string>(26).fill('Cont'),
    ...Array<string>(29).fill('CBT'),
    ...Array<string>(17).fill('FT'),
  ],
  prewt: [
    80.7, 89.4, 91.8, 74, 78.1, 88.3, 87.3, 75.1, 80.6, 78.4, 77.6, 88.7, 81.3, 78.1, 70.5, 77.3, 85.2, 86, 84.1, 79.7,
    85.5, 84.4, 79.6, 77.5, 72.3, 89, 80.5, 84.9, 81.5, 82.6, 79.9, 88.7, 94.9, 76.3, 81, 80.5, 85, 89.2, 81.3, 76.5, 70,
    80.4, 83.3, 83, 87.7, 84.2, 86.4, 76.5, 80.2, 87.8, 83.3, 79.7, 84.5, 80.8, 87.4, 83.8, 83.3, 86, 82.5, 86.7, 79.6,
    76.9, 94.2, 73.4, 80.5, 81.6, 82.1, 77.6, 83.5, 89.9, 86, 87.3,
  ],
  postwt: [
    80.2, 80.1, 86.4, 86.3, 76.1, 78.1, 75.1, 86.7, 73.5, 84.6, 77.4, 79.5, 89.6, 81.4, 81.8, 77.3, 84.2, 75.4, 79.5, 73,
    88.3, 84.7, 81.4, 81.2, 88.2, 78.8, 82.2, 85.6, 81.4, 81.9, 76.4, 103.6, 98.4, 93.4, 73.4, 82.1, 96.7, 95.3, 82.4,
    72.5, 90.9, 71.3, 85.4, 81.6, 89.1, 83.9, 82.7, 75.7, 82.6, 100.4, 85.2, 83.6, 84.6, 96.2, 86.7, 95.2, 94.3, 91.5,
    91.9, 100.3, 76.7, 76.8, 101.6, 94.9, 75.2, 77.8, 95.5, 90.7, 92.5, 93.8, 91.7, 98,
  ],
};

// Made-up arms, the same vectors as in the R scripts (names as there).
/** pilotA <- c(12.5, 8.1, 15.2, 9.9, 11.0, 14.3, 7.6) */
export const pilotA = [12.5, 8.1, 15.2, 9.9, 11.0, 14.3, 7.6];
/** controlA <- c(9.2, 10.1, 6.5, 8.8, 7.9, 11.4, 9.0, 5.7, 10.6, 8.3, 7.1) */
export const controlA = [9.2, 10.1, 6.5, 8.8, 7.9, 11.4, 9.0, 5.7, 10.6, 8.3, 7.1];
/** pilotN <- c(-3.2, 1.5, -0.4, 2.8, -1.1, 0.6): a margin metric with negative values. */
export const pilotN = [-3.2, 1.5, -0.4, 2.8, -1.1, 0.6];
/** controlN <- c(-2.0, -4.1, 0.3, -1.7, -2.9, -0.8, -3.3, 1.0) */
export const controlN = [-2.0, -4.1, 0.3, -1.7, -2.9, -0.8, -3.3, 1.0];

function zipUnits(numerators: number[], denominators: number[]): { numerator: number; denominator: number }[] {
  return numerators.map((numerator, i) => ({ numerator, denominator: denominators[i] as number }));
}
/** Revenue and opportunities per rep: pilotY, pilotNn and controlY, controlNn. */
export const revenuePilot = zipUnits(
  [5200, 3100, 8800, 1500, 4300, 6100, 2900, 7400, 3600, 5000],
  [14, 9, 22, 5, 12, 15, 10, 19, 8, 13],
);
export const revenueControl = zipUnits(
  [3900, 2500, 6100, 1800, 4100, 3000, 2200, 5200, 2700, 3300, 4600, 1900],
  [13, 10, 20, 7, 15, 11, 9, 18, 10, 12, 16, 8],
);
/** Won leads and leads per rep (a clustered proportion): pilotX, pilotRows and controlX, controlRows. */
export const winsPilot = zipUnits([12, 7, 20, 3, 15, 9, 11, 6], [40, 30, 55, 20, 48, 35, 37, 25]);
export const winsControl = zipUnits([8, 5, 14, 4, 9, 6, 10, 3, 7], [42, 28, 60, 22, 45, 33, 40, 26, 31]);
