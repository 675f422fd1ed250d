/**
 * Progress on long reads: silent for the first seconds, then which pilot and
 * how far through its file. A terminal gets one line redrawn in place; a CI
 * log gets a plain line every 10%.
 */
import type { Effects } from './main.ts';

const QUIET_MS = 2000;

export function createProgress(effects: Pick<Effects, 'stderr' | 'stderrIsTTY' | 'now'>) {
  const started = effects.now();
  let shown = false;
  let lastDecile = new Map<string, number>();
  return {
    update({ slug, bytesRead, bytesTotal }: { slug: string; bytesRead: number; bytesTotal: number }) {
      if (effects.now() - started < QUIET_MS || bytesTotal === 0) return;
      const percent = Math.min(100, Math.floor((bytesRead / bytesTotal) * 100));
      const size = `${(bytesTotal / 1e6).toFixed(1)} MB`;
      if (effects.stderrIsTTY) {
        effects.stderr(`\r\u001b[2Kreading ${slug}: ${percent}% of ${size}`);
        shown = true;
        return;
      }
      const decile = Math.floor(percent / 10);
      if ((lastDecile.get(slug) ?? -1) < decile) {
        lastDecile.set(slug, decile);
        effects.stderr(`reading ${slug}: ${percent}% of ${size}\n`);
      }
    },
    done() {
      if (shown) effects.stderr('\r\u001b[2K');
      shown = false;
      lastDecile = new Map();
    },
  };
}
