/**
 * The outcome of a connection attempt, shared by every analyzer that counts failures (heatmap
 * failed-connection cells, scan detection), so "failed" means one thing everywhere.
 *
 * By conn_state: answered = the handshake completed (SF, S1, S2, S3, RSTO, RSTR); failed = no
 * completed handshake (S0 no reply, REJ rejected, RSTOS0 and RSTRH reset before/without a
 * handshake, SH and SHR half-open). OTH and an unset state are decided by the evidence of a
 * reply: the history shows the responder's SYN+ACK ('h') or payload ('d'), or it sent bytes →
 * answered; history or reply counters present but showing neither (stealth FIN/NULL/ACK
 * probes) → failed; no such evidence (unidirectional NetFlow, or originator packets with bad
 * checksums) → unknown, which neither walks TRW nor counts as failed.
 */
import { ConnState, Counter, Str } from '../shared/record.js';
export const Outcome = { Unknown: 0, Answered: 1, Failed: 2 };
const STATE_OUTCOME = new Uint8Array(16);
for (const s of [ConnState.SF, ConnState.S1, ConnState.S2, ConnState.S3, ConnState.RSTO, ConnState.RSTR]) {
    STATE_OUTCOME[s] = Outcome.Answered;
}
for (const s of [
    ConnState.S0,
    ConnState.REJ,
    ConnState.RSTOS0,
    ConnState.RSTRH,
    ConnState.SH,
    ConnState.SHR,
]) {
    STATE_OUTCOME[s] = Outcome.Failed;
}
const CHAR_H = 0x68; // 'h': responder SYN+ACK
const CHAR_D = 0x64; // 'd': responder payload
const CHAR_C = 0x43; // 'C': originator packet with a bad checksum
const CHAR_CC = 0x63; // 'c': responder packet with a bad checksum
const CHAR_FLIP = 0x5e; // '^': direction flipped by the port heuristic
export function attemptOutcome(view, i) {
    const byState = STATE_OUTCOME[view.connState[i]];
    if (byState !== Outcome.Unknown)
        return byState;
    const from = view.strOffset(i, Str.History);
    return byEvidence(view.counter(i, Counter.RespBytes), view.counter(i, Counter.RespPkts), view.heap, from, from + view.strLength(i, Str.History));
}
/** The same for a parsed row (its history is row.src[strStart, strEnd) of Str.History). */
export function rowOutcome(row) {
    const byState = STATE_OUTCOME[row.connState];
    if (byState !== Outcome.Unknown)
        return byState;
    return byEvidence(row.counters[Counter.RespBytes], row.counters[Counter.RespPkts], row.src, row.strStart[Str.History], row.strEnd[Str.History]);
}
/** OTH and unset states: the evidence of a reply (unset counters are NaN, history is b[from, to)). */
function byEvidence(respBytes, respPkts, history, from, to) {
    if (respBytes > 0)
        return Outcome.Answered;
    if (to > from) {
        let seen = false;
        let originatorUnverified = false;
        for (let k = from; k < to; k++) {
            const c = history[k];
            if (c === CHAR_H || c === CHAR_D)
                return Outcome.Answered;
            if (c === CHAR_C)
                originatorUnverified = true;
            else if (c !== CHAR_CC && c !== CHAR_FLIP)
                seen = true;
        }
        // The originator's own packets failed their checksum (a capture with checksum offloading):
        // its handshake may be among them, so a later valid RST or FIN proves nothing. A corrupt
        // reply ('c') alone leaves the originator's valid packets as evidence (a FIN probe failed).
        return seen && !originatorUnverified ? Outcome.Failed : Outcome.Unknown;
    }
    if (Number.isNaN(respBytes) && Number.isNaN(respPkts))
        return Outcome.Unknown;
    return Outcome.Failed;
}
//# sourceMappingURL=outcome.js.map