/**
 * A results document with what a per-unit aggregate cannot carry taken out,
 * so the rest is compared exactly: the data notes about cells (decimal marks
 * read, rows repeated in every cell) that only the row-level file shows.
 */
import type { FoldedData } from '../../src/core/load/unit-sums-builder.ts';
import type { ResultsDocument } from '../../src/core/results.ts';

export function comparable(results: ResultsDocument, rowLevel: FoldedData): ResultsDocument {
  const cellNotes = new Set(rowLevel.notes.map((note) => note.message));
  return { ...results, warnings: results.warnings.filter((warning) => !cellNotes.has(warning)) };
}

/**
 * The same, every number rounded to 12 significant digits: for a warehouse
 * that adds a unit's rows in an order of its own (PostgreSQL sorts them to
 * group them), whose floating-point sums then differ from the file's in the
 * last bits, as any two orders of addition may.
 */
export function comparableToTwelveDigits(results: ResultsDocument, rowLevel: FoldedData): unknown {
  return JSON.parse(JSON.stringify(comparable(results, rowLevel), (_key, value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Number(value.toPrecision(12)) : value)));
}
