/**
 * A 64-bit hash of a row's cells, for finding rows that are exact copies of
 * an earlier one (duplicate-rows.ts) without keeping any row.
 *
 * What is hashed: the row's text, its cells joined by the delimiter, as
 * bytes (a character below 128 is one byte, others two or three, as UTF-8
 * writes the characters of the Basic Multilingual Plane; a surrogate is three
 * bytes of its own), read as little-endian 32-bit words, the last one padded
 * with zeros, then the length. A line of the line path is exactly that text,
 * so two rows hash alike whichever way they were read. A row papaparse parsed
 * with the delimiter inside a cell is hashed with a lone surrogate, which no
 * UTF-8 file can hold, around each cell instead: "a,b" + "c" and "a" + "b,c"
 * are different rows.
 *
 * How it is computed, cheaply: a block of lines all in ASCII has one byte
 * per character, so its lines are read four bytes at a time from the bytes
 * the text was decoded from (read-csv.ts, LineBlock), where they lie; any
 * other row character by character. Two 32-bit lanes take each word, each
 * with a round of its own family (laneA, laneB; each round is a bijection
 * of the lane for a given word, and of the word for a given lane, so rows
 * of one length that differ in one word never collide), and MurmurHash3's
 * finaliser (fmix32, Appleby 2011) mixes each. On a million rows each of a
 * few structured kinds (lead IDs, amounts, dates by rep, small counts),
 * each lane alone collides as often as a random 32-bit function would; an
 * xor-multiply round in place of laneA collided 55 times as often on
 * amounts, and was dropped.
 * Not a cryptographic hash: a file is not an adversary here. Two of the
 * 131,072 rows compared (duplicate-rows.ts) share a hash with probability
 * about 131,072^2 / 2^65, under one in a billion.
 */
const LANE_A = 0x2f1e0b3d;
const LANE_B = 0x61c88647;

/** Words read straight from memory are little-endian only on a little-endian machine (all that Node runs on but s390x). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Marks a cell of a row whose cells cannot be told apart by the delimiter (see the header). */
const CELL_MARK = '\uD800';

export class RowHasher {
  /** The file's delimiter, which joins the cells papaparse parsed. */
  private readonly delimiter: string;
  /** The hash of the last row hashed: two 32-bit halves. */
  hi = 0;
  lo = 0;
  /** The current block's bytes as aligned 32-bit words, when its text is all ASCII; its first byte is byte `shift` of words[0]. */
  private words: Int32Array | null = null;
  private bytes: Uint8Array = new Uint8Array(0);
  private shift = 0;

  constructor(delimiter: string) {
    this.delimiter = delimiter;
  }

  /** The rows that follow are lines of `text`, decoded from `bytes` when given. */
  startBlock(text: string, bytes: Uint8Array | undefined): void {
    // Every character below 128 is one byte, every other is more: as many bytes as characters means all ASCII.
    if (!LITTLE_ENDIAN || bytes === undefined || bytes.length !== text.length) {
      this.words = null;
      return;
    }
    const base = bytes.byteOffset & ~3;
    this.shift = bytes.byteOffset - base;
    this.words = new Int32Array(bytes.buffer, base, (bytes.buffer.byteLength - base) >> 2);
    this.bytes = bytes;
  }

  /** Hashes the line text.slice(from, to) of the current block into hi and lo. */
  hashLine(text: string, from: number, to: number): void {
    if (this.words !== null) this.hashAscii(from, to);
    else this.hashText(text, from, to);
  }

  /** Hashes the cells of a row papaparse parsed into hi and lo (see the header). */
  hashCells(cells: readonly string[]): void {
    const delimiter = this.delimiter;
    let marked = false;
    for (let k = 0; k < cells.length && !marked; k += 1) marked = (cells[k] as string).includes(delimiter);
    if (!marked) this.hashPieces(cells, '', 0, 0, delimiter);
    else {
      const text = CELL_MARK + cells.join(CELL_MARK);
      this.hashText(text, 0, text.length);
    }
  }

  /** The block's bytes from..to (equal to its characters' offsets: all ASCII), four at a time where they lie. */
  private hashAscii(from: number, to: number): void {
    const words = this.words as Int32Array;
    const length = to - from;
    const at = from + this.shift;
    // The aligned words holding the row, and one more for the shift: all inside the buffer, or a byte at a time.
    if ((at + length + 3) >> 2 >= words.length) {
      this.hashBytes(from, to);
      return;
    }
    let a = LANE_A;
    let b = LANE_B;
    let i = at >> 2;
    const offset = (at & 3) << 3;
    let current = words[i] as number;
    for (let remaining = length; remaining > 0; remaining -= 4) {
      const next = words[i + 1] as number;
      // The row's next four bytes: from two aligned words unless the row starts on a word.
      let word = offset === 0 ? current : (current >>> offset) | (next << (32 - offset));
      current = next;
      i += 1;
      // The last word: the bytes past the row's end are zeros.
      if (remaining < 4) word &= (1 << (remaining << 3)) - 1;
      // laneA and laneB written out: the loader's first rows run before V8 compiles this, and a call costs there.
      const mixed = a ^ Math.imul(word, 0xcc9e2d51);
      a = Math.imul((mixed << 13) | (mixed >>> 19), 0x1b873593);
      b = Math.imul(b + word, 0x85ebca77);
      b ^= b >>> 13;
    }
    this.finish(a, b, length);
  }

  /** hashAscii() a byte at a time, for a row at the very end of its buffer. */
  private hashBytes(from: number, to: number): void {
    const bytes = this.bytes;
    let a = LANE_A;
    let b = LANE_B;
    for (let at = from; at < to; at += 4) {
      let word = 0;
      for (let k = 0; k < 4 && at + k < to; k += 1) word |= (bytes[at + k] as number) << (k << 3);
      a = laneA(a, word);
      b = laneB(b, word);
    }
    this.finish(a, b, to - from);
  }

  /** text.slice(from, to) character by character, as the bytes the header describes. */
  private hashText(text: string, from: number, to: number): void {
    this.hashPieces(null, text, from, to, '');
  }

  /**
   * The bytes of `cells` joined by `separator` (or, with `cells` null, of
   * text.slice(from, to)), without joining them: four ASCII characters at a
   * time where they come, others a byte at a time.
   */
  private hashPieces(cells: readonly string[] | null, text: string, from: number, to: number, separator: string): void {
    let a = LANE_A;
    let b = LANE_B;
    // The bytes of the word being filled, the first in the lowest 8 bits, and how many.
    let word = 0;
    let filled = 0;
    let length = 0;
    const pieces = cells === null ? 1 : 2 * cells.length - 1;
    for (let piece = 0; piece < pieces; piece += 1) {
      let source = text;
      let at = from;
      let end = to;
      if (cells !== null) {
        source = piece % 2 === 0 ? (cells[piece >> 1] as string) : separator;
        at = 0;
        end = source.length;
      }
      while (at < end) {
        if (at + 4 <= end) {
          const c0 = source.charCodeAt(at);
          const c1 = source.charCodeAt(at + 1);
          const c2 = source.charCodeAt(at + 2);
          const c3 = source.charCodeAt(at + 3);
          if ((c0 | c1 | c2 | c3) < 0x80) {
            // Four bytes: the rest of the word being filled, and the start of the next, as many as were in it.
            const four = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
            const full = filled === 0 ? four : word | (four << (filled << 3));
            a = laneA(a, full);
            b = laneB(b, full);
            word = filled === 0 ? 0 : four >>> ((4 - filled) << 3);
            at += 4;
            length += 4;
            continue;
          }
        }
        const code = source.charCodeAt(at);
        at += 1;
        // The character's bytes, the first in the lowest 8 bits.
        let sequence: number;
        let count: number;
        if (code < 0x80) {
          sequence = code;
          count = 1;
        } else if (code < 0x800) {
          sequence = (0xc0 | (code >> 6)) | ((0x80 | (code & 0x3f)) << 8);
          count = 2;
        } else {
          sequence = (0xe0 | (code >> 12)) | ((0x80 | ((code >> 6) & 0x3f)) << 8) | ((0x80 | (code & 0x3f)) << 16);
          count = 3;
        }
        length += count;
        for (let k = 0; k < count; k += 1) {
          word |= ((sequence >>> (k << 3)) & 0xff) << (filled << 3);
          filled += 1;
          if (filled === 4) {
            a = laneA(a, word);
            b = laneB(b, word);
            word = 0;
            filled = 0;
          }
        }
      }
    }
    if (filled > 0) {
      a = laneA(a, word);
      b = laneB(b, word);
    }
    this.finish(a, b, length);
  }

  /** MurmurHash3's finaliser of each lane, the length mixed in first; (hi, lo) is a bijection of (a, b) for a given length. */
  private finish(a: number, b: number, length: number): void {
    // fmix32 of each lane, written out (see hashAscii).
    let hi = a ^ length;
    hi = Math.imul(hi ^ (hi >>> 16), 0x85ebca6b);
    hi = Math.imul(hi ^ (hi >>> 13), 0xc2b2ae35);
    hi ^= hi >>> 16;
    let lo = b ^ hi;
    lo = Math.imul(lo ^ (lo >>> 16), 0x85ebca6b);
    lo = Math.imul(lo ^ (lo >>> 13), 0xc2b2ae35);
    this.hi = hi;
    this.lo = lo ^ (lo >>> 16);
  }
}

/**
 * One word into the first lane: the word mixed on its own first (off the
 * lane's chain of dependent operations), then a rotation and a multiply, as
 * in MurmurHash3's body. A bijection of the lane for a given word.
 */
function laneA(a: number, word: number): number {
  return Math.imul(rotateLeft(a ^ Math.imul(word, 0xcc9e2d51), 13), 0x1b873593);
}

/**
 * One word into the second lane: added, multiplied, and the high bits
 * folded down. Another family than laneA's, so that rows that one lane
 * happens to confuse, the other most likely tells apart.
 */
function laneB(b: number, word: number): number {
  const mixed = Math.imul(b + word, 0x85ebca77);
  return mixed ^ (mixed >>> 13);
}

function rotateLeft(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

