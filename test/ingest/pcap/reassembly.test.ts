import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REASSEMBLY_LIMITS,
  ReassemblyBudget,
  type ReassemblyHost,
  type ReassemblyLimits,
  TcpReassembler,
} from '../../../src/ingest/pcap/reassembly.js';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

/** A host that records what the reassembler reports. */
function harness(limits: Partial<ReassemblyLimits> = {}, budgetBytes?: number) {
  const out = {
    stream: '',
    gaps: [] as [number, number][],
    lost: [] as number[],
    events: [] as string[],
  };
  const host: ReassemblyHost = {
    deliver: (_r, bytes) => {
      out.stream += str(bytes);
    },
    gap: (_r, seq, len) => {
      out.gaps.push([seq, len]);
      out.stream += `<gap ${len}>`;
    },
    lost: (_r, len) => {
      out.lost.push(len);
      out.stream += `<lost ${len}>`;
    },
    event: (name) => {
      out.events.push(name);
    },
    peerActive: () => true,
  };
  const budget = new ReassemblyBudget(budgetBytes);
  const r = new TcpReassembler(host, budget, { ...DEFAULT_REASSEMBLY_LIMITS, ...limits });
  r.keepData = true;
  /** A segment with its payload at relative sequence `seq`; nothing acknowledged yet. */
  const send = (seq: number, data: string, acked = 1) => r.dataSent(0, seq, text(data), acked, false, 0);
  return { r, out, budget, send };
}

describe('TcpReassembler', () => {
  it('delivers in order, holds what arrives early and releases it when the hole fills', () => {
    const { r, out, send } = harness();
    send(1, 'abc');
    send(7, 'ghi');
    expect(out.stream).toBe('abc');
    expect(r.pendingSegments).toBe(1);
    send(4, 'def');
    expect(out.stream).toBe('abcdefghi');
    expect(r.pendingSegments).toBe(0);
    expect(r.last).toBe(10);
  });

  it('keeps the first copy of overlapping data and reports a differing retransmission', () => {
    const { out, send } = harness();
    send(1, 'hello');
    send(1, 'hello');
    expect(out.events).toEqual([]);
    send(3, 'LLOworld');
    expect(out.stream).toBe('helloworld');
    expect(out.events).toEqual(['rexmit_inconsistency']);
    // Early segments overlap too: the held copy wins.
    send(20, 'xyz');
    send(19, 'QXYZ');
    expect(out.events).toEqual(['rexmit_inconsistency', 'rexmit_inconsistency']);
  });

  it('compares retransmissions with every delivered, unacknowledged segment it still keeps', () => {
    // A long in-order stream (segments of 1–1500 bytes, acks lagging by a random amount, so the
    // retained bytes' store grows, compacts and empties), with a retransmission of a random
    // range after each segment, one byte of it changed half of the time. Model: delivered
    // segments are kept until acknowledged, the oldest dropped beyond maxRetainedPerDirection;
    // a changed byte is an inconsistency exactly when it falls in a kept segment.
    const limits = { maxEventsPerDirection: 1e9 };
    const { r, budget } = harness(limits);
    let seed = 11;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const max = DEFAULT_REASSEMBLY_LIMITS.maxRetainedPerDirection;
    const stream: number[] = [];
    let kept: [number, number][] = [];
    let held = 0;
    let acked = 1;
    let expected = 0;
    for (let k = 0; k < 3000; k++) {
      const seq = stream.length + 1;
      const len = 1 + (rand(4) === 0 ? rand(1500) : rand(60));
      const data = Uint8Array.from({ length: len }, () => rand(256));
      stream.push(...data);
      r.dataSent(0, seq, data, acked, false, 0);
      while (kept.length > 0 && held + len > max) held -= kept[0]![1] - kept.shift()![0];
      kept.push([seq, seq + len]);
      held += len;
      if (rand(3) === 0) {
        acked = Math.max(acked, stream.length + 1 - rand(20000));
        r.ackReceived(0, acked, 0, 0, false);
        kept = kept.filter(([, upper]) => {
          if (upper > acked) return true;
          held -= upper - kept.find((s) => s[1] === upper)![0];
          return false;
        });
      }
      const from = Math.max(acked, stream.length + 1 - rand(20000));
      const to = Math.min(stream.length + 1, from + 1 + rand(3000));
      if (to <= from) continue;
      const again = Uint8Array.from(stream.slice(from - 1, to - 1));
      if (rand(2) === 0) {
        const at = from + rand(to - from);
        again[at - from] = again[at - from]! ^ 0xff;
        if (kept.some(([s, u]) => at >= s && at < u)) expected++;
      }
      r.dataSent(0, from, again, acked, false, 0);
    }
    expect(budget.inconsistencies).toBe(expected);
    expect(expected).toBeGreaterThan(100);
    expect(r.delivered).toBe(stream.length);
    expect(r.heldBytes).toBe(held);
  });

  it('declares a content gap only for acknowledged bytes it never saw', () => {
    const { r, out, send } = harness();
    send(1, 'abc');
    send(10, 'jkl');
    // The hole [4, 10) waits; an ack inside delivered data is no gap.
    r.ackReceived(0, 4, 0, 0, false);
    expect(out.gaps).toEqual([]);
    // The ack passes the hole: 6 bytes are missing, then the held data is delivered.
    r.ackReceived(0, 13, 0, 0, false);
    expect(out.gaps).toEqual([[4, 6]]);
    expect(out.stream).toBe('abc<gap 6>jkl');
    // An ack beyond everything seen is a gap too.
    r.ackReceived(0, 20, 0, 0, false);
    expect(out.gaps).toEqual([
      [4, 6],
      [13, 7],
    ]);
  });

  it('does not count the FIN octet, nor the faked-up start of a partial connection', () => {
    const { r, out, send } = harness();
    send(1, 'abcd');
    // FIN after 4 bytes: FIN_seq is 6; its ack (6) is trimmed to 5.
    r.ackReceived(0, 6, 1, 6, false);
    expect(out.gaps).toEqual([]);
    const p = harness();
    p.r.ackReceived(0, 2, 0, 0, true);
    expect(p.out.gaps).toEqual([]);
  });

  it('keeps no bytes for a direction nobody reads, only the ranges for the gap accounting', () => {
    const { r, out, budget, send } = harness();
    r.keepData = false;
    send(1, 'abc');
    send(100, 'x'.repeat(1000));
    expect(out.stream).toBe('');
    expect(r.heldBytes).toBe(0);
    expect(budget.peakHeld).toBe(0);
    r.ackReceived(0, 1100, 0, 0, false);
    expect(out.gaps).toEqual([[4, 96]]);
  });

  it('bounds the bytes held per direction: beyond, a segment keeps its range and reaches the reader as lost', () => {
    const { r, out, budget, send } = harness({ maxHeldPerDirection: 100 });
    send(1, 'a');
    for (let i = 0; i < 5; i++) send(10 + i * 40, 'x'.repeat(40));
    expect(r.heldBytes).toBeLessThanOrEqual(100);
    expect(budget.peakHeld).toBeLessThanOrEqual(100 + DEFAULT_REASSEMBLY_LIMITS.maxRetainedPerDirection);
    send(2, 'b'.repeat(8));
    // Two segments kept (80 bytes), three only as ranges.
    expect(out.lost).toEqual([40, 40, 40]);
    expect(budget.droppedBytes).toBe(120);
    expect(out.stream.startsWith(`ab${'b'.repeat(7)}${'x'.repeat(80)}<lost 40>`)).toBe(true);
  });

  it('bounds the bytes held by all directions together', () => {
    const budget = 64;
    const { r, out, send } = harness({}, budget);
    send(1, 'a');
    send(10, 'y'.repeat(60));
    send(70, 'z'.repeat(60));
    expect(r.heldBytes).toBeLessThanOrEqual(budget);
    send(2, 'q'.repeat(8));
    expect(out.lost).toEqual([60]);
  });

  it('bounds the number of out-of-order segments; what is dropped becomes a gap once acknowledged', () => {
    const { r, out, budget, send } = harness({ maxPendingSegments: 3 });
    send(1, 'a');
    for (let i = 0; i < 6; i++) send(10 + i * 10, 'x');
    expect(r.pendingSegments).toBe(3);
    expect(budget.droppedSegments).toBe(3);
    r.ackReceived(0, 71, 0, 0, false);
    expect(out.gaps.length).toBe(4);
    expect(r.pendingSegments).toBe(0);
  });

  it("applies Zeek's bound on data above a hole while nothing is acknowledged", () => {
    const { r, out } = harness();
    r.dataSent(0, 1, text('a'), 1, true, 1);
    r.dataSent(0, 100, new Uint8Array(20000), 1, true, 20100);
    expect(out.events).toContain('above_hole_data_without_any_acks');
    expect(r.skip).toBe(true);
    expect(r.heldBytes).toBe(0);
  });
});
