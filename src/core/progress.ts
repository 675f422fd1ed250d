/**
 * Progress on long reads, for `fieldproof check` / `analyze` and the site
 * build: silent for the first seconds (a small project never sees it), then
 * which pilot is being read and how far through its file. A terminal gets one
 * line redrawn in place; a log (standard error not a terminal, or CI set)
 * gets a plain line at most every few seconds, so a hundred small pilots do
 * not fill it.
 */

/** The side effects progress needs: a subset of the command line's Effects. */
export interface ProgressEffects {
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
  now: () => number;
  /** CI set (to anything but "" / "0" / "false") means plain lines even on a terminal. */
  env?: Record<string, string | undefined>;
}

export interface ProgressEvent {
  slug: string;
  bytesRead: number;
  bytesTotal: number;
  /** Which pilot of how many, when several are being read. */
  position?: { index: number; count: number };
}

/** Nothing is shown before this much time has passed. */
export const QUIET_MS = 2000;

/** In a log, at most one line per this much time. */
export const LOG_EVERY_MS = 5000;

export function isCI(env: Record<string, string | undefined> | undefined): boolean {
  const value = env?.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export function createProgress(effects: ProgressEffects) {
  const started = effects.now();
  const live = effects.stderrIsTTY && !isCI(effects.env);
  let shown = false;
  let lastLine = '';
  let lastLogged = -Infinity;
  return {
    update({ slug, bytesRead, bytesTotal, position }: ProgressEvent) {
      const now = effects.now();
      if (now - started < QUIET_MS || bytesTotal === 0) return;
      const percent = Math.min(100, Math.floor((bytesRead / bytesTotal) * 100));
      const size = `${(bytesTotal / 1e6).toFixed(1)} MB`;
      const which = position !== undefined && position.count > 1 ? ` (pilot ${position.index} of ${position.count})` : '';
      const line = `reading ${slug}${which}: ${percent}% of ${size}`;
      if (live) {
        // Redraw only when the line changes: a file is read in many small chunks.
        if (line !== lastLine) effects.stderr(`\r\u001b[2K${line}`);
        lastLine = line;
        shown = true;
        return;
      }
      if (now - lastLogged >= LOG_EVERY_MS) {
        lastLogged = now;
        effects.stderr(`${line}\n`);
      }
    },
    done() {
      if (shown) effects.stderr('\r\u001b[2K');
      shown = false;
      lastLine = '';
    },
  };
}
