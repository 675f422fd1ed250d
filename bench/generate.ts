/**
 * Synthetic data for the benchmark: a company-wide pilot's lead export, one
 * row per lead, clustered by rep (the randomized unit), six columns, dated
 * over a pre-period and the pilot period. Seeded (scripts/random.ts), so the
 * same size always gives the same bytes.
 *
 *     lead,rep,group,created,revenue,won
 *     L0000001,R0042,pilot,2025-10-06,0,0
 *     L0000002,R0187,control,2025-10-06,1834.27,1
 *
 * Written in blocks with back-pressure, so generating 5 million rows never
 * holds the file in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from '../scripts/random.ts';

export const LEAD_COLUMNS = ['lead', 'rep', 'group', 'created', 'revenue', 'won'] as const;

/** The benchmark pilot: dated, with a pre-period, a mean metric and a clustered proportion. */
export const BENCH_PILOT = {
  started: '2026-01-05',
  ended: '2026-06-28',
  firstDay: '2025-10-06',
  reps: 240,
};

const DAY_MS = 86_400_000;

function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Writes `rows` lead rows to `file`; returns its size in bytes. */
export async function writeLeadCsv(file: string, rows: number, seed: number): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const random = seededRandom(seed);
  const reps = Array.from({ length: BENCH_PILOT.reps }, (_, index) => ({
    name: `R${pad(index + 1, 4)}`,
    // Half the reps in each arm, interleaved so neither arm is the "first" reps.
    arm: index % 2 === 0 ? 'pilot' : 'control',
    // Each rep has their own skill: the clustering the delta method is for.
    winRate: Math.min(0.6, Math.max(0.02, random.normal(0.18, 0.05))),
  }));
  const totalDays = (Date.parse(`${BENCH_PILOT.ended}T00:00:00Z`) - Date.parse(`${BENCH_PILOT.firstDay}T00:00:00Z`)) / DAY_MS + 1;
  const days = Array.from({ length: totalDays }, (_, offset) => addDays(BENCH_PILOT.firstDay, offset));
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${LEAD_COLUMNS.join(',')}\n`);
  const block = 10_000;
  for (let start = 0; start < rows; start += block) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + block); i += 1) {
      const day = days[Math.floor((i * totalDays) / rows)] as string;
      const rep = reps[random.integer(0, reps.length - 1)] as (typeof reps)[number];
      const lift = rep.arm === 'pilot' && day >= BENCH_PILOT.started ? 1.1 : 1;
      const won = random.chance(rep.winRate * lift);
      const revenue = won ? random.logNormal(7.3, 0.6).toFixed(2) : '0';
      lines.push(`L${pad(i + 1, 7)},${rep.name},${rep.arm},${day},${revenue},${won ? 1 : 0}\n`);
    }
    await write(lines.join(''));
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** The pilot file for a generated lead file (data path relative to data/). */
export function benchPilotMarkdown(title: string, dataPath: string): string {
  return `---
title: ${title}
status: concluded
hypothesis: Reps with the new playbook close more leads.
summary: A synthetic company-wide pilot for the benchmark.
started: ${BENCH_PILOT.started}
ended: ${BENCH_PILOT.ended}
data: ${dataPath}
unit: rep
date: created
metrics:
  - { id: revenue, label: Revenue per rep, type: mean, column: revenue, format: currency, primary: true }
  - { id: won, label: Win rate, type: proportion, column: won, format: percent }
---

A synthetic pilot written by the benchmark (bench/generate.ts).
`;
}

/** A project folder with one pilot per entry of `rowsPerPilot`: pilots/bench-N.md and data/bench-N.csv. */
export async function writeBenchProject(root: string, rowsPerPilot: readonly number[], seed = 1): Promise<void> {
  await mkdir(path.join(root, 'pilots'), { recursive: true });
  await mkdir(path.join(root, 'data'), { recursive: true });
  for (const [index, rows] of rowsPerPilot.entries()) {
    const slug = `bench-${pad(index + 1, 3)}`;
    await writeLeadCsv(path.join(root, 'data', `${slug}.csv`), rows, seed + index);
    await writeFile(path.join(root, 'pilots', `${slug}.md`), benchPilotMarkdown(`Benchmark pilot ${index + 1}`, `${slug}.csv`));
  }
}
