/**
 * Reading one pilot file: YAML frontmatter checked against the shared schema,
 * and the markdown story below it. Problems name the file, the key, the
 * value and what was expected.
 */
import type { z } from 'zod';
import type { Pilot } from './pilot.ts';
import { isSlug } from './pilot-terms.ts';
import { metricSchema, pilotSchema } from './pilot-schema.ts';
import { error, quoteValue, type Problem } from './problems.ts';
import { readFrontmatter } from './frontmatter.ts';

export interface PilotFile {
  slug: string;
  /** Repository-relative, e.g. "pilots/nurture.md". */
  file: string;
  pilot: Pilot;
  story: string;
  /** The file's line the story starts on (1 when unknown), so a problem in the story names its line. */
  storyLine?: number;
}

export type PilotFileResult =
  | { ok: true; value: PilotFile }
  /** `salvaged`: the pilot read without the unknown keys that make it invalid, to check its data as well. */
  | { ok: false; problems: Problem[]; salvaged?: PilotFile };

export function parsePilotFile(file: string, text: string): PilotFileResult {
  const name = file.split('/').pop() ?? file;
  const slug = name.replace(/\.md$/, '');
  const problems: Problem[] = [];
  if (!isSlug(slug)) {
    problems.push(
      error({
        file,
        message: `the file name ${quoteValue(name)} is the pilot's permanent URL, so it must be lowercase letters, digits and dashes, e.g. ${suggestSlug(slug)}.md`,
      }),
    );
  }
  const frontmatter = readFrontmatter(text);
  if (frontmatter.status === 'missing') {
    problems.push(error({ file, message: 'no frontmatter found; expected the file to start with a "---" line, the pilot\'s keys, and another "---" line' }));
    return { ok: false, problems };
  }
  if (frontmatter.status === 'invalid') {
    const { line, reason } = frontmatter;
    problems.push(
      error({ file, ...(line !== null ? { row: line } : {}), message: `the frontmatter is not valid YAML: ${reason}${yamlHint(reason)}` }),
    );
    return { ok: false, problems };
  }
  const raw = frontmatter.data;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(error({ file, message: 'the frontmatter must be a list of "key: value" lines' }));
    return { ok: false, problems };
  }
  // jitless: a pilot file is parsed once per process, and compiling zod's fast path
  // (new Function per object schema) cost more than the one parse it speeds up.
  const parsed = pilotSchema.safeParse(raw, { reportInput: true, jitless: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(...issueProblems(file, issue, raw));
  }
  if (problems.length > 0 || !parsed.success) {
    const salvaged = parsed.success ? parsed.data : withoutUnknownKeys(raw, parsed.error.issues);
    return salvaged === null ? { ok: false, problems } : { ok: false, problems, salvaged: { slug, file, pilot: salvaged, story: '' } };
  }
  return { ok: true, value: { slug, file, pilot: parsed.data, story: frontmatter.story, storyLine: frontmatter.storyLine } };
}

/**
 * The pilot as it reads without its unknown keys, when those (typos, mostly)
 * are all that is wrong with it: enough to check its data too, so every
 * problem is listed at once (the pilot is still refused). Null otherwise.
 */
function withoutUnknownKeys(raw: object, issues: readonly z.core.$ZodIssue[]): Pilot | null {
  if (!issues.every((issue) => issue.code === 'unrecognized_keys')) return null;
  const copy = structuredClone(raw) as Record<PropertyKey, unknown>;
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const owner = valueAt(copy, issue.path);
    if (owner !== null && typeof owner === 'object') for (const key of issue.keys) delete (owner as Record<string, unknown>)[key];
  }
  const again = pilotSchema.safeParse(copy, { jitless: true });
  return again.success ? again.data : null;
}

/** What a marketer most likely did, for js-yaml's most common complaints. */
const YAML_HINTS: readonly [RegExp, string][] = [
  [/^bad indentation of a mapping entry/, 'put quotes around a value that contains ": ", e.g. title: "Nurture: emails", and check the spaces at the start of the line'],
  [/^duplicated mapping key/, 'each key may appear only once'],
  [/within a flow collection/, 'a "[" or "{" is not closed'],
  [/within a (double|single) quoted scalar/, 'a quote is not closed'],
  [/^tab characters must not be used/, 'indent with spaces, not tabs'],
  [/^end of the stream or a document separator is expected/, 'expected "key: value" lines'],
];

function yamlHint(reason: string): string {
  const hint = YAML_HINTS.find(([pattern]) => pattern.test(reason));
  return hint === undefined ? '' : `; ${hint[1]}`;
}

function suggestSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'my-pilot'
  );
}

/** metrics[1].type, the way a person would point at it. */
function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined), root);
}

function shown(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  // Lists and nested keys are pointed at by their key path, not quoted whole.
  if (value !== null && typeof value === 'object') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * One schema issue as problems naming the file, the key, the value and what
 * was expected. `keysAt` lists the keys allowed at a path (for typos): the
 * pilot's by default; a qualification file passes its own.
 */
export function issueProblems(file: string, issue: z.core.$ZodIssue, raw: unknown, keysAt: KeysAt = allowedKeysAt): Problem[] {
  const at = keyPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(issue.path);
    return issue.keys.map((key) => {
      const near = nearestKey(allowed, key);
      return error({
        file,
        column: at ? `${at}.${key}` : key,
        message: near
          ? `unknown key; did you mean "${near}"? Allowed keys here: ${allowed.join(', ')}`
          : `unknown key; expected one of: ${allowed.join(', ')}`,
      });
    });
  }
  const value = valueAt(raw, issue.path);
  const valueText = shown(value);
  let message = issue.message;
  if (issue.code === 'invalid_type' && value === undefined) {
    message = `is required but missing; expected ${expectedType(issue.expected)}`;
  } else if (issue.code === 'invalid_type') {
    message = `expected ${expectedType(issue.expected)}, got ${describeType(value)}${typeHint(issue.expected, value, issue.path, keysAt)}`;
  } else if (issue.code === 'invalid_value') {
    message = `expected one of: ${issue.values.map((option) => String(option)).join(', ')}`;
  } else if (issue.code === 'too_small' && issue.origin === 'array') {
    message = `expected at least ${String(issue.minimum)}`;
  } else if ((issue.code === 'too_big' || issue.code === 'too_small') && /^Too (big|small):/.test(issue.message)) {
    // zod's own wording ("Too big: expected int to be <=9007199254740991"); the schema's messages are kept.
    const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    const limit = typeof bound === 'number' ? bound.toLocaleString('en-US') : String(bound);
    message = `expected ${issue.origin === 'int' ? 'a whole number' : issue.origin === 'string' ? 'text' : 'a number'} ${issue.code === 'too_big' ? 'no more than' : 'no less than'} ${limit}`;
  }
  return [error({ file, ...(at ? { column: at } : {}), ...(valueText === undefined ? {} : { value: valueText }), message })];
}

/**
 * How to write what was meant, for the two mistakes YAML invites: a label
 * such as 1, true or 2026 read as a number or yes/no (group: { pilot: 1 }),
 * and a single value where keys are expected (champion: Dana Ortiz).
 */
function typeHint(expected: string, value: unknown, path: readonly PropertyKey[], keysAt: KeysAt): string {
  const key = String(path[path.length - 1] ?? '');
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `; YAML reads ${String(value)} as a ${typeof value === 'number' ? 'number' : 'yes/no value'}: put it in quotes, e.g. ${key}: "${String(value)}"`;
  }
  if (expected === 'object' && typeof value === 'string' && path.length === 1) {
    const keys = keysAt(path);
    if (keys.length > 0) return `; write its keys, e.g. ${key}: { ${keys[0]}: ${value} }`;
  }
  return '';
}

/** zod's type names in words: "int" is "a whole number", "boolean" is "true or false". */
function expectedType(expected: string): string {
  const words: Record<string, string> = {
    array: 'a list',
    object: 'a set of keys',
    string: 'text',
    int: 'a whole number',
    boolean: 'true or false',
  };
  return words[expected] ?? `a ${expected}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'string') return 'text';
  return typeof value === 'object' ? 'a set of keys' : `a ${typeof value}`;
}

/** The keys allowed at a key path of a file's frontmatter. */
export type KeysAt = (path: readonly PropertyKey[]) => readonly string[];

function allowedKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(pilotSchema.shape);
  if (path[0] === 'metrics') return Object.keys(metricSchema.shape);
  if (path[0] === 'champion') return ['name', 'role', 'quote'];
  if (path[0] === 'group') return ['column', 'pilot', 'control'];
  if (path[0] === 'rollout') return ['units', 'label'];
  return [];
}

/**
 * The allowed key a typo most likely meant: the nearest by edit distance
 * (Levenshtein, at most 2), the first listed on a tie; null when none is near.
 */
function nearestKey(allowed: readonly string[], key: string): string | null {
  let best: { key: string; distance: number } | null = null;
  for (const candidate of allowed) {
    const distance = editDistance(candidate, key);
    if (distance <= 2 && (best === null || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key ?? null;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return Infinity;
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] as number;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}
