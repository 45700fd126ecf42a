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
/** A flow as its own record (no partner): its reverse counters, if any, are the responder's. */
export declare function singleBiflow(f: FlowRecord): BiflowRecord;
export interface StitchOptions {
    /** Overlap slack between the two directions' [ts, ts + duration] intervals. Default 1 s. */
    readonly slackSeconds?: number;
    /** How long (in flow time) a flow waits for its mirror. Default 120 s. */
    readonly windowSeconds?: number;
    /** Flows waiting at most; the oldest leaves unpaired beyond it. Default 65 536. */
    readonly maxWaiting?: number;
}
export declare class BiflowStitcher {
    private readonly slack;
    private readonly window;
    private readonly maxWaiting;
    /** Unpaired flows by their own key, oldest first. */
    private readonly open;
    private queue;
    private head;
    private newestEnd;
    constructor(options?: StitchOptions);
    /** Flows waiting for a partner or for an earlier flow to leave. */
    get waiting(): number;
    /** Adds flows (in arrival order); returns the records that are complete. */
    push(flows: readonly FlowRecord[]): BiflowRecord[];
    /** Releases everything still waiting (end of input). */
    end(): BiflowRecord[];
    private unlist;
    private release;
}
/**
 * Pairs mirrored flows of `flows` whose [ts, ts + duration] intervals overlap within
 * `slackSeconds`; returns the records in the order of each pair's (or single's) first flow.
 */
export declare function stitchBiflows(flows: readonly FlowRecord[], slackSeconds?: number): BiflowRecord[];
