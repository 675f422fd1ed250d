import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { astroEnvironment, buildSite, type BuildEffects } from '../../scripts/build-site.ts';
import { BUILD_MARKER } from '../../src/site/output-folder.ts';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function projectWithOldSite(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'fieldproof-build-'));
  made.push(root);
  await mkdir(path.join(root, 'dist'));
  await writeFile(path.join(root, 'dist', 'index.html'), 'old site');
  // What every build writes: without it, a folder holding files is not taken for a build and is refused.
  await writeFile(path.join(root, 'dist', BUILD_MARKER), 'built\n');
  return root;
}

function effects(root: string, astro: (out: string) => Promise<number>) {
  let stderr = '';
  const value: BuildEffects = {
    cwd: root,
    env: {},
    stderr: (text) => void (stderr += text),
    runAstro: (_args, env) => astro(env.FIELDPROOF_OUT as string),
  };
  return { value, stderr: () => stderr };
}

describe('npm run build is atomic', () => {
  it('swaps the new site in only when the build succeeds', async () => {
    const root = await projectWithOldSite();
    const run = effects(root, async (out) => {
      expect(path.dirname(out)).toBe(root);
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, 'index.html'), 'new site');
      return 0;
    });
    expect(await buildSite([], run.value)).toBe(0);
    expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('new site');
    expect((await readdir(root)).sort()).toEqual(['dist']);
    expect(run.stderr()).toBe('fieldproof: published the site to dist/\n');
  });

  it('leaves the previous dist/ untouched and says why when the build fails half-way', async () => {
    const root = await projectWithOldSite();
    const run = effects(root, async (out) => {
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, 'half.html'), 'half a site');
      return 1;
    });
    expect(await buildSite([], run.value)).toBe(1);
    expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('old site');
    expect((await readdir(root)).sort()).toEqual(['dist']);
    expect(run.stderr()).toBe('\nfieldproof: the build failed, so nothing was published; dist/ is left as it was.\n');
  });

  it('treats a build that produced no index page as failed', async () => {
    const root = await projectWithOldSite();
    const run = effects(root, async () => 0);
    expect(await buildSite([], run.value)).toBe(1);
    expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('old site');
  });
});

describe('the environment astro builds with', () => {
  it("adds Node's compile cache (the command line's folder) and switches Astro's telemetry off", () => {
    expect(astroEnvironment({ PATH: '/bin' })).toEqual({
      PATH: '/bin',
      NODE_COMPILE_CACHE: path.join(tmpdir(), 'node-compile-cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
    });
  });

  it("keeps the caller's own choices", () => {
    const env = astroEnvironment({ NODE_COMPILE_CACHE: '/cache', ASTRO_TELEMETRY_DISABLED: '' });
    expect(env.NODE_COMPILE_CACHE).toBe('/cache');
    expect(env.ASTRO_TELEMETRY_DISABLED).toBe('');
  });
});
