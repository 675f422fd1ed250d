import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { gitIn, hypothesisHistory } from '../../src/site/history.ts';

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

  test('a hypothesis not committed yet is said to be so', async () => {
    expect(await hypothesisHistory('pilots/q.md', 'Something new.', gitIn(root))).toEqual({ status: 'uncommitted' });
    expect(await hypothesisHistory('pilots/none.md', 'x', gitIn(root))).toEqual({ status: 'uncommitted' });
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
