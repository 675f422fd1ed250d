/**
 * The memory of a whole process tree. A build runs as several processes at
 * once (the wrapper, the analyses ahead, one astro process per shard); GNU
 * time's peak is that of the largest one, while what a machine must have is
 * their sum. Every `everyMs`, the resident sets of a process and all its
 * descendants are read from Linux's /proc and summed, and the largest sum is
 * kept. A peak shorter than the interval can be missed; and a page shared
 * by several processes (Node's own code, about 58 MB, is in each) counts
 * once in each, as it does in their RSS, so the sum overstates that part.
 * A memory cgroup's limit is the true test (bench/RESULTS.md). Null where
 * there is no /proc.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

/** Each process's parent and resident bytes, from /proc/<pid>/stat and statm; processes gone while read are skipped. */
function processTable(): Map<number, { parent: number; bytes: number }> {
  const table = new Map<number, { parent: number; bytes: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name, in parentheses, may hold spaces: the fields after its last ")" are fixed.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const pages = Number(readFileSync(`/proc/${name}/statm`, 'utf8').split(' ')[1]);
      table.set(Number(name), { parent, bytes: pages * PAGE_BYTES });
    } catch {
      // Ended between the listing and the read.
    }
  }
  return table;
}

/** The summed resident bytes of `root` and every process below it. */
export function treeResidentBytes(root: number, table = processTable()): number {
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of table) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let sum = 0;
  const waiting = [root];
  while (waiting.length > 0) {
    const pid = waiting.pop() as number;
    sum += table.get(pid)?.bytes ?? 0;
    waiting.push(...(children.get(pid) ?? []));
  }
  return sum;
}

export interface TreeSampler {
  /** Stops sampling; the largest sum seen, in MB (2^20 bytes), or null without /proc. */
  stop(): number | null;
}

export function sampleTreeMemory(root: number, everyMs = 250): TreeSampler {
  if (!existsSync('/proc/self/statm')) return { stop: () => null };
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeResidentBytes(root));
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return peak / 2 ** 20;
    },
  };
}
