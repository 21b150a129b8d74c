// A set of integers from 0 to 2^31 - 2 in one typed array (open addressing, linear probing): the
// short-term index meets every neighbouring pair of characters of a message, often a million of
// them, and a JS Set costs several times as much per lookup.
export class IntSet {
  /** Each slot holds key + 1; 0 is empty. */
  private slots: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.slots = new Uint32Array(2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2))));
  }

  get size(): number {
    return this.count;
  }

  /** Adds `key`; true when it was not in the set. */
  add(key: number): boolean {
    const stored = key + 1;
    const mask = this.slots.length - 1;
    let i = Math.imul(stored, 0x9e3779b1) & mask;
    for (;;) {
      const slot = this.slots[i]!;
      if (slot === stored) return false;
      if (slot === 0) break;
      i = (i + 1) & mask;
    }
    this.slots[i] = stored;
    if (++this.count * 2 > this.slots.length) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const stored of old) {
      if (stored === 0) continue;
      let i = Math.imul(stored, 0x9e3779b1) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = stored;
    }
  }
}
