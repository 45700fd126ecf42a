function key(f, mirrored) {
    return mirrored
        ? `${f.exporter}|${f.domain}|${f.proto}|${f.dstAddr}|${f.dstPort}|${f.srcAddr}|${f.srcPort}`
        : `${f.exporter}|${f.domain}|${f.proto}|${f.srcAddr}|${f.srcPort}|${f.dstAddr}|${f.dstPort}`;
}
function overlaps(a, b, slackSeconds) {
    return a.ts <= b.ts + b.duration + slackSeconds && b.ts <= a.ts + a.duration + slackSeconds;
}
/** A flow as its own record (no partner): its reverse counters, if any, are the responder's. */
export function singleBiflow(f) {
    return {
        ts: f.ts,
        duration: f.duration,
        origAddr: f.srcAddr,
        origPort: f.srcPort,
        respAddr: f.dstAddr,
        respPort: f.dstPort,
        proto: f.proto,
        origPackets: f.packets,
        origBytes: f.bytes,
        respPackets: f.revPackets,
        respBytes: f.revBytes,
        origTcpFlags: f.tcpFlags,
        respTcpFlags: 0,
        exporter: f.exporter,
        domain: f.domain,
        stitched: false,
        flow: f,
    };
}
function merge(a, b) {
    const aFirst = a.ts < b.ts || (a.ts === b.ts && a.dstPort <= b.dstPort);
    const o = aFirst ? a : b;
    const r = aFirst ? b : a;
    const end = Math.max(o.ts + o.duration, r.ts + r.duration);
    return {
        ts: o.ts,
        duration: end - o.ts,
        origAddr: o.srcAddr,
        origPort: o.srcPort,
        respAddr: o.dstAddr,
        respPort: o.dstPort,
        proto: o.proto,
        origPackets: o.packets + r.revPackets,
        origBytes: o.bytes + r.revBytes,
        respPackets: r.packets + o.revPackets,
        respBytes: r.bytes + o.revBytes,
        origTcpFlags: o.tcpFlags,
        respTcpFlags: r.tcpFlags,
        exporter: o.exporter,
        domain: o.domain,
        stitched: true,
        flow: o,
    };
}
export class BiflowStitcher {
    slack;
    window;
    maxWaiting;
    /** Unpaired flows by their own key, oldest first. */
    open = new Map();
    queue = [];
    head = 0;
    newestEnd = Number.NEGATIVE_INFINITY;
    constructor(options = {}) {
        this.slack = options.slackSeconds ?? 1;
        this.window = options.windowSeconds ?? 120;
        this.maxWaiting = options.maxWaiting ?? 65_536;
    }
    /** Flows waiting for a partner or for an earlier flow to leave. */
    get waiting() {
        return this.queue.length - this.head;
    }
    /** Adds flows (in arrival order); returns the records that are complete. */
    push(flows) {
        for (const f of flows) {
            const end = f.ts + f.duration;
            if (end > this.newestEnd)
                this.newestEnd = end;
            const candidates = this.open.get(key(f, true));
            let matched = false;
            if (candidates !== undefined) {
                for (let c = 0; c < candidates.length; c++) {
                    const w = candidates[c];
                    if (overlaps(w.flow, f, this.slack)) {
                        w.merged = merge(w.flow, f);
                        this.unlist(candidates, c, w.key);
                        matched = true;
                        break;
                    }
                }
            }
            if (matched)
                continue;
            const w = { flow: f, key: key(f, false), merged: undefined };
            this.queue.push(w);
            const list = this.open.get(w.key);
            if (list === undefined)
                this.open.set(w.key, [w]);
            else
                list.push(w);
        }
        return this.release(false);
    }
    /** Releases everything still waiting (end of input). */
    end() {
        return this.release(true);
    }
    unlist(list, index, k) {
        list.splice(index, 1);
        if (list.length === 0)
            this.open.delete(k);
    }
    release(all) {
        const out = [];
        while (this.head < this.queue.length) {
            const w = this.queue[this.head];
            if (w.merged === undefined) {
                const expired = all ||
                    this.queue.length - this.head > this.maxWaiting ||
                    w.flow.ts + w.flow.duration + this.window < this.newestEnd;
                if (!expired)
                    break;
                const list = this.open.get(w.key);
                this.unlist(list, list.indexOf(w), w.key);
                out.push(singleBiflow(w.flow));
            }
            else {
                out.push(w.merged);
            }
            this.queue[this.head++] = undefined;
        }
        if (this.head > 4096 && this.head * 2 > this.queue.length) {
            this.queue = this.queue.slice(this.head);
            this.head = 0;
        }
        return out;
    }
}
/**
 * Pairs mirrored flows of `flows` whose [ts, ts + duration] intervals overlap within
 * `slackSeconds`; returns the records in the order of each pair's (or single's) first flow.
 */
export function stitchBiflows(flows, slackSeconds = 1) {
    const s = new BiflowStitcher({
        slackSeconds,
        windowSeconds: Number.POSITIVE_INFINITY,
        maxWaiting: Number.POSITIVE_INFINITY,
    });
    return [...s.push(flows), ...s.end()];
}
//# sourceMappingURL=stitch.js.map