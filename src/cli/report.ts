/**
 * Text output of the command line: the headline table of `check` and the
 * readable summary of `analyze`.
 */
import type { PilotEvidence } from '../core/evidence.ts';
import { formatConfidence, formatCount, formatDifference, formatLift, formatP, formatValue } from '../core/present/format.ts';
import { detectableIsKnown, headlineText, NO_VARIATION, primaryResult } from '../core/present/headline.ts';
import type { MetricResult } from '../core/results.ts';
import { INTERIM, verdictPhrase } from '../core/present/words.ts';
import type { Paint } from './style.ts';
import { terminalText } from './terminal.ts';


function verdictColour(metric: MetricResult, style: Paint): (text: string) => string {
  return metric.verdict === 'win' ? style.green : metric.verdict === 'loss' ? style.red : style.yellow;
}

/** Columns padded to their widest cell; colour is added after padding so it cannot skew widths. */
export function headlineTable(pilots: readonly PilotEvidence[], style: Paint): string {
  const header = ['pilot', 'status', 'primary metric', 'change', 'interval', 'verdict'];
  const rows = pilots.map((pilot) => {
    const metric = primaryResult(pilot.results);
    const text = headlineText(metric);
    const status = pilot.results.status === 'running' ? INTERIM.status : pilot.results.status;
    const cells = [pilot.slug, status, metric.label, text.change, text.interval, verdictPhrase(metric.verdict)];
    return { cells: cells.map(terminalText), metric };
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map(({ cells }) => (cells[column] as string).length)));
  const line = (cells: string[], colour?: (text: string) => string) =>
    cells
      .map((cell, column) => {
        const padded = column === cells.length - 1 ? cell : cell.padEnd(widths[column] as number);
        return column === cells.length - 1 && colour ? colour(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [
    style.bold(line(header)),
    ...rows.map(({ cells, metric }) => line(cells, verdictColour(metric, style))),
  ].join('\n') + '\n';
}

export function metricSummary(pilot: PilotEvidence, style: Paint): string {
  const { results } = pilot;
  const level = formatConfidence(results.confidence);
  const out: string[] = [
    style.bold(terminalText(results.title)),
    `${results.status}${results.status === 'running' ? ' (interim results)' : ''}; ${results.units.pilot} pilot and ${results.units.control} control units; ${level} intervals`,
    '',
  ];
  for (const metric of results.metrics) {
    const colour = verdictColour(metric, style);
    out.push(`${style.bold(terminalText(metric.label))}${metric.primary ? ' (primary)' : ''}: ${colour(verdictPhrase(metric.verdict))}`);
    out.push(`  ${terminalText(metric.sentence)}`);
    out.push(`  ${terminalText(metric.range)}`);
    out.push(
      `  pilot ${formatValue(metric.pilot.value, metric)} (${metric.pilot.units} units, ${metric.pilot.rows} rows); control ${formatValue(metric.control.value, metric)} (${metric.control.units} units, ${metric.control.rows} rows)`,
    );
    out.push(
      `  difference ${formatDifference(metric.absolute.estimate, metric)} (${formatDifference(metric.absolute.low, metric)} to ${formatDifference(metric.absolute.high, metric)}), ${formatP(metric.absolute.p)}, method ${metric.method}`,
    );
    if (metric.adjusted) {
      const { balance } = metric.adjusted;
      out.push(
        `  adjusted for the baseline (ANCOVA, ${metric.adjusted.units} units): ${formatDifference(metric.adjusted.absolute.estimate, metric)} (${formatDifference(metric.adjusted.absolute.low, metric)} to ${formatDifference(metric.adjusted.absolute.high, metric)}), ${formatP(metric.adjusted.absolute.p)}`,
      );
      const ahead = balance.relative === null ? '' : ` (${formatLift(balance.relative, { signed: true })})`;
      out.push(
        `  baseline: pilot ${formatValue(balance.pilot, metric)} vs control ${formatValue(balance.control, metric)}${ahead}, ${formatP(balance.p)}${balance.flagged ? style.yellow(' FLAGGED: the arms differed before the pilot started') : ''}`,
      );
    }
    const relativeMde = metric.mde.relative === null ? '' : ` (${formatLift(metric.mde.relative)})`;
    const detectable = detectableIsKnown(metric) ? `${formatDifference(metric.mde.absolute, metric, { signed: false })}${relativeMde}` : NO_VARIATION;
    out.push(`  smallest effect this pilot could reliably detect: ${detectable}`);
    if (metric.rollout) {
      out.push(
        `  rollout to ${terminalText(metric.rollout.label)} (${formatCount(metric.rollout.units)}): ${formatDifference(metric.rollout.estimate, metric)} (${formatDifference(metric.rollout.low, metric)} to ${formatDifference(metric.rollout.high, metric)}), if the effect carries over`,
      );
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
