/**
 * The YAML frontmatter at the top of a file in pilots/, and the story below
 * it: the one reading of such a file, shared by the pilot and qualification
 * schemas (./pilot-file.ts, ./qualification-file.ts) and the hypothesis's git
 * history (./history.ts), so all see the same keys. No schema here: deciding
 * which schema reads a file needs only its `kind`.
 */
import yaml from 'js-yaml';

// The same frontmatter fence Astro accepts (optional BOM, leading blank lines).
const FRONTMATTER = /^\uFEFF?\s*---\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

export type Frontmatter =
  /** `storyLine`: the file's line the story starts on. */
  | { status: 'read'; data: unknown; story: string; storyLine: number }
  | { status: 'missing' }
  /** `line`: the file's line of the YAML error, when YAML names one. */
  | { status: 'invalid'; reason: string; line: number | null };

/** A file's frontmatter as YAML data, and the story below it. */
export function readFrontmatter(text: string): Frontmatter {
  const match = FRONTMATTER.exec(text);
  if (!match) return { status: 'missing' };
  try {
    // Without timestamps YAML keeps dates as written, so the schema can refuse
    // 2026-02-31 instead of receiving the 3rd of March.
    const data = yaml.load(match[1] ?? '', { schema: yaml.CORE_SCHEMA });
    return { status: 'read', data, story: text.slice(match[0].length), storyLine: 1 + (match[0].match(/\n/g)?.length ?? 0) };
  } catch (cause) {
    const mark = (cause as { mark?: { line: number } }).mark;
    return { status: 'invalid', reason: (cause as { reason?: string }).reason ?? String(cause), line: mark ? mark.line + 2 : null };
  }
}

/**
 * Whether a pilot file's text declares `kind: qualification`: the one key
 * that decides which schema reads it. Anything else (no `kind`, broken
 * YAML) is read as a pilot, whose reading reports what is wrong.
 */
export function isQualificationText(text: string): boolean {
  const frontmatter = readFrontmatter(text);
  if (frontmatter.status !== 'read') return false;
  const { data } = frontmatter;
  const kind = data !== null && typeof data === 'object' ? (data as Record<string, unknown>).kind : undefined;
  // "Qualification" is read by the qualification schema too, which then says how to spell it.
  return typeof kind === 'string' && kind.trim().toLowerCase() === 'qualification';
}
