/**
 * One stream of packets in, Zeek-compatible connection records out: decoding down to the
 * transport, connection tracking, and what hangs off it. The single piece of per-packet code
 * that both `extractCapture` (one whole capture, one instance) and the actor pipeline (one
 * instance per virtual shard, fed the packets routed to it) run, so the two agree by
 * construction.
 *
 * Pure and single-threaded; memory is bounded by the tracker's caps.
 */
import { type ConnRecord, ConnTracker, type ConnTrackerOptions } from './connections.js';
import { decodePacket } from './decode.js';
import { type CapturedPacket, DecodedPacket, type EventSink } from './packet.js';

export interface CaptureFlowOptions {
  /** Verify TCP/UDP/ICMP checksums (Zeek's default); false is Zeek's `-C`. */
  readonly verifyChecksums: boolean;
  readonly tracker: Partial<ConnTrackerOptions>;
}

export class CaptureFlows {
  packets = 0;
  decoded = 0;
  firstTs = Number.POSITIVE_INFINITY;
  lastTs = Number.NEGATIVE_INFINITY;
  private readonly tracker: ConnTracker;
  private readonly packet = new DecodedPacket();
  private readonly onEvent: EventSink;
  private readonly verifyChecksums: boolean;

  constructor(
    onConn: (record: ConnRecord) => void,
    onEvent: EventSink,
    options: Partial<CaptureFlowOptions> = {},
  ) {
    this.onEvent = onEvent;
    this.verifyChecksums = options.verifyChecksums ?? true;
    this.tracker = new ConnTracker(onConn, onEvent, options.tracker);
  }

  /** Connections ended early because the tracker was full. */
  get evictedConnections(): number {
    return this.tracker.evictedEarly;
  }

  get openConnections(): number {
    return this.tracker.openConnections;
  }

  observe(p: CapturedPacket): void {
    this.packets++;
    if (p.ts < this.firstTs) this.firstTs = p.ts;
    if (p.ts > this.lastTs) this.lastTs = p.ts;
    const packet = this.packet;
    packet.reset();
    if (!decodePacket(p, packet, this.onEvent, { verifyChecksums: this.verifyChecksums })) return;
    if (packet.isFragment) return;
    this.decoded++;
    this.tracker.observe(packet);
  }

  /** Ends every open connection (end of input). */
  finish(): void {
    this.tracker.flush();
  }
}
