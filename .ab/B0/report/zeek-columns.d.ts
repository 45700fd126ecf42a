/**
 * Column declarations of the Zeek logs netscry writes, in Zeek's field order (Zeek 7's
 * conn.log, plus the `community_id` field of Zeek's community-id policy script and the
 * `vlan`/`inner_vlan` fields of its vlan-logging script).
 */
import type { DhcpLogRecord } from '../ingest/pcap/app/dhcp.js';
import type { ConnLogRecord, X509LogRecord } from '../ingest/pcap/app/dispatch.js';
import type { DnsLogRecord } from '../ingest/pcap/app/dns.js';
import type { PayloadLogRecord } from '../ingest/pcap/app/payload.js';
import type { SshLogRecord } from '../ingest/pcap/app/ssh.js';
import type { TlsLogRecord } from '../ingest/pcap/app/tls.js';
import type { ConnRecord } from '../ingest/pcap/connections.js';
import type { WeirdRecord } from '../ingest/pcap/packet.js';
import type { DirectionStats } from '../ingest/pcap/packet-stats.js';
import type { LocalNetworks } from '../shared/addr.js';
import type { ZeekColumn } from './zeek-log.js';
export declare function connColumns(local: LocalNetworks): ZeekColumn<ConnRecord>[];
/**
 * The nine packet-statistics columns of one direction (also the fields analyzers read from a
 * capture's conn rows: engine/shard-flows.ts).
 */
export declare function statsColumns(dir: 'orig' | 'resp', of: (r: ConnRecord) => DirectionStats | undefined): ZeekColumn<ConnRecord>[];
/** A protocol event as a weird.log row (file offset in `addl`, no connection attached yet). */
export declare const WEIRD_COLUMNS: readonly ZeekColumn<WeirdRecord>[];
export declare const DNS_COLUMNS: readonly ZeekColumn<ConnLogRecord<DnsLogRecord>>[];
export declare const SSL_COLUMNS: readonly ZeekColumn<ConnLogRecord<TlsLogRecord>>[];
export declare const X509_COLUMNS: readonly ZeekColumn<X509LogRecord>[];
export declare const SSH_COLUMNS: readonly ZeekColumn<ConnLogRecord<SshLogRecord>>[];
export declare const DHCP_COLUMNS: readonly ZeekColumn<DhcpLogRecord>[];
export declare const PAYLOAD_COLUMNS: readonly ZeekColumn<ConnLogRecord<PayloadLogRecord>>[];
