/**
 * Build tests: a fixture project (test/fixtures/site/projects/field) built by
 * Astro exactly as `npm run build` builds a real one, from a sub-path, and
 * compared with the expected pages and documents in its expected/ folder
 * (content-hashed asset names normalised). Run with UPDATE_GOLDEN=1 to
 * rewrite expected/ after an intended change, and review the diff.
 *
 * Beyond the golden comparison, the promises a reviewer cannot see in a diff:
 * drafts leave no trace, unit names stay private, no script, nothing from
 * another host, every link resolves under the base path, pages stay small.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ResultsDocument } from '../../src/core/results.ts';
import { loadEvidence } from '../../src/site/evidence.ts';
import {
  astroBuild,
  buildProject,
  fieldCommits,
  fixtureProjects,
  listFiles,
  normaliseHashes,
  prepareProject,
  splitTags,
  type BuildFailure,
  type Built,
} from './build-project.ts';

const BASE = '/fieldproof';
const SITE = 'https://acme.github.io';
const expectedDir = path.join(fixtureProjects, 'field/expected');
const update = process.env.UPDATE_GOLDEN === '1';

let built: Built;
let files: string[];
const read = (file: string) => readFileSync(path.join(built.dist, file), 'utf8');
const htmlFiles = () => files.filter((file) => file.endsWith('.html'));

beforeAll(async () => {
  built = await buildProject({ project: 'field', base: BASE, site: SITE, commits: fieldCommits });
  files = listFiles(built.dist);
}, 180_000);

afterAll(() => {
  if (built) rmSync(path.dirname(built.project), { recursive: true, force: true });
});

describe('the field fixture project', () => {
  test('publishes exactly the expected files', () => {
    const published = files.map(normaliseHashes);
    const listing = path.join(expectedDir, 'files.txt');
    if (update) {
      mkdirSync(expectedDir, { recursive: true });
      writeFileSync(listing, `${published.join('\n')}\n`);
    }
    expect(published).toEqual(readFileSync(listing, 'utf8').trim().split('\n'));
  });

  test('pages and results documents match the expected ones', () => {
    for (const file of files.filter((name) => /\.(html|json)$/.test(name))) {
      const actual = file.endsWith('.html') ? splitTags(normaliseHashes(read(file))) : read(file);
      const expectedFile = path.join(expectedDir, file);
      if (update) {
        mkdirSync(path.dirname(expectedFile), { recursive: true });
        writeFileSync(expectedFile, actual);
      }
      expect(existsSync(expectedFile), `${file} has an expected version`).toBe(true);
      expect(actual, file).toBe(readFileSync(expectedFile, 'utf8'));
    }
  });

  test('results.json is the analysis results document, as JSON.stringify(results, null, 2)', async () => {
    const evidence = await loadEvidence(built.project);
    for (const pilot of evidence) {
      expect(read(`pilots/${pilot.slug}/results.json`)).toBe(JSON.stringify(pilot.results, null, 2));
    }
  });

  test('a draft leaves no trace: no page, document, image or link', () => {
    expect(files.some((file) => file.includes('zeta'))).toBe(false);
    for (const file of files.filter((name) => /\.(html|json|css|svg|txt)$/.test(name))) {
      expect(read(file), file).not.toMatch(/zeta|Secretname/i);
    }
  });

  test('unit names appear nowhere unless the pilot sets showUnits', () => {
    for (const file of files.filter((name) => /\.(html|json)$/.test(name))) {
      expect(read(file), file).not.toContain('Fixturely');
    }
    // gamma-stores sets showUnits: true, so its stores may be named.
    expect(read('pilots/gamma-stores/index.html')).toContain('Northwind Depot');
    expect(read('pilots/alpha-digest/index.html')).toContain('Pilot rep 1');
  });

  test('no script, no inline style, nothing loaded from another host', () => {
    for (const file of htmlFiles()) {
      const html = read(file);
      expect(html, file).not.toMatch(/<script/i);
      expect(html, file).not.toMatch(/<style|\sstyle="/i);
      expect(html, file).not.toMatch(/\son[a-z]+="/i);
      // A Content-Security-Policy forbids inline script and any other host on every page.
      expect(html, file).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'">`,
      );
      // Loaded resources (src, stylesheet and icon links) are all local.
      for (const [, url] of html.matchAll(/\ssrc="([^"]+)"/g)) expect(url, file).toMatch(/^\//);
      for (const [tag] of html.matchAll(/<link [^>]*>/g)) {
        if (/rel="(stylesheet|icon|preload)"/.test(tag)) expect(tag, file).toMatch(/href="\/fieldproof\//);
      }
    }
    for (const file of files.filter((name) => name.endsWith('.css'))) expect(read(file)).not.toMatch(/url\((?!["']?\/fieldproof\/)/);
  });

  test('every link and asset resolves under the base path', () => {
    for (const file of htmlFiles()) {
      for (const [, href] of read(file).matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        if (href === undefined || href.startsWith('#') || href.startsWith('mailto:')) continue;
        if (href.startsWith('https://cdn.example.com/')) continue; // a link in a story, never loaded
        const local = href.startsWith(SITE) ? href.slice(SITE.length) : href;
        expect(local, `${file}: ${href}`).toMatch(new RegExp(`^${BASE}/`));
        const target = decodeURI(local.slice(BASE.length + 1).replace(/#.*$/, ''));
        const exists = target === '' || files.includes(target) || files.includes(`${target.replace(/\/$/, '')}/index.html`);
        expect(exists, `${file} links to ${href}`).toBe(true);
      }
    }
  });

  test('every page has share tags with absolute URLs and a description that states the result', () => {
    for (const file of htmlFiles()) {
      const html = read(file);
      const meta = (key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
      expect(meta('og:title'), file).toBeTruthy();
      expect(meta('og:description'), file).toBeTruthy();
      expect(meta('twitter:card'), file).toBe('summary_large_image');
      const image = meta('og:image') ?? '';
      expect(image, file).toMatch(new RegExp(`^${SITE}${BASE}/.*card\\.png$`));
      expect(files).toContain(image.slice(`${SITE}${BASE}/`.length));
      expect(meta('twitter:image'), file).toBe(image);
    }
    const alpha = read('pilots/alpha-digest/index.html');
    expect(alpha).toContain(`<meta property="og:url" content="${SITE}${BASE}/pilots/alpha-digest/"`);
    // What was computed, never the owner's summary (issue #15: a summary claimed more than an inconclusive result);
    // the summary is on the page, attributed to its owner.
    expect(alpha).toMatch(/<meta name="description" content="Revenue per rep was [\d.]+% higher for pilot reps/);
    expect(alpha).toMatch(/<figcaption>In the words of Revenue Operations, who runs the pilot:<\/figcaption>\s*<blockquote>\s*<p>Reps with the digest sold more than their own track record predicted\.<\/p>/);
    expect(read('pilots/beta-calls/index.html')).toMatch(/<meta name="description" content="Interim result: /);
  });

  test('a qualification file gets its page, card, results document and a place on the overview', () => {
    const page = read('pilots/lead-checklist/index.html');
    // The tipping point sentence is the headline and the link preview's description.
    expect(page).toMatch(/<meta name="description" content="Leads meeting 2 or more of the 3 criteria won \d+% of the time, against \d+% for the rest: \+[\d.]+ points\."/);
    expect(page).toMatch(/<p class="headline">Leads meeting 2 or more of the 3 criteria won/);
    expect(page).toContain('not a randomized test');
    expect(page).toContain('<figure class="chart" id="win-rate-by-criteria">');
    expect(page).toMatch(/<th scope="row">\s*Has a champion\s*<small class="muted"> \(champion\)<\/small>/);
    expect(page).toContain('1 lead was left out for a blank criterion or outcome cell');
    expect(files).toContain('pilots/lead-checklist/card.png');
    const results = JSON.parse(read('pilots/lead-checklist/results.json')) as { kind: string; leads: { used: number }; byCriteriaMet: unknown[] };
    expect(results).toMatchObject({ kind: 'qualification', leads: { used: 79 } });
    expect(results.byCriteriaMet).toHaveLength(4);
    const overview = read('index.html');
    expect(overview).toContain('<h2 id="qualifications-title">Lead qualification evidence</h2>');
    expect(overview).toContain(`href="${BASE}/pilots/lead-checklist/"`);
  });

  test('preview cards are 1200x630 PNGs', () => {
    for (const file of files.filter((name) => name.endsWith('card.png'))) {
      const png = readFileSync(path.join(built.dist, file));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([1200, 630]);
    }
  });

  test('the report carries the pre-registration date from git, honestly', () => {
    expect(read('pilots/alpha-digest/index.html')).toContain('First committed on 20 Jan 2026, 13 days before the pilot started');
    expect(read('pilots/beta-calls/index.html')).toContain('8 days after the pilot started on 2 Mar 2026');
  });

  test('the story is published without its script, and its remote image only as a link', () => {
    const alpha = read('pilots/alpha-digest/index.html');
    expect(alpha).toContain('<strong>Monday digest</strong>');
    expect(alpha).not.toContain('story script must not survive');
    expect(alpha).toContain('<a href="https://cdn.example.com/chart.png">[image: a chart from elsewhere]</a>');
  });

  test('data notes list the rows left out and why', () => {
    const alpha = read('pilots/alpha-digest/index.html');
    expect(alpha).toContain('16 rows dated after the end (2026-03-15) were ignored');
    expect(alpha).toContain('Revenue per rep: 1 row with an empty value was left out');
  });

  test('guardrails: results.json gives each its verdict against the margin, and the pages say it apart from the primary', () => {
    const gamma = JSON.parse(read('pilots/gamma-stores/results.json')) as ResultsDocument;
    const [accepted, complaints] = gamma.metrics;
    expect([accepted?.role, accepted?.guardrail]).toEqual(['primary', null]);
    // Complaints, lower is better, margin +10pp: 4 of 12 pilot stores against 2 of 12 control stores. Newcombe's
    // hybrid score interval (Newcombe 1998, method 10), from Wilson intervals computed here: its upper end is the worse one.
    const z = 1.959963984540054;
    const wilson = (successes: number, trials: number) => {
      const p = successes / trials;
      const centre = (p + (z * z) / (2 * trials)) / (1 + (z * z) / trials);
      const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / (1 + (z * z) / trials);
      return [centre - half, centre + half] as const;
    };
    const [[, pilotHigh], [controlLow]] = [wilson(4, 12), wilson(2, 12)];
    const upper = 4 / 12 - 2 / 12 + Math.sqrt((pilotHigh - 4 / 12) ** 2 + (2 / 12 - controlLow) ** 2);
    expect(complaints?.role).toBe('guardrail');
    expect(complaints?.guardrail).toEqual({ margin: { scale: 'absolute', value: 0.1 }, bound: expect.closeTo(upper, 9), verdict: 'possible-harm' });
    // The pilot's verdict is still its primary metric's.
    expect(complaints?.verdict).toBe('inconclusive');

    const alpha = JSON.parse(read('pilots/alpha-digest/results.json')) as ResultsDocument;
    const discount = alpha.metrics.find((metric) => metric.id === 'discount');
    expect(discount?.guardrail?.verdict).toBe('no-harm');
    expect(discount?.guardrail?.bound).toBe(discount?.headline.relative.high);
    expect(discount?.guardrail?.bound).toBeLessThan(0.1);

    const gammaPage = read('pilots/gamma-stores/index.html');
    expect(gammaPage).toContain('<h2 id="guardrails-title">Guardrail</h2>');
    expect(gammaPage).toContain('<strong>Guardrail: possible harm to quotes with a complaint.</strong>');
    expect(gammaPage).toMatch(/beyond the margin of at most 10\.0 pp worse: harm beyond the margin cannot be ruled out\./);
    // Apart: the guardrail's section follows the primary metric's.
    expect(gammaPage.indexOf('id="metric-complaints"')).toBeGreaterThan(gammaPage.indexOf('id="guardrails-title"'));
    expect(gammaPage.indexOf('id="metric-accepted"')).toBeLessThan(gammaPage.indexOf('id="guardrails-title"'));
    const alphaPage = read('pilots/alpha-digest/index.html');
    expect(alphaPage).toContain('No harm beyond the margin');
    expect(alphaPage).not.toContain('Guardrail: possible harm');
    expect(read('index.html')).toContain('Guardrail: possible harm to quotes with a complaint');
    expect(read('pilots/delta-plan/index.html')).toMatch(/Discount given per rep: <strong>at most \$500 worse<\/strong>/);
    expect(read('methodology/index.html')).toContain('id="non-inferiority"');
  });

  test('each page stays well under 150 kB of HTML and CSS', () => {
    const css = files.filter((file) => file.endsWith('.css')).reduce((total, file) => total + read(file).length, 0);
    for (const file of htmlFiles()) expect(read(file).length + css, file).toBeLessThan(150_000);
  });

  test('every id is used once on its page', () => {
    // Two elements with one id break aria-describedby, in-page links and SVG references (clip paths).
    for (const file of htmlFiles()) {
      const ids = [...read(file).matchAll(/\sid="([^"]*)"/g)].map(([, id]) => id);
      expect(ids.length, file).toBeGreaterThan(0);
      expect(ids.filter((id, index) => ids.indexOf(id) !== index), file).toEqual([]);
    }
  });
});

describe('a project with an invalid pilot', () => {
  test('fails the build and names every problem', async () => {
    const project = prepareProject({ project: 'broken' });
    try {
      const failure = await astroBuild(project, path.join(path.dirname(project), 'dist'), { FIELDPROOF_BASE: '/', FIELDPROOF_SITE: SITE }).then(
        () => null,
        (reason: BuildFailure) => reason,
      );
      expect(failure?.code).not.toBe(0);
      expect(failure?.output).toContain('data/missing.csv');
      expect(failure?.output).toContain('pilots/unknown-key.md');
      // The user's problems, not fieldproof's insides: no source location or stack of the build's own code.
      expect(failure?.output).not.toMatch(/Stack trace|Location:|src\/site\/|evidence\.ts/);
      expect(existsSync(path.join(path.dirname(project), 'dist', 'index.html'))).toBe(false);
    } finally {
      rmSync(path.dirname(project), { recursive: true, force: true });
    }
  }, 120_000);
});
