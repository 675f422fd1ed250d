/**
 * Control characters: C0 but tab and line breaks, DEL and C1. No page, card
 * or results document can show one, and a terminal acts on some (ESC, BEL).
 * Pilot text refuses them (pilot.ts), a story drops them (story.ts), and a
 * unit name published with showUnits shows them as visible \u escapes here,
 * so two names that differ only by one stay two names.
 */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** The text with every control character written as \u followed by its four hex digits. */
export function showControls(text: string): string {
  return text.replace(CONTROLS, (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** The text without its control characters. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}
