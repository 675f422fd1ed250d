/** The pilot of test/core/stats/reference/interaction.R, case C: revenue per rep by region, rows as R reads them. */
import type { ResultsDocument, SegmentColumnResult } from '../../src/core/results.ts';
import { analyzeRows, pilotOf } from '../robustness/support.ts';

export const HEADER = ['rep', 'group', 'region', 'revenue'];
export const ROWS = [
  ['p1', 'pilot', 'north', '120'],
  ['p1', 'pilot', 'north', '80'],
  ['p1', 'pilot', 'south', '40'],
  ['p2', 'pilot', 'north', '150'],
  ['p2', 'pilot', 'south', '60'],
  ['p3', 'pilot', 'north', '90'],
  ['p3', 'pilot', 'south', '70'],
  ['p3', 'pilot', '', '10'],
  ['p4', 'pilot', 'north', '130'],
  ['p5', 'pilot', 'south', '50'],
  ['p5', 'pilot', 'south', '45'],
  ['p5', 'pilot', 'north', '100'],
  ['p1', 'pilot', 'west', '30'],
  ['c1', 'control', 'north', '70'],
  ['c1', 'control', 'south', '55'],
  ['c2', 'control', 'north', '85'],
  ['c2', 'control', 'south', '40'],
  ['c3', 'control', 'north', '60'],
  ['c4', 'control', 'south', '65'],
  ['c4', 'control', 'north', '75'],
  ['c5', 'control', 'south', '30'],
  ['c5', 'control', 'north', '50'],
  ['c2', 'control', 'west', '20'],
];

export function regionResults(rows = ROWS): ResultsDocument {
  const { outcome } = analyzeRows(pilotOf({ segments: ['region'] }), HEADER, rows);
  if (outcome === null || !outcome.ok) throw new Error('expected an analysis');
  return outcome.analysis.results;
}

export function regionSegments(rows = ROWS): SegmentColumnResult {
  const column = regionResults(rows).segments?.[0];
  if (column === undefined) throw new Error('expected a segments column');
  return column;
}

