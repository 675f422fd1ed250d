/**
 * The example pilots' sales data: the CSVs under data/ that a new user's very
 * first build analyses, and the rosters and assignment files of the pilots
 * assigned with `fieldproof assign` (made by the same code). `npm run
 * examples` rewrites them; the pilot files in pilots/ are written by hand and
 * describe the designs below.
 *
 * Every file is synthetic, made from a fixed seed, so the committed CSVs are
 * byte-for-byte what this script writes (test/examples.test.ts checks it).
 * Each pilot has its own seed: changing one example never reshuffles another.
 * The true effects are the constants in each design below. Small pilots are
 * noisy, so each seed was picked (among the first few hundred) as one whose
 * data lands near its true effect and tells the story its pilot file tells;
 * with another seed the same design can come out a little luckier or not.
 *
 * The data is shaped like real CRM and tool exports, including the untidy
 * parts the pilot contract promises to read (pilot-format.md, "Data"):
 * currency symbols and thousands separators, `;` and tab delimiters, `\r\n`
 * line ends, a byte-order mark, fully quoted fields, yes/no and true/false
 * outcomes, empty cells, and rows dated after a pilot ended.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignUnits } from '../src/core/design/assign.ts';
import { formatAssignmentFile } from '../src/core/design/assignment-file.ts';
import { seededRandom, type Random } from './random.ts';

/** One generated file: its path relative to data/ and its exact contents. */
export interface ExampleFile {
  path: string;
  contents: string;
  rows: number;
}

interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  lineEnd: '\n' | '\r\n';
  /** Excel's "CSV UTF-8" starts the file with a byte-order mark. */
  byteOrderMark: boolean;
  /** Some tools quote every field, not only those that need it. */
  quoteAll: boolean;
}

const plainCsv: CsvDialect = { delimiter: ',', lineEnd: '\n', byteOrderMark: false, quoteAll: false };

function toCsv(header: readonly string[], rows: readonly (readonly string[])[], dialect: CsvDialect): string {
  const field = (value: string): string =>
    dialect.quoteAll || value.includes(dialect.delimiter) || /["\r\n]/.test(value)
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  const lines = [header, ...rows].map((cells) => cells.map(field).join(dialect.delimiter));
  return (dialect.byteOrderMark ? '\uFEFF' : '') + lines.join(dialect.lineEnd) + dialect.lineEnd;
}

// ---------------------------------------------------------------------------
// Dates, numbers and names, formatted the way exports write them. All
// formatting is done by hand (no toLocaleString) so output never depends on
// the machine's locale or ICU data.

const dayMs = 86_400_000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** `count` consecutive Mondays starting at `firstMonday`. */
function weeks(firstMonday: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(firstMonday, 7 * index));
}

function fixed(value: number, decimals: number): string {
  // Math.round first so that e.g. 1.005 rounds the same way on every engine.
  const scale = 10 ** decimals;
  return (Math.round(value * scale) / scale).toFixed(decimals);
}

function withThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "$12,345.67", as a spreadsheet's currency format exports it. */
function dollars(amount: number): string {
  const [whole = '0', cents = '00'] = fixed(amount, 2).split('.');
  return `$${withThousands(whole)}.${cents}`;
}

/** Timesheets are kept in quarter hours. */
function quarterHours(hours: number): string {
  return String(Math.round(hours * 4) / 4);
}

const firstNames = [
  'Aisha', 'Alejandro', 'Amara', 'Andrea', 'Ben', 'Bianca', 'Carlos', 'Chloe', 'Daniel', 'Deepa',
  'Diego', 'Elena', 'Emeka', 'Emily', 'Fatima', 'Gabriel', 'Grace', 'Hannah', 'Hiroshi', 'Ines',
  'Isaac', 'Jamal', 'Jasmine', 'Javier', 'Jessica', 'Jonas', 'Julia', 'Kenji', 'Kwame', 'Laura',
  'Liam', 'Lucia', 'Marcus', 'Maya', 'Mei', 'Michael', 'Nadia', 'Nathan', 'Nina', 'Noah',
  'Olivia', 'Omar', 'Priya', 'Rachel', 'Rahul', 'Rosa', 'Ryan', 'Samuel', 'Sara', 'Sofia',
  'Tariq', 'Tom', 'Valentina', 'Victor', 'Wei', 'Yusuf', 'Zara', 'Kate', 'Owen', 'Leila',
];
const lastNames = [
  'Adeyemi', 'Alvarez', 'Andersson', 'Bauer', 'Brennan', 'Castillo', 'Chen', 'Cohen', 'Costa', 'Das',
  'Dubois', 'Evans', 'Fischer', 'Garcia', 'Gupta', 'Hansen', 'Hughes', 'Ibrahim', 'Ito', 'Jensen',
  'Kaur', 'Kim', 'Kowalski', 'Larsen', 'Lopez', 'Mahmoud', 'Martin', 'Mensah', 'Meyer', 'Murphy',
  'Nakamura', 'Nguyen', 'Novak', "O'Brien", 'Okafor', 'Patel', 'Petrov', 'Quinn', 'Raman', 'Reyes',
  'Rossi', 'Santos', 'Schmidt', 'Shah', 'Silva', 'Sullivan', 'Tanaka', 'Taylor', 'Torres', 'Walsh',
];

/** `count` distinct plausible rep names, sorted as a CRM report sorts them. */
function repNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const first = firstNames[random.integer(0, firstNames.length - 1)];
    const last = lastNames[random.integer(0, lastNames.length - 1)];
    names.add(`${first} ${last}`);
  }
  return [...names].sort();
}

/** Splits `units` at random into a pilot arm of `pilotCount` and a control arm. */
function randomize(random: Random, units: readonly string[], pilotCount: number): Set<string> {
  return new Set(random.shuffle(units).slice(0, pilotCount));
}

/** Market-wide week-to-week swings, shared by both arms. */
function seasonality(random: Random, count: number, sd: number): number[] {
  return Array.from({ length: count }, () => Math.exp(random.normal(0, sd)));
}

/** Total of `deals` deal amounts, each log-normal like real B2B deal sizes. */
function dealRevenue(random: Random, deals: number, typicalDeal: number, spread: number): number {
  let total = 0;
  for (let deal = 0; deal < deals; deal += 1) total += random.logNormal(Math.log(typicalDeal), spread);
  return total;
}

// ---------------------------------------------------------------------------
// 1. nurture-sequence: randomized reps, rep-week rows, modest revenue win.

export const nurtureSequence = {
  path: 'nurture-sequence.csv',
  seed: 29,
  pilotReps: 12,
  controlReps: 14,
  /** 8 weeks of baseline, 12 of pilot (started 2026-03-02, ended 2026-05-24). */
  firstWeek: '2026-01-05',
  started: '2026-03-02',
  preWeeks: 8,
  pilotWeeks: 12,
  /** The export was pulled on 29 May, so it also holds the first week after the end. */
  weeksAfterEnd: 1,
  /** True effect on deals closed (and so revenue) during the pilot. */
  revenueLift: 0.1,
  /** True effect on new pipeline opportunities. */
  opportunityLift: 0.14,
} as const;

export function makeNurtureSequence(seed: number = nurtureSequence.seed): ExampleFile {
  const design = nurtureSequence;
  const random = seededRandom(seed);
  const reps = repNames(random, design.pilotReps + design.controlReps);
  const ability = new Map(reps.map((rep) => [rep, Math.exp(random.normal(0, 0.22))]));
  // Paired randomization: the two reps hired in December stay in control; the
  // rest are ranked by last quarter's revenue (a noisy reading of ability),
  // paired off, and a coin flip puts one of each pair in the pilot.
  const [newHire1 = '', newHire2 = '', ...seasoned] = random.shuffle(reps);
  for (const rep of [newHire1, newHire2]) ability.set(rep, (ability.get(rep) ?? 1) * 0.85);
  const lastQuarter = new Map(seasoned.map((rep) => [rep, (ability.get(rep) ?? 1) * Math.exp(random.normal(0, 0.08))]));
  const ranked = [...seasoned].sort((a, b) => (lastQuarter.get(b) ?? 0) - (lastQuarter.get(a) ?? 0));
  const pilot = new Set<string>();
  for (let pair = 0; pair + 1 < ranked.length; pair += 2) {
    const chosen = ranked[pair + (random.chance(0.5) ? 0 : 1)];
    if (chosen !== undefined) pilot.add(chosen);
  }
  const weekCount = design.preWeeks + design.pilotWeeks + design.weeksAfterEnd;
  const season = seasonality(random, weekCount, 0.06);
  const rows: string[][] = [];
  weeks(design.firstWeek, weekCount).forEach((week, weekIndex) => {
    const treated = week >= design.started;
    // The week after the end is a partial week: the export ran on a Friday.
    const partial = weekIndex >= design.preWeeks + design.pilotWeeks ? 0.7 : 1;
    for (const rep of reps) {
      const inPilot = pilot.has(rep) && treated;
      const skill = (ability.get(rep) ?? 1) * (season[weekIndex] ?? 1) * partial;
      const deals = random.poisson(24 * skill * (inPilot ? 1 + design.revenueLift : 1));
      const revenue = dealRevenue(random, deals, 500, 0.45);
      const opportunities = random.poisson(4.2 * skill ** 0.6 * (inPilot ? 1 + design.opportunityLift : 1));
      const leadsTouched = random.poisson(inPilot ? 61 : 38);
      // A CRM sync gap now and then leaves a cell empty.
      const revenueCell = random.chance(0.008) ? '' : dollars(revenue);
      const opportunitiesCell = random.chance(0.006) ? '' : String(opportunities);
      rows.push([
        rep,
        pilot.has(rep) ? 'pilot' : 'control',
        week,
        revenueCell,
        opportunitiesCell,
        String(leadsTouched),
        '1',
      ]);
    }
  });
  const header = ['rep', 'group', 'week', 'revenue', 'opportunities', 'leads_touched', 'rep_weeks'];
  return { path: design.path, contents: toCsv(header, rows, plainCsv), rows: rows.length };
}

// ---------------------------------------------------------------------------
// 2. loop-back-call: one row per lead, leads clustered within reps.

export const loopBackCall = {
  path: 'loop-back-call.csv',
  seed: 44,
  pilotReps: 15,
  controlReps: 15,
  started: '2026-04-06',
  ended: '2026-06-26',
  /** Typical leads handed to one rep over the pilot. */
  leadsPerRep: 52,
  /** Control reps follow up on about 58% of leads; the call lifts the log-odds by 0.55 (to about 70%). */
  controlFollowUp: 0.58,
  followUpLogOdds: 0.55,
  /** Conversion depends on follow-up: 12.5% when followed up, 5% when not. */
  conversionFollowedUp: 0.125,
  conversionNotFollowedUp: 0.05,
  /**
   * The funnel's later columns (pilot-format.md, "Funnel metrics"), drawn from
   * a stream of their own (seed + funnelSeedOffset) so every earlier column is
   * what it was: an opportunity (converted) is won about 3 times in 10,
   * whatever the arm; a followed-up lead's first contact is a few days after
   * hand-off, sooner in the pilot arm, where the loop-back call nudges the rep
   * on day two.
   */
  funnelSeedOffset: 1000,
  winRate: 0.3,
  firstContactMeanDays: { pilot: 1.4, control: 2.8 },
  firstContactMostDays: 10,
} as const;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

export function makeLoopBackCall(seed: number = loopBackCall.seed): ExampleFile {
  const design = loopBackCall;
  const random = seededRandom(seed);
  const reps = repNames(random, design.pilotReps + design.controlReps);
  const pilot = randomize(random, reps, design.pilotReps);
  const pilotDays = (Date.parse(design.ended) - Date.parse(design.started)) / dayMs + 1;
  const sources = ['Webinar', 'Content download', 'Demo request', 'Trade show', 'Pricing page'];
  const funnelRandom = seededRandom(seed + design.funnelSeedOffset);
  const leads: { date: string; cells: string[] }[] = [];
  for (const rep of reps) {
    const followUpLogOdds =
      random.normal(logit(design.controlFollowUp), 0.4) + (pilot.has(rep) ? design.followUpLogOdds : 0);
    const closingSkill = Math.exp(random.normal(0, 0.2));
    const count = random.poisson(design.leadsPerRep * Math.exp(random.normal(0, 0.25)));
    for (let lead = 0; lead < count; lead += 1) {
      let date = addDays(design.started, random.integer(0, pilotDays - 1));
      // Hand-offs happen on working days.
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 6) date = addDays(date, -1);
      if (weekday === 0) date = addDays(date, 1);
      const followedUp = random.chance(logistic(followUpLogOdds));
      const conversion = (followedUp ? design.conversionFollowedUp : design.conversionNotFollowedUp) * closingSkill;
      const converted = random.chance(conversion);
      // The dialer writes Yes/No; reps who log a call by hand type it in lower case.
      let followedUpCell = followedUp ? 'Yes' : 'No';
      if (random.chance(0.05)) followedUpCell = followedUpCell.toLowerCase();
      // A few call outcomes were never logged.
      if (random.chance(0.012)) followedUpCell = '';
      const source = sources[random.integer(0, sources.length - 1)] ?? 'Webinar';
      const won = converted && funnelRandom.chance(design.winRate * closingSkill);
      // The CRM stamps the first logged contact; a call never logged (an empty followed_up) has none.
      const contacted = followedUpCell.toLowerCase() === 'yes';
      const meanDays = design.firstContactMeanDays[pilot.has(rep) ? 'pilot' : 'control'];
      const waited = Math.min(design.firstContactMostDays, Math.floor(-Math.log(1 - funnelRandom.uniform()) * meanDays));
      leads.push({
        date,
        cells: [rep, pilot.has(rep) ? 'pilot' : 'control', date, source, followedUpCell, converted ? '1' : '0', won ? 'Yes' : '', contacted ? addDays(date, waited) : ''],
      });
    }
  }
  // Lead ids grow with hand-off time, as a CRM numbers records.
  leads.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let nextId = 48_200;
  const rows = leads.map((lead) => {
    nextId += random.integer(1, 3);
    return [`LD-${nextId}`, ...lead.cells];
  });
  const header = ['lead_id', 'rep', 'group', 'handoff_date', 'lead_source', 'followed_up', 'converted', 'won', 'first_contact'];
  const dialect: CsvDialect = { delimiter: ';', lineEnd: '\r\n', byteOrderMark: false, quoteAll: false };
  return { path: design.path, contents: toCsv(header, rows, dialect), rows: rows.length };
}

// ---------------------------------------------------------------------------
// 3. qualified-routing: the pilot trap. Hand-picked pilot reps were already
// ahead before the pilot; the routing change itself adds little.

export const qualifiedRouting = {
  path: 'routing/qualified-routing.csv',
  seed: 19,
  pilotReps: 12,
  controlReps: 20,
  firstWeek: '2026-04-06',
  started: '2026-06-15',
  preWeeks: 10,
  pilotWeeks: 13,
  /**
   * How loosely the managers' nominations follow the reps' pre-period revenue
   * (sd of the log-scale noise on it); the looser, the smaller the head start.
   */
  nominationNoise: 0.3,
  /** The true added effect of routing qualified leads to the pilot reps. */
  revenueLift: 0.04,
} as const;

export function makeQualifiedRouting(seed: number = qualifiedRouting.seed): ExampleFile {
  const design = qualifiedRouting;
  const random = seededRandom(seed);
  const reps = repNames(random, design.pilotReps + design.controlReps);
  const ability = new Map(reps.map((rep) => [rep, Math.exp(random.normal(0, 0.22))]));
  const weekCount = design.preWeeks + design.pilotWeeks;
  const season = seasonality(random, weekCount, 0.05);
  const allWeeks = weeks(design.firstWeek, weekCount);
  const cells = new Map<string, string[]>();
  const preRevenue = new Map<string, number>(reps.map((rep) => [rep, 0]));
  const pilot = new Set<string>();
  const simulateWeek = (week: string, weekIndex: number): void => {
    const treated = week >= design.started;
    for (const rep of reps) {
      const inPilot = pilot.has(rep) && treated;
      const skill = (ability.get(rep) ?? 1) * (season[weekIndex] ?? 1);
      const deals = random.poisson(6 * skill * (inPilot ? 1 + design.revenueLift : 1));
      const revenue = dealRevenue(random, deals, 3100, 0.45);
      if (!treated) preRevenue.set(rep, (preRevenue.get(rep) ?? 0) + revenue);
      // Routing moves qualified leads toward the pilot reps once the pilot starts.
      const qualifiedLeads = random.poisson(treated ? (pilot.has(rep) ? 12 : 8) : 9);
      const revenueCell = random.chance(0.006) ? '' : fixed(revenue, 2);
      cells.set(`${week} ${rep}`, [week, revenueCell, String(qualifiedLeads)]);
    }
  };
  allWeeks.slice(0, design.preWeeks).forEach((week, index) => simulateWeek(week, index));
  // Not randomized: managers nominated the reps with the best follow-up
  // records, and on the record those are also their strongest sellers.
  const nomination = new Map(
    reps.map((rep) => [rep, Math.log(preRevenue.get(rep) ?? 1) + random.normal(0, design.nominationNoise)]),
  );
  const nominated = [...reps].sort((a, b) => (nomination.get(b) ?? 0) - (nomination.get(a) ?? 0));
  for (const rep of nominated.slice(0, design.pilotReps)) pilot.add(rep);
  allWeeks.slice(design.preWeeks).forEach((week, index) => simulateWeek(week, design.preWeeks + index));
  const rows = allWeeks.flatMap((week) =>
    reps.map((rep) => {
      const [, revenue = '', qualifiedLeads = ''] = cells.get(`${week} ${rep}`) ?? [];
      return [rep, pilot.has(rep) ? 'pilot' : 'control', week, revenue, qualifiedLeads];
    }),
  );
  const header = ['rep', 'group', 'week', 'revenue', 'qualified_leads'];
  const dialect: CsvDialect = { delimiter: ',', lineEnd: '\r\n', byteOrderMark: true, quoteAll: false };
  return { path: design.path, contents: toCsv(header, rows, dialect), rows: rows.length };
}

// ---------------------------------------------------------------------------
// 4. automated-quotes: admin hours from timesheets, lower is better.

export const automatedQuotes = {
  path: 'automated-quotes.csv',
  seed: 15,
  pilotReps: 16,
  controlReps: 16,
  firstWeek: '2026-05-25',
  started: '2026-07-06',
  preWeeks: 6,
  pilotWeeks: 12,
  /** Typical admin hours a rep logs per week before the pilot. */
  baselineHours: 9.6,
  /** The true effect: 17% fewer admin hours. */
  hoursChange: -0.17,
} as const;

export function makeAutomatedQuotes(seed: number = automatedQuotes.seed): ExampleFile {
  const design = automatedQuotes;
  const random = seededRandom(seed);
  const reps = repNames(random, design.pilotReps + design.controlReps);
  const pilot = randomize(random, reps, design.pilotReps);
  const weekCount = design.preWeeks + design.pilotWeeks;
  const season = seasonality(random, weekCount, 0.04);
  const usualHours = new Map(reps.map((rep) => [rep, design.baselineHours * Math.exp(random.normal(0, 0.15))]));
  const rows: string[][] = [];
  weeks(design.firstWeek, weekCount).forEach((week, weekIndex) => {
    const treated = week >= design.started;
    for (const rep of reps) {
      const inPilot = pilot.has(rep) && treated;
      const expected = (usualHours.get(rep) ?? design.baselineHours) * (season[weekIndex] ?? 1);
      const hours = Math.max(1, expected * (inPilot ? 1 + design.hoursChange : 1) + random.normal(0, 1.1));
      const quotesSent = random.poisson(7);
      // Summer: a rep on holiday, or a timesheet never submitted, leaves the hours empty.
      const submitted = !random.chance(0.04);
      rows.push([
        week,
        rep,
        pilot.has(rep) ? 'Pilot' : 'Control',
        submitted ? quarterHours(hours) : '',
        String(quotesSent),
        '1',
      ]);
    }
  });
  const header = ['week', 'rep', 'arm', 'admin_hours', 'quotes_sent', 'rep_weeks'];
  const dialect: CsvDialect = { delimiter: '\t', lineEnd: '\n', byteOrderMark: false, quoteAll: false };
  return { path: design.path, contents: toCsv(header, rows, dialect), rows: rows.length };
}

// ---------------------------------------------------------------------------
// 5. video-prospecting: still running, six weeks in.

export const videoProspecting = {
  path: 'video-prospecting.csv',
  seed: 93,
  pilotReps: 10,
  controlReps: 10,
  firstWeek: '2026-08-03',
  started: '2026-09-14',
  preWeeks: 6,
  /** Weeks of pilot data so far (the last week starts 2026-10-19). */
  pilotWeeks: 6,
  /** True effect on replies (and so meetings) per e-mail. */
  replyLift: 0.12,
} as const;

export function makeVideoProspecting(seed: number = videoProspecting.seed): ExampleFile {
  const design = videoProspecting;
  const random = seededRandom(seed);
  const reps = repNames(random, design.pilotReps + design.controlReps);
  const pilot = randomize(random, reps, design.pilotReps);
  const weekCount = design.preWeeks + design.pilotWeeks;
  const season = seasonality(random, weekCount, 0.05);
  const volume = new Map(reps.map((rep) => [rep, Math.exp(random.normal(0, 0.15))]));
  const replySkill = new Map(reps.map((rep) => [rep, Math.exp(random.normal(0, 0.2))]));
  const rows: string[][] = [];
  weeks(design.firstWeek, weekCount).forEach((week, weekIndex) => {
    const treated = week >= design.started;
    for (const rep of reps) {
      const inPilot = pilot.has(rep) && treated;
      const emails = random.poisson(240 * (volume.get(rep) ?? 1) * (season[weekIndex] ?? 1));
      const videoEmails = inPilot ? random.poisson(emails * 0.3) : 0;
      const replies = random.poisson(emails * 0.045 * (replySkill.get(rep) ?? 1) * (inPilot ? 1 + design.replyLift : 1));
      const meetings = random.poisson(replies * 0.3);
      rows.push([
        rep,
        pilot.has(rep) ? 'pilot' : 'control',
        week,
        String(emails),
        String(videoEmails),
        String(replies),
        String(meetings),
      ]);
    }
  });
  const header = ['rep', 'group', 'week', 'emails_sent', 'video_emails', 'replies', 'meetings_booked'];
  const dialect: CsvDialect = { ...plainCsv, quoteAll: true };
  return { path: design.path, contents: toCsv(header, rows, dialect), rows: rows.length };
}

// ---------------------------------------------------------------------------
// 6. deal-desk-review: a draft, territories as units, one row per deal.

export const dealDeskReview = {
  path: 'deal-desk-review.csv',
  seed: 75,
  pilotTerritories: 8,
  controlTerritories: 8,
  started: '2026-10-05',
  /** Deals closed so far (won or lost), through Friday 30 October. */
  lastDay: '2026-10-30',
  /** Typical discount off list in control territories, and the planned pilot's change. */
  controlDiscount: 0.14,
  discountChange: -0.15,
} as const;

const territories = [
  'US Northeast', 'US Southeast', 'US Central', 'US Mountain', 'US Pacific Northwest', 'California',
  'Texas', 'Canada East', 'Canada West', 'UK & Ireland', 'DACH', 'France', 'Benelux', 'Nordics',
  'Iberia', 'Italy',
];

export function makeDealDeskReview(seed: number = dealDeskReview.seed): ExampleFile {
  const design = dealDeskReview;
  const random = seededRandom(seed);
  const pilot = randomize(random, territories, design.pilotTerritories);
  const days = (Date.parse(design.lastDay) - Date.parse(design.started)) / dayMs + 1;
  const deals: { date: string; cells: string[] }[] = [];
  for (const territory of territories) {
    const discounting = design.controlDiscount * Math.exp(random.normal(0, 0.15));
    const count = random.poisson(13);
    for (let deal = 0; deal < count; deal += 1) {
      let date = addDays(design.started, random.integer(0, days - 1));
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 6) date = addDays(date, -1);
      if (weekday === 0) date = addDays(date, -2);
      const listPrice = Math.round(random.logNormal(Math.log(42_000), 0.6) / 100) * 100;
      const rate = Math.min(
        0.4,
        Math.max(0, discounting * (pilot.has(territory) ? 1 + design.discountChange : 1) * Math.exp(random.normal(0, 0.35))),
      );
      const won = random.chance(0.32);
      deals.push({
        date,
        cells: [
          territory,
          pilot.has(territory) ? 'pilot' : 'control',
          date,
          fixed(listPrice, 0),
          fixed(listPrice * rate, 0),
          won ? 'TRUE' : 'FALSE',
        ],
      });
    }
  }
  deals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const rows = deals.map((deal, index) => [`OPP-${String(7311 + index * 3)}`, ...deal.cells]);
  const header = ['deal_id', 'territory', 'group', 'close_date', 'list_price', 'discount', 'won'];
  return { path: design.path, contents: toCsv(header, rows, plainCsv), rows: rows.length };
}

// ---------------------------------------------------------------------------
// 7. follow-up-sla: a blocked random assignment, recorded before the start.
// Reps were split at random within each region with `fieldproof assign`
// (src/core/design/assign.ts), the assignment file committed, then the
// pilot ran: one row per inbound lead, a pre-period before the start.

export const followUpSla = {
  path: 'follow-up-sla.csv',
  roster: 'rosters/follow-up-sla-roster.csv',
  assignment: 'assignments/follow-up-sla.csv',
  seed: 61,
  /** The assignment's own seed, as `fieldproof assign --seed` was given it. */
  assignmentSeed: '20260615',
  regions: ['Central', 'East', 'West'],
  repsPerRegion: 6,
  firstDay: '2026-05-04',
  started: '2026-07-06',
  ended: '2026-09-25',
  /** Typical inbound leads per rep per week. */
  leadsPerWeek: 6,
  /** Leads called back within the hour: about 35% before, lifted to about 80% in the pilot. */
  controlCalledFast: 0.35,
  pilotCalledFast: 0.8,
  /** Win rate: 14% when called within the hour, 10% otherwise. */
  wonFast: 0.14,
  wonSlow: 0.1,
} as const;

/** The roster and its assignment, as `fieldproof assign --block region --seed <seed>` writes them. */
function followUpSlaAssignment(random: Random): { roster: ExampleFile; assignment: ExampleFile; arms: Map<string, 'pilot' | 'control'>; regionOf: Map<string, string> } {
  const design = followUpSla;
  const reps = repNames(random, design.regions.length * design.repsPerRegion);
  const regionOf = new Map(reps.map((rep, index) => [rep, design.regions[index % design.regions.length] as string]));
  const rosterRows = reps.map((rep) => [rep, regionOf.get(rep) as string]);
  const roster = { path: design.roster, contents: toCsv(['rep', 'region'], rosterRows, plainCsv), rows: rosterRows.length };
  const assigned = assignUnits(reps.map((rep) => ({ name: rep, block: regionOf.get(rep) as string, covariate: null })), { seed: design.assignmentSeed, pairs: false });
  const pilot = { unit: 'rep', group: { column: 'group', pilot: 'pilot', control: 'control' } };
  const contents = formatAssignmentFile(pilot, { seed: design.assignmentSeed, covariate: null, units: assigned });
  return {
    roster,
    assignment: { path: design.assignment, contents, rows: assigned.length },
    arms: new Map(assigned.map((unit) => [unit.name, unit.arm])),
    regionOf,
  };
}

export function makeFollowUpSla(seed: number = followUpSla.seed): ExampleFile[] {
  const design = followUpSla;
  const random = seededRandom(seed);
  const { roster, assignment, arms, regionOf } = followUpSlaAssignment(random);
  const lastDay = (Date.parse(design.ended) - Date.parse(design.firstDay)) / dayMs;
  const leads: { date: string; cells: string[] }[] = [];
  for (const [rep, arm] of arms) {
    const speed = random.normal(0, 0.35);
    const closing = Math.exp(random.normal(0, 0.15));
    const count = random.poisson(design.leadsPerWeek * (lastDay / 7) * Math.exp(random.normal(0, 0.2)));
    for (let lead = 0; lead < count; lead += 1) {
      const date = addDays(design.firstDay, random.integer(0, lastDay));
      const treated = arm === 'pilot' && date >= design.started;
      const fast = random.chance(logistic(logit(treated ? design.pilotCalledFast : design.controlCalledFast) + speed));
      const won = random.chance((fast ? design.wonFast : design.wonSlow) * closing);
      leads.push({ date, cells: [rep, regionOf.get(rep) as string, arm, date, fast ? 'yes' : 'no', won ? 'yes' : 'no'] });
    }
  }
  leads.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const rows = leads.map((lead, index) => [`IN-${String(90_001 + index)}`, ...lead.cells]);
  const header = ['lead_id', 'rep', 'region', 'group', 'created', 'called_within_hour', 'won'];
  return [{ path: design.path, contents: toCsv(header, rows, plainCsv), rows: rows.length }, roster, assignment];
}

// ---------------------------------------------------------------------------
// 8. renewal-playbook: planned. The roster and the assignment are committed
// before the start (January 2027); there is no data yet. The covariate is
// each rep's renewal revenue last half-year, which sizes what the pilot can
// detect, and pairs are matched on it within each segment.

export const renewalPlaybook = {
  roster: 'rosters/renewal-playbook-roster.csv',
  assignment: 'assignments/renewal-playbook.csv',
  seed: 83,
  assignmentSeed: '20261201',
  segments: ['Enterprise', 'Mid-Market'],
  repsPerSegment: 10,
} as const;

export function makeRenewalPlaybook(seed: number = renewalPlaybook.seed): ExampleFile[] {
  const design = renewalPlaybook;
  const random = seededRandom(seed);
  const reps = repNames(random, design.segments.length * design.repsPerSegment);
  const segmentOf = new Map(reps.map((rep, index) => [rep, design.segments[index % design.segments.length] as string]));
  const before = new Map(reps.map((rep) => [rep, Math.round(random.logNormal(Math.log(segmentOf.get(rep) === 'Enterprise' ? 180_000 : 90_000), 0.35))]));
  const rosterRows = reps.map((rep) => [rep, segmentOf.get(rep) as string, String(before.get(rep))]);
  const roster = { path: design.roster, contents: toCsv(['rep', 'segment', 'renewals_h2'], rosterRows, plainCsv), rows: rosterRows.length };
  const assigned = assignUnits(
    reps.map((rep) => ({ name: rep, block: segmentOf.get(rep) as string, covariate: before.get(rep) as number })),
    { seed: design.assignmentSeed, pairs: true },
  );
  const pilot = { unit: 'rep', group: { column: 'group', pilot: 'pilot', control: 'control' } };
  const contents = formatAssignmentFile(pilot, { seed: design.assignmentSeed, covariate: 'renewals_h2', units: assigned });
  return [roster, { path: design.assignment, contents, rows: assigned.length }];
}

// ---------------------------------------------------------------------------
// lead-qualification: a CRM export of leads with four yes/no qualification
// criteria and whether each was won (a qualification evidence file, not a pilot).

export const leadQualification = {
  path: 'lead-qualification.csv',
  seed: 3,
  leads: 600,
  firstDay: '2026-01-05',
  days: 174,
  /** How often each criterion is met, and what it adds to a lead's log-odds of winning on its own. */
  criteria: [
    { column: 'budget_confirmed', met: 0.55, weight: 0.45 },
    { column: 'decision_maker', met: 0.5, weight: 0.7 },
    { column: 'timeline', met: 0.45, weight: 0.3 },
    { column: 'need', met: 0.7, weight: 0.05 },
  ],
  /** Log-odds of a win with no criterion met (about 6%). */
  baseLogOdds: -2.75,
  /** The tipping point: what meeting three or more criteria adds on top (the buying group is complete). */
  tippingLogOdds: 1.0,
  tippingAt: 3,
  /** Leads still open (no outcome yet) and criteria not filled in by the rep. */
  openShare: 0.03,
  blankTimeline: 0.015,
} as const;

export function makeLeadQualification(seed: number = leadQualification.seed): ExampleFile {
  const design = leadQualification;
  const random = seededRandom(seed);
  const sources = ['Webinar', 'Inbound form', 'Outbound', 'Partner', 'Event'];
  const rows: string[][] = [];
  for (let index = 0; index < design.leads; index += 1) {
    const created = addDays(design.firstDay, random.integer(0, design.days - 1));
    const met = design.criteria.map((criterion) => random.chance(criterion.met));
    const count = met.filter(Boolean).length;
    const logOdds = design.baseLogOdds + design.criteria.reduce((sum, criterion, position) => sum + (met[position] ? criterion.weight : 0), 0) + (count >= design.tippingAt ? design.tippingLogOdds : 0);
    const won = random.chance(logistic(logOdds));
    // Reps tick boxes their own way: "Yes"/"No" mostly, an "x" for yes now and then.
    const mark = (isMet: boolean): string => (isMet ? (random.chance(0.1) ? 'x' : 'Yes') : 'No');
    const cells = met.map(mark);
    if (random.chance(design.blankTimeline)) cells[2] = '';
    const outcome = random.chance(design.openShare) ? '' : won ? 'Yes' : 'No';
    rows.push([`L-${String(10001 + index)}`, created, sources[random.integer(0, sources.length - 1)] as string, ...cells, outcome]);
  }
  rows.sort((a, b) => (a[1] as string).localeCompare(b[1] as string) || (a[0] as string).localeCompare(b[0] as string));
  const header = ['lead_id', 'created', 'source', ...design.criteria.map((criterion) => criterion.column), 'won'];
  return { path: design.path, contents: toCsv(header, rows, plainCsv), rows: rows.length };
}

// ---------------------------------------------------------------------------

/** Every example data file, in memory. Pure: the same files on every call. */
export function exampleData(): ExampleFile[] {
  return [
    makeNurtureSequence(),
    makeLoopBackCall(),
    makeQualifiedRouting(),
    makeAutomatedQuotes(),
    makeVideoProspecting(),
    makeDealDeskReview(),
    ...makeFollowUpSla(),
    ...makeRenewalPlaybook(),
    makeLeadQualification(),
  ];
}

/**
 * Writes the example data files under `dataDir` (the repository's data/ when
 * run as a script). Each file is written to a temporary name and renamed, so
 * an interrupted run never leaves half a CSV behind.
 */
export async function writeExamples(dataDir: string): Promise<ExampleFile[]> {
  const files = exampleData();
  for (const file of files) {
    const target = join(dataDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.tmp`, file.contents, 'utf8');
    await rename(`${target}.tmp`, target);
  }
  return files;
}

const runAsScript = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runAsScript) {
  const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
  for (const file of await writeExamples(dataDir)) {
    const kilobytes = (Buffer.byteLength(file.contents, 'utf8') / 1024).toFixed(1);
    console.log(`data/${file.path}: ${file.rows} rows, ${kilobytes} KB`);
  }
}
