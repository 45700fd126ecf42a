export class RecencyList {
    /** The entry touched longest ago (the next to evict). */
    oldest = null;
    newest = null;
    size = 0;
    /** Adds an entry (not in any list) as the most recently touched. */
    push(e) {
        e.older = this.newest;
        e.newer = null;
        if (this.newest === null)
            this.oldest = e;
        else
            this.newest.newer = e;
        this.newest = e;
        this.size++;
    }
    /** Removes an entry of this list. */
    remove(e) {
        if (e.older === null)
            this.oldest = e.newer;
        else
            e.older.newer = e.newer;
        if (e.newer === null)
            this.newest = e.older;
        else
            e.newer.older = e.older;
        e.older = null;
        e.newer = null;
        this.size--;
    }
    /** Marks an entry of this list as the most recently touched. */
    touch(e) {
        if (e === this.newest)
            return;
        this.remove(e);
        this.push(e);
    }
    /** Visits every entry, oldest first; `visit` may remove the entry it is given. */
    forEach(visit) {
        let e = this.oldest;
        while (e !== null) {
            const next = e.newer;
            visit(e);
            e = next;
        }
    }
    /** The entries, oldest first. */
    toArray() {
        const out = [];
        for (let e = this.oldest; e !== null; e = e.newer)
            out.push(e);
        return out;
    }
}
//# sourceMappingURL=recency.js.map