import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findSiteRoot, noRenderCache, openRenderCache, pruneRenderCache, renderCacheFor, renderKey, siteCodeVersion } from '../../src/site/render-cache.ts';
import { repository } from './build-project.ts';

const folders: string[] = [];
const tempFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'fieldproof-render-cache-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A drawing function that counts its calls. */
function counted<T>(result: T) {
  const draw = () => {
    draw.calls += 1;
    return result;
  };
  draw.calls = 0;
  return draw;
}

describe('the render cache', () => {
  test('draws a piece once; the next build with the same code and inputs reads it back', () => {
    const dir = tempFolder();
    const draw = counted('<svg>chart</svg>');
    expect(openRenderCache(dir, 'v1').text('chart:x', [{ a: 1 }, 'b'], draw)).toBe('<svg>chart</svg>');
    // A later build opens the folder afresh.
    expect(openRenderCache(dir, 'v1').text('chart:x', [{ a: 1 }, 'b'], draw)).toBe('<svg>chart</svg>');
    expect(draw.calls).toBe(1);
  });

  test('other inputs, another kind or changed code draw again', () => {
    const dir = tempFolder();
    const draw = counted('drawn');
    const cache = openRenderCache(dir, 'v1');
    cache.text('chart:x', [1], draw);
    cache.text('chart:x', [2], draw);
    cache.text('chart:y', [1], draw);
    openRenderCache(dir, 'v2').text('chart:x', [1], draw);
    expect(draw.calls).toBe(4);
    expect(readdirSync(dir)).toHaveLength(4);
  });

  test('bytes come back exactly, from a draw or from disk', async () => {
    const dir = tempFolder();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 10, 13]);
    const first = await openRenderCache(dir, 'v').bytes('card:png', { title: 'T' }, async () => png);
    const second = await openRenderCache(dir, 'v').bytes('card:png', { title: 'T' }, async () => new Uint8Array([1]));
    expect([...first]).toEqual([...png]);
    expect([...second]).toEqual([...png]);
  });

  test('text with any characters survives the round trip', async () => {
    const dir = tempFolder();
    const text = 'Ünïcode “quotes” <b>&amp;</b> \u0000 \r\n 🚀';
    await openRenderCache(dir, 'v').asyncText('git:x', 1, async () => text);
    expect(await openRenderCache(dir, 'v').asyncText('git:x', 1, async () => 'other')).toBe(text);
  });

  test('a drawing that throws stores nothing', () => {
    const dir = tempFolder();
    const cache = openRenderCache(dir, 'v');
    expect(() =>
      cache.text('chart:x', 1, () => {
        throw new Error('Plot warned');
      }),
    ).toThrow('Plot warned');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a folder that cannot be written only costs a redraw', () => {
    const parent = tempFolder();
    writeFileSync(path.join(parent, 'file'), 'not a folder');
    const cache = openRenderCache(path.join(parent, 'file', 'render'), 'v');
    const draw = counted('drawn');
    expect(cache.text('chart:x', 1, draw)).toBe('drawn');
    expect(cache.text('chart:x', 1, draw)).toBe('drawn');
    expect(draw.calls).toBe(2);
  });

  test('keys are the sha256 of version, kind and inputs', () => {
    // printf 'v1\nchart:x\n[1,"a"]' | sha256sum
    expect(renderKey('v1', 'chart:x', [1, 'a'])).toBe('d94564848d9ab5154b93a7df7c77273c8b717a71e87576321814998421068718');
  });
});

describe('pruning after a build', () => {
  test('removes what the build did not use and keeps what it read or wrote', () => {
    const dir = tempFolder();
    const cache = openRenderCache(dir, 'v');
    cache.text('chart:old', 1, () => 'old');
    cache.text('chart:used', 1, () => 'used');
    const longAgo = new Date(Date.now() - 3_600_000);
    for (const name of readdirSync(dir)) utimesSync(path.join(dir, name), longAgo, longAgo);
    const buildStart = Date.now() - 1000;
    const draw = counted('new');
    expect(cache.text('chart:used', 1, draw)).toBe('used');
    cache.text('chart:new', 1, draw);
    expect(pruneRenderCache(dir, buildStart)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(
      [renderKey('v', 'chart:used', 1), renderKey('v', 'chart:new', 1)].map((key) => `${key}.txt`).sort(),
    );
    expect(draw.calls).toBe(1);
  });

  test('a missing folder is nothing to prune', () => {
    expect(pruneRenderCache(path.join(tempFolder(), 'none'), Date.now())).toBe(0);
  });
});

describe('the cache a build opens', () => {
  test('is off with FIELDPROOF_CACHE=off', () => {
    expect(renderCacheFor(tempFolder(), { FIELDPROOF_CACHE: 'off' })).toBe(noRenderCache);
  });

  test('lives in the render folder of the project cache', () => {
    const root = tempFolder();
    const cache = renderCacheFor(root, { FIELDPROOF_CACHE_DIR: 'cache-here' });
    cache.text('chart:x', 1, () => 'x');
    expect(readdirSync(path.join(root, 'cache-here', 'render'))).toHaveLength(1);
  });

  test('its version follows the code and the publishing address', () => {
    const site = findSiteRoot();
    expect(site).toBe(repository);
    const version = siteCodeVersion(repository, {});
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(siteCodeVersion(repository, {})).toBe(version);
    expect(siteCodeVersion(repository, { FIELDPROOF_BASE: '/other' })).not.toBe(version);
    expect(siteCodeVersion(repository, { FIELDPROOF_SITE: 'https://other.example' })).not.toBe(version);
  });

  test('a copy of the code with one file changed has another version', () => {
    const copy = tempFolder();
    writeFileSync(path.join(copy, 'package-lock.json'), '{}');
    const src = path.join(copy, 'src');
    rmSync(src, { recursive: true, force: true });
    for (const [file, text] of [['site/render-cache.ts', 'a'], ['charts/x.ts', 'b']] as const) {
      const full = path.join(src, file);
      rmSync(full, { force: true });
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    const before = siteCodeVersion(copy, {});
    writeFileSync(path.join(src, 'charts/x.ts'), 'c');
    expect(siteCodeVersion(copy, {})).not.toBe(before);
  });
});
