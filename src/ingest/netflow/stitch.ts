/**
 * Biflow stitching: two unidirectional flows with mirrored 5-tuples (same protocol, exporter
 * and domain) and overlapping times become one conn-like record with originator and responder
 * counters. The originator is the flow that started first; on a tie, the one whose destination
 * port is the lower (the service port). Flows without a partner keep their own reverse
 * counters (ASA / RFC 5103 exporters fill them).
 *
 * `BiflowStitcher` does it on a stream: a flow waits for its mirror until the newest flow end
 * seen is `windowSeconds` past its own end (an exporter reports both directions of a flow
 * within its active/inactive timeouts of each other), or until `maxWaiting` flows wait, oldest
 * first. Records leave in the order of each pair's (or single's) first flow, so the output
 * depends only on the input order. Cost: one Map entry and one queue slot per waiting flow.
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
  /** The originator's flow record (interfaces, AS numbers, sampling, … of the export). */
  flow: FlowRecord;
}

function key(f: FlowRecord, mirrored: boolean): string {
  return mirrored
    ? `${f.exporter}|${f.domain}|${f.proto}|${f.dstAddr}|${f.dstPort}|${f.srcAddr}|${f.srcPort}`
    : `${f.exporter}|${f.domain}|${f.proto}|${f.srcAddr}|${f.srcPort}|${f.dstAddr}|${f.dstPort}`;
}

function overlaps(a: FlowRecord, b: FlowRecord, slackSeconds: number): boolean {
  return a.ts <= b.ts + b.duration + slackSeconds && b.ts <= a.ts + a.duration + slackSeconds;
}

/** A flow as its own record (no partner): its reverse counters, if any, are the responder's. */
export function singleBiflow(f: FlowRecord): BiflowRecord {
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
    flow: f,
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
    flow: o,
  };
}

interface Waiting {
  readonly flow: FlowRecord;
  readonly key: string;
  /** Set when the mirror arrived: the merged record, released in queue order. */
  merged: BiflowRecord | undefined;
}

export interface StitchOptions {
  /** Overlap slack between the two directions' [ts, ts + duration] intervals. Default 1 s. */
  readonly slackSeconds?: number;
  /** How long (in flow time) a flow waits for its mirror. Default 120 s. */
  readonly windowSeconds?: number;
  /** Flows waiting at most; the oldest leaves unpaired beyond it. Default 65 536. */
  readonly maxWaiting?: number;
}

export class BiflowStitcher {
  private readonly slack: number;
  private readonly window: number;
  private readonly maxWaiting: number;
  /** Unpaired flows by their own key, oldest first. */
  private readonly open = new Map<string, Waiting[]>();
  private queue: Waiting[] = [];
  private head = 0;
  private newestEnd = Number.NEGATIVE_INFINITY;

  constructor(options: StitchOptions = {}) {
    this.slack = options.slackSeconds ?? 1;
    this.window = options.windowSeconds ?? 120;
    this.maxWaiting = options.maxWaiting ?? 65_536;
  }

  /** Flows waiting for a partner or for an earlier flow to leave. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  /** Adds flows (in arrival order); returns the records that are complete. */
  push(flows: readonly FlowRecord[]): BiflowRecord[] {
    for (const f of flows) {
      const end = f.ts + f.duration;
      if (end > this.newestEnd) this.newestEnd = end;
      const candidates = this.open.get(key(f, true));
      let matched = false;
      if (candidates !== undefined) {
        for (let c = 0; c < candidates.length; c++) {
          const w = candidates[c]!;
          if (overlaps(w.flow, f, this.slack)) {
            w.merged = merge(w.flow, f);
            this.unlist(candidates, c, w.key);
            matched = true;
            break;
          }
        }
      }
      if (matched) continue;
      const w: Waiting = { flow: f, key: key(f, false), merged: undefined };
      this.queue.push(w);
      const list = this.open.get(w.key);
      if (list === undefined) this.open.set(w.key, [w]);
      else list.push(w);
    }
    return this.release(false);
  }

  /** Releases everything still waiting (end of input). */
  end(): BiflowRecord[] {
    return this.release(true);
  }

  private unlist(list: Waiting[], index: number, k: string): void {
    list.splice(index, 1);
    if (list.length === 0) this.open.delete(k);
  }

  private release(all: boolean): BiflowRecord[] {
    const out: BiflowRecord[] = [];
    while (this.head < this.queue.length) {
      const w = this.queue[this.head]!;
      if (w.merged === undefined) {
        const expired =
          all ||
          this.queue.length - this.head > this.maxWaiting ||
          w.flow.ts + w.flow.duration + this.window < this.newestEnd;
        if (!expired) break;
        const list = this.open.get(w.key)!;
        this.unlist(list, list.indexOf(w), w.key);
        out.push(singleBiflow(w.flow));
      } else {
        out.push(w.merged);
      }
      this.queue[this.head++] = undefined as unknown as Waiting;
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return out;
  }
}

/**
 * Pairs mirrored flows of `flows` whose [ts, ts + duration] intervals overlap within
 * `slackSeconds`; returns the records in the order of each pair's (or single's) first flow.
 */
export function stitchBiflows(flows: readonly FlowRecord[], slackSeconds = 1): BiflowRecord[] {
  const s = new BiflowStitcher({
    slackSeconds,
    windowSeconds: Number.POSITIVE_INFINITY,
    maxWaiting: Number.POSITIVE_INFINITY,
  });
  return [...s.push(flows), ...s.end()];
}
