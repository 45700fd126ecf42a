import { type TrackedConnection } from './connections.js';
import { type FragmentOptions } from './fragments.js';
import { type CapturedPacket, DecodedPacket, type EventSink } from './packet.js';
/** What the packet path feeds: the connection tracker (`ConnTracker` fits). */
export interface PacketSink {
    /** `data` is the buffer the packet's offsets index (also `p.data`). */
    observe(p: DecodedPacket, data: Uint8Array): TrackedConnection | undefined;
}
export interface PacketPathOptions {
    /** Verify IPv4 header and transport checksums (Zeek's default); false is Zeek's `-C`. */
    readonly verifyChecksums: boolean;
    /** Tunnel layers followed around a packet (Zeek's `Tunnel::max_depth`, default 2). */
    readonly maxTunnelDepth: number;
    /** Confirm Teredo only once both directions carried valid Teredo (Zeek's default, T). */
    readonly delayTeredoConfirmation: boolean;
    /** Confirm GTPv1 only once both directions carried valid GTP (Zeek's default, F). */
    readonly delayGtpConfirmation: boolean;
    /** IP tunnels remembered at once (the oldest is forgotten, and gets a new uid if seen again). */
    readonly maxIpTunnels: number;
    readonly fragments: Partial<FragmentOptions>;
}
export declare const DEFAULT_PACKET_PATH_OPTIONS: PacketPathOptions;
/** A tunnel seen for the first time: Zeek's tunnel.log `Tunnel::DISCOVER` row. */
export interface TunnelRecord {
    readonly ts: number;
    readonly uid: string;
    /** Outer addresses and ports (ports 0 for IP tunnels), as the first packet had them. */
    readonly origH: string;
    readonly origP: number;
    readonly respH: string;
    readonly respP: number;
    /** Zeek's `Tunnel::Type` name (`Tunnel::GRE`, `Tunnel::VXLAN`, …). */
    readonly tunnelType: string;
    readonly action: 'Tunnel::DISCOVER';
}
export declare class PacketPath {
    readonly options: PacketPathOptions;
    /** Tunnels in order of discovery. */
    readonly tunnels: TunnelRecord[];
    /** Packets (at any depth, reassembled datagrams once) handed to the sink. */
    tracked: number;
    private readonly sink;
    private readonly onEvent;
    private readonly decodeOptions;
    private readonly reassembler;
    private readonly layers;
    private readonly fragment;
    private readonly ipTunnels;
    private readonly udpTunnels;
    constructor(sink: PacketSink, onEvent: EventSink, options?: Partial<PacketPathOptions>);
    get fragmentStats(): Readonly<import("./fragments.js").FragmentStats>;
    /** Decodes and tracks one captured packet; returns whether anything in it was tracked. */
    packet(p: CapturedPacket): boolean;
    /** End of input: unfinished datagrams are dropped (counted in `fragmentStats.flushed`). */
    flush(): void;
    /** The other subframes of an 802.11 A-MSDU, each a packet of its own. */
    private subframes;
    private handle;
    /**
     * Feeds a fragment to the reassembler. -1: nothing to decode yet; otherwise the completed
     * datagram was decoded into `out` (1: down to a trackable transport, 0: not).
     */
    private reassemble;
    /** The next layer's packet, reset, with the outer packet's time and tunnel depth + 1. */
    private innerOf;
    private ipTunnel;
    /** Names the IP tunnel between `out`'s addresses (either direction) in `inner`. */
    private enterIpTunnel;
    private discovered;
    private udpTunnel;
    /** Gives the outer connection its tunnel service, once per Zeek's confirmation rules. */
    private confirm;
}
