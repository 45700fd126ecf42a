/**
 * A capture's bytes in, Zeek-compatible records out: reads the file and runs every packet
 * through the per-packet path of flows.ts (the same code each shard of the actor pipeline runs).
 * Pure (no I/O) and single-threaded: `netscry extract` and the conformance runs call it per file.
 */
import type { DhcpLogRecord } from './app/dhcp.js';
import type { AppLayer, ConnLogRecord, X509LogRecord } from './app/dispatch.js';
import type { DnsLogRecord } from './app/dns.js';
import type { HttpLogRecord } from './app/http.js';
import type { PayloadLogRecord } from './app/payload.js';
import type { SshLogRecord } from './app/ssh.js';
import type { TlsLogRecord } from './app/tls.js';
import type { ConnRecord } from './connections.js';
import { type CaptureFlowOptions } from './flows.js';
import type { ProtocolEvent } from './packet.js';
import type { TunnelRecord } from './packet-path.js';
/** Options of one capture's extraction: those of the per-packet path (flows.ts). */
export type ExtractOptions = CaptureFlowOptions;
/** The app-layer logs of a capture, each sorted by time (uid to break ties). */
export interface AppLogs {
    readonly dns: ConnLogRecord<DnsLogRecord>[];
    readonly ssl: ConnLogRecord<TlsLogRecord>[];
    readonly x509: X509LogRecord[];
    readonly ssh: ConnLogRecord<SshLogRecord>[];
    readonly http: HttpLogRecord[];
    readonly dhcp: DhcpLogRecord[];
    readonly payload: ConnLogRecord<PayloadLogRecord>[];
}
/** Stream reassembly counters of a capture: bytes held at most, and what bounds cost. */
export interface ReassemblyStats {
    readonly peakHeldBytes: number;
    readonly droppedBytes: number;
    readonly droppedSegments: number;
    readonly inconsistencies: number;
}
export interface ExtractResult {
    readonly conns: ConnRecord[];
    readonly events: ProtocolEvent[];
    readonly packets: number;
    readonly decoded: number;
    /** [first, last] packet time; [0, 0] for an empty capture. */
    readonly timeRange: [number, number];
    readonly evictedConnections: number;
    readonly apps: AppLogs;
    readonly reassembly: ReassemblyStats;
    /** Tunnels in order of discovery (Zeek's tunnel.log DISCOVER rows). */
    readonly tunnels: TunnelRecord[];
}
export declare function extractCapture(bytes: Uint8Array, options?: Partial<ExtractOptions>): ExtractResult;
/** The app logs in time order (empty when the parsers did not run). */
export declare function sortAppLogs(apps: AppLayer | undefined): AppLogs;
