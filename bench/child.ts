/**
 * One measured run, in its own process so its peak memory (max RSS) is its
 * own. scripts/bench.ts starts it with the project's Node 24, which strips
 * the types itself (a --baseline checkout from before #18 gets its tsx):
 *
 *     node bench/child.ts analyze <root> <pilots/x.md>
 *     node bench/child.ts load <root> <pilots/x.md>
 *     node bench/child.ts read <root> <pilots/x.md>
 *     node bench/child.ts parse <file.csv>
 *     node bench/child.ts parse-web <file.csv>
 *     node bench/child.ts parse-transform <file.csv>
 *     node bench/child.ts analyze-warm <root> <pilots/x.md> <runs>
 *     node bench/child.ts load-warm <root> <pilots/x.md> <runs>
 *     node bench/child.ts parse-warm <file.csv> <runs>
 *
 * Prints one JSON line: { ms, cpuMs, maxRssMB, rows, firstMs? }. `ms` is the time of the work
 * itself, from inside the process: process start-up (Node, compiling
 * and loading modules: about the same for every size) is left out.
 *
 * What is timed, the same way in every mode: the clock starts once start-up
 * has settled (one turn of the event loop after the modules are loaded: a
 * loader such as tsx may still have a few milliseconds of work queued then, which delayed
 * the first file read of either side, analyze's or the floor's, by 3 to
 * 15 ms) and stops when the work's promise settles. Checking the output (parsing analyze's JSON to count its rows)
 * comes after the clock stops.
 *
 * - analyze: the `fieldproof analyze <pilot> --json` command, in process:
 *   main() from src/cli/main.ts, as bin/fieldproof.mjs calls it (reads the
 *   pilot file, streams and folds the CSV, analyses, writes JSON; standard
 *   output is collected in a string).
 * - load: the loader alone, as analyze runs it: the pilot file read and its
 *   data file streamed into per-unit sums (loadPilotData), no statistics.
 *   For comparing loader changes while the analysis around it changes too.
 * - read: load, for files the loader refuses (the pathological shapes of
 *   bench/pathological.ts): the same work, ending in problems rather than
 *   sums; `rows` is then the number of problems, and `outcome` says how the
 *   read ended (the first problem's start, or the rows read).
 * - parse: the floor. The same papaparse streaming call the loader makes
 *   (same options, 64 KiB reads) on a plain UTF-8 file stream, with an empty
 *   chunk callback: parsing and nothing else.
 * - parse-web / parse-transform: the floor through a fatal UTF-8 decoder, as
 *   a web TextDecoderStream bridged with Readable.fromWeb, or as a Node
 *   Transform around TextDecoder#decode(chunk, { stream: true }).
 * - analyze-warm / load-warm / parse-warm: analyze, load or parse, `runs` times over in the
 *   one process, as a build analyses pilot after pilot; `ms` and `cpuMs`
 *   are the medians of the runs after the first, `firstMs` the first's.
 */
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type { ReadableWritablePair } from 'node:stream/web';
import Papa from 'papaparse';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../src/cli/main.ts';
// Loaded with the other modules, before any clock starts: project.ts imports the
// story renderer only when a story must be rendered (a check with nothing changed
// never loads it), and analyze renders one, so its loading is start-up here too.
import '../src/core/story.ts';
import { loadPilotData } from '../src/core/load/load-data.ts';
import { READ_CHUNK } from '../src/core/load/read-csv.ts';
import { parsePilotFile } from '../src/core/pilot-file.ts';

const [mode, ...args] = process.argv.slice(2);
/** read mode: how the read ended, for the report. */
let outcome: string | undefined;

function parseStream(input: Readable): Promise<number> {
  let rows = 0;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(input as unknown as File, {
      header: false,
      skipEmptyLines: false,
      delimitersToGuess: [',', ';', '\t', '|'],
      chunk(results) {
        rows += results.data.length;
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

function fileStream(file: string) {
  return createReadStream(file, { highWaterMark: READ_CHUNK });
}

interface Timed<T> {
  value: T;
  /** Wall time, milliseconds. */
  ms: number;
  /** CPU time of every thread (the main one and V8's GC helpers), milliseconds: steadier than wall time on a shared machine. */
  cpuMs: number;
}

/** Times `work` alone, once start-up has settled (see the header). */
async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const value = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function once(mode: string, args: string[]): Promise<Timed<number>> {
  switch (mode) {
    case 'analyze': {
      const [root, pilot] = args as [string, string];
      let out = '';
      let err = '';
      const run = await timed(() =>
        main(['analyze', pilot, '--json', '--root', root], {
          stdout: (text) => {
            out += text;
          },
          stderr: (text) => {
            err += text;
          },
          env: {},
          cwd: root,
          stdoutIsTTY: false,
          stderrIsTTY: false,
          now: () => Date.now(),
        }),
      );
      if (run.value !== 0) throw new Error(`analyze exited ${run.value}: ${err}`);
      const results = JSON.parse(out) as { metrics: { pilot: { rows: number }; control: { rows: number } }[] };
      const first = results.metrics[0];
      return { ...run, value: first === undefined ? 0 : first.pilot.rows + first.control.rows };
    }
    case 'load': {
      const [root, pilotFile] = args as [string, string];
      const run = await timed(async () => {
        const parsed = parsePilotFile(pilotFile, await readFile(path.join(root, pilotFile), 'utf8'));
        if (!parsed.ok) throw new Error(`the pilot file is refused: ${JSON.stringify(parsed.problems)}`);
        const loaded = await loadPilotData(root, parsed.value.pilot, pilotFile);
        if (!loaded.ok) throw new Error(`the data is refused: ${JSON.stringify(loaded.problems)}`);
        return loaded.data.rowsRead;
      });
      return run;
    }
    case 'read': {
      const [root, pilotFile] = args as [string, string];
      return timed(async () => {
        const parsed = parsePilotFile(pilotFile, await readFile(path.join(root, pilotFile), 'utf8'));
        if (!parsed.ok) throw new Error(`the pilot file is refused: ${JSON.stringify(parsed.problems)}`);
        const loaded = await loadPilotData(root, parsed.value.pilot, pilotFile);
        const first = loaded.ok ? undefined : loaded.problems[0];
        outcome = first === undefined ? `read, ${loaded.ok ? loaded.data.rowsRead : 0} rows` : `row ${first.row ?? '-'}: ${first.message.slice(0, 48)}…`;
        return loaded.ok ? loaded.data.rowsRead : loaded.problems.length;
      });
    }
    case 'parse':
      return timed(() => parseStream(createReadStream(args[0] as string, { highWaterMark: READ_CHUNK, encoding: 'utf8' })));
    case 'parse-web':
      return timed(() => {
        const decoder = new TextDecoderStream('utf-8', { fatal: true, ignoreBOM: false });
        const web = Readable.toWeb(fileStream(args[0] as string)).pipeThrough(decoder as unknown as ReadableWritablePair<string, Uint8Array>);
        return parseStream(Readable.fromWeb(web as never));
      });
    case 'parse-transform':
      return timed(() => {
        const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
        const decode = new Transform({
          readableObjectMode: true,
          transform(chunk: Buffer, _encoding, done) {
            done(null, decoder.decode(chunk, { stream: true }));
          },
          flush(done) {
            done(null, decoder.decode());
          },
        });
        return parseStream(fileStream(args[0] as string).pipe(decode));
      });
    default:
      throw new Error(`unknown mode ${mode}; expected analyze, load, read, parse, parse-web, parse-transform, analyze-warm, load-warm or parse-warm`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function run(): Promise<Timed<number> & { firstMs?: number }> {
  if (mode === 'analyze-warm' || mode === 'load-warm' || mode === 'parse-warm') {
    const runs = Number(args.at(-1));
    const timings: Timed<number>[] = [];
    for (let k = 0; k < runs; k += 1) timings.push(await once(mode.replace('-warm', ''), args.slice(0, -1)));
    const later = timings.slice(1);
    return {
      value: (timings[0] as Timed<number>).value,
      ms: median(later.map((timing) => timing.ms)),
      cpuMs: median(later.map((timing) => timing.cpuMs)),
      firstMs: (timings[0] as Timed<number>).ms,
    };
  }
  return once(mode as string, args);
}

const { value: rows, ms, cpuMs, firstMs } = await run();
// resourceUsage().maxRSS is in kilobytes.
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMB, rows, ...(firstMs === undefined ? {} : { firstMs }), ...(outcome === undefined ? {} : { outcome }) })}\n`);
