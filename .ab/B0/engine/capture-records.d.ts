/**
 * The app-layer records of a capture (dns, http, ssl, x509, ssh, dhcp, payload, and the events
 * found on a connection as weird rows: what `netscry extract` writes as Zeek logs) as rows for
 * the analyzers, exactly as if they had been read from those logs: each record is formatted as
 * the TSV line extract writes (same column declarations, report/zeek-columns.ts, same
 * formatter), and the line is parsed by the Zeek TSV parser under the header extract writes
 * (ingest/zeek). So a row carries the same kind, ts, uid, addresses, ports, proto, `Raw` line
 * and Schema as the log line's row — dhcp's address roles and uid included — and `FieldReader`
 * (detect/fields.ts) reads the same values from it.
 *
 * Why TSV and not Zeek JSON: extract writes TSV by default, and FieldReader on a TSV line scans
 * to the last wanted column and decodes only the wanted fields, where a JSON line is parsed
 * whole (≈ 1–2 µs); the TSV formatter is also cheaper than JSON.stringify. Values come out as
 * the TSV log prints them (times with six decimals, booleans T/F), which is what analysing the
 * extracted logs gives.
 *
 * Cost: one string and one parse per batch of records of a kind (the parser's compiled column
 * code), one reused byte buffer: ≈ 2–2.5 µs a dns record, batched or alone (measured in a loop).
 * Nothing is held between calls.
 */
import type { AppLayer, X509LogRecord } from '../ingest/pcap/app/dispatch.js';
import { type TsvPlan } from '../ingest/zeek/plan.js';
import type { ZeekHeader, ZeekParseOptions } from '../ingest/zeek/types.js';
import type { RecordRow } from '../shared/record.js';
/** One app log: its path, the header extract writes for it, and its records in an AppLayer. */
export interface AppLog {
    readonly path: string;
    readonly header: ZeekHeader;
    readonly plan: TsvPlan;
    readonly format: (record: never) => string;
    readonly records: (layer: AppLayer) => unknown[];
}
/** In extract's order. */
export declare const APP_LOGS: readonly AppLog[];
export declare const X509_LOG: AppLog;
/** Receives each record's row (valid during the call) with its log and the record itself. */
export type AppRowSink = (row: RecordRow, log: AppLog, record: unknown) => void;
/** Whether an x509 record is wanted at all (asked before it is formatted; x509 records only). */
export type AppRecordFilter = (log: AppLog, record: unknown) => boolean;
export declare class AppRecordRows {
    private readonly parser;
    private readonly onRow;
    private readonly keep;
    private bytes;
    private log;
    private records;
    /** `parse`: the run's Zeek parse options, so a line the log path would drop is dropped here too. */
    constructor(parse: ZeekParseOptions, onRow: AppRowSink, keep?: AppRecordFilter);
    /** Whether the layer holds records not taken yet. */
    static pending(layer: AppLayer): boolean;
    /** Turns every record the layer logged so far into rows, log by log, and empties its lists. */
    take(layer: AppLayer): void;
    private encode;
}
/** The connection an x509 record's certificate was seen on (AppLayer `everyCertificate`). */
export declare function x509Connection(record: unknown): X509LogRecord['id'];
