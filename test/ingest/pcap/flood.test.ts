/**
 * A flood of random-source SYNs must not exhaust memory: the connection tracker holds
 * at most `maxConnections`, ends the longest-idle connection early when full (counted), and still
 * reports every connection it ended, so every SYN comes out as one conn record (S0, history S).
 *
 * The big case streams the capture through the same stages `extractCapture` chains
 * (reader → decodePacket with checksums verified → ConnTracker), in pieces through a
 * `CaptureReader` and with records checked and dropped as they come, because `extractCapture`
 * itself takes the whole file and returns every record (memory linear in the input by design);
 * `extractCapture` is run on a smaller flood for its own counts. Heap growth is measured after a
 * forced GC (`global.gc`, or exposed through V8's flags for this process); without one only the
 * structural bound is asserted. No timing assertions.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../../src/ingest/pcap/capture-file.js';
import { type ConnRecord, ConnTracker } from '../../../src/ingest/pcap/connections.js';
import { decodePacket } from '../../../src/ingest/pcap/decode.js';
import { extractCapture } from '../../../src/ingest/pcap/extract.js';
import { DecodedPacket, type ProtocolEvent } from '../../../src/ingest/pcap/packet.js';
import { concatBytes } from '../../helpers/pcap.js';
import {
  type SynFloodSpec,
  synFloodChunks,
  synFloodCount,
  synFloodFrame,
  synSource,
  synTimeUs,
} from '../../helpers/syn-flood.js';

/**
 * SYNs in the streaming case. A million (the figure) take ~15 s of CPU here, most of it
 * in the tracker's eviction and record building, too long for the unit suite on two cores; the
 * full million runs in bench/e2e/syn-flood.ts (figures in docs/benchmarks.md).
 */
const FLOOD_SYNS = 300_000;

function forcedGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Order-free digest of the originators (IPv4 word, port): sums, each exact below 2^53 for
 * millions of records, compared with the same over the generated SYNs.
 */
class SourceDigest {
  addrs = 0;
  ports = 0;
  add(addr: number, port: number): void {
    this.addrs += addr;
    this.ports += port;
  }
  static ofFlood(spec: SynFloodSpec, count: number): SourceDigest {
    const d = new SourceDigest();
    for (let i = 0; i < count; i++) {
      const s = synSource(spec, i);
      d.add(s.addr, s.port);
    }
    return d;
  }
}

function isFloodRecord(r: ConnRecord): boolean {
  return (
    r.proto === 'tcp' &&
    r.respH === '192.0.2.80' &&
    r.respP === 80 &&
    r.connState === 'S0' &&
    r.history === 'S' &&
    r.origPkts === 1 &&
    r.respPkts === 0
  );
}

describe('SYN flood', () => {
  it('builds the packets the builders build, from distinct sources', () => {
    const spec: SynFloodSpec = { seed: 7, phases: [{ count: 250, perSecond: 100 }] };
    const file = concatBytes(...synFloodChunks(spec, 64));
    expect(file.length).toBe(24 + 250 * 70);
    for (let i = 0; i < 250; i++) {
      const at = 24 + i * 70;
      const view = new DataView(file.buffer, at, 16);
      const us = synTimeUs(spec, i);
      expect(view.getUint32(0, true)).toBe(Math.floor(us / 1e6));
      expect(view.getUint32(4, true)).toBe(us % 1e6);
      expect(file.subarray(at + 16, at + 70)).toEqual(synFloodFrame(spec, i));
    }
    const sources = new Set<number>();
    for (let i = 0; i < 1_000_000; i++) sources.add(synSource({ seed: 42, phases: [] }, i).addr);
    expect(sources.size).toBe(1_000_000);
  });

  it('extractCapture reports every SYN and counts the evictions past the cap', () => {
    const cap = 2_000;
    const spec: SynFloodSpec = { seed: 3, phases: [{ count: 50_000, perSecond: 250_000 }] };
    const result = extractCapture(concatBytes(...synFloodChunks(spec)), { tracker: { maxConnections: cap } });
    expect(result.packets).toBe(50_000);
    expect(result.decoded).toBe(50_000);
    expect(result.events).toEqual([]);
    expect(result.conns).toHaveLength(50_000);
    // 0.2 s of capture: no attempt timer (5 s) fires, so everything past the cap is evicted.
    expect(result.evictedConnections).toBe(50_000 - cap);
    expect(result.conns.every(isFloodRecord)).toBe(true);
    const seen = new SourceDigest();
    for (const r of result.conns) seen.add(r.addr[3]!, r.origP);
    expect(seen).toEqual(SourceDigest.ofFlood(spec, 50_000));
  });

  it('a SYN flood: the tracker stays at its cap, every SYN is a record, the heap stays flat', () => {
    const cap = 2_000;
    // 100 s at 200/s: unanswered SYNs end on Zeek's 5 s attempt timer, ~1200 open at a time, under
    // the cap. Then SYNs at 250 000/s: the cap is reached and the longest idle is evicted for each.
    const spec: SynFloodSpec = {
      seed: 20261121,
      phases: [
        { count: 20_000, perSecond: 200 },
        { count: FLOOD_SYNS - 20_000, perSecond: 250_000 },
      ],
    };
    const total = synFloodCount(spec);
    const phaseOneEndTs = synTimeUs(spec, 20_000) / 1e6;
    let records = 0;
    let evictedRecords = 0;
    let timedOut = 0;
    let timedOutLate = 0;
    let flushed = 0;
    let flushing = false;
    let notFlood = 0;
    const seen = new SourceDigest();
    const events: ProtocolEvent[] = [];
    const onEvent = (e: ProtocolEvent) => {
      if (events.length < 10) events.push(e);
    };
    const tracker: ConnTracker = new ConnTracker(
      (r) => {
        records++;
        seen.add(r.addr[3]!, r.origP);
        if (!isFloodRecord(r)) notFlood++;
        if (flushing) flushed++;
        else if (tracker.evictedEarly > evictedRecords) evictedRecords++;
        else {
          timedOut++;
          if (r.ts >= phaseOneEndTs) timedOutLate++;
        }
      },
      onEvent,
      { maxConnections: cap },
    );
    const packet = new DecodedPacket();
    let packets = 0;
    let maxOpen = 0;
    const reader = new CaptureReader((p) => {
      packets++;
      if (!decodePacket(p, packet, onEvent, { verifyChecksums: true })) return;
      tracker.observe(packet);
      if (tracker.openConnections > maxOpen) maxOpen = tracker.openConnections;
    }, onEvent);

    const gc = forcedGc();
    let baseline = -1;
    let peakGrowth = 0;
    for (const chunk of synFloodChunks(spec)) {
      reader.push(chunk);
      if (gc === undefined || tracker.evictedEarly === 0) continue;
      // From the first eviction on the tracker is full: its memory should not grow any more.
      gc();
      const heap = process.memoryUsage().heapUsed;
      if (baseline < 0) baseline = heap;
      else peakGrowth = Math.max(peakGrowth, heap - baseline);
    }
    const summary = reader.end();
    const openAtEnd = tracker.openConnections;
    flushing = true;
    tracker.flush();

    expect(events).toEqual([]);
    expect(summary.packets).toBe(total);
    expect(summary.complete).toBe(true);
    expect(packets).toBe(total);
    expect(maxOpen).toBe(cap);
    expect(openAtEnd).toBe(cap);
    expect(notFlood).toBe(0);
    expect(records).toBe(total);
    expect(flushed).toBe(cap);
    expect(evictedRecords).toBe(tracker.evictedEarly);
    // The timer still ends connections while the flood runs, and only those of the slow phase.
    expect(timedOut).toBeGreaterThan(15_000);
    expect(timedOutLate).toBe(0);
    expect(tracker.evictedEarly).toBe(total - cap - timedOut);
    expect(seen).toEqual(SourceDigest.ofFlood(spec, total));
    if (gc !== undefined) {
      expect(baseline).toBeGreaterThan(0);
      // A leak of 64 bytes per connection would be ~17 MB over the ~280 000 evicted after the baseline.
      expect(peakGrowth).toBeLessThan(8 * 1024 * 1024);
    }
  });
});
