/**
 * compareSlugs (src/core/pilot-terms.ts) sorts slugs and ISO days as
 * localeCompare does, which the pages and the command line sorted them by.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSlugs, isSlug } from '../../src/core/pilot-terms.ts';

const sign = (n: number) => Math.sign(n);
const slug = fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('-'));
const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

describe('compareSlugs', () => {
  it('orders slugs as localeCompare does', () => {
    fc.assert(
      fc.property(slug, slug, (a, b) => isSlug(a) && isSlug(b) && sign(compareSlugs(a, b)) === sign(a.localeCompare(b))),
      { numRuns: 20_000, seed: 18 },
    );
    const slugs = ['a-b', 'a0', 'ab', 'a', 'a-1', 'a-10', 'a-9', 'b', '0', '9-a', 'z-z', 'az'];
    expect([...slugs].sort(compareSlugs)).toEqual([...slugs].sort((a, b) => a.localeCompare(b)));
  });

  it('orders ISO days as localeCompare does', () => {
    fc.assert(
      fc.property(day, day, (a, b) => sign(compareSlugs(a, b)) === sign(a.localeCompare(b))),
      { numRuns: 20_000, seed: 18 },
    );
  });
});
