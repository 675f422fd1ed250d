/**
 * User text on its way to a terminal. Titles, labels, unit names and CSV
 * values come from files anyone can commit; printed raw, an ESC (\u001b) or a
 * C1 control (\u009b is a one-byte CSI) would let them move the cursor, clear
 * the screen, retitle the window or forge a line of output, and a
 * bidirectional override (\u202e) would reorder what follows it on the line
 * ("Trojan Source", CVE-2021-42574).
 *
 * `terminalText` is the problems module's `oneLine` (problems are already
 * printed through it): line breaks and tabs become spaces, so table cells
 * stay in their columns; every other control or bidi control is written as a
 * visible \u escape. The CLI's own colours are added after this, so they are
 * never touched.
 */
export { oneLine as terminalText } from '../core/problems.ts';

/**
 * JSON for standard output: the same document, with C1 controls, separators
 * and bidi controls written as \u escapes (JSON.stringify already escapes C0).
 * Those characters can only occur inside JSON strings, so the text still
 * parses to exactly the same value.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (character) =>
    `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
