/**
 * Every link and asset path goes through here, so the site works from a
 * sub-path (a GitHub Pages project site is served from /<repo>/): paths are
 * joined to Astro's base (import.meta.env.BASE_URL), and share links are made
 * absolute with Astro's `site`.
 */

/** "pilots/x/" -> "/fieldproof/pilots/x/" (with base "/fieldproof"). */
export function sitePath(to: string, base: string = import.meta.env.BASE_URL): string {
  const head = base.endsWith('/') ? base : `${base}/`;
  return `${head}${to.replace(/^\/+/, '')}`;
}

/** The absolute URL of a site path, for Open Graph tags and printed links. */
export function absoluteUrl(to: string, site: URL | string | undefined, base: string = import.meta.env.BASE_URL): string {
  if (site === undefined) throw new Error('Set `site` in astro.config.mjs (FIELDPROOF_SITE): share links must be absolute.');
  return new URL(sitePath(to, base), site).href;
}

export const pilotPath = (slug: string): string => `pilots/${slug}/`;
export const resultsPath = (slug: string): string => `pilots/${slug}/results.json`;
export const cardPath = (slug: string): string => `pilots/${slug}/card.png`;
