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
import { escapeMarkup } from '../core/present/markup.ts';
import { PlotDocument, PlotDocumentError, type PlotElement } from './plot-document.ts';

/** The class every chart's <svg> carries; styled in src/styles/site.css. */
export const CHART_CLASS = 'fp-chart';

/**
 * The class of a chart's zero rule ("no difference"), so a browser test can
 * check that no label is crossed by it.
 */
export const ZERO_RULE_CLASS = 'zero-rule';

/** Palette shared by charts, cards and CSS (AA contrast on white). */
export const colors = {
  pilot: '#0b5cad',
  control: '#5d6b7a',
  win: '#1a7f37',
  loss: '#b42318',
  inconclusive: '#8a5300',
  'too-few': '#5d6573',
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
  const warnings: string[] = [];
  const consoleWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  let svg: PlotElement;
  try {
    // A figure (for a title, caption or legend) is HTML, which the document refuses.
    svg = Plot.plot({ ...options, className: CHART_CLASS, document: new PlotDocument() as unknown as Document }) as unknown as PlotElement;
  } catch (cause) {
    if (cause instanceof PlotDocumentError) throw new PlotDocumentError(`Chart "${id}": ${cause.message}`);
    throw cause;
  } finally {
    console.warn = consoleWarn;
  }
  if (warnings.length > 0) throw new ChartWarningError(id, warnings);
  if (svg.localName !== 'svg') throw new Error(`Chart "${id}" rendered no <svg>`);

  for (const element of svg.descendants()) {
    if (element.localName === 'style') element.remove();
    // The <svg> is one image (role="img"): Plot's per-mark ARIA attributes are
    // meaningless inside it and prohibited on plain <g> elements.
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-description');
    element.removeAttribute('aria-hidden');
  }
  svg.removeAttribute('height');
  svg.setAttribute('width', '100%');
  svg.removeAttribute('aria-description');
  svg.setAttribute('role', 'img');
  // Attribute values are written with only " escaped (as linkedom did, whose
  // bytes the goldens keep); the label (a metric's label from the pilot file)
  // is written in afterwards with & < > escaped too.
  svg.setAttribute('aria-label', LABEL_SLOT);
  svg.setAttribute('id', id);
  if (describedBy) svg.setAttribute('aria-describedby', describedBy);
  const markup = svg.outerHTML;
  // Plot draws a warning sign when it warned where console.warn was not
  // watched; it is drawn as text, which the changes above leave alone.
  const drawnWarning = PLOT_WARNING.exec(markup);
  if (drawnWarning) throw new ChartWarningError(id, [drawnWarning[0]]);
  return roundCoordinates(stableIds(markup, id)).replace(`aria-label="${LABEL_SLOT}"`, () => `aria-label="${escapeMarkup(label)}"`);
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
 * Advance widths in em of Inter (the site's font, self-hosted, so charts are
 * drawn in it), measured in Chromium and rounded up; digits all take the
 * widest digit's width. Anything not listed counts as 0.62 em.
 */
const GLYPH_WIDTHS: [RegExp, number][] = [
  [/[0-9$£¥+\u2212=]/, 0.66],
  [/[%]/, 1],
  [/[€]/, 0.68],
  [/[.,:;'\s]/, 0.3],
  [/[()\[\]-]/, 0.4],
  [/[ijlI|]/, 0.27],
  [/[frt]/, 0.4],
  [/[mwMW\u2190\u2192]/, 1.02],
  [/[A-Z]/, 0.76],
];

/**
 * A conservative estimate of a label's drawn width, for making room for it:
 * the sum of its glyphs' widths at the given font size.
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const glyph of text) ems += glyphEms(glyph);
  return ems * fontSize;
}

function glyphEms(glyph: string): number {
  return GLYPH_WIDTHS.find(([pattern]) => pattern.test(glyph))?.[1] ?? 0.62;
}

/**
 * Tick values for a linear axis whose labels neither touch each other nor
 * stick out of the drawing: the finest round step (1, 2 or 5 times a power of
 * ten) that gives at most `most` ticks and at which the widest label plus
 * `gap` fits between neighbouring ticks. Plot's `ticks: n` is only a hint (d3
 * may return half as many again), so charts pass these values instead.
 * `overhang` is how far a label may reach beyond each end of the axis (the
 * margin there); a tick whose label would reach further is left out. On a
 * `vertical` axis the labels are stacked, so each takes a line's height
 * (LINE_HEIGHT em) along the axis instead of its width.
 */
export function spacedTicks(
  domain: readonly [number, number],
  options: {
    length: number;
    format: (value: number) => string;
    fontSize: number;
    most?: number;
    gap?: number;
    overhang?: readonly [number, number];
    vertical?: boolean;
  },
): number[] {
  const [low, high] = domain;
  const span = high - low;
  if (!(span > 0)) return [low];
  const gap = options.gap ?? 12;
  const most = options.most ?? Infinity;
  const [before, after] = options.overhang ?? [Infinity, Infinity];
  const at = (value: number) => ((value - low) / span) * options.length;
  const half = (value: number) => (options.vertical ? LINE_HEIGHT * options.fontSize : textWidth(options.format(value), options.fontSize)) / 2;
  let ticks: number[] = [];
  const lastPower = Math.ceil(Math.log10(span));
  for (let power = Math.floor(Math.log10(span)) - 2; power <= lastPower; power++) {
    for (const multiple of [1, 2, 5]) {
      const step = multiple * 10 ** power;
      const last = power === lastPower && multiple === 5;
      // Ticks closer than the gap can never be taken, however narrow their labels: not measured
      // (a $480k axis would format thousands of $1 ticks). The last step is the answer of last resort.
      if (!last && (step / span) * options.length < gap) continue;
      ticks = [];
      let widest = 0;
      for (let index = Math.ceil(low / step - 1e-9); index * step <= high + step * 1e-9; index++) {
        // toPrecision undoes float noise (3 * 0.1); `+ 0` turns -0 into 0.
        const value = Number((index * step).toPrecision(12)) + 0;
        const reach = half(value);
        if (at(value) - reach >= -before && at(value) + reach <= options.length + after) {
          ticks.push(value);
          widest = Math.max(widest, reach * 2);
        }
      }
      if (ticks.length >= 2 && ticks.length <= most && (step / span) * options.length >= widest + gap) return ticks;
    }
  }
  return ticks;
}

/** A rectangle in SVG user units. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where a text label goes: the point it hangs from (vertically centred there) and which of its ends is at x. */
export interface TextSpot {
  x: number;
  y: number;
  textAnchor: 'start' | 'middle' | 'end';
}

export interface TextLabel {
  text: string;
  fontSize: number;
  bold?: boolean;
}

/** The height of a line of text, in em: the box textBox gives a label. */
export const LINE_HEIGHT = 1.2;

/** The width a label's text takes, by the estimate of textWidth (bold text runs about 8% wider). */
export function labelWidth(label: TextLabel): number {
  return textWidth(label.text, label.fontSize) * (label.bold ? 1.08 : 1);
}

/** The box a label's text takes at a spot. */
export function textBox(label: TextLabel, spot: TextSpot): Box {
  const width = labelWidth(label);
  const left = spot.textAnchor === 'start' ? spot.x : spot.textAnchor === 'end' ? spot.x - width : spot.x - width / 2;
  const half = (label.fontSize * LINE_HEIGHT) / 2;
  return { left, right: left + width, top: spot.y - half, bottom: spot.y + half };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Horizontal room placeLabel keeps between a label and anything else. */
export const LABEL_GAP = 4;

/**
 * The first of the candidate spots, in order of preference, at which the
 * label stays inside `bounds` and LABEL_GAP clear of every obstacle (rules,
 * dots, the labels placed before it); the first candidate when none is
 * clear. The label's box is added to `obstacles`, so later labels keep clear
 * of it. Deterministic: the same candidates always give the same spot.
 */
export function placeLabel(label: TextLabel, candidates: readonly TextSpot[], obstacles: Box[], bounds: Box): TextSpot {
  const spot = candidates.find((candidate) => isClear(label, candidate, obstacles, bounds)) ?? candidates[0];
  if (!spot) throw new Error(`No place offered for the label "${label.text}"`);
  obstacles.push(textBox(label, spot));
  return spot;
}

/** Whether the label at this spot stays inside `bounds` and LABEL_GAP clear of every obstacle. */
export function isClear(label: TextLabel, spot: TextSpot, obstacles: readonly Box[], bounds: Box): boolean {
  const box = textBox(label, spot);
  const inside = box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
  // A space's width between neighbours, so two labels never read as one, and a pixel between lines.
  const spaced = { left: box.left - LABEL_GAP, right: box.right + LABEL_GAP, top: box.top - 1, bottom: box.bottom + 1 };
  return inside && !obstacles.some((obstacle) => overlaps(spaced, obstacle));
}

/** Room kept either side of the zero rule (LABEL_GAP is added), so no number is crossed by it or read as its value. */
export const ZERO_CLEARANCE = 4;

/** The band around a vertical zero rule at x, from top to bottom, that labels keep clear of. */
function zeroRuleBand(x: number, top: number, bottom: number): Box {
  return { left: x - ZERO_CLEARANCE, right: x + ZERO_CLEARANCE, top, bottom };
}

/**
 * The frame of a chart with one interval per row on a horizontal value axis
 * (forest.ts, interval.ts, reading.ts), in SVG user units: where a value
 * lies across, where row `index`'s line lies down, and the band kept clear
 * around the zero rule. valueAt takes a label's x back to the scale's value.
 */
export interface RowFrame {
  px(value: number): number;
  valueAt(x: number): number;
  lineAt(index: number): number;
  zeroBand: Box;
}

export function rowFrame(frame: { domain: readonly [number, number]; left: number; plotWidth: number; top: number; rowHeight: number; rows: number }): RowFrame {
  const { domain, left, plotWidth, top, rowHeight } = frame;
  const span = domain[1] - domain[0];
  const px = (value: number) => left + ((value - domain[0]) / span) * plotWidth;
  return {
    px,
    valueAt: (x: number) => domain[0] + ((x - left) / plotWidth) * span,
    lineAt: (index: number) => top + rowHeight * (index + 0.5),
    zeroBand: zeroRuleBand(px(0), top, top + rowHeight * frame.rows),
  };
}

/**
 * What a row's numbers must keep clear of: the "no difference" note over
 * zero (`above` units over the frame's top), and each row's interval line
 * and its dot (reaching `dotReach` from its centre).
 */
export function intervalObstacles(
  frame: RowFrame,
  rows: readonly ({ low: number; high: number; estimate: number } | null)[],
  options: { noDifference: TextLabel; top: number; above: number; dotReach: number },
): Box[] {
  const obstacles: Box[] = [textBox(options.noDifference, { x: frame.px(0), y: options.top - options.above, textAnchor: 'middle' })];
  rows.forEach((row, index) => {
    if (row === null) return;
    const y = frame.lineAt(index);
    const { dotReach } = options;
    obstacles.push({ left: frame.px(row.low) - 3, right: frame.px(row.high) + 3, top: y - 3.5, bottom: y + 3.5 });
    obstacles.push({ left: frame.px(row.estimate) - dotReach, right: frame.px(row.estimate) + dotReach, top: y - dotReach, bottom: y + dotReach });
  });
  return obstacles;
}

/** A text mark at a placed spot (x in user units, taken back to the scale's value; y drawn as is, an identity scale). */
export function textAt(frame: RowFrame, spot: TextSpot, words: string, style: Plot.TextOptions): Plot.Markish {
  return Plot.text([words], { x: () => frame.valueAt(spot.x), y: () => spot.y, textAnchor: spot.textAnchor, text: (value: string) => value, ...style });
}

/**
 * A label centred on x at height y or, when that would put it on a vertical
 * rule (`rule`, the band kept clear around it), slid just clear of the rule on
 * the given side: a number beside the zero rule goes on its own side of zero,
 * so it is neither crossed by the rule nor read as zero's value.
 */
export function centredOffRule(label: TextLabel, at: { x: number; y: number }, rule: Box, side: 'left' | 'right'): TextSpot {
  const spot: TextSpot = { x: at.x, y: at.y, textAnchor: 'middle' };
  const box = textBox(label, spot);
  if (!overlaps({ ...box, left: box.left - LABEL_GAP, right: box.right + LABEL_GAP }, rule)) return spot;
  return side === 'right' ? { x: rule.right + LABEL_GAP, y: at.y, textAnchor: 'start' } : { x: rule.left - LABEL_GAP, y: at.y, textAnchor: 'end' };
}

/**
 * The stretches of a vertical rule (the band `rule`, top to bottom) left when
 * it stops `gap` short of every label it would cross: a title stays where a
 * reader looks for it, and the rule gives way.
 */
export function ruleStretches(rule: Box, labels: readonly Box[], gap = 2): { top: number; bottom: number }[] {
  const stretches: { top: number; bottom: number }[] = [];
  let top = rule.top;
  for (const box of labels.filter((label) => overlaps(label, rule)).sort((a, b) => a.top - b.top)) {
    if (box.top - gap > top) stretches.push({ top, bottom: box.top - gap });
    top = Math.max(top, box.bottom + gap);
  }
  if (top < rule.bottom) stretches.push({ top, bottom: rule.bottom });
  return stretches;
}

/**
 * A title broken into at most `most` lines of at most `width` units, on word
 * boundaries; when it does not fit, the last line ends in an ellipsis at a word
 * boundary (mid-word only for a word longer than a whole line).
 */
export function wrapLines(label: TextLabel, width: number, most: number): string[] {
  const fits = (text: string) => labelWidth({ ...label, text }) <= width;
  const words = label.text.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let index = 0;
  while (index < words.length && lines.length < most) {
    let line = words[index] as string;
    index++;
    while (index < words.length && fits(`${line} ${words[index]}`)) line = `${line} ${words[index++]}`;
    lines.push(line);
    // A word longer than a whole line: the title is cut there.
    if (!fits(line)) break;
  }
  const last = lines.length - 1;
  const overflowing = index < words.length || !fits(lines[last] ?? '');
  if (!overflowing) return lines;
  let line = lines[last] as string;
  while (line.includes(' ') && !fits(`${line}\u2026`)) line = line.slice(0, line.lastIndexOf(' '));
  if (!fits(`${line}\u2026`)) line = longestFitting(line, `\u2026`, label, width);
  lines[last] = `${line.replace(/[\s,;:.\u2013\u2014-]+$/, '')}\u2026`;
  return lines;
}

/**
 * The longest start of `text` (one character at least) that fits in `width`
 * with `end` after it, in one pass over its characters: a label's width is
 * the sum of its glyphs', so cutting one character at a time and measuring
 * again would take time in the square of the text's length (a title of
 * 20,000 letters without a space took most of a minute).
 */
function longestFitting(text: string, end: string, label: TextLabel, width: number): string {
  // Summed and scaled as labelWidth measures, so the cut is where measuring each start would put it.
  const endEms = textWidth(end, 1);
  let ems = 0;
  let length = 0;
  for (const glyph of text) {
    ems += glyphEms(glyph);
    if ((ems + endEms) * label.fontSize * (label.bold ? 1.08 : 1) > width && length > 0) break;
    length += glyph.length;
  }
  return text.slice(0, length);
}
