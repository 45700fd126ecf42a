const FIXED_LENGTH = 236;
const MAGIC_COOKIE = 0x63825363;
const SNAME_AT = 44;
const SNAME_LENGTH = 64;
const FILE_AT = 108;
const FILE_LENGTH = 128;
const Option = {
    Pad: 0,
    SubnetMask: 1,
    Router: 3,
    DnsServer: 6,
    HostName: 12,
    DomainName: 15,
    RequestedAddress: 50,
    LeaseTime: 51,
    Overload: 52,
    MessageType: 53,
    ServerId: 54,
    ParameterList: 55,
    Message: 56,
    MaxMessageSize: 57,
    RenewalTime: 58,
    RebindingTime: 59,
    VendorClass: 60,
    ClientId: 61,
    UserClass: 77,
    ClientFqdn: 81,
    RelayAgentInformation: 82,
    End: 255,
};
function u16(b, p) {
    return (b[p] << 8) | b[p + 1];
}
function u32(b, p) {
    return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}
function ipv4(b, p) {
    return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
}
function latin1(b, start, end) {
    let s = '';
    for (let i = start; i < end; i++)
        s += String.fromCharCode(b[i]);
    return s;
}
function hexPairs(b, start, end, separator) {
    const parts = [];
    for (let i = start; i < end; i++)
        parts.push(b[i].toString(16).padStart(2, '0'));
    return parts.join(separator);
}
/**
 * Zeek's `fmt_mac`: six octets when given exactly 6 bytes or when bytes 7–8 are zero (EUI-48 in
 * a longer field), eight when they are not (EUI-64), "" for fewer than 6 or exactly 7.
 */
export function zeekMac(b, start, end) {
    const length = end - start;
    if (length < 6 || length === 7)
        return '';
    const eui48 = length === 6 || (b[start + 6] === 0 && b[start + 7] === 0);
    return hexPairs(b, start, start + (eui48 ? 6 : 8), ':');
}
/** Bytes up to the last non-NUL one ("" when all are NUL). */
function trimmedText(b, start, end) {
    let last = end;
    while (last > start && b[last - 1] === 0)
        last--;
    return latin1(b, start, last);
}
/** RFC 4702 §2.3.1 wire-format name inside option 81; labels only, no compression. */
function wireName(b, start, end) {
    const labels = [];
    let p = start;
    while (p < end) {
        const length = b[p];
        if (length === 0)
            return labels.join('.');
        if (length > 63 || p + 1 + length > end)
            return undefined;
        labels.push(latin1(b, p + 1, p + 1 + length));
        p += 1 + length;
    }
    // A partial name (no terminating root label) is allowed by RFC 4702.
    return labels.join('.');
}
function report(r, name, detail) {
    r.onEvent({ name, ts: r.ctx.ts, fileOffset: r.ctx.fileOffset, detail });
}
/** Reads options in [p, end); returns true when END was seen. */
function readOptions(r, p, end, region) {
    const b = r.bytes;
    while (p < end) {
        const code = b[p++];
        if (code === Option.Pad)
            continue;
        if (code === Option.End)
            return true;
        if (p >= end) {
            report(r, 'DHCP_option_truncated', `option ${code} in ${region} has no length`);
            return false;
        }
        const length = b[p++];
        if (length > end - p) {
            report(r, 'DHCP_option_truncated', `option ${code} in ${region}: ${length} bytes, ${end - p} left`);
            return false;
        }
        r.options.codes.push(code);
        readOption(r, code, p, p + length);
        p += length;
    }
    return false;
}
function fixedLength(r, code, length, want) {
    if (length === want)
        return true;
    report(r, 'DHCP_option_bad_length', `option ${code}: ${length} bytes, expected ${want}`);
    return false;
}
function addressList(r, code, p, end) {
    if ((end - p) % 4 !== 0 || end === p) {
        report(r, 'DHCP_option_bad_length', `option ${code}: ${end - p} bytes, not a list of addresses`);
    }
    const out = [];
    for (let q = p; q + 4 <= end; q += 4)
        out.push(ipv4(r.bytes, q));
    return out;
}
/** One option's value; a repeated option overwrites the earlier one (as Zeek's analyzer does). */
function readOption(r, code, p, end) {
    const b = r.bytes;
    const o = r.options;
    const length = end - p;
    switch (code) {
        case Option.SubnetMask:
            if (fixedLength(r, code, length, 4))
                o.subnetMask = ipv4(b, p);
            return;
        case Option.Router:
            o.routers = addressList(r, code, p, end);
            return;
        case Option.DnsServer:
            o.dnsServers = addressList(r, code, p, end);
            return;
        case Option.HostName:
            o.hostName = latin1(b, p, end);
            return;
        case Option.DomainName:
            // Some servers NUL-terminate the name; Zeek trims trailing NULs.
            o.domainName = trimmedText(b, p, end);
            return;
        case Option.RequestedAddress:
            if (fixedLength(r, code, length, 4))
                o.requestedAddress = ipv4(b, p);
            return;
        case Option.LeaseTime:
            if (fixedLength(r, code, length, 4))
                o.leaseTime = u32(b, p);
            return;
        case Option.Overload:
            if (fixedLength(r, code, length, 1))
                o.overload = b[p];
            return;
        case Option.MessageType:
            // The first one counts (Zeek's get_dhcp_msgtype stops there).
            if (fixedLength(r, code, length, 1) && r.messageType === 0)
                r.messageType = b[p];
            return;
        case Option.ServerId:
            if (fixedLength(r, code, length, 4))
                o.serverId = ipv4(b, p);
            return;
        case Option.ParameterList:
            o.parameterRequestList = Array.from(b.subarray(p, end));
            return;
        case Option.Message:
            o.message = latin1(b, p, end);
            return;
        case Option.MaxMessageSize:
            if (fixedLength(r, code, length, 2))
                o.maxMessageSize = u16(b, p);
            return;
        case Option.RenewalTime:
            if (fixedLength(r, code, length, 4))
                o.renewalTime = u32(b, p);
            return;
        case Option.RebindingTime:
            if (fixedLength(r, code, length, 4))
                o.rebindingTime = u32(b, p);
            return;
        case Option.VendorClass:
            o.vendorClass = latin1(b, p, end);
            return;
        case Option.ClientId:
            if (length < 2) {
                report(r, 'DHCP_option_bad_length', `option ${code}: ${length} bytes`);
                return;
            }
            o.clientId = { hardwareType: b[p], address: zeekMac(b, p + 1, end), hex: hexPairs(b, p + 1, end, '') };
            return;
        case Option.UserClass:
            o.userClass = latin1(b, p, end);
            return;
        case Option.ClientFqdn: {
            if (length < 3) {
                report(r, 'DHCP_option_bad_length', `option ${code}: ${length} bytes`);
                return;
            }
            const flags = b[p];
            const rawName = latin1(b, p + 3, end);
            let domainName = rawName;
            if (flags & 0x04) {
                const decoded = wireName(b, p + 3, end);
                if (decoded === undefined)
                    report(r, 'DHCP_client_fqdn_bad_name', `${length - 3} bytes`);
                else
                    domainName = decoded;
            }
            o.clientFqdn = { flags, rcode1: b[p + 1], rcode2: b[p + 2], rawName, domainName };
            return;
        }
        case Option.RelayAgentInformation: {
            const subs = [];
            let q = p;
            while (q + 2 <= end) {
                const subLength = b[q + 1];
                if (q + 2 + subLength > end)
                    break;
                subs.push({ code: b[q], value: latin1(b, q + 2, q + 2 + subLength) });
                q += 2 + subLength;
            }
            if (q !== end)
                report(r, 'DHCP_option_bad_length', `relay agent sub-option overruns by ${q + 2 - end}`);
            o.relayAgentInformation = subs;
            return;
        }
        default:
            return;
    }
}
/**
 * Decodes the DHCP/BOOTP message in `bytes[offset, offset + length)`. Returns undefined only when
 * the 236-byte BOOTP header is not all there (event `DHCP_truncated`). Without the magic cookie
 * the header is returned with no options (`hasMagicCookie` false); a message with no type option
 * has `messageType` 0 (event `DHCP_no_message_type`). Cost: one pass over at most the payload.
 */
export function parseDhcpMessage(bytes, offset, length, onEvent, ctx) {
    const start = Math.max(0, Math.min(offset, bytes.length));
    const end = Math.max(start, Math.min(offset + Math.max(0, length), bytes.length));
    if (end - start < FIXED_LENGTH) {
        onEvent({
            name: 'DHCP_truncated',
            ts: ctx.ts,
            fileOffset: ctx.fileOffset,
            detail: `${end - start} bytes`,
        });
        return undefined;
    }
    const b = bytes;
    const hlen = b[start + 2];
    const chaddrAt = start + 28;
    const r = { bytes, onEvent, ctx, options: { codes: [] }, messageType: 0 };
    const hasMagicCookie = end - start >= FIXED_LENGTH + 4 && u32(b, start + FIXED_LENGTH) === MAGIC_COOKIE;
    if (!hasMagicCookie)
        report(r, 'DHCP_bad_magic_cookie', 'no DHCP magic cookie: BOOTP only');
    if (hlen > 16)
        report(r, 'DHCP_bad_hlen', `hlen ${hlen} exceeds the 16-byte chaddr field`);
    let overload = 0;
    if (hasMagicCookie) {
        const sawEnd = readOptions(r, start + FIXED_LENGTH + 4, end, 'options');
        overload = r.options.overload ?? 0;
        // RFC 2131 §4.1: with overload, 'file' is read before 'sname'; each ends with its own END.
        if (overload & 1)
            readOptions(r, start + FILE_AT, start + FILE_AT + FILE_LENGTH, 'file');
        if (overload & 2)
            readOptions(r, start + SNAME_AT, start + SNAME_AT + SNAME_LENGTH, 'sname');
        if (!sawEnd)
            report(r, 'DHCP_options_without_end', 'the options field has no END option');
        if (r.messageType === 0)
            report(r, 'DHCP_no_message_type', 'no option 53');
    }
    const flags = u16(b, start + 10);
    const message = {
        op: b[start],
        htype: b[start + 1],
        hlen,
        hops: b[start + 3],
        xid: u32(b, start + 4),
        secs: u16(b, start + 8),
        flags,
        broadcast: (flags & 0x8000) !== 0,
        ciaddr: ipv4(b, start + 12),
        yiaddr: ipv4(b, start + 16),
        siaddr: ipv4(b, start + 20),
        giaddr: ipv4(b, start + 24),
        chaddr: zeekMac(b, chaddrAt, chaddrAt + 16),
        hardwareAddress: hexPairs(b, chaddrAt, chaddrAt + Math.min(hlen, 16), ':'),
        hasMagicCookie,
        messageType: r.messageType,
        options: r.options,
    };
    if (!(overload & 2)) {
        const serverName = trimmedText(b, start + SNAME_AT, start + SNAME_AT + SNAME_LENGTH);
        if (serverName.length > 0)
            message.serverName = serverName;
    }
    if (!(overload & 1)) {
        const bootFileName = trimmedText(b, start + FILE_AT, start + FILE_AT + FILE_LENGTH);
        if (bootFileName.length > 0)
            message.bootFileName = bootFileName;
    }
    return message;
}
// ---------------------------------------------------------------------------------------------
// dhcp.log: one line per exchange (transaction id), as Zeek's base/protocols/dhcp/main.zeek.
const MESSAGE_TYPE_NAMES = ('DISCOVER OFFER REQUEST DECLINE ACK NAK RELEASE INFORM FORCERENEW LEASEQUERY LEASEUNASSIGNED ' +
    'LEASEUNKNOWN LEASEACTIVE BULKLEASEQUERY LEASEQUERYDONE ACTIVELEASEQUERY LEASEQUERYSTATUS TLS').split(' ');
/** Zeek's DHCP::message_types, with its fallback for other codes. */
export function dhcpMessageTypeName(type) {
    return (type >= 1 ? MESSAGE_TYPE_NAMES[type - 1] : undefined) ?? `unknown-message-type-${type}`;
}
/** Zeek's join_data table: entries expire 10 s after creation, then are rechecked every 5 s. */
const FIRST_CHECK = 10;
const RECHECK = 5;
const IDLE = 5;
/** Sweeps of the open exchanges happen at most once per second of capture time. */
const SWEEP_INTERVAL = 1;
/**
 * Aggregates DHCP messages by transaction id into dhcp.log rows, as Zeek does: an exchange is
 * logged once it has been idle for 5 s (checked from 10 s after it began) or watched for 30 s,
 * when it reaches 10 connections or 50 message types, and at `finish()`. Pure: time is the
 * messages' timestamps. State is bounded by `maxOpenExchanges`; a sweep over the open exchanges
 * runs at most once per second of capture time.
 */
export class DhcpExchangeLog {
    emit;
    open = new Map();
    maxOpen;
    maxUids;
    maxTypes;
    maxWatch;
    nextSweep = -Infinity;
    /** Exchanges logged early because too many were open. */
    evicted = 0;
    constructor(emit, limits = {}) {
        this.emit = emit;
        this.maxOpen = Math.max(1, limits.maxOpenExchanges ?? 10_000);
        this.maxUids = limits.maxUidsPerEntry ?? 10;
        this.maxTypes = limits.maxMessageTypesPerEntry ?? 50;
        this.maxWatch = limits.maxWatchTime ?? 30;
    }
    get openExchanges() {
        return this.open.size;
    }
    observe(msg, at) {
        // Zeek raises no dhcp_message for a message without the cookie.
        if (!msg.hasMagicCookie)
            return;
        this.expire(at.ts);
        let x = this.open.get(msg.xid);
        if (x === undefined) {
            if (this.open.size >= this.maxOpen) {
                const [oldest, first] = this.open.entries().next().value;
                this.open.delete(oldest);
                this.evicted++;
                this.logExpired(first);
            }
            x = {
                record: { ts: at.ts, uids: [at.uid], msg_types: [], duration: 0 },
                lastMessageTs: at.ts,
                nextCheck: at.ts + FIRST_CHECK,
            };
            this.open.set(msg.xid, x);
        }
        const rec = x.record;
        rec.duration = at.ts - rec.ts;
        if (!rec.uids.includes(at.uid))
            rec.uids.push(at.uid);
        rec.msg_types.push(dhcpMessageTypeName(msg.messageType));
        const isClient = at.isOrig && (at.origAddr === '0.0.0.0' || at.origPort === 68 || at.respPort === 67);
        const o = msg.options;
        if (o.message !== undefined) {
            if (isClient)
                rec.client_message = o.message;
            else
                rec.server_message = o.message;
        }
        x.lastMessageTs = at.ts;
        if (isClient) {
            if (at.origAddr !== '0.0.0.0' && at.origAddr !== '255.255.255.255')
                rec.client_addr = at.origAddr;
            if (o.hostName !== undefined)
                rec.host_name = o.hostName;
            if (o.clientFqdn !== undefined)
                rec.client_fqdn = o.clientFqdn.rawName;
            if (o.clientId !== undefined && o.clientId.hardwareType === 1)
                rec.mac = o.clientId.address;
            else
                x.clientChaddr = msg.chaddr;
            if (o.requestedAddress !== undefined)
                rec.requested_addr = o.requestedAddress;
        }
        else {
            const assigned = msg.yiaddr !== '0.0.0.0';
            // A server broadcasting is the originator; one sending unicast is the responder.
            if (assigned)
                rec.server_addr = at.isOrig ? at.origAddr : at.respAddr;
            if (msg.chaddr !== '' && rec.mac === undefined)
                rec.mac = msg.chaddr;
            if (assigned)
                rec.assigned_addr = msg.yiaddr;
            if (rec.client_addr === undefined && rec.assigned_addr !== undefined)
                rec.client_addr = rec.assigned_addr;
            if (o.domainName !== undefined)
                rec.domain = o.domainName;
            if (o.leaseTime !== undefined)
                rec.lease_time = o.leaseTime;
        }
        if (rec.uids.length >= this.maxUids || rec.msg_types.length >= this.maxTypes) {
            this.open.delete(msg.xid);
            this.emit(rec);
        }
    }
    /** Logs the exchanges that Zeek's table expiry would have logged by `now`. */
    expire(now) {
        if (now < this.nextSweep)
            return;
        this.nextSweep = now + SWEEP_INTERVAL;
        for (const [xid, x] of this.open) {
            if (x.nextCheck > now)
                continue;
            if (now - x.lastMessageTs > IDLE || now - x.record.ts > this.maxWatch) {
                this.open.delete(xid);
                this.logExpired(x);
            }
            else {
                x.nextCheck = now + RECHECK;
            }
        }
    }
    /** End of input (Zeek's zeek_done): logs every open exchange. */
    finish() {
        const all = [...this.open.values()];
        this.open.clear();
        for (const x of all)
            this.logExpired(x);
    }
    logExpired(x) {
        if (x.record.mac === undefined && x.clientChaddr !== undefined)
            x.record.mac = x.clientChaddr;
        this.emit(x.record);
    }
}
//# sourceMappingURL=dhcp.js.map