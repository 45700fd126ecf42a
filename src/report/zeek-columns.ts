/**
 * Column declarations of the Zeek logs netscry writes, in Zeek's field order (Zeek 7's
 * conn.log, plus the `community_id` field of Zeek's community-id policy script and the
 * `vlan`/`inner_vlan` fields of its vlan-logging script).
 */
import type { DhcpLogRecord } from '../ingest/pcap/app/dhcp.js';
import type { ConnIdentity, ConnLogRecord, X509LogRecord } from '../ingest/pcap/app/dispatch.js';
import type { DnsLogRecord } from '../ingest/pcap/app/dns.js';
import type { PayloadLogRecord } from '../ingest/pcap/app/payload.js';
import type { SshLogRecord } from '../ingest/pcap/app/ssh.js';
import type { TlsLogRecord } from '../ingest/pcap/app/tls.js';
import type { ConnRecord } from '../ingest/pcap/connections.js';
import type { WeirdRecord } from '../ingest/pcap/packet.js';
import type { DirectionStats } from '../ingest/pcap/packet-stats.js';
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
    { name: 'tunnel_parents', type: 'set[string]', get: (r) => r.tunnelParents },
    { name: 'ip_proto', type: 'count', get: (r) => r.ipProto },
    { name: 'community_id', type: 'string', get: (r) => r.communityId },
    { name: 'vlan', type: 'int', get: (r) => r.vlan },
    { name: 'inner_vlan', type: 'int', get: (r) => r.innerVlan },
    // netscry's packet statistics (packet-stats.ts), after Zeek's fields as a policy script's
    // would be: unset for a direction without packets (entropy: without payload).
    ...statsColumns('orig', (r) => r.stats?.orig),
    ...statsColumns('resp', (r) => r.stats?.resp),
  ];
}

/**
 * The nine packet-statistics columns of one direction (also the fields analyzers read from a
 * capture's conn rows: engine/shard-flows.ts).
 */
export function statsColumns(
  dir: 'orig' | 'resp',
  of: (r: ConnRecord) => DirectionStats | undefined,
): ZeekColumn<ConnRecord>[] {
  const seen = (r: ConnRecord): DirectionStats | undefined => {
    const s = of(r);
    return s !== undefined && s.packets > 0 ? s : undefined;
  };
  return [
    { name: `${dir}_entropy`, type: 'double', get: (r) => of(r)?.entropy },
    { name: `${dir}_printable`, type: 'double', get: (r) => of(r)?.printable },
    { name: `${dir}_sampled`, type: 'count', get: (r) => seen(r)?.entropyBytes },
    {
      name: `${dir}_ip_len`,
      type: 'vector[count]',
      get: (r) => {
        const s = seen(r);
        return s === undefined ? undefined : [s.ipLenMin, s.ipLenMax];
      },
    },
    { name: `${dir}_ip_len_sd`, type: 'double', get: (r) => seen(r)?.ipLenSd },
    { name: `${dir}_ttls`, type: 'vector[count]', get: (r) => seen(r)?.ttls },
    { name: `${dir}_ttl_other`, type: 'count', get: (r) => seen(r)?.ttlOther },
    { name: `${dir}_frags`, type: 'count', get: (r) => seen(r)?.fragments },
    { name: `${dir}_payload_variants`, type: 'count', get: (r) => seen(r)?.variants },
  ];
}

/**
 * A protocol event as a weird.log row: with its connection's uid and id when an app-layer
 * parser found it on one, else unset there (the file offset is in `addl`).
 */
export const WEIRD_COLUMNS: readonly ZeekColumn<WeirdRecord>[] = [
  { name: 'ts', type: 'time', get: (r) => r.ts },
  { name: 'uid', type: 'string', get: (r) => r.id?.uid },
  { name: 'id.orig_h', type: 'addr', get: (r) => r.id?.origH },
  { name: 'id.orig_p', type: 'port', get: (r) => r.id?.origP },
  { name: 'id.resp_h', type: 'addr', get: (r) => r.id?.respH },
  { name: 'id.resp_p', type: 'port', get: (r) => r.id?.respP },
  { name: 'name', type: 'string', get: (r) => r.name },
  { name: 'addl', type: 'string', get: (r) => r.addl },
  { name: 'notice', type: 'bool', get: () => false },
  { name: 'peer', type: 'string', get: () => 'netscry' },
  { name: 'source', type: 'string', get: () => undefined },
];

// ---------------------------------------------------------------------------------------------
// App-layer logs (Zeek 7's field order; fields netscry does not fill are left out, not unset).

/** The five id columns of a log whose rows carry their connection. */
function idColumns<R extends { readonly id: ConnIdentity }>(): ZeekColumn<R>[] {
  return [
    { name: 'uid', type: 'string', get: (r) => r.id.uid },
    { name: 'id.orig_h', type: 'addr', get: (r) => r.id.origH },
    { name: 'id.orig_p', type: 'port', get: (r) => r.id.origP },
    { name: 'id.resp_h', type: 'addr', get: (r) => r.id.respH },
    { name: 'id.resp_p', type: 'port', get: (r) => r.id.respP },
  ];
}

const nonEmpty = <T>(v: readonly T[] | undefined): readonly T[] | undefined =>
  v === undefined || v.length === 0 ? undefined : v;

export const DNS_COLUMNS: readonly ZeekColumn<ConnLogRecord<DnsLogRecord>>[] = [
  { name: 'ts', type: 'time', get: (r) => r.rec.ts },
  ...idColumns<ConnLogRecord<DnsLogRecord>>(),
  { name: 'proto', type: 'enum', get: (r) => r.rec.proto },
  { name: 'trans_id', type: 'count', get: (r) => r.rec.trans_id },
  { name: 'rtt', type: 'interval', get: (r) => r.rec.rtt },
  { name: 'query', type: 'string', get: (r) => r.rec.query },
  { name: 'qclass', type: 'count', get: (r) => r.rec.qclass },
  { name: 'qclass_name', type: 'string', get: (r) => r.rec.qclass_name },
  { name: 'qtype', type: 'count', get: (r) => r.rec.qtype },
  { name: 'qtype_name', type: 'string', get: (r) => r.rec.qtype_name },
  { name: 'rcode', type: 'count', get: (r) => r.rec.rcode },
  { name: 'rcode_name', type: 'string', get: (r) => r.rec.rcode_name },
  { name: 'AA', type: 'bool', get: (r) => r.rec.AA },
  { name: 'TC', type: 'bool', get: (r) => r.rec.TC },
  { name: 'RD', type: 'bool', get: (r) => r.rec.RD },
  { name: 'RA', type: 'bool', get: (r) => r.rec.RA },
  { name: 'Z', type: 'count', get: (r) => r.rec.Z },
  { name: 'answers', type: 'vector[string]', get: (r) => r.rec.answers },
  { name: 'TTLs', type: 'vector[interval]', get: (r) => r.rec.TTLs },
  { name: 'rejected', type: 'bool', get: (r) => r.rec.rejected },
  { name: 'opcode', type: 'count', get: (r) => r.rec.opcode },
  { name: 'opcode_name', type: 'string', get: (r) => r.rec.opcode_name },
];

export const SSL_COLUMNS: readonly ZeekColumn<ConnLogRecord<TlsLogRecord>>[] = [
  { name: 'ts', type: 'time', get: (r) => r.ts },
  ...idColumns<ConnLogRecord<TlsLogRecord>>(),
  { name: 'version', type: 'string', get: (r) => r.rec.version },
  { name: 'cipher', type: 'string', get: (r) => r.rec.cipher },
  { name: 'curve', type: 'string', get: (r) => r.rec.curve },
  { name: 'server_name', type: 'string', get: (r) => r.rec.server_name },
  { name: 'resumed', type: 'bool', get: (r) => r.rec.resumed },
  { name: 'last_alert', type: 'string', get: (r) => r.rec.last_alert },
  { name: 'next_protocol', type: 'string', get: (r) => r.rec.next_protocol },
  { name: 'established', type: 'bool', get: (r) => r.rec.established },
  { name: 'ssl_history', type: 'string', get: (r) => r.rec.ssl_history },
  { name: 'cert_chain_fps', type: 'vector[string]', get: (r) => r.rec.cert_chain_fps },
  { name: 'client_cert_chain_fps', type: 'vector[string]', get: (r) => r.rec.client_cert_chain_fps },
  { name: 'subject', type: 'string', get: (r) => r.rec.subject },
  { name: 'issuer', type: 'string', get: (r) => r.rec.issuer },
  { name: 'client_subject', type: 'string', get: (r) => r.rec.client_subject },
  { name: 'client_issuer', type: 'string', get: (r) => r.rec.client_issuer },
  { name: 'validation_status', type: 'string', get: (r) => r.rec.validation_status },
  { name: 'ja3', type: 'string', get: (r) => r.rec.ja3 },
  { name: 'ja3s', type: 'string', get: (r) => r.rec.ja3s },
  { name: 'ja4', type: 'string', get: (r) => r.rec.ja4 },
];

export const X509_COLUMNS: readonly ZeekColumn<X509LogRecord>[] = [
  { name: 'ts', type: 'time', get: (r) => r.ts },
  { name: 'fingerprint', type: 'string', get: (r) => r.cert.fingerprint },
  { name: 'certificate.version', type: 'count', get: (r) => r.cert.version || undefined },
  { name: 'certificate.serial', type: 'string', get: (r) => r.cert.serial || undefined },
  { name: 'certificate.subject', type: 'string', get: (r) => r.cert.subject || undefined },
  { name: 'certificate.issuer', type: 'string', get: (r) => r.cert.issuer || undefined },
  { name: 'certificate.not_valid_before', type: 'time', get: (r) => r.cert.notValidBefore || undefined },
  { name: 'certificate.not_valid_after', type: 'time', get: (r) => r.cert.notValidAfter || undefined },
  { name: 'host_cert', type: 'bool', get: (r) => r.hostCert },
  { name: 'client_cert', type: 'bool', get: (r) => !r.hostCert },
];

export const SSH_COLUMNS: readonly ZeekColumn<ConnLogRecord<SshLogRecord>>[] = [
  { name: 'ts', type: 'time', get: (r) => r.ts },
  ...idColumns<ConnLogRecord<SshLogRecord>>(),
  { name: 'version', type: 'count', get: (r) => r.rec.version },
  { name: 'auth_success', type: 'bool', get: (r) => r.rec.auth_success },
  { name: 'auth_attempts', type: 'count', get: (r) => r.rec.auth_attempts },
  { name: 'client', type: 'string', get: (r) => r.rec.client },
  { name: 'server', type: 'string', get: (r) => r.rec.server },
  { name: 'cipher_alg', type: 'string', get: (r) => r.rec.cipher_alg },
  { name: 'mac_alg', type: 'string', get: (r) => r.rec.mac_alg },
  { name: 'compression_alg', type: 'string', get: (r) => r.rec.compression_alg },
  { name: 'kex_alg', type: 'string', get: (r) => r.rec.kex_alg },
  { name: 'host_key_alg', type: 'string', get: (r) => r.rec.host_key_alg },
];

export const DHCP_COLUMNS: readonly ZeekColumn<DhcpLogRecord>[] = [
  { name: 'ts', type: 'time', get: (r) => r.ts },
  { name: 'uids', type: 'set[string]', get: (r) => r.uids },
  { name: 'client_addr', type: 'addr', get: (r) => r.client_addr },
  { name: 'server_addr', type: 'addr', get: (r) => r.server_addr },
  { name: 'mac', type: 'string', get: (r) => r.mac },
  { name: 'host_name', type: 'string', get: (r) => r.host_name },
  { name: 'client_fqdn', type: 'string', get: (r) => r.client_fqdn },
  { name: 'domain', type: 'string', get: (r) => r.domain },
  { name: 'requested_addr', type: 'addr', get: (r) => r.requested_addr },
  { name: 'assigned_addr', type: 'addr', get: (r) => r.assigned_addr },
  { name: 'lease_time', type: 'interval', get: (r) => r.lease_time },
  { name: 'client_message', type: 'string', get: (r) => r.client_message },
  { name: 'server_message', type: 'string', get: (r) => r.server_message },
  { name: 'msg_types', type: 'vector[string]', get: (r) => nonEmpty(r.msg_types) },
  { name: 'duration', type: 'interval', get: (r) => r.duration },
];

// ---------------------------------------------------------------------------------------------
// netscry's payload.log (ingest/pcap/app/payload.ts): one row per sensitive value or command line
// found in the clear-text prefix of a connection's payload. Values are masked before they get here.

export const PAYLOAD_COLUMNS: readonly ZeekColumn<ConnLogRecord<PayloadLogRecord>>[] = [
  { name: 'ts', type: 'time', get: (r) => r.ts },
  ...idColumns<ConnLogRecord<PayloadLogRecord>>(),
  { name: 'proto', type: 'enum', get: (r) => r.id.proto },
  { name: 'is_orig', type: 'bool', get: (r) => r.rec.isOrig },
  { name: 'kind', type: 'string', get: (r) => r.rec.kind },
  { name: 'pattern', type: 'string', get: (r) => r.rec.pattern },
  { name: 'value', type: 'string', get: (r) => r.rec.value },
  { name: 'length', type: 'count', get: (r) => r.rec.length },
  { name: 'offset', type: 'count', get: (r) => r.rec.offset },
];
