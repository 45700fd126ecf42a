/**
 * One stream of packets in, Zeek-compatible records out: the packet path (link → IP →
 * transport decoding, fragment reassembly, tunnels; packet-path.ts), connection tracking with
 * stream reassembly (connections.ts), and the content-detected application layer
 * (app/dispatch.ts). The single piece of per-packet code that both `extractCapture` (one whole
 * capture, one instance) and the actor pipeline (one instance per virtual shard, fed the
 * packets routed to it) run, so the two agree by construction.
 *
 * Pure and single-threaded; memory is bounded by the tracker's, reassembler's, reassembly
 * budget's and parsers' caps.
 */
import { AppLayer } from './app/dispatch.js';
import { type ConnRecord, ConnTracker, type ConnTrackerOptions } from './connections.js';
import type { CapturedPacket, EventSink } from './packet.js';
import { PacketPath, type PacketPathOptions } from './packet-path.js';
export interface CaptureFlowOptions {
    /** Verify TCP/UDP/ICMP checksums (Zeek's default); false is Zeek's `-C`. */
    readonly verifyChecksums: boolean;
    readonly tracker: Partial<ConnTrackerOptions>;
    /** Run the app-layer parsers (dns, dhcp, ssl, ssh, http) and fill `service` (default true). */
    readonly apps: boolean;
    /** Log a certificate on every connection, not once per fingerprint (the caller dedups). */
    readonly everyCertificate: boolean;
    /** Tunnel depth, Teredo/GTP confirmation and fragment reassembly bounds (packet-path.ts). */
    readonly packetPath: Partial<PacketPathOptions>;
    /**
     * Bytes of each direction of a clear-text connection matched for sensitive values and command
     * lines (app/payload.ts; payload.log). Default 4096; 0 turns payload inspection off.
     */
    readonly payloadBytes: number | undefined;
    /** Payload inspection also reports long base64/hex runs (default false: see app/payload.ts). */
    readonly payloadBlobs: boolean | undefined;
}
export declare class CaptureFlows {
    packets: number;
    /** Packets that reached the tracker (a whole IP datagram at some depth). */
    decoded: number;
    firstTs: number;
    lastTs: number;
    readonly apps: AppLayer | undefined;
    readonly tracker: ConnTracker;
    readonly path: PacketPath;
    constructor(onConn: (record: ConnRecord) => void, onEvent: EventSink, options?: Partial<CaptureFlowOptions>);
    observe(p: CapturedPacket): void;
    /** End of input: pending fragments and tunnels, then every open connection, then the parsers. */
    finish(): void;
}
