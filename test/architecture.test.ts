/**
 * The layers of docs/architecture.md, checked on every source file's
 * imports: core knows nothing of charts, the site or the command line;
 * charts draw from core alone; the site and the command line never import
 * each other; and no module reaches itself through its imports (type-only
 * imports included: a type that two modules need belongs to the lower one).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(repository, 'src');

/** Repository-relative paths of every source module. */
const modules = (readdirSync(src, { recursive: true }) as string[])
  .filter((name) => /\.(ts|mjs|astro)$/.test(name) && !name.endsWith('.d.ts'))
  .map((name) => `src/${name.split(path.sep).join('/')}`)
  .sort();

interface Import {
  to: string;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

/** The relative imports of one module, resolved to repository paths. */
function importsOf(file: string): Import[] {
  let text = readFileSync(path.join(repository, file), 'utf8');
  // An .astro file's imports are in its frontmatter.
  if (file.endsWith('.astro')) text = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return [...text.matchAll(IMPORT)].map((match) => ({
    to: path.posix.normalize(path.posix.join(path.posix.dirname(file), (match[3] as string).split('?')[0] as string)),
  }));
}

const graph = new Map(modules.map((file) => [file, importsOf(file)]));

/** A module's layer: its folder under src/, or the top folder of a file outside src/ (which no module may import). */
function layerOf(file: string): string {
  const parts = file.split('/');
  return (parts[0] === 'src' ? parts[1] : parts[0]) as string;
}

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  charts: ['core'],
  site: ['core', 'charts'],
  cli: ['core'],
  components: ['core', 'charts', 'site', 'layouts'],
  layouts: ['core', 'site', 'styles'],
  pages: ['core', 'charts', 'site', 'components', 'layouts'],
};

describe('layers', () => {
  it('finds the modules and their imports', () => {
    expect(modules).toContain('src/core/analyze.ts');
    expect(graph.get('src/cli/main.ts')?.map((entry) => entry.to)).toContain('src/core/project.ts');
  });

  it('every import goes down the layers: core knows no view, charts only core, site and cli never each other', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = layerOf(file);
      for (const { to } of imports) {
        const layer = layerOf(to);
        if (layer !== from && !(ALLOWED[from] ?? []).includes(layer)) wrong.push(`${file} imports ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every relative import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) => imports.filter(({ to }) => !existsSync(path.join(repository, to))).map(({ to }) => `${file} imports ${to}`));
    expect(missing).toEqual([]);
  });

  it('no module imports itself through others, not even for a type', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      state.set(file, 'open');
      for (const { to } of graph.get(file) ?? []) {
        if (!graph.has(to)) continue;
        if (state.get(to) === 'open') cycles.push([...trail.slice(trail.indexOf(to)), to].join(' -> '));
        else if (!state.has(to)) visit(to, [...trail, to]);
      }
      state.set(file, 'done');
    };
    for (const file of modules) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);
  });
});
