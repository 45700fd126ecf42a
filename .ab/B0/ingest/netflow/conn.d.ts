import { NetflowDecoder } from './decode.js';
import { type BiflowRecord, type StitchOptions } from './stitch.js';
import { type NetflowEvent, type NetflowLimits } from './types.js';
export interface NetflowConnOptions {
    /** Stitch the two directions of a flow into one record (off by default). */
    readonly stitch?: StitchOptions | boolean;
    readonly limits?: Partial<NetflowLimits>;
}
export interface ConvertResult {
    /** Zeek JSON conn lines, each ending in '\n'. */
    readonly lines: string[];
    readonly events: NetflowEvent[];
    /** Flows decoded from the datagram (before stitching). */
    readonly flows: number;
}
/** Flag letters as nfdump prints them: U A P R S F, '.' for a flag not set. */
export declare function tcpFlagsText(flags: number): string;
/**
 * Zeek's conn_state from the flags of both directions of a TCP flow: no SYN from the
 * originator → OTH (joined mid-stream); no reply → S0 (RSTOS0 if the originator reset); reply
 * RST without SYN → REJ; reply without SYN otherwise → OTH; after a handshake RST → RSTO/RSTR,
 * FIN from both → SF, from one → S2 (originator) / S3 (responder), none → S1.
 */
export declare function tcpConnState(orig: number, resp: number, respPackets: number): string;
/**
 * The conn record of a (bi)flow. `replyKnown`: the responder counters say what the responder
 * sent (stitched, an exporter biflow, or an unpaired flow under stitching).
 *
 * Written as text directly (every value is a number or a string that needs no escaping:
 * addresses, uids, `address:port` exporters) — `JSON.stringify` of an object cost 3.7 µs a
 * record, most of a live collector's time. Metadata that is at its default (ToS 0, interface 0,
 * AS 0, sampling 1) is left out, as Zeek leaves out unset fields.
 */
export declare function biflowConnLine(b: BiflowRecord, uid: string, replyKnown: boolean): string;
export declare class NetflowConnConverter {
    readonly decoder: NetflowDecoder;
    /** Conn records written so far (the uid ordinal). */
    records: number;
    /** Flows decoded so far (before stitching). */
    flows: number;
    private readonly stitcher;
    constructor(options?: NetflowConnOptions);
    /** Decodes one export datagram from `exporter`, received at `receivedTs` (unix seconds). */
    push(datagram: Uint8Array, exporterName: string, receivedTs: number): ConvertResult;
    /** End of input: flows still waiting for their mirror leave unpaired. */
    end(): string[];
    private lines;
}
/**
 * Splits a stream of raw export datagrams: IPFIX messages by their length field (RFC 5655's file
 * format is a sequence of messages), v5 datagrams by their record count; a v9 datagram has no
 * length, so the rest of the stream (at most 64 KiB) is one datagram. Anything else is left to
 * the decoder as one datagram, which reports it. `push` returns complete datagrams and keeps
 * the rest (under 64 KiB plus one block); `end` returns what is left. Offsets are in the stream.
 */
export declare class DatagramSplitter {
    private carry;
    private carryOffset;
    push(block: Uint8Array): Array<{
        offset: number;
        bytes: Uint8Array;
    }>;
    end(): Array<{
        offset: number;
        bytes: Uint8Array;
    }>;
    private split;
}
/** Splits a whole buffer of raw export datagrams (see `DatagramSplitter`). */
export declare function splitDatagrams(buf: Uint8Array): Array<{
    offset: number;
    bytes: Uint8Array;
}>;
