/**
 * A lookup from text to a value that can be asked about a piece of a longer
 * string (a cell where it lies in its line) without cutting the piece out.
 * The loader (unit-register.ts, days.ts) uses it for the unit names and date
 * cells it has met before: a Map would need each cell as a string of its
 * own, and making those strings is most of what parsing a CSV costs.
 *
 * Open addressing over an Int32Array of entry numbers, with FNV-1a over the
 * UTF-16 code units as the hash; the table doubles at half full.
 */
export class RegionTable<T> {
  private slots = new Int32Array(64).fill(-1);
  private mask = 63;
  private readonly keys: string[] = [];
  private readonly values: T[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The value stored for text.slice(start, end), or undefined. */
  find(text: string, start: number, end: number): T | undefined {
    const length = end - start;
    let slot = hashOf(text, start, end) & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === -1) return undefined;
      const key = this.keys[entry] as string;
      if (key.length === length && text.startsWith(key, start)) return this.values[entry];
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stores `value` for `key`, which must not be in the table yet. */
  add(key: string, value: T): void {
    if (2 * (this.keys.length + 1) > this.slots.length) this.grow();
    this.place(hashOf(key, 0, key.length), this.keys.length);
    this.keys.push(key);
    this.values.push(value);
  }

  clear(): void {
    this.slots = new Int32Array(64).fill(-1);
    this.mask = 63;
    this.keys.length = 0;
    this.values.length = 0;
  }

  private place(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length).fill(-1);
    this.mask = this.slots.length - 1;
    this.keys.forEach((key, entry) => this.place(hashOf(key, 0, key.length), entry));
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at += 1) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  return hash >>> 0;
}
