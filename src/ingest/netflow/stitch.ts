/**
 * Biflow stitching: two unidirectional flows of one batch with mirrored 5-tuples (same
 * protocol, exporter and domain) and overlapping times become one conn-like record with
 * originator and responder counters. The originator is the flow that started first; on a tie,
 * the one whose destination port is the lower (the service port). Flows without a partner keep
 * their own reverse counters (ASA / RFC 5103 exporters fill them). O(n) with one Map over the
 * batch given; nothing is kept between calls.
 */
import type { FlowRecord } from './types.js';

export interface BiflowRecord {
  ts: number;
  duration: number;
  origAddr: string;
  origPort: number;
  respAddr: string;
  respPort: number;
  proto: number;
  origPackets: number;
  origBytes: number;
  respPackets: number;
  respBytes: number;
  /** TCP flags of the originator's / responder's direction. */
  origTcpFlags: number;
  respTcpFlags: number;
  exporter: string;
  domain: number;
  /** True when two unidirectional flows were merged. */
  stitched: boolean;
}

function key(f: FlowRecord, mirrored: boolean): string {
  return mirrored
    ? `${f.exporter}|${f.domain}|${f.proto}|${f.dstAddr}|${f.dstPort}|${f.srcAddr}|${f.srcPort}`
    : `${f.exporter}|${f.domain}|${f.proto}|${f.srcAddr}|${f.srcPort}|${f.dstAddr}|${f.dstPort}`;
}

function overlaps(a: FlowRecord, b: FlowRecord, slackSeconds: number): boolean {
  return a.ts <= b.ts + b.duration + slackSeconds && b.ts <= a.ts + a.duration + slackSeconds;
}

function single(f: FlowRecord): BiflowRecord {
  return {
    ts: f.ts,
    duration: f.duration,
    origAddr: f.srcAddr,
    origPort: f.srcPort,
    respAddr: f.dstAddr,
    respPort: f.dstPort,
    proto: f.proto,
    origPackets: f.packets,
    origBytes: f.bytes,
    respPackets: f.revPackets,
    respBytes: f.revBytes,
    origTcpFlags: f.tcpFlags,
    respTcpFlags: 0,
    exporter: f.exporter,
    domain: f.domain,
    stitched: false,
  };
}

function merge(a: FlowRecord, b: FlowRecord): BiflowRecord {
  const aFirst = a.ts < b.ts || (a.ts === b.ts && a.dstPort <= b.dstPort);
  const o = aFirst ? a : b;
  const r = aFirst ? b : a;
  const end = Math.max(o.ts + o.duration, r.ts + r.duration);
  return {
    ts: o.ts,
    duration: end - o.ts,
    origAddr: o.srcAddr,
    origPort: o.srcPort,
    respAddr: o.dstAddr,
    respPort: o.dstPort,
    proto: o.proto,
    origPackets: o.packets + r.revPackets,
    origBytes: o.bytes + r.revBytes,
    respPackets: r.packets + o.revPackets,
    respBytes: r.bytes + o.revBytes,
    origTcpFlags: o.tcpFlags,
    respTcpFlags: r.tcpFlags,
    exporter: o.exporter,
    domain: o.domain,
    stitched: true,
  };
}

/**
 * Pairs mirrored flows of `flows` whose [ts, ts + duration] intervals overlap within
 * `slackSeconds`; returns the records in the order of each pair's (or single's) first flow.
 */
export function stitchBiflows(flows: readonly FlowRecord[], slackSeconds = 1): BiflowRecord[] {
  const waiting = new Map<string, number[]>();
  const partner = new Int32Array(flows.length).fill(-1);
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!;
    const candidates = waiting.get(key(f, true));
    let matched = false;
    if (candidates !== undefined) {
      for (let c = 0; c < candidates.length; c++) {
        const j = candidates[c]!;
        if (overlaps(flows[j]!, f, slackSeconds)) {
          partner[i] = j;
          partner[j] = i;
          candidates.splice(c, 1);
          matched = true;
          break;
        }
      }
    }
    if (!matched) {
      const k = key(f, false);
      const list = waiting.get(k);
      if (list === undefined) waiting.set(k, [i]);
      else list.push(i);
    }
  }
  const out: BiflowRecord[] = [];
  for (let i = 0; i < flows.length; i++) {
    const j = partner[i]!;
    if (j < 0) out.push(single(flows[i]!));
    else if (j > i) out.push(merge(flows[i]!, flows[j]!));
  }
  return out;
}
