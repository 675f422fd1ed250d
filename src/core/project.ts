/**
 * A whole project: every pilot file in pilots/, its data read once, analysed
 * once. The command line and the site both come through here, so they always
 * agree. Problems of every pilot are gathered, never just the first.
 */
import path from 'node:path';
import { analyzePilot } from './analyze.ts';
import { contains, namesInside, projectFolder, readSmallFile, realRoot, resolveLinks } from './confine.ts';
import { readAssignmentFile, type Assignment } from './design/assignment-file.ts';
import { checkAgainstAssignment } from './design/check.ts';
import { planOf, type PlannedPilot } from './plan.ts';
import type { PilotEvidence } from './evidence.ts';
import { loadPilotData, resolveDataPath } from './load/load-data.ts';
import type { ByteTap } from './load/read-csv.ts';
import type { PilotFile } from './pilot-file.ts';
import { loadLeads } from './load/load-leads.ts';
import { analyzeQualification, type QualificationEvidence } from './qualification-analysis.ts';
import type { QualificationFile } from './qualification-file.ts';
import type { Pilot } from './pilot.ts';
import { compareSlugs } from './pilot-terms.ts';
import { error, hasErrors, warning, type Problem } from './problems.ts';
import type { CachedPilot, EvidenceStore, ReadPilotFile, ReadPilotFileEntry } from './cache.ts';
import { evidenceLevel } from './evidence-level.ts';
import { isQualificationText } from './frontmatter.ts';
import { primaryMetricDefinition, type DesignHistory } from './history.ts';

export interface ProjectOptions {
  /** Drafts are checked by `fieldproof check` but never analysed for the site. */
  includeDrafts?: boolean;
  /** Only this pilot file (repository-relative or absolute), for `analyze`. */
  only?: string;
  /** Progress of reading each pilot's data, for long files. */
  progress?: (event: { slug: string; bytesRead: number; bytesTotal: number }) => void;
  /** Given each analysed pilot's data file bytes once, in order, as they are read. */
  tap?: ByteTap;
  /** Analyses kept between runs: an unchanged published pilot is taken from it, and every new analysis kept. */
  store?: EvidenceStore | null;
  /**
   * Without `store`, a store used only for the pilot files as read (never for
   * analyses): `analyze` analyses its pilot afresh every time, and still need
   * not load the schemas when the pilot file is unchanged.
   */
  pilotFileStore?: EvidenceStore | null;
  /** Called before a pilot is analysed (not taken from the store), for progress and for tests that count. */
  analyzing?: (slug: string, index: number, count: number) => void;
  /** Git facts for each pilot's evidence level (statistics.md section 13); absent: no evidence level is given. */
  history?: DesignHistory;
  /**
   * Render each story to learn whether it can be published (true unless told).
   * `analyze` says false: it prints numbers, never the story, and rendering
   * one loads the markdown renderer, most of a small analysis's start-up.
   */
  checkStories?: boolean;
}

export interface ProjectAnalysis {
  /** Pilots whose analysis succeeded, newest start first. */
  pilots: PilotEvidence[];
  /** Drafts that were not analysed (only file facts). */
  drafts: PilotFile[];
  /** Planned pilots (`status: planned`): published as their plans, no data read. */
  plans: PlannedPilot[];
  /** Qualification evidence files (`kind: qualification`), analysed, by title. */
  qualifications: QualificationEvidence[];
  /** Every error and warning of every pilot. */
  problems: Problem[];
  /** Slugs analysed in this run, and slugs whose analysis came from the store. */
  analysed: string[];
  reused: string[];
  /**
   * Each stored pilot's key in the store of analyses (by slug): a digest of
   * everything its evidence was computed from, before the evidence level
   * (which comes from git) is added. Empty without a store.
   */
  keys: Map<string, string>;
}

/** The pilot files of a project, parsed and validated (no data read). */
export interface PilotFiles {
  files: PilotFile[];
  problems: Problem[];
  /** Pilots refused for their frontmatter alone (unknown keys, the file name), whose data can still be checked. */
  salvaged: PilotFile[];
  /** Files declaring `kind: qualification`, read by their own schema. */
  qualifications: QualificationFile[];
}

/**
 * `store`: files read without a problem before, by this version of the code,
 * are taken from it by their name and text, and the others are remembered in
 * it; a run with no pilot file changed then never loads YAML or the schemas.
 */
export async function readPilotFiles(root: string, only?: string, store: EvidenceStore | null = null): Promise<PilotFiles> {
  const pilotsDir = path.join(root, 'pilots');
  const folder = await projectFolder(root, 'pilots');
  if (!folder.ok) return { files: [], salvaged: [], qualifications: [], problems: [error({ file: 'pilots/', message: PILOTS_FOLDER_PROBLEM[folder.why] })] };
  let names: string[];
  let nested = new Map<string, number>();
  let misnamed: string[] = [];
  if (only !== undefined) {
    const absolute = path.resolve(root, only);
    names = [path.relative(pilotsDir, absolute)];
  } else {
    try {
      ({ names, nested, misnamed } = await listPilotFiles(pilotsDir));
    } catch {
      return { files: [], salvaged: [], qualifications: [], problems: [error({ file: 'pilots/', message: PILOTS_FOLDER_PROBLEM.unreadable })] };
    }
  }
  const files: PilotFile[] = [];
  const salvaged: PilotFile[] = [];
  const qualifications: QualificationFile[] = [];
  const problems: Problem[] = [];
  for (const [folder, count] of nested) {
    problems.push(
      warning({
        file: `pilots/${folder}/`,
        message: `holds ${count === 1 ? 'a pilot file' : `${count} pilot files`} that ${count === 1 ? 'is' : 'are'} not read: pilots are the .md files directly in pilots/ (a file's name is its address); move ${count === 1 ? 'it' : 'them'} up to publish, or leave ${count === 1 ? 'it' : 'them'} there as an archive`,
      }),
    );
  }
  for (const name of misnamed) {
    const stem = name.slice(0, name.lastIndexOf('.'));
    problems.push(warning({ file: `pilots/${name}`, message: `is not read: pilots are the files whose names end in ".md" (lowercase); rename it to ${stem}.md to publish it` }));
  }
  const readWell: ReadPilotFileEntry[] = [];
  const realProjectRoot = await realRoot(root);
  // Two names that differ only in letter case are one file on macOS and Windows. Only a lowercase
  // name can be a slug, so the other one already fails the slug rule: tell it which file it
  // collides with, and leave the valid one alone.
  const lowercaseNames = new Set(names.filter((name) => name === name.toLowerCase()));
  for (const name of names) {
    const file = `pilots/${name.split(path.sep).join('/')}`;
    const read = await readPilotBytes(realProjectRoot, path.join(pilotsDir, name));
    if (!read.ok) {
      problems.push(error({ file, message: read.message }));
      continue;
    }
    let text: string;
    try {
      // Fatal, like the CSV reader: a Latin-1 "é" must not be published as a replacement character.
      text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    } catch {
      problems.push(error({ file, message: 'the file is not UTF-8 text; save it with UTF-8 encoding (most editors offer it under "Save with encoding")' }));
      continue;
    }
    const parsed = (await store?.readPilotFile(file, text)) ?? (await parseFile(file, text));
    if ('kind' in parsed) {
      if (parsed.kind === 'qualification') qualifications.push(parsed.value);
      else files.push(parsed.value);
      readWell.push({ file, text, read: parsed });
    } else {
      problems.push(...parsed.problems);
      if (parsed.salvaged !== undefined && parsed.salvaged.pilot.status !== 'draft') salvaged.push(parsed.salvaged);
    }
    const lowercase = name.toLowerCase();
    if (lowercase !== name && lowercaseNames.has(lowercase)) {
      const other = `pilots/${lowercase.split(path.sep).join('/')}`;
      problems.push(
        error({ file, message: `differs from ${other} only in letter case, and on macOS and Windows they would be one file; merge the two or remove this one` }),
      );
    }
  }
  await store?.rememberPilotFiles(readWell, only === undefined);
  return { files, problems, salvaged, qualifications };
}

/**
 * A file of pilots/ read by its schema: `kind: qualification` by the
 * qualification schema, any other by the pilot's. The schemas (and zod) are
 * loaded here, only for a file not read before.
 */
async function parseFile(file: string, text: string): Promise<ReadPilotFile | { problems: Problem[]; salvaged?: PilotFile }> {
  if (isQualificationText(text)) {
    const { parseQualificationFile } = await import('./qualification-file.ts');
    const qualification = parseQualificationFile(file, text);
    return qualification.ok ? { kind: 'qualification', value: qualification.value } : qualification;
  }
  const { parsePilotFile } = await import('./pilot-file.ts');
  const pilot = parsePilotFile(file, text);
  return pilot.ok ? { kind: 'pilot', value: pilot.value } : pilot;
}

/**
 * The most a pilot file may hold: its frontmatter and a story are a few
 * kilobytes; a megabyte is hundreds of pages of markdown. Past it the file is
 * refused unread, so a link to something endless cannot fill memory.
 */
export const PILOT_FILE_LIMIT = 1024 * 1024;

const PILOTS_FOLDER_PROBLEM: Record<'missing' | 'loop' | 'unreadable' | 'outside' | 'not a folder', string> = {
  missing: 'there is no pilots/ folder; expected one markdown file per pilot in pilots/',
  loop: 'is a symlink loop (a link that leads back to itself); expected a folder holding one markdown file per pilot',
  unreadable: 'cannot be read; expected a folder the build is allowed to read, holding one markdown file per pilot',
  outside: 'is a link that leads outside the project; expected a folder inside the repository holding one markdown file per pilot',
  'not a folder': 'is not a folder; expected a folder holding one markdown file per pilot',
};

const EXPECTED_PILOT = "expected a markdown file with the pilot's frontmatter";

/**
 * A pilot file's bytes, if it is one: inside the project once its links are
 * followed, a regular file (not a folder, named pipe or device) and at most
 * PILOT_FILE_LIMIT bytes. Otherwise the sentence that says why; it never
 * quotes what the path leads to.
 */
export async function readPilotBytes(realProjectRoot: string, absolute: string): Promise<{ ok: true; bytes: Buffer } | { ok: false; message: string }> {
  const resolved = await resolveLinks(absolute);
  if (!resolved.ok) {
    if (resolved.why === 'loop') return { ok: false, message: `is a symlink loop (a link that leads back to itself); ${EXPECTED_PILOT}` };
    return { ok: false, message: resolved.why === 'missing' ? 'no such pilot file' : `cannot be read; ${EXPECTED_PILOT} the build is allowed to read` };
  }
  if (!contains(realProjectRoot, resolved.real)) return { ok: false, message: `is a link that leads outside the project; ${EXPECTED_PILOT}, inside the repository` };
  const read = await readSmallFile(resolved.real, PILOT_FILE_LIMIT);
  if (read.ok) return read;
  switch (read.why) {
    case 'not a file':
      return { ok: false, message: read.kind === 'a folder' ? `is a folder; ${EXPECTED_PILOT}` : `is ${read.kind}, not a file; ${EXPECTED_PILOT}` };
    case 'too large':
      return { ok: false, message: 'is larger than 1 MB, the most a pilot file may hold; expected its frontmatter and a story, with long material linked rather than pasted in' };
    case 'unreadable':
      return { ok: false, message: `cannot be read (${read.code}); ${EXPECTED_PILOT} the build is allowed to read` };
  }
}

/**
 * The .md files of pilots/ in one listing: those directly in it, which are
 * the pilots, and for each folder below it how many it holds, which are not
 * read (and are named in a warning); and the files directly in it that look
 * like pilots but are not named .md (".MD", ".markdown"), also named in a
 * warning rather than skipped in silence.
 */
async function listPilotFiles(pilotsDir: string): Promise<{ names: string[]; nested: Map<string, number>; misnamed: string[] }> {
  const names: string[] = [];
  const misnamed: string[] = [];
  const nested = new Map<string, number>();
  for (const entry of await namesInside(pilotsDir)) {
    const folder = path.dirname(entry);
    if (!entry.endsWith('.md')) {
      if (folder === '.' && /\.(md|markdown)$/i.test(entry)) misnamed.push(entry);
      continue;
    }
    if (folder === '.') {
      names.push(entry);
      continue;
    }
    const shown = folder.split(path.sep).join('/');
    nested.set(shown, (nested.get(shown) ?? 0) + 1);
  }
  return { names: names.sort(), nested, misnamed: misnamed.sort() };
}

/**
 * The data problems of pilots refused for their frontmatter alone, so that
 * one run lists every problem: a typo in a key does not hide a bad cell.
 */
export async function dataProblemsOf(root: string, salvaged: readonly PilotFile[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const { pilot, file } of salvaged) {
    const loaded = await loadPilotData(root, pilot, file);
    problems.push(...(loaded.ok ? loaded.data.problems : loaded.problems));
  }
  return problems;
}

/**
 * A pilot's problem as analyzeProject reports it. A draft is work in
 * progress: `check` shows what is wrong with it, but it blocks nothing.
 */
export function asReported(pilot: Pilot, problem: Problem): Problem {
  return pilot.status === 'draft' ? { ...problem, severity: 'warning', message: `(draft) ${problem.message}` } : problem;
}

/** A pilot's key, when it was worked out before analysing, and its stored analysis if that key matches. */
interface Lookup {
  key: string | null;
  cached: CachedPilot | null;
}

const LOOKUPS_AT_ONCE = 4;

/**
 * The one way into the analysis, for the command line and the site alike:
 * every pilot file read and parsed once, each pilot's data read once and
 * analysed, or taken unchanged from the store of analyses kept between runs
 * (src/core/cache.ts) when one is given. Problems of every pilot are
 * gathered, never just the first, in the order of the pilot files.
 */
export async function analyzeProject(root: string, options: ProjectOptions = {}): Promise<ProjectAnalysis> {
  const { files, problems, salvaged, qualifications: qualificationFiles } = await readPilotFiles(root, options.only, options.store ?? options.pilotFileStore ?? null);
  const store = options.store ?? null;
  const stories = new StoryChecks(store, options.checkStories !== false);
  // Each story rendered as its page will render it: one that cannot be published fails here, by file and line.
  for (const { file, story, storyLine, pilot } of files) problems.push(...(await stories.problems(file, story, storyLine)).map((problem) => asReported(pilot, problem)));
  problems.push(...(await dataProblemsOf(root, salvaged)));
  const drafts = options.includeDrafts ? [] : files.filter((pilotFile) => pilotFile.pilot.status === 'draft');
  const planned = files.filter((pilotFile) => pilotFile.pilot.status === 'planned');
  const analysedFiles = files.filter((pilotFile) => pilotFile.pilot.status !== 'planned' && (options.includeDrafts || pilotFile.pilot.status !== 'draft'));
  const plans: PlannedPilot[] = [];
  for (const pilotFile of planned) {
    const assignment = pilotFile.pilot.assignment === undefined ? null : await readAssignmentFile(root, pilotFile.pilot, pilotFile.file);
    if (assignment !== null && !assignment.ok) {
      problems.push(...assignment.problems);
      continue;
    }
    plans.push(await rememberedPlan(store, pilotFile, assignment?.assignment ?? null));
  }
  // Every pilot's versions are then read from git in one go, not one process per pilot.
  await options.history?.expect(files.map((pilotFile) => pilotFile.file));
  const pilots: PilotEvidence[] = [];
  const analysed: string[] = [];
  const reused: string[] = [];
  const keys = new Map<string, string>();
  // Hashing and lookups wait on the disk: a few at a time. Analyses run one by
  // one below, so memory stays that of one file and progress reads in order.
  // A pilot with nothing stored (a first build, a new pilot) has no key to
  // compare with: its data is hashed while it is analysed, in the same read.
  // A draft is stored like any pilot: its key changes with every edit of its file or its data.
  const lookups = await mapWithLimit(analysedFiles, LOOKUPS_AT_ONCE, async (pilotFile): Promise<Lookup> => {
    if (store === null || !(await store.has(pilotFile.slug))) return { key: null, cached: null };
    const key = await store.key(root, pilotFile);
    return { key, cached: key === null ? null : await store.get(pilotFile.slug, key) };
  });
  for (const [index, pilotFile] of analysedFiles.entries()) {
    const { key: knownKey, cached } = lookups[index] as Lookup;
    if (cached !== null) {
      pilots.push(await withEvidenceLevel(cached.evidence, options.history));
      problems.push(...cached.problems);
      reused.push(pilotFile.slug);
      if (knownKey !== null) keys.set(pilotFile.slug, knownKey);
      continue;
    }
    options.analyzing?.(pilotFile.slug, index, analysedFiles.length);
    analysed.push(pilotFile.slug);
    const storable = store !== null;
    const hasher = storable && knownKey === null ? await store.keyHasher(root, pilotFile) : null;
    const outcome = await analyzePilotFile(root, pilotFile, {
      ...(options.progress ? { progress: options.progress } : {}),
      ...(options.tap ? { tap: options.tap } : hasher ? { tap: hasher.update } : {}),
    });
    problems.push(...outcome.problems);
    if (outcome.evidence === null) continue;
    pilots.push(await withEvidenceLevel(outcome.evidence, options.history));
    // A pilot without errors has had its whole data file read, so the hash is complete.
    const key = hasher === null ? knownKey : hasher.digest();
    if (storable && key !== null && !hasErrors(outcome.problems)) {
      await store?.set(pilotFile.slug, key, { evidence: outcome.evidence, problems: outcome.problems });
      keys.set(pilotFile.slug, key);
    }
  }
  if (store !== null && options.only === undefined) await store.keepOnly(analysedFiles.map((pilotFile) => pilotFile.slug));
  pilots.sort((a, b) => compareSlugs(b.pilot.started, a.pilot.started) || compareSlugs(a.slug, b.slug));
  plans.sort((a, b) => compareSlugs(a.pilot.started, b.pilot.started) || compareSlugs(a.slug, b.slug));
  const qualifications: QualificationEvidence[] = [];
  for (const qualificationFile of qualificationFiles) {
    const outcome = await analyzeQualificationFile(root, qualificationFile, stories, store);
    problems.push(...outcome.problems);
    if (outcome.evidence !== null) qualifications.push(outcome.evidence);
  }
  qualifications.sort((a, b) => a.results.title.localeCompare(b.results.title) || a.slug.localeCompare(b.slug));
  await stories.remember();
  return { pilots, drafts, plans, qualifications, problems, analysed, reused, keys };
}

/**
 * The stories' check, remembered in the store of analyses: a story it found
 * publishable before, with this version of the code, is not rendered again,
 * so a run with no story changed never loads the markdown renderer
 * (src/core/story.ts, imported only when a story must be rendered).
 */
class StoryChecks {
  private readonly store: EvidenceStore | null;
  private readonly passed: string[] = [];
  private readonly enabled: boolean;

  constructor(store: EvidenceStore | null, enabled: boolean) {
    this.store = store;
    this.enabled = enabled;
  }

  async problems(file: string, story: string, firstLine: number | undefined): Promise<Problem[]> {
    if (!this.enabled) return [];
    if (this.store !== null && (await this.store.storyPassed(story))) return [];
    const { storyProblems } = await import('./story.ts');
    const found = await storyProblems(file, story, firstLine);
    if (found.length === 0) this.passed.push(story);
    return found;
  }

  async remember(): Promise<void> {
    await this.store?.rememberStoriesPassed(this.passed);
  }
}

/**
 * The pilot with its evidence level, from git (statistics.md section 13).
 * Never kept in the store: a commit changes it while the files stay the same.
 */
async function withEvidenceLevel(evidence: PilotEvidence, history: DesignHistory | undefined): Promise<PilotEvidence> {
  if (history === undefined) return evidence;
  const { pilot, file } = evidence;
  const [registration, assignment] = await Promise.all([
    history.registration(file, pilot.hypothesis, primaryMetricDefinition(pilot.metrics)),
    pilot.assignment === undefined ? null : history.file(`data/${pilot.assignment}`),
  ]);
  const level = evidenceLevel(evidence.results, {
    started: pilot.started,
    registration,
    assignment: pilot.assignment === undefined || assignment === null ? null : { file: pilot.assignment, history: assignment },
  });
  // In the document's order (outputs.md): after attrition, before the metrics.
  const { metrics, ...head } = evidence.results;
  return { ...evidence, results: { ...head, evidence: level, metrics } };
}

/** One pilot: its data read once and analysed; its problems as analyzeProject reports them. */
async function analyzePilotFile(
  root: string,
  { slug, pilot, file, story }: PilotFile,
  options: { progress?: ProjectOptions['progress']; tap?: ByteTap },
): Promise<{ evidence: PilotEvidence | null; problems: Problem[] }> {
  const problems: Problem[] = [];
  const report = (found: Problem[]) => problems.push(...found.map((problem) => asReported(pilot, problem)));
  const loaded = await loadPilotData(root, pilot, file, {
    ...(options.progress ? { progress: (bytesRead: number, bytesTotal: number) => options.progress?.({ slug, bytesRead, bytesTotal }) } : {}),
    ...(options.tap ? { tap: options.tap } : {}),
  });
  // The assignment file, when the pilot names one (statistics.md section 13): read, then held against the data.
  const assignment = pilot.assignment === undefined ? null : await readAssignmentFile(root, pilot, file);
  if (assignment !== null && !assignment.ok) report(assignment.problems);
  if (!loaded.ok) {
    report(loaded.problems);
    return { evidence: null, problems };
  }
  // What the loader warns of (look-alike unit names) is for the user, not the published results.
  report(loaded.data.problems);
  if (assignment !== null && !assignment.ok) return { evidence: null, problems };
  const design = assignment?.ok ? assignment.assignment : null;
  if (design !== null) {
    const mismatches = checkAgainstAssignment(loaded.data.units.values(), design, pilot, loaded.data.file);
    if (mismatches.length > 0) {
      report(mismatches);
      return { evidence: null, problems };
    }
  }
  const outcome = analyzePilot(slug, pilot, file, loaded.data, design);
  if (!outcome.ok) {
    report(outcome.problems);
    return { evidence: null, problems };
  }
  report(outcome.analysis.problems);
  return {
    evidence: {
      slug,
      pilot,
      story,
      file,
      results: outcome.analysis.results,
      metrics: outcome.analysis.metrics,
      rows: { read: loaded.data.rowsRead, used: loaded.data.rowsPre + loaded.data.rowsPilot },
    },
    problems,
  };
}

type QualificationOutcome = { evidence: QualificationEvidence | null; problems: Problem[] };

/**
 * One qualification file, kept in the store (by the digest of the file as
 * read and its leads file's bytes, which data-hashes.ts knows by size and
 * time) when it was analysed without an error.
 */
async function analyzeQualificationFile(root: string, qualificationFile: QualificationFile, stories: StoryChecks, store: EvidenceStore | null): Promise<QualificationOutcome> {
  const data = store === null ? null : await resolveDataPath(root, qualificationFile.qualification.data, qualificationFile.file);
  const digest = store === null || data === null || !data.ok ? null : await store.digest([JSON.stringify(qualificationFile)], [data.absolute]);
  const name = `qualification-${qualificationFile.slug}`;
  const known = digest === null ? null : await store?.recall<QualificationOutcome>(name, digest);
  if (known) return known;
  const outcome = await analyzeQualificationOnce(root, qualificationFile, stories);
  if (digest !== null && outcome.evidence !== null && !hasErrors(outcome.problems)) await store?.keep(name, digest, outcome);
  return outcome;
}

/** One qualification file: its story checked as its page renders it, its leads read once and analysed. */
async function analyzeQualificationOnce(root: string, qualificationFile: QualificationFile, stories: StoryChecks): Promise<QualificationOutcome> {
  const { slug, file, qualification, story, storyLine } = qualificationFile;
  const problems = await stories.problems(file, story, storyLine);
  const loaded = await loadLeads(root, qualification, file);
  if (!loaded.ok) return { evidence: null, problems: [...problems, ...loaded.problems] };
  problems.push(...loaded.leads.problems);
  if (loaded.leads.byCriteriaMet.every((group) => group.trials === 0)) {
    problems.push(error({ file: loaded.leads.file, message: `no lead could be used: each needs every criterion column and "${qualification.outcome}" filled in with yes or no` }));
    return { evidence: null, problems };
  }
  if (hasErrors(problems)) return { evidence: null, problems };
  return { evidence: { slug, file, qualification, story, results: analyzeQualification(qualificationFile, loaded.leads, problems) }, problems };
}

/** A Map as its entries, so that a digest of JSON sees what it holds. */
const withMapEntries = (_key: string, value: unknown) => (value instanceof Map ? [...value] : value);

/**
 * A planned pilot's plan (its exact detectable effect takes a few dozen
 * milliseconds), kept in the store by the digest of everything planOf reads.
 */
async function rememberedPlan(store: EvidenceStore | null, pilotFile: PilotFile, assignment: Assignment | null): Promise<PlannedPilot> {
  const digest = store === null ? null : await store.digest([JSON.stringify(pilotFile), JSON.stringify(assignment, withMapEntries)], []);
  if (store === null || digest === null) return planOf(pilotFile, assignment);
  const name = `plan-${pilotFile.slug}`;
  const known = await store.recall<PlannedPilot>(name, digest);
  if (known !== null) return known;
  const plan = planOf(pilotFile, assignment);
  await store.keep(name, digest, plan);
  return plan;
}

/** Like Promise.all over items.map(work), with at most `limit` pieces of work under way. */
async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
