/**
 * When was the hypothesis written? The pilot file's git history answers it:
 * the first commit whose frontmatter already held today's hypothesis text
 * (and, for the evidence level of statistics.md section 13, today's primary
 * metric), and a file's first commit dates the assignment file.
 * A hypothesis committed before the pilot started is a pre-registration, and
 * that is what makes a result credible to a sceptic; one written or rewritten
 * afterwards is reported as such.
 *
 * A build asks git a fixed number of times however many pilots it has: one
 * log of the whole repository and one batch of reads (./repository-log.ts).
 *
 * History is "unavailable" (and nothing is claimed) when the project is not a
 * git repository or is a shallow clone (CI checkouts default to one commit,
 * which would date every hypothesis to the latest push: pages.yml fetches the
 * full history for this reason).
 */
import { execFile } from 'node:child_process';
import type { HypothesisHistory } from './evidence.ts';
import { readFrontmatter } from './frontmatter.ts';
import { commitsOfFile, parseBatch, parseRepositoryLog, REPOSITORY_LOG, type FileCommit, type LoggedCommit } from './repository-log.ts';

export type { HypothesisHistory };

/** Text kept between builds by key (the site's render cache is one): how answers from git are remembered. */
export interface TextCache {
  asyncText(kind: string, input: unknown, draw: () => Promise<string>): Promise<string>;
}

/** Runs git with arguments in the project folder; replaceable in tests. */
export interface Git {
  (args: string[]): Promise<string>;
  /** When given: the contents of many "<commit>:<path>" requests read by one process, null where git has none. */
  blobs?: (requests: readonly string[]) => Promise<(string | null)[]>;
}

/** A build's questions to git, answered from one log and one batch of reads (./repository-log.ts). */
interface WholeLog extends Source {
  /** The pilot files the build will ask about: their versions are read together on the first read. */
  expect(files: readonly string[], prefix: string): void;
}

// Astro loads this module more than once in a build (the config, then the
// pages' bundle): kept on globalThis, the runners and what they were told are shared.
const SHARED = Symbol.for('fieldproof.gitRunners');
const shared = ((globalThis as { [SHARED]?: { runners: Map<string, Git>; logs: WeakMap<Git, WholeLog> } })[SHARED] ??= {
  runners: new Map(),
  logs: new WeakMap(),
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
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
  const run: Git = (args) =>
    new Promise((resolve, reject) => {
      // A failure keeps what git printed before it failed (repositoryFacts reads it).
      execFile('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024, env }, (failure, stdout) => (failure ? reject(Object.assign(failure, { stdout })) : resolve(stdout)));
    });
  run.blobs = (requests) =>
    new Promise((resolve, reject) => {
      const child = execFile('git', ['cat-file', '--batch'], { cwd: root, maxBuffer: 1024 * 1024 * 1024, env, encoding: 'buffer' }, (failure, stdout) =>
        failure ? reject(failure) : resolve(parseBatch(stdout, requests.length)),
      );
      child.stdin?.end(requests.map((request) => `${request}\n`).join(''));
    });
  return run;
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
    // One process, HEAD included: a git process is about 15 ms of an `analyze`. Git prints the
    // other answers before it fails on a HEAD it cannot name (no commit yet, or a file called
    // HEAD making the name ambiguous); then HEAD is asked again on its own, unambiguously.
    known = git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--show-prefix', 'HEAD']).then(
      (output) => factsFrom(output, git, true),
      (failure: { stdout?: unknown }) => factsFrom(typeof failure?.stdout === 'string' ? failure.stdout : '', git, false),
    );
    facts.set(git, known);
  }
  return known;
}

/** The repository's facts from rev-parse's lines; `named`: whether its fourth line is HEAD's commit. */
async function factsFrom(output: string, git: Git, named: boolean): Promise<RepositoryFacts> {
  const [inside, shallow, prefix = '', headLine = ''] = output.split('\n').map((line) => line.trim());
  if (inside !== 'true') return { status: 'unavailable', reason: 'not a git repository' };
  if (shallow === 'true') return { status: 'unavailable', reason: 'shallow clone: the full history was not fetched' };
  if (named) return { status: 'available', prefix, head: headLine || null };
  // Fails before the first commit: then there is no history to name.
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD']).then(
    (line) => line.trim() || null,
    () => null,
  );
  return { status: 'available', prefix, head };
}

/** Where a file's commits, and its text at a commit, come from. */
interface Source {
  commits(file: string, prefix: string): Promise<FileCommit[] | null>;
  /** Rejects when git cannot read it (the file did not exist then). */
  read(commit: string, path: string): Promise<string>;
}

/**
 * A build's questions: the whole repository log asked once, and the first
 * read of a file's text fetches every version of every expected pilot file in
 * one `git cat-file --batch` (./repository-log.ts). Nothing is asked until a
 * question needs it, so a build that finds every answer in its cache asks
 * git nothing. Kept per runner, as repositoryFacts is.
 */
function wholeLog(git: Git): WholeLog {
  let known = shared.logs.get(git);
  if (known === undefined) {
    known = askOnce(git);
    shared.logs.set(git, known);
  }
  return known;
}

/** A WholeLog of its own: for one question (a command, a test) that must see the repository as it is now. */
function askOnce(git: Git): WholeLog {
  let log: Promise<LoggedCommit[] | null> | undefined;
  const logged = () => (log ??= git(REPOSITORY_LOG).then(parseRepositoryLog, () => null));
  const expected: string[] = [];
  const texts = new Map<string, Promise<string | null>>();
  const fetch = (requests: readonly string[]) => {
    const fresh = [...new Set(requests)].filter((request) => !texts.has(request));
    // A batch request is a line: a path with a line break in it is asked on its own.
    const batched = git.blobs === undefined ? [] : fresh.filter((request) => !request.includes('\n'));
    if (batched.length > 0) {
      const all = (git.blobs as NonNullable<Git['blobs']>)(batched);
      batched.forEach((request, index) => texts.set(request, all.then((contents) => contents[index] ?? null, () => null)));
    }
    for (const request of fresh) {
      if (!texts.has(request)) texts.set(request, git(['show', request]).then((text) => text, () => null));
    }
  };
  return {
    async commits(file, prefix) {
      const commits = await logged();
      return commits === null ? null : commitsOfFile(commits, `${prefix}${file}`);
    },
    async read(commit, path) {
      const request = `${commit}:${path}`;
      if (!texts.has(request)) {
        const files = expected.splice(0);
        const commits = files.length === 0 ? [] : ((await logged()) ?? []);
        fetch([request, ...files.flatMap((file) => commitsOfFile(commits, file).map((version) => `${version.commit}:${version.path}`))]);
      }
      const text = await texts.get(request);
      if (text === null || text === undefined) throw new Error(`git has no ${request}`);
      return text;
    },
    expect(files, prefix) {
      expected.push(...files.map((file) => `${prefix}${file}`));
    },
  };
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

/** The first of `commits` whose version of the file holds the registration (the hypothesis in words only). */
async function firstCommitWith(commits: readonly FileCommit[], registration: Registration, source: Source): Promise<HypothesisHistory> {
  const target = wanted(registration);
  for (const { commit, date, path } of commits) {
    let text: string;
    try {
      text = await source.read(commit, path);
    } catch {
      continue;
    }
    if (registrationIn(text, registration.primaryMetric !== undefined) === target) return { status: 'committed', date: date.slice(0, 10), commit };
  }
  return { status: 'uncommitted' };
}

function registrationOf(hypothesis: string, primaryMetric: string | undefined): Registration {
  return primaryMetric === undefined ? { hypothesis } : { hypothesis, primaryMetric };
}

async function registrationHistory(file: string, registration: Registration, source: Source, git: Git): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status === 'unavailable') return repository;
  const commits = await source.commits(file, repository.prefix);
  return commits === null ? { status: 'uncommitted' } : firstCommitWith(commits, registration, source);
}

/**
 * @param file repository-relative path of the pilot file, e.g. "pilots/x.md"
 * @param hypothesis the hypothesis as published now
 * @param primaryMetric primaryMetricDefinition of the pilot now: the commit must hold it too
 */
export function hypothesisHistory(file: string, hypothesis: string, git: Git, primaryMetric?: string): Promise<HypothesisHistory> {
  return registrationHistory(file, registrationOf(hypothesis, primaryMetric), askOnce(git), git);
}

async function firstCommitOf(file: string, source: Source, git: Git): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status === 'unavailable') return repository;
  const first = (await source.commits(file, repository.prefix))?.[0];
  return first === undefined ? { status: 'uncommitted' } : { status: 'committed', date: first.date.slice(0, 10), commit: first.commit };
}

/**
 * When a file was first committed (an assignment file, statistics.md section
 * 13): the oldest commit of its history, renames followed; uncommitted when it
 * has none.
 */
export function fileHistory(file: string, git: Git): Promise<HypothesisHistory> {
  return firstCommitOf(file, askOnce(git), git);
}

/**
 * The file's commits kept in the cache by (HEAD, file): a file's history up
 * to a commit never changes, and the evidence level, the report page and the
 * assignment's date all start from it, so git is asked once for them all.
 */
async function cachedFileCommits(file: string, at: { head: string; prefix: string }, source: Source, cache: TextCache): Promise<FileCommit[] | null> {
  return JSON.parse(await cache.asyncText('git:file-commits', { ...at, file }, async () => JSON.stringify(await source.commits(file, at.prefix)))) as FileCommit[] | null;
}

/**
 * The registration's history, kept in the render cache. A file's history up
 * to a commit never changes, and neither does a commit's content: the answer
 * for (HEAD, file, registration) is kept, so a build with no new commit asks
 * git nothing per pilot; and the answer for (the file's commits,
 * registration) is kept, so after a push that did not touch the file one log
 * is asked instead of reading the file at each of its commits. Before the
 * first commit, or outside a repository, git is asked every time.
 */
async function cachedRegistrationHistory(file: string, registration: Registration, source: Source, git: Git, cache: TextCache): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status !== 'available' || repository.head === null) return registrationHistory(file, registration, source, git);
  const at = { head: repository.head, prefix: repository.prefix };
  const inCommits = (commits: readonly FileCommit[]) => ({ commits, ...registration });
  const stored = JSON.parse(
    await cache.asyncText('git:hypothesis-history', { ...at, file, ...registration }, async () => {
      const commits = await cachedFileCommits(file, at, source, cache);
      if (commits === null) return JSON.stringify({ commits: null, history: { status: 'uncommitted' } });
      const history = await cache.asyncText('git:hypothesis-in-commits', inCommits(commits), async () => JSON.stringify(await firstCommitWith(commits, registration, source)));
      return JSON.stringify({ commits, history: JSON.parse(history) as HypothesisHistory });
    }),
  ) as { commits: FileCommit[] | null; history: HypothesisHistory };
  // Used again, so pruning after this build keeps them for the next commit.
  await cache.asyncText('git:file-commits', { ...at, file }, async () => JSON.stringify(stored.commits));
  if (stored.commits !== null) await cache.asyncText('git:hypothesis-in-commits', inCommits(stored.commits), async () => JSON.stringify(stored.history));
  return stored.history;
}

/** hypothesisHistory, kept in the render cache (see cachedRegistrationHistory). */
export function cachedHypothesisHistory(file: string, hypothesis: string, git: Git, cache: TextCache, primaryMetric?: string): Promise<HypothesisHistory> {
  return cachedRegistrationHistory(file, registrationOf(hypothesis, primaryMetric), askOnce(git), git, cache);
}

/** fileHistory, kept in the cache by (HEAD, file): a file's history up to a commit never changes. */
async function cachedFirstCommitOf(file: string, source: Source, git: Git, cache: TextCache): Promise<HypothesisHistory> {
  const repository = await repositoryFacts(git);
  if (repository.status !== 'available' || repository.head === null) return firstCommitOf(file, source, git);
  const first = (await cachedFileCommits(file, { head: repository.head, prefix: repository.prefix }, source, cache))?.[0];
  return first === undefined ? { status: 'uncommitted' } : { status: 'committed', date: first.date.slice(0, 10), commit: first.commit };
}

/** The git facts of a build: the evidence level (statistics.md section 13) and the report's hypothesis date. */
export interface DesignHistory {
  /** When the hypothesis and primary metric, as they are now, were first committed in the pilot file. */
  registration(file: string, hypothesis: string, primaryMetric: string): Promise<HypothesisHistory>;
  /** When the hypothesis alone, as it is now, was first committed in the pilot file. */
  hypothesis(file: string, hypothesis: string): Promise<HypothesisHistory>;
  /** When a repository file (an assignment file) was first committed. */
  file(file: string): Promise<HypothesisHistory>;
  /** The pilot files about to be asked of: their versions are then read in one go. */
  expect(files: readonly string[]): Promise<void>;
}

/**
 * Design facts from git, through the cache when one is given: one log and one
 * batch of reads for the whole build, however many pilots (./repository-log.ts).
 * FIELDPROOF_GIT_HISTORY=off in `env` asks git nothing.
 */
export function designHistory(git: Git, cache: TextCache | null, env: Record<string, string | undefined> = process.env): DesignHistory {
  if (env.FIELDPROOF_GIT_HISTORY === 'off') {
    const off = async (): Promise<HypothesisHistory> => ({ status: 'unavailable', reason: 'switched off' });
    return { registration: off, hypothesis: off, file: off, expect: async () => {} };
  }
  const source = wholeLog(git);
  const history = (file: string, registration: Registration) =>
    cache === null ? registrationHistory(file, registration, source, git) : cachedRegistrationHistory(file, registration, source, git, cache);
  return {
    registration: (file, hypothesis, primaryMetric) => history(file, { hypothesis, primaryMetric }),
    hypothesis: (file, hypothesis) => history(file, { hypothesis }),
    file: (file) => (cache === null ? firstCommitOf(file, source, git) : cachedFirstCommitOf(file, source, git, cache)),
    async expect(files) {
      const repository = await repositoryFacts(git);
      if (repository.status === 'available') source.expect(files, repository.prefix);
    },
  };
}
