/**
 * Streams a CSV file through papaparse, chunk by chunk, so memory stays flat
 * however many rows the file has. The caller adds up each chunk of rows as
 * it arrives; nothing here keeps rows.
 *
 * What spreadsheet exports do is handled here: a byte-order mark, \r\n line
 * ends (or \n, in any mix: see lineBreakOf), quoted fields, and a ";" or tab
 * delimiter (guessed from the first lines). Bytes that are not UTF-8 stop
 * the read with a clear problem rather than turning into replacement
 * characters that would poison unit names.
 *
 * Two ways through a file, giving the same rows:
 *
 * - papaparse's streaming parse, row by row as arrays of cells: every file
 *   whose first 64 KiB hold a quote, and the rest of any file from the first
 *   whole line of the first later read that holds one (the line the read
 *   before it cut);
 * - the line path, for the stretches without a quote (most machine exports):
 *   whole lines handed over as text (and the bytes they were decoded from),
 *   which the caller splits where it needs to (row-view.ts). Without a quote papaparse itself parses by splitting the text at its
 *   line break and each line at its delimiter (its "fast mode"), so lines
 *   split the same way are the same rows; the delimiter and line break are
 *   papaparse's own guesses from the same first 64 KiB. Handing over lines
 *   saves making a string for every cell, which is most of what a parse
 *   costs (bench/RESULTS.md).
 *
 * Both give the same rows and problems because papaparse's own do not
 * depend on where its chunks start and end, once what it says of a chunk's
 * unfinished last row is left out (see the chunk callback below).
 *
 * Time stays linear in the file and memory bounded whatever it holds: a row
 * that runs long is given to papaparse in texts that grow with it (see
 * `give`), and a row, a value or a header past the limits of read-limits.ts
 * stops the read with a ReadLimitError naming its row.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Transform } from 'node:stream';
import Papa from 'papaparse';
import { cellTooLong, checkHeaderWidth, MAX_CELL_CHARACTERS, MAX_ROW_CHARACTERS, rowTooLong } from './read-limits.ts';

/**
 * Bytes read at a time, and so the size of each chunk papaparse parses (it
 * parses a stream's chunks as they come). 64 KiB measured faster than 1 MiB
 * and keeps the process's peak memory near its start-up size: the strings
 * and arrays of one chunk die young instead of being promoted to the old
 * generation (bench/RESULTS.md).
 */
export const READ_CHUNK = 64 * 1024;

export interface CsvChunk {
  /** Spreadsheet row number of the chunk's first row (header = row 1). */
  firstRow: number;
  rows: string[][];
}

/** Complete lines of a stretch of the file with no quote in it. */
export interface LineBlock {
  /**
   * The lines, each ended by `newline` except perhaps the file's last. When
   * `newline` is "\n", a "\r" before it is part of the line break, not of
   * the line (lineBreakOf).
   */
  text: string;
  newline: string;
  /** Spreadsheet row number of the first line. */
  firstRow: number;
  /** The UTF-8 bytes `text` was decoded from (row-hash.ts reads ASCII lines from them four bytes at a time). */
  bytes?: Uint8Array;
}

export interface CsvReadEvents {
  /** Called once with the header cells (trimmed, BOM removed) and the delimiter in use. */
  header(cells: string[], delimiter: string): void;
  /** Called for each chunk of data rows. */
  rows(chunk: CsvChunk): void;
  /**
   * Called instead of rows() for stretches without quotes, when given: each
   * line is one row, its cells the line split at the delimiter. Returns the
   * number of lines (rows) the block held.
   */
  lines?(block: LineBlock): number;
  /** Called with the fraction of the file read so far, for progress displays. */
  progress?(bytesRead: number): void;
}

export interface CsvReadSummary {
  /** Rows after the header, blank lines included (spreadsheets number them too). */
  dataRows: number;
  /** Each malformed-quote problem papaparse could not recover from, once per spreadsheet row. */
  quoteProblems: { row: number; message: string }[];
}

/** The file holds bytes that are not UTF-8 (load-data.ts finds the row). */
export class NotUtf8Error extends Error {
  constructor() {
    super('not UTF-8 text');
  }
}

/**
 * Reads the CSV at `path`, or only its first `options.end` bytes (used to
 * count the rows before a byte that is not UTF-8).
 */
export async function readCsv(path: string, events: CsvReadEvents, options: { end?: number; tap?: ByteTap } = {}): Promise<CsvReadSummary> {
  if (events.lines === undefined || options.end !== undefined) {
    return parseWithPapaparse(path, events, { end: options.end, tap: options.tap, newline: await lineBreakOfFile(path, options.end) });
  }
  return readLines(path, events, events.lines, options.tap);
}

/**
 * The line break that ends rows, from the first read's text: "\r" in a file
 * of old Mac line breaks, else "\n", with a "\r" before it read as part of
 * the line break. papaparse would pick "\r\n" for a file mostly of those,
 * and then a line ended by "\n" alone (a row added by hand or by a script)
 * would join the next one into a row of too many cells, every row number
 * after it one too low (issue #17); a spreadsheet ends a row at either.
 */
function lineBreakOf(text: string): '\n' | '\r' {
  return Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS_TO_GUESS, preview: 1 }).meta.linebreak === '\r' ? '\r' : '\n';
}

/** lineBreakOf the file's first read (of its first `end` bytes at most); undefined when it is not UTF-8 (the read then fails). */
async function lineBreakOfFile(path: string, end: number | undefined): Promise<'\n' | '\r' | undefined> {
  const handle = await open(path, 'r');
  try {
    const first = await readChunk(handle, 0);
    const text = decodeFirstRead(end === undefined ? first : first.subarray(0, end));
    return text === null ? undefined : lineBreakOf(text);
  } finally {
    await handle.close();
  }
}

/**
 * Given every byte of the file once, in order, as it is read: the evidence
 * cache hashes a file while it is analysed instead of reading it twice.
 */
export type ByteTap = (bytes: Buffer) => void;

/** Where papaparse takes over from the line path: a line's first byte, and what is known by then. */
interface Resume {
  start: number;
  firstRow: number;
  delimiter: string;
  newline: string;
}

/**
 * The longest line the line path keeps whole while waiting for its end, in
 * bytes; a longer one is papaparse's, which applies the read limits
 * (read-limits.ts). A line has no more characters than bytes, so no value
 * the line path reads can pass MAX_CELL_CHARACTERS.
 */
const LONG_LINE = MAX_CELL_CHARACTERS;

const DELIMITERS_TO_GUESS = [',', ';', '\t', '|'];

/** The header cells as the caller gets them: trimmed, without a byte-order mark. */
function headerCells(cells: readonly string[]): string[] {
  return cells.map((cell, index) => (index === 0 ? cell.replace(/^\uFEFF/, '') : cell).trim());
}

/**
 * The line path (see the header). Anything it is not sure of goes to
 * papaparse: the whole file when its first read holds a quote, no line
 * break, or bytes that are not UTF-8; the rest of the file from the first
 * block of lines that holds a quote.
 */
async function readLines(path: string, events: CsvReadEvents, lines: (block: LineBlock) => number, tap: ByteTap | undefined): Promise<CsvReadSummary> {
  let handle: FileHandle | null = await open(path, 'r');
  let pending: Promise<Buffer> | null = null;
  const closeFile = async () => {
    // A read still under way must end before its file is closed.
    await pending?.catch(() => undefined);
    await handle?.close();
    handle = null;
  };
  try {
    const first = await readChunk(handle, 0);
    tap?.(first);
    events.progress?.(first.length);
    // The text papaparse's first chunk would be, decoded the same way; null when it is not UTF-8.
    const firstText = decodeFirstRead(first);
    const newline = firstText === null ? undefined : lineBreakOf(firstText);
    const guessed = firstText === null || firstText.includes('"') ? null : Papa.parse<string[]>(firstText, { delimitersToGuess: DELIMITERS_TO_GUESS, preview: 1, newline }).meta;
    const headerLength = firstText === null || guessed === null || newline === undefined ? -1 : firstText.indexOf(newline);
    if (firstText === null || guessed === null || newline === undefined || headerLength === -1) {
      await closeFile();
      return await parseWithPapaparse(path, events, { tap, alreadyRead: first.length, newline });
    }
    const { delimiter } = guessed;
    const header = headerCells(firstText.slice(0, headerLength).split(delimiter));
    checkHeaderWidth(header);
    events.header(header, delimiter);
    const newlineBytes = Buffer.from(newline);
    let bytes = first.length;
    // The bytes not yet handed over, and where they start in the file.
    let carryAt = first.indexOf(newlineBytes) + newlineBytes.length;
    let carry = first.subarray(carryAt);
    let nextRow = 2;
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const decode = (block: Buffer): string => {
      try {
        return decoder.decode(block);
      } catch {
        throw new NotUtf8Error();
      }
    };
    // Hands over `block` (whole lines), or says where papaparse must take over.
    const handOver = (block: Buffer): Resume | null => {
      const text = decode(block);
      if (text.includes('"')) return { start: carryAt, firstRow: nextRow, delimiter, newline };
      nextRow += lines({ text, newline, firstRow: nextRow, bytes: block });
      return null;
    };
    pending = readChunk(handle, bytes);
    let resume: Resume | null = null;
    while (resume === null) {
      // Lines split at an ASCII line break never cut a character in two.
      const cut = carry.lastIndexOf(newlineBytes);
      if (cut !== -1) {
        const end = cut + newlineBytes.length;
        resume = handOver(carry.subarray(0, end));
        if (resume !== null) break;
        carry = carry.subarray(end);
        carryAt += end;
      } else if (carry.length > LONG_LINE) {
        // No line break in sight (a file of another line break, or one huge cell): papaparse's case.
        resume = { start: carryAt, firstRow: nextRow, delimiter, newline };
        break;
      }
      const chunk: Buffer = pending === null ? Buffer.alloc(0) : await pending;
      pending = null;
      if (chunk.length === 0) {
        // The last line, when the file does not end with a line break.
        if (carry.length > 0) resume = handOver(carry);
        break;
      }
      bytes += chunk.length;
      tap?.(chunk);
      events.progress?.(bytes);
      // The next read runs while these lines are added up.
      pending = readChunk(handle, bytes);
      carry = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    }
    await closeFile();
    if (resume !== null) return await parseWithPapaparse(path, events, { resume, tap, alreadyRead: bytes });
    return { dataRows: Math.max(0, nextRow - 2), quoteProblems: [] };
  } finally {
    await closeFile();
  }
}

function decodeFirstRead(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

async function readChunk(handle: FileHandle, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(READ_CHUNK);
  const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * papaparse's streaming parse of the whole file, of its first `end` bytes,
 * or of the rest of it from where the line path stopped (`resume`). The line
 * path has already read, tapped and reported the first `alreadyRead` bytes:
 * papaparse reads some of them again, and passes on only what comes after.
 */
function parseWithPapaparse(
  path: string,
  events: CsvReadEvents,
  { end, resume, tap, alreadyRead = 0, newline = resume?.newline }: { end?: number | undefined; resume?: Resume; tap?: ByteTap | undefined; alreadyRead?: number; newline?: string | undefined },
): Promise<CsvReadSummary> {
  return new Promise((resolve, reject) => {
    let bytes = resume?.start ?? 0;
    let nextRow = resume?.firstRow ?? 1;
    let headerSeen = resume !== undefined;
    let failed = false;
    const quoteProblems: CsvReadSummary['quoteProblems'] = [];
    const quoteProblemsSaid = new Set<string>();

    if (end === 0) {
      events.header([], ',');
      resolve({ dataRows: 0, quoteProblems: [] });
      return;
    }
    const file = createReadStream(path, {
      highWaterMark: READ_CHUNK,
      ...(resume === undefined ? {} : { start: resume.start }),
      ...(end === undefined ? {} : { end: end - 1 }),
    });
    file.on('data', (data: string | Buffer) => {
      // No encoding is set on the stream: always bytes.
      const chunk = data as Buffer;
      const from = bytes;
      bytes += chunk.length;
      if (bytes <= alreadyRead) return;
      tap?.(from >= alreadyRead ? chunk : chunk.subarray(alreadyRead - from));
      events.progress?.(bytes);
    });
    // papaparse parses the row it holds unfinished again, whole, with each text it is given:
    // with texts of 64 KiB, a row of n characters costs n^2 / 64 Ki, the quadratic time of
    // issue #17 (one stray quote makes the rest of the file one row). So while a row runs long,
    // text is held back until there is as much again as the row so far: each character is then
    // parsed a bounded number of times. Never past MAX_ROW_CHARACTERS, so that a row longer
    // than that is seen as soon as it passes it.
    let held = '';
    /** Lengths of the texts given to papaparse and not yet parsed, oldest first. */
    const given: number[] = [];
    /** Characters papaparse has parsed, and how many of them are the row it holds unfinished. */
    let consumed = 0;
    let unfinished = 0;
    /** The texts given, from the one where the unfinished row starts (at `recentStart`): to tell whether it holds a quote. */
    const recent: string[] = [];
    let recentStart = 0;
    const give = (stream: Transform, text: string, last: boolean) => {
      held = held === '' ? text : held + text;
      while (held !== '' && !failed) {
        // Up to one character past the limit from the unfinished row's start, and no further:
        // a row longer than the limit is then seen unfinished, and one as long passes.
        const room = MAX_ROW_CHARACTERS + 1 - unfinished;
        if (!last && held.length < unfinished && held.length < room) return;
        const part = held.length > room ? held.slice(0, room) : held;
        held = part === held ? '' : held.slice(part.length);
        given.push(part.length);
        recent.push(part);
        stream.push(part);
        // papaparse parses a text as it is pushed (the stream flows); should it not have, `unfinished` is not yet known.
        if (given.length > 0 && !last) return;
      }
    };
    /** The header's cells, to name the column of a value past the limit. */
    let columnNames: readonly string[] = [];

    // A fatal decoder throws on the first invalid byte sequence instead of
    // guessing; `stream: true` carries a character split between two reads
    // over to the next. (A plain Transform measured as fast as, and leaner
    // than, a web TextDecoderStream bridged with Readable.fromWeb.)
    // Mid-file, a U+FEFF is a character of the text, not a byte-order mark.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: resume !== undefined });
    const decoded = new Transform({
      readableObjectMode: true,
      // Room for the next read while this chunk is parsed.
      writableHighWaterMark: 2 * READ_CHUNK,
      transform(chunk: Buffer, _encoding, done) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch (cause) {
          done(cause as Error);
          return;
        }
        // Parse in the next turn of the event loop: by then the file stream
        // has asked for its next chunk, so the disk works while papaparse does.
        setImmediate(() => {
          give(this, text, false);
          done();
        });
      },
      flush(done) {
        let text: string;
        try {
          text = decoder.decode();
        } catch (cause) {
          done(cause as Error);
          return;
        }
        give(this, text, true);
        done();
      },
    });
    const fail = (cause: unknown) => {
      if (failed) return;
      failed = true;
      file.destroy();
      decoded.destroy();
      reject(cause instanceof TypeError ? new NotUtf8Error() : cause);
    };
    file.on('error', fail);
    decoded.on('error', fail);
    file.pipe(decoded);

    // papaparse parses each chunk of a stream synchronously as it arrives and
    // keeps only the unfinished last line between chunks: nothing buffers.
    Papa.parse<string[]>(decoded as unknown as File, {
      header: false,
      skipEmptyLines: false,
      // Resumed mid-file: the first chunk's guesses, not new ones from the middle.
      ...(resume === undefined ? { delimitersToGuess: DELIMITERS_TO_GUESS } : { delimiter: resume.delimiter }),
      ...(newline === undefined ? {} : { newline: newline as '\n' | '\r' }),
      chunk(results, parser) {
        if (failed) return;
        try {
          // What papaparse just parsed: the unfinished row before, and the next text given.
          const length = given.shift() ?? 0;
          const parsed = unfinished + length;
          consumed += length;
          const cursor = results.meta.cursor;
          unfinished = consumed - cursor;
          let rows = results.data;
          // A "\r" before the "\n" that ends a row is part of the line break (lineBreakOf).
          for (let r = 0; r < rows.length; r += 1) {
            const cells = rows[r] as string[];
            const last = cells[cells.length - 1] as string;
            if (last.charCodeAt(last.length - 1) === 13) cells[cells.length - 1] = last.slice(0, -1);
          }
          for (const problem of results.errors) {
            // papaparse keeps each chunk's unfinished last row for the next chunk and parses it
            // again there; what it said of it here is not its last word. A chunk ending between a
            // closing quote and "\n" made it call a valid CRLF row malformed, and a malformed quote
            // was reported once per chunk its row spanned. A row's problems carry its index in the
            // chunk's rows, and the unfinished row's index is one past them (which needs
            // skipEmptyLines off: papaparse drops empty rows after numbering the problems).
            if (problem.type === 'Quotes' && (problem.row === undefined || problem.row < rows.length)) {
              const row = nextRow + (problem.row ?? 0);
              // It says a problem again for each stray quote of the row: once a row is enough.
              const key = `${row}\u0000${problem.message}`;
              if (!quoteProblemsSaid.has(key)) {
                quoteProblemsSaid.add(key);
                quoteProblems.push({ row, message: problem.message });
              }
            }
          }
          // Only a text this long can hold a value past the limit: ordinary reads are not searched.
          if (parsed > MAX_CELL_CHARACTERS) checkCells(rows, nextRow, headerSeen ? columnNames : [], results.errors);
          if (!headerSeen && rows.length > 0) {
            headerSeen = true;
            const header = headerCells(rows[0] as string[]);
            checkHeaderWidth(header);
            columnNames = header;
            events.header(header, results.meta.delimiter);
            rows = rows.slice(1);
            nextRow = 2;
          }
          if (headerSeen) {
            events.rows({ firstRow: nextRow, rows });
            nextRow += rows.length;
          }
          // The unfinished row is row nextRow (the header while none is seen).
          while (recent.length > 1 && recentStart + (recent[0] as string).length <= cursor) recentStart += (recent.shift() as string).length;
          if (unfinished > MAX_ROW_CHARACTERS) throw rowTooLong(nextRow, recent.join('').slice(cursor - recentStart, consumed - recentStart).includes('"'));
        } catch (cause) {
          fail(cause);
          parser.abort();
        }
      },
      complete() {
        if (failed) return;
        if (!headerSeen) events.header([], ',');
        resolve({ dataRows: Math.max(0, nextRow - 2), quoteProblems });
      },
      error: fail,
    });
  });
}

/** Throws for the first value of `rows` past MAX_CELL_CHARACTERS; rows[0] is row `firstRow`. */
function checkCells(rows: readonly string[][], firstRow: number, columnNames: readonly string[], errors: readonly Papa.ParseError[]): void {
  for (let r = 0; r < rows.length; r += 1) {
    const cells = rows[r] as string[];
    for (let k = 0; k < cells.length; k += 1) {
      const length = (cells[k] as string).length;
      if (length <= MAX_CELL_CHARACTERS) continue;
      // papaparse says a quote is never closed of the row the file ends in.
      const unclosed = errors.some((problem) => problem.code === 'MissingQuotes' && problem.row === r);
      throw cellTooLong(firstRow + r, columnNames[k], length, unclosed);
    }
  }
}

/**
 * The offset of the file's first byte that is not part of valid UTF-8, or
 * null when there is none. Only asked after a read failed on one, to name the
 * row: most chunks are checked at native speed, and only the failing one
 * byte by byte.
 */
export async function firstInvalidUtf8(path: string): Promise<number | null> {
  let base = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
    const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const end = completeEnd(bytes);
    if (!isUtf8(bytes.subarray(0, end))) return base + invalidAt(bytes.subarray(0, end));
    carry = Buffer.from(bytes.subarray(end));
    base += end;
  }
  return carry.length === 0 ? null : base + Math.max(0, invalidAt(carry));
}

/** Where the last complete character of `bytes` ends: a character cut by the chunk's end is kept for the next. */
function completeEnd(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/** The index of the first byte of `bytes` that starts no valid UTF-8 sequence (the length when all are valid). */
function invalidAt(bytes: Buffer): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    // The second byte's range for each lead byte (RFC 3629, table 3-7 of the Unicode standard).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return at;
    if (at + length > bytes.length) return at;
    const second = bytes[at + 1] as number;
    if (second < low || second > high) return at;
    for (let k = 2; k < length; k += 1) {
      const next = bytes[at + k] as number;
      if (next < 0x80 || next > 0xbf) return at;
    }
    at += length;
  }
  return at;
}
