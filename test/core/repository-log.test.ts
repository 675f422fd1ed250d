import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { designHistory, primaryMetricDefinition, runGitIn, type Git } from '../../src/core/history.ts';
import { commitsOfFile, parseBatch, parseRepositoryLog, REPOSITORY_LOG } from '../../src/core/repository-log.ts';

const pilotFile = (hypothesis: string, title = 'A pilot') => `---\ntitle: ${title}\nstatus: running\nhypothesis: ${hypothesis}\nmetrics:\n  - { id: revenue, type: mean, column: revenue }\n---\n`;

/** A pilot file with a story of its own, so git's rename and copy detection cannot take one pilot for another. */
const storied = (name: string, hypothesis: string, title?: string) =>
  `${pilotFile(hypothesis, title)}\n${Array.from({ length: 40 }, (_, line) => `${name} story line ${line}: ${name.repeat(3)}`).join('\n')}\n`;

describe('the whole repository log says what git log --follow says of each file', () => {
  // A repository in a subfolder-free root, and a project in a subfolder of another (prefix "site/").
  const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-repository-log-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let day = 1;
  const git = (args: string[]) => {
    const date = `2026-01-${String(day).padStart(2, '0')}T09:00:00+00:00`;
    day += 1;
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
  };
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const follow = (file: string) =>
    git(['log', '--follow', '--format=%x1e%H %aI', '--name-only', '--', file])
      .split('\x1e')
      .map((chunk) => chunk.trim())
      .filter(Boolean)
      .map((chunk) => {
        const [head = '', name = ''] = chunk.split('\n').filter(Boolean);
        const [commit, date] = head.split(' ');
        return { commit, date, path: name };
      })
      .reverse();

  test('edits, renames into and out of folders, a deletion and a re-add, odd names, untouched files', () => {
    git(['init', '-q']);
    write('drafts/digest.md', storied('digest', 'Digests raise revenue.'));
    write('pilots/calls.md', storied('calls', 'Calls help.'));
    write('data/split.csv', 'rep,group\na,pilot\nb,control\n');
    git(['add', '.']);
    git(['commit', '-qm', 'start']);
    write('drafts/digest.md', storied('digest', 'Digests raise revenue by 10%.'));
    git(['commit', '-qam', 'sharper']);
    git(['mv', 'drafts/digest.md', 'pilots/digest.md']);
    git(['commit', '-qm', 'published']);
    write('pilots/calls.md', storied('calls', 'Calls help.', 'Retitled'));
    write('README.md', 'unrelated\n');
    git(['add', '.']);
    git(['commit', '-qm', 'both']);
    git(['rm', '-q', 'pilots/calls.md']);
    git(['commit', '-qm', 'gone']);
    write('pilots/calls.md', storied('calls', 'Calls help again.'));
    write('pilots/é and space.md', storied('unicode', 'Unicode names work.'));
    git(['add', '.']);
    git(['commit', '-qm', 'back']);
    git(['mv', 'data/split.csv', 'data/assignment.csv']);
    git(['commit', '-qm', 'renamed data']);

    const commits = parseRepositoryLog(git(REPOSITORY_LOG));
    expect(commits).toHaveLength(7);
    for (const file of ['pilots/digest.md', 'pilots/calls.md', 'data/assignment.csv', 'README.md', 'pilots/never.md']) {
      expect(commitsOfFile(commits, file), file).toEqual(follow(file));
    }
    // --name-only quotes a name with "é" in it ("pilots/\303\251 and space.md"), which git show then cannot read; -z keeps it as it is.
    const unicode = commitsOfFile(commits, 'pilots/é and space.md');
    expect(unicode.map(({ commit, date }) => ({ commit, date }))).toEqual(follow('pilots/é and space.md').map(({ commit, date }) => ({ commit, date })));
    expect(unicode.map((version) => version.path)).toEqual(['pilots/é and space.md']);
    // Deleted, then added again: the path's own commits, the deletion included.
    expect(commitsOfFile(commits, 'pilots/calls.md').map((version) => version.date.slice(0, 10))).toEqual(['2026-01-03', '2026-01-08', '2026-01-10', '2026-01-12']);
    // What the rename-following found, spelled out for one file.
    expect(commitsOfFile(commits, 'pilots/digest.md').map((version) => version.path)).toEqual(['drafts/digest.md', 'drafts/digest.md', 'pilots/digest.md']);
  });
});

describe('where the whole log and --follow part ways', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-repository-log-copies-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('a new pilot written from another as a template starts its own history; --follow takes it for the other one', () => {
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const git = (args: string[], date = '2026-01-01T09:00:00+00:00') =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    git(['init', '-q']);
    mkdirSync(path.join(root, 'pilots'));
    writeFileSync(path.join(root, 'pilots', 'old.md'), pilotFile('Digests raise revenue.'));
    git(['add', '.']);
    git(['commit', '-qm', 'old'], '2026-01-05T09:00:00+00:00');
    writeFileSync(path.join(root, 'pilots', 'new.md'), pilotFile('Calls raise revenue.'));
    git(['add', '.']);
    git(['commit', '-qm', 'new'], '2026-03-05T09:00:00+00:00');
    const commits = parseRepositoryLog(git(REPOSITORY_LOG));
    expect(commitsOfFile(commits, 'pilots/new.md').map((version) => version.date.slice(0, 10))).toEqual(['2026-03-05']);
    expect(git(['log', '--follow', '--format=%aI', '--', 'pilots/new.md']).trim().split('\n').map((date) => date.slice(0, 10))).toEqual(['2026-03-05', '2026-01-05']);
  });
});

describe('parseBatch', () => {
  test('reads blobs by their byte size, multi-byte characters and empty files included, and says which are missing', () => {
    const first = 'ä — 😀\nline two\n';
    const output = Buffer.concat([
      Buffer.from(`aaaa blob ${Buffer.byteLength(first)}\n${first}\n`),
      Buffer.from('abc:pilots/a b.md missing\n'),
      Buffer.from('bbbb blob 0\n\n'),
      Buffer.from('cccc tree 5\n12345\n'),
    ]);
    expect(parseBatch(output, 5)).toEqual([first, null, '', null, null]);
  });
});

describe('designHistory asks git a fixed number of times, however many pilots', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-design-history-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('twenty pilots: one rev-parse, one log and one batch of reads, with the dates git log --follow gives', async () => {
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const run = (args: string[], date: string) =>
      execFileSync('git', args, { cwd: root, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    run(['init', '-q'], '2026-01-01T00:00:00+00:00');
    mkdirSync(path.join(root, 'pilots'));
    const files = Array.from({ length: 20 }, (_, index) => `pilots/p${String(index).padStart(2, '0')}.md`);
    files.forEach((file) => writeFileSync(path.join(root, file), pilotFile(`Draft ${file}.`)));
    run(['add', '.'], '2026-02-01T09:00:00+00:00');
    run(['commit', '-qm', 'drafts'], '2026-02-01T09:00:00+00:00');
    files.forEach((file) => writeFileSync(path.join(root, file), pilotFile(`Hypothesis of ${file}.`)));
    run(['commit', '-qam', 'hypotheses'], '2026-03-01T09:00:00+00:00');

    const asked: string[] = [];
    const real = runGitIn(root);
    const recording: Git = (args) => {
      asked.push(args[0] as string);
      return real(args);
    };
    recording.blobs = (requests) => {
      asked.push('cat-file');
      return (real.blobs as NonNullable<Git['blobs']>)(requests);
    };
    const history = designHistory(recording, null, {});
    await history.expect(files);
    for (const file of files) {
      expect(await history.registration(file, `Hypothesis of ${file}.`, primaryMetricDefinition([{ id: 'revenue', type: 'mean', column: 'revenue' }]))).toMatchObject({ status: 'committed', date: '2026-03-01' });
      expect(await history.hypothesis(file, `Draft ${file}.`)).toMatchObject({ status: 'committed', date: '2026-02-01' });
      expect(await history.file(file)).toMatchObject({ status: 'committed', date: '2026-02-01' });
    }
    expect(await history.hypothesis('pilots/p00.md', 'Never written.')).toEqual({ status: 'uncommitted' });
    expect(asked).toEqual(['rev-parse', 'log', 'cat-file']);
  });
});
