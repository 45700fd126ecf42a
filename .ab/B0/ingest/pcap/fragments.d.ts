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
import { type EventSink } from './packet.js';
/** Event names (Zeek's weird names where Zeek has one; `tiny_fragment`/`excessive_fragments` are ours). */
export declare const FragmentEvent: {
    /** Two fragments cover the same bytes with the same content (duplicates, retransmits). */
    readonly Overlap: 'fragment_overlap';
    /** Two fragments cover the same bytes with different content: the evasion case, since the
     * receiver's overlap policy decides what it sees. */
    readonly Inconsistency: 'fragment_inconsistency';
    /** The datagram's end moved: two last fragments disagree, or data lies past the last one. */
    readonly SizeInconsistency: 'fragment_size_inconsistency';
    /** IPv6 fragments of one datagram disagree on the next header, or the header length changed. */
    readonly ProtocolInconsistency: 'fragment_protocol_inconsistency';
    /** A fragment with Don't Fragment set (Linux UDP path-MTU discovery does it; so do tools). */
    readonly WithDf: 'fragment_with_DF';
    /** A fragment ending past 64000 bytes (Zeek's threshold); past 65535 it is a ping of death. */
    readonly ExcessivelyLarge: 'excessively_large_fragment';
    /** A non-last fragment whose IP packet is under 64 bytes (Zeek's threshold). */
    readonly ExcessivelySmall: 'excessively_small_fragment';
    /** A first fragment too short to hold its transport header (RFC 1858 tiny-fragment attack):
     * a filter looking at ports or TCP flags in the first fragment sees nothing. */
    readonly Tiny: 'tiny_fragment';
    /** More fragments than `maxFragmentsPerDatagram`: the datagram is dropped. */
    readonly Excessive: 'excessive_fragments';
};
export type FragmentEvent = (typeof FragmentEvent)[keyof typeof FragmentEvent];
/**
 * Which bytes win where fragments overlap. Stacks differ (Novak's "target-based" study: BSD,
 * Linux and Windows keep mostly the earlier data, some old stacks the later), which is exactly
 * what an attacker exploits; the event is reported either way so the choice only decides which
 * version of the bytes the analyzers see.
 */
export type OverlapPolicy = 'first' | 'last';
export interface FragmentOptions {
    /** Datagrams under reassembly at once; the oldest is dropped to make room. */
    readonly maxReassemblies: number;
    /** Largest datagram (bytes after the IP header) buffered; fragments past it are dropped. */
    readonly maxDatagramBytes: number;
    /** Bytes of buffers over all datagrams; the oldest datagrams are dropped to stay under it. */
    readonly maxBufferedBytes: number;
    /** Fragments accepted per datagram before it is dropped as `excessive_fragments`. */
    readonly maxFragmentsPerDatagram: number;
    /** Seconds of capture time from a datagram's first fragment until it is dropped unfinished. */
    readonly timeoutSeconds: number;
    readonly overlapPolicy: OverlapPolicy;
}
/**
 * Defaults. 65535 + 1024 per datagram so a slightly oversized datagram (a ping of death) is
 * still reassembled and reported rather than silently lost; 64 MiB overall covers the 4096 slots
 * at ~16 KB each, far above what 1500-byte-MTU traffic keeps open. 256 fragments per datagram is
 * twice what a 64 KB datagram needs at a 576-byte MTU. `first` matches Zeek and most stacks.
 */
export declare const DEFAULT_FRAGMENT_OPTIONS: FragmentOptions;
/** Validates options once, at construction (defaults for what is missing). */
export declare function fragmentOptions(partial?: Partial<FragmentOptions>): FragmentOptions;
/**
 * The fields of one fragment (a `DecodedPacket` fits). The payload is passed separately as
 * `data[start, end)`: the bytes after the IPv4 header, or after the IPv6 fragment header.
 */
export interface FragmentInput {
    readonly ts: number;
    readonly fileOffset: number;
    /** 4 or 6. */
    readonly ipVersion: number;
    /** src words 0..3, dst 4..7 (shared/addr.ts). */
    readonly addr: Uint32Array;
    /** IPv4 protocol; IPv6 next header of the fragment header. */
    readonly ipProto: number;
    readonly fragmentId: number;
    /** Offset of this fragment's data in the datagram, in bytes. */
    readonly fragmentOffset: number;
    readonly moreFragments: boolean;
    /** IPv4 DF bit, when the caller has it. */
    readonly dontFragment?: boolean;
    /** Bytes of IP header before the data (IPv4 header with options; IPv6 up to and including the
     * fragment header). Used for Zeek's size thresholds; 20 / 48 when absent. */
    readonly headerLength?: number;
}
/**
 * A finished datagram. The object is reused: valid until the next `add`. `bytes` is fresh and
 * the caller's to keep. For IPv6 `bytes` starts with the header `ipProto` names, which may be
 * an extension header that followed the fragment header.
 */
export declare class ReassembledDatagram {
    bytes: Uint8Array;
    ipVersion: number;
    /** src words 0..3, dst 4..7. */
    readonly addr: Uint32Array<ArrayBuffer>;
    ipProto: number;
    fragmentId: number;
    /** Capture time of the first fragment seen and of the one that completed the datagram. */
    firstTs: number;
    ts: number;
    /** File offset of the completing fragment. */
    fileOffset: number;
    fragmentCount: number;
}
export interface FragmentStats {
    /** Fragments handed to `add` that were accepted (including atomic ones). */
    fragments: number;
    /** Datagrams reassembled from two or more fragments. */
    completed: number;
    /** Fragments at offset 0 without more-fragments (IPv6 atomic fragments, RFC 6946): passed on alone. */
    atomic: number;
    /** Calls with impossible input (bad version, range or offset): dropped. */
    rejected: number;
    /** Fragments dropped because they end past `maxDatagramBytes`. */
    droppedTooLarge: number;
    evictedTimeout: number;
    /** Dropped to stay under `maxReassemblies`. */
    evictedCount: number;
    /** Dropped to stay under `maxBufferedBytes`. */
    evictedMemory: number;
    /** Dropped for exceeding `maxFragmentsPerDatagram`. */
    evictedExcessive: number;
    /** Dropped unfinished by `flush`. */
    flushed: number;
    events: number;
    active: number;
    peakActive: number;
    bufferedBytes: number;
    peakBufferedBytes: number;
}
/**
 * The reassembler. One per capture stream (state is per instance, not shared); not reentrant.
 * Feed every fragment to `add`; call `expire` now and then with the capture time if fragments
 * may stop arriving, and `flush` at the end of the capture.
 */
export declare class FragmentReassembler {
    readonly options: FragmentOptions;
    private readonly sink;
    private readonly buckets;
    /** Age list by creation: `oldest` is the first to time out or be evicted. */
    private oldest;
    private newest;
    private readonly result;
    private readonly counters;
    constructor(options?: Partial<FragmentOptions>, sink?: EventSink);
    /** Live counters (the same object, updated in place). */
    get stats(): Readonly<FragmentStats>;
    /**
     * Adds one fragment. Returns the finished datagram when this fragment completes one (or is an
     * atomic fragment), otherwise undefined. Never throws on packet content.
     */
    add(packet: FragmentInput, data: Uint8Array, start: number, end: number): ReassembledDatagram | undefined;
    /** Drops datagrams whose first fragment is older than the timeout; returns how many. */
    expire(now: number): number;
    /** Drops every unfinished datagram (end of capture); returns how many. */
    flush(): number;
    private hashOf;
    private find;
    private create;
    private remove;
    /** Zeek's size rules: the last fragment fixes the end; anything disagreeing is reported and
     * the end grows to cover it, so no received byte is silently cut off. */
    private updateTotal;
    /** Grows the buffer to hold `needed` bytes, evicting older datagrams if the total cap says so. */
    private ensureCapacity;
    /** Writes the fragment's bytes per the overlap policy and merges its range into the intervals. */
    private insert;
    /** Replaces intervals [i, j) (those touching [lo, hi)) with their union with [lo, hi). */
    private mergeInterval;
    private deliver;
    private deliverAtomic;
    /** Reports `name` once per datagram (`r` undefined: no datagram yet, report every time). */
    private reportOnce;
    /**
     * `excessively_large_fragment` once per datagram past Zeek's 64000, and once more if the
     * datagram then crosses 65535 (a ping of death): the first report may have come from a
     * fragment that was merely large.
     */
    private reportLarge;
    private report;
}
