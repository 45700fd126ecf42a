/**
 * A bounded set of 64-bit uid hashes for duplicate detection. Two generations of an
 * open-addressing table: when the current one is half full it becomes the previous one and a
 * fresh table starts, so memory is fixed (2 × capacity × 8 bytes) and the oldest uids are
 * forgotten first. A rotation forgets `capacity / 2` uids; they are counted as evictions.
 *
 * Zeek uids are random 96-bit identifiers, so a repeat means a duplicated line or an input given
 * twice; 64-bit hashes make a false repeat vanishingly rare (≈ n / 2^64 per lookup).
 */
import { fnv1aBytes } from '../shared/addr.js';

const SEED_A = 0x811c9dc5;
const SEED_B = 0x9747b28c;

class Table {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  size = 0;
  constructor(capacity: number) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
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
    let hi = fnv1aBytes(bytes, start, end, SEED_A);
    const lo = fnv1aBytes(bytes, start, end, SEED_B);
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
    const t = (x: Table | undefined) => (x ? { hi: x.hi, lo: x.lo, size: x.size } : null);
    return { capacity: this.capacity, current: t(this.current), previous: t(this.previous), evicted: this.evicted };
  }

  static restore(snapshot: unknown): UidSet {
    type T = { hi: Uint32Array; lo: Uint32Array; size: number } | null;
    const s = snapshot as { capacity: number; current: T; previous: T; evicted: number };
    const set = new UidSet(s.capacity);
    const load = (x: T): Table | undefined => {
      if (!x) return undefined;
      const t = new Table(s.capacity);
      t.hi.set(x.hi);
      t.lo.set(x.lo);
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
  for (let i = lo & mask; ; i = (i + 1) & mask) {
    const h = t.hi[i]!;
    const l = t.lo[i]!;
    if (h === 0 && l === 0) return -1;
    if (h === hi && l === lo) return i;
  }
}

function insert(t: Table, hi: number, lo: number, capacity: number): void {
  const mask = capacity - 1;
  let i = lo & mask;
  while (t.hi[i] !== 0 || t.lo[i] !== 0) i = (i + 1) & mask;
  t.hi[i] = hi;
  t.lo[i] = lo;
  t.size++;
}
