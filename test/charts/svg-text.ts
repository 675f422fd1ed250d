/**
 * Reading a drawn chart back, for the chart tests: where each text lies, by
 * the same width estimate the charts make room with (src/charts/render.ts),
 * where the zero rule runs, and what every chart promises a page.
 */
import { parseHTML } from 'linkedom';
import { expect } from 'vitest';
import type { Chart } from '../../src/charts/chart.ts';
import { overlaps, textBox, ZERO_RULE_CLASS, type Box } from '../../src/charts/render.ts';

function parse(svg: string): Document {
  return parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document as unknown as Document;
}

/** What every chart promises a page: a labelled, described, scalable image with no inline style or volatile id, and a table saying the same. */
export function expectAccessible(chart: Chart): void {
  for (const svg of [chart.svg.wide, chart.svg.compact].filter((svg): svg is string => svg !== undefined)) {
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`aria-label="${chart.label.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`);
    expect(svg).toContain(`aria-describedby="${chart.id}-caption"`);
    expect(svg).toContain('viewBox=');
    expect(svg).not.toContain('<style');
    expect(svg).not.toMatch(/plot-[0-9a-f]{6}|plot-clip-\d|plot-pattern-\d/);
  }
  expect(chart.description.length).toBeGreaterThan(20);
  expect(chart.table.rows.length).toBeGreaterThan(0);
  for (const row of chart.table.rows) expect(row).toHaveLength(chart.table.columns.length);
}

/**
 * Where each text of a drawn chart lies: Plot writes a label as
 * <text transform="translate(x,y)"> inside groups that may translate it
 * further and set its anchor, size and weight.
 */
export function drawnTexts(svg: string): { text: string; box: Box }[] {
  const document = parse(svg);
  const inherited = (element: Element, name: string): string | null => element.closest(`[${name}]`)?.getAttribute(name) ?? null;
  return [...document.querySelectorAll('text')].map((element) => {
    let x = 0;
    let y = 0;
    for (let node: Element | null = element; node && node.tagName.toLowerCase() !== 'svg'; node = node.parentElement) {
      const [, dx = '0', dy = '0'] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(node.getAttribute('transform') ?? '') ?? [];
      x += Number(dx);
      y += Number(dy);
    }
    const fontSize = Number(inherited(element, 'font-size') ?? 10);
    // y="0.32em" centres a line on y, "0.71em" hangs it below y (axis labels).
    const shift = (Number.parseFloat(element.getAttribute('y') ?? '0.32') - 0.32) * fontSize;
    const anchor = (inherited(element, 'text-anchor') ?? 'start') as 'start' | 'middle' | 'end';
    const label = { text: element.textContent ?? '', fontSize, bold: Number(inherited(element, 'font-weight') ?? 400) >= 600 };
    return { text: label.text, box: textBox(label, { x, y: y + shift, textAnchor: anchor }) };
  });
}

/** The zero rule's stretches, widened by 3 units: a number that close reads as zero's value. */
export function zeroRule(svg: string): Box[] {
  return [...parse(svg).querySelectorAll(`.${ZERO_RULE_CLASS} line`)].map((line) => {
    const x = Number(line.getAttribute('x1') ?? line.getAttribute('x'));
    return { left: x - 3, right: x + 3, top: Number(line.getAttribute('y1')), bottom: Number(line.getAttribute('y2')) };
  });
}

/** Pairs of texts that overlap, and texts on the zero rule, in words. */
export function clashes(svg: string): string[] {
  const texts = drawnTexts(svg);
  const rule = zeroRule(svg);
  const found: string[] = [];
  texts.forEach((a, index) => {
    for (const b of texts.slice(index + 1)) if (overlaps(a.box, b.box)) found.push(`"${a.text}" overlaps "${b.text}"`);
    for (const stretch of rule) if (overlaps(a.box, stretch)) found.push(`"${a.text}" is on the zero rule`);
  });
  return found;
}

/** The drawing's size, from its viewBox. */
export function viewBox(svg: string): { width: number; height: number } {
  const [, width = '0', height = '0'] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg) ?? [];
  return { width: Number(width), height: Number(height) };
}

/** Texts that reach outside the drawing (its viewBox), where a phone's page edge cuts them. */
export function cutTexts(svg: string): string[] {
  const { width, height } = viewBox(svg);
  return drawnTexts(svg)
    .filter(({ box }) => box.left < 0 || box.right > width || box.top < 0 || box.bottom > height)
    .map(({ text }) => `"${text}" reaches outside the drawing`);
}

/** Every way a drawn chart's labels can fail a reader: overlapping, on the zero rule, cut at the edge. */
export function labelProblems(svg: string): string[] {
  return [...clashes(svg), ...cutTexts(svg)];
}

/** Heights of the dots (estimates) of a drawn interval chart. */
export function dotHeights(svg: string): number[] {
  return [...parse(svg).querySelectorAll('circle')].map((circle) => Number(circle.getAttribute('cy')));
}

/** Both drawings of a chart, by name, for loops over widths. */
export function widths(chart: Chart | null): [string, string][] {
  return Object.entries(chart?.svg ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
}
