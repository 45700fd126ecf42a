import { type SecurityEvent } from './extract.js';
import type { SyslogEvent, SyslogLimits } from './types.js';
export interface SyslogSender {
    readonly addr: string;
    readonly port: number;
    /** 'udp' or 'tcp'. */
    readonly transport: string;
}
export interface SyslogConverterOptions {
    /** Names the input in records and events (file path, `udp://127.0.0.1:5514`). */
    readonly source: string;
    readonly year?: number;
    /** "Now" for the input: receive time for live input, the file's mtime for files. */
    readonly referenceTs?: number;
    readonly utcOffsetMinutes?: number;
    readonly limits?: SyslogLimits;
}
export interface SyslogLineResult {
    readonly line: string;
    readonly event: SecurityEvent;
    readonly events: readonly SyslogEvent[];
}
export declare class SyslogConverter {
    /** Records converted so far (the uid ordinal). */
    records: number;
    private readonly options;
    private lastTs;
    constructor(options: SyslogConverterOptions);
    /**
     * One line (without its trailer) at byte `offset` of the source. `sender` and `receivedTs`
     * for live input.
     */
    convert(bytes: Uint8Array | string, offset: number, sender?: SyslogSender, receivedTs?: number): SyslogLineResult;
}
