/**
 * Entries in least-recently-touched order, linked through the entries themselves.
 *
 * Why: a detector that caps its state evicts the entry touched longest ago. Keeping that order
 * as a Map's insertion order costs a delete and a set of the entry's key on every touch — two
 * hash-table operations, each a likely cache miss in a table of thousands of entries, for
 * every record. Here a touch relinks two neighbours; the entry's own map is consulted only
 * when an entry is created or closed. Same order as the Map idiom, so the same evictions.
 */
export interface Recent<T> {
  /** Links owned by the list: null at the ends and while the entry is not in a list. */
  older: T | null;
  newer: T | null;
}

export class RecencyList<T extends Recent<T>> {
  /** The entry touched longest ago (the next to evict). */
  oldest: T | null = null;
  newest: T | null = null;
  size = 0;

  /** Adds an entry (not in any list) as the most recently touched. */
  push(e: T): void {
    e.older = this.newest;
    e.newer = null;
    if (this.newest === null) this.oldest = e;
    else this.newest.newer = e;
    this.newest = e;
    this.size++;
  }

  /** Removes an entry of this list. */
  remove(e: T): void {
    if (e.older === null) this.oldest = e.newer;
    else e.older.newer = e.newer;
    if (e.newer === null) this.newest = e.older;
    else e.newer.older = e.older;
    e.older = null;
    e.newer = null;
    this.size--;
  }

  /** Marks an entry of this list as the most recently touched. */
  touch(e: T): void {
    if (e === this.newest) return;
    this.remove(e);
    this.push(e);
  }

  /** Visits every entry, oldest first; `visit` may remove the entry it is given. */
  forEach(visit: (e: T) => void): void {
    let e = this.oldest;
    while (e !== null) {
      const next = e.newer;
      visit(e);
      e = next;
    }
  }

  /** The entries, oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let e = this.oldest; e !== null; e = e.newer) out.push(e);
    return out;
  }
}
