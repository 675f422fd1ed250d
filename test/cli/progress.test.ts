import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createProgress, isCI, LOG_EVERY_MS, QUIET_MS } from '../../src/core/progress.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));

/** A progress display on a fake clock, writing to a string. */
function fake(options: { tty: boolean; env?: Record<string, string | undefined> }) {
  let now = 1_000_000;
  const written: string[] = [];
  const progress = createProgress({
    stderr: (text) => written.push(text),
    stderrIsTTY: options.tty,
    now: () => now,
    env: options.env ?? {},
  });
  return {
    progress,
    written,
    advance(ms: number) {
      now += ms;
    },
  };
}

const MB = 1_000_000;

describe('createProgress', () => {
  it('stays silent for the first seconds, so small projects never see it', () => {
    const { progress, written, advance } = fake({ tty: true });
    progress.update({ slug: 'nurture', bytesRead: MB, bytesTotal: 10 * MB });
    advance(QUIET_MS - 1);
    progress.update({ slug: 'nurture', bytesRead: 9 * MB, bytesTotal: 10 * MB });
    progress.done();
    expect(written).toEqual([]);
  });

  it('on a terminal, redraws one line with the pilot and how far through its file, then clears it', () => {
    const { progress, written, advance } = fake({ tty: true });
    advance(QUIET_MS);
    progress.update({ slug: 'nurture', bytesRead: 25 * MB, bytesTotal: 100 * MB });
    progress.update({ slug: 'nurture', bytesRead: 25.5 * MB, bytesTotal: 100 * MB }); // same line: not redrawn
    progress.update({ slug: 'nurture', bytesRead: 50 * MB, bytesTotal: 100 * MB });
    progress.update({ slug: 'routing', bytesRead: 1 * MB, bytesTotal: 4 * MB, position: { index: 2, count: 3 } });
    progress.done();
    expect(written).toEqual([
      '\r\u001b[2Kreading nurture: 25% of 100.0 MB',
      '\r\u001b[2Kreading nurture: 50% of 100.0 MB',
      '\r\u001b[2Kreading routing (pilot 2 of 3): 25% of 4.0 MB',
      '\r\u001b[2K',
    ]);
  });

  it('in a log, writes a plain line at most every few seconds, and nothing to clear', () => {
    const { progress, written, advance } = fake({ tty: false });
    advance(QUIET_MS);
    // A 200 MB file read in 2 MB steps, one step every 500 ms: 50 seconds.
    for (let read = 2; read <= 200; read += 2) {
      progress.update({ slug: 'nurture', bytesRead: read * MB, bytesTotal: 200 * MB });
      advance(500);
    }
    progress.done();
    expect(written).toEqual([
      'reading nurture: 1% of 200.0 MB\n',
      'reading nurture: 11% of 200.0 MB\n',
      'reading nurture: 21% of 200.0 MB\n',
      'reading nurture: 31% of 200.0 MB\n',
      'reading nurture: 41% of 200.0 MB\n',
      'reading nurture: 51% of 200.0 MB\n',
      'reading nurture: 61% of 200.0 MB\n',
      'reading nurture: 71% of 200.0 MB\n',
      'reading nurture: 81% of 200.0 MB\n',
      'reading nurture: 91% of 200.0 MB\n',
    ]);
    expect(written.every((line) => !line.includes('\u001b') && !line.includes('\r'))).toBe(true);
  });

  it('in a log, a hundred small pilots read in a few seconds take a line or two, not a hundred', () => {
    const { progress, written, advance } = fake({ tty: false });
    advance(QUIET_MS);
    for (let index = 1; index <= 100; index += 1) {
      const slug = `pilot-${index}`;
      progress.update({ slug, bytesRead: MB, bytesTotal: 2 * MB, position: { index, count: 100 } });
      progress.update({ slug, bytesRead: 2 * MB, bytesTotal: 2 * MB, position: { index, count: 100 } });
      advance(80);
    }
    expect(written).toEqual(['reading pilot-1 (pilot 1 of 100): 50% of 2.0 MB\n', 'reading pilot-64 (pilot 64 of 100): 50% of 2.0 MB\n']);
    expect(LOG_EVERY_MS).toBe(5000);
  });

  it('writes plain lines when CI is set, even on a terminal', () => {
    const { progress, written, advance } = fake({ tty: true, env: { CI: 'true' } });
    advance(QUIET_MS);
    progress.update({ slug: 'nurture', bytesRead: 5 * MB, bytesTotal: 10 * MB });
    progress.done();
    expect(written).toEqual(['reading nurture: 50% of 10.0 MB\n']);
  });

  it('names the pilot and its place in the run, and says nothing of an empty file', () => {
    const { progress, written, advance } = fake({ tty: true });
    advance(QUIET_MS);
    progress.update({ slug: 'a', bytesRead: 10, bytesTotal: 10, position: { index: 1, count: 2 } });
    progress.update({ slug: 'b', bytesRead: 0, bytesTotal: 0, position: { index: 2, count: 2 } });
    progress.update({ slug: 'b', bytesRead: 10, bytesTotal: 10, position: { index: 2, count: 2 } });
    progress.update({ slug: 'c', bytesRead: 10, bytesTotal: 10, position: { index: 1, count: 1 } });
    expect(written).toEqual([
      '\r\u001b[2Kreading a (pilot 1 of 2): 100% of 0.0 MB',
      '\r\u001b[2Kreading b (pilot 2 of 2): 100% of 0.0 MB',
      '\r\u001b[2Kreading c: 100% of 0.0 MB',
    ]);
  });

  it('reads CI the way CI services set it', () => {
    expect(isCI({ CI: 'true' })).toBe(true);
    expect(isCI({ CI: '1' })).toBe(true);
    expect(isCI({ CI: 'false' })).toBe(false);
    expect(isCI({ CI: '0' })).toBe(false);
    expect(isCI({ CI: '' })).toBe(false);
    expect(isCI({})).toBe(false);
    expect(isCI(undefined)).toBe(false);
  });
});

describe('fieldproof check and analyze show progress on a slow read', () => {
  // A clock that jumps five seconds each time it is read: the read "takes" long enough.
  async function slowRun(argv: string[], tty: boolean, env: Record<string, string> = {}) {
    let clock = 0;
    let stdout = '';
    let stderr = '';
    const code = await main(argv, {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      env,
      cwd: SMALL,
      stdoutIsTTY: false,
      stderrIsTTY: tty,
      now: () => (clock += 5000),
    });
    return { code, stdout, stderr };
  }

  it('a log gets plain lines naming the pilot; standard output is untouched', async () => {
    const { code, stdout, stderr } = await slowRun(['check'], false);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^reading small: 100% of 0\.0 MB\n$/);
    expect(stdout).toContain('small  concluded');
  });

  it('a terminal gets the redrawn line, cleared before the results are printed', async () => {
    const { stderr } = await slowRun(['analyze', 'pilots/small.md', '--json'], true);
    expect(stderr).toBe('\r\u001b[2Kreading small: 100% of 0.0 MB\r\u001b[2K');
    expect((await slowRun(['check'], true, { CI: 'true' })).stderr).toBe('reading small: 100% of 0.0 MB\n');
  });
});
