/**
 * The command line compiled at install (scripts/bundle-cli.ts), and the
 * check that lets it run only while it is up to date with src/
 * (bin/fresh-bundle.mjs). Not a timing test: bench/startup.ts measures it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FOLDER, freshBundle, MANIFEST } from '../../bin/fresh-bundle.mjs';
import { bundleCli } from '../../scripts/bundle-cli.ts';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const SMALL = path.join(REPOSITORY, 'test', 'fixtures', 'projects', 'small');

let work = '';
let bundled = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'fieldproof-bundle-'));
  // Beside the repository's own bundle, never in its place: another test may be running the command.
  const out = path.join(REPOSITORY, 'node_modules', `.fieldproof-cli-test-${process.pid}`);
  await bundleCli(REPOSITORY, out);
  bundled = pathToFileURL(path.join(out, 'main.js')).href;
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  if (bundled !== '') await rm(path.dirname(fileURLToPath(bundled)), { recursive: true, force: true });
});

/** `main` of one entry (the sources or the bundle) run as the command runs it, in a process of its own. */
function run(entry: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, FIELDPROOF_CACHE: 'off', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  const code = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(process.argv.slice(1));`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '--eval', code, ...args], { cwd, env, encoding: 'utf8' }, (failure, stdout, stderr) =>
      // Progress lines come with time (src/core/progress.ts: after 2 s, at most one each 5 s), not with the output.
      resolve({ code: failure === null ? 0 : Number((failure as { code?: number }).code), stdout, stderr: stderr.replace(/^reading .*% of .* MB\n/gm, '') }),
    );
  });
}

describe('the command line compiled at install', () => {
  const sources = pathToFileURL(path.join(REPOSITORY, 'src', 'cli', 'main.ts')).href;
  const cases: { args: string[]; cwd: string }[] = [
    { args: ['--version'], cwd: REPOSITORY },
    { args: ['check'], cwd: REPOSITORY },
    { args: ['analyze', 'pilots/small.md', '--json'], cwd: SMALL },
    { args: ['analyze', 'pilots/small.md'], cwd: SMALL },
    { args: ['analyze', 'pilots/missing.md'], cwd: SMALL },
    { args: ['sql', 'pilots/small.md', '--dialect', 'bigquery'], cwd: SMALL },
    { args: ['plan'], cwd: SMALL },
    { args: ['frobnicate'], cwd: SMALL },
  ];

  it.each(cases)('prints, and exits with, exactly what the sources do: $args', async ({ args, cwd }) => {
    const [fromSources, fromBundle] = await Promise.all([run(sources, args, cwd), run(bundled, args, cwd)]);
    expect(fromBundle).toEqual(fromSources);
    expect(fromSources.stdout.length + fromSources.stderr.length).toBeGreaterThan(0);
  }, 60_000);

  it('is refused, and nothing is left, when a source changes while it is compiled', async () => {
    const { build } = await import('esbuild');
    const root = await mkdtemp(path.join(work, 'editing-'));
    await mkdir(path.join(root, 'src', 'cli'), { recursive: true });
    await writeFile(path.join(root, 'src', 'cli', 'main.ts'), 'export async function main(): Promise<number> { return 0; }\n');
    const out = path.join(root, BUNDLE_FOLDER);
    // An edit that lands after the sources were looked at and before esbuild reads them.
    const editingBuild = (async (options: Parameters<typeof build>[0]) => {
      await writeFile(path.join(root, 'src', 'cli', 'main.ts'), 'export async function main(): Promise<number> { return 1; }\n');
      return build(options);
    }) as typeof build;
    await expect(bundleCli(root, out, editingBuild)).rejects.toThrow(`${path.join('src', 'cli', 'main.ts')} changed while the command line was compiled`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual([]);
    // Left alone, the same checkout compiles.
    expect(Object.keys((await bundleCli(root, out)).sources)).toEqual([path.join('src', 'cli', 'main.ts')]);
    expect(freshBundle(root)).toBe(pathToFileURL(path.join(out, 'main.js')).href);
  }, 60_000);

  it('is built from src/ alone, every source it holds listed with its size and time', async () => {
    const manifest = await bundleCli(REPOSITORY, path.join(work, 'again'));
    const files = Object.keys(manifest.sources);
    expect(files).toContain(path.join('src', 'cli', 'main.ts'));
    expect(files).toContain(path.join('src', 'core', 'stats', 'randomization.ts'));
    expect(files.every((file) => file.startsWith(`src${path.sep}`))).toBe(true);
    expect(manifest.node).toBe(process.version);
  }, 60_000);
});

describe('whether the compiled command line may run', () => {
  /** A checkout of two sources with a bundle built from them as they are now. */
  async function checkout(): Promise<string> {
    const root = await mkdtemp(path.join(work, 'checkout-'));
    await mkdir(path.join(root, 'src'));
    await mkdir(path.join(root, BUNDLE_FOLDER), { recursive: true });
    await writeFile(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    await writeFile(path.join(root, 'src', 'b.ts'), 'export const b = 2;\n');
    const when = new Date('2026-12-01T10:00:00Z');
    await utimes(path.join(root, 'src', 'a.ts'), when, when);
    await utimes(path.join(root, 'src', 'b.ts'), when, when);
    const facts: [number, number] = [Buffer.byteLength('export const a = 1;\n'), when.getTime()];
    await writeFile(path.join(root, BUNDLE_FOLDER, MANIFEST), JSON.stringify({ node: process.version, sources: { [path.join('src', 'a.ts')]: facts, [path.join('src', 'b.ts')]: facts } }));
    return root;
  }

  it('runs the bundle while every source is as it was built', async () => {
    const root = await checkout();
    expect(freshBundle(root)).toBe(pathToFileURL(path.join(root, BUNDLE_FOLDER, 'main.js')).href);
  });

  it('runs the sources once any of them was touched, grew or went, or under another Node', async () => {
    const touched = await checkout();
    await utimes(path.join(touched, 'src', 'b.ts'), new Date(), new Date());
    expect(freshBundle(touched)).toBeNull();

    const edited = await checkout();
    const when = new Date('2026-12-01T10:00:00Z');
    await writeFile(path.join(edited, 'src', 'a.ts'), 'export const a = 10;\n');
    await utimes(path.join(edited, 'src', 'a.ts'), when, when);
    expect(freshBundle(edited)).toBeNull();

    const removed = await checkout();
    await rm(path.join(removed, 'src', 'a.ts'));
    expect(freshBundle(removed)).toBeNull();

    const otherNode = await checkout();
    const manifestFile = path.join(otherNode, BUNDLE_FOLDER, MANIFEST);
    await writeFile(manifestFile, (await import('node:fs')).readFileSync(manifestFile, 'utf8').replace(process.version, 'v24.0.0-other'));
    expect(freshBundle(otherNode)).toBeNull();
  });

  it('runs the sources without a bundle, or with a manifest it cannot read or that lists nothing', async () => {
    expect(freshBundle(await mkdtemp(path.join(work, 'bare-')))).toBeNull();
    const torn = await checkout();
    await writeFile(path.join(torn, BUNDLE_FOLDER, MANIFEST), '{"node": "');
    expect(freshBundle(torn)).toBeNull();
    const empty = await checkout();
    await writeFile(path.join(empty, BUNDLE_FOLDER, MANIFEST), JSON.stringify({ node: process.version, sources: {} }));
    expect(freshBundle(empty)).toBeNull();
  });
});
