/** Byte-level mapping of Zeek's proto and conn_state text to the record enums. */
import { ConnState, Proto } from '../../shared/record.js';
/** tcp/udp/icmp by length and bytes; anything else (unknown_transport) is Unknown. */
export declare function protoOf(b: Uint8Array, s: number, e: number): Proto;
/** Zeek conn_state text → enum; unrecognised text is Unknown (conn_state is free text to Zeek). */
export declare function connStateOf(b: Uint8Array, s: number, e: number): ConnState;
