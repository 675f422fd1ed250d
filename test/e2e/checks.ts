/** Checks every browser test applies to a page. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** axe-core's serious and critical violations on the loaded page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
  });
}

/** How far the page can be scrolled sideways: 0 when nothing sticks out. */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Labels in the page's visible charts (those `selector` picks) that collide,
 * one line each: two texts whose boxes overlap, or a text crossed by, or
 * within 3px of, a zero rule (marks with class "zero-rule", see
 * src/charts/render.ts), where a number would read as zero's value. Measured
 * as drawn, in the page's own font.
 */
export async function chartLabelClashes(page: Page, selector = 'svg.fp-chart'): Promise<string[]> {
  // No helper functions inside: the browser runs this body as written, without
  // the name-keeping wrappers a bundler may add around them.
  return page.evaluate((selector) => {
    const clashes: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>(selector)) {
      if (svg.getBoundingClientRect().width === 0) continue;
      const labels = [...svg.querySelectorAll('text')]
        .filter((text) => (text.textContent ?? '').trim() !== '')
        .map((text) => ({ text: `"${text.textContent ?? ''}"`, box: text.getBoundingClientRect() }));
      const rules = [...svg.querySelectorAll('.zero-rule line')].map((line) => {
        const box = line.getBoundingClientRect();
        return { text: 'the zero rule', box: new DOMRect(box.left - 3, box.top, box.width + 6, box.height) };
      });
      for (const [index, a] of labels.entries()) {
        for (const b of [...labels.slice(index + 1), ...rules]) {
          // Half a pixel of slack: boxes include the font's side bearings.
          if (a.box.left + 0.5 < b.box.right && b.box.left + 0.5 < a.box.right && a.box.top + 0.5 < b.box.bottom && b.box.top + 0.5 < a.box.bottom) {
            clashes.push(`${svg.id}: ${a.text} overlaps ${b.text}`);
          }
        }
      }
    }
    return clashes;
  }, selector);
}

/**
 * Labels in the page's visible charts (those `selector` picks) that reach
 * outside their chart's drawing, one line each: on a phone the page's edge or
 * padding cuts them ("$15,000" drawn as "15,000"). Measured as drawn.
 */
export async function chartLabelsCut(page: Page, selector = 'svg.fp-chart'): Promise<string[]> {
  // No helper functions inside (see chartLabelClashes).
  return page.evaluate((selector) => {
    const cut: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>(selector)) {
      const drawing = svg.getBoundingClientRect();
      if (drawing.width === 0) continue;
      for (const text of svg.querySelectorAll('text')) {
        if ((text.textContent ?? '').trim() === '') continue;
        const box = text.getBoundingClientRect();
        // Half a pixel of slack, as in chartLabelClashes.
        if (box.left + 0.5 < drawing.left || box.right - 0.5 > drawing.right || box.top + 0.5 < drawing.top || box.bottom - 0.5 > drawing.bottom) {
          cut.push(`${svg.id}: "${text.textContent ?? ''}" reaches outside the drawing`);
        }
      }
    }
    return cut;
  }, selector);
}
