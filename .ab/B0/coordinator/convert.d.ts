/**
 * Inputs that are not Zeek logs but become Zeek records on the way in: raw NetFlow/IPFIX export
 * datagrams, captures of export traffic, and syslog files. Each is read as a stream and turned
 * into Zeek JSON lines (ingest/netflow/conn.ts, ingest/syslog/records.ts) on the coordinator,
 * where reading is sequential anyway: NetFlow decoding needs the templates of everything
 * exported before, so it cannot be split between actors. Problems are protocol events with the
 * input's byte offset; nothing here throws for bad content.
 *
 * Cost: the JSON text is built here and parsed again by an actor (≈ 1 µs per record on each
 * side), which buys one record path for every source.
 */
import type { NetflowConnConverter, NetflowEvent } from '../ingest/netflow/index.js';
import type { EventSink, ProtocolEvent } from '../ingest/pcap/packet.js';
import { type SyslogEvent } from '../ingest/syslog/index.js';
import type { InputFile } from './inputs.js';
export interface ConvertContext {
    /** One per run: templates and sequence numbers carry over between inputs in file order. */
    readonly netflow: NetflowConnConverter;
    readonly onEvent: EventSink;
    /** On-disk bytes read. */
    readonly onRaw: (n: number) => void;
}
export declare function netflowEventOf(e: NetflowEvent, baseOffset: number): ProtocolEvent;
export declare function syslogEventOf(e: SyslogEvent, ts: number): ProtocolEvent;
/** Exporter name of raw datagram files: the files of one run are read as one exporter's export. */
export declare const FILE_EXPORTER = "file";
/** The Zeek JSON text of a converted input, block by block (a block may be empty). */
export declare function convertedText(input: InputFile, as: 'netflow' | 'netflow-capture' | 'syslog', mtime: number, ctx: ConvertContext): AsyncGenerator<string>;
