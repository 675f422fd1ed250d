import { describe, expect, it } from 'vitest';
import type { PilotEvidence } from '../../../src/core/evidence.ts';
import { facetGroups, facetSlug, facetsOf } from '../../../src/core/present/facets.ts';
import { pilots } from '../../support/analysed-pilots.ts';

/** A fixture pilot with an owner and tags of our choosing. */
function tagged(pilot: PilotEvidence, owner: string | undefined, tags: string[] | undefined): PilotEvidence {
  return { ...pilot, pilot: { ...pilot.pilot, owner, tags } };
}

describe('facets of the overview', () => {
  it('slugs a value by its words, so spellings of one name share a page', () => {
    expect(facetSlug('Demand Generation')).toBe('demand-generation');
    expect(facetSlug('  demand   generation ')).toBe('demand-generation');
    expect(facetSlug('Équipe Ventes / EMEA')).toBe('equipe-ventes-emea');
    expect(facetSlug('!!!')).toBe('other');
  });

  it('a page per status, owner and tag with their pilots, in the overview\u2019s order; no page for a kind with one value covering all', () => {
    const [a, b, c] = pilots as [PilotEvidence, PilotEvidence, PilotEvidence];
    const facets = facetsOf([tagged(a, 'Sales Ops', ['inbound', 'EMEA']), tagged(b, 'sales ops', ['inbound']), tagged(c, 'Marketing', undefined)]);
    expect(facets.map((facet) => [facet.path, facet.title, facet.pilots.map((pilot) => pilot.slug)])).toEqual([
      // voice-notes runs; nurture-q2 and demo-script have concluded.
      ['status/concluded/', 'Status: Concluded', ['nurture-q2', 'demo-script']],
      ['status/running/', 'Status: Running', ['voice-notes']],
      ['owner/marketing/', 'Owner: Marketing', [c.slug]],
      ['owner/sales-ops/', 'Owner: Sales Ops', [a.slug, b.slug]],
      ['tag/emea/', 'Tag: EMEA', [a.slug]],
      ['tag/inbound/', 'Tag: inbound', [a.slug, b.slug]],
    ]);
    expect(facetsOf([tagged(a, 'One', undefined), tagged(b, 'One', undefined)]).filter((facet) => facet.kind === 'owner')).toEqual([]);
    expect(facetGroups(facets).map((group) => [group.kind, group.links.map((link) => `${link.label} (${link.count})`)])).toEqual([
      ['Status', ['Concluded (2)', 'Running (1)']],
      ['Owner', ['Marketing (1)', 'Sales Ops (2)']],
      ['Tag', ['EMEA (1)', 'inbound (2)']],
    ]);
  });
});
