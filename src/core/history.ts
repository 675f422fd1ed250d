/**
 * When was the hypothesis written? The pilot file's git history answers it:
 * the first commit whose frontmatter already held today's hypothesis text
 * (and, for the evidence level of statistics.md section 13, today's primary
 * metric), and a file's first commit dates the assignment file.
 * A hypothesis committed before the pilot started is a pre-registration, and
 * that is what makes a result credible to a sceptic; one written or rewritten
 * afterwards is reported as such.
 *
 * History is "unavailable" (and nothing is claimed) when the project is not a
 * git repository or is a shallow clone (CI checkouts default to one commit,
 * which would date every hypothesis to the latest push: pages.yml fetches the
 * full history for this reason).
 */
import { execFile } from 'node:child_process';
import type { HypothesisHistory } from './evidence.ts';
import { readFrontmatter } from './pilot-file.ts';

export type { HypothesisHistory };

/** Text kept between builds by key (the site's render cache is one): how answers from git are remembered. */
export interface TextCache {
  asyncText(kind: string, input: unknown, draw: () => Promise<string>): Promise<string>;
}

/** Runs git with arguments in the project folder; replaceable in tests. */
export type Git = (args: string[]) => Promise<string>;

// Astro loads this module more than once in a build (the config, then the
// pages' bundle): kept on globalThis, the runners and what they were told are shared.
const SHARED = Symbol.for('fieldproof.gitRunners');
const shared = ((globalThis as { [SHARED]?: { runners: Map<string, Git>; shown: WeakMap<Git, Map<string, Promise<string>>> } })[SHARED] ??= {
  runners: new Map(),
  shown: new WeakMap(),
});
const runners = shared.runners;

/** One runner per folder, so what is known of its repository is asked once per build. */
export function gitIn(root: string): Git {
  let runner = runners.get(root);
  if (runner === undefined) {
    runner = runGitIn(root);
    runners.set(root, runner);
  }
  return runner;
}

/** A runner that asks git each time (gitIn shares one per folder). */
export function runGitIn(root: string): Git {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (failure, stdout) =>
        failure ? reject(failure) : resolve(stdout),
      );
    });
}

/** Words only, so re-wrapping or re-quoting a YAML string is not a change. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * What a pilot registers before it starts (statistics.md section 13): its
 * hypothesis, in words only, and when asked its primary metric (the one marked
 * primary, or the first), by what it measures: id, type, columns and the
 * better direction. Read from a version of the pilot file as the analysis
 * reads it; null when it has no hypothesis.
 */
function registrationIn(fileText: string, withPrimaryMetric: boolean): string | null {
  const frontmatter = readFrontmatter(fileText);
  if (frontmatter.status !== 'read') return null;
  const { hypothesis, metrics } = (frontmatter.data ?? {}) as { hypothesis?: unknown; metrics?: unknown };
  if (typeof hypothesis !== 'string') return null;
  return withPrimaryMetric ? `${normalise(hypothesis)}\n${primaryMetricDefinition(metrics)}` : normalise(hypothesis);
}

/** A pilot's primary metric by what it measures, as text to compare between versions; "" when there is none. */
export function primaryMetricDefinition(metrics: unknown): string {
  if (!Array.isArray(metrics) || metrics.length === 0) return '';
  const list = metrics as Record<string, unknown>[];
  const primary = list.find((metric) => metric?.primary === true) ?? list[0];
  if (primary === null || typeof primary !== 'object') return '';
  const field = (key: string) => (typeof primary[key] === 'string' ? (primary[key] as string).trim() : '');
  return JSON.stringify([field('id'), field('type'), field('column'), field('numerator'), field('denominator'), field('better') || 'higher']);
}

/** What is the same for every pilot of a build; `head` is null before the first commit. */
export type RepositoryFacts = { status: 'available'; prefix: string; head: string | null } | { status: 'unavailable'; reason: string };

// The same for every pilot of a build: asked once per git runner, in one call.
const facts = new WeakMap<Git, Promise<RepositoryFacts>>();

export function repositoryFacts(git: Git): Promise<RepositoryFacts> {
  let known = facts.get(git);
  if (known === undefined) {
    known = git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--show-prefix']).then(
      async (output): Promise<RepositoryFacts> => {
        const [inside, shallow, prefix = ''] = output.split('\n').map((line) => line.trim());
        if (inside !== 'true') return { status: 'unavailable', reason: 'not a git repository' };
        if (shallow === 'true') return { status: 'unavailable', reason: 'shallow clone: the full history was not fetched' };
        // Fails before the first commit: then there is no history to name.
        const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD']).then(
          (line) => line.trim() || null,
          () => null,
        );
        return { status: 'available', prefix, head };
      },
      (): RepositoryFacts => ({ status: 'unavailable', reason: 'not a git repository' }),
    );
    facts.set(git, known);
  }
  return known;
}

/** A commit that touched the pilot file, and the file's path in it. */
interface FileCommit {
  commit: string;
  date: string;
  path: string;
}

/** The commits that touched `file`, oldest first, following renames; null when git cannot say. */
async function fileCommits(file: string, prefix: string, git: Git): Promise<FileCommit[] | null> {
  let log: string;
  try {
    // Newest first; --follow keeps the history across renames, and --name-only
    // gives the file's path at each commit.
    // The author date: a rebase keeps it, where the committer date becomes the merge's.
    log = await git(['log', '--follow', '--format=%x1e%H %aI', '--name-only', '--', file]);
  } catch {
    return null;
  }
  return log
    .split('\x1e')
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      const [head = '', ...paths] = chunk.split('\n').map((line) => line.trim()).filter(Boolean);
      const [commit = '', date = ''] = head.split(' ');
      return { commit, date, path: paths[0] ?? `${prefix}${file}` };
    })
    .reverse();
}

/** What to look for in the pilot file's history: the hypothesis, and the primary metric when given. */
interface Registration {
  hypothesis: string;
  /** primaryMetricDefinition of the pilot as it is now; absent: the hypothesis alone. */
  primaryMetric?: string;
}

function wanted(registration: Registration): string {
  const words = normalise(registration.hypothesis);
  return registration.primaryMetric === undefined ? words : `${words}\n${registration.primaryMetric}`;
}

// A file at a commit never changes: each is asked of git once per runner,
// though the evidence level and the report page both read it (one process
// forked from a build of a gigabyte costs tens of milliseconds).
const shown = shared.shown;

/** The file at `path` as of `commit` (a full hash), asked of git once per runner. */
function fileAt(commit: string, path: string, git: Git): Promise<string> {
  let known = shown.get(git);
  if (known === undefined) {
    known = new Map();
    shown.set(git, known);
  }
  const key = `${commit}:${path}`;
  let text = known.get(key);
  if (text === undefined) {
    text = git(['show', key]);
    known.set(key, text);
  }
  return text;
}

/** The first of `commits` whose version of the file holds the registration (the hypothesis in words only). */
async function firstCommitWith(commits: readonly FileCommit[], registration: Registration, git: Git): Promise<HypothesisHistory> {
  const target = wanted(registration);
  for (const { commit, date, path } of commits) {
    let text: string;
    try {
      text = await fileAt(commit, path, git);
    } catch {
      continue;
    }
    if (registrationIn(text, registration.primaryMetric !== undefined) === target) return { status: 'committed', date: date.slice(0, 10), commit };
  }
  return { status: 'uncommitted' };
}

/**
 * @param file repository-relative path of the pilot file, e.g. "pilots/x.md"
 * @param hypothesis the hypothesis as published now
 * @param primaryMetric primaryMetricDefinition of the pilot now: the commit must hold it too
 */
export async function hypothesisHistory(file: string, hypothesis: string, git: Git, primaryMetric?: string): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status === 'unavailable') return repository;
  const commits = await fileCommits(file, repository.prefix, git);
  return commits === null ? { status: 'uncommitted' } : firstCommitWith(commits, registrationOf(hypothesis, primaryMetric), git);
}

function registrationOf(hypothesis: string, primaryMetric: string | undefined): Registration {
  return primaryMetric === undefined ? { hypothesis } : { hypothesis, primaryMetric };
}

/**
 * When a file was first committed (an assignment file, statistics.md section
 * 13): the oldest commit of its history, renames followed; uncommitted when it
 * has none.
 */
export async function fileHistory(file: string, git: Git): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status === 'unavailable') return repository;
  const commits = await fileCommits(file, repository.prefix, git);
  const first = commits?.[0];
  return first === undefined ? { status: 'uncommitted' } : { status: 'committed', date: first.date.slice(0, 10), commit: first.commit };
}

/**
 * hypothesisHistory, kept in the render cache. A file's history up to a
 * commit never changes, and neither does a commit's content: the answer for
 * (HEAD, file, hypothesis) is kept, so a build with no new commit asks git
 * nothing per pilot; and the answer for (the file's commits, hypothesis) is
 * kept, so after a push that did not touch the file one `git log` is asked
 * instead of reading the file at each of its commits. Before the first
 * commit, or outside a repository, git is asked every time.
 */
export async function cachedHypothesisHistory(file: string, hypothesis: string, git: Git, cache: TextCache, primaryMetric?: string): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status !== 'available' || repository.head === null) return hypothesisHistory(file, hypothesis, git, primaryMetric);
  const registration = registrationOf(hypothesis, primaryMetric);
  const atHead = { head: repository.head, prefix: repository.prefix, file, ...registration };
  const at = { head: repository.head, prefix: repository.prefix };
  const inCommits = (commits: readonly FileCommit[]) => ({ commits, ...registration });
  const stored = JSON.parse(
    await cache.asyncText('git:hypothesis-history', atHead, async () => {
      const commits = await cachedFileCommits(file, at, git, cache);
      if (commits === null) return JSON.stringify({ commits: null, history: { status: 'uncommitted' } });
      const history = await cache.asyncText('git:hypothesis-in-commits', inCommits(commits), async () => JSON.stringify(await firstCommitWith(commits, registration, git)));
      return JSON.stringify({ commits, history: JSON.parse(history) as HypothesisHistory });
    }),
  ) as { commits: FileCommit[] | null; history: HypothesisHistory };
  // Used again, so pruning after this build keeps it for the next commit.
  await cache.asyncText('git:file-commits', { ...at, file }, async () => JSON.stringify(stored.commits));
  if (stored.commits !== null) await cache.asyncText('git:hypothesis-in-commits', inCommits(stored.commits), async () => JSON.stringify(stored.history));
  return stored.history;
}

/**
 * fileCommits kept in the cache by (HEAD, file): a file's history up to a
 * commit never changes, and the evidence level, the report page and the
 * assignment's date all start from it, so one `git log` serves them all.
 */
async function cachedFileCommits(file: string, repository: { prefix: string; head: string }, git: Git, cache: TextCache): Promise<FileCommit[] | null> {
  return JSON.parse(
    await cache.asyncText('git:file-commits', { head: repository.head, prefix: repository.prefix, file }, async () => JSON.stringify(await fileCommits(file, repository.prefix, git))),
  ) as FileCommit[] | null;
}

/** fileHistory, kept in the cache by (HEAD, file): a file's history up to a commit never changes. */
export async function cachedFileHistory(file: string, git: Git, cache: TextCache): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status !== 'available' || repository.head === null) return fileHistory(file, git);
  const first = (await cachedFileCommits(file, { prefix: repository.prefix, head: repository.head }, git, cache))?.[0];
  return first === undefined ? { status: 'uncommitted' } : { status: 'committed', date: first.date.slice(0, 10), commit: first.commit };
}

/** The git facts the evidence level reads (statistics.md section 13), asked once per pilot. */
export interface DesignHistory {
  /** When the hypothesis and primary metric, as they are now, were first committed in the pilot file. */
  registration(file: string, hypothesis: string, primaryMetric: string): Promise<HypothesisHistory>;
  /** When a repository file (an assignment file) was first committed. */
  file(file: string): Promise<HypothesisHistory>;
}

/** Design facts from git, through the cache when one is given. FIELDPROOF_GIT_HISTORY=off in `env` asks git nothing. */
export function designHistory(git: Git, cache: TextCache | null, env: Record<string, string | undefined> = process.env): DesignHistory {
  if (env.FIELDPROOF_GIT_HISTORY === 'off') {
    const off = async (): Promise<HypothesisHistory> => ({ status: 'unavailable', reason: 'switched off' });
    return { registration: off, file: off };
  }
  return cache === null
    ? { registration: (file, hypothesis, primary) => hypothesisHistory(file, hypothesis, git, primary), file: (file) => fileHistory(file, git) }
    : { registration: (file, hypothesis, primary) => cachedHypothesisHistory(file, hypothesis, git, cache, primary), file: (file) => cachedFileHistory(file, git, cache) };
}
