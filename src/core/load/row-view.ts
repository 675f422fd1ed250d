/**
 * One row of a data file, seen as where its cells lie: the rules
 * (row-rules.ts) read each cell in place and cut a cell out as a string of
 * its own only when they need one (a new unit's name, a message, a number
 * the fast readers leave to the careful ones). Making a string for every
 * cell is most of what parsing a CSV costs (bench/RESULTS.md).
 *
 * A row comes one of two ways, and reads the same either way:
 * - a line of a stretch without quotes (read-csv.ts, LineBlock): cells are
 *   found with indexOf, exactly as papaparse splits such a line;
 * - cells as papaparse parsed them (from a file's first quote on).
 */

export class RowView {
  /** Cells found in a line: cell k is line.slice(starts[k], starts[k + 1] - 1). */
  private line = '';
  private starts: Int32Array = new Int32Array(16);
  /** Or the cells papaparse gave (null for a line). */
  private parsed: string[] | null = null;
  /**
   * The first delimiter at or after some point no later than the current
   * line's start: the search for a line's last cell runs on into the next
   * line, so no stretch of a block is searched twice (a value before the
   * line's start is stale and searched again; a line break never holds the
   * delimiter).
   */
  private nextDelimiter = -1;
  /** Number of cells. */
  count = 0;

  /** A new block of lines begins (its text is a new string). */
  startBlock(): void {
    this.nextDelimiter = -1;
  }

  /**
   * The line text.slice(start, end), split at `delimiter` (one character) as
   * papaparse splits a line without quotes; `length` is the text's. indexOf
   * runs at native speed from the first row on, where a loop over the
   * characters waits for the optimising compiler.
   */
  setLine(text: string, start: number, end: number, length: number, delimiter: string): void {
    this.line = text;
    this.parsed = null;
    let starts = this.starts;
    starts[0] = start;
    let count = 1;
    let next = this.nextDelimiter >= start ? this.nextDelimiter : text.indexOf(delimiter, start);
    if (next === -1) next = length;
    while (next < end) {
      // One slot for the start of each cell and one past the last cell's end.
      if (count + 1 >= starts.length) starts = this.grow();
      starts[count] = next + 1;
      count += 1;
      next = text.indexOf(delimiter, next + 1);
      if (next === -1) next = length;
    }
    // The first delimiter of a later line: found once, however far it is.
    this.nextDelimiter = next;
    starts[count] = end + 1;
    this.count = count;
  }

  /** The cells of a row papaparse parsed. */
  setCells(cells: string[]): void {
    this.parsed = cells;
    this.count = cells.length;
  }

  /** The string cell k lies in, from start(k) to end(k). */
  text(k: number): string {
    return this.parsed === null ? this.line : (this.parsed[k] as string);
  }

  start(k: number): number {
    return this.parsed === null ? (this.starts[k] as number) : 0;
  }

  end(k: number): number {
    return this.parsed === null ? (this.starts[k + 1] as number) - 1 : (this.parsed[k] as string).length;
  }

  /** Cell k as a string of its own. */
  cell(k: number): string {
    return this.parsed === null ? this.line.slice(this.starts[k] as number, (this.starts[k + 1] as number) - 1) : (this.parsed[k] as string);
  }

  /** Cell k as String#trim leaves it. */
  trimmedCell(k: number): string {
    const text = this.text(k);
    const end = this.end(k);
    const start = trimmedStart(text, this.start(k), end);
    return text.slice(start, trimmedEnd(text, start, end));
  }

  /** Whether cell k is empty or only spaces (String#trim would leave nothing). */
  isBlankCell(k: number): boolean {
    const end = this.end(k);
    return trimmedStart(this.text(k), this.start(k), end) === end;
  }

  /**
   * A blank line, or a row of delimiters only (",,,,": spreadsheets write
   * these for empty rows that once held formatting). Neither is data.
   */
  isBlank(): boolean {
    for (let k = 0; k < this.count; k += 1) if (!this.isBlankCell(k)) return false;
    return true;
  }

  /** Exports often end rows with a stray delimiter: cells past `width` that are all empty are harmless. */
  onlyEmptyExtras(width: number): boolean {
    if (this.count < width) return false;
    for (let k = width; k < this.count; k += 1) if (!this.isBlankCell(k)) return false;
    return true;
  }

  /** The line the cells were found in and where the row lies in it, or null for cells papaparse parsed. */
  lineText(): string | null {
    return this.parsed === null ? this.line : null;
  }

  /** Where the row starts in lineText(). */
  lineStart(): number {
    return this.starts[0] as number;
  }

  /** Where the row ends in lineText(). */
  lineEnd(): number {
    return (this.starts[this.count] as number) - 1;
  }

  /** The cells papaparse parsed, or null for a line. */
  parsedCells(): readonly string[] | null {
    return this.parsed;
  }

  private grow(): Int32Array {
    const bigger = new Int32Array(2 * this.starts.length);
    bigger.set(this.starts);
    this.starts = bigger;
    return bigger;
  }
}

/**
 * Whether String#trim removes this UTF-16 code unit: ECMAScript's WhiteSpace
 * and LineTerminator (tab, vertical tab, form feed, space, no-break space,
 * the byte-order mark, the Zs spaces, line feed, carriage return, the line
 * and paragraph separators).
 */
export function isTrimmedSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Where text.slice(start, end).trim() starts in text (end when it is empty). */
export function trimmedStart(text: string, start: number, end: number): number {
  let at = start;
  // A visible ASCII first character settles it: the common case.
  while (at < end) {
    const code = text.charCodeAt(at);
    if ((code > 32 && code < 127) || !isTrimmedSpace(code)) break;
    at += 1;
  }
  return at;
}

/** Where text.slice(start, end).trim() ends in text (start when it is empty). */
export function trimmedEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start) {
    const code = text.charCodeAt(at - 1);
    if ((code > 32 && code < 127) || !isTrimmedSpace(code)) break;
    at -= 1;
  }
  return at;
}
