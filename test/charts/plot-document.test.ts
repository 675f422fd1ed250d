/**
 * The charts' own document (src/charts/plot-document.ts) writes what
 * linkedom wrote: each case builds the same tree in both and compares the
 * bytes, so a difference names the case rather than a whole chart.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { PlotDocument, SVG_NAMESPACE } from '../../src/charts/plot-document.ts';
import { renderPlot } from '../../src/charts/render.ts';

/** The calls Plot makes, on either document. */
interface Drawing {
  createElementNS(namespace: string, name: string): DrawnElement;
  createTextNode(data: string): object;
}
interface DrawnElement {
  setAttribute(name: string, value: unknown): void;
  removeAttribute(name: string): void;
  appendChild(node: object): unknown;
  insertBefore(node: object, before: object | null): unknown;
  textContent: unknown;
  outerHTML: string;
}

function linkedomDocument(): Drawing {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Drawing;
}

/** The same tree drawn in linkedom and in PlotDocument, written out by each. */
function bothWays(draw: (document: Drawing) => DrawnElement): { linkedom: string; ours: string } {
  return { linkedom: draw(linkedomDocument()).outerHTML, ours: draw(new PlotDocument() as unknown as Drawing).outerHTML };
}

const svg = (document: Drawing, name = 'svg') => document.createElementNS(SVG_NAMESPACE, name);

const cases: [string, (document: Drawing) => DrawnElement][] = [
  ['an empty element closes itself', (document) => svg(document, 'g')],
  [
    'attributes come out last set first; setting one again keeps its place',
    (document) => {
      const element = svg(document, 'line');
      element.setAttribute('x1', 1);
      element.setAttribute('x2', 2.5);
      element.setAttribute('y1', '3');
      element.setAttribute('x1', 10);
      return element;
    },
  ],
  [
    'a removed attribute set again goes first',
    (document) => {
      const element = svg(document, 'rect');
      element.setAttribute('width', 1);
      element.setAttribute('height', 2);
      element.removeAttribute('width');
      element.removeAttribute('absent');
      element.setAttribute('width', 3);
      return element;
    },
  ],
  [
    'in an attribute only " is escaped: & < > stay as they are',
    (document) => {
      const element = svg(document, 'text');
      element.setAttribute('aria-label', 'Tom & "Jerry" <3> \u00a0 \'quoted\'');
      return element;
    },
  ],
  [
    'in text & < > and the no-break space are escaped, quotes are not',
    (document) => {
      const element = svg(document, 'text');
      element.textContent = 'R&D < 5 > 3 "said" \u00a0 it\'s';
      return element;
    },
  ],
  [
    'an empty id, class or style is left out; an empty boolean attribute is a bare name; others keep =""',
    (document) => {
      const element = svg(document, 'g');
      for (const name of ['id', 'class', 'style', 'hidden', 'disabled', 'fill', 'aria-label']) element.setAttribute(name, '');
      return element;
    },
  ],
  [
    'a class is a token list: split on white space, deduplicated',
    (document) => {
      const element = svg(document, 'g');
      element.setAttribute('class', '  zero-rule\tfp-chart  zero-rule ');
      return element;
    },
  ],
  [
    'nested tspans, text between them, and a title',
    (document) => {
      const text = svg(document, 'text');
      text.setAttribute('transform', 'translate(10,20)');
      for (const [index, line] of ['First & second', 'Third <line>'].entries()) {
        const tspan = svg(document, 'tspan');
        tspan.setAttribute('x', 0);
        tspan.setAttribute(index === 0 ? 'y' : 'dy', `${index + 0.32}em`);
        tspan.textContent = line;
        text.appendChild(tspan);
        text.appendChild(document.createTextNode(' & '));
      }
      const title = svg(document, 'title');
      title.textContent = 'Whole "label" > parts';
      text.appendChild(title);
      return text;
    },
  ],
  [
    'an element holding only an empty text is closed, not self-closed',
    (document) => {
      const element = svg(document, 'text');
      element.appendChild(document.createTextNode(''));
      return element;
    },
  ],
  [
    'text set to "" or null leaves no child; a number is written out',
    (document) => {
      const group = svg(document, 'g');
      for (const value of ['', null, 0, 12.5]) {
        const text = svg(document, 'text');
        text.textContent = 'replaced';
        text.textContent = value;
        group.appendChild(text);
      }
      return group;
    },
  ],
  [
    'insertBefore puts a node before another, or last; appending a child moves it',
    (document) => {
      const group = svg(document, 'g');
      const [a, b, c] = ['a', 'b', 'c'].map((name) => {
        const element = svg(document, 'rect');
        element.setAttribute('id', name);
        return element;
      }) as [DrawnElement, DrawnElement, DrawnElement];
      group.appendChild(a);
      group.insertBefore(b, a);
      group.insertBefore(c, null);
      group.appendChild(b);
      return group;
    },
  ],
];

describe('PlotDocument writes what linkedom wrote', () => {
  test.each(cases)('%s', (_, draw) => {
    const { linkedom, ours } = bothWays(draw);
    expect(ours).toBe(linkedom);
  });

  test('and a whole Plot chart the same', () => {
    const options = (document: Drawing): Plot.PlotOptions => ({
      document: document as unknown as Document,
      width: 300,
      height: 120,
      className: 'fp-chart',
      marks: [
        Plot.ruleX([0], { stroke: '#1d2330' }),
        Plot.dot([1, 2, 3], { x: (value: number) => value, title: (value: number) => `Unit "${value}" & <more>` }),
        Plot.text(['Line one\nline & two'], { x: () => 2, y: () => 0.5, lineAnchor: 'middle' }),
        Plot.areaY([1, 3, 2], { x: (_: number, index: number) => index, y: (value: number) => value, clip: true }),
      ],
    });
    const draw = (document: Drawing) => (Plot.plot(options(document)) as unknown as DrawnElement).outerHTML.replace(/plot-clip-\d+/g, 'clip');
    expect(draw(new PlotDocument() as unknown as Drawing)).toBe(draw(linkedomDocument()));
  });
});

describe('PlotDocument fails loudly', () => {
  const document = new PlotDocument();

  test('reading a property it does not implement throws, naming it', () => {
    const element = document.createElementNS(SVG_NAMESPACE, 'g') as unknown as Record<string, unknown>;
    expect(() => element.querySelector).toThrow(/does not implement "querySelector"/);
    expect(() => element.style).toThrow(/does not implement "style"/);
    expect(() => (document as unknown as Record<string, unknown>).defaultView).toThrow(/does not implement "defaultView"/);
  });

  test('setting a property it does not implement throws too: a style set so would never be drawn', () => {
    const element = document.createElementNS(SVG_NAMESPACE, 'g') as unknown as Record<string, unknown>;
    expect(() => {
      element.style = 'fill: red';
    }).toThrow(/does not implement "style", which Plot set/);
    expect(() => {
      element.className = 'fp-chart';
    }).toThrow(/does not implement "className"/);
    expect(() =>
      Plot.plot({ document: document as unknown as globalThis.Document, style: 'color: red', marks: [Plot.dot([1], { x: (value: number) => value })] }),
    ).toThrow(/does not implement "style"/);
  });

  test('yet d3 may read an unbound datum, and Object.prototype is there', () => {
    const element = document.createElementNS(SVG_NAMESPACE, 'g') as unknown as Record<string, unknown>;
    expect(element.__data__).toBeUndefined();
    expect('__data__' in element).toBe(false);
    element.__data__ = 7;
    expect(element.__data__).toBe(7);
    expect(Object.prototype.hasOwnProperty.call(element, 'childNodes')).toBe(true);
  });

  test('an HTML element, which Plot makes for a title, caption or legend, is refused', () => {
    expect(() => document.createElement('figure')).toThrow(/pass title, caption and legends to the page/);
    expect(() => document.createElementNS('http://www.w3.org/1999/xhtml', 'div')).toThrow(/SVG only/);
    expect(() => Plot.plot({ document: document as unknown as globalThis.Document, title: 'A title', marks: [Plot.dot([1], { x: (value: number) => value })] })).toThrow(
      /pass title, caption and legends to the page/,
    );
  });

  test('renderPlot names the chart that asked', () => {
    expect(() => renderPlot({ title: 'A title', marks: [Plot.dot([1], { x: (value: number) => value })] }, { id: 'titled', label: 'Titled' })).toThrow(
      /^Chart "titled": The chart document draws SVG only; .*pass title, caption and legends to the page/,
    );
  });
});
