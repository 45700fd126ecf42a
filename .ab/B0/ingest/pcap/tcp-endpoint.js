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
export const EndpointState = {
    Inactive: 0,
    SynSent: 1,
    SynAckSent: 2,
    Partial: 3,
    Established: 4,
    Closed: 5,
    Reset: 6,
};
const TWO_32 = 4294967296;
/** History events Zeek records on a 1, 10, 100, … scale, with their originator letters. */
export const Scaled = { Retransmit: 0, ZeroWindow: 1, Checksum: 2, Gap: 3 };
export const SCALED_LETTER = ['T', 'W', 'C', 'G'];
const SCALED_KINDS = 4;
/** a − b in 32-bit sequence space, as a signed 32-bit number. */
export function seqDelta(a, b) {
    return (a - b) | 0;
}
export class TcpEndpoint {
    state = EndpointState.Inactive;
    prevState = EndpointState.Inactive;
    startSeq = 0;
    lastSeq = 0;
    ackSeq = 0;
    seqWraps = 0;
    ackWraps = 0;
    finCount = 0;
    /** Relative sequence number just past the last FIN (Zeek's FIN_seq). */
    finSeq = 0;
    rstCount = 0;
    didClose = false;
    /** This direction's stream reassembly (swapped with the endpoint when roles flip). */
    contents;
    /** Relative sequence numbers of the last SYN, FIN and RST: a repeat at the same place is one. */
    histLastSyn = 0;
    histLastFin = 0;
    histLastRst = 0;
    /**
     * Occurrences of the scaled history events (see `Scaled`) and the count at which each next
     * adds its letter: Zeek records them at 1, 10, 100, … occurrences. Allocated on the first
     * such event: most connections have none, and two typed arrays per endpoint would be a third
     * of an idle connection's memory.
     */
    scaledCount;
    scaledThreshold;
    /** Counts one event of the kind; true when this occurrence earns a history letter. */
    scaled(kind) {
        if (this.scaledCount === undefined || this.scaledThreshold === undefined) {
            this.scaledCount = new Float64Array(SCALED_KINDS);
            this.scaledThreshold = new Float64Array(SCALED_KINDS).fill(1);
        }
        if (++this.scaledCount[kind] !== this.scaledThreshold[kind])
            return false;
        this.scaledThreshold[kind] *= 10;
        return true;
    }
    setState(state) {
        if (state === this.state)
            return;
        this.prevState = this.state;
        this.state = state;
    }
    initStartSeq(seq) {
        this.startSeq = seq >>> 0;
    }
    initLastSeq(seq) {
        this.lastSeq = seq >>> 0;
    }
    initAckSeq(seq) {
        this.ackSeq = seq >>> 0;
    }
    updateLastSeq(seq) {
        const s = seq >>> 0;
        if (s < this.lastSeq && seqDelta(s, this.lastSeq) > 0)
            this.seqWraps++;
        this.lastSeq = s;
    }
    updateAckSeq(seq) {
        const s = seq >>> 0;
        if (s < this.ackSeq && seqDelta(s, this.ackSeq) > 0)
            this.ackWraps++;
        this.ackSeq = s;
    }
    /** seq in the full (wrap-counted) space, relative to the start sequence number. */
    toRelative(seq, wraps) {
        return wraps * TWO_32 + (seq >>> 0) - this.startSeq;
    }
    /** Nothing beyond the SYN acknowledged. */
    noDataAcked() {
        const ack = this.ackWraps * TWO_32 + this.ackSeq;
        return ack === this.startSeq || ack === this.startSeq + 1;
    }
    get isClosedOrReset() {
        return this.state === EndpointState.Closed || this.state === EndpointState.Reset;
    }
    /**
     * Payload bytes sent, from the sequence space: the highest of last-sent and acknowledged,
     * minus the start, minus the SYN and FIN octets. A half-open connection found and aborted
     * counts 0 (its sequence numbers would mislead).
     */
    size(peer) {
        if (this.prevState === EndpointState.SynSent &&
            this.state === EndpointState.Reset &&
            peer.state === EndpointState.Inactive &&
            !this.noDataAcked()) {
            return 0;
        }
        const last = this.seqWraps * TWO_32 + this.lastSeq;
        const ack = this.ackWraps * TWO_32 + this.ackSeq;
        let size = Math.max(last, ack) - this.startSeq;
        // Sequence numbers that never made sense (e.g. only a spoofed RST seen) give no size.
        if (size < 0)
            size = 0;
        if (size !== 0)
            size--;
        if (this.finCount > 0 && size !== 0)
            size--;
        return size;
    }
}
//# sourceMappingURL=tcp-endpoint.js.map