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

export class CaptureFlows {
  packets = 0;
  /** Packets that reached the tracker (a whole IP datagram at some depth). */
  decoded = 0;
  firstTs = Number.POSITIVE_INFINITY;
  lastTs = Number.NEGATIVE_INFINITY;
  readonly apps: AppLayer | undefined;
  readonly tracker: ConnTracker;
  readonly path: PacketPath;

  constructor(
    onConn: (record: ConnRecord) => void,
    onEvent: EventSink,
    options: Partial<CaptureFlowOptions> = {},
  ) {
    this.apps =
      options.apps === false
        ? undefined
        : new AppLayer(onEvent, options.everyCertificate ?? false, {
            bytes: options.payloadBytes,
            blobs: options.payloadBlobs,
          });
    this.tracker = new ConnTracker(onConn, onEvent, options.tracker, this.apps);
    this.path = new PacketPath(this.tracker, onEvent, {
      ...options.packetPath,
      verifyChecksums: options.verifyChecksums ?? true,
    });
  }

  observe(p: CapturedPacket): void {
    this.packets++;
    if (p.ts < this.firstTs) this.firstTs = p.ts;
    if (p.ts > this.lastTs) this.lastTs = p.ts;
    if (this.path.packet(p)) this.decoded++;
  }

  /** End of input: pending fragments and tunnels, then every open connection, then the parsers. */
  finish(): void {
    this.path.flush();
    this.tracker.flush();
    this.apps?.finish();
  }
}
