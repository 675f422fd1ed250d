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
