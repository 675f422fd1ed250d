/**
 * Text output of the command line: the headline table of `check` and the
 * readable summary of `analyze`.
 */
import { largest } from '../core/extent.ts';
import type { PilotEvidence } from '../core/evidence.ts';
import type { PlannedPilot } from '../core/plan.ts';
import { formatConfidence, formatCount, formatDifference, formatLift, formatP, formatValue } from '../core/present/format.ts';
import { agreesAboutZero, detectableIsKnown, guardrailText, headlineText, NO_VARIATION, primaryResult, randomizationWords, verdictLabel } from '../core/present/headline.ts';
import type { MetricResult } from '../core/results.ts';
import { INTERIM, unitNouns, verdictPhrase } from '../core/present/words.ts';
import { funnelGainSentence, funnelRows } from '../core/present/funnel.ts';
import { segmentsSection } from '../core/present/segments-model.ts';
import type { Paint } from './style.ts';
import { terminalText } from './terminal.ts';


function verdictColour(metric: MetricResult, style: Paint): (text: string) => string {
  return metric.verdict === 'win' ? style.green : metric.verdict === 'loss' ? style.red : metric.verdict === 'too-few' ? style.bold : style.yellow;
}

/** Columns padded to their widest cell; colour is added after padding so it cannot skew widths. */
export function headlineTable(pilots: readonly PilotEvidence[], style: Paint, plans: readonly PlannedPilot[] = []): string {
  const header = ['pilot', 'status', 'primary metric', 'change', 'interval', 'verdict'];
  const rows: { cells: string[]; metric: MetricResult | null }[] = pilots.map((pilot) => {
    const metric = primaryResult(pilot.results);
    const text = headlineText(metric);
    const status = pilot.results.status === 'running' ? INTERIM.status : pilot.results.status;
    const cells = [pilot.slug, status, metric.label, text.change, text.interval, verdictLabel(metric)];
    return { cells: cells.map(terminalText), metric };
  });
  // A planned pilot has no result yet: what it will measure and when it starts.
  for (const { slug, plan } of plans) {
    const primary = plan.metrics.find((metric) => metric.primary) ?? plan.metrics[0];
    const split = plan.design === null ? 'not assigned yet' : `${plan.design.units.pilot} vs ${plan.design.units.control} units`;
    rows.push({ cells: [slug, 'planned', primary?.label ?? '', '', split, `starts ${plan.started}`].map(terminalText), metric: null });
  }
  const widths = header.map((title, column) => largest(rows.map(({ cells }) => (cells[column] as string).length), title.length));
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
    ...rows.map(({ cells, metric }) => line(cells, metric === null ? undefined : verdictColour(metric, style))),
  ].join('\n') + '\n';
}

export function metricSummary(pilot: PilotEvidence, style: Paint): string {
  const { results } = pilot;
  const level = formatConfidence(results.confidence);
  const { many: units } = unitNouns(pilot.pilot.unit);
  const out: string[] = [
    style.bold(terminalText(results.title)),
    `${results.status}${results.status === 'running' ? ' (interim results)' : ''}; ${results.units.pilot} pilot and ${results.units.control} control units; ${level} intervals`,
    '',
  ];
  for (const metric of results.metrics) {
    const colour = verdictColour(metric, style);
    const { headline } = metric;
    out.push(`${style.bold(terminalText(metric.label))}${metric.primary ? ' (primary)' : metric.role === 'guardrail' ? ' (guardrail)' : ''}: ${colour(verdictPhrase(metric.verdict))}`);
    const guardrail = guardrailText(metric, results.confidence);
    if (guardrail !== null) out.push(`  guardrail (${guardrail.margin}): ${(guardrail.verdict === 'no-harm' ? (text: string) => text : style.yellow)(terminalText(`${guardrail.phrase}. ${guardrail.sentence}`))}`);
    out.push(`  ${terminalText(metric.sentence)}`);
    out.push(`  ${terminalText(metric.range)}`);
    out.push(
      `  pilot ${formatValue(metric.pilot.value, metric)} (${metric.pilot.units} units, ${metric.pilot.rows} rows); control ${formatValue(metric.control.value, metric)} (${metric.control.units} units, ${metric.control.rows} rows)`,
    );
    const bound = (value: number | null, side: string) => (value === null ? `no ${side} limit` : formatDifference(value, metric));
    const how =
      headline.randomization === null
        ? 'Newcombe'
        : `randomization, ${randomizationWords(metric, units) ?? ''}; smallest possible ${formatP(headline.randomization.minimumP)}`;
    out.push(
      headline.absolute.p === null
        ? `  headline: none, the groups were too far apart before the pilot (plain comparison ${formatDifference(headline.absolute.estimate, metric)}); ${terminalText(how)}`
        : `  headline (${headline.basis}): ${formatDifference(headline.absolute.estimate, metric)} (${bound(headline.absolute.low, 'lower')} to ${bound(headline.absolute.high, 'upper')}), ${formatP(headline.absolute.p)}, ${terminalText(how)}`,
    );
    if (headline.reason !== null) out.push(`  ${style.yellow(terminalText(headline.reason))}`);
    // The large-sample analyses as a check, only where they agree with the headline about zero (statistics.md section 6).
    for (const [name, absolute] of [[`large-sample (${metric.method})`, metric.absolute], ['adjusted, large-sample', metric.adjusted?.absolute ?? null]] as const) {
      if (absolute === null || !agreesAboutZero(absolute.low, absolute.high, headline.absolute)) continue;
      out.push(`  ${name}: ${formatDifference(absolute.estimate, metric)} (${formatDifference(absolute.low, metric)} to ${formatDifference(absolute.high, metric)}), ${formatP(absolute.p)}`);
    }
    if (metric.adjusted) {
      const { balance } = metric.adjusted;
      const ahead = balance.relative === null ? '' : ` (${formatLift(balance.relative, { signed: true })})`;
      out.push(
        `  baseline: pilot ${formatValue(balance.pilot, metric)} vs control ${formatValue(balance.control, metric)}${ahead}, ${formatP(balance.p)}${balance.flagged ? style.yellow(' FLAGGED: the arms differed before the pilot started') : ''}`,
      );
    }
    const detectable =
      metric.mde === null
        ? 'none: too few units for any effect to be shown'
        : detectableIsKnown(metric)
          ? `${formatDifference(metric.mde.absolute, metric, { signed: false })}${metric.mde.relative === null ? '' : ` (${formatLift(metric.mde.relative)})`}`
          : NO_VARIATION;
    out.push(`  smallest effect this pilot could reliably detect: ${detectable}`);
    if (metric.rollout) {
      const { rollout } = metric;
      out.push(
        `  rollout to ${terminalText(rollout.label)} (${formatCount(rollout.units)}): ${formatDifference(rollout.estimate, metric)} (${bound(rollout.low, 'lower')} to ${bound(rollout.high, 'upper')}), if the effect carries over`,
      );
    }
    if (metric.stages) out.push(...funnelLines(metric, results.confidence));
    out.push('');
  }
  out.push(...segmentLines(pilot));
  return `${out.join('\n').trimEnd()}\n`;
}


/** A funnel's stages as the report's table gives them, and the sentence naming where the pilot gained most. */
function funnelLines(metric: MetricResult, confidence: number): string[] {
  const lines = funnelRows(metric).map((row) => {
    const arms = `pilot ${row.pilot.ofPrevious} (${row.pilot.count}), control ${row.control.ofPrevious} (${row.control.count})`;
    const change = row.refused !== null ? `; ${row.refused}` : row.change === null ? '' : `; ${row.change} (${row.interval ?? 'no interval'}), ${verdictPhrase(row.verdict ?? 'inconclusive')}`;
    return `  ${terminalText(row.label)}${row.over === null ? '' : `, ${terminalText(row.over)}`}: ${arms}${change}`;
  });
  const gain = funnelGainSentence(metric, confidence);
  return gain === null ? lines : [...lines, `  ${terminalText(gain)}`];
}

/** The primary metric per segment value, as the report's segments section words it. */
function segmentLines(pilot: PilotEvidence): string[] {
  const section = segmentsSection(pilot.results.segments, primaryResult(pilot.results), pilot.pilot.unit, pilot.results.confidence);
  if (section === null) return [];
  const lines: string[] = [];
  for (const column of section.columns) {
    lines.push(`Segments ${terminalText(column.title.charAt(0).toLowerCase() + column.title.slice(1))} (the primary metric)`, `  ${terminalText(column.adjusted)}`);
    for (const row of column.rows) {
      const figures = row.flag !== null ? row.flag : [row.change, row.interval, row.p].filter((part) => part !== null).join('; ');
      lines.push(`  ${terminalText(row.value)} (${row.units}): ${verdictPhrase(row.verdict)}${figures === '' ? '' : `, ${terminalText(figures)}`}`);
    }
    lines.push(`  ${terminalText(column.interaction)}`, '');
  }
  return lines;
}
