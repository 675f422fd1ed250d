/**
 * Properties of the whole path from rows to results, with fast-check, seeded
 * so every run checks the same cases (seed 42). Most properties feed rows to
 * createFolder directly, split into random chunks as the streaming reader
 * does; the "real path" ones write a CSV file and go through loadPilotData.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzePilot } from '../../src/core/analyze.ts';
import { readNumber } from '../../src/core/load/cells.ts';
import type { Pilot } from '../../src/core/pilot.ts';
import { meanArm, ratioArm } from '../../src/core/stats/index.ts';
import { analyzeRows, csvText, differences, loadFile, numbersIn, PILOT_FILE, pilotOf } from './support.ts';

const SEED = 42;
/** The properties take 1-3 s each; room for a loaded CI machine. */
const TIMEOUT = 30_000;

// ---------------------------------------------------------------- generators

type NumberStyle = 'plain' | 'grouped' | 'currency' | 'accounting' | 'spaced';

/** Cents as a spreadsheet export might write them; reads back as cents / 100. */
function writeAmount(cents: number, style: NumberStyle): string {
  const value = cents / 100;
  const magnitude = Math.abs(value);
  const grouped = magnitude.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sign = value < 0 ? '-' : '';
  switch (style) {
    case 'plain':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
    case 'grouped':
      return `${sign}${grouped}`;
    case 'currency':
      return `${sign}$${grouped}`;
    case 'accounting':
      return value < 0 ? `(${grouped})` : grouped;
    case 'spaced':
      return `  ${value.toFixed(2)} `;
  }
}

const OUTCOMES: Record<string, boolean> = { yes: true, no: false, '1': true, '0': false, TRUE: true, False: false, Yes: true, NO: false };

interface RowSpec {
  /** Revenue in cents, or null for an empty cell. */
  cents: number | null;
  style: NumberStyle;
  won: number;
  opportunities: number;
  outcome: string;
  /** Days after 2026-02-01: before 2026-03-02 is the pre-period, after 2026-05-31 is after the end. */
  day: number;
}

interface Dataset {
  pilot: RowSpec[][];
  control: RowSpec[][];
  dated: boolean;
  running: boolean;
  showUnits: boolean;
  confidence: number;
  better: 'higher' | 'lower';
  labels: [string, string];
  rollout: number | null;
}

const rowArb: fc.Arbitrary<RowSpec> = fc.record({
  // Mostly everyday amounts, some zeros (no variation, a control level of 0) and some huge ones.
  cents: fc.option(
    fc.oneof(
      { arbitrary: fc.integer({ min: -50_000_000, max: 50_000_000 }), weight: 8 },
      { arbitrary: fc.constant(0), weight: 1 },
      { arbitrary: fc.integer({ min: -9e15, max: 9e15 }), weight: 1 },
    ),
    { freq: 8 },
  ),
  style: fc.constantFrom<NumberStyle>('plain', 'grouped', 'currency', 'accounting', 'spaced'),
  won: fc.integer({ min: 0, max: 5 }),
  opportunities: fc.integer({ min: 0, max: 10 }),
  outcome: fc.constantFrom(...Object.keys(OUTCOMES)),
  day: fc.integer({ min: 0, max: 134 }),
});

/**
 * Units with up to 1, 3 or 6 rows each (one row per unit makes proportions
 * independent trials: the Newcombe method); arms of 2 to 8 units, and now and
 * then a single unit, which statistics.md refuses.
 */
const datasetArb: fc.Arbitrary<Dataset> = fc.constantFrom(1, 3, 6).chain((maxRows) => {
  const unit = fc.array(rowArb, { minLength: 1, maxLength: maxRows });
  const arm = fc.oneof({ arbitrary: fc.array(unit, { minLength: 2, maxLength: 8 }), weight: 12 }, { arbitrary: fc.array(unit, { minLength: 1, maxLength: 1 }), weight: 1 });
  return fc.record({
    pilot: arm,
    control: arm,
    dated: fc.boolean(),
    running: fc.boolean(),
    showUnits: fc.boolean(),
    confidence: fc.constantFrom(0.5, 0.8, 0.9, 0.95, 0.99, 0.999),
    better: fc.constantFrom<'higher' | 'lower'>('higher', 'lower'),
    labels: fc.constantFrom<[string, string]>(['pilot', 'control'], ['A', 'B'], ['test', 'holdout']),
    rollout: fc.option(fc.integer({ min: 1, max: 500 })),
  });
});

function isoDay(offset: number): string {
  return new Date(Date.UTC(2026, 1, 1 + offset)).toISOString().slice(0, 10);
}

function pilotFor(dataset: Dataset): Pilot {
  return pilotOf({
    status: dataset.running ? 'running' : 'concluded',
    // A running pilot has no end yet: every row from the start on counts.
    ended: dataset.running ? undefined : '2026-05-31',
    ...(dataset.dated ? { date: 'day' } : {}),
    showUnits: dataset.showUnits,
    confidence: dataset.confidence,
    group: { pilot: dataset.labels[0], control: dataset.labels[1] },
    ...(dataset.rollout === null ? {} : { rollout: { units: dataset.rollout, label: 'all reps' } }),
    metrics: [
      { id: 'revenue', label: 'Revenue per rep', type: 'mean', column: 'revenue', format: 'currency', better: dataset.better },
      { id: 'win-rate', label: 'Won per opportunity', type: 'ratio', numerator: 'won', denominator: 'opportunities' },
      { id: 'closed', label: 'Closed rate', type: 'proportion', column: 'closed', better: dataset.better },
    ],
  });
}

function headerFor(dataset: Dataset): string[] {
  return ['rep', 'group', ...(dataset.dated ? ['day'] : []), 'revenue', 'won', 'opportunities', 'closed'];
}

interface Row {
  unit: string;
  arm: 'pilot' | 'control';
  spec: RowSpec;
  cells: string[];
}

/** Rows unit by unit, pilot units first; unit names are unique per arm. */
function rowsFor(dataset: Dataset): Row[] {
  const rows: Row[] = [];
  for (const arm of ['pilot', 'control'] as const) {
    dataset[arm].forEach((unitRows, index) => {
      const unit = `${arm === 'pilot' ? 'p' : 'c'}${index + 1}`;
      for (const spec of unitRows) {
        const label = arm === 'pilot' ? dataset.labels[0] : dataset.labels[1];
        const cells = [
          unit,
          label,
          ...(dataset.dated ? [isoDay(spec.day)] : []),
          spec.cents === null ? '' : writeAmount(spec.cents, spec.style),
          String(spec.won),
          String(spec.opportunities),
          spec.outcome,
        ];
        rows.push({ unit, arm, spec, cells });
      }
    });
  }
  return rows;
}

/** Chunk sizes as the streaming reader might cut the rows. */
const chunksArb = fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 6 });

// ---------------------------------------------------------------- oracle

/** pilot-format.md: which rows count for the pilot period. */
function inPilotPeriod(dataset: Dataset, spec: RowSpec): boolean {
  if (!dataset.dated) return true;
  const day = isoDay(spec.day);
  return day >= '2026-03-02' && (dataset.running || day <= '2026-05-31');
}

/** The mean metric straight from the spec: sum per unit over pilot-period rows with a value, then the mean of units. */
function expectedMeanRevenue(dataset: Dataset, arm: 'pilot' | 'control'): number {
  const sums = dataset[arm]
    .map((rows) => rows.filter((spec) => spec.cents !== null && inPilotPeriod(dataset, spec)))
    .filter((rows) => rows.length > 0)
    .map((rows) => rows.reduce((total, spec) => total + (spec.cents as number) / 100, 0));
  return sums.reduce((total, sum) => total + sum, 0) / sums.length;
}

function expectFinite(value: unknown) {
  const bad = numbersIn(value).filter(({ value: number }) => !Number.isFinite(number));
  expect(bad).toEqual([]);
}

// ---------------------------------------------------------------- properties

describe('well-formed data', () => {
  it('never throws, is never refused row by row, and publishes no NaN or Infinity (fold path)', () => {
    fc.assert(
      fc.property(datasetArb, chunksArb, (dataset, chunks) => {
        const pilot = pilotFor(dataset);
        const rows = rowsFor(dataset);
        const { data, outcome } = analyzeRows(pilot, headerFor(dataset), rows.map((row) => row.cells), chunks);
        expect(data.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
        expect(outcome).not.toBeNull();
        if (outcome === null) return;
        if (!outcome.ok) {
          // Only what statistics.md section 9 refuses (per metric), or no row inside the pilot dates.
          for (const problem of outcome.problems.filter((p) => p.severity === 'error')) {
            expect(problem.column === 'day' || (problem.file === PILOT_FILE && problem.column?.startsWith('metrics.'))).toBe(true);
          }
          return;
        }
        const { results, metrics } = outcome.analysis;
        expectFinite(results);
        expectFinite(metrics);
        // Plain JSON: nothing undefined, no number that JSON would turn into null.
        expect(JSON.parse(JSON.stringify(results))).toEqual(results);
        const revenue = results.metrics.find((metric) => metric.id === 'revenue');
        if (revenue !== undefined) {
          for (const arm of ['pilot', 'control'] as const) {
            const expected = expectedMeanRevenue(dataset, arm);
            expect(Math.abs(revenue[arm].value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
          }
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  }, TIMEOUT);

  it('reads the same from a real file as from rows handed over (file path: BOM, CRLF, quoting)', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, fc.boolean(), fc.boolean(), async (dataset, bom, crlf) => {
        const pilot = pilotFor(dataset);
        const header = headerFor(dataset);
        const rows = rowsFor(dataset).map((row) => row.cells);
        const csv = `${bom ? '\uFEFF' : ''}${csvText([header, ...rows], crlf ? '\r\n' : '\n')}`;
        const loaded = await loadFile(pilot, csv);
        expect(loaded.ok ? [] : loaded.problems).toEqual([]);
        if (!loaded.ok) return;
        const fromFile = analyzePilot('prop', pilot, PILOT_FILE, loaded.data);
        const { outcome: fromRows } = analyzeRows(pilot, header, rows);
        expect(fromFile).toEqual(fromRows);
        if (fromFile.ok) expectFinite(fromFile.analysis);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, TIMEOUT);

  it('shuffling the rows never changes a result', () => {
    fc.assert(
      fc.property(
        datasetArb.chain((dataset) => {
          const count = rowsFor(dataset).length;
          const order = fc.shuffledSubarray(
            Array.from({ length: count }, (_, index) => index),
            { minLength: count, maxLength: count },
          );
          return fc.tuple(fc.constant(dataset), order, chunksArb);
        }),
        ([dataset, order, chunks]) => {
          const pilot = pilotFor(dataset);
          const header = headerFor(dataset);
          const rows = rowsFor(dataset).map((row) => row.cells);
          const shuffled = order.map((index) => rows[index] as string[]);
          const first = analyzeRows(pilot, header, rows).outcome;
          const second = analyzeRows(pilot, header, shuffled, chunks).outcome;
          expect(first?.ok).toBe(second?.ok);
          if (!first?.ok || !second?.ok) {
            expect(differences(first, second)).toEqual([]);
            return;
          }
          // Sums in another order round differently only in the last bits: 1e-9 relative. Relative to
          // what was summed, that is: an interval bound of -500,696 computed as -3.15e13 + 3.15e13
          // carries the rounding of 3.15e13. Revenue figures are measured against the amounts summed
          // (times the rollout); counts of deals and outcomes against 1.
          const revenueScale = dataset.pilot.concat(dataset.control).flat().reduce((total, spec) => total + Math.abs((spec.cents ?? 0) / 100), 0) * (dataset.rollout ?? 1);
          const { metrics: firstMetrics, ...firstRest } = first.analysis.results;
          const { metrics: secondMetrics, ...secondRest } = second.analysis.results;
          expect(differences(firstRest, secondRest)).toEqual([]);
          firstMetrics.forEach((metric, index) => {
            const floor = metric.id === 'revenue' ? revenueScale : 1;
            expect(differences(metric, secondMetrics[index], 1e-9, floor)).toEqual([]);
            expect(differences(first.analysis.metrics[index], second.analysis.metrics[index], 1e-9, floor)).toEqual([]);
          });
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------- malformed rows

type Damage = 'number' | 'ratio-number' | 'outcome' | 'group' | 'date' | 'ragged-short' | 'ragged-long' | 'no-unit' | 'both-groups';

const NOT_NUMBERS = ['abc', '12a', '1e+', 'NaN', '--3', '#N/A', '1.2.3', '$', '%', 'Infinity', '#DIV/0!', '12 000 000 0'];
const NOT_OUTCOMES = ['maybe', '2', 'y', '0.5', 'yes!', 'n/a'];
// None of these is a label of any generated pilot, even trimmed ("pilot", "control", "A", "B", "test", "holdout").
const NOT_GROUPS = ['Pilot', 'CONTROL', 'treatment', 'pilot1', 'a', ' b ', 'Holdout'];
const NOT_DATES = ['03/02/2026', '2026-02-31', 'March 2', '2026-13-01', 'yesterday', '2026-3-2'];

interface Malformed {
  dataset: Dataset;
  /** Index among the data rows of the damaged one. */
  at: number;
  damage: Damage;
  token: number;
}

const malformedArb: fc.Arbitrary<Malformed> = datasetArb.chain((dataset) =>
  fc.record({
    dataset: fc.constant(dataset),
    at: fc.nat({ max: rowsFor(dataset).length - 1 }),
    damage: fc.constantFrom<Damage>('number', 'ratio-number', 'outcome', 'group', 'date', 'ragged-short', 'ragged-long', 'no-unit', 'both-groups'),
    token: fc.nat(),
  }),
);

/**
 * The rows with one of them damaged, and the index of that row. The damaged
 * row is dated inside the pilot (rows after the end are never read) and
 * otherwise valid, so the damage is the only reason to refuse it.
 */
function damage({ dataset, at, damage: kind, token }: Malformed): { header: string[]; rows: string[][]; at: number } {
  const header = headerFor(dataset);
  const rows = rowsFor(dataset).map((row) => [...row.cells]);
  const column = (name: string) => header.indexOf(name);
  const row = rows[at] as string[];
  if (dataset.dated) row[column('day')] = '2026-04-01';
  const pick = (list: string[]) => list[token % list.length] as string;
  let kindDone = kind;
  if (kind === 'date' && !dataset.dated) kindDone = 'number';
  if (kind === 'both-groups') {
    // The unit of an earlier row, in the other group here.
    const earlier = rowsFor(dataset).slice(0, at);
    const other = earlier.find((candidate) => candidate.unit !== (row[0] as string));
    if (other === undefined) kindDone = 'group';
    else {
      row[0] = other.unit;
      row[1] = other.arm === 'pilot' ? dataset.labels[1] : dataset.labels[0];
    }
  }
  switch (kindDone) {
    case 'number':
      row[column('revenue')] = pick(NOT_NUMBERS);
      break;
    case 'ratio-number':
      row[column(token % 2 === 0 ? 'won' : 'opportunities')] = pick(NOT_NUMBERS);
      break;
    case 'outcome':
      row[column('closed')] = pick(NOT_OUTCOMES);
      break;
    case 'group':
      row[1] = pick(NOT_GROUPS);
      break;
    case 'date':
      row[column('day')] = pick(NOT_DATES);
      break;
    case 'ragged-short':
      row.pop();
      break;
    case 'ragged-long':
      row.push('extra');
      break;
    case 'no-unit':
      row[0] = '';
      break;
  }
  return { header, rows, at };
}

describe('malformed rows', () => {
  it('always give an error naming the spreadsheet row (fold path, any chunking)', () => {
    fc.assert(
      fc.property(malformedArb, chunksArb, (malformed, chunks) => {
        const { header, rows, at } = damage(malformed);
        const { data } = analyzeRows(pilotFor(malformed.dataset), header, rows, chunks);
        const errors = data.problems.filter((problem) => problem.severity === 'error');
        // Header is row 1, so data row `at` (from 0) is row at + 2.
        expect(errors.map((problem) => problem.row)).toContain(at + 2);
      }),
      { seed: SEED, numRuns: 300 },
    );
  }, TIMEOUT);

  it('always give an error naming the spreadsheet row (file path, with blank lines and quoted line breaks)', async () => {
    await fc.assert(
      fc.asyncProperty(malformedArb, fc.array(fc.nat(), { maxLength: 3 }), fc.boolean(), async (malformed, blanks, multiline) => {
        const { header, rows, at } = damage(malformed);
        // Blank lines are rows a spreadsheet numbers too; a quoted line break is not a new row.
        const records: string[][] = rows.map((cells) => (multiline && cells[0] !== '' ? [`${cells[0]}\nsmith`, ...cells.slice(1)] : cells));
        let damagedAt = at;
        for (const blank of blanks) {
          const position = blank % (records.length + 1);
          records.splice(position, 0, ['']);
          if (position <= damagedAt) damagedAt += 1;
        }
        const loaded = await loadFile(pilotFor(malformed.dataset), csvText([header, ...records]));
        expect(loaded.ok).toBe(false);
        if (loaded.ok) return;
        expect(loaded.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.row)).toContain(damagedAt + 2);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------- statistics

describe('the delta method with every denominator 1', () => {
  it('gives the plain mean and its variance s^2 / n', () => {
    // With N_i = 1: m = sum Y / n = mean(Y), and v = (s_Y^2 - 2 m s_YN + m^2 s_N^2) / (n mean(N)^2)
    // = s_Y^2 / n, since s_N^2 = s_YN = 0 and mean(N) = 1: exactly meanArm's v = s^2 / n.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength: 60 }),
        (values) => {
          const plain = meanArm(values);
          const delta = ratioArm(values.map((numerator) => ({ numerator, denominator: 1 })));
          expect(delta.units).toBe(plain.units);
          const close = (a: number, b: number, scale: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * scale);
          const size = Math.max(1, ...values.map(Math.abs));
          close(delta.estimate, plain.estimate, size);
          close(delta.variance, plain.variance, Math.max(size * size * 1e-12, plain.variance));
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  }, TIMEOUT);
});

describe('cells', () => {
  it('read back every way a spreadsheet writes an amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.constantFrom<NumberStyle>('plain', 'grouped', 'currency', 'accounting', 'spaced'), (cents, style) => {
        const read = readNumber(writeAmount(cents, style), { delimiter: ',' });
        expect(read).toEqual({ ok: true, value: cents / 100 === 0 ? 0 : cents / 100 });
      }),
      { seed: SEED, numRuns: 500 },
    );
  }, TIMEOUT);
});
