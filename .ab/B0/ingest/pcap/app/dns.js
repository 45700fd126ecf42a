/**
 * DNS messages (RFC 1035 and the RR types that followed) decoded from one UDP payload or one
 * TCP-framed message, and the mapping of query/response pairs to Zeek's `dns.log`.
 *
 * The parser is pure and bounded: every count and length is checked against the bytes that are
 * there, compression pointers must point strictly backwards (so a chain always ends) and are cut
 * after `maxCompressionDepth` hops, names are cut at 512 text bytes. Bad input yields a
 * `ProtocolEvent` (Zeek's weird name where Zeek has one) and the part of the message that was
 * readable; it never throws. Where a record is malformed Zeek stops reading the message, and so
 * does this parser, because that decides which answers reach `dns.log`.
 *
 * Text is kept byte for byte: each byte becomes the character with the same code (latin1), so
 * nothing is lost; escaping for output is the log writer's job.
 */
import { formatAddress } from '../../../shared/addr.js';
export const DEFAULT_MAX_COMPRESSION_DEPTH = 20;
export const DEFAULT_MAX_QUESTIONS = 25;
export const DnsSection = { Answer: 1, Authority: 2, Additional: 3 };
export const DnsOpcode = { Query: 0, IQuery: 1, Status: 2, Notify: 4, Update: 5, Dso: 6 };
export const DnsType = {
    A: 1,
    NS: 2,
    CNAME: 5,
    SOA: 6,
    NULL: 10,
    WKS: 11,
    PTR: 12,
    HINFO: 13,
    MX: 15,
    TXT: 16,
    AAAA: 28,
    LOC: 29,
    NB: 32,
    SRV: 33,
    NAPTR: 35,
    A6: 38,
    OPT: 41,
    DS: 43,
    SSHFP: 44,
    RRSIG: 46,
    NSEC: 47,
    DNSKEY: 48,
    NSEC3: 50,
    NSEC3PARAM: 51,
    SVCB: 64,
    HTTPS: 65,
    SPF: 99,
    TKEY: 249,
    TSIG: 250,
    CAA: 257,
    BINDS: 65534,
};
const HEADER_LENGTH = 12;
/** Zeek's name buffer: text of all labels plus their dots. */
const NAME_TEXT_CAPACITY = 512;
/** RFC 1035's limit on a name; Zeek reports a longer one but keeps it. */
const NAME_TOO_LONG = 255;
const MAX_LABEL = 63;
const EDNS_CLIENT_SUBNET = 8;
// ---------------------------------------------------------------------------------------------
// Name reading. One module-level buffer and result object: names are read one at a time and
// copied out as strings, so a message costs one string per name and no buffer per name.
const nameText = new Uint8Array(NAME_TEXT_CAPACITY);
const nameRead = {
    /** Bytes of text in `nameText` (labels and dots, trailing dot included). */
    length: 0,
    /** Position just after the name where it was found (after the first pointer, if any). */
    next: 0,
    /** False when the name was malformed beyond reading on (the message stops here). */
    ok: true,
};
function report(r, name, detail) {
    r.onEvent({ name, ts: r.ctx.ts, fileOffset: r.ctx.fileOffset, detail });
}
/**
 * Reads the name at `pos`, not past `limit`, into `nameText`. Pointers must point before
 * themselves; the bytes after a pointer's target are read only up to that pointer, as Zeek does,
 * so every hop moves strictly backwards and the hop bound only caps the cost: one name costs at
 * most 512 bytes of labels plus `maxDepth` pointers, whatever the message holds.
 */
function readName(r, pos, limit) {
    const b = r.bytes;
    let p = pos;
    let end = limit;
    let next = -1;
    let hops = 0;
    let n = 0;
    let ok = true;
    while (p < end) {
        const len = b[p];
        if (len === 0) {
            p++;
            break;
        }
        if ((len & 0xc0) === 0xc0) {
            if (p + 1 >= end) {
                p = end;
                break;
            }
            const target = r.base + (((len & 0x3f) << 8) | b[p + 1]);
            if (next < 0)
                next = p + 2;
            if (target >= p) {
                report(r, 'DNS_label_forward_compress_offset', `pointer at ${p - r.base} to ${target - r.base}`);
                break;
            }
            if (++hops > r.maxDepth) {
                report(r, 'DNS_max_compression_chain_depth_exceeded', `${hops}`);
                break;
            }
            end = p;
            p = target;
            continue;
        }
        p++;
        if (p >= end)
            break;
        if (len > end - p) {
            report(r, 'DNS_label_len_gt_pkt', `label of ${len} bytes, ${end - p} left`);
            p = end;
            break;
        }
        // 0x40/0x80 label types are obsolete; read as lengths they exceed 63 and fail here.
        if (len > MAX_LABEL && !r.netbios) {
            report(r, 'DNS_label_too_long', `label of ${len} bytes`);
            ok = false;
            break;
        }
        if (n + len + 1 > NAME_TEXT_CAPACITY) {
            report(r, 'DNS_label_len_gt_name_len', `name longer than ${NAME_TEXT_CAPACITY} bytes`);
            ok = false;
            break;
        }
        nameText.set(b.subarray(p, p + len), n);
        n += len;
        nameText[n++] = 46; // '.'
        p += len;
    }
    if (n >= NAME_TOO_LONG)
        report(r, 'DNS_NAME_too_long', `${n} bytes`);
    if (n >= 2 && nameText[n - 1] === 46)
        n--;
    nameRead.length = n;
    nameRead.next = next < 0 ? Math.min(p, limit) : next;
    nameRead.ok = ok;
}
/** The name just read, each byte one character; ASCII letters lowered when asked. */
function nameString(lower) {
    let s = '';
    for (let i = 0; i < nameRead.length; i++) {
        let c = nameText[i];
        if (lower && c >= 65 && c <= 90)
            c += 32;
        s += String.fromCharCode(c);
    }
    return s;
}
function latin1(b, start, end) {
    let s = '';
    for (let i = start; i < end; i++)
        s += String.fromCharCode(b[i]);
    return s;
}
function hex(b, start, end) {
    let s = '';
    for (let i = start; i < end; i++)
        s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
}
function u16(b, p) {
    return (b[p] << 8) | b[p + 1];
}
function u32(b, p) {
    return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}
const v6Words = new Uint32Array(4);
function ipv4Text(b, p) {
    return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
}
/** RFC 5952 text; an IPv4-mapped address prints as a dotted quad, as Zeek prints it. */
function ipv6Text(b, p) {
    for (let w = 0; w < 4; w++)
        v6Words[w] = u32(b, p + 4 * w);
    return formatAddress(v6Words, 0);
}
/** RFC 4034 §4.1.2 type bitmaps; returns the types listed, stops at the first bad window. */
function readTypeBitmaps(r, p, end, weird) {
    const b = r.bytes;
    const types = [];
    while (p + 2 <= end) {
        const window = b[p];
        const length = b[p + 1];
        p += 2;
        if (length === 0 || length > 32 || p + length > end) {
            report(r, weird, `window ${window} bitmap length ${length}`);
            break;
        }
        for (let i = 0; i < length; i++) {
            const bits = b[p + i];
            for (let bit = 0; bit < 8; bit++)
                if (bits & (0x80 >> bit))
                    types.push(window * 256 + i * 8 + bit);
        }
        p += length;
    }
    return types;
}
/** One <character-string>: returns its end, or -1 when it runs past `end`. */
function charStringEnd(b, p, end) {
    if (p >= end)
        return -1;
    const e = p + 1 + b[p];
    return e > end ? -1 : e;
}
/** What the last readRData call decided: stop the message after this record (kept or not). */
let stopAfterRecord = false;
function readRData(r, type, p, end) {
    const b = r.bytes;
    const rdlength = end - p;
    switch (type) {
        case DnsType.A:
            if (rdlength !== 4)
                return badLength(r, type, rdlength);
            return { kind: 'a', address: ipv4Text(b, p) };
        case DnsType.AAAA:
        case DnsType.A6:
            // A6 (RFC 2874) is obsolete; Zeek reads its first 16 bytes as an address, so do we.
            if (rdlength < 16 || (type === DnsType.AAAA && rdlength !== 16))
                return badLength(r, type, rdlength);
            return { kind: 'aaaa', address: ipv6Text(b, p) };
        case DnsType.NS:
        case DnsType.CNAME:
        case DnsType.PTR: {
            readName(r, p, end);
            if (!nameRead.ok)
                return undefined;
            const target = nameString(true);
            checkConsumed(r, nameRead.next, end);
            return { kind: 'name', target };
        }
        case DnsType.MX: {
            if (rdlength < 3)
                return badLength(r, type, rdlength);
            readName(r, p + 2, end);
            if (!nameRead.ok)
                return undefined;
            const exchange = nameString(true);
            checkConsumed(r, nameRead.next, end);
            return { kind: 'mx', preference: u16(b, p), exchange };
        }
        case DnsType.SOA:
            return readSoa(r, p, end);
        case DnsType.TXT:
        case DnsType.SPF:
            return readTxt(r, p, end);
        case DnsType.HINFO: {
            const cpuEnd = charStringEnd(b, p, end);
            const osEnd = cpuEnd < 0 ? -1 : charStringEnd(b, cpuEnd, end);
            if (osEnd < 0)
                report(r, 'DNS_TXT_char_str_past_rdlen', `HINFO of ${rdlength} bytes`);
            else
                checkConsumed(r, osEnd, end);
            // Zeek stops reading the message unless the two strings fill the RDATA exactly.
            if (osEnd !== end)
                stopAfterRecord = true;
            const cpu = cpuEnd < 0 ? '' : latin1(b, p + 1, cpuEnd);
            const os = osEnd < 0 ? '' : latin1(b, cpuEnd + 1, osEnd);
            return { kind: 'hinfo', cpu, os };
        }
        case DnsType.WKS:
            if (rdlength < 5)
                return badLength(r, type, rdlength);
            return { kind: 'wks', address: ipv4Text(b, p), protocol: b[p + 4] };
        case DnsType.SRV: {
            if (r.netbios)
                return { kind: 'raw', bytes: b.slice(p, end) }; // NBSTAT, not parsed (as Zeek)
            if (rdlength < 7)
                return badLength(r, type, rdlength);
            readName(r, p + 6, end);
            if (!nameRead.ok)
                return undefined;
            const target = nameString(true);
            checkConsumed(r, nameRead.next, end);
            return { kind: 'srv', priority: u16(b, p), weight: u16(b, p + 2), port: u16(b, p + 4), target };
        }
        case DnsType.NAPTR:
            return readNaptr(r, p, end);
        case DnsType.CAA: {
            if (rdlength < 2)
                return badLength(r, type, rdlength);
            const tagLength = b[p + 1];
            if (tagLength >= rdlength - 2) {
                report(r, 'DNS_CAA_char_str_past_rdlen', `tag of ${tagLength} bytes in ${rdlength}`);
                return undefined;
            }
            const tagEnd = p + 2 + tagLength;
            return { kind: 'caa', flags: b[p], tag: latin1(b, p + 2, tagEnd), value: latin1(b, tagEnd, end) };
        }
        case DnsType.SVCB:
        case DnsType.HTTPS:
            return readSvcb(r, p, end);
        case DnsType.OPT:
            // The header fields of OPT live in CLASS and TTL; the caller completes them.
            return readEdnsOptions(r, p, end);
        case DnsType.DNSKEY: {
            if (rdlength < 4)
                return badLength(r, type, rdlength);
            const flags = u16(b, p);
            const protocol = b[p + 2];
            // RFC 4034 §2.1.1: only bits 7 (zone), 8 (revoked) and 15 (SEP) are defined.
            if ((flags & 0xfe7e) !== 0)
                report(r, 'DNSSEC_DNSKEY_Invalid_Flag', `${flags}`);
            if (protocol !== 3)
                report(r, 'DNSSEC_DNSKEY_Invalid_Protocol', `${protocol}`);
            return { kind: 'dnskey', flags, protocol, algorithm: b[p + 3] };
        }
        case DnsType.RRSIG: {
            if (rdlength < 19)
                return badLength(r, type, rdlength);
            readName(r, p + 18, end);
            if (!nameRead.ok)
                return undefined;
            return {
                kind: 'rrsig',
                typeCovered: u16(b, p),
                algorithm: b[p + 2],
                labels: b[p + 3],
                originalTtl: u32(b, p + 4),
                expiration: u32(b, p + 8),
                inception: u32(b, p + 12),
                keyTag: u16(b, p + 16),
                signer: nameString(true),
            };
        }
        case DnsType.DS:
            if (rdlength < 4)
                return badLength(r, type, rdlength);
            return {
                kind: 'ds',
                keyTag: u16(b, p),
                algorithm: b[p + 2],
                digestType: b[p + 3],
                digest: hex(b, p + 4, end),
            };
        case DnsType.NSEC: {
            readName(r, p, end);
            if (!nameRead.ok)
                return undefined;
            const next = nameString(true);
            return { kind: 'nsec', next, types: readTypeBitmaps(r, nameRead.next, end, 'DNSSEC_NSEC_bitmapLen0') };
        }
        case DnsType.NSEC3: {
            if (rdlength < 6)
                return badLength(r, type, rdlength);
            const saltEnd = charStringEnd(b, p + 4, end);
            const hashEnd = saltEnd < 0 ? -1 : charStringEnd(b, saltEnd, end);
            if (hashEnd < 0)
                return badLength(r, type, rdlength);
            return {
                kind: 'nsec3',
                hashAlgorithm: b[p],
                flags: b[p + 1],
                iterations: u16(b, p + 2),
                salt: hex(b, p + 5, saltEnd),
                nextHash: hex(b, saltEnd + 1, hashEnd),
                types: readTypeBitmaps(r, hashEnd, end, 'DNSSEC_NSEC3_bitmapLen0'),
            };
        }
        case DnsType.NSEC3PARAM: {
            if (rdlength < 5)
                return badLength(r, type, rdlength);
            const saltEnd = charStringEnd(b, p + 4, end);
            if (saltEnd < 0)
                return badLength(r, type, rdlength);
            return {
                kind: 'nsec3param',
                hashAlgorithm: b[p],
                flags: b[p + 1],
                iterations: u16(b, p + 2),
                salt: hex(b, p + 5, saltEnd),
            };
        }
        case DnsType.SSHFP:
            if (rdlength < 2)
                return badLength(r, type, rdlength);
            return { kind: 'sshfp', algorithm: b[p], fingerprintType: b[p + 1], fingerprint: hex(b, p + 2, end) };
        case DnsType.LOC: {
            if (rdlength !== 16)
                return badLength(r, type, rdlength);
            const version = b[p];
            if (version !== 0)
                report(r, 'DNS_LOC_version_unrecognized', `${version}`);
            return {
                kind: 'loc',
                version,
                size: b[p + 1],
                horizontalPrecision: b[p + 2],
                verticalPrecision: b[p + 3],
                latitude: u32(b, p + 4),
                longitude: u32(b, p + 8),
                altitude: u32(b, p + 12),
            };
        }
        case DnsType.BINDS:
            if (rdlength < 5)
                return badLength(r, type, rdlength);
            return { kind: 'binds', algorithm: b[p], keyId: u16(b, p + 1), removal: b[p + 3] };
        case DnsType.TSIG:
            return readTsig(r, p, end);
        case DnsType.TKEY:
            return readTkey(r, p, end);
        case DnsType.NULL:
        case DnsType.NB:
            return { kind: 'raw', bytes: b.slice(p, end) };
        default:
            report(r, 'DNS_RR_unknown_type', `${type}`);
            return { kind: 'raw', bytes: b.slice(p, end) };
    }
}
function badLength(r, type, rdlength) {
    report(r, 'DNS_RR_bad_length', `type ${type} with ${rdlength} bytes of RDATA`);
    return undefined;
}
function checkConsumed(r, at, end) {
    if (at !== end)
        report(r, 'DNS_RR_length_mismatch', `RDATA ends at ${end - r.base}, fields at ${at - r.base}`);
}
function readSoa(r, p, end) {
    const b = r.bytes;
    readName(r, p, end);
    if (!nameRead.ok)
        return undefined;
    const mname = nameString(true);
    readName(r, nameRead.next, end);
    if (!nameRead.ok)
        return undefined;
    const rname = nameString(true);
    const q = nameRead.next;
    if (end - q < 20)
        return badLength(r, DnsType.SOA, end - p);
    checkConsumed(r, q + 20, end);
    return {
        kind: 'soa',
        mname,
        rname,
        serial: u32(b, q),
        refresh: u32(b, q + 4),
        retry: u32(b, q + 8),
        expire: u32(b, q + 12),
        minimum: u32(b, q + 16),
    };
}
/** Character strings to the end of RDATA; one that runs past it ends the message (as Zeek). */
function readTxt(r, p, end) {
    const b = r.bytes;
    const strings = [];
    while (p < end) {
        const e = charStringEnd(b, p, end);
        if (e < 0) {
            report(r, 'DNS_TXT_char_str_past_rdlen', `string of ${b[p]} bytes, ${end - p - 1} left`);
            stopAfterRecord = true;
            break;
        }
        strings.push(latin1(b, p + 1, e));
        p = e;
    }
    return { kind: 'txt', strings };
}
function readNaptr(r, p, end) {
    const b = r.bytes;
    if (end - p < 7)
        return badLength(r, DnsType.NAPTR, end - p);
    const flagsEnd = charStringEnd(b, p + 4, end);
    const serviceEnd = flagsEnd < 0 ? -1 : charStringEnd(b, flagsEnd, end);
    const regexpEnd = serviceEnd < 0 ? -1 : charStringEnd(b, serviceEnd, end);
    if (regexpEnd < 0)
        return badLength(r, DnsType.NAPTR, end - p);
    readName(r, regexpEnd, end);
    if (!nameRead.ok)
        return undefined;
    const replacement = nameString(true);
    checkConsumed(r, nameRead.next, end);
    return {
        kind: 'naptr',
        order: u16(b, p),
        preference: u16(b, p + 2),
        flags: latin1(b, p + 5, flagsEnd),
        service: latin1(b, flagsEnd + 1, serviceEnd),
        regexp: latin1(b, serviceEnd + 1, regexpEnd),
        replacement,
    };
}
const SvcKey = {
    Mandatory: 0,
    Alpn: 1,
    NoDefaultAlpn: 2,
    Port: 3,
    Ipv4Hint: 4,
    Ech: 5,
    Ipv6Hint: 6,
};
/**
 * RFC 9460 SVCB/HTTPS. RDATA shorter than priority + root name is Zeek's DNS_SVCB_wrong_length
 * and is skipped (the message goes on); a parameter that overruns RDATA ends the parameter list.
 */
function readSvcb(r, p, end) {
    const b = r.bytes;
    if (end - p < 3) {
        report(r, 'DNS_SVCB_wrong_length', `${end - p} bytes of RDATA`);
        return { kind: 'raw', bytes: b.slice(p, end) };
    }
    const priority = u16(b, p);
    readName(r, p + 2, end);
    if (!nameRead.ok)
        return undefined;
    const target = nameRead.length === 0 ? '.' : nameString(false);
    const params = [];
    let q = nameRead.next;
    while (q < end) {
        if (end - q < 4) {
            report(r, 'DNS_SVCB_wrong_length', `${end - q} bytes left for a parameter header`);
            break;
        }
        const key = u16(b, q);
        const length = u16(b, q + 2);
        const v = q + 4;
        if (length > end - v) {
            report(r, 'DNS_SVCB_wrong_length', `parameter ${key} of ${length} bytes, ${end - v} left`);
            break;
        }
        params.push({ key, value: svcParamValue(r, key, v, v + length) });
        q = v + length;
    }
    return { kind: 'svcb', priority, target, params };
}
function svcParamValue(r, key, p, end) {
    const b = r.bytes;
    const length = end - p;
    switch (key) {
        case SvcKey.Port:
            if (length !== 2) {
                report(r, 'DNS_SVCB_port_length_invalid', `${length} bytes`);
                return hex(b, p, end);
            }
            return `${u16(b, p)}`;
        case SvcKey.Alpn: {
            const ids = [];
            let q = p;
            while (q < end) {
                const e = charStringEnd(b, q, end);
                if (e < 0) {
                    report(r, 'DNS_SVCB_alpn_length_invalid', `alpn id of ${b[q]} bytes, ${end - q - 1} left`);
                    break;
                }
                ids.push(latin1(b, q + 1, e));
                q = e;
            }
            return ids.join(',');
        }
        case SvcKey.Ipv4Hint:
        case SvcKey.Ipv6Hint: {
            const size = key === SvcKey.Ipv4Hint ? 4 : 16;
            if (length === 0 || length % size !== 0) {
                report(r, key === SvcKey.Ipv4Hint ? 'DNS_SVCB_ipv4hint_length_invalid' : 'DNS_SVCB_ipv6hint_length_invalid', `${length} bytes`);
                return hex(b, p, end);
            }
            const addrs = [];
            for (let q = p; q < end; q += size)
                addrs.push(size === 4 ? ipv4Text(b, q) : ipv6Text(b, q));
            return addrs.join(',');
        }
        case SvcKey.Mandatory: {
            if (length % 2 !== 0)
                report(r, 'DNS_SVCB_mandatory_length_invalid', `${length} bytes`);
            const keys = [];
            for (let q = p; q + 2 <= end; q += 2)
                keys.push(u16(b, q));
            return keys.join(',');
        }
        default:
            return hex(b, p, end);
    }
}
/**
 * RFC 6891 options. Left-over bytes that cannot hold an option are Zeek's EDNS_truncated_option,
 * after which Zeek stops reading the message. The client-subnet option (RFC 7871) is decoded;
 * other options are listed by code and length.
 */
function readEdnsOptions(r, p, end) {
    const b = r.bytes;
    const options = [];
    let clientSubnet;
    while (end - p >= 4) {
        const code = u16(b, p);
        const length = u16(b, p + 2);
        if (length > end - p - 4)
            break;
        options.push({ code, length });
        if (code === EDNS_CLIENT_SUBNET)
            clientSubnet = readClientSubnet(r, p + 4, p + 4 + length) ?? clientSubnet;
        p += 4 + length;
    }
    if (p < end) {
        report(r, 'EDNS_truncated_option', `${end - p} bytes left over`);
        stopAfterRecord = true;
    }
    const opt = {
        kind: 'opt',
        udpPayloadSize: 0,
        extendedRcode: 0,
        version: 0,
        dnssecOk: false,
        options,
    };
    return clientSubnet === undefined ? opt : { ...opt, clientSubnet };
}
function readClientSubnet(r, p, end) {
    const b = r.bytes;
    const length = end - p;
    if (length <= 4) {
        report(r, 'EDNS_ECS_invalid_option_len', `${length} bytes`);
        return undefined;
    }
    const family = u16(b, p);
    const sourcePrefix = b[p + 2];
    const scopePrefix = b[p + 3];
    const addressBytes = length - 4;
    const max = family === 1 ? 32 : family === 2 ? 128 : 0;
    if (max === 0)
        return undefined;
    const v = family === 1 ? 'v4' : 'v6';
    if (sourcePrefix > max) {
        report(r, `EDNS_ECS_invalid_addr_${v}_prefix`, `${sourcePrefix} bits`);
        return undefined;
    }
    if (sourcePrefix > addressBytes * 8 || addressBytes > max / 8) {
        report(r, `EDNS_ECS_invalid_addr_${v}`, `need ${sourcePrefix} bits, have ${addressBytes * 8} bits`);
        return undefined;
    }
    // The address is truncated to the prefix; pad it back to full length.
    const full = new Uint8Array(max / 8);
    full.set(b.subarray(p + 4, end));
    const address = family === 1 ? ipv4Text(full, 0) : ipv6Text(full, 0);
    return { family, sourcePrefix, scopePrefix, address };
}
function readTsig(r, p, end) {
    const b = r.bytes;
    readName(r, p, end);
    if (!nameRead.ok)
        return undefined;
    const algorithm = nameString(true);
    let q = nameRead.next;
    // time signed (48 bits), fudge, MAC size + MAC, original id, error, other size + other
    if (end - q < 10)
        return badLength(r, DnsType.TSIG, end - p);
    const timeSigned = u16(b, q) * 2 ** 32 + u32(b, q + 2);
    const fudge = u16(b, q + 6);
    q += 10 + u16(b, q + 8);
    if (end - q < 6)
        return badLength(r, DnsType.TSIG, end - p);
    return { kind: 'tsig', algorithm, timeSigned, fudge, originalId: u16(b, q), error: u16(b, q + 2) };
}
function readTkey(r, p, end) {
    const b = r.bytes;
    readName(r, p, end);
    if (!nameRead.ok)
        return undefined;
    const algorithm = nameString(true);
    const q = nameRead.next;
    // inception, expiration, mode, error, key size + key, other size + other (RFC 2930)
    if (end - q < 16)
        return badLength(r, DnsType.TKEY, end - p);
    return {
        kind: 'tkey',
        algorithm,
        inception: u32(b, q),
        expiration: u32(b, q + 4),
        mode: u16(b, q + 8),
        error: u16(b, q + 10),
    };
}
// ---------------------------------------------------------------------------------------------
// The message.
function readHeader(b, p) {
    const flags = u16(b, p + 2);
    return {
        id: u16(b, p),
        qr: (flags & 0x8000) !== 0,
        opcode: (flags >> 11) & 0xf,
        aa: (flags & 0x0400) !== 0,
        tc: (flags & 0x0200) !== 0,
        rd: (flags & 0x0100) !== 0,
        ra: (flags & 0x0080) !== 0,
        z: (flags >> 4) & 0x7,
        ad: (flags & 0x0020) !== 0,
        cd: (flags & 0x0010) !== 0,
        rcode: flags & 0xf,
        qdcount: u16(b, p + 4),
        ancount: u16(b, p + 6),
        nscount: u16(b, p + 8),
        arcount: u16(b, p + 10),
    };
}
/**
 * Header values no DNS message should carry. Zeek has no weird for these; the names follow
 * Suricata's DNS events (`dns.invalid_opcode`, `dns.z_flag_set`) and its thresholds: opcodes 7–15
 * are unassigned (IANA DNS parameters; 3 is too, but Suricata does not flag it), and the Z bit
 * (0x0040, between RA and AD) must be zero (RFC 1035 §4.1.1, RFC 2535 §6.1). NetBIOS name
 * service reuses the header with opcodes 5–8 and 15 and is not checked.
 */
function headerAnomalies(r, header) {
    if (header.opcode >= 7)
        report(r, 'DNS_invalid_opcode', `opcode ${header.opcode}`);
    if ((header.z & 0x4) !== 0)
        report(r, 'DNS_Z_flag_set', `flags 0x${u16(r.bytes, r.base + 2).toString(16)}`);
}
/**
 * Decodes the DNS message in `bytes[offset, offset + length)`. Returns undefined only when there
 * is no complete 12-byte header (event `DNS_truncated_len_lt_hdr_len`); otherwise the header and
 * whatever sections could be read, with `complete` false if reading stopped early. Cost: one
 * pass over the bytes, at most `maxCompressionDepth` pointer hops per name.
 */
export function parseDnsMessage(bytes, offset, length, onEvent, ctx, options = {}) {
    const start = Math.max(0, Math.min(offset, bytes.length));
    const end = Math.max(start, Math.min(offset + Math.max(0, length), bytes.length));
    if (end - start < HEADER_LENGTH) {
        onEvent({
            name: 'DNS_truncated_len_lt_hdr_len',
            ts: ctx.ts,
            fileOffset: ctx.fileOffset,
            detail: `${end - start} bytes`,
        });
        return undefined;
    }
    const r = {
        bytes,
        base: start,
        end,
        onEvent,
        ctx,
        maxDepth: options.maxCompressionDepth ?? DEFAULT_MAX_COMPRESSION_DEPTH,
        netbios: options.netbios ?? false,
    };
    const header = readHeader(bytes, start);
    if (!r.netbios)
        headerAnomalies(r, header);
    const questions = [];
    const answers = [];
    const authority = [];
    const additional = [];
    const message = { header, questions, answers, authority, additional, complete: false, length: end - start };
    const maxQuestions = options.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
    if (maxQuestions > 0 && header.qdcount > maxQuestions) {
        report(r, 'DNS_Conn_count_too_large', `${header.qdcount} > ${maxQuestions}`);
        return message;
    }
    let p = start + HEADER_LENGTH;
    for (let i = 0; i < header.qdcount; i++) {
        readName(r, p, end);
        if (!nameRead.ok)
            return message;
        const q = nameRead.next;
        if (end - q < 4) {
            report(r, 'DNS_truncated_quest_too_short', `question ${i + 1} of ${header.qdcount}`);
            return message;
        }
        questions.push({
            name: nameString(true),
            originalName: nameString(false),
            qtype: u16(bytes, q),
            qclass: u16(bytes, q + 2),
        });
        p = q + 4;
    }
    const sections = [
        [DnsSection.Answer, header.ancount, answers],
        [DnsSection.Authority, header.nscount, authority],
        [DnsSection.Additional, header.arcount, additional],
    ];
    for (const [section, count, out] of sections) {
        for (let i = 0; i < count; i++) {
            const next = readRecord(r, p, section, header.opcode, out);
            if (next < 0)
                return message;
            p = next;
        }
    }
    message.complete = true;
    return message;
}
/** Reads one RR at `p` into `out`; returns the position after it, or -1 to stop the message. */
function readRecord(r, p, section, opcode, out) {
    const b = r.bytes;
    readName(r, p, r.end);
    if (!nameRead.ok)
        return -1;
    const q = nameRead.next;
    if (r.end - q < 10) {
        report(r, 'DNS_truncated_ans_too_short', `${r.end - q} bytes for a record header`);
        return -1;
    }
    const name = nameString(true);
    const type = u16(b, q);
    const rrclass = u16(b, q + 2);
    const ttl = u32(b, q + 4);
    const rdlength = u16(b, q + 8);
    const rdStart = q + 10;
    const left = r.end - rdStart;
    if (rdlength > left) {
        report(r, 'DNS_truncated_RR_rdlength_lt_len', `RDATA of ${rdlength} bytes, ${left} left`);
        return -1;
    }
    // Zeek refuses an empty RDATA unless it ends the message; dynamic updates use empty RDATA
    // to delete, so they are exempt.
    if (rdlength === 0 && left > 0 && opcode !== DnsOpcode.Update) {
        report(r, 'DNS_zero_rdlength', `type ${type}`);
        return -1;
    }
    stopAfterRecord = false;
    let data = readRData(r, type, rdStart, rdStart + rdlength);
    if (data === undefined)
        return -1;
    if (data.kind === 'opt') {
        data = {
            ...data,
            udpPayloadSize: rrclass,
            extendedRcode: ttl >>> 24,
            version: (ttl >>> 16) & 0xff,
            dnssecOk: (ttl & 0x8000) !== 0,
        };
    }
    out.push({ section, name, type, rrclass, ttl, rdlength, data });
    return stopAfterRecord ? -1 : rdStart + rdlength;
}
// ---------------------------------------------------------------------------------------------
// DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message has a 2-byte length prefix.
/**
 * Splits one direction of a TCP stream into DNS messages. A message wholly inside a pushed chunk
 * is handed out as a view (valid during the callback only); one that spans chunks is gathered in
 * a buffer of exactly its size, so memory is bounded by one message (≤ 65,535 bytes) plus the
 * 2-byte prefix. After a gap in the stream the framing is lost: call `reset()`.
 */
export class DnsTcpFramer {
    prefix = new Uint8Array(2);
    prefixHave = 0;
    message;
    messageHave = 0;
    /** Bytes of the unfinished message held so far, its length prefix included. */
    get pendingBytes() {
        return this.message === undefined ? this.prefixHave : 2 + this.messageHave;
    }
    push(chunk, onMessage) {
        let p = 0;
        while (p < chunk.length) {
            if (this.message === undefined) {
                if (this.prefixHave === 0 && chunk.length - p >= 2) {
                    const length = u16(chunk, p);
                    if (chunk.length - p - 2 >= length) {
                        onMessage(chunk.subarray(p + 2, p + 2 + length));
                        p += 2 + length;
                        continue;
                    }
                    this.start(length);
                    p += 2;
                    continue;
                }
                this.prefix[this.prefixHave++] = chunk[p++];
                if (this.prefixHave === 2) {
                    this.prefixHave = 0;
                    const length = u16(this.prefix, 0);
                    if (length === 0)
                        onMessage(this.prefix.subarray(0, 0));
                    else
                        this.start(length);
                }
                continue;
            }
            const take = Math.min(this.message.length - this.messageHave, chunk.length - p);
            this.message.set(chunk.subarray(p, p + take), this.messageHave);
            this.messageHave += take;
            p += take;
            if (this.messageHave === this.message.length) {
                const done = this.message;
                this.message = undefined;
                this.messageHave = 0;
                onMessage(done);
            }
        }
    }
    reset() {
        this.prefixHave = 0;
        this.message = undefined;
        this.messageHave = 0;
    }
    start(length) {
        this.message = new Uint8Array(length);
        this.messageHave = 0;
    }
}
/** All complete messages of a stream given as chunks (copies); a trailing partial one is dropped. */
export function dnsTcpMessages(chunks) {
    const framer = new DnsTcpFramer();
    const out = [];
    for (const chunk of chunks)
        framer.push(chunk, (m) => out.push(m.slice()));
    return out;
}
// ---------------------------------------------------------------------------------------------
// Zeek's names for codes (scripts/base/protocols/dns/consts.zeek).
/** Types 1–65 in order ("-": 54 is unassigned); the higher ones by number below. */
const LOW_TYPE_NAMES = ('A NS MD MF CNAME SOA MB MG MR NULL WKS PTR HINFO MINFO MX TXT RP AFSDB X25 ISDN RT NSAP NSAP-PTR ' +
    'SIG KEY PX GPOS AAAA LOC NXT EID NIMLOC SRV ATMA NAPTR KX CERT A6 DNAME SINK OPT APL DS SSHFP ' +
    'IPSECKEY RRSIG NSEC DNSKEY DHCID NSEC3 NSEC3PARAM TLSA SMIMEA - HIP NINFO RKEY TALINK CDS CDNSKEY ' +
    'OPENPGPKEY CSYNC ZONEMD SVCB HTTPS').split(' ');
const HIGH_TYPE_NAMES = new Map([
    [99, 'SPF'],
    [100, 'UINFO'],
    [101, 'UID'],
    [102, 'GID'],
    [103, 'UNSPEC'],
    [104, 'NID'],
    [105, 'L32'],
    [106, 'L64'],
    [107, 'LP'],
    [108, 'EUI48'],
    [109, 'EUI64'],
    [249, 'TKEY'],
    [250, 'TSIG'],
    [251, 'IXFR'],
    [252, 'AXFR'],
    [253, 'MAILB'],
    [254, 'MAILA'],
    [255, '*'],
    [256, 'URI'],
    [257, 'CAA'],
    [32768, 'TA'],
    [32769, 'DLV'],
    [65281, 'WINS'],
    [65282, 'WINS-R'],
    [65422, 'XPF'],
    [65521, 'INTEGRITY'],
]);
/** Response codes 0–23; 3842 is BADSIG (TSIG's 16 renumbered). */
const RCODE_NAMES = ('NOERROR FORMERR SERVFAIL NXDOMAIN NOTIMP REFUSED YXDOMAIN YXRRSET NXRRSet NOTAUTH NOTZONE ' +
    'unassigned-11 unassigned-12 unassigned-13 unassigned-14 unassigned-15 BADVERS BADKEY BADTIME ' +
    'BADMODE BADNAME BADALG BADTRUNC BADCOOKIE').split(' ');
const CLASSES = {
    1: 'C_INTERNET',
    2: 'C_CSNET',
    3: 'C_CHAOS',
    4: 'C_HESIOD',
    254: 'C_NONE',
    255: 'C_ANY',
};
const OPCODES = {
    0: 'query',
    1: 'iquery',
    2: 'server-status',
    4: 'notify',
    5: 'dynamic-update',
    6: 'dso',
};
const NETBIOS_OPCODES = {
    0: 'netbios-query',
    5: 'netbios-registration',
    6: 'netbios-release',
    7: 'netbios-wack',
    8: 'netbios-refresh',
};
export function dnsQtypeName(qtype) {
    const low = qtype >= 1 && qtype <= LOW_TYPE_NAMES.length ? LOW_TYPE_NAMES[qtype - 1] : undefined;
    return (low !== undefined && low !== '-' ? low : HIGH_TYPE_NAMES.get(qtype)) ?? `query-${qtype}`;
}
export function dnsRcodeName(rcode) {
    if (rcode === 3842)
        return 'BADSIG';
    return RCODE_NAMES[rcode] ?? `rcode-${rcode}`;
}
export function dnsClassName(qclass) {
    return CLASSES[qclass] ?? `qclass-${qclass}`;
}
export function dnsOpcodeName(opcode, netbios = false) {
    return netbios
        ? (NETBIOS_OPCODES[opcode] ?? `netbios-opcode-${opcode}`)
        : (OPCODES[opcode] ?? `opcode-${opcode}`);
}
/**
 * Zeek's `decode_netbios_name`: the 32-letter first-level encoding of a 16-byte name, cut at the
 * first byte that is not a letter, digit, punctuation, space or \x01/\x02, without the type byte
 * and trailing spaces/NULs. "" when the input is not such an encoding.
 */
export function decodeNetbiosName(encoded) {
    if (encoded.length !== 32)
        return '';
    const decoded = [];
    for (let i = 0; i < 16; i++) {
        // Upper-casing by clearing bit 5 maps only a–p into A–P, the letters of the encoding.
        const c0 = encoded.charCodeAt(2 * i) & ~0x20;
        const c1 = encoded.charCodeAt(2 * i + 1) & ~0x20;
        if (c0 < 65 || c0 > 80 || c1 < 65 || c1 > 80)
            return '';
        const c = ((c0 - 65) << 4) + (c1 - 65);
        if (!((c >= 0x20 && c <= 0x7e) || c < 3))
            break;
        decoded.push(c);
    }
    let length = Math.min(decoded.length, 15); // the 16th byte is the name's type
    while (length > 0 && (decoded[length - 1] === 0x20 || decoded[length - 1] === 0))
        length--;
    return String.fromCharCode(...decoded.slice(0, length));
}
/**
 * The text Zeek's base scripts put in `answers` for this record, "" for a record Zeek handles
 * without adding text (WKS), or undefined for one its base scripts ignore altogether (HINFO,
 * CAA, SVCB/HTTPS, OPT, TSIG, TKEY, NetBIOS NB/NBSTAT): an ignored record does not even set
 * `rtt`, `AA` or `RA`. Unknown types render as `<unknown type=N>`.
 */
export function zeekAnswerText(rr) {
    const d = rr.data;
    switch (d.kind) {
        case 'a':
        case 'aaaa':
            return d.address;
        case 'name':
            return d.target;
        case 'mx':
            return d.exchange;
        case 'soa':
            return d.mname;
        case 'srv':
            return d.target;
        case 'txt': {
            const tag = rr.type === DnsType.SPF ? 'SPF' : 'TXT';
            return d.strings.map((s) => `${tag} ${s.length} ${s}`).join(' ');
        }
        case 'wks':
            return '';
        case 'naptr': {
            let tail = d.regexp;
            if (d.replacement.length > 0)
                tail += (tail.length > 0 ? ' ' : '') + d.replacement;
            return `NAPTR ${d.order} ${d.preference} ${d.flags} ${d.service} ${tail}`;
        }
        case 'rrsig':
            return `RRSIG ${d.typeCovered} ${d.signer === '' ? '<Root>' : d.signer}`;
        case 'dnskey':
            return `DNSKEY ${d.algorithm}`;
        case 'nsec':
            return `NSEC ${rr.name} ${d.next}`;
        case 'nsec3':
            return 'NSEC3';
        case 'nsec3param':
            return 'NSEC3PARAM';
        case 'ds':
            return `DS ${d.algorithm} ${d.digestType}`;
        case 'binds':
            return 'BIND9 signing signal';
        case 'sshfp':
            return `SSHFP: ${d.fingerprint}`;
        case 'loc':
            return `LOC:  ${d.size} ${d.horizontalPrecision} ${d.verticalPrecision}`;
        case 'raw':
            // Skipped records of handled types stay ignored; NULL and the rest are Zeek's "unknown".
            if (rr.type === DnsType.NB || rr.type === DnsType.SRV || rr.type === DnsType.SVCB)
                return undefined;
            if (rr.type === DnsType.HTTPS)
                return undefined;
            return `<unknown type=${rr.type}>`;
        case 'hinfo':
        case 'caa':
        case 'svcb':
        case 'opt':
        case 'tsig':
        case 'tkey':
            return undefined;
    }
}
const LOGGED_OPCODES = new Set([DnsOpcode.Query, DnsOpcode.Notify, DnsOpcode.Update]);
/**
 * The dns.log state of one connection. Feed every parsed message in capture order with
 * `observe`; rows come out through `emit` when a query and its response have both been seen (or
 * at once for multicast), and `finish()` logs the unmatched ones at connection end. Matching is
 * by transaction id, first come first served, with Zeek's bounds on unmatched messages, so the
 * state is at most (maxPendingIds + 1) × (maxPendingMessages + 1) unmatched queries, as many
 * unmatched replies, and one query in the fast slot.
 *
 * Not replicated: dynamic-update sections (opcode 5 prerequisites/updates are not rendered).
 */
export class DnsTransactionLog {
    conn;
    emit;
    current;
    pendingQuery;
    pendingQueries = new Map();
    pendingReplies = new Map();
    maxPendingMessages;
    maxPendingIds;
    constructor(conn, emit, limits = {}) {
        this.conn = conn;
        this.emit = emit;
        this.maxPendingMessages = limits.maxPendingMessages ?? 50;
        this.maxPendingIds = limits.maxPendingIds ?? 50;
    }
    observe(message, ts) {
        const h = message.header;
        const logged = LOGGED_OPCODES.has(h.opcode);
        if (logged)
            this.setSession(h, ts);
        const c = this.current;
        for (const q of message.questions) {
            if (!h.qr) {
                if (logged && c)
                    this.applyQuestion(c.record, h, q);
            }
            else if (h.ancount === 0 && h.nscount === 0 && h.arcount === 0) {
                if (c)
                    c.record.rejected = true; // Zeek's dns_rejected
            }
        }
        if (logged && c && h.qr && h.opcode !== DnsOpcode.Update) {
            for (const rr of message.answers) {
                const text = zeekAnswerText(rr);
                if (text !== undefined)
                    this.reply(c.record, h, rr, text, ts);
            }
        }
        if (c) {
            if (h.qr)
                c.sawReply = true;
            else
                c.sawQuery = true;
            if (c.sawQuery && c.sawReply) {
                this.emit(c.record);
                this.current = undefined;
            }
        }
    }
    /** Connection end: logs every query or reply still waiting for its other half. */
    finish() {
        if (this.pendingQuery)
            this.emit(this.pendingQuery.record);
        this.pendingQuery = undefined;
        this.flushAll(this.pendingQueries);
        this.flushAll(this.pendingReplies);
        this.current = undefined;
    }
    newSession(id, ts) {
        return {
            record: {
                ts,
                uid: this.conn.uid,
                proto: this.conn.proto,
                trans_id: id,
                AA: false,
                TC: false,
                RD: false,
                RA: false,
                Z: 0,
                rejected: false,
            },
            sawQuery: false,
            sawReply: false,
        };
    }
    setSession(h, ts) {
        let s;
        if (this.conn.responderIsMulticast) {
            s = this.newSession(h.id, ts);
            s.sawQuery = true;
            s.sawReply = true;
        }
        else if (!h.qr) {
            const replies = this.pendingReplies.get(h.id);
            if (replies !== undefined && replies.length > 0)
                s = pop(this.pendingReplies, h.id);
            else {
                s = this.newSession(h.id, ts);
                if (this.pendingQuery === undefined)
                    this.pendingQuery = s;
                else
                    this.enqueue(this.pendingQueries, h.id, s);
            }
        }
        else if (this.pendingQuery !== undefined && this.pendingQuery.record.trans_id === h.id) {
            s = this.pendingQuery;
            this.pendingQuery = undefined;
            if (this.pendingQueries.size > 0) {
                // Refill the fast slot, same id first, so queued queries keep their order.
                const same = this.pendingQueries.get(h.id);
                if (same !== undefined && same.length > 0)
                    this.pendingQuery = pop(this.pendingQueries, h.id);
                else {
                    for (const [id, queue] of this.pendingQueries) {
                        if (queue.length > 0) {
                            this.pendingQuery = pop(this.pendingQueries, id);
                            break;
                        }
                    }
                }
            }
        }
        else {
            const queries = this.pendingQueries.get(h.id);
            if (queries !== undefined && queries.length > 0)
                s = pop(this.pendingQueries, h.id);
            else {
                s = this.newSession(h.id, ts);
                this.enqueue(this.pendingReplies, h.id, s);
            }
        }
        const rec = s.record;
        if (h.qr) {
            rec.rcode = h.rcode;
            rec.rcode_name = dnsRcodeName(h.rcode);
            if (h.rcode !== 0 && h.qdcount === 0)
                rec.rejected = true;
        }
        rec.opcode = h.opcode;
        rec.opcode_name = dnsOpcodeName(h.opcode, this.conn.netbios ?? false);
        this.current = s;
    }
    applyQuestion(rec, h, q) {
        rec.RD = h.rd;
        rec.TC = h.tc;
        rec.qclass = q.qclass;
        rec.qclass_name = dnsClassName(q.qclass);
        rec.qtype = q.qtype;
        rec.qtype_name = dnsQtypeName(q.qtype);
        rec.Z = h.z;
        let query = q.name;
        if (this.conn.netbios) {
            const decoded = decodeNetbiosName(query);
            if (decoded.length > 0)
                query = decoded;
            if (rec.qtype_name === 'SRV')
                rec.qtype_name = 'NBSTAT';
        }
        rec.query = query;
    }
    reply(rec, h, rr, text, ts) {
        if (rec.query === undefined)
            rec.query = rr.name;
        rec.AA = h.aa;
        rec.RA = h.ra;
        if (rec.rtt === undefined) {
            const rtt = ts - rec.ts;
            // A zero rtt means only the reply was seen.
            if (rtt !== 0)
                rec.rtt = rtt;
        }
        if (text !== '') {
            if (rec.answers === undefined)
                rec.answers = [];
            if (rec.TTLs === undefined)
                rec.TTLs = [];
            rec.answers.push(text);
            rec.TTLs.push(rr.ttl);
        }
    }
    enqueue(map, id, s) {
        let queue = map.get(id);
        if (queue === undefined) {
            if (map.size > this.maxPendingIds)
                this.flushAll(map);
            queue = [];
            map.set(id, queue);
        }
        else if (queue.length > this.maxPendingMessages) {
            for (const old of queue)
                this.emit(old.record);
            queue = [];
            map.set(id, queue);
        }
        queue.push(s);
    }
    flushAll(map) {
        for (const queue of map.values())
            for (const s of queue)
                this.emit(s.record);
        map.clear();
    }
}
function pop(map, id) {
    const queue = map.get(id);
    const s = queue.shift();
    if (queue.length === 0)
        map.delete(id);
    return s;
}
/** Convenience for whole connections: every row of a list of (message, ts) in capture order. */
export function dnsLogRecords(conn, messages) {
    const out = [];
    const log = new DnsTransactionLog(conn, (r) => out.push(r));
    for (const { message, ts } of messages)
        log.observe(message, ts);
    log.finish();
    return out;
}
//# sourceMappingURL=dns.js.map