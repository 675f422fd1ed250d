import { describe, expect, test } from 'vitest';
import { liftStripChart } from '../../src/charts/lift-strip.ts';
import { commonDomain, primaryResult } from '../../src/core/present/headline.ts';
import { bySlug, pilots } from '../support/analysed-pilots.ts';
import { expectAccessible } from './svg-text.ts';

const domain = commonDomain(pilots.map((pilot) => primaryResult(pilot.results)));
const stripOf = (slug: string) => {
  const pilot = bySlug(slug);
  return liftStripChart(primaryResult(pilot.results), { domain, confidence: pilot.results.confidence, id: `strip-${slug}` });
};

describe('card strip', () => {
  test('a rate is drawn at its relative lift on the shared axis', () => {
    const strip = stripOf('demo-script');
    if (!strip) throw new Error('expected a strip');
    expectAccessible(strip);
    expect(strip.label).toBe('Deals won: relative change +62%, 95% interval +25% to +120%, on the axis shared by all pilots (−35% to +130%)');
    expect(strip.table.rows).toEqual([['+62%', '+25%', '+120%', 'Win']]);
    // One drawing: the page's figure carries the id, the strip is its wide variant.
    expect(strip.svg.compact).toBeUndefined();
    expect(strip.svg.wide).toContain('id="strip-demo-script-wide"');
  });

  test('a running pilot is drawn at its own confidence level', () => {
    expect(stripOf('voice-notes')?.description).toBe('Relative change +5.4% (90% interval −11% to +24%) on the axis all pilots share.');
  });

  test('no percent interval, or no interval at all: no strip (the card says why in words)', () => {
    expect(stripOf('territory-pricing')).toBeNull();
    expect(stripOf('shadow-days')).toBeNull();
  });

  test('the same input draws the same bytes', async () => {
    expect(stripOf('nurture-q2')).toEqual(stripOf('nurture-q2'));
    await expect(stripOf('nurture-q2')?.svg.wide).toMatchFileSnapshot('./__snapshots__/lift-strip/nurture-q2.svg');
    await expect(stripOf('quote-automation')?.svg.wide).toMatchFileSnapshot('./__snapshots__/lift-strip/quote-automation.svg');
  });
});
