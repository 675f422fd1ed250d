import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cachedHypothesisHistory, fileHistory, gitIn, hypothesisHistory, primaryMetricDefinition, repositoryFacts, runGitIn as runGit } from '../../src/core/history.ts';
import { openRenderCache } from '../../src/site/render-cache.ts';

const pilotFile = (hypothesis: string, title = 'A pilot') => `---\ntitle: ${title}\nstatus: running\nhypothesis: >-\n  ${hypothesis}\n---\n\nStory.\n`;

describe('hypothesisHistory in a real repository', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-history-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
  git(['init', '-q']);
  mkdirSync(path.join(root, 'pilots'));
  const write = (text: string) => writeFileSync(path.join(root, 'pilots', 'p.md'), text);

  test('the first commit holding the current hypothesis dates it, whatever changed around it', async () => {
    write(pilotFile('An early draft of the idea.'));
    git(['add', '.']);
    git(['commit', '-qm', 'draft'], '2026-01-10T09:00:00+00:00');
    write(pilotFile('Digests raise revenue by 10%.'));
    git(['commit', '-qam', 'hypothesis'], '2026-02-20T09:00:00+00:00');
    write(pilotFile('Digests   raise\n  revenue by 10%.', 'A renamed pilot'));
    git(['commit', '-qam', 'title and wrapping only'], '2026-04-01T09:00:00+00:00');
    expect(await hypothesisHistory('pilots/p.md', 'Digests raise revenue by 10%.', gitIn(root))).toMatchObject({ status: 'committed', date: '2026-02-20' });
  });

  test('follows renames', async () => {
    git(['mv', 'pilots/p.md', 'pilots/q.md']);
    git(['commit', '-qm', 'rename'], '2026-05-01T09:00:00+00:00');
    expect(await hypothesisHistory('pilots/q.md', 'Digests raise revenue by 10%.', gitIn(root))).toMatchObject({ status: 'committed', date: '2026-02-20' });
  });

  test('a rebased commit keeps its author date: the day the hypothesis was written', async () => {
    // As "Rebase and merge" leaves it: authored on 10 March, committed (rebased) on 2 June.
    writeFileSync(path.join(root, 'pilots', 'r.md'), pilotFile('Rebased hypotheses keep their date.'));
    git(['add', '.']);
    execFileSync('git', ['commit', '-qm', 'rebased'], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-03-10T09:00:00+00:00', GIT_COMMITTER_DATE: '2026-06-02T09:00:00+00:00', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
    expect(await hypothesisHistory('pilots/r.md', 'Rebased hypotheses keep their date.', gitIn(root))).toMatchObject({ status: 'committed', date: '2026-03-10' });
  });

  test('a hypothesis not committed yet is said to be so', async () => {
    expect(await hypothesisHistory('pilots/q.md', 'Something new.', gitIn(root))).toEqual({ status: 'uncommitted' });
    expect(await hypothesisHistory('pilots/none.md', 'x', gitIn(root))).toEqual({ status: 'uncommitted' });
  });

  test('one git process names the repository and its HEAD; a file called HEAD hides nothing', async () => {
    const head = git(['rev-parse', 'HEAD']).toString().trim();
    const asked: string[][] = [];
    const counting = (runner: ReturnType<typeof runGit>) => Object.assign((args: string[]) => (asked.push(args), runner(args)), { blobs: runner.blobs });
    expect(await repositoryFacts(counting(runGit(root)))).toEqual({ status: 'available', prefix: '', head });
    expect(asked).toHaveLength(1);
    writeFileSync(path.join(root, 'HEAD'), 'not a commit\n');
    try {
      expect(await repositoryFacts(counting(runGit(root)))).toEqual({ status: 'available', prefix: '', head });
      expect(await hypothesisHistory('pilots/q.md', 'Digests raise revenue by 10%.', runGit(root))).toMatchObject({ status: 'committed', date: '2026-02-20' });
    } finally {
      rmSync(path.join(root, 'HEAD'));
    }
  });
});

describe('hypothesisHistory without usable history', () => {
  test('outside a repository', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-nogit-'));
    try {
      expect(await hypothesisHistory('pilots/p.md', 'x', gitIn(root))).toMatchObject({ status: 'unavailable' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('in a shallow clone nothing is claimed', async () => {
    const git = async (args: string[]) => (args[0] === 'rev-parse' ? 'true\ntrue\n\n' : '');
    expect(await hypothesisHistory('pilots/p.md', 'x', git)).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/shallow/) });
  });
});

describe('hypothesis dates kept between builds', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-history-cache-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'fieldproof-history-cache-store-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
  /** A fresh git runner per build (as in a new process), recording what it is asked. */
  const build = () => {
    const asked: string[] = [];
    const real = runGit(root);
    const runner = (args: string[]) => {
      asked.push(args[0] as string);
      return real(args);
    };
    return { asked, history: (hypothesis: string) => cachedHypothesisHistory('pilots/p.md', hypothesis, runner, openRenderCache(cacheDir, 'v')) };
  };

  test('a build with no new commit asks git nothing per pilot, and gets the same answer', async () => {
    git(['init', '-q']);
    mkdirSync(path.join(root, 'pilots'));
    writeFileSync(path.join(root, 'pilots', 'p.md'), pilotFile('Digests raise revenue.'));
    git(['add', '.']);
    git(['commit', '-qm', 'pilot'], '2026-03-02T09:00:00+00:00');

    const first = build();
    const answer = await first.history('Digests raise revenue.');
    expect(answer).toMatchObject({ status: 'committed', date: '2026-03-02' });
    expect(first.asked).toEqual(['rev-parse', 'log', 'show']);

    const second = build();
    expect(await second.history('Digests raise revenue.')).toEqual(answer);
    expect(second.asked).toEqual(['rev-parse']);
  });

  test('a build at the same commit keeps both answers in use, so pruning leaves them for the next commit', async () => {
    const longAgo = new Date(Date.now() - 3_600_000);
    for (const name of readdirSync(cacheDir)) utimesSync(path.join(cacheDir, name), longAgo, longAgo);
    const started = Date.now() - 1000;
    await build().history('Digests raise revenue.');
    const entries = readdirSync(cacheDir);
    // The file's commits at HEAD, the answer at HEAD, and the answer for those commits.
    expect(entries).toHaveLength(3);
    for (const name of entries) expect(statSync(path.join(cacheDir, name)).mtimeMs).toBeGreaterThanOrEqual(started);
  });

  test('a commit that does not touch the pilot costs one git log, not a read of each version', async () => {
    writeFileSync(path.join(root, 'README.md'), 'unrelated\n');
    git(['add', 'README.md']);
    git(['commit', '-qm', 'unrelated'], '2026-03-05T09:00:00+00:00');
    const next = build();
    expect(await next.history('Digests raise revenue.')).toMatchObject({ status: 'committed', date: '2026-03-02' });
    expect(next.asked).toEqual(['rev-parse', 'log']);
  });

  test('a new commit or another hypothesis is asked afresh', async () => {
    writeFileSync(path.join(root, 'pilots', 'p.md'), pilotFile('Digests raise revenue by 5%.'));
    const edited = build();
    expect(await edited.history('Digests raise revenue by 5%.')).toEqual({ status: 'uncommitted' });
    // The file's history at this commit is kept; its one version is read again for the new hypothesis.
    expect(edited.asked).toEqual(['rev-parse', 'show']);

    git(['commit', '-qam', 'sharper'], '2026-03-09T09:00:00+00:00');
    const committed = build();
    expect(await committed.history('Digests raise revenue by 5%.')).toMatchObject({ status: 'committed', date: '2026-03-09' });
    expect(committed.asked).toContain('log');
  });

  test('before the first commit nothing is kept', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'fieldproof-history-empty-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: empty });
      const store = openRenderCache(path.join(empty, 'cache'), 'v');
      expect(await repositoryFacts(runGit(empty))).toEqual({ status: 'available', prefix: '', head: null });
      expect(await cachedHypothesisHistory('pilots/p.md', 'x', gitIn(empty), store)).toEqual({ status: 'uncommitted' });
      expect(existsSync(path.join(empty, 'cache'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the registration of statistics.md section 13: hypothesis and primary metric', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-registration-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
  const withMetric = (metric: string, primaryFirst = true) =>
    `---\ntitle: A pilot\nstatus: running\nhypothesis: Digests raise revenue.\nmetrics:\n${primaryFirst ? `  - ${metric}\n  - { id: calls, type: ratio, numerator: calls, denominator: days }\n` : `  - { id: calls, type: ratio, numerator: calls, denominator: days }\n  - ${metric}\n`}---\n`;

  test('a primary metric changed after the hypothesis dates the registration to the change', async () => {
    git(['init', '-q']);
    mkdirSync(path.join(root, 'pilots'));
    mkdirSync(path.join(root, 'data'));
    const write = (text: string) => writeFileSync(path.join(root, 'pilots', 'p.md'), text);
    write(withMetric('{ id: revenue, type: mean, column: revenue }'));
    git(['add', '.']);
    git(['commit', '-qm', 'plan'], '2026-01-10T09:00:00+00:00');
    // The same primary metric written differently (marked primary, moved, with its default direction) is no change.
    write(withMetric('{ id: revenue, type: mean, column: revenue, primary: true, better: higher, label: Revenue }', false));
    git(['commit', '-qam', 'reformatted'], '2026-02-01T09:00:00+00:00');
    const now = primaryMetricDefinition([{ id: 'calls', type: 'ratio', numerator: 'calls', denominator: 'days' }, { id: 'revenue', type: 'mean', column: 'revenue', primary: true }]);
    expect(await hypothesisHistory('pilots/p.md', 'Digests raise revenue.', gitIn(root), now)).toMatchObject({ status: 'committed', date: '2026-01-10' });
    // Measuring something else from March on: the registration is as late as that change.
    write(withMetric('{ id: revenue, type: mean, column: net_revenue }'));
    git(['commit', '-qam', 'changed the primary metric'], '2026-03-15T09:00:00+00:00');
    const changed = primaryMetricDefinition([{ id: 'revenue', type: 'mean', column: 'net_revenue' }]);
    expect(await hypothesisHistory('pilots/p.md', 'Digests raise revenue.', gitIn(root), changed)).toMatchObject({ status: 'committed', date: '2026-03-15' });
    // The hypothesis alone still dates from January.
    expect(await hypothesisHistory('pilots/p.md', 'Digests raise revenue.', gitIn(root))).toMatchObject({ status: 'committed', date: '2026-01-10' });
  });

  test('a file\'s first commit dates it, renames followed; a file never committed is said so', async () => {
    writeFileSync(path.join(root, 'data', 'assignment.csv'), 'rep,block,pair,group,seed\n');
    git(['add', '.']);
    git(['commit', '-qm', 'assignment'], '2026-02-20T09:00:00+00:00');
    git(['mv', 'data/assignment.csv', 'data/split.csv']);
    git(['commit', '-qm', 'rename'], '2026-04-01T09:00:00+00:00');
    expect(await fileHistory('data/split.csv', gitIn(root))).toMatchObject({ status: 'committed', date: '2026-02-20' });
    expect(await fileHistory('data/none.csv', gitIn(root))).toEqual({ status: 'uncommitted' });
  });
});
