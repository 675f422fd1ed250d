/**
 * Streams a CSV file through papaparse, chunk by chunk, so memory stays flat
 * however many rows the file has. The caller folds each chunk of rows as it
 * arrives; nothing here keeps rows.
 *
 * What spreadsheet exports do is handled here: a byte-order mark, \r\n line
 * ends, quoted fields, and a ";" or tab delimiter (guessed from the first
 * lines). Bytes that are not UTF-8 stop the read with a clear problem rather
 * than turning into replacement characters that would poison unit names.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableWritablePair } from 'node:stream/web';
import Papa from 'papaparse';

export interface CsvChunk {
  /** Spreadsheet row number of the chunk's first row (header = row 1). */
  firstRow: number;
  rows: string[][];
}

export interface CsvReadEvents {
  /** Called once with the header cells (trimmed, BOM removed) and the delimiter in use. */
  header(cells: string[], delimiter: string): void;
  /** Called for each chunk of data rows. */
  rows(chunk: CsvChunk): void;
  /** Called with the fraction of the file read so far, for progress displays. */
  progress?(bytesRead: number): void;
}

export interface CsvReadSummary {
  /** Rows after the header, blank lines included (spreadsheets number them too). */
  dataRows: number;
  bytes: number;
  /** A malformed-quote problem papaparse could not recover from, by spreadsheet row. */
  quoteProblems: { row: number; message: string }[];
}

export class NotUtf8Error extends Error {
  constructor(readonly afterRow: number) {
    super('not UTF-8 text');
  }
}

export function readCsv(path: string, events: CsvReadEvents): Promise<CsvReadSummary> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let nextRow = 1;
    let headerSeen = false;
    let failed = false;
    const quoteProblems: CsvReadSummary['quoteProblems'] = [];

    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    file.on('data', (chunk) => {
      bytes += chunk.length;
      events.progress?.(bytes);
    });
    // A fatal decoder throws on the first invalid byte sequence instead of guessing.
    const decoder = new TextDecoderStream('utf-8', { fatal: true, ignoreBOM: false });
    // Node's web-stream typings disagree on buffer types; the runtime pairing is the documented one.
    const decoded = Readable.fromWeb(Readable.toWeb(file).pipeThrough(decoder as unknown as ReadableWritablePair<string, Uint8Array>) as never);
    const fail = (cause: unknown) => {
      if (failed) return;
      failed = true;
      file.destroy();
      decoded.destroy();
      reject(cause instanceof TypeError ? new NotUtf8Error(Math.max(1, nextRow - 1)) : cause);
    };
    decoded.on('error', fail);

    Papa.parse<string[]>(decoded as unknown as File, {
      header: false,
      skipEmptyLines: false,
      delimitersToGuess: [',', ';', '\t', '|'],
      chunkSize: 1 << 20,
      chunk(results) {
        if (failed) return;
        try {
          let rows = results.data;
          for (const problem of results.errors) {
            if (problem.type === 'Quotes') {
              quoteProblems.push({ row: nextRow + (problem.row ?? 0), message: problem.message });
            }
          }
          if (!headerSeen) {
            if (rows.length === 0) return;
            headerSeen = true;
            const header = (rows[0] as string[]).map((cell, index) =>
              (index === 0 ? cell.replace(/^\uFEFF/, '') : cell).trim(),
            );
            events.header(header, results.meta.delimiter);
            rows = rows.slice(1);
            nextRow = 2;
          }
          events.rows({ firstRow: nextRow, rows });
          nextRow += rows.length;
        } catch (cause) {
          fail(cause);
        }
      },
      complete() {
        if (failed) return;
        if (!headerSeen) events.header([], ',');
        resolve({ dataRows: Math.max(0, nextRow - 2), bytes, quoteProblems });
      },
      error: fail,
    });
  });
}
