/** `fieldproof analyze` on a pilot with a funnel and segments: the terminal says what the report says. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

async function analyze(file: string) {
  return runCli(['analyze', file], { cwd: REPOSITORY, env: { FIELDPROOF_CACHE: 'off' } });
}

describe('fieldproof analyze, lead flow', () => {
  it('lists a funnel stage by stage with each change, and names where the pilot gained most', async () => {
    const { code, stdout } = await analyze('pilots/loop-back-call.md');
    expect(code).toBe(0);
    // The numbers of the report's funnel table (test/core/funnel-analysis.test.ts pins the method to R).
    expect(stdout).toContain('  Leads handed off: pilot 100.0% (805), control 100.0% (870)\n');
    expect(stdout).toContain('  followed up, of leads handed off: pilot 73.9% (595), control 62.6% (545); +11.3 pp (+4.9 pp to +17.6 pp), Win\n');
    expect(stdout).toContain('  won, of those converted to an opportunity: pilot 24.7% (24), control 28.3% (26); ');
    expect(stdout).toContain('  The pilot gained most at \u201cfollowed up\u201d (73.9% of leads handed off in the pilot group, 62.6% in the control group; +11.3 pp, 95% interval +4.9 pp to +17.6 pp).\n');
  });

  it('gives the primary metric per segment, adjusted, and the test of whether the effect differs', async () => {
    const { stdout } = await analyze('pilots/loop-back-call.md');
    expect(stdout).toContain('Segments by lead_source (the primary metric)\n  Adjusted for 5 comparisons (Holm\'s method)');
    expect(stdout).toMatch(/\n {2}Content download \(15 pilot reps, 15 control reps\): Win, \+19\.0 pp; 99% interval: \+6\.0 pp to \+32\.0 pp; p = 0\.005 after adjusting/);
    expect(stdout.match(/\n {2}(Content download|Demo request|Pricing page|Trade show|Webinar) \(/g)).toHaveLength(5);
    expect(stdout).toMatch(/The effect differs between these segments by more than chance explains \(a randomization test of one effect for all 5 segments, against 10,000 random splits of the reps, p = 0\.0\d+\)/);
  });

  it('says nothing of segments for a pilot without them', async () => {
    expect((await analyze('pilots/nurture-sequence.md')).stdout).not.toContain('Segments');
  });
});
