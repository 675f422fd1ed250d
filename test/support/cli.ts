/**
 * The `fieldproof` command run in-process, as tests run it: its output
 * captured, no terminal, a fixed clock unless told.
 */
import type { EvidenceStore } from '../../src/core/cache.ts';
import { main, type Effects } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tty`: both outputs are terminals (colour, live progress); `store`: the store of analyses `check` uses (none unless given). */
export async function runCli(argv: string[], options: { cwd: string; env?: Record<string, string>; now?: number; tty?: boolean; store?: EvidenceStore }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const effects: Effects = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    now: () => options.now ?? 0,
    ...(options.store ? { evidenceStore: async () => options.store ?? null } : {}),
  };
  const code = await main(argv, effects);
  return { code, stdout, stderr };
}
