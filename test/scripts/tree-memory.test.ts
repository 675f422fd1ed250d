/**
 * The bench's memory of a whole build (bench/tree-memory.ts): the resident
 * sets of a process and all its descendants, summed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleTreeMemory, treeResidentBytes } from '../../bench/tree-memory.ts';

const MB = 2 ** 20;

describe('the memory of a process tree', () => {
  it('sums a process and everything below it, and nothing else', () => {
    const table = new Map([
      [1, { parent: 0, bytes: 1 * MB }],
      [10, { parent: 1, bytes: 100 * MB }],
      [11, { parent: 10, bytes: 200 * MB }],
      [12, { parent: 11, bytes: 300 * MB }],
      [13, { parent: 10, bytes: 40 * MB }],
      [20, { parent: 1, bytes: 5000 * MB }],
    ]);
    expect(treeResidentBytes(10, table)).toBe(640 * MB);
    expect(treeResidentBytes(12, table)).toBe(300 * MB);
    expect(treeResidentBytes(99, table)).toBe(0);
  });

  it.runIf(existsSync('/proc/self/statm'))('counts a child process with the memory it touched', async () => {
    // A child that fills 200 MB and says so, then waits to be stopped.
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(200 * 2 ** 20, 1); process.stdout.write("ready"); setInterval(() => b[0]++, 1000);'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const own = process.memoryUsage.rss();
      const sampler = sampleTreeMemory(process.pid, 20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const peak = sampler.stop() as number;
      expect(peak).toBeGreaterThan((own + 200 * MB) / MB - 1);
      expect(treeResidentBytes(child.pid as number)).toBeGreaterThan(200 * MB);
    } finally {
      child.kill();
    }
  });
});
