/**
 * Issue #17, rendering: nothing `check` passes may crash the build, and what
 * the build renders takes bounded time. Each hostile case is checked with the
 * command line, then put through the pages' own rendering path (the view
 * models, every chart, the story, the preview card's layout), without a whole
 * Astro build. Also: story links parsed as a browser reads them, controls
 * refused in pilot text, years out of range, a mistyped key, and
 * `plan --lift` outside its range. Times are measured by bench/rendering.ts,
 * never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { forestTable } from '../../src/charts/forest-table.ts';
import { forestChart } from '../../src/charts/forest.ts';
import { intervalChart } from '../../src/charts/interval.ts';
import { liftStripChart } from '../../src/charts/lift-strip.ts';
import { randomizationChart } from '../../src/charts/randomization.ts';
import { wrapLines } from '../../src/charts/render.ts';
import { trendChart } from '../../src/charts/trend.ts';
import { unitsChart } from '../../src/charts/units.ts';
import type { Chart } from '../../src/charts/chart.ts';
import { runCli } from '../support/cli.ts';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { largest, smallest } from '../../src/core/extent.ts';
import { parsePilotFile } from '../../src/core/pilot-file.ts';
import { overviewCardContent, pilotCardContent } from '../../src/core/present/card-model.ts';
import { overviewModel } from '../../src/core/present/overview-model.ts';
import { planCardContent, planModel } from '../../src/core/present/plan-model.ts';
import { MOST_UNIT_DOTS, reportModel } from '../../src/core/present/report-model.ts';
import { FieldproofError, formatProblem } from '../../src/core/problems.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { renderStory, sanitize, storyHtml } from '../../src/core/story.ts';
import { safeHref } from '../../src/core/story-links.ts';
import { cardSvg } from '../../src/site/card.ts';
import { drawnFor } from '../../src/site/drawings.ts';
import { makeProject, pilotMarkdown } from '../support/project.ts';
import { csvText, stringsIn } from './support.ts';

const UNAVAILABLE = { status: 'unavailable', reason: 'not a git repository' } as const;
/** C0 controls but tab and line breaks, DEL and C1: what no page, card or results.json may carry. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The frontmatter of a small valid pilot over data/sales.csv (rep, group, revenue), with `extra` lines. */
function frontmatter(extra = '', title = 'Rendering pilot'): string {
  return `title: ${title}
status: concluded
hypothesis: The pilot sells more.
started: 2026-03-02
ended: 2026-05-31
data: sales.csv
unit: rep
${extra}metrics:
  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }`;
}

/** `units` reps, alternately pilot and control, one row each, spread so every range of the axis holds some. */
function salesCsv(units: number, name = (index: number) => `rep-${index}`): string {
  const rows = [['rep', 'group', 'revenue']];
  for (let index = 0; index < units; index += 1) {
    rows.push([name(index), index % 2 === 0 ? 'pilot' : 'control', String(1000 + ((index * 7919) % 997) + (index % 2 === 0 ? 60 : 0))]);
  }
  return csvText(rows);
}

async function run(argv: string[], cwd: string) {
  return runCli(argv, { cwd });
}

interface Rendered {
  charts: Chart[];
  stories: string[];
  cards: string[];
  /** Every string of every model and results document, for looking for what must not be there. */
  texts: string[];
}

/**
 * What the build renders for a project, by the pages' own path: the site's
 * analysis (published pilots only), each report's model and charts and
 * story, each plan's, the overview, and every preview card laid out by satori.
 */
async function renderLikeTheBuild(root: string): Promise<Rendered> {
  const project = await analyzeProject(root);
  expect(project.problems.filter((problem) => problem.severity === 'error').map(formatProblem)).toEqual([]);
  const charts: (Chart | null)[] = [];
  const stories: string[] = [];
  const cardContents = [];
  const texts: string[] = [];
  for (const pilot of project.pilots) {
    const model = reportModel(pilot, UNAVAILABLE);
    if (model.trend) charts.push(trendChart(model.trend.metric, model.trend.evidence, { started: model.trend.started }));
    if (model.units) charts.push(unitsChart(model.units.metric, model.units.evidence));
    if (model.randomization) charts.push(randomizationChart(model.randomization.metric, model.randomization.distribution, { units: model.randomization.units }));
    for (const metric of pilot.results.metrics) charts.push(intervalChart(metric, { confidence: pilot.results.confidence }));
    stories.push(await renderStory(pilot.story));
    cardContents.push(pilotCardContent(pilot, { host: 'example.github.io' }));
    texts.push(...stringsIn(model), ...stringsIn(JSON.parse(JSON.stringify(pilot.results))));
  }
  for (const plan of project.plans) {
    texts.push(...stringsIn(planModel(plan, UNAVAILABLE)));
    stories.push(await renderStory(plan.story));
    cardContents.push(planCardContent(plan, { host: 'example.github.io' }));
  }
  const overview = overviewModel(project.pilots, project.plans);
  if (overview.table) texts.push(...stringsIn(forestTable(overview.pilots, { domain: overview.domain })));
  else charts.push(forestChart(overview.pilots, { domain: overview.domain }));
  for (const card of overview.cards) if (card.strip) charts.push(liftStripChart(card.strip.metric, card.strip));
  // Its pilots are the evidence itself (the raw story among it), not what the page shows.
  texts.push(...stringsIn({ ...overview, pilots: [] }));
  cardContents.push(overviewCardContent(project.pilots, { host: 'example.github.io' }));
  const cards = await Promise.all(cardContents.map((content) => cardSvg(content)));
  return { charts: charts.filter((chart): chart is Chart => chart !== null), stories, cards, texts };
}

/** `check` passes the project, and the build's rendering path renders it. */
async function checkedAndRendered(files: Record<string, string>): Promise<{ stdout: string; rendered: Rendered }> {
  const root = await makeProject(files);
  const checked = await run(['check'], root);
  expect(checked.stderr).toBe('');
  expect(checked.code).toBe(0);
  return { stdout: checked.stdout, rendered: await renderLikeTheBuild(root) };
}

// Real analyses and drawings: seconds on a busy machine, so more than the default 5 s.
describe('check passes nothing the build cannot render (item 4)', { timeout: 60_000 }, () => {
  it('an unquoted date as the title is a title: checked, rendered, published as written', async () => {
    const { rendered } = await checkedAndRendered({ 'pilots/dated.md': pilotMarkdown(frontmatter('', '2026-03-02')), 'data/sales.csv': salesCsv(20) });
    expect(rendered.texts).toContain('2026-03-02');
    expect(rendered.cards).toHaveLength(2);
  });

  it(`more than ${MOST_UNIT_DOTS} units: checked, and the per-unit chart counts them into ranges`, async () => {
    const { rendered } = await checkedAndRendered({ 'pilots/many.md': pilotMarkdown(frontmatter()), 'data/sales.csv': salesCsv(2_001) });
    const units = rendered.charts.find((chart) => chart.id === 'units-revenue') as Chart;
    expect(units.table.columns).toEqual(['Revenue per rep', 'Pilot units', 'Control units']);
    expect(units.description).toMatch(/^Each bar counts the units whose value \(each unit's total over the pilot\) falls in its range: 1,001 in the pilot \(filled bars\), 1,000 in control \(outlined bars\)/);
    expect(units.svg.wide).not.toContain('<circle');
    const counted = units.table.rows.reduce((total, row) => total + Number((row[1] as string).replace(/,/g, '')) + Number((row[2] as string).replace(/,/g, '')), 0);
    expect(counted).toBe(2_001);
    expect(rendered.texts).toContain('Every rep, counted by value');
  });

  it('a 20,000-character title without a space: checked and rendered, cut on the forest plot and the card', async () => {
    const title = 'W'.repeat(20_000);
    const { rendered } = await checkedAndRendered({ 'pilots/long.md': pilotMarkdown(frontmatter('', title)), 'data/sales.csv': salesCsv(20) });
    // Published whole in the results document, cut where it is drawn.
    expect(rendered.texts).toContain(title);
    const forest = rendered.charts.find((chart) => chart.id.startsWith('forest')) as Chart;
    const drawnTitle = /W{5,}\u2026/.exec(forest.svg.wide)?.[0] ?? '';
    expect(drawnTitle.length).toBeGreaterThan(5);
    expect(drawnTitle.length).toBeLessThan(100);
  });

  it('a story list nested 10,000 deep is a problem naming the file and line, for check and the build alike', async () => {
    const story = `A first paragraph.\n\n${'- '.repeat(10_000)}deep\n`;
    const root = await makeProject({ 'pilots/deep.md': pilotMarkdown(frontmatter(), story), 'data/sales.csv': salesCsv(20) });
    const checked = await run(['check'], root);
    expect(checked.code).toBe(1);
    // The frontmatter's 9 lines between its fences, a blank line, the paragraph, a blank line: the list is line 15.
    expect(checked.stderr).toBe(
      'error pilots/deep.md, line 15: the story nests lists, quotes or markup more than 100 levels deep by this line, which no page can publish; flatten it\n\n1 error.\n',
    );
    // The build analyses through the same analyzeProject, and stops on that error before any page.
    const project = await analyzeProject(root);
    expect(project.problems.map(formatProblem)).toContain(
      'pilots/deep.md, line 15: the story nests lists, quotes or markup more than 100 levels deep by this line, which no page can publish; flatten it',
    );
    // Rendering it anyway fails with words, not a stack overflow.
    await expect(renderStory(story)).rejects.toThrow('fieldproof check names its file and line');
  });

  it('quotes, emphasis and raw HTML nested 10,000 deep are refused or flattened, never a stack overflow', async () => {
    expect(await storyHtml(`${'> '.repeat(10_000)}x`)).toEqual({ ok: false, depth: 101 });
    expect(await storyHtml(`${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`)).toEqual({ ok: false, depth: 101 });
    // Unknown elements are unwrapped: nothing is left to nest.
    expect(await storyHtml(`${'<div>'.repeat(10_000)}x`)).toEqual({ ok: true, html: 'x' });
    expect(() => sanitize(`${'<ul><li>'.repeat(10_000)}x`)).toThrow('more than 100');
  });

  it('a drawing that fails anyway is a problem naming the pilot file and the piece, not a stack trace', async () => {
    const failing = drawnFor('pilots/x.md', 'per-unit chart', () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    await expect(failing).rejects.toThrow(FieldproofError);
    await expect(failing).rejects.toThrow(
      '1 problem found:\n  pilots/x.md: the per-unit chart could not be drawn (Maximum call stack size exceeded); this is a fault in fieldproof: please report it with this pilot file',
    );
    expect(await drawnFor('pilots/x.md', 'story', async () => 'drawn')).toBe('drawn');
  });

  it('a list 40 levels deep is prose enough: checked and rendered', async () => {
    const story = Array.from({ length: 40 }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}`).join('\n');
    const { rendered } = await checkedAndRendered({ 'pilots/nested.md': pilotMarkdown(frontmatter(), story), 'data/sales.csv': salesCsv(20) });
    expect(rendered.stories[0]).toContain('level 40');
  });
});

// Real analyses and drawings: seconds on a busy machine, so more than the default 5 s.
describe('bounded rendering (item 5)', { timeout: 60_000 }, () => {
  const pilot = { arm: 'pilot' as const, label: '', value: 0 };

  it('draws the per-unit chart for 300,000 units (Math.min(0, ...values) overflowed the stack)', async () => {
    const root = await makeProject({ 'pilots/few.md': pilotMarkdown(frontmatter()), 'data/sales.csv': salesCsv(20) });
    const evidence = (await analyzeProject(root)).pilots[0] as PilotEvidence;
    const units = Array.from({ length: 300_000 }, (_, index) => ({ ...pilot, arm: index % 2 === 0 ? ('pilot' as const) : ('control' as const), label: `Unit ${index}`, value: (index * 7919) % 10_007 }));
    const chart = unitsChart(evidence.results.metrics[0] as never, { ...(evidence.metrics[0] as PilotEvidence['metrics'][number]), units }) as Chart;
    expect(chart.description).toContain('150,000 in the pilot (filled bars), 150,000 in control (outlined bars)');
    expect(chart.table.rows.length).toBeLessThanOrEqual(48);
    expect(chart.svg.compact).toBeDefined();
  });

  it('smallest and largest take lists no spread could', () => {
    const values = Array.from({ length: 1_000_000 }, (_, index) => index - 500);
    expect(() => Math.min(...values)).toThrow(RangeError);
    expect(smallest(values, 0)).toBe(-500);
    expect(largest(values)).toBe(999_499);
    expect(smallest([], 3)).toBe(3);
    expect(largest([1, Number.NaN])).toBeNaN();
  });

  it('wrapLines cuts an unbroken title where measuring each start would', () => {
    const label = { text: 'W'.repeat(20_000), fontSize: 14, bold: true };
    const [line] = wrapLines(label, 300, 2);
    // The longest run of W that fits with its ellipsis: 300 / (1.02 em * 14 * 1.08) = 19.4, less the ellipsis.
    expect(line).toBe(`${'W'.repeat(18)}\u2026`);
    expect(wrapLines({ ...label, text: 'Weekly account digest for every rep' }, 300, 2)).toEqual(['Weekly account digest for every rep']);
  });
});

describe('story links (item 6)', () => {
  const REFUSED = [
    'java&#x09;script:alert(1)',
    'java&#x0A;script:alert(1)',
    'java&#x0D;script:alert(1)',
    'java&#9;script:alert(1)',
    '&#106;avascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    '&#x01;javascript:alert(1)',
    '&#x20;&#x0B;javascript:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'DATA:text/html,x',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '\\\\evil.example/x',
    '/\\evil.example/x',
    '&#x2F;/evil.example',
    'tel:+15550100',
  ];
  const KEPT: [string, string][] = [
    ['https://example.com/a', 'https://example.com/a'],
    ['HTTP://example.com', 'HTTP://example.com'],
    ['mailto:dana@example.com', 'mailto:dana@example.com'],
    ['#what-we-saw', '#what-we-saw'],
    ['/pilots/other/', '/pilots/other/'],
    ['../other/', '../other/'],
    ['notes.html?week=3', 'notes.html?week=3'],
    [' https://example.com/a ', 'https://example.com/a'],
  ];

  it.each(REFUSED)('<a href="%s"> loses its target', (href) => {
    expect(sanitize(`<p><a href="${href}">x</a></p>`)).toBe('<p><a>x</a></p>');
  });

  it.each(KEPT)('<a href="%s"> keeps its target', (href, kept) => {
    expect(sanitize(`<p><a href="${href}">x</a></p>`)).toBe(`<p><a href="${kept.replace(/&/g, '&amp;')}">x</a></p>`);
  });

  it('a raw NUL, control or line break inside the scheme does not make a script link', () => {
    for (const href of ['\u0000javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', 'java\rscript:alert(1)', '\u001fjavascript:x']) {
      expect(safeHref(href), JSON.stringify(href)).toBeNull();
    }
  });

  it('markdown links and images take the same test', async () => {
    const html = await renderStory(
      '[tab](java&#x09;script:alert(1)) [angle](<javascript:alert(1)>) [rel](//evil.example) [ok](https://example.com/a)\n\n![pic](java&#x09;script:alert(1))\n',
    );
    // Markdown writes the tab as %09, which no scheme may hold: a path on this site, harmless.
    expect(html).toBe('<p><a href="java%09script:alert(1)">tab</a> <a>angle</a> <a>rel</a> <a href="https://example.com/a">ok</a></p>\n<p>[pic]</p>');
  });
});

// Real analyses and drawings: seconds on a busy machine, so more than the default 5 s.
describe('pilot text (item 9)', { timeout: 60_000 }, () => {
  const problemsOf = (text: string) => {
    const parsed = parsePilotFile('pilots/x.md', pilotMarkdown(text));
    return parsed.ok ? [] : parsed.problems.map(formatProblem);
  };

  it('years 0000 to 0099, and before 1900, are out of range, not days that do not exist', () => {
    for (const day of ['0000-01-01', '0042-03-02', '0099-12-31', '1899-12-31']) {
      expect(problemsOf(frontmatter().replace('started: 2026-03-02', `started: ${day}`))).toEqual([
        `pilots/x.md, key "started": "${day}": expected a date as YYYY-MM-DD, e.g. 2026-03-02; the year ${day.slice(0, 4)} is out of range (1900 to 9999)`,
      ]);
    }
    expect(problemsOf(frontmatter().replace('started: 2026-03-02', 'started: 1900-02-29'))).toEqual([
      'pilots/x.md, key "started": "1900-02-29": expected a date as YYYY-MM-DD, e.g. 2026-03-02; this day does not exist',
    ]);
    expect(problemsOf(frontmatter().replace('started: 2026-03-02', 'started: 2024-02-29'))).toEqual([]);
  });

  it('NUL, BEL, ESC, DEL and C1 written as YAML escapes are refused, naming the key and the character', () => {
    expect(problemsOf(frontmatter('', '"Red \\e[31malert\\a"'))).toEqual([
      'pilots/x.md, key "title": "Red \\u001b[31malert\\u0007": contains the control character U+001B at character 5, which no page can show; remove it (a YAML escape such as "\\e" or "\\x07" writes one)',
    ]);
    expect(problemsOf(frontmatter('owner: "a\\0b"\nsummary: "c\\x7fd"\nchampion: { name: "e\\x85f" }\n'))).toEqual([
      'pilots/x.md, key "summary": "c\\u007fd": contains the control character U+007F at character 2, which no page can show; remove it (a YAML escape such as "\\e" or "\\x07" writes one)',
      'pilots/x.md, key "owner": "a\\u0000b": contains the control character U+0000 at character 2, which no page can show; remove it (a YAML escape such as "\\e" or "\\x07" writes one)',
      'pilots/x.md, key "champion.name": "e\\u0085f": contains the control character U+0085 at character 2, which no page can show; remove it (a YAML escape such as "\\e" or "\\x07" writes one)',
    ]);
    // Tabs and line breaks are text.
    expect(problemsOf(frontmatter('summary: "one\\ttwo\\nthree\\r"\n'))).toEqual([]);
  });

  it('no control character of a story or a unit name reaches a page, chart, card or results document', async () => {
    const story = 'Bell \u0007 escape \u001b[31m nul \u0000 del \u007f c1 \u0085 &#27; &#7; end.';
    const { rendered } = await checkedAndRendered({
      'pilots/controls.md': pilotMarkdown(frontmatter('showUnits: true\n'), story),
      'data/sales.csv': salesCsv(20, (index) => `rep\u001b[2J\u0007-${index}`),
    });
    // Raw controls are dropped; the markdown reader turns the references to controls into U+FFFD.
    expect(rendered.stories[0]).toBe('<p>Bell  escape [31m nul  del  c1  \ufffd \ufffd end.</p>');
    const everything = [...rendered.stories, ...rendered.cards, ...rendered.texts, ...rendered.charts.flatMap((chart) => [chart.svg.wide, chart.svg.compact ?? '', ...stringsIn(chart.table)])];
    expect(everything.filter((text) => CONTROL.test(text))).toEqual([]);
  });

  it('a mistyped required key says what it is and which key was meant', () => {
    expect(problemsOf(frontmatter().replace('started:', 'start:'))).toEqual([
      'pilots/x.md, key "started": is required but missing; expected a date as YYYY-MM-DD, e.g. 2026-03-02',
      'pilots/x.md, key "start": unknown key; did you mean "started"? Allowed keys here: title, status, hypothesis, summary, owner, tags, champion, started, ended, data, form, assignment, unit, group, date, confidence, metrics, rollout, showUnits, segments, decision',
    ]);
    // The nearest key, not the first one within two edits ("stats" is one edit from "status", two from "started").
    expect(problemsOf(`${frontmatter()}\nstats: x`)).toEqual([
      'pilots/x.md, key "stats": unknown key; did you mean "status"? Allowed keys here: title, status, hypothesis, summary, owner, tags, champion, started, ended, data, form, assignment, unit, group, date, confidence, metrics, rollout, showUnits, segments, decision',
    ]);
    expect(problemsOf(frontmatter().replace('started: 2026-03-02', 'started: 20260302'))).toEqual([
      'pilots/x.md, key "started": "20260302": expected a date as YYYY-MM-DD, e.g. 2026-03-02, got a number',
    ]);
  });

  it('plan --lift outside its usable range is a usage error', async () => {
    for (const lift of ['1e-300', '0.00001', '-1e-300', '2000%', '-100%']) {
      const planned = await run(['plan', '--mean', '100', '--sd', '20', `--lift=${lift}`], process.cwd());
      expect(planned.code, lift).toBe(2);
      expect(planned.stdout).toBe('');
      expect(planned.stderr).toBe(
        `fieldproof: --lift expects a relative change from 0.01% to 1,000% in size, and a fall of less than 100%, e.g. 0.1 or 10%; got "${lift}"\nRun "fieldproof --help" for usage.\n`,
      );
    }
    expect((await run(['plan', '--mean', '100', '--sd', '20', '--lift', '0.01%'], process.cwd())).code).toBe(0);
  });
});
