/**
 * Syslog lines → netscry records, as Zeek JSON lines, so syslog enters the pipeline through the
 * same parser, routing and analyzers as Zeek logs. Pure apart from the converter's own memory of
 * the last good timestamp.
 *
 * | event | `_path` | fields |
 * |---|---|---|
 * | firewall (netfilter, pf) | conn | id.* from SRC/DST/SPT/DPT, proto, orig_pkts 1, orig_ip_bytes LEN; conn_state S0 for block (dropped, no reply), REJ for reject, unset for allow; `firewall.*` action, rule, engine, direction, interfaces |
 * | dhcp (dnsmasq, dhcpd) | dhcp | mac, host_name, msg_types [type], assigned_addr (ACK/OFFER), requested_addr (REQUEST), server_addr (the sender, live), `dhcp.server_software`, `dhcp.interface` |
 * | auth (sshd, sudo, su, pam) | auth | id.orig_h/p = the remote address and port, id.resp_h = the sender (live), service, action, success, user, invalid_user, method, target_user, tty, pwd, command, reason, count |
 * | anything else | syslog | id.orig_h = the sender (live), facility, severity (Zeek's syslog.log names), app, procid, msgid, message, structured data |
 *
 * Every record also carries `host` (the HOSTNAME field) and `syslog.source` (file or listener).
 * A line without a usable timestamp takes the receive time (live) or the last good timestamp of
 * its source (files; the first lines of a file without one take the file's modification time)
 * and is marked `syslog.ts_estimated`; the parser reported it as syslog_bad_timestamp.
 */
import { zeekUid } from '../pcap/connections.js';
import { extractSecurityEvent } from './extract.js';
import { parseSyslog } from './parse.js';
/** Zeek's syslog.log names (base/protocols/syslog/consts.zeek). */
const FACILITIES = [
    'KERN',
    'USER',
    'MAIL',
    'DAEMON',
    'AUTH',
    'SYSLOG',
    'LPR',
    'NEWS',
    'UUCP',
    'CRON',
    'AUTHPRIV',
    'FTP',
    'NTP',
    'AUDIT',
    'ALERT',
    'CLOCK',
    'LOCAL0',
    'LOCAL1',
    'LOCAL2',
    'LOCAL3',
    'LOCAL4',
    'LOCAL5',
    'LOCAL6',
    'LOCAL7',
];
const SEVERITIES = ['EMERG', 'ALERT', 'CRIT', 'ERR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];
function put(o, k, v) {
    if (v !== null && v !== undefined)
        o[k] = v;
}
export class SyslogConverter {
    /** Records converted so far (the uid ordinal). */
    records = 0;
    options;
    lastTs;
    constructor(options) {
        this.options = options;
        this.lastTs = options.referenceTs ?? 0;
    }
    /**
     * One line (without its trailer) at byte `offset` of the source. `sender` and `receivedTs`
     * for live input.
     */
    convert(bytes, offset, sender, receivedTs) {
        const o = this.options;
        const referenceTs = receivedTs ?? o.referenceTs;
        const ctx = {
            source: o.source,
            offset,
            ...(o.year !== undefined ? { year: o.year } : {}),
            ...(referenceTs !== undefined ? { referenceTs } : {}),
            ...(o.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: o.utcOffsetMinutes } : {}),
            ...(o.limits !== undefined ? { limits: o.limits } : {}),
        };
        const parsed = parseSyslog(bytes, ctx);
        const event = extractSecurityEvent(parsed.record);
        let ts = parsed.record.ts;
        const estimated = !Number.isFinite(ts);
        if (estimated)
            ts = receivedTs ?? this.lastTs;
        else
            this.lastTs = ts;
        const uid = zeekUid(`syslog|${o.source}|${this.records++}`);
        return {
            line: `${JSON.stringify(recordOf(event, ts, uid, estimated, o.source, sender))}\n`,
            event,
            events: parsed.events,
        };
    }
}
function header(o, r, source, estimated) {
    put(o, 'host', r.hostname);
    o['syslog.source'] = source;
    if (estimated)
        o['syslog.ts_estimated'] = true;
}
function recordOf(ev, ts, uid, estimated, source, sender) {
    const r = ev.header;
    switch (ev.kind) {
        case 'firewall': {
            const o = { _path: 'conn', ts, uid, 'id.orig_h': ev.src };
            put(o, 'id.orig_p', ev.srcPort ?? 0);
            o['id.resp_h'] = ev.dst;
            put(o, 'id.resp_p', ev.dstPort ?? 0);
            o.proto =
                ev.proto === 'tcp' || ev.proto === 'udp'
                    ? ev.proto
                    : ev.proto.startsWith('icmp')
                        ? 'icmp'
                        : 'unknown_transport';
            o.duration = 0;
            if (ev.action === 'block')
                o.conn_state = 'S0';
            else if (ev.action === 'reject')
                o.conn_state = 'REJ';
            o.orig_pkts = 1;
            put(o, 'orig_ip_bytes', ev.length);
            o['firewall.action'] = ev.action;
            o['firewall.engine'] = ev.engine;
            put(o, 'firewall.rule', ev.rule);
            put(o, 'firewall.direction', ev.direction);
            put(o, 'firewall.in', ev.inInterface);
            put(o, 'firewall.out', ev.outInterface);
            header(o, r, source, estimated);
            return o;
        }
        case 'dhcp': {
            const o = { _path: 'dhcp', ts, uids: [uid] };
            const t = ev.messageType;
            if (ev.ip !== null) {
                if (t === 'ACK' || t === 'OFFER')
                    o.assigned_addr = ev.ip;
                else if (t === 'REQUEST')
                    o.requested_addr = ev.ip;
                else
                    o.client_addr = ev.ip;
            }
            if (sender !== undefined)
                o.server_addr = sender.addr;
            put(o, 'mac', ev.mac);
            put(o, 'host_name', ev.hostname);
            o.msg_types = [t];
            o['dhcp.server_software'] = ev.server;
            put(o, 'dhcp.interface', ev.interface);
            put(o, 'dhcp.detail', ev.detail);
            header(o, r, source, estimated);
            return o;
        }
        case 'auth': {
            const o = { _path: 'auth', ts, uid };
            put(o, 'id.orig_h', ev.sourceAddr);
            put(o, 'id.orig_p', ev.sourcePort);
            if (sender !== undefined)
                o['id.resp_h'] = sender.addr;
            o.service = ev.service;
            o.action = ev.action;
            if (ev.outcome !== 'info')
                o.success = ev.outcome === 'success';
            put(o, 'user', ev.user);
            if (ev.invalidUser)
                o.invalid_user = true;
            put(o, 'method', ev.method);
            put(o, 'source_host', ev.sourceHost);
            put(o, 'target_user', ev.targetUser);
            put(o, 'tty', ev.tty);
            put(o, 'pwd', ev.pwd);
            put(o, 'command', ev.command);
            put(o, 'reason', ev.reason);
            o.count = ev.count;
            header(o, r, source, estimated);
            return o;
        }
        default: {
            const o = { _path: 'syslog', ts, uid };
            if (sender !== undefined) {
                o['id.orig_h'] = sender.addr;
                o['id.orig_p'] = sender.port;
                o.proto = sender.transport;
            }
            if (r.facility !== null)
                o.facility = FACILITIES[r.facility] ?? String(r.facility);
            if (r.severity !== null)
                o.severity = SEVERITIES[r.severity];
            put(o, 'app', r.app);
            put(o, 'procid', r.procid);
            put(o, 'msgid', r.msgid);
            o.message = r.message;
            if (r.structuredData.length > 0) {
                // Null-prototype objects: SD-IDs and names come from the wire (`__proto__` is just a name).
                const sd = Object.create(null);
                for (const e of r.structuredData) {
                    let params = sd[e.id];
                    if (params === undefined) {
                        params = Object.create(null);
                        sd[e.id] = params;
                    }
                    for (const p of e.params)
                        params[p.name] = p.value;
                }
                o.structured_data = sd;
            }
            o.format = r.format;
            header(o, r, source, estimated);
            return o;
        }
    }
}
//# sourceMappingURL=records.js.map