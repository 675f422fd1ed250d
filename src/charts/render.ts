/**
 * Observable Plot rendered to an SVG string at build time, so a page shows
 * its evidence without any JavaScript.
 *
 * Three promises every chart keeps:
 * - no silent warnings: Plot reports questionable input with console.warn and
 *   draws a warning sign into the figure; here either one fails the build;
 * - the same input gives the same bytes: Plot's class name is fixed and its
 *   auto-numbered clip and pattern ids are renumbered per chart;
 * - it scales: width and height attributes give way to the viewBox, and the
 *   inline <style> Plot adds is dropped (src/styles/site.css styles `.fp-chart`
 *   instead, so a strict Content-Security-Policy needs no 'unsafe-inline').
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { escapeMarkup } from '../site/markup.ts';

/** The class every chart's <svg> carries; styled in src/styles/site.css. */
export const CHART_CLASS = 'fp-chart';

/** Palette shared by charts, cards and CSS (AA contrast on white). */
export const colors = {
  pilot: '#0b5cad',
  control: '#5d6b7a',
  win: '#1a7f37',
  loss: '#b42318',
  inconclusive: '#8a5300',
  ink: '#1d2330',
  muted: '#5d6573',
  grid: '#d9dde3',
  band: '#eef1f5',
} as const;

/** A white outline behind text, so labels stay legible where they cross lines. */
export const HALO = { stroke: '#ffffff', strokeWidth: 4, strokeLinejoin: 'round', paintOrder: 'stroke' } as const;

export class ChartWarningError extends Error {
  constructor(chart: string, messages: readonly string[]) {
    super(`Chart "${chart}" drew with ${messages.length} Plot warning(s):\n  ${messages.join('\n  ')}`);
    this.name = 'ChartWarningError';
  }
}

/** Plot's own marker for warnings it could not raise elsewhere (see Plot's src/plot.js). */
const PLOT_WARNING = /\d[\d,]* warnings?\. Please check the console\./;

export interface RenderOptions {
  /** Unique on its page and stable across builds, e.g. "interval-revenue-wide". */
  id: string;
  /** Accessible name of the image. */
  label: string;
  /** Id of the element holding the chart's description (the page's caption). */
  describedBy?: string;
}

/**
 * Plot options -> SVG markup. Throws ChartWarningError when Plot warns.
 * The returned <svg> has role="img", the given aria-label, and a viewBox
 * with width="100%" and no fixed height.
 */
export function renderPlot(options: Plot.PlotOptions, { id, label, describedBy }: RenderOptions): string {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const warnings: string[] = [];
  const consoleWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  let figure: Element;
  try {
    figure = Plot.plot({ ...options, className: CHART_CLASS, document: document as unknown as Document }) as unknown as Element;
  } finally {
    console.warn = consoleWarn;
  }
  const markup = figure.outerHTML;
  const drawnWarning = PLOT_WARNING.exec(markup);
  if (drawnWarning && warnings.length === 0) warnings.push(drawnWarning[0]);
  if (warnings.length > 0) throw new ChartWarningError(id, warnings);

  const svg = figure.tagName.toLowerCase() === 'svg' ? figure : figure.querySelector('svg');
  if (!svg) throw new Error(`Chart "${id}" rendered no <svg>`);
  if (svg !== figure) throw new Error(`Chart "${id}": pass title, caption and legends to the page, not to Plot`);
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  // The <svg> is one image (role="img"): Plot's per-mark ARIA attributes are
  // meaningless inside it and prohibited on plain <g> elements.
  for (const element of [...svg.querySelectorAll('[aria-label], [aria-description], [aria-hidden]')]) {
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-description');
    element.removeAttribute('aria-hidden');
  }
  svg.removeAttribute('height');
  svg.setAttribute('width', '100%');
  svg.removeAttribute('aria-description');
  svg.setAttribute('role', 'img');
  // linkedom escapes only & and " in attribute values; the label (a metric's
  // label from the pilot file) is written in afterwards with < and > escaped too.
  svg.setAttribute('aria-label', LABEL_SLOT);
  svg.setAttribute('id', id);
  if (describedBy) svg.setAttribute('aria-describedby', describedBy);
  return roundCoordinates(stableIds(svg.outerHTML, id)).replace(`aria-label="${LABEL_SLOT}"`, () => `aria-label="${escapeMarkup(label)}"`);
}

const LABEL_SLOT = 'fieldproof:aria-label:slot';


/**
 * Plot writes coordinates with full float precision (cx="402.2955587484984");
 * a hundredth of a unit is invisible and keeps pages small. Only attribute
 * values are touched, never text (labels are formatted already).
 */
export function roundCoordinates(markup: string): string {
  return markup.replace(/(\s(?:cx|cy|r|x|y|x1|x2|y1|y2|dx|dy|d|transform|points|width|height)=")([^"]*)"/g, (_, head: string, value: string) =>
    `${head}${value.replace(/-?\d+\.\d{3,}/g, (number) => String(Math.round(Number(number) * 100) / 100))}"`,
  );
}

/**
 * Plot numbers clip paths and patterns with a process-wide counter
 * (plot-clip-7), so the same chart would differ between builds. Renumber them
 * in order of appearance under the chart's own id.
 */
export function stableIds(markup: string, id: string): string {
  const seen = new Map<string, string>();
  return markup.replace(/plot-(clip|pattern)-\d+/g, (match, kind: string) => {
    let stable = seen.get(match);
    if (stable === undefined) {
      stable = `${id}-${kind}-${seen.size + 1}`;
      seen.set(match, stable);
    }
    return stable;
  });
}

/**
 * A conservative estimate of a label's drawn width, for making room for it:
 * system sans-serif digits and letters average about 0.6 em, "+", "−" and
 * currency signs included.
 */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.62;
}
