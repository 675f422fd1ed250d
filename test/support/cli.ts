/**
 * The `fieldproof` command run in-process, as tests run it: its output
 * captured, no terminal, a fixed clock unless told.
 */
import { main, type Effects } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], options: { cwd: string; env?: Record<string, string>; now?: number }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const effects: Effects = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => options.now ?? 0,
  };
  const code = await main(argv, effects);
  return { code, stdout, stderr };
}
