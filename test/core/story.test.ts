import { describe, expect, test } from 'vitest';
import { renderStory, sanitize } from '../../src/core/story.ts';

describe('renderStory', () => {
  test('renders markdown prose with headings below the page outline', async () => {
    const html = await renderStory('# Why\n\nReps got **a digest**.\n\n## Detail\n\n- one\n- two\n');
    expect(html).toContain('<h3>Why</h3>');
    expect(html).toContain('<h4>Detail</h4>');
    expect(html).toContain('<strong>a digest</strong>');
    expect(html).toContain('<li>one</li>');
  });

  test('an empty story renders nothing', async () => {
    expect(await renderStory('  \n')).toBe('');
  });

  test('no script, no handler, no remote load survives', async () => {
    const html = await renderStory(
      'Hi <script>alert(1)</script>\n\n<img src="https://cdn.example.com/x.png" alt="chart" onerror="alert(1)">\n\n' +
        '<iframe src="https://evil.example"></iframe>\n\n[bad](javascript:alert(1)) [good](https://example.com/a) <span style="color:red" onclick="x()">s</span>\n',
    );
    expect(html).not.toMatch(/<script|<iframe|<img|onerror|onclick|style=|javascript:/i);
    expect(html).toContain('<a href="https://cdn.example.com/x.png">[image: chart]</a>');
    expect(html).toContain('<a href="https://example.com/a">good</a>');
    expect(html).toContain('<a>bad</a>');
  });
});

describe('sanitize', () => {
  test('unwraps unknown elements but keeps their text', () => {
    expect(sanitize('<div><p>kept <custom-thing>text</custom-thing></p></div>')).toBe('<p>kept text</p>');
  });

  test('local images become their alt text', () => {
    expect(sanitize('<p><img src="data/x.png" alt="a map"></p>')).toBe('<p>[a map]</p>');
  });
});
