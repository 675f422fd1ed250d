/**
 * The example pilots a new user sees on the first build.
 *
 * 1. The committed CSVs are exactly what `npm run examples` writes, so the data
 *    can never drift from its generator.
 * 2. Every example pilot file is valid and names columns its CSV has.
 * 3. What each story claims about its data is true of the committed CSV,
 *    checked here with plain arithmetic (no fieldproof statistics involved).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleData, writeExamples } from '../scripts/generate-examples.ts';
import { main } from '../src/cli/main.ts';
import { parsePilotFile, type PilotFile } from '../src/core/pilot-file.ts';
import { isQualificationText } from '../src/core/frontmatter.ts';
import { parseQualificationFile, type QualificationFile } from '../src/core/qualification-file.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'data');
const pilotsDir = join(root, 'pilots');

async function listFiles(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

// ---------------------------------------------------------------------------
// A deliberately small CSV reader: enough for the examples' quoting, and
// independent of src/core/load so this test checks the data, not the loader.

type Row = Record<string, string>;

interface Table {
  header: string[];
  rows: Row[];
  raw: string;
}

function readTable(raw: string, delimiter: string): Table {
  const text = raw.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n') {
      record.push(field.replace(/\r$/, ''));
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  const [header = [], ...body] = records;
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']))), raw };
}

/** "$12,345.67" -> 12345.67; empty -> null. */
const amount = (cell: string | undefined): number | null =>
  cell === undefined || cell.trim() === '' ? null : Number(cell.replace(/[$,\s]/g, ''));

/** The Monday of an ISO date's week, as an ISO date. */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const average = (values: readonly number[]): number => sum(values) / values.length;

function unitsByGroup(table: Table, unit: string, group: string): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const row of table.rows) {
    const label = row[group] ?? '';
    const units = groups.get(label) ?? new Set<string>();
    units.add(row[unit] ?? '');
    groups.set(label, units);
  }
  return groups;
}

/** Each unit's total of `column` over the rows kept by `keep`, averaged per arm. */
function armMeans(table: Table, keep: (row: Row) => boolean, column: string, group = 'group'): Record<string, number> {
  const totals = new Map<string, { label: string; total: number }>();
  for (const row of table.rows) {
    if (!keep(row)) continue;
    const unit = totals.get(row.rep ?? '') ?? { label: row[group] ?? '', total: 0 };
    unit.total += amount(row[column]) ?? 0;
    totals.set(row.rep ?? '', unit);
  }
  const arms: Record<string, number[]> = {};
  for (const { label, total } of totals.values()) (arms[label] ??= []).push(total);
  return Object.fromEntries(Object.entries(arms).map(([label, values]) => [label, average(values)]));
}

/** Sum of `column` over non-empty cells divided by how many there are, per arm: a per-row rate. */
function armRates(table: Table, keep: (row: Row) => boolean, column: string, group = 'group'): Record<string, number> {
  const arms: Record<string, number[]> = {};
  for (const row of table.rows) {
    const value = amount(row[column]);
    if (keep(row) && value !== null) (arms[row[group] ?? ''] ??= []).push(value);
  }
  return Object.fromEntries(Object.entries(arms).map(([label, values]) => [label, average(values)]));
}

// ---------------------------------------------------------------------------

let scratch = '';
const pilots = new Map<string, PilotFile>();
const qualifications = new Map<string, QualificationFile>();
const tables = new Map<string, Table>();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fieldproof-examples-'));
  await writeExamples(scratch);
  for (const name of await listFiles(pilotsDir, '.md')) {
    const file = `pilots/${name}`;
    const text = await readFile(join(root, file), 'utf8');
    if (isQualificationText(text)) {
      const qualification = parseQualificationFile(file, text);
      if (!qualification.ok) throw new Error(`${file}: ${JSON.stringify(qualification.problems)}`);
      qualifications.set(qualification.value.slug, qualification.value);
      continue;
    }
    const parsed = parsePilotFile(file, text);
    if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
    pilots.set(parsed.value.slug, parsed.value);
  }
  const delimiters: Record<string, string> = { 'loop-back-call.csv': ';', 'automated-quotes.csv': '\t' };
  for (const path of await listFiles(dataDir, '.csv')) {
    tables.set(path, readTable(await readFile(join(dataDir, path), 'utf8'), delimiters[path] ?? ','));
  }
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function pilot(slug: string): PilotFile['pilot'] {
  const found = pilots.get(slug);
  if (!found) throw new Error(`no pilots/${slug}.md`);
  return found.pilot;
}

/** The pilots with data to analyse: all but the planned one, whose data does not exist yet. */
function withData(): PilotFile[] {
  return [...pilots.values()].filter((file) => file.pilot.status !== 'planned');
}

function table(slug: string): Table {
  const found = tables.get(pilot(slug).data);
  if (!found) throw new Error(`no data/${pilot(slug).data}`);
  return found;
}

describe('example data generator', () => {
  it('writes exactly the committed CSVs, byte for byte', async () => {
    const generated = await listFiles(scratch, '.csv');
    expect(await listFiles(dataDir, '.csv')).toEqual(generated);
    for (const path of generated) {
      const fresh = await readFile(join(scratch, path));
      const committed = await readFile(join(dataDir, path));
      expect(fresh.equals(committed), `data/${path} differs from its generator: run npm run examples`).toBe(true);
    }
  });

  it('is pure: the same files on every call', () => {
    expect(exampleData()).toEqual(exampleData());
  });

  it('keeps every file small', async () => {
    for (const path of tables.keys()) {
      expect((await readFile(join(dataDir, path))).byteLength).toBeLessThan(1_500_000);
    }
  });
});

describe('example pilot files', () => {
  it('has five concluded pilots, one running, one draft and one planned', () => {
    const statuses = [...pilots.values()].map((file) => file.pilot.status).sort();
    expect(statuses).toEqual(['concluded', 'concluded', 'concluded', 'concluded', 'concluded', 'draft', 'planned', 'running']);
    expect(pilot('video-prospecting').ended).toBeUndefined();
  });

  it('points every pilot that has data at a generated CSV that has the columns it names', () => {
    for (const { slug, pilot: spec } of withData()) {
      const data = tables.get(spec.data);
      expect(data, `${slug}: data/${spec.data}`).toBeDefined();
      const columns = [
        spec.unit,
        spec.group.column,
        ...(spec.date ? [spec.date] : []),
        ...spec.metrics.flatMap((metric) => [metric.column, metric.numerator, metric.denominator]),
      ].filter((column): column is string => column !== undefined);
      for (const column of columns) expect(data?.header, `${slug}: column ${column}`).toContain(column);
    }
  });

  it('uses only 2026 dates before November, except the planned pilot, which starts in the new year', () => {
    for (const { slug, pilot: spec } of pilots.values()) {
      if (spec.status === 'planned') {
        expect(spec.started >= '2027-01-01', `${slug}: ${spec.started}`).toBe(true);
        continue;
      }
      for (const day of [spec.started, spec.ended].filter((value) => value !== undefined)) {
        expect(day >= '2026-01-01' && day < '2026-11-01', `${slug}: ${day}`).toBe(true);
      }
      const data = table(slug);
      for (const row of data.rows) {
        const day = row[spec.date ?? ''] ?? '';
        expect(day >= '2026-01-01' && day < '2026-11-01', `${slug}: row dated ${day}`).toBe(true);
      }
    }
  });

  it('has arms exactly as labelled, with no unit in both', () => {
    for (const { slug, pilot: spec } of withData()) {
      const groups = unitsByGroup(table(slug), spec.unit, spec.group.column);
      expect([...groups.keys()].sort(), slug).toEqual([spec.group.control, spec.group.pilot].sort());
      const pilotUnits = groups.get(spec.group.pilot) ?? new Set<string>();
      for (const unit of groups.get(spec.group.control) ?? []) expect(pilotUnits.has(unit), `${slug}: ${unit}`).toBe(false);
    }
  });
});

describe('what the stories claim about their data', () => {
  it('lead-qualification: 600 leads from January to June; about one in ten won with two criteria or fewer, about three times as often with three or more', () => {
    const spec = qualifications.get('lead-qualification')?.qualification;
    if (spec === undefined) throw new Error('no pilots/lead-qualification.md');
    const leads = tables.get(spec.data);
    if (leads === undefined) throw new Error(`no data/${spec.data}`);
    expect(leads.rows).toHaveLength(600);
    expect(spec.criteria.every((column) => leads.header.includes(column)) && leads.header.includes(spec.outcome)).toBe(true);
    const dates = leads.rows.map((row) => row[spec.date ?? ''] ?? '').sort();
    expect([dates[0]?.slice(0, 7), dates[dates.length - 1]?.slice(0, 7)]).toEqual(['2026-01', '2026-06']);
    const yes = (cell: string | undefined) => /^(yes|x)$/i.test(cell ?? '');
    const complete = leads.rows.filter((row) => [...spec.criteria, spec.outcome].every((column) => (row[column] ?? '') !== ''));
    const rate = (rows: Row[]) => rows.filter((row) => yes(row[spec.outcome])).length / rows.length;
    const met = (row: Row) => spec.criteria.filter((column) => yes(row[column])).length;
    const low = rate(complete.filter((row) => met(row) <= 2));
    const high = rate(complete.filter((row) => met(row) >= 3));
    expect(low).toBeGreaterThan(0.07);
    expect(low).toBeLessThan(0.13);
    expect(high / low).toBeGreaterThan(2.5);
    expect(high / low).toBeLessThan(3.5);
    // Alone, the decision maker goes with the largest difference, a stated need with the smallest.
    const gap = (column: string) => rate(complete.filter((row) => yes(row[column]))) - rate(complete.filter((row) => !yes(row[column])));
    const gaps = spec.criteria.map(gap);
    expect(Math.max(...gaps)).toBe(gap('decision_maker'));
    expect(Math.min(...gaps)).toBe(gap('need'));
  });

  it('nurture-sequence: 12 vs 14 reps, 8 weeks of baseline, 12 of pilot, one week after the end', () => {
    const spec = pilot('nurture-sequence');
    const data = table('nurture-sequence');
    const groups = unitsByGroup(data, 'rep', 'group');
    expect(groups.get('pilot')?.size).toBe(12);
    expect(groups.get('control')?.size).toBe(14);
    const weeks = [...new Set(data.rows.map((row) => row.week ?? ''))];
    expect(weeks.filter((week) => week < spec.started)).toHaveLength(8);
    expect(weeks.filter((week) => week >= spec.started && week <= (spec.ended ?? ''))).toHaveLength(12);
    expect(data.rows.filter((row) => (row.week ?? '') > (spec.ended ?? ''))).toHaveLength(26);
    // Paired randomization: both arms started from the same level (within 10%).
    const baseline = armMeans(data, (row) => (row.week ?? '') < spec.started, 'revenue');
    expect(Math.abs((baseline.pilot ?? 0) / (baseline.control ?? 1) - 1)).toBeLessThan(0.1);
    // Messy export: currency symbols with thousands separators, a few empty cells.
    expect(data.raw).toMatch(/"\$\d{1,3},\d{3}\.\d{2}"/);
    expect(data.rows.some((row) => row.revenue === '')).toBe(true);
    expect(data.rows.some((row) => row.opportunities === '')).toBe(true);
    expect(data.rows.every((row) => row.rep_weeks === '1')).toBe(true);
  });

  it('loop-back-call: 15 vs 15 reps, leads clustered within reps, follow-up up, conversion about one in ten', () => {
    const spec = pilot('loop-back-call');
    const data = table('loop-back-call');
    expect(data.raw).toContain(';');
    expect(data.raw.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
    const groups = unitsByGroup(data, 'rep', 'group');
    expect(groups.get('pilot')?.size).toBe(15);
    expect(groups.get('control')?.size).toBe(15);
    const leadsPerRep = new Map<string, number>();
    for (const row of data.rows) leadsPerRep.set(row.rep ?? '', (leadsPerRep.get(row.rep ?? '') ?? 0) + 1);
    expect(Math.min(...leadsPerRep.values())).toBeGreaterThan(20);
    for (const row of data.rows) {
      expect(row.handoff_date! >= spec.started && row.handoff_date! <= spec.ended!).toBe(true);
      expect(['Yes', 'No', 'yes', 'no', '']).toContain(row.followed_up);
      expect(['0', '1']).toContain(row.converted);
    }
    expect(data.rows.some((row) => row.followed_up === 'yes' || row.followed_up === 'no')).toBe(true);
    expect(data.rows.some((row) => row.followed_up === '')).toBe(true);
    const followedUp = (arm: string) => {
      const logged = data.rows.filter((row) => row.group === arm && row.followed_up !== '');
      return logged.filter((row) => row.followed_up?.toLowerCase() === 'yes').length / logged.length;
    };
    expect(followedUp('pilot')).toBeGreaterThan(followedUp('control'));
    const conversion = data.rows.filter((row) => row.converted === '1').length / data.rows.length;
    expect(conversion).toBeGreaterThan(0.05);
    expect(conversion).toBeLessThan(0.15);
    // The funnel's columns: won only after converting; a first contact only for a logged follow-up, 0 to 10 days after hand-off, sooner in the pilot arm.
    const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const waits: Record<string, number[]> = { pilot: [], control: [] };
    for (const row of data.rows) {
      expect(['Yes', '']).toContain(row.won);
      if (row.won === 'Yes') expect(row.converted).toBe('1');
      expect(row.first_contact !== '').toBe(row.followed_up?.toLowerCase() === 'yes');
      if (row.first_contact === '') continue;
      const wait = days(row.handoff_date!, row.first_contact!);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(10);
      waits[row.group!]!.push(wait);
    }
    expect(data.rows.some((row) => row.won === 'Yes')).toBe(true);
    expect(average(waits.pilot!)).toBeLessThan(average(waits.control!));
  });

  it('qualified-routing: the pilot reps were already about a quarter ahead before the pilot', () => {
    const spec = pilot('qualified-routing');
    const data = table('qualified-routing');
    expect(data.raw.startsWith('\uFEFF')).toBe(true);
    expect(data.raw).toContain('\r\n');
    const groups = unitsByGroup(data, 'rep', 'group');
    expect(groups.get('pilot')?.size).toBe(12);
    expect(groups.get('control')?.size).toBe(20);
    const preWeeks = new Set(data.rows.map((row) => row.week ?? '').filter((week) => week < spec.started));
    expect(preWeeks.size).toBe(10);
    const before = armMeans(data, (row) => (row.week ?? '') < spec.started, 'revenue');
    const during = armMeans(data, (row) => (row.week ?? '') >= spec.started, 'revenue');
    const headStart = (before.pilot ?? 0) / (before.control ?? 1) - 1;
    const gapDuring = (during.pilot ?? 0) / (during.control ?? 1) - 1;
    expect(headStart).toBeGreaterThan(0.15);
    expect(headStart).toBeLessThan(0.4);
    // The plain comparison looks big, but it is mostly the head start.
    expect(gapDuring).toBeGreaterThan(0.2);
    expect((1 + gapDuring) / (1 + headStart) - 1).toBeLessThan(0.1);
    // Once routing changed, control reps received fewer qualified leads.
    const controlLeads = (keep: (week: string) => boolean) =>
      average(data.rows.filter((row) => row.group === 'control' && keep(row.week ?? '')).map((row) => Number(row.qualified_leads)));
    expect(controlLeads((week) => week >= spec.started)).toBeLessThan(controlLeads((week) => week < spec.started));
  });

  it('automated-quotes: 16 vs 16 reps, fewer admin hours per rep-week, as many quotes', () => {
    const spec = pilot('automated-quotes');
    const data = table('automated-quotes');
    expect(data.header).toContain('arm');
    const groups = unitsByGroup(data, 'rep', 'arm');
    expect(groups.get('Pilot')?.size).toBe(16);
    expect(groups.get('Control')?.size).toBe(16);
    const during = (row: Row) => (row.week ?? '') >= spec.started && (row.week ?? '') <= (spec.ended ?? '');
    const before = (row: Row) => (row.week ?? '') < spec.started;
    const hoursBefore = armRates(data, before, 'admin_hours', 'arm');
    const hoursDuring = armRates(data, during, 'admin_hours', 'arm');
    expect(Math.abs((hoursBefore.Pilot ?? 0) / (hoursBefore.Control ?? 1) - 1)).toBeLessThan(0.1);
    expect((hoursDuring.Pilot ?? 0) / (hoursDuring.Control ?? 1) - 1).toBeLessThan(-0.1);
    const quotes = armRates(data, during, 'quotes_sent', 'arm');
    expect(Math.abs((quotes.Pilot ?? 0) / (quotes.Control ?? 1) - 1)).toBeLessThan(0.05);
    // Missing timesheets: empty hours, which the ratio leaves out rather than counting as zero.
    expect(data.rows.filter((row) => row.admin_hours === '').length).toBeGreaterThan(5);
    expect(data.rows.every((row) => row.rep_weeks === '1')).toBe(true);
  });

  it('video-prospecting: 10 vs 10 SDRs, six weeks of baseline and six of pilot so far, videos only in the pilot', () => {
    const spec = pilot('video-prospecting');
    const data = table('video-prospecting');
    expect(data.raw.split('\n')[1]).toMatch(/^"[^"]+","(pilot|control)","2026-/);
    const groups = unitsByGroup(data, 'rep', 'group');
    expect(groups.get('pilot')?.size).toBe(10);
    expect(groups.get('control')?.size).toBe(10);
    const weeks = [...new Set(data.rows.map((row) => row.week ?? ''))];
    expect(weeks.filter((week) => week < spec.started)).toHaveLength(6);
    expect(weeks.filter((week) => week >= spec.started)).toHaveLength(6);
    for (const row of data.rows) {
      const sendsVideo = row.group === 'pilot' && (row.week ?? '') >= spec.started;
      expect(Number(row.video_emails) > 0, `${row.rep} ${row.week}`).toBe(sendsVideo);
    }
  });

  it('deal-desk-review: 8 vs 8 territories, one row per deal with TRUE/FALSE outcomes', () => {
    const spec = pilot('deal-desk-review');
    const data = table('deal-desk-review');
    const groups = unitsByGroup(data, 'territory', 'group');
    expect(groups.get('pilot')?.size).toBe(8);
    expect(groups.get('control')?.size).toBe(8);
    expect(new Set(data.rows.map((row) => row.deal_id)).size).toBe(data.rows.length);
    for (const row of data.rows) {
      expect(row.close_date! >= spec.started).toBe(true);
      expect(['TRUE', 'FALSE']).toContain(row.won);
      expect(Number(row.discount)).toBeLessThanOrEqual(Number(row.list_price));
    }
  });
  it('follow-up-sla: 18 reps drawn three a region, arms as assigned, far more fast call-backs, about as many wins', () => {
    const spec = pilot('follow-up-sla');
    const data = table('follow-up-sla');
    const assignment = tables.get(spec.assignment ?? '');
    expect(assignment, spec.assignment).toBeDefined();
    const assigned = new Map((assignment?.rows ?? []).map((row) => [row.rep ?? '', row]));
    expect(assigned.size).toBe(18);
    for (const region of ['Central', 'East', 'West']) {
      const inRegion = [...assigned.values()].filter((row) => row.block === region);
      expect(inRegion.map((row) => row.group).sort(), region).toEqual(['control', 'control', 'control', 'pilot', 'pilot', 'pilot']);
    }
    // Every lead sits with its rep's assigned arm and region.
    for (const row of data.rows) {
      expect(row.group, row.lead_id).toBe(assigned.get(row.rep ?? '')?.group);
      expect(row.region, row.lead_id).toBe(assigned.get(row.rep ?? '')?.block);
    }
    const weeksBefore = new Set(data.rows.filter((row) => (row.created ?? '') < spec.started).map((row) => mondayOf(row.created ?? '')));
    expect(weeksBefore.size).toBe(9);
    const share = (arm: string, column: string, during: boolean) => {
      const rows = data.rows.filter((row) => row.group === arm && ((row.created ?? '') >= spec.started) === during);
      return rows.filter((row) => row[column] === 'yes').length / rows.length;
    };
    expect(share('pilot', 'called_within_hour', true)).toBeGreaterThan(2 * share('control', 'called_within_hour', true));
    expect(Math.abs(share('pilot', 'called_within_hour', false) - share('control', 'called_within_hour', false))).toBeLessThan(0.05);
    expect(Math.abs(share('pilot', 'won', true) - share('control', 'won', true))).toBeLessThan(0.02);
  });

  it('renewal-playbook: 20 account executives in 10 pairs within two segments, one of each pair in the pilot', () => {
    const spec = pilot('renewal-playbook');
    expect(tables.has(spec.data), 'a planned pilot has no data yet').toBe(false);
    const assignment = tables.get(spec.assignment ?? '');
    const rows = assignment?.rows ?? [];
    expect(rows).toHaveLength(20);
    const pairs = new Map<string, Row[]>();
    for (const row of rows) pairs.set(`${row.block}#${row.pair}`, [...(pairs.get(`${row.block}#${row.pair}`) ?? []), row]);
    expect(pairs.size).toBe(10);
    for (const [pair, members] of pairs) expect(members.map((row) => row.group).sort(), pair).toEqual(['control', 'pilot']);
    expect(new Set(rows.map((row) => row.block))).toEqual(new Set(['Enterprise', 'Mid-Market']));
  });

  it('both assignment files are exactly what fieldproof assign draws again from their rosters and seeds', async () => {
    const verify = async (pilotFile: string, roster: string, ...design: string[]) => {
      let output = '';
      const code = await main(['assign', pilotFile, '--roster', roster, ...design, '--verify'], {
        stdout: (text) => void (output += text),
        stderr: (text) => void (output += text),
        env: {},
        cwd: root,
        stdoutIsTTY: false,
        stderrIsTTY: false,
        now: () => Date.UTC(2026, 11, 1),
      });
      return { code, output };
    };
    const sla = await verify('pilots/follow-up-sla.md', 'data/rosters/follow-up-sla-roster.csv', '--block', 'region');
    expect(sla.code, sla.output).toBe(0);
    const renewal = await verify('pilots/renewal-playbook.md', 'data/rosters/renewal-playbook-roster.csv', '--block', 'segment', '--pair-on', 'renewals_h2');
    expect(renewal.code, renewal.output).toBe(0);
  });
});
