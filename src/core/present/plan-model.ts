/**
 * A planned pilot's page as data (src/core/plan.ts): what will be compared,
 * how the units were split, what the pilot could detect, and when the plan
 * was committed, before any result exists. The page renders this in place of
 * the report until the pilot's data arrives.
 */
import type { HypothesisHistory } from '../evidence.ts';
import type { PlannedPilot } from '../plan.ts';
import { primaryMetric } from '../pilot.ts';
import { count, day, daysBetween, formatConfidence, formatCount, formatDifference, formatLift, formatP, formatValue } from './format.ts';
import { marginWords } from './headline.ts';
import { LOWER_IS_BETTER, midSentence, unitNouns } from './words.ts';
import { cardTitle, type CardContent } from './card-model.ts';

export interface PlanModel {
  slug: string;
  title: string;
  /** The link preview's text: planned, when it starts, the design, what it could detect. */
  description: string;
  imageAlt: string;
  summary: string | null;
  /** "Starts 11 Jan 2027", with its end when set. */
  when: string;
  hypothesis: string;
  /** The plan's registration: when its hypothesis and primary metric were first committed. */
  registration: { tone: 'pre-registered' | 'after-start' | 'unknown'; text: string };
  /** Every metric but the guardrails. */
  metrics: { label: string; primary: boolean; direction: string | null }[];
  /** The guardrails, apart: each with the harm it tolerates ("at most 5% worse"); null when there is none. */
  guardrails: { title: string; intro: string; items: { label: string; margin: string; direction: string | null }[] } | null;
  design: { paragraphs: string[]; blocks: { label: string; pilot: string; control: string }[] | null };
  detectable: string;
  champion: { quote: string | null; name: string; role: string | null } | null;
  owner: string | null;
}

export function planModel(planned: PlannedPilot, registration: HypothesisHistory): PlanModel {
  const { plan, pilot } = planned;
  const { one: unit, many: units } = unitNouns(pilot.unit);
  const when = `Starts ${day(plan.started)}${plan.ended ? `, ends ${day(plan.ended)}` : ''}`;
  const design = designWords(planned, units, unit);
  const detectable = detectableWords(planned);
  const sized = plan.design ? `${formatCount(plan.design.units.pilot)} vs ${formatCount(plan.design.units.control)} ${units}` : 'not assigned yet';
  return {
    slug: plan.slug,
    title: plan.title,
    description: `Planned pilot: ${when.toLowerCase()}, ${sized}. ${pilot.hypothesis}`,
    imageAlt: `${plan.title}: a planned pilot, ${when.toLowerCase()}; ${sized}.`,
    summary: pilot.summary ?? null,
    when,
    hypothesis: pilot.hypothesis,
    registration: registrationNote(plan.started, registration),
    metrics: plan.metrics
      .filter((metric) => metric.role !== 'guardrail')
      .map((metric) => ({ label: metric.label, primary: metric.primary, direction: metric.better === 'lower' ? LOWER_IS_BETTER : null })),
    guardrails: guardrailsOf(planned),
    design,
    detectable,
    champion: pilot.champion ? { quote: pilot.champion.quote ?? null, name: pilot.champion.name, role: pilot.champion.role ?? null } : null,
    owner: pilot.owner ? `Pilot owner: ${pilot.owner}.` : null,
  };
}

function guardrailsOf({ plan, pilot }: PlannedPilot): PlanModel['guardrails'] {
  const items = plan.metrics.flatMap((metric, index) => {
    const defined = pilot.metrics[index];
    if (metric.margin === null || defined === undefined) return [];
    return [{ label: metric.label, margin: marginWords(metric.margin, defined), direction: metric.better === 'lower' ? LOWER_IS_BETTER : null }];
  });
  if (items.length === 0) return null;
  return {
    title: items.length === 1 ? 'Guardrail' : 'Guardrails',
    intro: `${items.length === 1 ? 'A metric' : 'Metrics'} the pilot must not harm by more than a set margin. The result will say for each whether harm beyond its margin was ruled out; ${items.length === 1 ? 'it does' : 'they do'} not decide the pilot\u2019s verdict.`,
    items,
  };
}

function designWords({ plan, pilot }: PlannedPilot, units: string, unit: string): PlanModel['design'] {
  const design = plan.design;
  // The covariate is the primary metric before the pilot: written as that metric is.
  const value = (amount: number) => formatValue(amount, primaryMetric(pilot));
  if (design === null) {
    return {
      paragraphs: [
        `The ${units} have not been assigned yet. Split them at random before the pilot starts (fieldproof assign), and commit the assignment file, so no one can say the best ${units} were picked.`,
      ],
      blocks: null,
    };
  }
  const how = {
    complete: `split at random into two groups`,
    blocked: `split at random within ${count(design.blocks.length, 'block')}, so each block has ${units} in both groups`,
    pairs: `paired by their level before the pilot and split at random within each pair`,
  }[design.design];
  const paragraphs = [
    `${formatCount(design.units.pilot + design.units.control)} ${units} were ${how}: ${formatCount(design.units.pilot)} will get the pilot and ${formatCount(design.units.control)} will not. The split is recorded in ${design.file} (seed ${design.seed}), where anyone can check it was drawn by chance.`,
  ];
  if (design.balance !== null) {
    const apart = design.balance.standardizedDifference === null ? '' : ` (${Math.abs(design.balance.standardizedDifference).toFixed(2)} standard deviations apart)`;
    paragraphs.push(
      `Before the pilot, ${midSentence(design.balance.covariate)} averaged ${value(design.balance.pilot)} per ${unit} in the pilot group and ${value(design.balance.control)} in the control group${apart}.`,
    );
  }
  paragraphs.push(
    design.tooFew
      ? `With this design the most unusual split possible has ${formatP(design.minimumP)}: too few ${units} for any result at the ${formatConfidence(plan.confidence)} level${design.unitsNeeded === null ? '' : `; ${formatCount(design.unitsNeeded)} ${units} in each group would make one possible`}.`
      : `With this design a clear result is possible: the most unusual split has ${formatP(design.minimumP)}.`,
  );
  return {
    paragraphs,
    blocks: design.design === 'complete' ? null : design.blocks.map((block) => ({ label: block.label || 'all', pilot: formatCount(block.pilot), control: formatCount(block.control) })),
  };
}

function detectableWords({ plan, pilot }: PlannedPilot): string {
  if (plan.design?.tooFew) return 'No effect could be shown with this few units, however large: add units before the pilot starts.';
  const detectable = plan.detectable;
  if (detectable === null) {
    return `What the pilot could detect is sized from each unit's level before the pilot: give the assignment a covariate (fieldproof assign --covariate) to see it here.`;
  }
  const difference = formatDifference(detectable.absolute, primaryMetric(pilot), { signed: false });
  const size = detectable.relative === null ? difference : `${formatLift(detectable.relative)} (${difference})`;
  return (
    `From the spread of ${midSentence(detectable.covariate)} before the pilot, this pilot would detect a true change of about ${size} or more, 8 times out of 10, ` +
    `comparing the groups' plain averages. The baseline adjustment the report makes will usually detect smaller changes.`
  );
}

function registrationNote(started: string, history: HypothesisHistory): PlanModel['registration'] {
  switch (history.status) {
    case 'committed': {
      const lead = daysBetween(history.date, started);
      return lead > 0
        ? { tone: 'pre-registered', text: `Hypothesis and primary metric first committed on ${day(history.date)}, ${count(lead, 'day')} before the pilot starts: a pre-registration the result cannot have shaped.` }
        : { tone: 'after-start', text: `Hypothesis and primary metric first committed on ${day(history.date)}, not before the start on ${day(started)}.` };
    }
    case 'uncommitted':
      return { tone: 'unknown', text: 'Not committed to git yet: commit the plan before the pilot starts, so its date proves it came first.' };
    case 'unavailable':
      return { tone: 'unknown', text: `The date it was written is not available (${history.reason}).` };
  }
}

/** What a planned pilot's preview card says. */
export function planCardContent(planned: PlannedPilot, options: { host: string }): CardContent {
  const { plan, pilot } = planned;
  const { many: units } = unitNouns(pilot.unit);
  const primary = plan.metrics.find((metric) => metric.primary) ?? plan.metrics[0];
  const detectable = plan.detectable;
  return {
    kicker: 'Sales pilot evidence',
    status: 'Planned',
    interim: false,
    title: cardTitle(plan.title),
    metric: primary ? `Primary metric: ${primary.label}` : '',
    lift: 'Planned',
    interval: plan.design ? `${formatCount(plan.design.units.pilot)} vs ${formatCount(plan.design.units.control)} ${units}, split at random` : `Starts ${day(plan.started)}`,
    verdict: null,
    bar: null,
    guardrail: null,
    note:
      detectable !== null && detectable.relative !== null
        ? `Starts ${day(plan.started)}. Could detect a change of about ${formatLift(detectable.relative)} or more.`
        : `Starts ${day(plan.started)}.`,
    footer: options.host,
  };
}
