/**
 * Issue #17 item 5: the pathological rendering cases, timed in one process.
 * Each case is drawn the way its page draws it (chart modules, the story),
 * from a small real analysis with its units or title replaced; the card is
 * left out (its fonts load through Vite) and measured by whole builds.
 *
 *   npx node bench/rendering.ts [source root, default: this checkout] [runs, default 3]
 *
 * Prints the median seconds per case. A case that throws prints its error.
 * Another checkout's root measures the code before a change the same way.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const runs = Number(process.argv[3] ?? 3);
const load = async (module: string) => import(pathToFileURL(path.join(root, 'src', module)).href);

const { analyzeProject } = await load('core/project.ts');
const { unitsChart } = await load('charts/units.ts');
const { forestChart } = await load('charts/forest.ts');
const { overviewModel } = await load('core/present/overview-model.ts');
const story = await load(existsSync(path.join(root, 'src/core/story.ts')) ? 'core/story.ts' : 'site/story.ts');

/** A two-arm pilot of 20 reps, analysed for real: the base every case changes. */
async function basePilot() {
  const folder = mkdtempSync(path.join(tmpdir(), 'fieldproof-bench-render-'));
  try {
    mkdirSync(path.join(folder, 'pilots'));
    mkdirSync(path.join(folder, 'data'));
    const rows = Array.from({ length: 20 }, (_, index) => `rep-${index},${index % 2 ? 'control' : 'pilot'},${1000 + index * 37}`);
    writeFileSync(path.join(folder, 'data', 'sales.csv'), `rep,group,revenue\n${rows.join('\n')}\n`);
    writeFileSync(
      path.join(folder, 'pilots', 'bench.md'),
      '---\ntitle: Bench\nstatus: concluded\nhypothesis: More.\nstarted: 2026-03-02\nended: 2026-05-31\ndata: sales.csv\nunit: rep\nmetrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n---\n',
    );
    return (await analyzeProject(folder)).pilots[0];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const pilot = await basePilot();
const units = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ arm: index % 2 ? 'control' : 'pilot', label: `Unit ${index}`, value: 1000 + ((index * 7919) % 10_007) }));
const withTitle = (title: string) => ({ ...pilot, results: { ...pilot.results, title } });

const cases: [string, () => unknown][] = [
  ['forest plot, 20,000-character title', () => {
    const titled = withTitle('W'.repeat(20_000));
    return forestChart([titled], { domain: overviewModel([titled]).domain });
  }],
  ...[20_000, 50_000, 100_000, 300_000].map((count): [string, () => unknown] => [
    `per-unit chart, ${count.toLocaleString('en-US')} units`,
    () => unitsChart(pilot.results.metrics[0], { ...pilot.metrics[0], units: units(count) }),
  ]),
  // Refused (with its line, by check) where storyHtml exists; before it, rendered or crashed.
  // A new story each run: stories are remembered once rendered.
  ['story, list nested 10,000 deep', () => (story.storyHtml ?? story.renderStory)(`${'- '.repeat(10_000)}${Math.random()}`)],
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log(`source: ${root}, median of ${runs} runs`);
for (const [name, draw] of cases) {
  const seconds: number[] = [];
  let failure = '';
  for (let run = 0; run < runs && failure === ''; run += 1) {
    const started = performance.now();
    try {
      await draw();
      seconds.push((performance.now() - started) / 1000);
    } catch (cause) {
      failure = `${(cause as Error).name}: ${(cause as Error).message}`.slice(0, 100);
    }
  }
  console.log(`${name.padEnd(40)} ${failure === '' ? `${median(seconds).toFixed(2)} s` : `failed: ${failure}`}`);
}
