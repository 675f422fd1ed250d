/**
 * Reading one qualification evidence file: its frontmatter checked against
 * the qualification schema, with the same problems as a pilot file's (file,
 * key, value, what was expected), and the story below it.
 */
import { readFrontmatter } from './frontmatter.ts';
import { issueProblems } from './pilot-file.ts';
import { isSlug } from './pilot-terms.ts';
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
