/**
 * Reading one qualification evidence file: its frontmatter checked against
 * the qualification schema, with the same problems as a pilot file's (file,
 * key, value, what was expected), and the story below it.
 */
import { issueProblems, readFrontmatter } from './pilot-file.ts';
import { isSlug } from './pilot.ts';
import { error, type Problem } from './problems.ts';
import { qualificationSchema, type Qualification } from './qualification.ts';

export interface QualificationFile {
  slug: string;
  /** Repository-relative, e.g. "pilots/lead-qualification.md". */
  file: string;
  qualification: Qualification;
  story: string;
  storyLine: number;
}

export type QualificationFileResult = { ok: true; value: QualificationFile } | { ok: false; problems: Problem[] };

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

export function parseQualificationFile(file: string, text: string): QualificationFileResult {
  const name = file.split('/').pop() ?? file;
  const slug = name.replace(/\.md$/, '');
  const problems: Problem[] = [];
  if (!isSlug(slug)) {
    problems.push(error({ file, message: `the file name "${name}" is the page's permanent URL, so it must be lowercase letters, digits and dashes` }));
  }
  const frontmatter = readFrontmatter(text);
  if (frontmatter.status !== 'read') return { ok: false, problems: [...problems, error({ file, message: 'the frontmatter could not be read' })] };
  const raw = frontmatter.data;
  const parsed = qualificationSchema.safeParse(raw, { reportInput: true, jitless: true });
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(...issueProblems(file, issue, raw, qualificationKeysAt));
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { slug, file, qualification: parsed.data, story: frontmatter.story, storyLine: frontmatter.storyLine } };
}

function qualificationKeysAt(path: readonly PropertyKey[]): readonly string[] {
  return path.length === 0 ? Object.keys(qualificationSchema.shape) : [];
}
