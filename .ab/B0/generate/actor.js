export const US = 1_000_000;
/**
 * The actors as a binary min-heap on (nextUs, actor index): stepping them in time order keeps
 * emission close to time order (cheap sorting, short carries, cache-warm copies) and costs
 * O(log actors) per step instead of a scan of every actor per slice.
 */
export class ActorQueue {
    actors;
    heap;
    keys;
    constructor(actors) {
        this.actors = actors;
        const n = actors.length;
        this.heap = new Int32Array(n);
        this.keys = new Float64Array(n);
        for (let i = 0; i < n; i++) {
            this.heap[i] = i;
            this.keys[i] = actors[i].nextUs;
        }
        for (let i = (n >> 1) - 1; i >= 0; i--)
            this.siftDown(i);
    }
    /** Steps every actor whose next event is before `endUs`, earliest first. */
    runUntil(endUs) {
        const heap = this.heap;
        if (heap.length === 0)
            return;
        for (;;) {
            const id = heap[0];
            if (!(this.keys[id] < endUs))
                return;
            const actor = this.actors[id];
            actor.step();
            this.keys[id] = actor.nextUs;
            this.siftDown(0);
        }
    }
    before(a, b) {
        const ka = this.keys[a];
        const kb = this.keys[b];
        return ka < kb || (ka === kb && a < b);
    }
    siftDown(i) {
        const heap = this.heap;
        const n = heap.length;
        const item = heap[i];
        for (;;) {
            const l = 2 * i + 1;
            if (l >= n)
                break;
            const r = l + 1;
            const child = r < n && this.before(heap[r], heap[l]) ? r : l;
            if (!this.before(heap[child], item))
                break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }
}
//# sourceMappingURL=actor.js.map