/**
 * The six Zeek 6 TSV logs the generator writes, with Zeek's default field lists and types
 * (conn as Zeek ≤ 6 writes it, 21 fields ending in tunnel_parents; dns and ssl as Zeek 6.2 wrote
 * the WRCCDC logs; http, dhcp and weird as the base scripts define them).
 */
function schema(path, columns) {
    return { path, fields: columns.map((c) => c[0]), types: columns.map((c) => c[1]) };
}
const ID = [
    ['id.orig_h', 'addr'],
    ['id.orig_p', 'port'],
    ['id.resp_h', 'addr'],
    ['id.resp_p', 'port'],
];
export const CONN_SCHEMA = schema('conn', [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['proto', 'enum'],
    ['service', 'string'],
    ['duration', 'interval'],
    ['orig_bytes', 'count'],
    ['resp_bytes', 'count'],
    ['conn_state', 'string'],
    ['local_orig', 'bool'],
    ['local_resp', 'bool'],
    ['missed_bytes', 'count'],
    ['history', 'string'],
    ['orig_pkts', 'count'],
    ['orig_ip_bytes', 'count'],
    ['resp_pkts', 'count'],
    ['resp_ip_bytes', 'count'],
    ['tunnel_parents', 'set[string]'],
]);
export const DNS_SCHEMA = schema('dns', [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['proto', 'enum'],
    ['trans_id', 'count'],
    ['rtt', 'interval'],
    ['query', 'string'],
    ['qclass', 'count'],
    ['qclass_name', 'string'],
    ['qtype', 'count'],
    ['qtype_name', 'string'],
    ['rcode', 'count'],
    ['rcode_name', 'string'],
    ['AA', 'bool'],
    ['TC', 'bool'],
    ['RD', 'bool'],
    ['RA', 'bool'],
    ['Z', 'count'],
    ['answers', 'vector[string]'],
    ['TTLs', 'vector[interval]'],
    ['rejected', 'bool'],
]);
export const HTTP_SCHEMA = schema('http', [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['trans_depth', 'count'],
    ['method', 'string'],
    ['host', 'string'],
    ['uri', 'string'],
    ['referrer', 'string'],
    ['version', 'string'],
    ['user_agent', 'string'],
    ['origin', 'string'],
    ['request_body_len', 'count'],
    ['response_body_len', 'count'],
    ['status_code', 'count'],
    ['status_msg', 'string'],
    ['info_code', 'count'],
    ['info_msg', 'string'],
    ['tags', 'set[enum]'],
    ['username', 'string'],
    ['password', 'string'],
    ['proxied', 'set[string]'],
    ['orig_fuids', 'vector[string]'],
    ['orig_filenames', 'vector[string]'],
    ['orig_mime_types', 'vector[string]'],
    ['resp_fuids', 'vector[string]'],
    ['resp_filenames', 'vector[string]'],
    ['resp_mime_types', 'vector[string]'],
]);
export const SSL_SCHEMA = schema('ssl', [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['version', 'string'],
    ['cipher', 'string'],
    ['curve', 'string'],
    ['server_name', 'string'],
    ['resumed', 'bool'],
    ['last_alert', 'string'],
    ['next_protocol', 'string'],
    ['established', 'bool'],
    ['ssl_history', 'string'],
    ['cert_chain_fps', 'vector[string]'],
    ['client_cert_chain_fps', 'vector[string]'],
    ['sni_matches_cert', 'bool'],
    ['validation_status', 'string'],
]);
export const DHCP_SCHEMA = schema('dhcp', [
    ['ts', 'time'],
    ['uids', 'set[string]'],
    ['client_addr', 'addr'],
    ['server_addr', 'addr'],
    ['mac', 'string'],
    ['host_name', 'string'],
    ['client_fqdn', 'string'],
    ['domain', 'string'],
    ['requested_addr', 'addr'],
    ['assigned_addr', 'addr'],
    ['lease_time', 'interval'],
    ['client_message', 'string'],
    ['server_message', 'string'],
    ['msg_types', 'vector[string]'],
    ['duration', 'interval'],
]);
export const WEIRD_SCHEMA = schema('weird', [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['name', 'string'],
    ['addl', 'string'],
    ['notice', 'bool'],
    ['peer', 'string'],
    ['source', 'string'],
]);
export const ZEEK_SCHEMAS = [
    CONN_SCHEMA,
    DNS_SCHEMA,
    HTTP_SCHEMA,
    SSL_SCHEMA,
    DHCP_SCHEMA,
    WEIRD_SCHEMA,
];
function pad2(n) {
    return n < 10 ? `0${n}` : String(n);
}
/** Zeek's `#open`/`#close` stamp (`%Y-%m-%d-%H-%M-%S`), in UTC so output never depends on TZ. */
export function zeekStamp(epochSeconds) {
    const d = new Date(Math.floor(epochSeconds) * 1000);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}-${pad2(d.getUTCHours())}-${pad2(d.getUTCMinutes())}-${pad2(d.getUTCSeconds())}`;
}
export function zeekHeader(s, openEpochSeconds) {
    return [
        '#separator \\x09',
        '#set_separator\t,',
        '#empty_field\t(empty)',
        '#unset_field\t-',
        `#path\t${s.path}`,
        `#open\t${zeekStamp(openEpochSeconds)}`,
        `#fields\t${s.fields.join('\t')}`,
        `#types\t${s.types.join('\t')}`,
        '',
    ].join('\n');
}
export function zeekClose(closeEpochSeconds) {
    return `#close\t${zeekStamp(closeEpochSeconds)}\n`;
}
//# sourceMappingURL=zeek-schema.js.map