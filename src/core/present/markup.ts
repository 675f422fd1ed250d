/**
 * Text written into hand-made markup (share tags, chart labels, the table's
 * interval bars): every markup character as an entity, so it is safe as
 * element content and as a double-quoted attribute value. Astro and linkedom
 * escape only & and " in attributes; pilot files are user text.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
