/**
 * The command line's side effects, passed in so tests run it without mocks
 * (standard output and error, the environment, the working directory, the
 * clock), and its usage error, which exits with status 2.
 */
export interface Effects {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout / stderr are terminals (colour, live progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  now: () => number;
}

export const defaultEffects = (): Effects => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  now: () => Date.now(),
});

/** Wrong usage of the command: printed with a pointer to --help, exit status 2. */
export class UsageError extends Error {}
