/**
 * Hostile files and folders (issue #17, items 2, 3 and 7): links that lead
 * out of the project, named pipes, devices, endless and oversized files,
 * symlink loops, pilot files with the wrong extension; and output folders
 * that would replace the project's sources. Each case states its exact
 * outcome: the message, the exit code, and what is left on disk.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type Effects } from '../../src/cli/main.ts';
import { analyzeProject } from '../../src/core/project.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));
const SECRET = 'SECRET-LINE-FROM-OUTSIDE';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function temporary(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `fieldproof-${prefix}-`));
  made.push(dir);
  return dir;
}

/** A copy of the small fixture project (one valid pilot, pilots/small.md over data/sales.csv). */
async function smallProject(): Promise<string> {
  const root = await temporary('hostile-files');
  await cp(SMALL, root, { recursive: true });
  return root;
}

/** A folder outside the project holding what a link would reach: a CSV and a pilot whose every line is the secret. */
async function outsideFolder(): Promise<string> {
  const outside = await temporary('outside');
  const pilot = await readFile(path.join(SMALL, 'pilots', 'small.md'), 'utf8');
  await writeFile(path.join(outside, 'sales.csv'), `${SECRET},group\n${SECRET},pilot\n`);
  await writeFile(path.join(outside, 'small.md'), pilot.replace('Small pilot for reference values', SECRET));
  await writeFile(path.join(outside, 'passwd'), `${SECRET}:x:0:0:root:/root:/bin/bash\n`);
  return outside;
}

async function check(root: string, ...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const effects: Effects = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { NO_COLOR: '1' },
    cwd: tmpdir(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => 0,
  };
  const code = await main([...extra, '--root', root], effects);
  return { code, stdout, stderr };
}

const checkProject = (root: string) => check(root, 'check');

/** The pilot file of the small project with its data key pointing elsewhere. */
async function pointDataAt(root: string, data: string): Promise<void> {
  const file = path.join(root, 'pilots', 'small.md');
  await writeFile(file, (await readFile(file, 'utf8')).replace('data: sales.csv', `data: ${data}`));
}

describe('inputs are confined to the project once links are followed', () => {
  it('refuses data/ linked to a folder outside the project, quoting nothing of it', async () => {
    const root = await smallProject();
    const outside = await outsideFolder();
    await rm(path.join(root, 'data'), { recursive: true });
    await symlink(outside, path.join(root, 'data'));
    await pointDataAt(root, 'passwd');
    const { code, stdout, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error pilots/small.md, key "data": "passwd": data/ is a link that leads outside the project; expected data/ to be a folder inside the repository\n\n1 error.\n',
    );
  });

  it('refuses data/ linked outside for a CSV too, so showUnits cannot publish its unit names', async () => {
    const root = await smallProject();
    const outside = await outsideFolder();
    await rm(path.join(root, 'data'), { recursive: true });
    await symlink(outside, path.join(root, 'data'));
    const project = await analyzeProject(root);
    expect(project.pilots).toEqual([]);
    expect(JSON.stringify(project)).not.toContain(SECRET);
    expect(project.problems.map((problem) => problem.message)).toEqual(['data/ is a link that leads outside the project; expected data/ to be a folder inside the repository']);
  });

  it('refuses pilots/ linked to a folder outside the project', async () => {
    const root = await smallProject();
    const outside = await outsideFolder();
    await rm(path.join(root, 'pilots'), { recursive: true });
    await symlink(outside, path.join(root, 'pilots'));
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe('error pilots/: is a link that leads outside the project; expected a folder inside the repository holding one markdown file per pilot\n\n1 error.\n');
  });

  it('refuses a pilot file linked to a file outside the project', async () => {
    const root = await smallProject();
    const outside = await outsideFolder();
    await rm(path.join(root, 'pilots', 'small.md'));
    await symlink(path.join(outside, 'small.md'), path.join(root, 'pilots', 'small.md'));
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe("error pilots/small.md: is a link that leads outside the project; expected a markdown file with the pilot's frontmatter, inside the repository\n\n1 error.\n");
    // analyze names the same file and gets the same answer.
    const analyze = await check(root, 'analyze', 'pilots/small.md');
    expect(analyze.code).toBe(1);
    expect(analyze.stderr).not.toContain(SECRET);
  });

  it('still reads a pilot file and data/ linked to places inside the project', async () => {
    const root = await smallProject();
    await mkdir(path.join(root, 'archive'));
    await cp(path.join(root, 'pilots', 'small.md'), path.join(root, 'archive', 'small.md'));
    await rm(path.join(root, 'pilots', 'small.md'));
    await symlink(path.join('..', 'archive', 'small.md'), path.join(root, 'pilots', 'small.md'));
    await cp(path.join(root, 'data'), path.join(root, 'exports'), { recursive: true });
    await rm(path.join(root, 'data'), { recursive: true });
    await symlink('exports', path.join(root, 'data'));
    const { code, stderr } = await checkProject(root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('refuses a pilot file linked to a device, unread (it never ends)', async () => {
    const root = await smallProject();
    await symlink('/dev/zero', path.join(root, 'pilots', 'zero.md'));
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    // /dev is outside the project: that is said first, before anything is opened.
    expect(stderr).toBe("error pilots/zero.md: is a link that leads outside the project; expected a markdown file with the pilot's frontmatter, inside the repository\n\n1 error.\n");
  });

  it('refuses a pilot file that is a named pipe without waiting for a writer', async () => {
    const root = await smallProject();
    execFileSync('mkfifo', [path.join(root, 'pilots', 'pipe.md')]);
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe("error pilots/pipe.md: is a named pipe (FIFO), not a file; expected a markdown file with the pilot's frontmatter\n\n1 error.\n");
  }, 10_000);

  it('refuses a data file that is a named pipe, naming what it is', async () => {
    const root = await smallProject();
    execFileSync('mkfifo', [path.join(root, 'data', 'pipe.csv')]);
    await pointDataAt(root, 'pipe.csv');
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe('error pilots/small.md, key "data": "pipe.csv": data/pipe.csv is a named pipe (FIFO), not a file; expected a CSV file\n\n1 error.\n');
  }, 10_000);

  it('refuses a pilot file over 1 MB unread, and accepts one of exactly 1 MB', async () => {
    const root = await smallProject();
    const pilot = await readFile(path.join(root, 'pilots', 'small.md'), 'utf8');
    const padded = (bytes: number) => `${pilot}\n${'x'.repeat(bytes - Buffer.byteLength(pilot) - 2)}\n`;
    await writeFile(path.join(root, 'pilots', 'small.md'), padded(1024 * 1024));
    expect((await checkProject(root)).code).toBe(0);
    await writeFile(path.join(root, 'pilots', 'small.md'), padded(1024 * 1024 + 1));
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error pilots/small.md: is larger than 1 MB, the most a pilot file may hold; expected its frontmatter and a story, with long material linked rather than pasted in\n\n1 error.\n',
    );
  });

  it('says a pilot file that links to itself is a symlink loop, not missing', async () => {
    const root = await smallProject();
    await symlink('loop.md', path.join(root, 'pilots', 'loop.md'));
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe("error pilots/loop.md: is a symlink loop (a link that leads back to itself); expected a markdown file with the pilot's frontmatter\n\n1 error.\n");
  });

  it('says a data file that links to itself is a symlink loop, not missing', async () => {
    const root = await smallProject();
    await symlink('loop.csv', path.join(root, 'data', 'loop.csv'));
    await pointDataAt(root, 'loop.csv');
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe('error pilots/small.md, key "data": "loop.csv": data/loop.csv is a symlink loop (a link that leads back to itself); expected a CSV file\n\n1 error.\n');
  });

  it('warns of pilot files named .MD or .markdown instead of skipping them in silence', async () => {
    const root = await smallProject();
    const pilot = await readFile(path.join(root, 'pilots', 'small.md'), 'utf8');
    await writeFile(path.join(root, 'pilots', 'Upper.MD'), pilot);
    await writeFile(path.join(root, 'pilots', 'long.markdown'), pilot);
    await writeFile(path.join(root, 'pilots', 'notes.txt'), 'not a pilot');
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(0);
    expect(stderr).toBe(
      [
        'warning pilots/Upper.MD: is not read: pilots are the files whose names end in ".md" (lowercase); rename it to Upper.md to publish it',
        'warning pilots/long.markdown: is not read: pilots are the files whose names end in ".md" (lowercase); rename it to long.md to publish it',
        '',
      ].join('\n'),
    );
  });
});
