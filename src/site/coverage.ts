/**
 * The simulated coverage of the headline interval (docs/coverage.md), as the
 * methodology page shows it. The numbers are fieldproof's own, measured by
 * `npx node scripts/coverage.ts`, which writes coverage-table.json beside this
 * module (the site reads nothing outside src/), and are checked on the way
 * in: a page must never print a coverage it cannot stand behind.
 */
import { z } from 'zod';
import table from './coverage-table.json' with { type: 'json' };
import { formatCount, formatLift } from '../core/present/format.ts';
import { midSentence } from '../core/present/words.ts';

const share = z.number().min(0).max(1);

const CoverageRow = z.object({
  id: z.string(),
  design: z.string(),
  effect: z.enum(['constant', 'varying']),
  pilotUnits: z.number().int().positive(),
  controlUnits: z.number().int().positive(),
  truthShown: z.string(),
  simulations: z.number().int().positive(),
  shown: share,
  covered: share,
  missedLow: share,
  missedHigh: share,
  tooFew: share,
  groupsApart: share,
});

const CoverageTable = z.object({
  confidence: z.number().gt(0).lt(1),
  target: share,
  rows: z.array(CoverageRow).min(1),
});

type Row = z.infer<typeof CoverageRow>;

/** One design at one size: its constant-effect and varying-effect rows side by side. */
export interface CoverageLine {
  design: string;
  reps: string;
  truth: string;
  simulations: string;
  constant: string;
  varying: string;
  /** Set when the constant-effect coverage falls below the target. */
  short: boolean;
}

/** A design whose groups were sometimes too far apart before the pilot for any interval (statistics.md section 12). */
export interface GroupsApartLine {
  /** The design's name as it reads mid-sentence: "revenue per rep, adjusted (ANCOVA)". */
  design: string;
  reps: string;
  /** Share of the simulated pilots shown no interval, with a constant effect. */
  apart: string;
}

export interface CoverageModel {
  confidence: string;
  target: string;
  lines: CoverageLine[];
  groupsApart: GroupsApartLine[];
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function coverageModel(source: unknown = table): CoverageModel {
  const parsed = CoverageTable.parse(source);
  const pairs = new Map<string, { constant?: Row; varying?: Row }>();
  for (const row of parsed.rows) {
    const key = `${row.design}|${row.pilotUnits}|${row.controlUnits}`;
    pairs.set(key, { ...pairs.get(key), [row.effect]: row });
  }
  const lines: CoverageLine[] = [];
  const groupsApart: GroupsApartLine[] = [];
  for (const { constant, varying } of pairs.values()) {
    const first = constant ?? varying;
    if (first === undefined) continue;
    const reps = `${formatCount(first.pilotUnits)} vs ${formatCount(first.controlUnits)}`;
    lines.push({
      design: first.design,
      reps,
      truth: first.truthShown,
      simulations: formatCount(Math.min(constant?.simulations ?? Infinity, varying?.simulations ?? Infinity)),
      constant: constant ? percent(constant.covered) : '—',
      varying: varying ? percent(varying.covered) : '—',
      short: constant !== undefined && constant.covered < parsed.target,
    });
    if (constant && constant.groupsApart > 0) groupsApart.push({ design: midSentence(first.design), reps, apart: percent(constant.groupsApart) });
  }
  return { confidence: formatLift(parsed.confidence), target: percent(parsed.target), lines, groupsApart };
}
