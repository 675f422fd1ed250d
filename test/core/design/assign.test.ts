import { describe, expect, it } from 'vitest';
import {
  assignUnits,
  blockKey,
  canonicalSeed,
  compareCodePoints,
  covariateBalance,
  designOf,
  seedForDay,
  summarizeDesign,
  unitKey,
  type RosterUnit,
} from '../../../src/core/design/assign.ts';

/**
 * Keys pinned from an independent SHA-256, coreutils' sha256sum:
 *   printf '%s' "20260601:Ana Silva" | sha256sum
 * (R's digest::digest(x, "sha256", serialize = FALSE) gives the same).
 */
const KEYS_20260601: Record<string, string> = {
  'Ana Silva': 'ebd2678f943a752f61fae767e67bea59254ffbc22d6d3a0919b337c0f43d3024',
  'Ben Okafor': 'c2113b3bfa979ed98c33cdda39bd0a4f4a087e1f448146809b3bf432a4cd348b',
  'Carla Diaz': 'ba0c3053316bd3ca9d9680b9cdcf29907866c9a1320003eb657b59eacae4e0ea',
  'Dev Patel': 'c3fd2ca4f0ee3ed0ef6355d00e2cf16a59d3d7179d3ef1272b619c7090d42714',
  'Emma Li': 'd1287891139b1238e14639d08020eadb9e0526204fa9bfb8d2bf456a536ba07a',
  'Femi Ade': '1ee4f10489c5b2a08a1cd777b8c691675f068c28f9342d21fd118eb250a83cdb',
};

/** The worked example of docs/assignment.md: 6 reps in 2 regions, with last quarter's revenue. */
const REPS: RosterUnit[] = [
  { name: 'Ana Silva', block: 'East', covariate: 4120 },
  { name: 'Ben Okafor', block: 'East', covariate: 3870 },
  { name: 'Carla Diaz', block: 'East', covariate: 5010 },
  { name: 'Dev Patel', block: 'West', covariate: 2950 },
  { name: 'Emma Li', block: 'West', covariate: 4480 },
  { name: 'Femi Ade', block: 'West', covariate: 3300 },
];
const unblocked = (units: readonly RosterUnit[]) => units.map((unit) => ({ ...unit, block: '' }));
const arms = (units: readonly { name: string; arm: string }[]) => Object.fromEntries(units.map((unit) => [unit.name, unit.arm]));

describe('keys', () => {
  it('are the SHA-256 of "<seed>:<unit>", as sha256sum computes it', () => {
    for (const [name, key] of Object.entries(KEYS_20260601)) expect(unitKey('20260601', name)).toBe(key);
    expect(unitKey('42', 'Ana Silva')).toBe('a9dfb9fd3464555349d1b83d2c6835851f2e183f7f53a0b5acb918b26e05b386');
    // UTF-8 bytes: printf '%s' "1:José" | sha256sum
    expect(unitKey('1', 'Jos\u00e9')).toBe('817ea7c74a7384e418f617a3e3749b9305ee21ce6974bf02d3e61f8e3f4e7775');
  });

  it('give each block with an odd count its coin: SHA-256 of "<seed>:block:<label>"', () => {
    expect(blockKey('20260601', 'East')).toBe('777948b573fa349ca1214ec64aa3ccba812a9db2764f8bfe774e225470f5e1c0');
    expect(blockKey('20260601', 'West')).toBe('93d67fc8514ed5ee33420d9305fc7c3f651d45d6e9253589bbc77851cddc4978');
    expect(blockKey('20260601', '')).toBe('4a4fadfc217245e7b91f5b5c9a79a85c2218dc2f502adc4625dd4239d5379164');
    expect(blockKey('7', '')).toMatch(/^9c7730ed/);
  });
});

describe('assignUnits', () => {
  it('complete: the half with the smallest keys is pilot', () => {
    // Keys in order: Femi 1e.., Carla ba.., Ben c2.. | Dev c3.., Emma d1.., Ana eb..
    const assigned = assignUnits(unblocked(REPS), { seed: '20260601', pairs: false });
    expect(assigned.map((unit) => unit.name)).toEqual(REPS.map((unit) => unit.name));
    expect(arms(assigned)).toEqual({
      'Ana Silva': 'control',
      'Ben Okafor': 'pilot',
      'Carla Diaz': 'pilot',
      'Dev Patel': 'control',
      'Emma Li': 'control',
      'Femi Ade': 'pilot',
    });
    expect(assigned.every((unit) => unit.pair === null && unit.key === KEYS_20260601[unit.name])).toBe(true);
  });

  it('blocked: each block on its own, the odd unit to pilot when the block coin is 0-7', () => {
    // East: Carla ba, Ben c2, Ana eb; coin 7.. is heads, so 2 pilots. West: Femi 1e, Dev c3, Emma d1; coin 9.., 1 pilot.
    const assigned = assignUnits(REPS, { seed: '20260601', pairs: false });
    expect(arms(assigned)).toEqual({
      'Ana Silva': 'control',
      'Ben Okafor': 'pilot',
      'Carla Diaz': 'pilot',
      'Dev Patel': 'control',
      'Emma Li': 'control',
      'Femi Ade': 'pilot',
    });
    expect(summarizeDesign(assigned).blocks).toEqual([
      { label: 'East', pilot: 2, control: 1, pairs: 0 },
      { label: 'West', pilot: 1, control: 2, pairs: 0 },
    ]);
  });

  it('an odd complete roster: the coin of the block "" decides the extra unit', () => {
    // Seed 7, keys in order: Femi 13.., Ana 50.., Dev 82.., Carla e5.., Ben eb..; the coin 9c.. is tails: 2 pilots.
    const five = unblocked(REPS.filter((unit) => unit.name !== 'Emma Li'));
    expect(arms(assignUnits(five, { seed: '7', pairs: false }))).toEqual({
      'Ana Silva': 'pilot',
      'Ben Okafor': 'control',
      'Carla Diaz': 'control',
      'Dev Patel': 'control',
      'Femi Ade': 'pilot',
    });
    // Seed 20260601: the coin 4a.. is heads: Femi, Carla, Ben.
    expect(arms(assignUnits(five, { seed: '20260601', pairs: false }))).toEqual({
      'Ana Silva': 'control',
      'Ben Okafor': 'pilot',
      'Carla Diaz': 'pilot',
      'Dev Patel': 'control',
      'Femi Ade': 'pilot',
    });
  });

  it('matched pairs: neighbours by the covariate, the smaller key of each pair is pilot', () => {
    // By revenue: Dev 2950, Femi 3300 | Ben 3870, Ana 4120 | Emma 4480, Carla 5010.
    const assigned = assignUnits(unblocked(REPS), { seed: '20260601', pairs: true });
    expect(assigned.map((unit) => [unit.name, unit.pair, unit.arm])).toEqual([
      ['Ana Silva', 2, 'control'],
      ['Ben Okafor', 2, 'pilot'],
      ['Carla Diaz', 3, 'pilot'],
      ['Dev Patel', 1, 'control'],
      ['Emma Li', 3, 'control'],
      ['Femi Ade', 1, 'pilot'],
    ]);
  });

  it('matched pairs within blocks: numbered from 1 in each, the odd unit left at the end decided by its own key', () => {
    const assigned = assignUnits(REPS, { seed: '20260601', pairs: true });
    // East by revenue: Ben 3870, Ana 4120 | Carla 5010 alone, key ba.. (not 0-7): control.
    // West: Dev 2950, Femi 3300 | Emma 4480 alone, key d1..: control.
    expect(assigned.map((unit) => [unit.name, unit.block, unit.pair, unit.arm])).toEqual([
      ['Ana Silva', 'East', 1, 'control'],
      ['Ben Okafor', 'East', 1, 'pilot'],
      ['Carla Diaz', 'East', 2, 'control'],
      ['Dev Patel', 'West', 1, 'control'],
      ['Emma Li', 'West', 2, 'control'],
      ['Femi Ade', 'West', 1, 'pilot'],
    ]);
    // Seed 7: the odd unit Femi (key 13..) is pilot.
    const last = REPS.map((unit) => ({ ...unit, block: '', covariate: unit.name === 'Femi Ade' ? 9000 : unit.covariate })).filter((unit) => unit.name !== 'Emma Li');
    const seven = assignUnits(last, { seed: '7', pairs: true });
    expect(seven.find((unit) => unit.name === 'Femi Ade')).toMatchObject({ pair: 3, arm: 'pilot' });
  });

  it('breaks ties in the covariate by the unit name, in code-point order', () => {
    const tied: RosterUnit[] = ['b', 'a', 'd', 'c'].map((name) => ({ name, block: '', covariate: 1 }));
    const pairs = assignUnits(tied, { seed: '1', pairs: true });
    expect(Object.fromEntries(pairs.map((unit) => [unit.name, unit.pair]))).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  it('does not depend on the order of the roster', () => {
    const reversed = [...REPS].reverse();
    for (const pairs of [false, true]) {
      expect(arms(assignUnits(reversed, { seed: '99', pairs }))).toEqual(arms(assignUnits(REPS, { seed: '99', pairs })));
    }
  });

  it('gives every block half its units, whatever the seed', () => {
    const units: RosterUnit[] = Array.from({ length: 23 }, (_, index) => ({ name: `rep ${index}`, block: `b${index % 3}`, covariate: index % 5 }));
    for (let seed = 0; seed < 50; seed += 1) {
      for (const block of summarizeDesign(assignUnits(units, { seed: String(seed), pairs: false })).blocks) {
        expect(Math.abs(block.pilot - block.control)).toBeLessThanOrEqual(1);
      }
      const paired = assignUnits(units, { seed: String(seed), pairs: true });
      const byPair = new Map<string, string[]>();
      for (const unit of paired) byPair.set(`${unit.block}/${unit.pair}`, [...(byPair.get(`${unit.block}/${unit.pair}`) ?? []), unit.arm]);
      for (const members of byPair.values()) if (members.length === 2) expect(members.sort()).toEqual(['control', 'pilot']);
    }
  });

  it('refuses matched pairs without a covariate', () => {
    expect(() => assignUnits([{ name: 'a', block: '', covariate: null }, { name: 'b', block: '', covariate: 1 }], { seed: '1', pairs: true })).toThrow(
      'matched pairs need a number for every unit\'s covariate; a has none',
    );
  });
});

describe('seeds', () => {
  it('are whole numbers from 0 to 2^53, written without leading zeros', () => {
    expect(canonicalSeed('20260601')).toBe('20260601');
    expect(canonicalSeed('007')).toBe('7');
    expect(canonicalSeed('0')).toBe('0');
    expect(canonicalSeed('9007199254740992')).toBe('9007199254740992');
    for (const bad of ['9007199254740993', '-1', '1.5', '1e3', '', 'abc']) expect(canonicalSeed(bad)).toBeNull();
  });

  it('default to the day, YYYYMMDD in UTC', () => {
    expect(seedForDay(Date.UTC(2026, 5, 1, 23, 59))).toBe('20260601');
    expect(seedForDay(0)).toBe('19700101');
  });
});

describe('compareCodePoints', () => {
  it('orders as LC_ALL=C sort orders UTF-8, which UTF-16 order does not past U+FFFF', () => {
    const emoji = '\u{1F600}';
    const lastOfPlane = '\uFFFF';
    expect(emoji < lastOfPlane).toBe(true);
    expect(compareCodePoints(emoji, lastOfPlane)).toBeGreaterThan(0);
    expect(['b', 'B', 'a', '\u00e9', 'ab'].sort(compareCodePoints)).toEqual(['B', 'a', 'ab', 'b', '\u00e9']);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });
});

describe('summarizeDesign', () => {
  it('counts the smallest attainable p: 1 / prod C(n_b, p_b), twice that when every block is split in half', () => {
    const blocked = summarizeDesign(assignUnits(REPS, { seed: '20260601', pairs: false }));
    expect(blocked.design).toBe('blocked');
    // C(3, 2) x C(3, 1) = 9 assignments.
    expect(blocked.smallestP).toEqual({ p: 1 / 9, ties: 1, assignments: 9 });
    // 3 vs 3 complete: 2 / C(6, 3) = 0.1, as statistics.md section 10 says.
    expect(summarizeDesign(assignUnits(unblocked(REPS), { seed: '1', pairs: false })).smallestP).toEqual({ p: 0.1, ties: 2, assignments: 20 });
    // 3 pairs: 2 / 2^3, the mirror image tying; with a unit left over, 1 / 2^2.
    expect(summarizeDesign(assignUnits(unblocked(REPS), { seed: '1', pairs: true })).smallestP).toEqual({ p: 0.25, ties: 2, assignments: 8 });
    const five = unblocked(REPS.slice(0, 5));
    expect(summarizeDesign(assignUnits(five, { seed: '1', pairs: true })).smallestP).toEqual({ p: 0.25, ties: 1, assignments: 4 });
  });

  it('weighs the covariate per arm: means and standardized difference', () => {
    const assigned = assignUnits(REPS, { seed: '20260601', pairs: false });
    // Pilot Ben 3870, Carla 5010, Femi 3300: mean 4060; control Ana 4120, Dev 2950, Emma 4480: mean 3850.
    const balance = summarizeDesign(assigned).covariate;
    expect(balance?.pilot).toBe(4060);
    expect(balance?.control).toBe(3850);
    // R: (4060 - 3850) / sqrt((var(c(3870, 5010, 3300)) + var(c(4120, 2950, 4480))) / 2)
    expect(balance?.standardizedDifference).toBeCloseTo(0.25117748, 8);
    expect(covariateBalance(assigned.filter((unit) => unit.block === 'East'))?.standardizedDifference).toBeNull();
    expect(summarizeDesign(assigned.map((unit) => ({ ...unit, covariate: null }))).covariate).toBeNull();
  });

  it('reads the design from what the units carry', () => {
    expect(designOf([{ block: '', pair: null }])).toBe('complete');
    expect(designOf([{ block: 'East', pair: null }])).toBe('blocked');
    expect(designOf([{ block: 'East', pair: 1 }])).toBe('pairs');
  });
});
