/**
 * One measured run, in its own process so its peak memory (max RSS) is its
 * own. scripts/bench.ts starts it with the project's Node 24 and tsx:
 *
 *     node --import tsx bench/child.ts analyze <root> <pilots/x.md>
 *     node --import tsx bench/child.ts parse <file.csv>
 *     node --import tsx bench/child.ts parse-web <file.csv>
 *     node --import tsx bench/child.ts parse-transform <file.csv>
 *
 * Prints one JSON line: { ms, cpuMs, maxRssMB, rows }. `ms` is the time of the work
 * itself, from inside the process: process start-up (Node, tsx, compiling
 * and loading modules: about the same for every size) is left out.
 *
 * - analyze: the `fieldproof analyze <pilot> --json` command, in process
 *   (reads the pilot file, streams and folds the CSV, analyses, prints JSON).
 * - parse: the floor. The same papaparse streaming call the loader makes
 *   (same options, 1 MiB chunks) on a plain UTF-8 file stream, with an empty
 *   chunk callback: parsing and nothing else.
 * - parse-web / parse-transform: the floor through a fatal UTF-8 decoder, as
 *   a web TextDecoderStream bridged with Readable.fromWeb, or as a Node
 *   Transform around TextDecoder#decode(chunk, { stream: true }).
 */
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type { ReadableWritablePair } from 'node:stream/web';
import Papa from 'papaparse';
import { main } from '../src/cli/main.ts';
import { READ_CHUNK } from '../src/core/load/read-csv.ts';

const [mode, ...args] = process.argv.slice(2);

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

async function run(): Promise<{ rows: number }> {
  switch (mode) {
    case 'analyze': {
      const [root, pilot] = args as [string, string];
      let out = '';
      let err = '';
      const status = await main(['analyze', pilot, '--json', '--root', root], {
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
      });
      if (status !== 0) throw new Error(`analyze exited ${status}: ${err}`);
      const results = JSON.parse(out) as { metrics: { pilot: { rows: number }; control: { rows: number } }[] };
      const first = results.metrics[0];
      return { rows: first === undefined ? 0 : first.pilot.rows + first.control.rows };
    }
    case 'parse':
      return { rows: await parseStream(createReadStream(args[0] as string, { highWaterMark: READ_CHUNK, encoding: 'utf8' })) };
    case 'parse-web': {
      const decoder = new TextDecoderStream('utf-8', { fatal: true, ignoreBOM: false });
      const web = Readable.toWeb(fileStream(args[0] as string)).pipeThrough(decoder as unknown as ReadableWritablePair<string, Uint8Array>);
      return { rows: await parseStream(Readable.fromWeb(web as never)) };
    }
    case 'parse-transform': {
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
      return { rows: await parseStream(fileStream(args[0] as string).pipe(decode)) };
    }
    default:
      throw new Error(`unknown mode ${mode}; expected analyze, parse, parse-web or parse-transform`);
  }
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const { rows } = await run();
const ms = performance.now() - started;
// CPU time of every thread (the main one and V8's GC helpers), in milliseconds:
// steadier than wall time on a shared machine.
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
// resourceUsage().maxRSS is in kilobytes.
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMB, rows })}\n`);
