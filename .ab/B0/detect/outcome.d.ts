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
import { type BatchView, type RecordRow } from '../shared/record.js';
export declare const Outcome: {
    readonly Unknown: 0;
    readonly Answered: 1;
    readonly Failed: 2;
};
export type Outcome = (typeof Outcome)[keyof typeof Outcome];
export declare function attemptOutcome(view: BatchView, i: number): Outcome;
/** The same for a parsed row (its history is row.src[strStart, strEnd) of Str.History). */
export declare function rowOutcome(row: RecordRow): Outcome;
