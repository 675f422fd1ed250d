/**
 * What a chart module hands to a page: the SVG in one or two widths, and the
 * words and numbers a screen reader (or a sceptical reader) needs instead of
 * the picture. The page's <Chart> component only renders this.
 */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface Chart {
  /** Unique on its page and stable across builds. */
  id: string;
  /** Accessible name: what the chart shows. */
  label: string;
  /** What the chart says, in a sentence or two; shown as the caption. */
  description: string;
  /**
   * `wide` is drawn for screens from about 640px and for print; `compact`,
   * when present, for phones: the same chart in a narrower viewBox, so its
   * text stays legible when scaled down to a phone's width.
   */
  svg: { wide: string; compact?: string };
  table: ChartTable;
}

/** Drawing widths, in SVG user units (the viewBox), of the two variants. */
export const WIDE = 720;
export const COMPACT = 360;

export function variantId(id: string, width: number): string {
  return `${id}-${width <= COMPACT ? 'compact' : 'wide'}`;
}

/** Id of a chart's caption, which its <svg> names as its description. */
export function captionId(id: string): string {
  return `${id}-caption`;
}
