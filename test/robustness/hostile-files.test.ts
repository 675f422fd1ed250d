/**
 * Hostile files and folders (issue #17, items 2, 3 and 7): links that lead
 * out of the project, named pipes, devices, endless and oversized files,
 * symlink loops, pilot files with the wrong extension; and output folders
 * that would replace the project's sources. Each case states its exact
 * outcome: the message, the exit code, and what is left on disk.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSite, type BuildEffects } from '../../scripts/build-site.ts';
import { runCli } from '../support/cli.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { OUTSIDE } from '../../src/site/dev-server-confinement.ts';
import { BUILD_MARKER } from '../../src/site/output-folder.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
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
  return runCli([...extra, '--root', root], { cwd: tmpdir(), env: { NO_COLOR: '1' } });
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

  it('refuses a pilot file that is a device inside the project, unread', async (context) => {
    const root = await smallProject();
    // The node of /dev/zero (character device 1, 5), made inside the project; only root may make one.
    try {
      execFileSync('mknod', [path.join(root, 'pilots', 'zero.md'), 'c', '1', '5'], { stdio: 'ignore' });
    } catch {
      context.skip();
    }
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe("error pilots/zero.md: is a device, not a file; expected a markdown file with the pilot's frontmatter\n\n1 error.\n");
  }, 10_000);

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

  it('does not walk links to folders in pilots/ or data/: a link to / or to itself lists nothing', async () => {
    const root = await smallProject();
    const outside = await outsideFolder();
    await writeFile(path.join(outside, `${SECRET}.csv`), 'x\n');
    for (const folder of ['pilots', 'data']) {
      await symlink('/', path.join(root, folder, 'disk'));
      await symlink('.', path.join(root, folder, 'again'));
      await symlink(outside, path.join(root, folder, 'elsewhere'));
    }
    expect(await checkProject(root)).toEqual({ code: 0, stdout: expect.stringContaining('small') as unknown, stderr: '' });
    await pointDataAt(root, 'missing.csv');
    const { code, stderr } = await checkProject(root);
    expect(code).toBe(1);
    expect(stderr).toBe('error pilots/small.md, key "data": "missing.csv": no such file: data/missing.csv; the data/ folder has: sales.csv\n\n1 error.\n');
  }, 20_000);

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

/** Every file, folder and link under `dir` with a digest of its content: equal snapshots mean a byte-for-byte equal tree. */
async function snapshot(dir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const at = path.join(dir, name);
    const info = await lstat(at);
    if (info.isSymbolicLink()) lines.push(`${name} -> ${await readlink(at)}`);
    else if (info.isDirectory()) lines.push(`${name}/`);
    else lines.push(`${name} ${createHash('sha256').update(await readFile(at)).digest('hex')}`);
  }
  return lines;
}

/** A project as a user has it, inside a folder of its own (so its parent can be snapshot too): sources, a git folder, a previous dist/. */
async function projectWithSources(): Promise<{ work: string; root: string }> {
  const work = await temporary('output');
  const root = path.join(work, 'project');
  await cp(SMALL, root, { recursive: true });
  for (const [file, text] of Object.entries({
    'docs/guide.md': '# Guide\n',
    'src/page.ts': 'export {};\n',
    'public/favicon.svg': '<svg/>\n',
    'test/a.test.ts': '\n',
    'node_modules/x/index.js': '\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'notes/todo.txt': 'call Ana\n',
    'dist/index.html': 'old site',
    [`dist/${BUILD_MARKER}`]: 'built\n',
  })) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return { work, root };
}

/** The build wrapper with a fake astro that writes a one-page site into the folder it is given. */
function build(root: string, env: NodeJS.ProcessEnv, args: string[] = [], extra: Partial<BuildEffects> = {}) {
  let stderr = '';
  let astroRuns = 0;
  const effects: BuildEffects = {
    cwd: root,
    env,
    stderr: (text) => void (stderr += text),
    runAstro: async (_args, astroEnv) => {
      astroRuns += 1;
      const out = astroEnv.FIELDPROOF_OUT as string;
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, 'index.html'), 'new site');
      return 0;
    },
    isAlive: () => false,
    ...extra,
  };
  return { run: () => buildSite(args, effects), stderr: () => stderr, astroRuns: () => astroRuns };
}

const OWN_FOLDER = 'and publishing replaces the whole folder; set FIELDPROOF_OUT to a folder of its own, e.g. FIELDPROOF_OUT=dist (the default). Nothing was built or deleted.\n';

describe('fieldproof assign reads and writes under the same rules', () => {
  const FRONTMATTER = [
    'title: Follow-up call',
    'status: planned',
    'hypothesis: A follow-up call wins more deals.',
    'started: 2026-06-01',
    'data: follow-up.csv',
    'unit: rep',
    'assignment: assignments/follow-up.csv',
    'metrics:',
    '  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }',
  ].join('\n');
  const ROSTER = 'rep\nAna\nBen\nCarla\nDev\n';

  async function assignProject(): Promise<{ root: string; outside: string }> {
    const root = await temporary('assign');
    const outside = await outsideFolder();
    await mkdir(path.join(root, 'pilots'));
    await writeFile(path.join(root, 'pilots', 'follow-up.md'), `---\n${FRONTMATTER}\n---\n\nA story.\n`);
    await writeFile(path.join(outside, 'reps.csv'), ROSTER);
    return { root, outside };
  }

  it('refuses to write the assignment through a data/ that leads out of the project', async () => {
    const { root, outside } = await assignProject();
    await symlink(outside, path.join(root, 'data'));
    const before = await snapshot(outside);
    const { code, stderr } = await check(root, 'assign', 'pilots/follow-up.md', '--roster', path.join(outside, 'reps.csv'), '--seed', '1');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error pilots/follow-up.md, key "assignment": "assignments/follow-up.csv": goes through data/, a link that leads outside the project; expected data/ to be a folder inside the repository\n\n1 error.\n',
    );
    expect(await snapshot(outside)).toEqual(before);
  });

  it('refuses a pilot file that is a named pipe, as check does', async () => {
    const { root, outside } = await assignProject();
    await rm(path.join(root, 'pilots', 'follow-up.md'));
    execFileSync('mkfifo', [path.join(root, 'pilots', 'follow-up.md')]);
    const { code, stderr } = await check(root, 'assign', 'pilots/follow-up.md', '--roster', path.join(outside, 'reps.csv'));
    expect(code).toBe(1);
    expect(stderr).toBe("error pilots/follow-up.md: is a named pipe (FIFO), not a file; expected a markdown file with the pilot's frontmatter\n\n1 error.\n");
  }, 10_000);
});

describe('the output folder cannot replace the project\'s sources', () => {
  it.each([
    ['docs', "docs/: it is the project's docs/ folder"],
    ['data', "data/: it is the project's data/ folder"],
    ['pilots', "pilots/: it is the project's pilots/ folder"],
    ['src', "src/: it is the project's src/ folder"],
    ['public', "public/: it is the project's public/ folder"],
    ['test', "test/: it is the project's test/ folder"],
    ['node_modules', "node_modules/: it is the project's node_modules/ folder"],
    ['.git', ".git/: it is the project's .git/ folder"],
    ['data/site', "data/site/: it is inside the project's data/ folder"],
    ['.', './: it is the project folder itself'],
    ['', null],
  ])('refuses FIELDPROOF_OUT=%s, leaving every file as it was', async (out, said) => {
    const { work, root } = await projectWithSources();
    const before = await snapshot(work);
    const run = build(root, { FIELDPROOF_OUT: out });
    if (said === null) {
      // An empty FIELDPROOF_OUT is the default, dist/: the control case.
      expect(await run.run()).toBe(0);
      return;
    }
    expect(await run.run()).toBe(2);
    expect(run.stderr()).toBe(`fieldproof: refusing to publish to ${said}, ${OWN_FOLDER}`);
    expect(run.astroRuns()).toBe(0);
    expect(await snapshot(work)).toEqual(before);
  });

  it('refuses a folder that holds the project, named by its absolute path', async () => {
    const { work, root } = await projectWithSources();
    const before = await snapshot(work);
    const run = build(root, { FIELDPROOF_OUT: '..' });
    expect(await run.run()).toBe(2);
    expect(run.stderr()).toBe(`fieldproof: refusing to publish to ${work}/: it holds the project folder, ${OWN_FOLDER}`);
    expect(await snapshot(work)).toEqual(before);
  });

  it('refuses a link that leads to a source folder, as the folder itself', async () => {
    const { work, root } = await projectWithSources();
    await symlink('docs', path.join(root, 'site'));
    const before = await snapshot(work);
    const run = build(root, { FIELDPROOF_OUT: 'site' });
    expect(await run.run()).toBe(2);
    expect(run.stderr()).toBe(`fieldproof: refusing to publish to site/: it is the project's docs/ folder, ${OWN_FOLDER}`);
    expect(await snapshot(work)).toEqual(before);
  });

  it('refuses the pilots and data of FIELDPROOF_ROOT when the build runs elsewhere', async () => {
    const { work, root } = await projectWithSources();
    const elsewhere = await temporary('cwd');
    const before = await snapshot(work);
    const run = build(elsewhere, { FIELDPROOF_ROOT: root, FIELDPROOF_OUT: path.join(root, 'pilots') });
    expect(await run.run()).toBe(2);
    expect(run.stderr()).toBe(`fieldproof: refusing to publish to ${root}/pilots/: it is the project's pilots/ folder, ${OWN_FOLDER}`);
    expect(await snapshot(work)).toEqual(before);
  });

  it('refuses a folder holding files that are not a build, and a file', async () => {
    const { work, root } = await projectWithSources();
    await writeFile(path.join(root, 'report.pdf'), 'a report');
    const before = await snapshot(work);
    const notes = build(root, { FIELDPROOF_OUT: 'notes' });
    expect(await notes.run()).toBe(2);
    expect(notes.stderr()).toBe(
      'fieldproof: refusing to publish to notes/: it holds files that are not a site built by fieldproof, and publishing replaces the whole folder; empty it or remove it, or set FIELDPROOF_OUT to a new folder. Nothing was built or deleted.\n',
    );
    const file = build(root, { FIELDPROOF_OUT: 'report.pdf' });
    expect(await file.run()).toBe(2);
    expect(file.stderr()).toBe(
      'fieldproof: refusing to publish to report.pdf/: it is a file, not a folder, and publishing replaces the whole folder; set FIELDPROOF_OUT to a new or empty folder. Nothing was built or deleted.\n',
    );
    expect(await snapshot(work)).toEqual(before);
  });

  it('refuses --outDir passed on to astro, whatever its spelling, and says to use FIELDPROOF_OUT', async () => {
    const { work, root } = await projectWithSources();
    const before = await snapshot(work);
    for (const args of [['--outDir', 'docs'], ['--outDir=docs'], ['--out-dir', 'site']]) {
      const run = build(root, {}, args);
      expect(await run.run()).toBe(2);
      expect(run.stderr()).toBe(
        'fieldproof: --outDir is not passed on to astro: the build writes into a staging folder and swaps it in only when it succeeds, which a folder given to astro would bypass. ' +
          'Set the output folder with FIELDPROOF_OUT instead, e.g. FIELDPROOF_OUT=site npm run build (npm run preview reads it too). Nothing was built or deleted.\n',
      );
      expect(run.astroRuns()).toBe(0);
    }
    expect(await snapshot(work)).toEqual(before);
  });

  it('replaces a previous build: marked, unmarked from before the mark, or an empty or new folder', async () => {
    const { root } = await projectWithSources();
    const legacy = '<!DOCTYPE html><html lang="en"><head><meta property="og:site_name" content="Fieldproof"></head></html>';
    await mkdir(path.join(root, 'old-site', 'pilots'), { recursive: true });
    await writeFile(path.join(root, 'old-site', 'index.html'), legacy);
    await mkdir(path.join(root, 'empty'));
    for (const out of ['dist', 'old-site', 'empty', 'new', path.join(await temporary('elsewhere'), 'site')]) {
      const run = build(root, { FIELDPROOF_OUT: out });
      expect(await run.run()).toBe(0);
      const published = path.resolve(root, out);
      expect((await readdir(published)).sort()).toEqual([BUILD_MARKER, 'index.html']);
      expect(await readFile(path.join(published, 'index.html'), 'utf8')).toBe('new site');
    }
  });
});

describe('a killed build leaves nothing behind for long', () => {
  it('puts back the previous site a build killed between its two renames had moved aside', async () => {
    const { root } = await projectWithSources();
    // The kill: dist/ renamed to dist.previous-<pid>, the new site still in dist.building-<pid>.
    await cp(path.join(root, 'dist'), path.join(root, 'dist.previous-4001'), { recursive: true });
    await rm(path.join(root, 'dist'), { recursive: true });
    await mkdir(path.join(root, 'dist.building-4001'));
    await writeFile(path.join(root, 'dist.building-4001', 'index.html'), 'half');
    const failing = build(root, {}, [], { runAstro: async () => 1 });
    expect(await failing.run()).toBe(1);
    expect(failing.stderr()).toBe(
      [
        'fieldproof: put back dist/, which a build stopped half-way through publishing had left in dist.previous-4001/',
        'fieldproof: removed dist.building-4001/, left by a build that was stopped',
        '',
        'fieldproof: the build failed, so nothing was published; dist/ is left as it was.',
        '',
      ].join('\n'),
    );
    expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('old site');
    expect((await readdir(root)).filter((name) => name.startsWith('dist'))).toEqual(['dist']);
  });

  it('removes the leftovers of builds that are gone and keeps those of a build still running', async () => {
    const { root } = await projectWithSources();
    for (const name of ['dist.building-4001', 'dist.previous-4002', 'dist.building-4003', 'dist.previous-4003', 'dist.building-x']) {
      await mkdir(path.join(root, name));
    }
    const run = build(root, {}, [], { isAlive: (pid) => pid === 4003 });
    expect(await run.run()).toBe(0);
    expect((await readdir(root)).filter((name) => name.startsWith('dist')).sort()).toEqual(['dist', 'dist.building-4003', 'dist.building-x', 'dist.previous-4003']);
    expect(run.stderr()).toBe(
      [
        'fieldproof: removed dist.building-4001/, left by a build that was stopped',
        'fieldproof: removed dist.previous-4002/, left by a build that was stopped',
        'fieldproof: published the site to dist/',
        '',
      ].join('\n'),
    );
  });

  it('stops astro on SIGTERM or SIGINT and publishes nothing', async () => {
    const { root } = await projectWithSources();
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const stop = new AbortController();
      let stopped = '';
      const run = build(root, {}, [], {
        stop: stop.signal,
        runAstro: async (_args, env, _cwd, astroStop) => {
          await mkdir(env.FIELDPROOF_OUT as string, { recursive: true });
          await writeFile(path.join(env.FIELDPROOF_OUT as string, 'index.html'), 'half');
          const exited = new Promise<number>((resolve) => astroStop.addEventListener('abort', () => {
            stopped = String(astroStop.reason);
            resolve(code);
          }));
          stop.abort(signal);
          return exited;
        },
      });
      expect(await run.run()).toBe(code);
      expect(stopped).toBe(signal);
      expect(run.stderr()).toBe(`\nfieldproof: the build was stopped (${signal}), so nothing was published; dist/ is left as it was.\n`);
      expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('old site');
      expect((await readdir(root)).filter((name) => name.startsWith('dist'))).toEqual(['dist']);
    }
  });
});

/** The ids of a process's children running astro, from ps. */
function astroChildrenOf(pid: number): number[] {
  try {
    const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n');
    return lines.filter((line) => line.includes('astro.mjs build')).map((line) => Number.parseInt(line.trim(), 10));
  } catch {
    return [];
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 300; tries += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/**
 * The real wrapper (scripts/build-site.ts, run by this Node 24, which strips its types) with
 * the real astro under it, stopped as soon as astro has started. Astro runs
 * in a folder of its own, with this repository as its root, as the site
 * build tests run it (test/site/build-project.ts).
 */
async function startRealBuild() {
  const work = await temporary('signal');
  await cp(SMALL, path.join(work, 'project'), { recursive: true });
  await symlink(path.join(REPOSITORY, 'node_modules'), path.join(work, 'node_modules'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST'].includes(key) || key.startsWith('VITEST')) delete env[key];
  Object.assign(env, { FIELDPROOF_ROOT: path.join(work, 'project'), FIELDPROOF_OUT: path.join(work, 'dist'), FIELDPROOF_CACHE: 'off', FIELDPROOF_GIT_HISTORY: 'off', ASTRO_TELEMETRY_DISABLED: '1' });
  const wrapper = spawn(process.execPath, [path.join(REPOSITORY, 'scripts', 'build-site.ts'), '--root', REPOSITORY], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  wrapper.stderr.on('data', (chunk) => void (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => wrapper.on('exit', (code) => resolve(code)));
  await until(() => astroChildrenOf(wrapper.pid as number).length > 0, 'astro started');
  const [astro] = astroChildrenOf(wrapper.pid as number) as [number];
  // Let astro get under way, so its own start-up is not what is tested.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { work, wrapper, astro, exited, stderr: () => stderr };
}

describe('the real wrapper stops astro when it is stopped', () => {
  it('passes SIGTERM on to astro, waits for it, removes its staging folder and exits 143', async () => {
    const build = await startRealBuild();
    build.wrapper.kill('SIGTERM');
    expect(await build.exited).toBe(143);
    expect(isRunning(build.astro)).toBe(false);
    expect(build.stderr()).toContain('fieldproof: the build was stopped (SIGTERM), so nothing was published; ');
    expect((await readdir(build.work)).filter((name) => name.startsWith('dist'))).toEqual([]);
  }, 60_000);

  it('stops astro when the wrapper is killed outright (SIGKILL), through the channel between them', async () => {
    const build = await startRealBuild();
    build.wrapper.kill('SIGKILL');
    await build.exited;
    await until(() => !isRunning(build.astro), 'astro stopped');
    // Stopped, not finished: the site it was building (in seconds) was never completed.
    const staging = path.join(build.work, `dist.building-${build.wrapper.pid}`);
    expect(await lstat(path.join(staging, 'index.html')).then(() => 'completed', () => 'stopped')).toBe('stopped');
  }, 60_000);
});

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the dev server serves nothing from outside the project', () => {
  /**
   * A real `astro dev` with this repository's config, serving a temporary
   * project: Astro's root is that project (it has no pages, which does not
   * matter here: what is tested is how files are served), its node_modules
   * a folder of links to this repository's packages, so Astro's and Vite's
   * caches are written there and not into the shared install.
   */
  it('answers 403 for files reached through links that lead out, and serves the project\'s own', async () => {
    const work = await temporary('dev');
    const root = path.join(work, 'project');
    const outside = await outsideFolder();
    await mkdir(path.join(root, 'data'), { recursive: true });
    await mkdir(path.join(root, 'public'));
    await mkdir(path.join(root, 'node_modules'));
    await writeFile(path.join(root, 'data', 'ok.csv'), 'rep,group\nann,pilot\n');
    await symlink(path.join(outside, 'passwd'), path.join(root, 'data', 'passwd'));
    await symlink(path.join(outside, 'passwd'), path.join(root, 'public', 'leak.txt'));
    await symlink(outside, path.join(root, 'data', 'elsewhere'));
    for (const name of await readdir(path.join(REPOSITORY, 'node_modules'))) {
      if (name.startsWith('.')) continue;
      await symlink(path.join(REPOSITORY, 'node_modules', name), path.join(root, 'node_modules', name));
    }
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST'].includes(key) || key.startsWith('VITEST')) delete env[key];
    Object.assign(env, { FIELDPROOF_ROOT: root, FIELDPROOF_GIT_HISTORY: 'off', ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' });
    const config = path.relative(root, path.join(REPOSITORY, 'astro.config.mjs'));
    const server = spawn(process.execPath, [path.join(REPOSITORY, 'node_modules/astro/bin/astro.mjs'), 'dev', '--root', root, '--config', config, '--port', String(port)], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    const stopped = new Promise((resolve) => server.on('exit', resolve));
    try {
      const get = async (url: string) => {
        const response = await fetch(`http://127.0.0.1:${port}${url}`);
        return { status: response.status, body: await response.text() };
      };
      for (let tries = 0; ; tries += 1) {
        const ready = await get('/data/ok.csv').catch(() => null);
        if (ready?.status === 200) break;
        if (tries > 300) throw new Error('the dev server did not start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await get('/data/ok.csv')).toEqual({ status: 200, body: 'rep,group\nann,pilot\n' });
      for (const url of [
        '/data/passwd',
        '/data/passwd?import',
        '/data/passwd?raw',
        '/data/elsewhere/passwd',
        '/%64ata/passwd',
        '/leak.txt',
        `/@fs${path.join(root, 'data', 'passwd')}`,
        `/@fs${path.join(outside, 'passwd')}`,
      ]) {
        expect({ url, ...(await get(url)) }).toEqual({ url, status: 403, body: OUTSIDE });
      }
    } finally {
      server.kill('SIGTERM');
      await stopped;
    }
  }, 60_000);
});
