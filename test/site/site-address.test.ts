import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_SITE, placeholderAddressWarning, siteAddress } from '../../src/site/site-address.ts';

describe('the site address', () => {
  it('is FIELDPROOF_SITE when set, and the placeholder otherwise', () => {
    expect(siteAddress({ FIELDPROOF_SITE: 'https://acme.github.io' })).toBe('https://acme.github.io');
    expect(siteAddress({})).toBe(PLACEHOLDER_SITE);
    expect(siteAddress({ FIELDPROOF_SITE: '' })).toBe(PLACEHOLDER_SITE);
  });

  it('warns at the end of a build left on the placeholder, set or not, and says how to set it', () => {
    const expected =
      'fieldproof: warning: the site address is the placeholder https://example.github.io, so every share link, link preview and printed address in this build points there, not at your site. ' +
      'Set FIELDPROOF_SITE (and FIELDPROOF_BASE for a project site) to where it is published, e.g. FIELDPROOF_SITE=https://acme.github.io FIELDPROOF_BASE=/sales-pilots npm run build; ' +
      'the GitHub Pages workflow (.github/workflows/pages.yml) sets both.\n';
    expect(placeholderAddressWarning({})).toBe(expected);
    expect(placeholderAddressWarning({ FIELDPROOF_SITE: 'https://example.github.io' })).toBe(expected);
    expect(placeholderAddressWarning({ FIELDPROOF_SITE: 'https://acme.github.io' })).toBeNull();
  });
});
