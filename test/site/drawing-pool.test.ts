/**
 * The build's drawing threads (src/site/drawing-pool.ts): what a thread
 * draws is what the page's own thread would have drawn, byte for byte; a
 * failure fails as it would there; a thread that cannot start or stops hands
 * its pieces back to be drawn here, and the build goes on.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { pilotCardContent } from '../../src/core/present/card-model.ts';
import { reportModel } from '../../src/core/present/report-model.ts';
import { FieldproofError } from '../../src/core/problems.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { type DrawingKind, drawHere } from '../../src/site/drawing-kinds.ts';
import { drawingThreads, drawingThreadsFor, MOST_DRAWING_THREADS, openDrawingPool } from '../../src/site/drawing-pool.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = path.join(repository, 'src', 'site', 'drawing-worker.ts');
const UNAVAILABLE = { status: 'unavailable', reason: 'not a git repository' } as const;

let scratch: string;
let pilots: PilotEvidence[];

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'fieldproof-drawing-pool-'));
  pilots = (await analyzeProject(repository)).pilots;
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A thread script of our own, for the ways a real one can fail. */
function fakeThread(name: string, source: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${source}\n`);
  return file;
}

/** Draws here, saying so, so a test can tell where a piece was drawn. */
const drawnHere = async (kind: DrawingKind, args: readonly unknown[]) => `here: ${kind} ${JSON.stringify(args)}`;

/** Every piece the report pages hand to the threads, with the arguments the pages give them. */
function piecesOf(pilot: PilotEvidence): { kind: DrawingKind; args: unknown[] }[] {
  const model = reportModel(pilot, UNAVAILABLE);
  const confidence = pilot.results.confidence;
  return [
    { kind: 'card:png', args: [pilotCardContent(pilot, { host: 'acme.github.io/pilots/x' })] },
    ...model.metrics.map((section) => ({ kind: 'chart:interval' as const, args: [section.metric, { confidence }] })),
    ...(model.trend ? [{ kind: 'chart:trend' as const, args: [model.trend.metric, model.trend.evidence, { started: model.trend.started }] }] : []),
    ...(model.units ? [{ kind: 'chart:units' as const, args: [model.units.metric, model.units.evidence] }] : []),
    ...(model.randomization
      ? [{ kind: 'chart:randomization' as const, args: [model.randomization.metric, model.randomization.distribution, { units: model.randomization.units }] }]
      : []),
    ...model.funnels.map((section) => ({ kind: 'chart:funnel' as const, args: [section.metric, { confidence }] })),
    ...(model.roadblocks?.views ?? []).map((view) => ({ kind: 'chart:roadblock' as const, args: [view] })),
  ];
}

// Real drawing on real threads: seconds on a busy machine.
describe('pieces drawn on threads', { timeout: 120_000 }, () => {
  it("are byte for byte what the page's thread draws: every example pilot's card and report charts", async () => {
    const told: string[] = [];
    const pool = openDrawingPool({ size: 2, script: WORKER, drawHere, tell: (text) => told.push(text) });
    try {
      const pieces = pilots.flatMap(piecesOf);
      const kinds = new Set(pieces.map((piece) => piece.kind));
      // The examples give every kind a thread draws, so none goes untested.
      for (const kind of ['card:png', 'chart:interval', 'chart:trend', 'chart:units', 'chart:randomization', 'chart:funnel', 'chart:roadblock']) expect(kinds, kind).toContain(kind);
      const drawn = await Promise.all(pieces.map((piece) => pool.draw(piece.kind, piece.args)));
      for (const [index, piece] of pieces.entries()) {
        const here = await drawHere(piece.kind, piece.args);
        if (here instanceof Uint8Array) expect(Buffer.from(drawn[index] as Uint8Array).equals(Buffer.from(here)), piece.kind).toBe(true);
        else expect(drawn[index], piece.kind).toEqual(here);
      }
    } finally {
      await pool.close();
    }
    expect(told).toEqual([]);
  });

  it("fail with the message they fail with on the page's thread", async () => {
    const pool = openDrawingPool({ size: 1, script: WORKER, drawHere });
    try {
      const here = await drawHere('chart:interval', [null, { confidence: 0.95 }]).then(
        () => null,
        (cause: Error) => cause.message,
      );
      expect(here).toEqual(expect.any(String));
      await expect(pool.draw('chart:interval', [null, { confidence: 0.95 }])).rejects.toThrow(here as string);
      // The thread goes on drawing after a failure.
      const card = pilotCardContent(pilots[0] as PilotEvidence, { host: 'acme.github.io' });
      expect(Buffer.from((await pool.draw('card:png', [card])) as Uint8Array).equals(Buffer.from((await drawHere('card:png', [card])) as Uint8Array))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

describe('a drawing thread that fails', () => {
  it('passes a problem with the input back as that problem', async () => {
    const script = fakeThread(
      'problem.mjs',
      `parentPort.on('message', ({ id }) => parentPort.postMessage({ id, ok: false, message: '1 problem found', problems: [{ severity: 'error', file: 'pilots/a.md', message: 'a bad title' }], exitCode: 1 }));`,
    );
    const pool = openDrawingPool({ size: 1, script, drawHere: drawnHere });
    try {
      const failure = await pool.draw('chart:trend', []).catch((cause: unknown) => cause);
      expect(failure).toBeInstanceOf(FieldproofError);
      expect((failure as FieldproofError).problems).toEqual([{ severity: 'error', file: 'pilots/a.md', message: 'a bad title' }]);
    } finally {
      await pool.close();
    }
  });

  it('hands back the pieces it held when it stops, says so once, and no other thread is started', async () => {
    const script = fakeThread('stops.mjs', `parentPort.on('message', () => setTimeout(() => process.exit(3), 20));`);
    const told: string[] = [];
    const pool = openDrawingPool({ size: 2, script, drawHere: drawnHere, tell: (text) => told.push(text) });
    try {
      const drawn = await Promise.all([pool.draw('chart:trend', [1]), pool.draw('chart:units', [2]), pool.draw('chart:funnel', [3])]);
      expect(drawn).toEqual(['here: chart:trend [1]', 'here: chart:units [2]', 'here: chart:funnel [3]']);
      expect(await pool.draw('card:png', [4])).toBe('here: card:png [4]');
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/^fieldproof: a drawing thread stopped \(exit code 3\); its charts and cards are drawn on the page's thread instead\n$/);
    } finally {
      await pool.close();
    }
  });

  it('that cannot start at all leaves every piece to be drawn here', async () => {
    const told: string[] = [];
    const pool = openDrawingPool({ size: 2, script: path.join(scratch, 'missing.mjs'), drawHere: drawnHere, tell: (text) => told.push(text) });
    try {
      expect(await Promise.all([pool.draw('chart:trend', ['a']), pool.draw('chart:trend', ['b'])])).toEqual(['here: chart:trend ["a"]', 'here: chart:trend ["b"]']);
      expect(told).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('is never sent what cannot cross to it: such a piece is drawn here', async () => {
    const script = fakeThread('never.mjs', `parentPort.on('message', () => { throw new Error('sent'); });`);
    const told: string[] = [];
    const pool = openDrawingPool({ size: 1, script, drawHere: async (kind, args) => `here: ${kind} ${typeof args[0]}`, tell: (text) => told.push(text) });
    try {
      expect(await pool.draw('chart:trend', [() => 1])).toBe('here: chart:trend function');
      expect(told).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});

describe('idle drawing threads', () => {
  it('do not keep the build process alive once nothing is left to draw', { timeout: 60_000 }, async () => {
    const script = [
      `const { openDrawingPool } = await import(${JSON.stringify(path.join(repository, 'src/site/drawing-pool.ts'))});`,
      `const { drawHere } = await import(${JSON.stringify(path.join(repository, 'src/site/drawing-kinds.ts'))});`,
      `const pool = openDrawingPool({ size: 2, script: ${JSON.stringify(WORKER)}, drawHere });`,
      `const drawn = await Promise.all([1, 2, 3].map((n) => pool.draw('chart:trend', [null]).catch(() => n)));`,
      `process.stdout.write(drawn.join(','));`,
    ].join('\n');
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '--eval', script], { timeout: 50_000 }, (failure, stdout) => (failure ? reject(failure) : resolve(stdout))),
    );
    // Each failed to draw on a thread, and the process then ended by itself, threads and all.
    expect(output).toBe('1,2,3');
  });
});

describe('how many drawing threads a build has', () => {
  it('one per core of each astro process, at most four, none on one core', () => {
    expect(drawingThreadsFor({}, 1, 2)).toBe(2);
    expect(drawingThreadsFor({}, 1, 1)).toBe(0);
    expect(drawingThreadsFor({}, 1, 64)).toBe(MOST_DRAWING_THREADS);
    expect(drawingThreadsFor({}, 2, 2)).toBe(1);
    expect(drawingThreadsFor({}, 3, 2)).toBe(1);
    expect(drawingThreadsFor({}, 2, 8)).toBe(4);
  });

  it('as many as FIELDPROOF_DRAWING_THREADS says, 0 for none, whatever the machine', () => {
    expect(drawingThreadsFor({ FIELDPROOF_DRAWING_THREADS: '0' }, 1, 8)).toBe(0);
    expect(drawingThreadsFor({ FIELDPROOF_DRAWING_THREADS: '3' }, 1, 1)).toBe(3);
    expect(drawingThreadsFor({ FIELDPROOF_DRAWING_THREADS: '99' }, 1, 2)).toBe(MOST_DRAWING_THREADS);
    expect(drawingThreadsFor({ FIELDPROOF_DRAWING_THREADS: 'many' }, 1, 2)).toBe(2);
  });

  it('reads the number npm run build gave an astro process, none when it gave none', () => {
    expect(drawingThreads({ FIELDPROOF_DRAWING_THREADS: '2' })).toBe(2);
    for (const value of [undefined, '', 'two', '-1', '1.5']) expect(drawingThreads({ FIELDPROOF_DRAWING_THREADS: value })).toBe(0);
  });
});
