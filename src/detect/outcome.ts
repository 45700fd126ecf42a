/**
 * Connection outcome from Zeek's conn_state, shared by every analyzer that counts failures
 * (heatmap failed-connection cells, scan detection), so "failed" means one thing everywhere.
 *
 * Failed = no completed handshake: S0 (no reply), REJ (rejected), RSTOS0 and RSTRH (reset
 * before/without a handshake), SH and SHR (half-open: only one side's SYN/FIN seen). OTH is
 * ambiguous (midstream or non-TCP) and is not counted as failed.
 */
import { ConnState } from '../shared/record.js';

const FAILED = new Uint8Array(16);
for (const s of [ConnState.S0, ConnState.REJ, ConnState.RSTOS0, ConnState.RSTRH, ConnState.SH, ConnState.SHR]) {
  FAILED[s] = 1;
}

export function isFailedState(state: number): boolean {
  return FAILED[state] === 1;
}
