/**
 * IPv4 and IPv6 fragment reassembly, bounded and pure: fragments go in, a whole transport
 * datagram comes out once every byte from 0 to the last fragment's end is present.
 *
 * Why reassemble at all: the transport header (ports, TCP flags) is only in the first fragment,
 * and splitting or overlapping fragments is the oldest way to slip a payload past a monitor
 * (Ptacek & Newsham 1998; RFC 1858). So the reassembler also reports the tricks as
 * `ProtocolEvent`s under Zeek's weird names (src/Frag.cc) where Zeek has one.
 *
 * Bounds, all configurable (`FragmentOptions`): concurrent datagrams, bytes per datagram, bytes
 * buffered overall, fragments per datagram, and a capture-time timeout. Zeek's `frag_timeout`
 * defaults to 0 (never) and leans on its other state timers; here the reassembler is on its own,
 * so an unfinished datagram is dropped after 60 s of capture time by default (RFC 8200's
 * reassembly timeout). Every drop is counted in `stats`.
 *
 * Keys: IPv4 (src, dst, protocol, id) as RFC 791 defines the datagram; IPv6 (src, dst, id) as
 * RFC 8200 does — there the protocol is a property of the datagram, and fragments that disagree
 * about it are reported (`fragment_protocol_inconsistency`).
 *
 * Allocation: a lookup allocates nothing (a numeric hash into chained buckets); a datagram owns
 * one growing byte buffer and a small interval list, and the finished datagram is handed out as
 * a fresh `Uint8Array` (the buffer itself when it is exactly full). Events format addresses only
 * when they fire. Bad input never throws: it is counted and dropped.
 */
import { fnv1aWords, formatAddress } from '../../shared/addr.js';
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { IpProto } from './packet.js';
/** Event names (Zeek's weird names where Zeek has one; `tiny_fragment`/`excessive_fragments` are ours). */
export const FragmentEvent = {
    /** Two fragments cover the same bytes with the same content (duplicates, retransmits). */
    Overlap: 'fragment_overlap',
    /** Two fragments cover the same bytes with different content: the evasion case, since the
     * receiver's overlap policy decides what it sees. */
    Inconsistency: 'fragment_inconsistency',
    /** The datagram's end moved: two last fragments disagree, or data lies past the last one. */
    SizeInconsistency: 'fragment_size_inconsistency',
    /** IPv6 fragments of one datagram disagree on the next header, or the header length changed. */
    ProtocolInconsistency: 'fragment_protocol_inconsistency',
    /** A fragment with Don't Fragment set (Linux UDP path-MTU discovery does it; so do tools). */
    WithDf: 'fragment_with_DF',
    /** A fragment ending past 64000 bytes (Zeek's threshold); past 65535 it is a ping of death. */
    ExcessivelyLarge: 'excessively_large_fragment',
    /** A non-last fragment whose IP packet is under 64 bytes (Zeek's threshold). */
    ExcessivelySmall: 'excessively_small_fragment',
    /** A first fragment too short to hold its transport header (RFC 1858 tiny-fragment attack):
     * a filter looking at ports or TCP flags in the first fragment sees nothing. */
    Tiny: 'tiny_fragment',
    /** More fragments than `maxFragmentsPerDatagram`: the datagram is dropped. */
    Excessive: 'excessive_fragments',
};
/**
 * Defaults. 65535 + 1024 per datagram so a slightly oversized datagram (a ping of death) is
 * still reassembled and reported rather than silently lost; 64 MiB overall covers the 4096 slots
 * at ~16 KB each, far above what 1500-byte-MTU traffic keeps open. 256 fragments per datagram is
 * twice what a 64 KB datagram needs at a 576-byte MTU. `first` matches Zeek and most stacks.
 */
export const DEFAULT_FRAGMENT_OPTIONS = Object.freeze({
    maxReassemblies: 4096,
    maxDatagramBytes: 65535 + 1024,
    maxBufferedBytes: 64 * 1024 * 1024,
    maxFragmentsPerDatagram: 256,
    timeoutSeconds: 60,
    overlapPolicy: 'first',
});
/** Validates options once, at construction (defaults for what is missing). */
export function fragmentOptions(partial = {}) {
    const o = { ...DEFAULT_FRAGMENT_OPTIONS, ...partial };
    const positiveInteger = (name, value) => {
        if (!Number.isSafeInteger(value) || value < 1) {
            throw new NetscryError(ErrorCode.InvalidOption, `${name} must be a positive integer, got ${value}`);
        }
    };
    positiveInteger('maxReassemblies', o.maxReassemblies);
    positiveInteger('maxDatagramBytes', o.maxDatagramBytes);
    positiveInteger('maxBufferedBytes', o.maxBufferedBytes);
    positiveInteger('maxFragmentsPerDatagram', o.maxFragmentsPerDatagram);
    if (typeof o.timeoutSeconds !== 'number' || !(o.timeoutSeconds > 0)) {
        throw new NetscryError(ErrorCode.InvalidOption, `timeoutSeconds must be a positive number (Infinity for none), got ${o.timeoutSeconds}`);
    }
    if (o.overlapPolicy !== 'first' && o.overlapPolicy !== 'last') {
        throw new NetscryError(ErrorCode.InvalidOption, `overlapPolicy must be 'first' or 'last'`);
    }
    return Object.freeze(o);
}
/**
 * A finished datagram. The object is reused: valid until the next `add`. `bytes` is fresh and
 * the caller's to keep. For IPv6 `bytes` starts with the header `ipProto` names, which may be
 * an extension header that followed the fragment header.
 */
export class ReassembledDatagram {
    bytes = new Uint8Array(0);
    ipVersion = 0;
    /** src words 0..3, dst 4..7. */
    addr = new Uint32Array(8);
    ipProto = 0;
    fragmentId = 0;
    /** Capture time of the first fragment seen and of the one that completed the datagram. */
    firstTs = 0;
    ts = 0;
    /** File offset of the completing fragment. */
    fileOffset = 0;
    fragmentCount = 0;
}
/** Zeek's thresholds (Frag.cc MIN/MAX_ACCEPTABLE_FRAG_SIZE). */
const SMALL_FRAGMENT_PACKET = 64;
const LARGE_FRAGMENT_END = 64000;
const MAX_IP_LENGTH = 65535;
const IPV6_HEADER = 40;
const IPV6_FRAGMENT_HEADER = 8;
/** Offsets are 13 bits of 8-byte units; anything larger was not read from a header. */
const MAX_FRAGMENT_OFFSET = 8191 * 8;
/** The buffer of a datagram that holds none (new, delivered or dropped): shared, never written. */
const EMPTY = new Uint8Array(0);
/** First buffer size for a datagram of unknown length: one Ethernet-sized fragment and more. */
const MIN_BUFFER = 2048;
/** Event bits, so each name is reported at most once per datagram. */
const Reported = {
    Overlap: 1,
    Inconsistency: 2,
    Size: 4,
    Protocol: 8,
    Df: 16,
    Large: 32,
    Small: 64,
    Tiny: 128,
    Oversize: 256,
};
/** Smallest transport header the first fragment must carry, by protocol (0: not checked). */
function minTransportHeader(proto) {
    switch (proto) {
        case IpProto.Tcp:
            return 20;
        case IpProto.Sctp:
            return 12;
        case IpProto.Udp:
        case IpProto.Icmp:
        case IpProto.Icmp6:
            return 8;
        default:
            return 0;
    }
}
/** One datagram under reassembly. */
class Reassembly {
    addr = new Uint32Array(8);
    ipVersion = 0;
    /** IPv4: part of the key. IPv6: the next header, from the offset-0 fragment once seen. */
    proto = 0;
    id = 0;
    hash = 0;
    headerLength = -1;
    nextInBucket = undefined;
    older = undefined;
    newer = undefined;
    firstTs = 0;
    buffer = EMPTY;
    /** Covered byte ranges as sorted, disjoint, non-touching [start, end) pairs. */
    intervals = new Uint32Array(8);
    intervalCount = 0;
    /** Datagram length once a last fragment (more-fragments clear) is seen; -1 before. */
    total = -1;
    fragments = 0;
    reported = 0;
}
/** Copies `length` bytes between arrays without making a subarray view per call. */
function copyBytes(from, fromAt, to, toAt, length) {
    for (let i = 0; i < length; i++)
        to[toAt + i] = from[fromAt + i];
}
function sameBytes(a, aAt, b, bAt, length) {
    for (let i = 0; i < length; i++)
        if (a[aAt + i] !== b[bAt + i])
            return false;
    return true;
}
/**
 * The reassembler. One per capture stream (state is per instance, not shared); not reentrant.
 * Feed every fragment to `add`; call `expire` now and then with the capture time if fragments
 * may stop arriving, and `flush` at the end of the capture.
 */
export class FragmentReassembler {
    options;
    sink;
    buckets = new Map();
    /** Age list by creation: `oldest` is the first to time out or be evicted. */
    oldest = undefined;
    newest = undefined;
    result = new ReassembledDatagram();
    counters = {
        fragments: 0,
        completed: 0,
        atomic: 0,
        rejected: 0,
        droppedTooLarge: 0,
        evictedTimeout: 0,
        evictedCount: 0,
        evictedMemory: 0,
        evictedExcessive: 0,
        flushed: 0,
        events: 0,
        active: 0,
        peakActive: 0,
        bufferedBytes: 0,
        peakBufferedBytes: 0,
    };
    constructor(options = {}, sink = () => { }) {
        this.options = fragmentOptions(options);
        this.sink = sink;
    }
    /** Live counters (the same object, updated in place). */
    get stats() {
        return this.counters;
    }
    /**
     * Adds one fragment. Returns the finished datagram when this fragment completes one (or is an
     * atomic fragment), otherwise undefined. Never throws on packet content.
     */
    add(packet, data, start, end) {
        const version = packet.ipVersion;
        const offset = packet.fragmentOffset;
        if ((version !== 4 && version !== 6) ||
            !Number.isInteger(start) ||
            !Number.isInteger(end) ||
            start < 0 ||
            end < start ||
            end > data.length ||
            !Number.isInteger(offset) ||
            offset < 0 ||
            offset > MAX_FRAGMENT_OFFSET ||
            packet.addr.length < 8) {
            this.counters.rejected++;
            return undefined;
        }
        this.expire(packet.ts);
        const length = end - start;
        const fragmentEnd = offset + length;
        if (offset === 0 && !packet.moreFragments) {
            // A whole datagram in one fragment: reassembled in isolation, never merged with state
            // (RFC 6946), so an atomic fragment cannot be used to poison a pending datagram.
            this.counters.fragments++;
            this.counters.atomic++;
            return this.deliverAtomic(packet, data, start, end);
        }
        const keyProto = version === 4 ? packet.ipProto & 0xff : 0;
        const hash = this.hashOf(packet.addr, version, keyProto, packet.fragmentId);
        let r = this.find(hash, packet.addr, version, keyProto, packet.fragmentId);
        const headerLength = packet.headerLength ?? (version === 4 ? 20 : IPV6_HEADER + IPV6_FRAGMENT_HEADER);
        const large = fragmentEnd > LARGE_FRAGMENT_END;
        if (fragmentEnd > this.options.maxDatagramBytes) {
            // Dropped without creating state: a stream of these costs an event each, no memory.
            if (large)
                this.reportLarge(r, packet, fragmentEnd, headerLength);
            this.counters.droppedTooLarge++;
            return undefined;
        }
        if (r === undefined) {
            r = this.create(hash, packet, keyProto);
        }
        else if (version === 6 && packet.ipProto !== r.proto) {
            this.reportOnce(r, Reported.Protocol, FragmentEvent.ProtocolInconsistency, packet, () => {
                return `next header ${packet.ipProto}, earlier fragments said ${r.proto}`;
            });
        }
        if (version === 6 && offset === 0)
            r.proto = packet.ipProto; // the first fragment's word counts (Zeek)
        if (packet.headerLength !== undefined) {
            if (r.headerLength >= 0 && r.headerLength !== packet.headerLength) {
                this.reportOnce(r, Reported.Protocol, FragmentEvent.ProtocolInconsistency, packet, () => {
                    return `header length ${packet.headerLength}, earlier fragments had ${r.headerLength}`;
                });
            }
            r.headerLength = packet.headerLength;
        }
        if (large)
            this.reportLarge(r, packet, fragmentEnd, headerLength);
        this.counters.fragments++;
        r.fragments++;
        if (r.fragments > this.options.maxFragmentsPerDatagram) {
            this.report(FragmentEvent.Excessive, packet, `more than ${this.options.maxFragmentsPerDatagram} fragments`);
            this.counters.evictedExcessive++;
            this.remove(r);
            return undefined;
        }
        if (packet.dontFragment === true) {
            this.reportOnce(r, Reported.Df, FragmentEvent.WithDf, packet, () => `offset ${offset}`);
        }
        if (packet.moreFragments && headerLength + length < SMALL_FRAGMENT_PACKET) {
            this.reportOnce(r, Reported.Small, FragmentEvent.ExcessivelySmall, packet, () => {
                return `non-last fragment of ${headerLength + length} bytes at offset ${offset}`;
            });
        }
        if (offset === 0) {
            const needed = minTransportHeader(packet.ipProto);
            if (length < needed) {
                this.reportOnce(r, Reported.Tiny, FragmentEvent.Tiny, packet, () => {
                    return `first fragment carries ${length} of the ${needed}-byte protocol ${packet.ipProto} header`;
                });
            }
        }
        this.updateTotal(r, packet, fragmentEnd);
        if (!this.ensureCapacity(r, r.total >= 0 ? r.total : fragmentEnd)) {
            this.counters.evictedMemory++;
            this.remove(r);
            return undefined;
        }
        if (length > 0)
            this.insert(r, packet, data, start, length);
        const iv = r.intervals;
        if (r.total > 0 && r.intervalCount === 1 && iv[0] === 0 && iv[1] === r.total) {
            return this.deliver(r, packet);
        }
        return undefined;
    }
    /** Drops datagrams whose first fragment is older than the timeout; returns how many. */
    expire(now) {
        const limit = now - this.options.timeoutSeconds;
        let dropped = 0;
        while (this.oldest !== undefined && this.oldest.firstTs <= limit) {
            this.remove(this.oldest);
            this.counters.evictedTimeout++;
            dropped++;
        }
        return dropped;
    }
    /** Drops every unfinished datagram (end of capture); returns how many. */
    flush() {
        let dropped = 0;
        while (this.oldest !== undefined) {
            this.remove(this.oldest);
            dropped++;
        }
        this.counters.flushed += dropped;
        return dropped;
    }
    // ---- state ----------------------------------------------------------------------------------
    hashOf(addr, version, keyProto, id) {
        let h = fnv1aWords(addr, 0, 8);
        h = Math.imul(h ^ (id >>> 0), 0x01000193);
        h = Math.imul(h ^ ((version << 8) | keyProto), 0x01000193);
        return h >>> 0;
    }
    find(hash, addr, version, keyProto, id) {
        // The hash is unkeyed, so crafted collisions are possible; a chain is still bounded by
        // `maxReassemblies`, which bounds the cost of one lookup.
        for (let r = this.buckets.get(hash); r !== undefined; r = r.nextInBucket) {
            if (r.ipVersion !== version || r.id !== id >>> 0)
                continue;
            if (version === 4 && r.proto !== keyProto)
                continue;
            let same = true;
            for (let w = 0; w < 8; w++) {
                if (r.addr[w] !== addr[w]) {
                    same = false;
                    break;
                }
            }
            if (same)
                return r;
        }
        return undefined;
    }
    create(hash, packet, keyProto) {
        if (this.counters.active >= this.options.maxReassemblies && this.oldest !== undefined) {
            this.remove(this.oldest);
            this.counters.evictedCount++;
        }
        const r = new Reassembly();
        for (let w = 0; w < 8; w++)
            r.addr[w] = packet.addr[w];
        r.ipVersion = packet.ipVersion;
        r.proto = packet.ipVersion === 4 ? keyProto : packet.ipProto;
        r.id = packet.fragmentId >>> 0;
        r.hash = hash;
        r.firstTs = packet.ts;
        r.nextInBucket = this.buckets.get(hash);
        this.buckets.set(hash, r);
        r.older = this.newest;
        if (this.newest !== undefined)
            this.newest.newer = r;
        else
            this.oldest = r;
        this.newest = r;
        const c = this.counters;
        c.active++;
        if (c.active > c.peakActive)
            c.peakActive = c.active;
        return r;
    }
    remove(r) {
        const head = this.buckets.get(r.hash);
        if (head === r) {
            if (r.nextInBucket === undefined)
                this.buckets.delete(r.hash);
            else
                this.buckets.set(r.hash, r.nextInBucket);
        }
        else {
            for (let p = head; p !== undefined; p = p.nextInBucket) {
                if (p.nextInBucket === r) {
                    p.nextInBucket = r.nextInBucket;
                    break;
                }
            }
        }
        if (r.older !== undefined)
            r.older.newer = r.newer;
        else
            this.oldest = r.newer;
        if (r.newer !== undefined)
            r.newer.older = r.older;
        else
            this.newest = r.older;
        r.older = r.newer = r.nextInBucket = undefined;
        this.counters.active--;
        this.counters.bufferedBytes -= r.buffer.length;
        r.buffer = EMPTY;
    }
    /** Zeek's size rules: the last fragment fixes the end; anything disagreeing is reported and
     * the end grows to cover it, so no received byte is silently cut off. */
    updateTotal(r, packet, fragmentEnd) {
        const coveredEnd = r.intervalCount > 0 ? r.intervals[2 * r.intervalCount - 1] : 0;
        if (!packet.moreFragments) {
            if (r.total < 0) {
                r.total = fragmentEnd;
                if (coveredEnd > fragmentEnd) {
                    this.reportOnce(r, Reported.Size, FragmentEvent.SizeInconsistency, packet, () => {
                        return `last fragment ends at ${fragmentEnd} but earlier fragments reach ${coveredEnd}`;
                    });
                    r.total = coveredEnd;
                }
                return;
            }
            if (fragmentEnd !== r.total) {
                this.reportOnce(r, Reported.Size, FragmentEvent.SizeInconsistency, packet, () => {
                    return `last fragment ends at ${fragmentEnd}, an earlier one at ${r.total}`;
                });
                if (fragmentEnd > r.total)
                    r.total = fragmentEnd;
            }
            return;
        }
        if (r.total >= 0 && fragmentEnd > r.total) {
            this.reportOnce(r, Reported.Size, FragmentEvent.SizeInconsistency, packet, () => {
                return `fragment ends at ${fragmentEnd}, past the last fragment's end ${r.total}`;
            });
            r.total = fragmentEnd;
        }
    }
    /** Grows the buffer to hold `needed` bytes, evicting older datagrams if the total cap says so. */
    ensureCapacity(r, needed) {
        const old = r.buffer;
        if (old.length >= needed)
            return true;
        const max = this.options.maxDatagramBytes;
        // Unknown length: double, so a datagram arriving in order copies O(n) bytes overall.
        const size = r.total >= 0 ? needed : Math.min(max, Math.max(needed, old.length * 2, MIN_BUFFER));
        const growth = size - old.length;
        const c = this.counters;
        while (c.bufferedBytes + growth > this.options.maxBufferedBytes) {
            const victim = this.oldest === r ? r.newer : this.oldest;
            if (victim === undefined)
                return false;
            this.remove(victim);
            c.evictedMemory++;
        }
        const grown = new Uint8Array(size);
        grown.set(old);
        r.buffer = grown;
        c.bufferedBytes += growth;
        if (c.bufferedBytes > c.peakBufferedBytes)
            c.peakBufferedBytes = c.bufferedBytes;
        return true;
    }
    /** Writes the fragment's bytes per the overlap policy and merges its range into the intervals. */
    insert(r, packet, data, start, length) {
        const offset = packet.fragmentOffset;
        const fragmentEnd = offset + length;
        const iv = r.intervals;
        const buffer = r.buffer;
        const first = this.options.overlapPolicy === 'first';
        // First interval that ends at or after `offset` (touching ranges merge, overlap needs more).
        let i = 0;
        while (i < r.intervalCount && iv[2 * i + 1] < offset)
            i++;
        let overlapped = false;
        let differs = false;
        let cursor = offset;
        let j = i;
        for (; j < r.intervalCount && iv[2 * j] <= fragmentEnd; j++) {
            const a = iv[2 * j];
            const b = iv[2 * j + 1];
            const lo = Math.max(a, offset);
            const hi = Math.min(b, fragmentEnd);
            if (hi > lo) {
                overlapped = true;
                if (!differs && !sameBytes(buffer, lo, data, start + lo - offset, hi - lo))
                    differs = true;
                if (first && lo > cursor)
                    copyBytes(data, start + cursor - offset, buffer, cursor, lo - cursor);
                if (first && hi > cursor)
                    cursor = hi;
            }
        }
        if (!first) {
            if (start === 0 && length === data.length)
                buffer.set(data, offset);
            else
                copyBytes(data, start, buffer, offset, length);
        }
        else if (!overlapped) {
            if (start === 0 && length === data.length)
                buffer.set(data, offset);
            else
                copyBytes(data, start, buffer, offset, length);
        }
        else if (cursor < fragmentEnd) {
            copyBytes(data, start + cursor - offset, buffer, cursor, fragmentEnd - cursor);
        }
        if (differs) {
            this.reportOnce(r, Reported.Inconsistency, FragmentEvent.Inconsistency, packet, () => {
                return `bytes ${offset}-${fragmentEnd} differ from an earlier fragment; kept the ${first ? 'first' : 'last'}`;
            });
        }
        else if (overlapped) {
            this.reportOnce(r, Reported.Overlap, FragmentEvent.Overlap, packet, () => {
                return `bytes ${offset}-${fragmentEnd} repeat an earlier fragment`;
            });
        }
        this.mergeInterval(r, i, j, offset, fragmentEnd);
    }
    /** Replaces intervals [i, j) (those touching [lo, hi)) with their union with [lo, hi). */
    mergeInterval(r, i, j, lo, hi) {
        let iv = r.intervals;
        const n = r.intervalCount;
        if (j > i) {
            lo = Math.min(lo, iv[2 * i]);
            hi = Math.max(hi, iv[2 * (j - 1) + 1]);
        }
        const removed = j - i;
        if (removed === 0) {
            if (2 * (n + 1) > iv.length) {
                // Intervals never outnumber fragments, which are capped, so this stays small.
                const grown = new Uint32Array(iv.length * 2);
                grown.set(iv);
                r.intervals = iv = grown;
            }
            iv.copyWithin(2 * (i + 1), 2 * i, 2 * n);
            r.intervalCount = n + 1;
        }
        else if (removed > 1) {
            iv.copyWithin(2 * (i + 1), 2 * j, 2 * n);
            r.intervalCount = n - removed + 1;
        }
        iv[2 * i] = lo;
        iv[2 * i + 1] = hi;
    }
    // ---- output ---------------------------------------------------------------------------------
    deliver(r, packet) {
        const out = this.result;
        out.bytes = r.buffer.length === r.total ? r.buffer : r.buffer.slice(0, r.total);
        out.ipVersion = r.ipVersion;
        out.addr.set(r.addr);
        out.ipProto = r.proto;
        out.fragmentId = r.id;
        out.firstTs = r.firstTs;
        out.ts = packet.ts;
        out.fileOffset = packet.fileOffset;
        out.fragmentCount = r.fragments;
        // The buffer now belongs to the caller: detach it before `remove` accounts for it.
        this.counters.bufferedBytes -= r.buffer.length;
        r.buffer = EMPTY;
        this.remove(r);
        this.counters.completed++;
        return out;
    }
    deliverAtomic(packet, data, start, end) {
        const out = this.result;
        out.bytes = data.slice(start, end);
        out.ipVersion = packet.ipVersion;
        for (let w = 0; w < 8; w++)
            out.addr[w] = packet.addr[w];
        out.ipProto = packet.ipProto;
        out.fragmentId = packet.fragmentId >>> 0;
        out.firstTs = packet.ts;
        out.ts = packet.ts;
        out.fileOffset = packet.fileOffset;
        out.fragmentCount = 1;
        return out;
    }
    // ---- events ---------------------------------------------------------------------------------
    /** Reports `name` once per datagram (`r` undefined: no datagram yet, report every time). */
    reportOnce(r, bit, name, packet, detail) {
        if (r !== undefined) {
            if ((r.reported & bit) !== 0)
                return;
            r.reported |= bit;
        }
        this.report(name, packet, detail());
    }
    /**
     * `excessively_large_fragment` once per datagram past Zeek's 64000, and once more if the
     * datagram then crosses 65535 (a ping of death): the first report may have come from a
     * fragment that was merely large.
     */
    reportLarge(r, packet, fragmentEnd, headerLength) {
        // The reassembled datagram's IP length: IPv4 counts its header, IPv6 only the headers
        // between the fixed header and the fragment header.
        const datagramLength = packet.ipVersion === 4
            ? headerLength + fragmentEnd
            : headerLength - IPV6_FRAGMENT_HEADER - IPV6_HEADER + fragmentEnd;
        const oversize = datagramLength > MAX_IP_LENGTH;
        const bit = oversize ? Reported.Oversize : Reported.Large;
        if (r !== undefined) {
            if ((r.reported & bit) !== 0)
                return;
            r.reported |= bit | Reported.Large;
        }
        const deadly = oversize ? `, making a ${datagramLength}-byte IP datagram (ping of death)` : '';
        this.report(FragmentEvent.ExcessivelyLarge, packet, `fragment ends at ${fragmentEnd}${deadly}`);
    }
    report(name, packet, detail) {
        this.counters.events++;
        const addr = packet.addr;
        this.sink({
            name,
            ts: packet.ts,
            fileOffset: packet.fileOffset,
            detail: `${formatAddress(addr, 0)} > ${formatAddress(addr, 4)} IPv${packet.ipVersion} id ${packet.fragmentId >>> 0}: ${detail}`,
        });
    }
}
//# sourceMappingURL=fragments.js.map