/**
 * A project with many small pilots, written in a moment: the overview's
 * every-pilot table is built from it (build-many.test.ts), and it can be
 * written to a folder for a look in a browser:
 *
 *     npx node test/site/many-pilots.ts /tmp/many 100
 *     FIELDPROOF_ROOT=/tmp/many FIELDPROOF_OUT=/tmp/many-dist npx astro build
 *
 * One row per unit, no dates, 14 units per arm (600 for rates), seeded
 * (scripts/random.ts): the same count always gives the same files. Across
 * the pilots: wins, losses and inconclusive results; running pilots (every
 * seventh); rates headlined in percentage points; a metric where lower is
 * better; and two pilots whose lift cannot be put in percent (a control
 * level of zero, and one too uncertain for Fieller's interval).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../../scripts/random.ts';

export interface ManyPilot {
  slug: string;
  title: string;
  status: 'running' | 'concluded';
  /** The primary metric's kind, for tests that pick examples. */
  kind: 'revenue' | 'rate' | 'lower' | 'zero-control' | 'uncertain-control';
}

const DAY_MS = 86_400_000;
const addDays = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const TOPICS = [
  'Nurture sequence for not-yet-ready prospects',
  'Follow-up call after each hand-off',
  'Automated quotes',
  'Call blocks on Tuesday mornings',
  'Q&A webinar <live> for late-stage deals',
  'Shorter discovery script',
  'Manager ride-alongs in the first month of every new territory, with a written debrief',
  'Price anchoring on the proposal page',
];

function kindOf(index: number, count: number): ManyPilot['kind'] {
  if (index === Math.floor(count / 3)) return 'zero-control';
  if (index === Math.floor((2 * count) / 3)) return 'uncertain-control';
  return (['revenue', 'rate', 'lower'] as const)[index % 3] as ManyPilot['kind'];
}

/** Writes pilots/many-NNN.md and data/many-NNN.csv for `count` pilots; returns them in file order. */
export async function writeManyPilotsProject(root: string, count: number, seed = 7): Promise<ManyPilot[]> {
  await mkdir(path.join(root, 'pilots'), { recursive: true });
  await mkdir(path.join(root, 'data'), { recursive: true });
  const random = seededRandom(seed);
  const pilots: ManyPilot[] = [];
  for (let index = 0; index < count; index += 1) {
    const slug = `many-${String(index + 1).padStart(3, '0')}`;
    const kind = kindOf(index, count);
    const status = index % 7 === 3 ? 'running' : 'concluded';
    const title = `${TOPICS[index % TOPICS.length]} (${index + 1})`;
    // A true lift from -15% to +25%, so verdicts vary.
    const lift = -0.15 + 0.4 * random.uniform();
    const units = kind === 'rate' ? 600 : 14;
    const lines = ['rep,group,value'];
    for (const arm of ['pilot', 'control'] as const) {
      for (let unit = 1; unit <= units; unit += 1) {
        const factor = arm === 'pilot' ? 1 + lift : 1;
        let value: string;
        if (kind === 'rate') value = random.chance(0.3 * factor) ? 'yes' : 'no';
        else if (kind === 'zero-control' && arm === 'control') value = String(unit % 2 === 1 ? 40 * unit : -40 * (unit - 1));
        // A control whose spread dwarfs its level: its mean could well be zero, so Fieller's interval has no bounds.
        else if (kind === 'uncertain-control') value = random.normal(arm === 'pilot' ? 600 : 400, arm === 'pilot' ? 1000 : 4000).toFixed(2);
        else value = random.normal(5000 * factor, 600).toFixed(2);
        lines.push(`R${arm === 'pilot' ? 'P' : 'C'}${unit},${arm},${value}`);
      }
    }
    await writeFile(path.join(root, 'data', `${slug}.csv`), `${lines.join('\n')}\n`);
    const metric = {
      revenue: '{ id: revenue, label: Revenue per rep, type: mean, column: value, format: currency }',
      rate: '{ id: won, label: Win rate, type: proportion, column: value }',
      lower: '{ id: discount, label: Discount per deal, type: mean, column: value, format: currency, better: lower }',
      'zero-control': '{ id: margin, label: Margin change per rep, type: mean, column: value, format: currency }',
      'uncertain-control': '{ id: margin, label: Margin change per rep, type: mean, column: value, format: currency }',
    }[kind];
    // Distinct start dates, so "newest first" is an order to check.
    const started = addDays('2024-01-01', index * 5);
    await writeFile(
      path.join(root, 'pilots', `${slug}.md`),
      `---
title: ${JSON.stringify(title)}
status: ${status}
hypothesis: The change moves the primary metric.
started: ${started}
${status === 'concluded' ? `ended: ${addDays(started, 56)}\n` : ''}data: ${slug}.csv
unit: rep
metrics:
  - ${metric}
---

A synthetic pilot (test/site/many-pilots.ts).
`,
    );
    pilots.push({ slug, title, status, kind });
  }
  return pilots;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [root, count = '100'] = process.argv.slice(2);
  if (!root) throw new Error('usage: npx node test/site/many-pilots.ts <folder> [count]');
  await writeManyPilotsProject(path.resolve(root), Number(count));
}
