/**
 * The record schema and the binary batch layout: what crosses threads on the data plane.
 *
 * Records never cross a thread boundary as objects (structured clone caps a pipeline at ~1 M
 * records/s). A parser fills one reusable `RecordRow`, a `BatchBuilder` appends it column-wise,
 * and `encodeInto` writes the batch into one contiguous byte range (a ring slot or a fresh
 * ArrayBuffer). The receiving shard owner reads it in place through a `BatchView`.
 *
 * Layout of an encoded batch (every section 8-byte aligned, n = record count):
 *
 *   header   u32[16]   see Header below
 *   f64      n × 9     ts, duration, then the seven Zeek counters (Counter order)
 *   u32      n × 18    addresses (orig 4 words, resp 4 words), line, line offset, string refs
 *                      (4 × offset,len)
 *   u16      n × 4     orig port, resp port, schema index, virtual shard
 *   u8       n × 4     kind, proto, conn state, flags
 *   schemas  JSON      the schemas referenced by this batch, in index order
 *   heap     bytes     string bytes referenced by the string refs
 */
export declare const RecordKind: {
    readonly Generic: 0;
    readonly Conn: 1;
    readonly Dns: 2;
    readonly Http: 3;
    readonly Tls: 4;
    readonly Dhcp: 5;
    readonly Auth: 6;
    readonly Notice: 7;
    readonly Weird: 8;
    readonly X509: 9;
    readonly Files: 10;
    /** A captured packet on its way to the flow trackers (ingest/pcap/packet-chunk.ts entry in Raw). */
    readonly Packet: 11;
};
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];
export declare const RECORD_KIND_NAMES: readonly ['generic', 'conn', 'dns', 'http', 'tls', 'dhcp', 'auth', 'notice', 'weird', 'x509', 'files', 'packet'];
export declare function kindOfPath(path: string): RecordKind;
export declare const Proto: {
    readonly Unknown: 0;
    readonly Tcp: 1;
    readonly Udp: 2;
    readonly Icmp: 3;
};
export type Proto = (typeof Proto)[keyof typeof Proto];
export declare const PROTO_NAMES: readonly ['unknown_transport', 'tcp', 'udp', 'icmp'];
/** Zeek's conn_state values; Unknown when unset or unrecognised. */
export declare const ConnState: {
    readonly Unknown: 0;
    readonly S0: 1;
    readonly S1: 2;
    readonly SF: 3;
    readonly REJ: 4;
    readonly S2: 5;
    readonly S3: 6;
    readonly RSTO: 7;
    readonly RSTR: 8;
    readonly RSTOS0: 9;
    readonly RSTRH: 10;
    readonly SH: 11;
    readonly SHR: 12;
    readonly OTH: 13;
};
export type ConnState = (typeof ConnState)[keyof typeof ConnState];
export declare const CONN_STATE_NAMES: readonly ['-', 'S0', 'S1', 'SF', 'REJ', 'S2', 'S3', 'RSTO', 'RSTR', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH'];
/** The seven Zeek conn counters, in column order. NaN means unset (`-`). */
export declare const Counter: {
    readonly OrigBytes: 0;
    readonly RespBytes: 1;
    readonly MissedBytes: 2;
    readonly OrigPkts: 3;
    readonly OrigIpBytes: 4;
    readonly RespPkts: 5;
    readonly RespIpBytes: 6;
};
export declare const COUNTER_COUNT = 7;
export declare const COUNTER_FIELDS: readonly ['orig_bytes', 'resp_bytes', 'missed_bytes', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes'];
/** String slots per record. Raw holds the whole source line for non-conn records. */
export declare const Str: {
    readonly Uid: 0;
    readonly Service: 1;
    readonly History: 2;
    readonly Raw: 3;
};
export declare const STR_COUNT = 4;
export declare const Flag: {
    readonly OrigSet: 1;
    readonly RespSet: 2;
    /** This delivery is the originator-keyed copy of an inbound record (see coordinator/routing). */
    readonly OriginView: 4;
    readonly LocalOrig: 8;
    readonly LocalResp: 16;
    /** A packet's delivery to the shard that reports its protocol events (sharding.routePacket). */
    readonly PacketPrimary: 32;
};
/** How a source's fields are laid out; one per distinct header (or JSON log path). */
export interface Schema {
    readonly path: string;
    readonly format: 'tsv' | 'json';
    readonly fields: readonly string[];
    readonly types: readonly string[];
    /** Byte value of the TSV field separator. */
    readonly separator: number;
    readonly setSeparator: string;
    readonly emptyField: string;
    readonly unsetField: string;
}
/**
 * One record being assembled by a parser. Reused for every line: the parser overwrites the
 * fields it knows and must call `reset()` first. String slots point into `src`.
 */
export declare class RecordRow {
    kind: RecordKind;
    schema: Schema | undefined;
    proto: Proto;
    connState: ConnState;
    flags: number;
    origPort: number;
    respPort: number;
    line: number;
    /** Byte offset of the record's line (a packet's entry) in its chunk. */
    lineOffset: number;
    ts: number;
    duration: number;
    readonly counters: Float64Array<ArrayBuffer>;
    /** orig words at 0..3, resp words at 4..7 */
    readonly addr: Uint32Array<ArrayBuffer>;
    src: Uint8Array;
    readonly strStart: Int32Array<ArrayBuffer>;
    readonly strEnd: Int32Array<ArrayBuffer>;
    reset(): void;
}
export interface BatchMeta {
    readonly chunkSeq: number;
    readonly part: number;
    readonly last: boolean;
    readonly sourceId: number;
    /**
     * On a chunk's last batch: the coordinator asked for a checkpoint after this chunk. Carried
     * in the data, so every consumer takes it at the same point of its input.
     */
    readonly checkpoint?: boolean;
}
/**
 * Appends rows column-wise. Capacity is fixed at construction (records and heap bytes);
 * `isFull` tells the caller to encode and `clear()` before the next append.
 */
export declare class BatchBuilder {
    readonly capacity: number;
    readonly heapCapacity: number;
    count: number;
    heapUsed: number;
    /**
     * Column strides of the staging arrays, in elements: the capacity plus one cache line. With
     * the capacity alone (2048 by default) every column starts a multiple of 4 KiB after the
     * previous one, so the 34 columns an append writes all map to one L1 cache set (8 ways) and
     * evict each other. One line of padding puts each column in the next set: `append` into two
     * builders measured 90 → 82 ns a row. Encoded batches stay packed (n per column).
     */
    private readonly strideF64;
    private readonly strideU32;
    private readonly strideU16;
    private readonly strideU8;
    private readonly f64;
    private readonly u32;
    private readonly u16;
    private readonly u8;
    private readonly heap;
    private readonly heapView;
    /** The last row source seen by append and a DataView over it (one per parsed region). */
    private srcBytes;
    private srcView;
    private readonly schemaIndex;
    private schemaList;
    private lastSchema;
    private lastSlot;
    constructor(capacity: number, heapCapacity: number);
    /** True when the next row might not fit (records, or heap for a maximal line). */
    get isFull(): boolean;
    /** Whether a row whose strings total `bytes` still fits in the heap. */
    fitsHeap(bytes: number): boolean;
    clear(): void;
    /** Bytes of the row's strings, to check `fitsHeap` before `append`. */
    static rowHeapBytes(row: RecordRow): number;
    append(row: RecordRow, vshard: number, flags: number): void;
    private viewSource;
    private schemaSlot;
    private schemaBytes;
    /** The exact encoded size; pass the same schema bytes to encodeInto. */
    encodedSize(schemaBytes: Uint8Array): number;
    /** Encodes into a fresh ArrayBuffer (self-delivery, checkpoints, tests). */
    encode(meta: BatchMeta): Uint8Array;
    /** Returns [size, writer]: lets a ring reserve exactly `size` bytes and fill them in place. */
    prepare(meta: BatchMeta): {
        size: number;
        write(dst: Uint8Array): void;
    };
    encodeInto(dst: Uint8Array, meta: BatchMeta, schemaBytes: Uint8Array): void;
}
/**
 * Reads an encoded batch in place. Column accessors are typed-array views into the batch; the
 * view is only valid while the underlying bytes are (a ring slot until it is released).
 */
export declare class BatchView {
    readonly count: number;
    readonly chunkSeq: number;
    readonly part: number;
    readonly last: boolean;
    /** BatchMeta.checkpoint. */
    readonly checkpoint: boolean;
    readonly sourceId: number;
    readonly byteLength: number;
    readonly ts: Float64Array;
    readonly duration: Float64Array;
    /** orig words: addr[w * count + i] for w in 0..3; resp words at w in 4..7 */
    readonly addr: Uint32Array;
    readonly line: Uint32Array;
    /** RecordRow.lineOffset. */
    readonly lineOffset: Uint32Array;
    readonly origPort: Uint16Array;
    readonly respPort: Uint16Array;
    readonly vshard: Uint16Array;
    readonly kind: Uint8Array;
    readonly proto: Uint8Array;
    readonly connState: Uint8Array;
    readonly flags: Uint8Array;
    private readonly f64;
    private readonly u32;
    private readonly u16;
    /** The string heap; slot s of record i is heap[strOffset(i, s), + strLength(i, s)). */
    readonly heap: Uint8Array;
    private readonly schemaBytes;
    private schemaCache;
    constructor(bytes: Uint8Array);
    /** Counter c (see Counter) of record i; NaN when unset. */
    counter(i: number, c: number): number;
    /** Address word w (0–3 orig, 4–7 resp) of record i. */
    word(i: number, w: number): number;
    /** Whether record i's orig (side 0) or resp (side 1) address is IPv4 (v4-mapped). */
    isV4(i: number, side: 0 | 1): boolean;
    /** Record i's orig (side 0) or resp (side 1) address as text (formatAddress). */
    addrText(i: number, side: 0 | 1): string;
    /** Copies record i's orig (side 0) or resp (side 1) address into out[at..at+3]. */
    copyAddr(i: number, side: 0 | 1, out: Uint32Array, at: number): void;
    strOffset(i: number, s: number): number;
    strLength(i: number, s: number): number;
    /** The raw bytes of string slot s of record i (a view into the batch). */
    strBytes(i: number, s: number): Uint8Array;
    str(i: number, s: number): string;
    schemaOf(i: number): Schema | undefined;
}
/** Reads the encoded length from a batch header without building a view. */
export declare function encodedBatchLength(bytes: Uint8Array): number;
/**
 * Delivery roles. A record goes to the virtual shard of its local endpoint (the primary
 * delivery). When that endpoint is the responder (an inbound connection: orig not local, resp
 * local), a second, originator-keyed copy flagged OriginView goes to the originator's shard, so
 * per-source analyzers (scans) see every connection of a source in one place.
 */
export declare function isPrimaryDelivery(flags: number): boolean;
/** True for the one delivery of each record that is keyed by its originator. */
export declare function isOriginatorDelivery(flags: number): boolean;
