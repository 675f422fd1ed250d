import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyseAheadApart, astroEnvironment, buildSite, HEAP_GROWTH_FLAG, type BuildEffects } from '../../scripts/build-site.ts';
import { analysisVersion, findCodeRoot, openEvidenceCache } from '../../src/core/cache.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { AHEAD_FROM_PILOTS } from '../../src/site/analyse-ahead.ts';
import { makeProject } from '../support/project.ts';
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

describe('the drawing threads npm run build gives astro', () => {
  /** The FIELDPROOF_DRAWING_THREADS each astro process was started with. */
  async function threadsGiven(options: { cores?: number; shards?: number; env?: NodeJS.ProcessEnv }): Promise<string[]> {
    const root = await projectWithOldSite();
    const given: string[] = [];
    const value: BuildEffects = {
      cwd: root,
      env: options.env ?? {},
      stderr: () => undefined,
      ...(options.cores === undefined ? {} : { cores: options.cores }),
      ...(options.shards === undefined ? {} : { shards: () => options.shards as number }),
      runAstro: async (_args, env) => {
        given.push(String(env.FIELDPROOF_DRAWING_THREADS));
        await mkdir(path.join(env.FIELDPROOF_OUT as string, 'pilots'), { recursive: true });
        await writeFile(path.join(env.FIELDPROOF_OUT as string, 'index.html'), 'site');
        return 0;
      },
    };
    expect(await buildSite([], value)).toBe(0);
    return given.sort();
  }

  it('are one per core, shared among the astro processes, and none on one core', async () => {
    expect(await threadsGiven({ cores: 2 })).toEqual(['2']);
    expect(await threadsGiven({ cores: 2, shards: 2 })).toEqual(['1', '1']);
    expect(await threadsGiven({ cores: 1 })).toEqual(['0']);
    expect(await threadsGiven({})).toEqual(['0']);
  });

  it('are what FIELDPROOF_DRAWING_THREADS says when the user set it', async () => {
    expect(await threadsGiven({ cores: 8, env: { FIELDPROOF_DRAWING_THREADS: '0' } })).toEqual(['0']);
    expect(await threadsGiven({ cores: 1, env: { FIELDPROOF_DRAWING_THREADS: '3' } })).toEqual(['3']);
  });
});

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
      MIMALLOC_ARENA_EAGER_COMMIT: '0',
    });
  });

  // The bindings npm installs on this platform (and CI's); elsewhere they are others, built alike.
  it.runIf(process.platform === 'linux' && process.arch === 'x64')("names a mimalloc option that Vite's bundler, the Astro compiler and resvg each read", async () => {
    const require = createRequire(import.meta.url);
    const bindings = ['@rolldown/binding-linux-x64-gnu/rolldown-binding.linux-x64-gnu.node', '@astrojs/compiler-binding-linux-x64-gnu/astro.linux-x64-gnu.node', '@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node'];
    for (const binding of bindings) {
      // mimalloc reads MIMALLOC_<option> for each option it names, in lower case, in its own table.
      const bytes = await readFile(require.resolve(binding));
      expect(bytes.includes('\0arena_eager_commit\0'), binding).toBe(true);
    }
  });

  it("keeps the caller's own choices", () => {
    const env = astroEnvironment({ NODE_COMPILE_CACHE: '/cache', ASTRO_TELEMETRY_DISABLED: '' });
    expect(env.NODE_COMPILE_CACHE).toBe('/cache');
    expect(env.ASTRO_TELEMETRY_DISABLED).toBe('');
  });
});

describe("the heap's growth", () => {
  it('is a flag this Node takes on the command line, where astro gets it (an unknown flag would stop every build)', async () => {
    expect(HEAP_GROWTH_FLAG).toBe('--heap-growing-percent=100');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [HEAP_GROWTH_FLAG, '-e', 'console.log(1 + 1)'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(stderr).toBe('');
    expect(stdout).toBe('2\n');
  });
});

describe('a build shared among astro processes', () => {
  /** A shard as astro would run it: its pilots' folders, and the shared pages only in the first. */
  function shardingEffects(root: string, fail: number | null = null) {
    let stderr = '';
    const seen: { shard: string; out: string; captured: boolean }[] = [];
    const pruned: number[] = [];
    const value: BuildEffects = {
      cwd: root,
      env: {},
      stderr: (text) => void (stderr += text),
      shards: () => 2,
      pruneRenderCache: (_root, _env, since) => void pruned.push(since),
      runAstro: async (_args, env, _cwd, stop, capture) => {
        const shard = env.FIELDPROOF_SHARD as string;
        const out = env.FIELDPROOF_OUT as string;
        seen.push({ shard, out, captured: capture !== undefined });
        const index = Number(shard.split('/')[0]);
        if (index === fail) {
          capture?.(`shard ${index} could not draw a chart\n`);
          return 1;
        }
        if (fail !== null) {
          // The other shard is still rendering when the failure stops it.
          if (!stop.aborted) await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }));
          return 143;
        }
        await mkdir(path.join(out, 'pilots', `pilot-${index}`), { recursive: true });
        await writeFile(path.join(out, 'pilots', `pilot-${index}`, 'index.html'), `pilot ${index}`);
        await writeFile(path.join(out, 'index.html'), `overview from shard ${index}`);
        return 0;
      },
    };
    return { value, stderr: () => stderr, seen, pruned };
  }

  it("runs one astro per shard and publishes the first's site with every shard's pilots", async () => {
    const root = await projectWithOldSite();
    const run = shardingEffects(root);
    expect(await buildSite([], run.value)).toBe(0);
    expect(run.seen.map((shard) => shard.shard).sort()).toEqual(['1/2', '2/2']);
    // Only the shards after the first keep their output to themselves (it repeats the first's).
    expect(run.seen.find((shard) => shard.shard === '1/2')?.captured).toBe(false);
    expect(run.seen.find((shard) => shard.shard === '2/2')?.captured).toBe(true);
    expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('overview from shard 1');
    expect(await readFile(path.join(root, 'dist', 'pilots', 'pilot-2', 'index.html'), 'utf8')).toBe('pilot 2');
    expect((await readdir(path.join(root, 'dist', 'pilots'))).sort()).toEqual(['pilot-1', 'pilot-2']);
    expect(await readdir(path.join(root, '.fieldproof-shards'))).toEqual([]);
    expect(run.pruned).toHaveLength(1);
    expect(run.stderr()).toContain('the pages were rendered by 2 astro processes at once');
  });

  it('fails the whole build when one shard fails, stops the other, and shows why', async () => {
    const root = await projectWithOldSite();
    const run = shardingEffects(root, 2);
    expect(await buildSite([], run.value)).toBe(1);
    expect(run.stderr()).toContain('shard 2 could not draw a chart');
    expect(run.stderr()).toContain('the build failed, so nothing was published');
    expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('old site');
    expect(await readdir(path.join(root, '.fieldproof-shards')).catch(() => [])).toEqual([]);
    expect(run.pruned).toEqual([]);
  });

  it('starts no shard once the build is stopped, and publishes nothing', async () => {
    const root = await projectWithOldSite();
    const run = shardingEffects(root);
    const stop = new AbortController();
    stop.abort('SIGINT');
    expect(await buildSite([], { ...run.value, stop: stop.signal })).toBe(130);
    expect(run.seen).toEqual([]);
    expect(await readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('old site');
    expect(run.stderr()).toContain('the build was stopped (SIGINT)');
  });
});

describe('the analyses ahead, in a process of their own', () => {
  const small = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));
  const aheadProject = () => {
    const pilot = readFileSync(path.join(small, 'pilots/small.md'), 'utf8');
    const files: Record<string, string> = { 'data/sales.csv': readFileSync(path.join(small, 'data/sales.csv'), 'utf8') };
    for (let index = 0; index < AHEAD_FROM_PILOTS; index += 1) files[`pilots/p${index}.md`] = pilot.replace('title: Small pilot for reference values', `title: Pilot ${index}`);
    return makeProject(files);
  };

  it.runIf(availableParallelism() >= 2)('fill the store as analyseAhead does in this one, and say how many pilot files they were dealt', async () => {
    const root = await aheadProject();
    const cache = path.join(root, '.cache');
    expect(await analyseAheadApart(root, { ...process.env, FIELDPROOF_CACHE_DIR: cache }, new AbortController().signal)).toBe(AHEAD_FROM_PILOTS);
    const built = await analyzeProject(root, { store: openEvidenceCache(cache, await analysisVersion(findCodeRoot())) });
    expect(built.analysed).toEqual([]);
    expect(built.reused).toHaveLength(AHEAD_FROM_PILOTS);
    expect(built.pilots).toEqual((await analyzeProject(root)).pilots);
  }, 60_000);

  it('stop with the build, and then count nothing', async () => {
    const root = await aheadProject();
    const stop = new AbortController();
    const counted = analyseAheadApart(root, { ...process.env, FIELDPROOF_CACHE_DIR: path.join(root, '.cache') }, stop.signal);
    stop.abort('SIGTERM');
    expect(await counted).toBe(0);
    const stopped = new AbortController();
    stopped.abort('SIGINT');
    expect(await analyseAheadApart(root, process.env, stopped.signal)).toBe(0);
  }, 60_000);
});
