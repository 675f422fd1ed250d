/**
 * Which link targets a story may publish. A browser does not read an href as
 * written: it decodes entities (the HTML parser has done that by the time the
 * attribute is read here), drops leading and trailing spaces and controls, and
 * removes every tab and line break anywhere, so `java&#x09;script:` is a
 * script link. The target is therefore cleaned the same way (the WHATWG URL
 * parser's rules) and parsed as a URL, and only these survive:
 *
 * - a link with the scheme http, https or mailto, to wherever it says;
 * - a link with no scheme that stays on this site (`#part`, `/path`,
 *   `../other/`): one that would leave it (`//evil.example`, `\\evil.example`,
 *   `/\evil.example`, which browsers all read as another host) is no relative
 *   link and is refused.
 *
 * Everything else (javascript:, data:, vbscript:, file:, tel:, ...) is refused.
 */

const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
/** The base relative links are resolved against: a host that cannot exist, so a link that leaves it is seen. */
const BASE = new URL('https://example.invalid/');
// What the URL parser strips before reading a URL (C0 controls and space at either end) and removes inside it (tab, LF, CR).
const ENDS = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const INSIDE = /[\t\n\r]/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The href to publish, cleaned as a browser would read it, or null when the link must lose its target. */
export function safeHref(href: string): string | null {
  const cleaned = href.replace(ENDS, '').replace(INSIDE, '');
  let url: URL;
  try {
    url = new URL(cleaned, BASE);
  } catch {
    return null;
  }
  if (SCHEME.test(cleaned)) return ALLOWED_SCHEMES.has(url.protocol) ? cleaned : null;
  return url.origin === BASE.origin ? cleaned : null;
}
