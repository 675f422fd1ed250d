/**
 * The command line's side effects, passed in so tests run it without mocks
 * (standard output and error, the environment, the working directory, the
 * clock, the store of analyses), and its usage error, which exits with status 2.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analysisVersion, cacheDirectory, findCodeRoot, openEvidenceCache, type EvidenceStore } from '../core/cache.ts';

export interface Effects {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout / stderr are terminals (colour, live progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  now: () => number;
  /**
   * Analyses kept between runs for `check` (src/core/cache.ts): the build's
   * own store, so an unchanged pilot is not analysed again by either. Absent
   * or null: every pilot is analysed.
   */
  evidenceStore?: (root: string) => Promise<EvidenceStore | null>;
}

export const defaultEffects = (): Effects => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  now: () => Date.now(),
  evidenceStore: async (root) => {
    if (process.env.FIELDPROOF_CACHE === 'off') return null;
    // The store lives in the project's node_modules/ (as the build's does): a --root
    // folder of bare pilots and data gets no node_modules/ of our making.
    const configured = (process.env.FIELDPROOF_CACHE_DIR ?? '') !== '';
    if (!configured && !existsSync(path.join(root, 'node_modules'))) return null;
    return openEvidenceCache(cacheDirectory(root, process.env), await analysisVersion(findCodeRoot()));
  },
});

/** Wrong usage of the command: printed with a pointer to --help, exit status 2. */
export class UsageError extends Error {}
