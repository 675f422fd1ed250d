/**
 * Where the site is published. Share links, link previews and the printed
 * address of every page are absolute, so they are only right when the
 * address is: a build left on the placeholder publishes links to a site
 * that is not this one, and says so.
 */

/** The address used when FIELDPROOF_SITE is not set: a placeholder, never a real site. */
export const PLACEHOLDER_SITE = 'https://example.github.io';

type Env = Record<string, string | undefined>;

/** The site's origin: FIELDPROOF_SITE, or the placeholder. */
export function siteAddress(env: Env): string {
  return env.FIELDPROOF_SITE || PLACEHOLDER_SITE;
}

/** A warning for the end of a build whose address is the placeholder; null when the address was set. */
export function placeholderAddressWarning(env: Env): string | null {
  if (siteAddress(env) !== PLACEHOLDER_SITE) return null;
  return (
    `fieldproof: warning: the site address is the placeholder ${PLACEHOLDER_SITE}, so every share link, ` +
    'link preview and printed address in this build points there, not at your site. ' +
    'Set FIELDPROOF_SITE (and FIELDPROOF_BASE for a project site) to where it is published, e.g. ' +
    'FIELDPROOF_SITE=https://acme.github.io FIELDPROOF_BASE=/sales-pilots npm run build; ' +
    'the GitHub Pages workflow (.github/workflows/pages.yml) sets both.\n'
  );
}
