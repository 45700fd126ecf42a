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
import { ConnTracker } from './connections.js';
import { PacketPath } from './packet-path.js';
export class CaptureFlows {
    packets = 0;
    /** Packets that reached the tracker (a whole IP datagram at some depth). */
    decoded = 0;
    firstTs = Number.POSITIVE_INFINITY;
    lastTs = Number.NEGATIVE_INFINITY;
    apps;
    tracker;
    path;
    constructor(onConn, onEvent, options = {}) {
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
    observe(p) {
        this.packets++;
        if (p.ts < this.firstTs)
            this.firstTs = p.ts;
        if (p.ts > this.lastTs)
            this.lastTs = p.ts;
        if (this.path.packet(p))
            this.decoded++;
    }
    /** End of input: pending fragments and tunnels, then every open connection, then the parsers. */
    finish() {
        this.path.flush();
        this.tracker.flush();
        this.apps?.finish();
    }
}
//# sourceMappingURL=flows.js.map