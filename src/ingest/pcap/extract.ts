/**
 * A capture's bytes in, Zeek-compatible records out: reads the file, decodes every packet to
 * its transport header, reassembles IP fragments and tracks connections. Pure (no I/O) and
 * single-threaded: `netscry extract` and the conformance run call it per file; the sharded
 * pipeline will feed the same tracker per shard.
 */
import { readCapture } from './capture-file.js';
import { type ConnRecord, ConnTracker, type ConnTrackerOptions } from './connections.js';
import { decodePacket } from './decode.js';
import { DecodedPacket, type ProtocolEvent } from './packet.js';

export interface ExtractOptions {
  /** Verify TCP/UDP/ICMP checksums (Zeek's default); false is Zeek's `-C`. */
  readonly verifyChecksums: boolean;
  readonly tracker: Partial<ConnTrackerOptions>;
}

export interface ExtractResult {
  readonly conns: ConnRecord[];
  readonly events: ProtocolEvent[];
  readonly packets: number;
  readonly decoded: number;
  /** [first, last] packet time; [0, 0] for an empty capture. */
  readonly timeRange: [number, number];
  readonly evictedConnections: number;
}

export function extractCapture(bytes: Uint8Array, options: Partial<ExtractOptions> = {}): ExtractResult {
  const verifyChecksums = options.verifyChecksums ?? true;
  const conns: ConnRecord[] = [];
  const events: ProtocolEvent[] = [];
  const onEvent = (e: ProtocolEvent) => {
    events.push(e);
  };
  const tracker = new ConnTracker((r) => conns.push(r), onEvent, options.tracker);
  const packet = new DecodedPacket();
  let packets = 0;
  let decoded = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  readCapture(
    bytes,
    (p) => {
      packets++;
      if (p.ts < first) first = p.ts;
      if (p.ts > last) last = p.ts;
      packet.reset();
      if (!decodePacket(p, packet, onEvent, { verifyChecksums })) return;
      if (packet.isFragment) return;
      decoded++;
      tracker.observe(packet);
    },
    onEvent,
  );
  tracker.flush();
  conns.sort((a, b) => a.ts - b.ts || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return {
    conns,
    events,
    packets,
    decoded,
    timeRange: packets > 0 ? [first, last] : [0, 0],
    evictedConnections: tracker.evictedEarly,
  };
}
