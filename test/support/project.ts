/**
 * Temporary projects for tests: a folder with pilots/ and data/ written from
 * a map of paths to contents, removed after each test.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Pilot } from '../../src/core/pilot.ts';
import { parsePilotFile } from '../../src/core/pilot-file.ts';
import { formatProblem } from '../../src/core/problems.ts';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function makeProject(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'fieldproof-test-'));
  made.push(root);
  await mkdir(path.join(root, 'pilots'), { recursive: true });
  await mkdir(path.join(root, 'data'), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

/** A pilot file from frontmatter lines and an optional story. */
export function pilotMarkdown(frontmatter: string, story = 'A short story.'): string {
  return `---\n${frontmatter.trim()}\n---\n\n${story}\n`;
}

/** The smallest valid frontmatter, with overrides appended (later keys must not repeat earlier ones). */
export const BASE_FRONTMATTER = `
title: Test pilot
status: concluded
hypothesis: The pilot sells more.
started: 2026-03-02
ended: 2026-05-31
data: sales.csv
unit: rep
`;

/**
 * A pilot over the loader tests' sales files (rep, group, day, revenue, won,
 * calls): a mean, a proportion and a ratio, dated by `day`.
 */
export function salesPilot(): Pilot {
  const metrics = `
date: day
metrics:
  - { id: revenue, label: Revenue per rep, type: mean, column: revenue, primary: true }
  - { id: won, label: Win rate, type: proportion, column: won }
  - { id: per-call, label: Revenue per call, type: ratio, numerator: revenue, denominator: calls }
`;
  const parsed = parsePilotFile('pilots/test.md', pilotMarkdown(BASE_FRONTMATTER + metrics));
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.value.pilot;
}
