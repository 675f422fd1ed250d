/**
 * Builds the site for a fixture project the way `npm run build` does, into a
 * temporary folder: the project is copied, made a git repository with fixed
 * commit dates (so hypothesis dates are part of what is tested), and built by
 * Astro with FIELDPROOF_ROOT pointing at it. Used by the build tests and the
 * browser tests.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureProjects = path.join(repository, 'test/fixtures/site/projects');

export interface BuildOptions {
  /** Fixture project folder name under test/fixtures/site/projects. */
  project: string;
  base?: string;
  site?: string;
  /** Commits to make before building: files (relative to the project) and the commit date. */
  commits?: { files: string[]; date: string; message: string }[];
}

export interface Built {
  project: string;
  dist: string;
  base: string;
  site: string;
  output: string;
}

export interface BuildFailure {
  code: number;
  output: string;
}

function git(cwd: string, args: string[], date?: string): void {
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Fixture',
      GIT_AUTHOR_EMAIL: 'fixture@example.com',
      GIT_COMMITTER_NAME: 'Fixture',
      GIT_COMMITTER_EMAIL: 'fixture@example.com',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

/** A copy of the fixture project in a fresh temporary folder, with its git history. */
export function prepareProject(options: BuildOptions): string {
  const work = mkdtempSync(path.join(tmpdir(), `fieldproof-${options.project}-`));
  const project = path.join(work, 'project');
  cpSync(path.join(fixtureProjects, options.project), project, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}expected`),
  });
  if (options.commits) {
    git(project, ['init', '-q', '-b', 'main']);
    for (const commit of options.commits) {
      git(project, ['add', '--', ...commit.files]);
      git(project, ['commit', '-q', '-m', commit.message], commit.date);
    }
  }
  return project;
}

/**
 * The environment of a build: this process's, without what Vitest adds to it
 * (Vitest copies import.meta.env into process.env, and Astro would read
 * BASE_URL from there instead of the configured base).
 */
function buildEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST'].includes(key) || key.startsWith('VITEST')) delete env[key];
  }
  return { ...env, TZ: 'UTC', ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/**
 * Runs `astro build` (with this process's Node) and resolves with its output,
 * or rejects with a BuildFailure. It runs in the folder above `dist`, with
 * this repository as Astro's root: Astro keeps its intermediate bundle in the
 * working folder when the output is outside it, and tests build at the same
 * time, so each build gets its own. A link to this repository's node_modules
 * there lets that bundle import its packages.
 */
export function astroBuild(project: string, dist: string, env: Record<string, string>): Promise<string> {
  return runBuild([path.join(repository, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', repository], project, dist, env);
}

/**
 * Runs `npm run build`'s script (scripts/build-site.ts: analyses ahead,
 * shards, atomic publishing) the way astroBuild runs astro.
 */
export function siteBuild(project: string, dist: string, env: Record<string, string>): Promise<string> {
  return runBuild([path.join(repository, 'scripts/build-site.ts'), '--root', repository], project, dist, env);
}

function runBuild(args: string[], project: string, dist: string, env: Record<string, string>): Promise<string> {
  const work = path.dirname(dist);
  if (!existsSync(path.join(work, 'node_modules'))) symlinkSync(path.join(repository, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: work, maxBuffer: 64 * 1024 * 1024, env: buildEnvironment({ FIELDPROOF_ROOT: project, FIELDPROOF_OUT: dist, ...env }) },
      (failure, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (failure) reject({ code: typeof failure.code === 'number' ? failure.code : 1, output } satisfies BuildFailure);
        else resolve(output);
      },
    );
  });
}

export async function buildProject(options: BuildOptions): Promise<Built> {
  const project = prepareProject(options);
  const dist = path.join(path.dirname(project), 'dist');
  const base = options.base ?? '/';
  const site = options.site ?? 'https://example.github.io';
  const output = await astroBuild(project, dist, { FIELDPROOF_BASE: base, FIELDPROOF_SITE: site });
  return { project, dist, base, site, output };
}

/** Every file under a folder, relative, sorted, with forward slashes. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return files.sort();
}

/** Astro's content-hashed asset names change with any CSS edit; tests compare them as "[hash]". */
export function normaliseHashes(text: string): string {
  return text.replace(/(_astro\/[\w.-]+?)\.[\w-]{8}\.(css|js|woff2?|png|svg)/g, '$1.[hash].$2');
}

/** One tag per line, so golden pages diff line by line. */
export function splitTags(html: string): string {
  return html.replace(/>\s*</g, '>\n<');
}

/** The field project's git history: alpha pre-registered, beta's hypothesis committed after its start. */
export const fieldCommits: BuildOptions['commits'] = [
  { files: ['data', 'pilots/gamma-stores.md', 'pilots/zeta-draft.md'], date: '2025-09-15T10:00:00+00:00', message: 'gamma and zeta' },
  { files: ['pilots/alpha-digest.md'], date: '2026-01-20T10:00:00+00:00', message: 'alpha: hypothesis before the start' },
  { files: ['pilots/beta-calls.md'], date: '2026-03-10T10:00:00+00:00', message: 'beta: written after it started' },
  { files: ['pilots/delta-plan.md'], date: '2026-11-01T10:00:00+00:00', message: 'delta: planned before it starts' },
];
