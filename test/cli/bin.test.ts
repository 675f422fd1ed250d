/**
 * The installed command, bin/fieldproof.mjs, run as a user runs it: the
 * project's Node 24 runs the command compiled at install when it is up to
 * date (test/cli/bundle.test.ts), or loads the TypeScript sources itself
 * (type stripping), with no transpiler such as tsx either way, and prints
 * nothing of its own (no ExperimentalWarning) around what fieldproof prints.
 * Not a timing test: bench/startup.ts measures how long it takes.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(REPOSITORY, 'bin', 'fieldproof.mjs');
const SMALL = path.join(REPOSITORY, 'test', 'fixtures', 'projects', 'small');
const VERSION = (JSON.parse(readFileSync(path.join(REPOSITORY, 'package.json'), 'utf8')) as { version: string }).version;

/** A hook for the command's process that refuses to load the package `name`, so a run that needs it fails loudly. */
function refusing(name: string): string {
  return `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === '${name}' || specifier.startsWith('${name}/') || specifier.includes('/node_modules/${name}/')) throw new Error('${name} was loaded: ' + specifier);
    return next(specifier, context);
  },
});`)}`;
}

let work = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'fieldproof-bin-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** bin/fieldproof.mjs under this Node 24 (vitest's), its compile cache in the test's own folder. */
async function runBin(args: string[], options: { cwd: string; tsxRefused?: boolean; zodRefused?: boolean; cacheDir?: string }) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: path.join(work, 'compile-cache'), NO_COLOR: '1' };
  if (options.cacheDir === undefined) env.FIELDPROOF_CACHE = 'off';
  else env.FIELDPROOF_CACHE_DIR = options.cacheDir;
  // Whatever the test runner was started with (a loader, a warning flag) must not reach the command.
  delete env.NODE_OPTIONS;
  const refusals = [...(options.tsxRefused ? ['--import', refusing('tsx')] : []), ...(options.zodRefused ? ['--import', refusing('zod')] : [])];
  const nodeArgs = [...refusals, BIN, ...args];
  return promisify(execFile)(process.execPath, nodeArgs, { cwd: options.cwd, env, encoding: 'utf8' });
}

describe('bin/fieldproof.mjs', () => {
  it('prints the version and nothing else: no ExperimentalWarning about type stripping', async () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    const { stdout, stderr } = await runBin(['--version'], { cwd: REPOSITORY });
    expect(stdout).toBe(`${VERSION}\n`);
    expect(stderr).toBe('');
  });

  it('checks a project through every module check loads, with tsx refused', async () => {
    const { stdout, stderr } = await runBin(['check'], { cwd: SMALL, tsxRefused: true });
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        'pilot  status     primary metric   change  interval       verdict',
        // The same headline as the in-process check (main.test.ts; reference-headline.R: -5.53% to +42.3%).
        'small  concluded  Revenue per rep  +19%    −5.5% to +42%  Inconclusive',
        '',
      ].join('\n'),
    );
  });

  it('checks an unchanged project again without loading the schemas (zod): each pilot file is remembered as it was read', async () => {
    const cacheDir = path.join(work, 'store');
    const expected = 'small  concluded  Revenue per rep  +19%    −5.5% to +42%  Inconclusive\n';
    // The refusal works: with nothing remembered, the pilot file must be read by its schema.
    await expect(runBin(['check'], { cwd: SMALL, zodRefused: true, cacheDir })).rejects.toThrow(/zod was loaded/);
    expect((await runBin(['check'], { cwd: SMALL, cacheDir })).stdout).toContain(expected);
    const { stdout, stderr } = await runBin(['check'], { cwd: SMALL, zodRefused: true, cacheDir });
    expect(stderr).toBe('');
    expect(stdout).toContain(expected);
  });

  it('./fieldproof, the fast entry, runs it on the installed Node 24 from any folder', async () => {
    const { stdout, stderr } = await promisify(execFile)(path.join(REPOSITORY, 'fieldproof'), ['check'], {
      cwd: SMALL,
      env: { ...process.env, NODE_COMPILE_CACHE: path.join(work, 'compile-cache'), FIELDPROOF_CACHE: 'off', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(stderr).toBe('');
    expect(stdout).toContain('small  concluded  Revenue per rep  +19%    −5.5% to +42%  Inconclusive\n');
  });
});
