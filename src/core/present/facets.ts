/**
 * The overview filtered by status, owner or tag, as static pages (the site
 * runs no script): one page per value, at /status/<value>/, /owner/<value>/
 * and /tag/<value>/, and the links between them. Each value's address is a
 * slug of its words, so "Demand Generation" is /owner/demand-generation/.
 */
import type { PilotEvidence } from '../evidence.ts';

export type FacetKind = 'status' | 'owner' | 'tag';

export interface Facet {
  kind: FacetKind;
  /** As written in the pilot files: "Demand Generation". */
  value: string;
  /** The address part: "demand-generation". */
  slug: string;
  /** "owner/demand-generation/" */
  path: string;
  /** "Owner: Demand Generation" */
  title: string;
  pilots: PilotEvidence[];
}

const KIND_NAMES: Record<FacetKind, string> = { status: 'Status', owner: 'Owner', tag: 'Tag' };
const STATUS_WORDS: Record<string, string> = { running: 'Running', concluded: 'Concluded', draft: 'Draft' };

/** "Demand Generation" -> "demand-generation"; words only, so any spelling of a name lands on one page. */
export function facetSlug(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'other'
  );
}

function valuesOf(pilot: PilotEvidence, kind: FacetKind): string[] {
  if (kind === 'status') return [pilot.results.status];
  if (kind === 'owner') return pilot.pilot.owner === undefined ? [] : [pilot.pilot.owner];
  return pilot.pilot.tags ?? [];
}

/**
 * Every facet value with its pilots (in the overview's order), by kind, then
 * by name. A kind with one value (every pilot concluded, one owner) gets no
 * pages: filtering by it would show the overview again.
 */
export function facetsOf(pilots: readonly PilotEvidence[]): Facet[] {
  const facets: Facet[] = [];
  for (const kind of ['status', 'owner', 'tag'] as const) {
    const bySlug = new Map<string, Facet>();
    for (const pilot of pilots) {
      for (const value of valuesOf(pilot, kind)) {
        const slug = facetSlug(value);
        let facet = bySlug.get(slug);
        if (facet === undefined) {
          const shown = kind === 'status' ? (STATUS_WORDS[value] ?? value) : value;
          facet = { kind, value: shown, slug, path: `${kind}/${slug}/`, title: `${KIND_NAMES[kind]}: ${shown}`, pilots: [] };
          bySlug.set(slug, facet);
        }
        if (!facet.pilots.includes(pilot)) facet.pilots.push(pilot);
      }
    }
    const values = [...bySlug.values()].sort((a, b) => a.value.localeCompare(b.value));
    const coversAll = values.length === 1 && values[0]?.pilots.length === pilots.length;
    if (!coversAll) facets.push(...values);
  }
  return facets;
}

/** The facet links of the overview, by kind: "Status: Concluded (5) · Running (1)". */
export function facetGroups(facets: readonly Facet[]): { kind: string; links: { label: string; path: string; count: number }[] }[] {
  return (['status', 'owner', 'tag'] as const)
    .map((kind) => ({
      kind: KIND_NAMES[kind],
      links: facets.filter((facet) => facet.kind === kind).map((facet) => ({ label: facet.value, path: facet.path, count: facet.pilots.length })),
    }))
    .filter((group) => group.links.length > 0);
}
