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
export declare class RecencyList<T extends Recent<T>> {
    /** The entry touched longest ago (the next to evict). */
    oldest: T | null;
    newest: T | null;
    size: number;
    /** Adds an entry (not in any list) as the most recently touched. */
    push(e: T): void;
    /** Removes an entry of this list. */
    remove(e: T): void;
    /** Marks an entry of this list as the most recently touched. */
    touch(e: T): void;
    /** Visits every entry, oldest first; `visit` may remove the entry it is given. */
    forEach(visit: (e: T) => void): void;
    /** The entries, oldest first. */
    toArray(): T[];
}
