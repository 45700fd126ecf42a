import { NetflowConnConverter } from '../ingest/netflow/index.js';
import type { ProtocolEvent } from '../ingest/pcap/packet.js';
export type ListenerKind = 'netflow' | 'syslog';
export interface ListenerSpec {
    readonly kind: ListenerKind;
    readonly transport: 'udp' | 'tcp';
    readonly host: string;
    readonly port: number;
}
/** `udp://HOST:PORT` or `tcp://HOST:PORT` (IPv6 in brackets); port 0 picks a free one. */
export declare function parseListenUrl(kind: ListenerKind, text: string): ListenerSpec;
export declare function listenUrl(s: ListenerSpec): string;
export interface LiveOptions {
    readonly listeners: readonly ListenerSpec[];
    /** Hand records to the pipeline at least this often. Default 1000 ms. */
    readonly flushMs?: number;
    /** Hand a block over as soon as it holds this many bytes. Default 1 MiB. */
    readonly blockBytes?: number;
    /** Records waiting for the pipeline at most (bytes of JSON). Default 64 MiB. */
    readonly maxPendingBytes?: number;
    /** Stop after this many records. Default: no limit. */
    readonly maxRecords?: number;
    /** Stop after this many seconds. Default: no limit. */
    readonly durationSeconds?: number;
    /** UDP socket receive buffer asked of the kernel. Default 16 MiB. */
    readonly recvBufferBytes?: number;
    /** Largest syslog frame over TCP. Default 64 KiB. */
    readonly maxFrameBytes?: number;
    /** Stitch the two directions of NetFlow flows (see ingest/netflow/conn.ts). Default false. */
    readonly stitchBiflows?: boolean;
}
export interface LiveStats {
    datagrams: number;
    bytes: number;
    tcpConnections: number;
    syslogMessages: number;
    flows: number;
    records: number;
    /** UDP datagrams dropped because the pipeline fell behind by `maxPendingBytes`. */
    dropped: number;
    events: number;
}
export declare class LiveCollector {
    readonly stats: LiveStats;
    private readonly options;
    private readonly flushMs;
    private readonly blockBytes;
    private readonly maxPendingBytes;
    private readonly udp;
    private readonly tcp;
    private readonly connections;
    private bound;
    /**
     * Records waiting for the pipeline, as UTF-8 bytes. Written into a buffer outside the JS heap
     * as they come: kept as strings they survived young-generation collections and were copied by
     * each (a third of the main thread's time at 100 k flows/s); each line now dies at once.
     */
    private pending;
    private pendingBytes;
    private stopped;
    private paused;
    private wake;
    private onEvent;
    /** One converter for every NetFlow listener: the run's summary reports its exporters. */
    readonly netflow: NetflowConnConverter;
    /** Events before the pipeline asked for blocks (none expected; kept, not lost). */
    private early;
    constructor(options: LiveOptions);
    /** Names the feed in the summary. */
    get name(): string;
    /** The listeners as bound (port 0 resolved). */
    get addresses(): readonly ListenerSpec[];
    /** Binds every listener; rejects (and closes what was opened) if one cannot be bound. */
    start(): Promise<void>;
    /** Stops listening; what was received is still handed over, then `blocks` ends. */
    stop(): void;
    /** The feed (LiveFeed.blocks): Zeek JSON records as UTF-8 until `stop`. */
    blocks(onEvent: (event: ProtocolEvent) => void): AsyncGenerator<Uint8Array>;
    private close;
    private event;
    private add;
    private pause;
    private resume;
    private onNetflowDatagram;
    private bindUdp;
    private bindTcp;
    private onTcp;
}
