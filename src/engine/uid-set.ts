/**
 * A bounded set of 64-bit uid hashes for duplicate detection. Two generations of an
 * open-addressing table: when the current one is half full it becomes the previous one and a
 * fresh table starts, so memory is fixed (2 × capacity × 8 bytes) and the oldest uids are
 * forgotten first. A rotation forgets `capacity / 2` uids; they are counted as evictions.
 *
 * Zeek uids are random 96-bit identifiers, so a repeat means a duplicated line or an input given
 * twice; 64-bit hashes make a false repeat vanishingly rare (≈ n / 2^64 per lookup).
 */
const SEED_A = 0x811c9dc5;
const SEED_B = 0x9747b28c;
const FNV_PRIME = 0x01000193;

/** Slot i holds (hi, lo) at words 2i and 2i + 1: one cache line per probe, not two. */
class Table {
  readonly words: Uint32Array;
  size = 0;
  constructor(capacity: number) {
    this.words = new Uint32Array(capacity * 2);
  }
}

export class UidSet {
  private readonly capacity: number;
  private current: Table;
  private previous: Table | undefined;
  evicted = 0;

  /** capacity: a power of two ≥ 16. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.current = new Table(capacity);
  }

  /** Adds the uid in bytes[start, end); returns true when it was already present. */
  addBytes(bytes: Uint8Array, start: number, end: number): boolean {
    // Two FNV-1a lanes with different offsets in one pass: a 64-bit hash without BigInt.
    let hi = SEED_A;
    let lo = SEED_B;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      hi = Math.imul(hi ^ b, FNV_PRIME);
      lo = Math.imul(lo ^ b, FNV_PRIME);
    }
    hi >>>= 0;
    lo >>>= 0;
    if (hi === 0 && lo === 0) hi = 1; // (0,0) marks an empty slot
    if (this.previous && find(this.previous, hi, lo, this.capacity) >= 0) return true;
    const slot = find(this.current, hi, lo, this.capacity);
    if (slot >= 0) return true;
    if (this.current.size >= this.capacity >>> 1) {
      if (this.previous) this.evicted += this.previous.size;
      this.previous = this.current;
      this.current = new Table(this.capacity);
    }
    insert(this.current, hi, lo, this.capacity);
    return false;
  }

  snapshot(): unknown {
    const t = (x: Table | undefined) => (x ? { words: x.words, size: x.size } : null);
    return {
      capacity: this.capacity,
      current: t(this.current),
      previous: t(this.previous),
      evicted: this.evicted,
    };
  }

  static restore(snapshot: unknown): UidSet {
    type T = { words: Uint32Array; size: number } | null;
    const s = snapshot as { capacity: number; current: T; previous: T; evicted: number };
    const set = new UidSet(s.capacity);
    const load = (x: T): Table | undefined => {
      if (!x) return undefined;
      const t = new Table(s.capacity);
      t.words.set(x.words);
      t.size = x.size;
      return t;
    };
    set.current = load(s.current) ?? set.current;
    set.previous = load(s.previous);
    set.evicted = s.evicted;
    return set;
  }
}

function find(t: Table, hi: number, lo: number, capacity: number): number {
  const mask = capacity - 1;
  const w = t.words;
  for (let i = lo & mask; ; i = (i + 1) & mask) {
    const h = w[2 * i]!;
    const l = w[2 * i + 1]!;
    if (h === 0 && l === 0) return -1;
    if (h === hi && l === lo) return i;
  }
}

function insert(t: Table, hi: number, lo: number, capacity: number): void {
  const mask = capacity - 1;
  const w = t.words;
  let i = lo & mask;
  while (w[2 * i] !== 0 || w[2 * i + 1] !== 0) i = (i + 1) & mask;
  w[2 * i] = hi;
  w[2 * i + 1] = lo;
  t.size++;
}
