/**
 * Column declarations of the Zeek logs netscry writes, in Zeek's field order (Zeek 7's
 * conn.log, plus the `community_id` field of Zeek's community-id policy script and the
 * `vlan`/`inner_vlan` fields of its vlan-logging script).
 */
import type { ConnRecord } from '../ingest/pcap/connections.js';
import type { LocalNetworks } from '../shared/addr.js';
import type { ZeekColumn } from './zeek-log.js';

export function connColumns(local: LocalNetworks): ZeekColumn<ConnRecord>[] {
  return [
    { name: 'ts', type: 'time', get: (r) => r.ts },
    { name: 'uid', type: 'string', get: (r) => r.uid },
    { name: 'id.orig_h', type: 'addr', get: (r) => r.origH },
    { name: 'id.orig_p', type: 'port', get: (r) => r.origP },
    { name: 'id.resp_h', type: 'addr', get: (r) => r.respH },
    { name: 'id.resp_p', type: 'port', get: (r) => r.respP },
    { name: 'proto', type: 'enum', get: (r) => r.proto },
    { name: 'service', type: 'string', get: (r) => (r.service.length > 0 ? r.service.join(',') : undefined) },
    { name: 'duration', type: 'interval', get: (r) => r.duration },
    { name: 'orig_bytes', type: 'count', get: (r) => r.origBytes },
    { name: 'resp_bytes', type: 'count', get: (r) => r.respBytes },
    { name: 'conn_state', type: 'string', get: (r) => r.connState },
    { name: 'local_orig', type: 'bool', get: (r) => local.contains(r.addr, 0) },
    { name: 'local_resp', type: 'bool', get: (r) => local.contains(r.addr, 4) },
    { name: 'missed_bytes', type: 'count', get: (r) => r.missedBytes },
    { name: 'history', type: 'string', get: (r) => (r.history === '' ? undefined : r.history) },
    { name: 'orig_pkts', type: 'count', get: (r) => r.origPkts },
    { name: 'orig_ip_bytes', type: 'count', get: (r) => r.origIpBytes },
    { name: 'resp_pkts', type: 'count', get: (r) => r.respPkts },
    { name: 'resp_ip_bytes', type: 'count', get: (r) => r.respIpBytes },
    { name: 'tunnel_parents', type: 'set[string]', get: () => undefined },
    { name: 'ip_proto', type: 'count', get: (r) => r.ipProto },
    { name: 'community_id', type: 'string', get: (r) => r.communityId },
    { name: 'vlan', type: 'int', get: (r) => r.vlan },
    { name: 'inner_vlan', type: 'int', get: (r) => r.innerVlan },
  ];
}

/** A protocol event as a weird.log row (file offset in `addl`, no connection attached yet). */
export interface WeirdRecord {
  readonly ts: number;
  readonly name: string;
  readonly addl: string;
}

export const WEIRD_COLUMNS: readonly ZeekColumn<WeirdRecord>[] = [
  { name: 'ts', type: 'time', get: (r) => r.ts },
  { name: 'uid', type: 'string', get: () => undefined },
  { name: 'id.orig_h', type: 'addr', get: () => undefined },
  { name: 'id.orig_p', type: 'port', get: () => undefined },
  { name: 'id.resp_h', type: 'addr', get: () => undefined },
  { name: 'id.resp_p', type: 'port', get: () => undefined },
  { name: 'name', type: 'string', get: (r) => r.name },
  { name: 'addl', type: 'string', get: (r) => r.addl },
  { name: 'notice', type: 'bool', get: () => false },
  { name: 'peer', type: 'string', get: () => 'netscry' },
  { name: 'source', type: 'string', get: () => undefined },
];
