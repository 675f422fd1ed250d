/**
 * The random assignment of `fieldproof assign` (statistics.md section 13),
 * made so anyone can redo it by hand: every draw is a SHA-256 of plain text,
 * checkable with `sha256sum` or R's `digest::digest(x, "sha256", serialize =
 * FALSE)`, and every order is code-point order (`LC_ALL=C sort`, R's
 * `order(method = "radix")`). docs/assignment.md works an example through.
 *
 * - A unit's key: the lowercase hex SHA-256 of the UTF-8 text `<seed>:<unit>`.
 * - Blocks: the values of the block columns joined with " / " (one block,
 *   label "", without any).
 * - Complete or blocked: in each block of n units, sorted by key, the first
 *   n_p are pilot, the rest control; n_p = floor(n / 2), plus 1 when n is
 *   odd and SHA-256(`<seed>:block:<label>`) starts with 0-7 (a fair coin for
 *   the odd unit, one per block).
 * - Matched pairs: in each block, units sorted by the covariate (ties by
 *   name), neighbours paired 1-2, 3-4, ...; in each pair the unit with the
 *   smaller key is pilot. An odd unit left at the end is pilot when its own
 *   key starts with 0-7, and is a pair of one. Pairs are numbered from 1
 *   within each block.
 *
 * Pure: rows in, rows out; no file system, no clock.
 */
import { createHash } from 'node:crypto';
import type { Arm } from '../evidence.ts';
import { binomial } from '../stats/randomization.ts';

export interface RosterUnit {
  /** The unit's name as the roster writes it (trimmed). */
  name: string;
  /** The block label: the block columns' values joined with " / "; "" without blocks. */
  block: string;
  /** The pre-period covariate; null when none was named. */
  covariate: number | null;
}

export interface AssignedUnit extends RosterUnit {
  arm: Arm;
  /** The pair's number within its block (matched pairs only), from 1. */
  pair: number | null;
  /** SHA-256 of `<seed>:<name>`, lowercase hex. */
  key: string;
}

export type Design = 'complete' | 'blocked' | 'pairs';

/** What joins the values of several block columns into one label. */
export const BLOCK_SEPARATOR = ' / ';

/** The largest seed: every whole number up to it is exact in a double, and in R. */
export const LARGEST_SEED = 2 ** 53;

/** SHA-256 of UTF-8 text, lowercase hex: `printf '%s' "<text>" | sha256sum`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A unit's key: SHA-256 of `<seed>:<unit>`. */
export function unitKey(seed: string, unit: string): string {
  return sha256Hex(`${seed}:${unit}`);
}

/** The coin of a block with an odd number of units: SHA-256 of `<seed>:block:<label>`. */
export function blockKey(seed: string, label: string): string {
  return sha256Hex(`${seed}:block:${label}`);
}

/** Heads: a hex key starting with 0-7, which half of all keys do. */
export function headsFor(key: string): boolean {
  return /^[0-7]/.test(key);
}

/**
 * The seed as it is written into keys and the file: a whole number from 0 to
 * 2^53 in plain decimal digits ("007" is "7"). Null for anything else.
 */
export function canonicalSeed(text: string): string | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = BigInt(text.trim());
  return value <= BigInt(LARGEST_SEED) ? value.toString() : null;
}

/** The default seed: the day of `epochMs` as YYYYMMDD (UTC, so the same instant gives the same seed anywhere). */
export function seedForDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Code-point order of two strings (what `LC_ALL=C sort` does to UTF-8 text),
 * which JavaScript's own `<` only matches below U+D800: UTF-16 puts
 * characters past U+FFFF (surrogates, D800-DFFF) before U+E000-U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A UTF-16 code unit moved so that surrogates (characters past U+FFFF) sort after U+E000-U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * Assigns the units, returned in the roster's order. `pairs`: matched pairs
 * on each unit's covariate (which must then be a number for every unit).
 * Unit names must be distinct (the roster reader refuses duplicates).
 */
export function assignUnits(units: readonly RosterUnit[], options: { seed: string; pairs: boolean }): AssignedUnit[] {
  const { seed, pairs } = options;
  const assigned = new Map<string, AssignedUnit>();
  for (const [label, members] of blocksOf(units)) {
    const keyed = members.map((unit) => ({ unit, key: unitKey(seed, unit.name) }));
    if (pairs) {
      const sorted = [...keyed].sort((a, b) => covariateOf(a.unit) - covariateOf(b.unit) || compareCodePoints(a.unit.name, b.unit.name));
      for (let start = 0; start < sorted.length; start += 2) {
        const pair = start / 2 + 1;
        const first = sorted[start] as (typeof sorted)[number];
        const second = sorted[start + 1];
        if (second === undefined) {
          assigned.set(first.unit.name, { ...first.unit, key: first.key, pair, arm: headsFor(first.key) ? 'pilot' : 'control' });
          continue;
        }
        const firstIsPilot = compareCodePoints(first.key, second.key) < 0;
        assigned.set(first.unit.name, { ...first.unit, key: first.key, pair, arm: firstIsPilot ? 'pilot' : 'control' });
        assigned.set(second.unit.name, { ...second.unit, key: second.key, pair, arm: firstIsPilot ? 'control' : 'pilot' });
      }
    } else {
      const sorted = [...keyed].sort((a, b) => compareCodePoints(a.key, b.key));
      const odd = sorted.length % 2 === 1;
      const pilots = Math.floor(sorted.length / 2) + (odd && headsFor(blockKey(seed, label)) ? 1 : 0);
      sorted.forEach(({ unit, key }, index) => assigned.set(unit.name, { ...unit, key, pair: null, arm: index < pilots ? 'pilot' : 'control' }));
    }
  }
  return units.map((unit) => assigned.get(unit.name) as AssignedUnit);
}

function covariateOf(unit: RosterUnit): number {
  if (unit.covariate === null || !Number.isFinite(unit.covariate)) {
    throw new RangeError(`matched pairs need a number for every unit's covariate; ${unit.name} has none`);
  }
  return unit.covariate;
}

/** The units of each block, blocks in code-point order of their labels, units in roster order. */
export function blocksOf<T extends { block: string }>(units: readonly T[]): [string, T[]][] {
  const blocks = new Map<string, T[]>();
  for (const unit of units) {
    const members = blocks.get(unit.block);
    if (members === undefined) blocks.set(unit.block, [unit]);
    else members.push(unit);
  }
  return [...blocks].sort(([a], [b]) => compareCodePoints(a, b));
}

/** The design a set of assigned units shows: pairs when any has a pair, blocked when any has a block label. */
export function designOf(units: readonly { block: string; pair: number | null }[]): Design {
  if (units.some((unit) => unit.pair !== null)) return 'pairs';
  return units.some((unit) => unit.block !== '') ? 'blocked' : 'complete';
}

/** What a design summary reads of a unit: the assignment file's reader gives the same. */
export interface DesignUnit {
  arm: Arm;
  block: string;
  pair: number | null;
  covariate: number | null;
}

export interface BlockCounts {
  label: string;
  pilot: number;
  control: number;
  /** Matched pairs: the pairs of the block (a pair of one included); 0 otherwise. */
  pairs: number;
}

export interface CovariateBalance {
  /** Mean covariate per arm. */
  pilot: number;
  control: number;
  /** (m_p - m_c) / sqrt((s_p^2 + s_c^2) / 2), as the baseline check computes it (src/core/baseline.ts); null when it has no spread to measure by. */
  standardizedDifference: number | null;
}

export interface DesignSummary {
  design: Design;
  blocks: BlockCounts[];
  pilot: number;
  control: number;
  /** Null unless every unit has a covariate. */
  covariate: CovariateBalance | null;
  /**
   * The smallest p the randomization test of statistics.md section 10 can
   * reach with this design, whatever the data: `ties` / `assignments`.
   */
  smallestP: { p: number; ties: 1 | 2; assignments: number };
}

/**
 * Per block the units per arm, the covariate's balance, and the smallest
 * attainable randomization p. The test permutes within strata (the blocks;
 * with matched pairs, each pair): there are prod C(n_s, p_s) assignments, of
 * which the most extreme is one, or two when every stratum is split in half,
 * since swapping the arms everywhere then gives the same |T| (section 10's
 * "twice that with equal arms"). Pairs: 2^-pairs, or 2^(1 - pairs) when no
 * unit is left over. Examples: 3 + 3 blocked into 2 pilot 1 control and
 * 1 pilot 2 control, 1 / (3 x 3) = 0.11; 4 pairs, 2 / 16 = 0.125.
 */
export function summarizeDesign(units: readonly DesignUnit[]): DesignSummary {
  const design = designOf(units);
  const blocks: BlockCounts[] = blocksOf(units).map(([label, members]) => ({
    label,
    pilot: members.filter((unit) => unit.arm === 'pilot').length,
    control: members.filter((unit) => unit.arm === 'control').length,
    pairs: new Set(members.flatMap((unit) => (unit.pair === null ? [] : [unit.pair]))).size,
  }));
  const strata = new Map<string, { units: number; pilots: number }>();
  for (const unit of units) {
    // As JSON, a block label and a pair number stay apart whatever the label holds.
    const stratum = JSON.stringify([unit.block, design === 'pairs' ? unit.pair : null]);
    const counts = strata.get(stratum) ?? { units: 0, pilots: 0 };
    counts.units += 1;
    if (unit.arm === 'pilot') counts.pilots += 1;
    strata.set(stratum, counts);
  }
  const assignments = [...strata.values()].reduce((product, stratum) => product * binomial(stratum.units, stratum.pilots), 1);
  const ties = [...strata.values()].every((stratum) => stratum.units === 2 * stratum.pilots) ? 2 : 1;
  return {
    design,
    blocks,
    pilot: units.filter((unit) => unit.arm === 'pilot').length,
    control: units.filter((unit) => unit.arm === 'control').length,
    covariate: covariateBalance(units),
    smallestP: { p: Math.min(1, ties / assignments), ties, assignments },
  };
}

/** The covariate's mean per arm and their standardized difference; null unless every unit has a covariate and both arms have units. */
export function covariateBalance(units: readonly DesignUnit[]): CovariateBalance | null {
  if (units.length === 0 || units.some((unit) => unit.covariate === null)) return null;
  const arm = (which: Arm) => units.filter((unit) => unit.arm === which).map((unit) => unit.covariate as number);
  const [pilotValues, controlValues] = [arm('pilot'), arm('control')];
  if (pilotValues.length === 0 || controlValues.length === 0) return null;
  const mean = (values: readonly number[]) => values.reduce((total, value) => total + value, 0) / values.length;
  const variance = (values: readonly number[]) => {
    if (values.length < 2) return NaN;
    const centre = mean(values);
    return values.reduce((total, value) => total + (value - centre) ** 2, 0) / (values.length - 1);
  };
  const [pilot, control] = [mean(pilotValues), mean(controlValues)];
  const pooled = Math.sqrt((variance(pilotValues) + variance(controlValues)) / 2);
  const standardized = pooled > 0 ? (pilot - control) / pooled : NaN;
  return { pilot, control, standardizedDifference: Number.isFinite(standardized) ? standardized : null };
}
