import { describe, expect, it } from 'vitest';
import { parsePilotFile } from '../../src/core/pilot-file.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { BASE_FRONTMATTER, pilotMarkdown } from '../support/project.ts';

const METRIC = `
metrics:
  - id: revenue
    label: Revenue per rep
    type: mean
    column: revenue
`;

function messages(frontmatter: string, file = 'pilots/test.md'): string[] {
  const parsed = parsePilotFile(file, pilotMarkdown(frontmatter));
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

describe('parsePilotFile', () => {
  it('reads a valid pilot with its defaults and keeps the story', () => {
    const parsed = parsePilotFile('pilots/test.md', pilotMarkdown(BASE_FRONTMATTER + METRIC, '# Why\n\nBecause.'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.slug).toBe('test');
    expect(parsed.value.story.trim()).toBe('# Why\n\nBecause.');
    const { pilot } = parsed.value;
    // YAML reads unquoted dates as Date objects; the schema keeps ISO strings.
    expect(pilot.started).toBe('2026-03-02');
    expect(pilot.ended).toBe('2026-05-31');
    expect(pilot.group).toEqual({ column: 'group', pilot: 'pilot', control: 'control' });
    expect(pilot.confidence).toBe(0.95);
    expect(pilot.showUnits).toBe(false);
    expect(pilot.metrics[0]).toEqual({
      id: 'revenue',
      label: 'Revenue per rep',
      type: 'mean',
      column: 'revenue',
      format: 'number',
      currency: 'USD',
      better: 'higher',
    });
  });

  it('fills only the group keys that differ', () => {
    const parsed = parsePilotFile('pilots/test.md', pilotMarkdown(`${BASE_FRONTMATTER}group: { column: arm }\n${METRIC}`));
    expect(parsed.ok && parsed.value.pilot.group).toEqual({ column: 'arm', pilot: 'pilot', control: 'control' });
  });

  it('names a typo in a key and suggests the right one', () => {
    const text = BASE_FRONTMATTER.replace('hypothesis:', 'hypotesis:') + METRIC;
    expect(messages(text)).toEqual([
      'pilots/test.md, key "hypothesis": is required but missing; expected text',
      'pilots/test.md, key "hypotesis": unknown key; did you mean "hypothesis"? Allowed keys here: title, status, hypothesis, summary, owner, tags, champion, started, ended, data, form, assignment, unit, group, date, confidence, metrics, rollout, showUnits, segments, decision',
    ]);
  });

  it('reports every wrong type and value at once', () => {
    const text = `${BASE_FRONTMATTER.replace('status: concluded', 'status: done')}confidence: 2
metrics:
  - id: revenue
    label: Revenue
    type: avg
    column: revenue
    colour: red
`;
    expect(messages(text)).toEqual([
      'pilots/test.md, key "status": "done": expected one of: draft, planned, running, concluded',
      'pilots/test.md, key "confidence": "2": expected a confidence level from 0.5 to 0.999, e.g. 0.95',
      'pilots/test.md, key "metrics[0].type": "avg": expected one of: mean, proportion, ratio, funnel, duration',
      'pilots/test.md, key "metrics[0].colour": unknown key; expected one of: id, label, type, column, numerator, denominator, stages, from, to, within, measure, roadblock, primary, format, currency, better, role, margin',
    ]);
  });

  it('refuses a day that does not exist, which YAML would roll into March', () => {
    expect(messages(BASE_FRONTMATTER.replace('ended: 2026-05-31', 'ended: 2026-02-31') + METRIC)).toEqual([
      'pilots/test.md, key "ended": "2026-02-31": expected a date as YYYY-MM-DD, e.g. 2026-03-02; this day does not exist',
    ]);
  });

  it('says how to write what YAML read as a number or a yes/no, or as one value where keys go', () => {
    const text = `${BASE_FRONTMATTER}group: { column: in_pilot, pilot: 1, control: false }\nchampion: Dana Ortiz\n${METRIC}`;
    expect(messages(text)).toEqual([
      'pilots/test.md, key "champion": "Dana Ortiz": expected a set of keys, got text; write its keys, e.g. champion: { name: Dana Ortiz }',
      'pilots/test.md, key "group.pilot": "1": expected text, got a number; YAML reads 1 as a number: put it in quotes, e.g. pilot: "1"',
      'pilots/test.md, key "group.control": "false": expected text, got a boolean; YAML reads false as a yes/no value: put it in quotes, e.g. control: "false"',
    ]);
  });

  it('refuses an end before the start, a metric id used twice and two primaries', () => {
    const text = `${BASE_FRONTMATTER.replace('ended: 2026-05-31', 'ended: 2026-01-31')}
metrics:
  - { id: revenue, label: Revenue, type: mean, column: revenue, primary: true }
  - { id: revenue, label: Deals, type: ratio, numerator: won, denominator: deals, primary: true }
`;
    expect(messages(text)).toEqual([
      'pilots/test.md, key "metrics[1].id": "revenue": metric id "revenue" is used twice',
      'pilots/test.md, key "metrics": exactly one metric can be primary, got revenue, revenue',
      'pilots/test.md, key "ended": "2026-01-31": expected "ended" on or after "started" (2026-03-02)',
    ]);
  });

  it('lists the metrics\' and the groups\' own problems even when another key is wrong', () => {
    const text = `${BASE_FRONTMATTER.replace('status: concluded', 'status: finished')}group: { pilot: A, control: A }
metrics:
  - { id: revenue, label: Revenue, type: mean, column: revenue, primary: true }
  - { id: revenue, label: Deals, type: mean, column: deals, primary: true }
`;
    expect(messages(text)).toEqual([
      'pilots/test.md, key "status": "finished": expected one of: draft, planned, running, concluded',
      'pilots/test.md, key "group": the pilot and control labels must differ',
      'pilots/test.md, key "metrics[1].id": "revenue": metric id "revenue" is used twice',
      'pilots/test.md, key "metrics": exactly one metric can be primary, got revenue, revenue',
    ]);
  });

  it('needs the right columns for each metric type', () => {
    const text = `${BASE_FRONTMATTER}
metrics:
  - { id: win-rate, label: Win rate, type: ratio, column: won }
`;
    expect(messages(text)).toEqual([
      'pilots/test.md, key "metrics[0].numerator": a ratio metric needs "numerator"',
      'pilots/test.md, key "metrics[0].denominator": a ratio metric needs "denominator"',
      'pilots/test.md, key "metrics[0].column": "won": a ratio metric takes no "column"',
    ]);
  });

  it('refuses a file name that cannot be a URL, and a file without frontmatter', () => {
    expect(messages(BASE_FRONTMATTER + METRIC, 'pilots/Nurture Q2.md')).toEqual([
      'pilots/Nurture Q2.md: the file name "Nurture Q2.md" is the pilot\'s permanent URL, so it must be lowercase letters, digits and dashes, e.g. nurture-q2.md',
    ]);
    const parsed = parsePilotFile('pilots/x.md', '# Just a story\n');
    expect(parsed.ok ? [] : parsed.problems.map(formatProblem)).toEqual([
      'pilots/x.md: no frontmatter found; expected the file to start with a "---" line, the pilot\'s keys, and another "---" line',
    ]);
  });

  it('points at the line of broken YAML', () => {
    const parsed = parsePilotFile('pilots/x.md', '---\ntitle: A\nstatus: [draft\n---\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(formatProblem(parsed.problems[0]!)).toMatch(/^pilots\/x\.md, line \d+: the frontmatter is not valid YAML: /);
  });
});
