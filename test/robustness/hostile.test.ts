/**
 * Hostile strings in every place a pilot file or its data lets a user write
 * text: they must come out of the core as the same plain strings (the
 * results document is JSON that round-trips), out of the command line
 * without a terminal escape sequence or bidi override acting on the
 * terminal, and unit names must not leave the analysis unless the pilot says
 * `showUnits: true`, and then only as the labels of the per-unit points.
 */
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { main, type Effects } from '../../src/cli/main.ts';
import { terminalJson, terminalText } from '../../src/cli/terminal.ts';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { showControls } from '../../src/core/controls.ts';
import { formatProblem, quoteValue } from '../../src/core/problems.ts';
import { designHistory, gitIn } from '../../src/core/history.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { makeProject } from '../support/project.ts';
import { csvText, stringsIn } from './support.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  `"'><img src=x onerror=alert(1)>`,
  '{{7*7}} ${7*7} <%= 7*7 %> %s%n',
  'RTL \u202Egnp.exe\u202C and \u2067isolate\u2069 مرحبا',
  'zero\u200Bwidth\u200C\u200Djoiners\u2060',
  'clear \u001b[2J\u001b[H\u001b[31mred\u001b]0;window title\u0007 bell \u0007 C1 \u009b31m csi \u0085 nel',
  'line\nbreak\ttab\rreturn\u2028separator',
  'quotes " \' ` and back\\slash \\u0000 \\n',
  'astral 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 e\u0301',
  'L'.repeat(20_000),
];

/** Raw characters that act on a terminal: C0 (except \n), DEL, C1, bidi embeddings, overrides and isolates. */
const ACTS_ON_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * The hostile strings as a pilot file may carry them: the schema refuses C0
 * controls (but tab and line breaks), DEL and C1 (hostile-rendering.test.ts),
 * so frontmatter gets them without; unit names and cells keep them.
 */
const WRITABLE = HOSTILE.map((text) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ''));

/** Unit names built from the hostile strings, so they can be looked for anywhere. */
const UNIT_NAMES = HOSTILE.map((text, index) => `unit-${index} ${text.slice(0, 200)}`.trim());

function frontmatter(extra: Record<string, unknown> = {}): string {
  const fields = {
    title: `Title ${WRITABLE[0]} ${WRITABLE[5]}`,
    status: 'concluded',
    hypothesis: `Hypothesis ${WRITABLE[1]}`,
    summary: `Summary ${WRITABLE[2]} ${WRITABLE[3]}`,
    owner: `Owner ${WRITABLE[4]}`,
    champion: { name: `Champion ${WRITABLE[1]}`, role: `Role ${WRITABLE[6]}`, quote: `Quote ${WRITABLE[5]} ${WRITABLE[9]}` },
    started: '2026-03-02',
    ended: '2026-05-31',
    data: 'sales.csv',
    unit: 'rep',
    group: { pilot: WRITABLE[0], control: WRITABLE[1] },
    rollout: { units: 40, label: `Rollout ${WRITABLE[5]}` },
    metrics: [
      { id: 'revenue', label: `Revenue ${WRITABLE[5]} ${WRITABLE[3]}`, type: 'mean', column: 'revenue' },
      { id: 'won', label: `Won ${WRITABLE[0]} ${WRITABLE[7]}`, type: 'proportion', column: 'won' },
      { id: 'per-lead', label: `Per lead ${WRITABLE[8]} ${WRITABLE[9]}`, type: 'ratio', numerator: 'revenue', denominator: 'leads' },
    ],
    ...extra,
  };
  // js-yaml writes every control character as a YAML escape, so the file itself is valid YAML.
  return `---\n${yaml.dump(fields, { lineWidth: -1 })}---\n\nStory with ${WRITABLE[0]}.\n`;
}

/** Two rows per unit; unit i is in the pilot group when i is even. */
function salesCsv(): string {
  const rows: string[][] = [['rep', 'group', 'revenue', 'won', 'leads']];
  UNIT_NAMES.forEach((name, index) => {
    const label = index % 2 === 0 ? (HOSTILE[0] as string) : (HOSTILE[1] as string);
    rows.push([name, label, String(1000 + index * 137), index % 3 === 0 ? 'yes' : 'no', String(3 + index)]);
    rows.push([name, label, String(500 + index * 71), index % 4 === 0 ? 'no' : 'yes', String(2 + (index % 5))]);
  });
  return csvText(rows);
}

async function hostileProject(extra: Record<string, unknown> = {}): Promise<string> {
  return makeProject({ 'pilots/hostile.md': frontmatter(extra), 'data/sales.csv': salesCsv() });
}

async function evidenceOf(root: string): Promise<PilotEvidence> {
  // With the evidence level, as `analyze --json` and the site give it (the temporary folder is no git repository).
  const project = await analyzeProject(root, { history: designHistory(gitIn(root), null) });
  expect(project.problems.filter((problem) => problem.severity === 'error').map(formatProblem)).toEqual([]);
  expect(project.pilots).toHaveLength(1);
  return project.pilots[0] as PilotEvidence;
}

/** The command run from the project's folder, as a user would. */
async function run(argv: string[], options: { cwd: string; tty?: boolean }) {
  let stdout = '';
  let stderr = '';
  const effects: Effects = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    cwd: options.cwd,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    now: () => 0,
  };
  const code = await main(argv, effects);
  return { code, stdout, stderr };
}

/** Terminal output with the CLI's own colours (SGR, ESC [ n m) taken out. */
function withoutOwnColours(text: string): string {
  return text.replace(/\u001b\[\d+m/g, '');
}

describe('hostile strings in the core', () => {
  it('come out of the analysis as the same plain strings, and the document round-trips through JSON', async () => {
    const evidence = await evidenceOf(await hostileProject());
    const { results, pilot } = evidence;
    // The schema trims surrounding spaces and nothing else.
    expect(results.title).toBe(`Title ${WRITABLE[0]} ${WRITABLE[5]}`);
    expect(results.metrics.map((metric) => metric.label)).toEqual([
      `Revenue ${WRITABLE[5]} ${WRITABLE[3]}`,
      `Won ${WRITABLE[0]} ${WRITABLE[7]}`,
      `Per lead ${WRITABLE[8]} ${WRITABLE[9]}`,
    ]);
    expect(pilot.champion?.quote).toBe(`Quote ${WRITABLE[5]} ${WRITABLE[9]}`);
    expect(results.metrics[0]?.rollout?.label).toBe(`Rollout ${WRITABLE[5]}`);
    // Labels in sentences are quoted as written: text, never markup, for the pages to escape.
    expect(results.metrics[1]?.sentence.startsWith(`Won ${WRITABLE[0]} ${WRITABLE[7]}`)).toBe(true);

    const json = JSON.stringify(results);
    expect(JSON.parse(json)).toEqual(results);
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(evidence);
    // Terminal-safe JSON is the same document, with nothing raw that acts on a terminal.
    const safe = terminalJson(results);
    expect(JSON.parse(safe)).toEqual(results);
    expect(safe).not.toMatch(ACTS_ON_TERMINAL);
  });

  it('never let a unit name out when showUnits is false: not in the results document, not anywhere in PilotEvidence', async () => {
    const evidence = await evidenceOf(await hostileProject());
    expect(evidence.pilot.showUnits).toBe(false);
    const everything = stringsIn(evidence);
    for (const name of UNIT_NAMES) {
      expect(everything.filter((text) => text.includes(name))).toEqual([]);
    }
    for (const metric of evidence.metrics) {
      for (const point of metric.units) expect(point.label).toMatch(/^(Pilot|Control) rep \d+$/);
    }
  });

  it('with showUnits: true, unit names appear as the labels of the per-unit points and nowhere else', async () => {
    const evidence = await evidenceOf(await hostileProject({ showUnits: true }));
    const pointLabels = new Set(evidence.metrics.flatMap((metric) => metric.units.map((point) => point.label)));
    // As written, but for control characters, shown as \u escapes (src/core/controls.ts).
    expect(pointLabels).toEqual(new Set(UNIT_NAMES.map(showControls)));
    const { metrics, ...rest } = evidence;
    const elsewhere = [...stringsIn(rest), ...stringsIn(metrics.map(({ units, ...metric }) => ({ ...metric, units: units.map(({ label, ...point }) => point) })))];
    for (const name of UNIT_NAMES) expect(elsewhere.filter((text) => text.includes(name))).toEqual([]);
  });
});

describe('hostile strings on the command line', () => {
  it('analyze --json prints the document itself, parseable, with nothing raw that acts on a terminal', async () => {
    const root = await hostileProject();
    const { code, stdout, stderr } = await run(['analyze', 'pilots/hostile.md', '--json'], { cwd: root });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(ACTS_ON_TERMINAL);
    const document = JSON.parse(stdout);
    expect(document).toEqual((await evidenceOf(root)).results);
    expect(document.title).toBe(`Title ${WRITABLE[0]} ${WRITABLE[5]}`);
  });

  it.each([false, true])('check and analyze print user text without injecting escape sequences (terminal: %s)', async (tty) => {
    const root = await hostileProject();
    for (const argv of [['check'], ['analyze', 'pilots/hostile.md'], ['plan', 'pilots/hostile.md']]) {
      const { code, stdout, stderr } = await run(argv, { cwd: root, tty });
      expect(code).toBe(0);
      for (const output of [stdout, stderr]) {
        // Colours only when a terminal is there, and they are the only escapes.
        if (!tty) expect(output).not.toContain('\u001b');
        expect(withoutOwnColours(output)).not.toMatch(ACTS_ON_TERMINAL);
      }
      // A bidi override is shown, not acted on (an ESC is refused in a pilot file, and shown escaped in problems below).
      expect(stdout).toContain('\\u202e');
    }
  });

  it('problems quote hostile values escaped, one problem per line', async () => {
    const csv = csvText([
      ['rep', 'group', 'revenue', 'won', 'leads'],
      [UNIT_NAMES[5] as string, HOSTILE[0] as string, '1', 'yes', '1'],
      [UNIT_NAMES[5] as string, HOSTILE[1] as string, '2', 'no', '1'],
      ['ann', `pilot\u200B`, '3', 'yes', '1'],
      ['bob', HOSTILE[0] as string, `12\u001b[2J`, 'yes', '1'],
      ['cy', HOSTILE[1] as string, '4', HOSTILE[3] as string, '1'],
      ['dee', HOSTILE[1] as string, '5', 'no', HOSTILE[9] as string],
    ]);
    const root = await makeProject({ 'pilots/hostile.md': frontmatter(), 'data/sales.csv': csv });
    const { code, stderr } = await run(['check'], { cwd: root });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(ACTS_ON_TERMINAL);
    const lines = stderr.trimEnd().split('\n');
    // Every line is a whole problem, then a blank line and the count: no value broke a line.
    expect(lines.slice(0, -2).every((line) => line.startsWith('error data/sales.csv, row '))).toBe(true);
    expect(lines.slice(-2)).toEqual(['', '5 errors.']);
    // An invisible character is made visible: "pilot\u200b" does not pass for the label "pilot".
    expect(stderr).toContain('"pilot\\u200b"');
    expect(stderr).toContain('"12\\u001b[2J"');
    // The 20,000-character value is shortened.
    expect(stderr).toContain('… (20000 characters)');
  });
});

describe('the escaping helpers', () => {
  it('terminalText shows controls as \\u escapes and turns line breaks and tabs into spaces', () => {
    expect(terminalText('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
    expect(terminalText('a\u009bb\u202Ec\u2066d')).toBe('a\\u009bb\\u202ec\\u2066d');
    expect(terminalText('a\nb\tc\r\u2028d')).toBe('a b c  d');
    expect(terminalText('plain, café, 😀, مرحبا')).toBe('plain, café, 😀, مرحبا');
  });

  it('formatProblem gives one safe line whatever the message quotes (the site build prints it too)', () => {
    const line = formatProblem({
      severity: 'error',
      file: 'pilots/x.md',
      column: 'metrics.revenue',
      message: `Revenue ${HOSTILE[5]} ${HOSTILE[6]} cannot be computed`,
    });
    expect(line).not.toMatch(ACTS_ON_TERMINAL);
    expect(line).not.toContain('\n');
    expect(line).toContain('clear \\u001b[2J');
  });

  it('quoteValue escapes what JSON leaves raw: DEL, C1, invisible format characters', () => {
    expect(quoteValue('pilot\u200B')).toBe('"pilot\\u200b"');
    expect(quoteValue('a\u0085b\u00a0c\u202Ed\uFEFF')).toBe('"a\\u0085b\\u00a0c\\u202ed\\ufeff"');
    expect(quoteValue('\u001b')).toBe('"\\u001b"');
    expect(JSON.parse(quoteValue('x\u200By\u2028z'))).toBe('x\u200By\u2028z');
  });
});
