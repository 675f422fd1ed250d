/**
 * Hostile-text build test: a fixture project (test/fixtures/site/projects/hostile)
 * whose every text field, group label, unit name and story carries markup,
 * template syntax, `javascript:` URLs and very long words, built by Astro
 * exactly as `npm run build` builds a real one. Whatever a pilot file or CSV
 * says, the published site must run no script, show that text only escaped,
 * carry it verbatim in results.json, still draw its preview cards, name no
 * unit of a pilot without showUnits, and leak nothing of the build machine:
 * no absolute path, no environment value.
 */
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parsePilotFile } from '../../src/core/pilot-file.ts';
import type { Pilot } from '../../src/core/pilot.ts';
import { astroBuild, fixtureProjects, listFiles, prepareProject, repository } from './build-project.ts';

const SITE = 'https://example.github.io';
const CANARY = 'canary-7f3a';
const fixture = path.join(fixtureProjects, 'hostile');
const HIDDEN = 'hostile-hidden';
const SHOWN = 'hostile-shown';

let project = '';
let dist = '';
let files: string[] = [];
const bytes = (file: string) => readFileSync(path.join(dist, file));
const read = (file: string) => bytes(file).toString('utf8');
const textFiles = () => files.filter((file) => !file.endsWith('.png') && !/\.woff2?$/.test(file));
const markupFiles = () => files.filter((file) => /\.(html|svg|xml)$/.test(file));

function frontmatter(slug: string): Pilot {
  const file = `pilots/${slug}.md`;
  const parsed = parsePilotFile(file, readFileSync(path.join(fixture, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file} does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.value.pilot;
}

function unitNames(csv: string, column: string): string[] {
  const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(fixture, 'data', csv), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return [...new Set(rows.map((row) => row[column] as string))];
}

/** Every text a pilot file contributes, by field. */
function hostileFields(pilot: Pilot): Record<string, string> {
  const fields: Record<string, string> = { title: pilot.title, hypothesis: pilot.hypothesis };
  if (pilot.summary) fields.summary = pilot.summary;
  if (pilot.owner) fields.owner = pilot.owner;
  if (pilot.champion?.name) fields['champion.name'] = pilot.champion.name;
  if (pilot.champion?.role) fields['champion.role'] = pilot.champion.role;
  if (pilot.champion?.quote) fields['champion.quote'] = pilot.champion.quote;
  pilot.metrics.forEach((metric, index) => (fields[`metrics[${index}].label`] = metric.label));
  fields['group.pilot'] = pilot.group.pilot;
  fields['group.control'] = pilot.group.control;
  return fields;
}

/** Text a parser would read as markup if it reached the page unescaped (a bare " is harmless in text, and checked in attributes by parsing). */
const isMarkup = (text: string) => /[<>]/.test(text);

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function documentOf(file: string): Document {
  return parseHTML(read(file)).document as unknown as Document;
}

const textOf = (document: Document) => (document.documentElement.textContent ?? '').replace(/\s+/g, ' ');
const normal = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  process.env.FIELDPROOF_LEAK_CANARY = CANARY;
  project = prepareProject({
    project: 'hostile',
    commits: [{ files: ['data', 'pilots'], date: '2025-12-01T10:00:00+00:00', message: 'hostile pilots' }],
  });
  dist = path.join(path.dirname(project), 'dist');
  await astroBuild(project, dist, { FIELDPROOF_BASE: '/', FIELDPROOF_SITE: SITE, FIELDPROOF_LEAK_CANARY: CANARY });
  files = listFiles(dist);
}, 120_000);

afterAll(() => {
  delete process.env.FIELDPROOF_LEAK_CANARY;
  if (project) rmSync(path.dirname(project), { recursive: true, force: true });
});

describe('a project whose every text is hostile', () => {
  test('publishes both pilots, with pages, results and cards', () => {
    for (const slug of [HIDDEN, SHOWN]) {
      expect(files).toContain(`pilots/${slug}/index.html`);
      expect(files).toContain(`pilots/${slug}/results.json`);
      expect(files).toContain(`pilots/${slug}/card.png`);
    }
    expect(files).toContain('index.html');
    expect(files).toContain('card.png');
  });

  test('no script element, no event handler attribute, no javascript: URL in any file', () => {
    for (const file of files.filter((name) => !name.endsWith('.json'))) {
      // Raw bytes, so binary files (PNG, fonts) are searched too.
      expect(/<script/i.test(bytes(file).toString('latin1')), `${file} holds <script`).toBe(false);
    }
    for (const file of markupFiles()) {
      const raw = read(file);
      // Inside every tag, once quoted attribute values are set aside: no on...= attribute, no javascript: target.
      for (const [tag] of raw.matchAll(/<[a-zA-Z][^>]*>/g)) {
        const bare = tag.replace(/"[^"]*"|'[^']*'/g, '""');
        expect(bare, `${file}: ${tag}`).not.toMatch(/[\s/"']on[a-z]+\s*=/i);
        expect(tag, file).not.toMatch(/(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i);
      }
      // The same, as a browser's parser sees the document.
      const { document } = parseHTML(raw);
      for (const element of [...document.querySelectorAll('*')]) {
        const tag = element.tagName.toLowerCase();
        expect(['script', 'iframe', 'object', 'embed', 'frame', 'base', 'form'], `${file}: <${tag}>`).not.toContain(tag);
        for (const attribute of [...element.attributes]) {
          expect(attribute.name, `${file}: <${tag} ${attribute.name}>`).not.toMatch(/^on/i);
          if (/^(href|src|action|formaction|xlink:href|data|poster)$/i.test(attribute.name)) {
            // Browsers ignore ASCII whitespace and control characters inside a scheme.
            expect(attribute.value.replace(/[\u0000-\u0020]/g, ''), `${file}: <${tag} ${attribute.name}>`).not.toMatch(/^(javascript|vbscript|data):/i);
          }
        }
      }
    }
  });

  test('the story keeps its prose, loses its markup, and its javascript: links lose their target', () => {
    const html = read(`pilots/${HIDDEN}/index.html`);
    const { document } = parseHTML(html);
    const story = document.querySelector('.story');
    expect(story).not.toBeNull();
    const text = normal(story?.textContent ?? '');
    expect(text).toContain('A paragraph with a handler.');
    expect(text).toContain('raw anchor');
    expect(text).toContain('{{7*7}} and ${process.env.HOME} stay as written');
    expect(text).toMatch(/\bAvery(?:very){40,}longword\b/);
    expect(text).not.toMatch(/story-script|evil\.example\/frame/);
    for (const link of [...(story?.querySelectorAll('a') ?? [])]) {
      expect(link.getAttribute('href') ?? '', link.textContent ?? '').not.toMatch(/script:/i);
    }
    expect(html).not.toMatch(/alert\('(story-link|story-img|story-p|raw-a|raw-hover|story-script)'\)/);
  });

  for (const slug of [HIDDEN, SHOWN]) {
    describe(`${slug}: frontmatter text`, () => {
      test('appears on the page only escaped, in the body, <title> and every share tag', () => {
        const pilot = frontmatter(slug);
        const raw = read(`pilots/${slug}/index.html`);
        for (const [field, value] of Object.entries(hostileFields(pilot))) {
          if (isMarkup(value)) expect(raw.includes(value), `${field} appears unescaped: ${value}`).toBe(false);
        }
        // The title, in text and in attribute values, with < and > as entities.
        expect(raw).toMatch(/<h1>[^<>]*&lt;img src=x onerror=alert\(\d\)&gt;[^<>]*<\/h1>/);
        expect(raw).toMatch(/<title>[^<>]*&lt;img src=x onerror=alert\(\d\)&gt;[^<>]*<\/title>/);
        expect(raw).toMatch(/<meta property="og:title" content="[^"<>]*&lt;img src=x onerror=alert\(\d\)&gt;[^"<>]*">/);
        const document = documentOf(`pilots/${slug}/index.html`);
        const meta = (key: string) => document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');
        expect(document.querySelector('title')?.textContent).toBe(`${pilot.title} \u00b7 Fieldproof`);
        expect(document.querySelector('h1')?.textContent).toBe(pilot.title);
        expect(meta('og:title')).toBe(pilot.title);
        expect(meta('twitter:title')).toBe(pilot.title);
        expect(meta('og:image:alt')).toContain(pilot.title);
        expect(meta('twitter:image:alt')).toContain(pilot.title);
        const primary = pilot.metrics.find((metric) => metric.primary) ?? pilot.metrics[0];
        expect(meta('og:description')).toContain(primary?.label);
        expect(meta('description')).toContain(primary?.label);
        for (const key of ['og:title', 'twitter:title', 'og:image:alt', 'description']) {
          const attribute = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(raw)?.[1] ?? '';
          expect(attribute, key).not.toMatch(/[<>]/);
        }
        const text = textOf(document);
        expect(text).toContain(normal(pilot.hypothesis));
        if (pilot.summary) expect(text).toContain(normal(pilot.summary));
        if (pilot.owner) expect(text).toContain(pilot.owner);
        if (pilot.champion?.name) expect(text).toContain(pilot.champion.name);
        if (pilot.champion?.role) expect(text).toContain(pilot.champion.role);
        if (pilot.champion?.quote) expect(text).toContain(pilot.champion.quote);
        for (const metric of pilot.metrics) expect(text).toContain(metric.label);
      });

      test('template syntax stays literal text', () => {
        const text = textOf(documentOf(`pilots/${slug}/index.html`));
        expect(text).toContain('{{7*7}}');
        expect(text).toContain('${process.env.HOME}');
      });

      test('chart SVGs carry metric labels escaped, in their aria-label and text', () => {
        const pilot = frontmatter(slug);
        const raw = read(`pilots/${slug}/index.html`);
        const document = documentOf(`pilots/${slug}/index.html`);
        const charts = [...document.querySelectorAll('figure.chart svg[role="img"]')];
        expect(charts.length).toBeGreaterThan(0);
        const primary = pilot.metrics.find((metric) => metric.primary) ?? pilot.metrics[0];
        const labels = pilot.metrics.map((metric) => metric.label);
        for (const svg of charts) {
          const label = svg.getAttribute('aria-label') ?? '';
          expect(labels.some((metric) => label.startsWith(metric)), `${svg.id}: ${label}`).toBe(true);
        }
        expect(charts.some((svg) => svg.getAttribute('aria-label')?.startsWith(primary?.label ?? '-'))).toBe(true);
        // Every metric label carries < or >: in the markup they are entities, never raw.
        for (const [tag] of raw.matchAll(/<svg [^>]*role="img"[^>]*>/g)) expect(tag).toMatch(/aria-label="[^"<>]*&lt;[^"<>]*"/);
        for (const caption of [...document.querySelectorAll('figure.chart caption')]) {
          expect(labels.some((metric) => caption.textContent?.startsWith(metric)), caption.textContent ?? '').toBe(true);
        }
      });

      test('results.json carries the text verbatim as JSON strings', () => {
        const pilot = frontmatter(slug);
        const results = JSON.parse(read(`pilots/${slug}/results.json`)) as { title: string; metrics: { label: string; sentence: string }[] };
        expect(results.title).toBe(pilot.title);
        expect(results.metrics.map((metric) => metric.label)).toEqual(pilot.metrics.map((metric) => metric.label));
        for (const metric of results.metrics) expect(metric.sentence).toContain(metric.label);
        // A round trip through JSON gives back the same document.
        expect(JSON.stringify(JSON.parse(read(`pilots/${slug}/results.json`)), null, 2)).toBe(read(`pilots/${slug}/results.json`));
      });
    });
  }

  test('the overview lists the hostile titles escaped', () => {
    const raw = read('index.html');
    const text = textOf(documentOf('index.html'));
    for (const slug of [HIDDEN, SHOWN]) {
      const pilot = frontmatter(slug);
      expect(raw.includes(pilot.title)).toBe(false);
      expect(text).toContain(normal(pilot.title));
    }
    expect(raw).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('preview cards render as 1200x630 PNGs with no text chunks', () => {
    const cards = files.filter((name) => name.endsWith('card.png'));
    expect(cards).toEqual(['card.png', `pilots/${HIDDEN}/card.png`, `pilots/${SHOWN}/card.png`]);
    for (const file of cards) {
      const png = bytes(file);
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), file).toBe(true);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([1200, 630]);
      const chunks: string[] = [];
      for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) chunks.push(png.subarray(at + 4, at + 8).toString('latin1'));
      expect(chunks[0], file).toBe('IHDR');
      expect(chunks.at(-1), file).toBe('IEND');
      expect(chunks.filter((type) => /^(tEXt|iTXt|zTXt|eXIf)$/.test(type)), file).toEqual([]);
      expect(png.length, file).toBeGreaterThan(10_000);
    }
  });

  test('unit names of a pilot without showUnits appear nowhere, in any form', () => {
    const names = unitNames('hidden.csv', 'rep');
    expect(names.length).toBe(16);
    for (const file of files) {
      const content = bytes(file).toString('latin1');
      const utf8 = bytes(file).toString('utf8');
      expect(content, file).not.toMatch(/Hidname/i);
      for (const name of names) {
        for (const form of [name, escapeHtml(name), JSON.stringify(name).slice(1, -1), encodeURIComponent(name)]) {
          expect(utf8.includes(form), `${file} holds ${form}`).toBe(false);
        }
      }
    }
    expect(textOf(documentOf(`pilots/${HIDDEN}/index.html`))).toContain('Pilot rep 1');
  });

  test('unit names of a pilot with showUnits appear, escaped, in the table and the chart', () => {
    const names = unitNames('shown.csv', 'store');
    expect(names.length).toBe(12);
    const raw = read(`pilots/${SHOWN}/index.html`);
    const document = documentOf(`pilots/${SHOWN}/index.html`);
    const rowHeads = [...document.querySelectorAll('figure.chart th[scope="row"]')].map((cell) => cell.textContent);
    const svgTitles = [...document.querySelectorAll('figure.chart svg title')].map((title) => title.textContent ?? '');
    for (const name of names) {
      if (isMarkup(name)) expect(raw.includes(name), `unescaped unit name ${name}`).toBe(false);
      expect(rowHeads, name).toContain(name);
      expect(svgTitles.some((title) => title.startsWith(`${name}: `)), `chart names ${name}`).toBe(true);
    }
    expect(raw).toContain('&lt;img src=x onerror=alert(1)&gt;Shoname01');
  });

  test('no absolute path of the build machine and no environment value in any file', () => {
    const secrets = new Set<string>([project, path.dirname(project), dist, fixture, repository, os.tmpdir(), os.homedir(), CANARY]);
    for (const folder of [project, os.tmpdir(), os.homedir()]) secrets.add(realpathSync(folder));
    const home = process.env.HOME;
    if (home !== undefined && home.length > 1 && home !== '/') secrets.add(home);
    for (const secret of [...secrets]) {
      if (secret.length <= 1 || secret === '/') secrets.delete(secret);
      else secrets.add(secret.split(path.sep).join('/'));
    }
    for (const file of files) {
      const content = bytes(file).toString('latin1');
      const utf8 = bytes(file).toString('utf8');
      for (const secret of secrets) {
        expect(content.includes(secret), `${file} holds ${secret}`).toBe(false);
        expect(utf8.includes(encodeURI(secret)), `${file} holds ${encodeURI(secret)}`).toBe(false);
        expect(utf8.includes(JSON.stringify(secret).slice(1, -1)), `${file} holds ${secret} JSON-escaped`).toBe(false);
      }
      expect(utf8, file).not.toMatch(/file:\/\//);
    }
    expect(textFiles().length).toBeGreaterThan(0);
  });
});
