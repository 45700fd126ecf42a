import { Readable } from 'node:stream';
import type { ChunkFormat } from '../ingest/zeek/types.js';
import { NetscryError } from '../shared/errors.js';
import { StreamSpool } from './stream-input.js';
export declare const SUPPORTED_FORMATS = "Zeek TSV logs, Zeek JSON logs (one object per line), pcap/pcapng captures, raw NetFlow v5/v9/IPFIX export datagrams and syslog files (RFC 5424, RFC 3164 or plain log lines), plain or gzip-compressed";
/**
 * What an input holds. Zeek logs and captures are framed and parsed by the actors; the others
 * become Zeek JSON records on the coordinator first (convert.ts): `netflow` raw export
 * datagrams, `netflow-capture` a capture of export traffic (`captureAs: 'netflow'`), `syslog`.
 */
export type InputFormat = ChunkFormat | 'netflow' | 'netflow-capture' | 'syslog' | 'live';
/** Inputs turned into Zeek JSON records on the coordinator; `live` is `netscry watch`'s feed. */
export declare function isConverted(format: InputFormat): boolean;
export interface InputFile {
    readonly path: string;
    readonly sourceId: number;
    readonly gzip: boolean;
    readonly format: InputFormat;
    /** Size on disk (compressed size for gzip). */
    readonly size: number;
    /** Path of a `<file>.sha256` sidecar, when present. */
    readonly checksumFile: string | undefined;
    /** Modification time (unix s): the reference time of converted inputs (syslog years, export time). */
    readonly mtime: number;
    /**
     * A stream input (`-`, a pipe): read through its spool, never by path; `size` is 0 until the
     * run, `bytesRead` after it. Close it when the run ends (`closeInputs`).
     */
    readonly stream?: StreamSpool;
}
/** The path a stream input is named by: `-` is standard input. */
export declare const STDIN = "-";
/** Releases what the inputs hold (the spools of stream inputs). */
export declare function closeInputs(inputs: readonly InputFile[]): void;
/** Bytes of an input as read: the file's size, or what a stream input gave. */
export declare function inputBytes(input: InputFile): number;
/** The typed error for a file that cannot be read, with the OS reason in words. */
export declare function unreadable(path: string, err: unknown): NetscryError;
export interface DiscoverOptions {
    /** Read captures as packets (default) or as NetFlow/IPFIX export traffic. */
    readonly captureAs?: 'packets' | 'netflow';
    /** Where stream inputs spool (default: a temporary directory each, removed on close). */
    readonly spoolDir?: string;
    /** What `-` reads (default: process.stdin). */
    readonly stdin?: Readable;
}
export declare function discoverInputs(paths: readonly string[], options?: DiscoverOptions): Promise<InputFile[]>;
export type ChecksumStatus = 'verified' | 'mismatch' | 'unreadable';
export interface ChecksumResult {
    readonly file: string;
    readonly status: ChecksumStatus;
    readonly expected: string | undefined;
    readonly actual: string;
}
/** Reads the digest from a sha256sum-style sidecar (`<hex>  <name>` or a bare hex digest). */
export declare function readExpectedDigest(checksumFile: string): Promise<string | undefined>;
