import { describe, expect, test } from 'vitest';
import { absoluteUrl, cardPath, pilotPath, resultsPath, sitePath } from '../../src/site/urls.ts';

describe('urls respect the base path', () => {
  test('sitePath joins a path to the base, with one slash between', () => {
    expect(sitePath('pilots/x/', '/')).toBe('/pilots/x/');
    expect(sitePath('pilots/x/', '/fieldproof')).toBe('/fieldproof/pilots/x/');
    expect(sitePath('/pilots/x/', '/fieldproof/')).toBe('/fieldproof/pilots/x/');
    expect(sitePath('', '/fieldproof/')).toBe('/fieldproof/');
  });

  test('absoluteUrl needs the site, for share links', () => {
    expect(absoluteUrl('pilots/x/card.png', 'https://acme.github.io', '/fieldproof')).toBe('https://acme.github.io/fieldproof/pilots/x/card.png');
    expect(absoluteUrl('', new URL('https://acme.github.io'), '/')).toBe('https://acme.github.io/');
    expect(() => absoluteUrl('x', undefined, '/')).toThrow(/site/);
  });

  test('a pilot\u2019s page, results and card', () => {
    expect(pilotPath('nurture-q2')).toBe('pilots/nurture-q2/');
    expect(resultsPath('nurture-q2')).toBe('pilots/nurture-q2/results.json');
    expect(cardPath('nurture-q2')).toBe('pilots/nurture-q2/card.png');
    expect(sitePath(cardPath('nurture-q2'), '/fieldproof')).toBe('/fieldproof/pilots/nurture-q2/card.png');
  });
});
