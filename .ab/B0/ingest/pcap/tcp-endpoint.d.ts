/**
 * One direction of a TCP connection, tracked the way Zeek's TCP analyzer tracks it, so that
 * `conn_state`, `history` and the payload byte counts (from sequence numbers, not from the
 * bytes seen) agree with Zeek's conn.log. The rules below follow Zeek's documented endpoint
 * states (INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET) and its
 * sequence-space bookkeeping; the corpus conformance run (`npm run conformance`) measures how
 * closely.
 *
 * Sequence numbers are unsigned 32-bit values that wrap; "full" sequence values add 2^32 per
 * observed wrap, so byte counts stay right past 4 GiB.
 */
import type { TcpReassembler } from './reassembly.js';
export declare const EndpointState: {
    readonly Inactive: 0;
    readonly SynSent: 1;
    readonly SynAckSent: 2;
    readonly Partial: 3;
    readonly Established: 4;
    readonly Closed: 5;
    readonly Reset: 6;
};
export type EndpointState = (typeof EndpointState)[keyof typeof EndpointState];
/** History events Zeek records on a 1, 10, 100, … scale, with their originator letters. */
export declare const Scaled: {
    readonly Retransmit: 0;
    readonly ZeroWindow: 1;
    readonly Checksum: 2;
    readonly Gap: 3;
};
export type Scaled = (typeof Scaled)[keyof typeof Scaled];
export declare const SCALED_LETTER: readonly ['T', 'W', 'C', 'G'];
/** a − b in 32-bit sequence space, as a signed 32-bit number. */
export declare function seqDelta(a: number, b: number): number;
export declare class TcpEndpoint {
    state: EndpointState;
    prevState: EndpointState;
    startSeq: number;
    lastSeq: number;
    ackSeq: number;
    seqWraps: number;
    ackWraps: number;
    finCount: number;
    /** Relative sequence number just past the last FIN (Zeek's FIN_seq). */
    finSeq: number;
    rstCount: number;
    didClose: boolean;
    /** This direction's stream reassembly (swapped with the endpoint when roles flip). */
    contents: TcpReassembler | undefined;
    /** Relative sequence numbers of the last SYN, FIN and RST: a repeat at the same place is one. */
    histLastSyn: number;
    histLastFin: number;
    histLastRst: number;
    /**
     * Occurrences of the scaled history events (see `Scaled`) and the count at which each next
     * adds its letter: Zeek records them at 1, 10, 100, … occurrences. Allocated on the first
     * such event: most connections have none, and two typed arrays per endpoint would be a third
     * of an idle connection's memory.
     */
    private scaledCount;
    private scaledThreshold;
    /** Counts one event of the kind; true when this occurrence earns a history letter. */
    scaled(kind: Scaled): boolean;
    setState(state: EndpointState): void;
    initStartSeq(seq: number): void;
    initLastSeq(seq: number): void;
    initAckSeq(seq: number): void;
    updateLastSeq(seq: number): void;
    updateAckSeq(seq: number): void;
    /** seq in the full (wrap-counted) space, relative to the start sequence number. */
    toRelative(seq: number, wraps: number): number;
    /** Nothing beyond the SYN acknowledged. */
    noDataAcked(): boolean;
    get isClosedOrReset(): boolean;
    /**
     * Payload bytes sent, from the sequence space: the highest of last-sent and acknowledged,
     * minus the start, minus the SYN and FIN octets. A half-open connection found and aborted
     * counts 0 (its sequence numbers would mislead).
     */
    size(peer: TcpEndpoint): number;
}
