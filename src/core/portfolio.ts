/**
 * What an executive asks of every pilot at once: how many ran, how many
 * won, how many were decided, and what the rolled-out ones are worth.
 *
 * The value is the sum of the rolled-out pilots' rollout projections
 * (statistics.md section 8) of their primary metric, with the interval of
 * ./stats/portfolio.ts. Only projections in money add up: a currency metric,
 * all in one currency, each over its own pilot's length. Pilots left out of
 * the sum are counted, so the page can say so.
 */
import type { PilotEvidence } from './evidence.ts';
import { primaryResult, type MetricResult } from './results.ts';
import { sumOfIndependent, type Projection } from './stats/index.ts';

export interface Portfolio {
  /** Published pilots, running ones included. */
  run: number;
  concluded: number;
  wins: number;
  /** Pilots whose file records a decision. */
  decided: number;
  rolledOut: number;
  /** The rolled-out pilots' summed rollout value, or null when none has one in money. */
  value: { total: Projection; pilots: number; metric: MetricResult; confidence: number } | null;
  /** Rolled-out pilots whose value could not be added: no rollout, not money, another currency, or another confidence level. */
  valueLeftOut: number;
}

export function portfolioOf(pilots: readonly PilotEvidence[]): Portfolio {
  const concluded = pilots.filter((pilot) => pilot.results.status === 'concluded');
  const rolledOut = pilots.filter((pilot) => pilot.results.decision?.outcome === 'rolled out');
  // The first rolled-out pilot with a value in money sets the currency and level the others must share.
  const valued = rolledOut.filter((pilot) => primaryResult(pilot.results).rollout !== null && primaryResult(pilot.results).format === 'currency');
  const first = valued[0];
  const added = first === undefined ? [] : valued.filter((pilot) => primaryResult(pilot.results).currency === primaryResult(first.results).currency && pilot.results.confidence === first.results.confidence);
  return {
    run: pilots.length,
    concluded: concluded.length,
    wins: concluded.filter((pilot) => primaryResult(pilot.results).verdict === 'win').length,
    decided: pilots.filter((pilot) => pilot.results.decision !== null).length,
    rolledOut: rolledOut.length,
    value:
      first === undefined
        ? null
        : {
            total: sumOfIndependent(added.map((pilot) => primaryResult(pilot.results).rollout as Projection)),
            pilots: added.length,
            metric: primaryResult(first.results),
            confidence: first.results.confidence,
          },
    valueLeftOut: rolledOut.length - added.length,
  };
}
