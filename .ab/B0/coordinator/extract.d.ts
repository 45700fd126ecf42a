/**
 * `netscry extract`: captures in, Zeek logs out. Streams each capture (a path, or `-` for
 * stdin; gzip either way) through the streaming reader and the per-packet path of
 * ingest/pcap/flows.ts, and writes every record as its connection ends — Zeek's own order, the
 * order of removal — to conn.log, weird.log and the app-layer logs (dns, http, ssl, x509, ssh,
 * dhcp, and netscry's payload.log of masked sensitive values and command lines found in
 * clear-text payloads; a log with no rows is not written) in the chosen format. Files are processed one after
 * another into one set of logs.
 *
 * Memory is bounded by the flow state (the tracker's caps) and a 1 MiB write buffer per log:
 * neither the capture nor the records are held. A gzip stream that breaks is a `truncated_gzip`
 * protocol event; what was decoded before it is kept.
 */
import type { AppLogs, ExtractOptions } from '../ingest/pcap/extract.js';
import { type ZeekLogFormat } from '../report/zeek-log.js';
export interface ExtractRunOptions extends Partial<ExtractOptions> {
    readonly inputs: readonly string[];
    readonly out: string;
    readonly format?: ZeekLogFormat;
    readonly localNetworks?: readonly string[];
}
export interface ExtractRunSummary {
    readonly files: readonly string[];
    readonly packets: number;
    readonly connections: number;
    readonly events: number;
    readonly evictedConnections: number;
    /** Rows per app log (dns, http, ssl, x509, ssh, dhcp, payload). */
    readonly appRows: Readonly<Record<keyof AppLogs, number>>;
    readonly written: readonly string[];
    /** Why so many packets were discarded, when checksums were verified (summary.ts). */
    readonly checksumHint?: string;
}
export declare function extractFiles(options: ExtractRunOptions): Promise<ExtractRunSummary>;
