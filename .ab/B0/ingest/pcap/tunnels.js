/**
 * Tunnel headers: GRE (RFC 2784/2890, PPTP's enhanced GRE of RFC 2637, ERSPAN I/II/III,
 * transparent Ethernet bridging, Aruba WLAN), IP in IP, VXLAN (RFC 7348), Geneve (RFC 8926),
 * Teredo (RFC 4380), GTPv1-U (3GPP TS 29.281) and AYIYA. Each decoder reads the tunnel header
 * at `d[o]`, bounded by `end` (captured) and `wireEnd` (on the wire), and decodes the inner
 * frame or packet into `inner` with the decoders of decode.ts.
 *
 * `inner.tunnelType` is set once the tunnel header itself checked out: that is when Zeek
 * confirms the tunnel (the outer UDP connection gets its service, the tunnel is logged), even
 * if the inner packet is then broken. The return value says whether the inner packet was
 * decoded down to a trackable transport, as `decodePacket`'s does.
 *
 * Weird names follow Zeek's (`truncated_GRE`, `unknown_gre_version_2`, `egre_protocol_type`,
 * `non_ip_packet_in_encap`, `invalid_inner_IP_version`, `truncated_inner_IP`, …); where Zeek
 * raises an analyzer violation instead of a weird, the event is named after the violation.
 * Nothing here throws or allocates on the good path; the caller bounds the nesting depth.
 */
import { decodeIp, decodeLinkAt, InnerLink } from './decode.js';
import { IpProto, TunnelType } from './packet.js';
/** UDP ports Zeek registers its tunnel analyzers on (matched against the responder port). */
export const TunnelPort = {
    Teredo: 3544,
    Ayiya: 5072,
    Vxlan: 4789,
    Geneve: 6081,
    GtpUser: 2152,
    GtpControl: 2123,
    /** GRE in UDP (RFC 8086). */
    Gre: 4754,
};
/** Zeek's service names for the outer UDP connection of a confirmed tunnel, by `TunnelType`. */
export const TUNNEL_SERVICE = ['', '', '', 'teredo', 'ayiya', 'vxlan', 'geneve', 'gtpv1'];
function u16(d, o) {
    return (d[o] << 8) | d[o + 1];
}
function report(out, sink, name, detail) {
    sink({ name, ts: out.ts, fileOffset: out.fileOffset, detail });
}
const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const GRE_TEB = 0x6558;
const GRE_ERSPAN_1_2 = 0x88be;
const GRE_ERSPAN_3 = 0x22eb;
const GRE_PPP = 0x880b;
/** Aruba's WLAN-over-GRE protocol types: an 802.11 frame follows. */
const GRE_ARUBA_FIRST = 0x8200;
const GRE_ARUBA_LAST = 0x83ff;
const GRE_CHECKSUM = 0x8000;
const GRE_ROUTING = 0x4000;
const GRE_KEY = 0x2000;
const GRE_SEQUENCE = 0x1000;
const GRE_ACK = 0x0080;
const GRE_RESERVED_FLAGS = 0x0078;
/**
 * Checks that `d[o, avail)` holds exactly one IP packet of the expected version (0: either), as
 * Zeek's IP tunnel analyzer does before it decodes the inner packet. Reports and returns false
 * otherwise: a version mismatch, an inner header longer than what is left, or an inner packet
 * shorter than its carrier (Zeek drops those too).
 */
function innerIpFits(d, o, end, wireEnd, version, out, sink) {
    if (end - o < 1) {
        report(out, sink, 'truncated_inner_IP', 'no inner IP header captured');
        return false;
    }
    const v = d[o] >> 4;
    if ((v !== 4 && v !== 6) || (version !== 0 && v !== version)) {
        report(out, sink, 'invalid_inner_IP_version', `inner IP version ${v}`);
        return false;
    }
    const fixed = v === 4 ? 20 : 40;
    if (end - o < fixed) {
        report(out, sink, 'truncated_inner_IP', `inner IPv${v} header needs ${fixed} bytes, ${end - o} captured`);
        return false;
    }
    const length = v === 4 ? u16(d, o + 2) : 40 + u16(d, o + 4);
    const available = wireEnd - o;
    if (length > available) {
        report(out, sink, 'truncated_inner_IP', `inner IPv${v} length ${length}, ${available} bytes carried`);
        return false;
    }
    if (length < available && !(v === 4 && length === 0)) {
        report(out, sink, 'inner_IP_payload_length_mismatch', `inner IPv${v} length ${length}, ${available} bytes carried`);
        return false;
    }
    return true;
}
/** IP in IP (protocol 4 or 41): the payload is the inner packet. */
export function decodeIpInIp(proto, d, o, end, wireEnd, inner, sink, options) {
    if (!innerIpFits(d, o, end, wireEnd, proto === IpProto.IpInIp ? 4 : 6, inner, sink))
        return false;
    inner.tunnelType = TunnelType.Ip;
    return decodeIp(d, o, end, wireEnd, inner, sink, options);
}
/** GRE header length from its flags (the routing field, refused anyway, not counted). */
function greHeaderLength(flags) {
    let length = 4;
    if ((flags & (GRE_CHECKSUM | GRE_ROUTING)) !== 0)
        length += 4;
    if ((flags & GRE_KEY) !== 0)
        length += 4;
    if ((flags & GRE_SEQUENCE) !== 0)
        length += 4;
    if ((flags & 7) === 1 && (flags & GRE_ACK) !== 0)
        length += 4;
    return length;
}
/**
 * GRE version 0 (IP, transparent Ethernet bridging, ERSPAN, Aruba WLAN) and version 1 (PPTP's
 * enhanced GRE carrying PPP). The checks and their order follow Zeek's GRE analyzer.
 */
export function decodeGre(d, o, end, wireEnd, inner, sink, options) {
    if (end - o < 4) {
        report(inner, sink, 'truncated_GRE', `GRE header needs 4 bytes, ${end - o} captured`);
        return false;
    }
    const flags = u16(d, o);
    const protocol = u16(d, o + 2);
    const version = flags & 7;
    const greLength = greHeaderLength(flags);
    if (version !== 0 && version !== 1) {
        report(inner, sink, `unknown_gre_version_${version}`, `GRE version ${version}`);
        return false;
    }
    let link = 0;
    let skip = 0;
    let ipVersion = 0;
    if (version === 0) {
        if (protocol === ETH_IPV4 || protocol === ETH_IPV6) {
            ipVersion = protocol === ETH_IPV4 ? 4 : 6;
        }
        else if (protocol === GRE_TEB) {
            link = InnerLink.Ethernet;
        }
        else if (protocol === GRE_ERSPAN_1_2) {
            // Type II has a sequence number in GRE and an 8-byte ERSPAN header; type I has neither.
            link = InnerLink.Ethernet;
            if ((flags & GRE_SEQUENCE) !== 0)
                skip = 8;
        }
        else if (protocol === GRE_ERSPAN_3) {
            link = InnerLink.Ethernet;
            skip = 12;
            // The O flag (last bit of the 12-byte header) adds an 8-byte platform sub-header.
            const last = o + greLength + 11;
            if (last < end && (d[last] & 1) === 1)
                skip += 8;
        }
        else if (protocol >= GRE_ARUBA_FIRST && protocol <= GRE_ARUBA_LAST) {
            link = InnerLink.Ieee80211;
        }
        else {
            report(inner, sink, 'unknown_gre_protocol', `GRE protocol type 0x${protocol.toString(16)}`);
            return false;
        }
    }
    else {
        if (protocol !== GRE_PPP) {
            report(inner, sink, 'egre_protocol_type', `enhanced GRE protocol type 0x${protocol.toString(16)}`);
            return false;
        }
        link = InnerLink.Ppp;
    }
    if ((flags & GRE_ROUTING) !== 0) {
        report(inner, sink, 'gre_routing', 'GRE with a routing field (RFC 1701)');
        return false;
    }
    if ((flags & GRE_RESERVED_FLAGS) !== 0) {
        report(inner, sink, 'unknown_gre_flags', `GRE flags 0x${flags.toString(16)}`);
        return false;
    }
    const start = o + greLength + skip;
    if (start > end || start > wireEnd) {
        report(inner, sink, 'truncated_GRE', `GRE header of ${greLength + skip} bytes, ${end - o} captured`);
        return false;
    }
    if (version === 1 && start === end && start === wireEnd) {
        // An enhanced GRE packet may be a bare acknowledgement: nothing inside.
        return false;
    }
    inner.tunnelType = TunnelType.Gre;
    if (link === 0) {
        if (!innerIpFits(d, start, end, wireEnd, ipVersion, inner, sink))
            return false;
        return decodeIp(d, start, end, wireEnd, inner, sink, options);
    }
    if (link === InnerLink.Ppp) {
        // PPTP carries PPP; Zeek accepts IPv4 and IPv6 and reports anything else.
        let at = start;
        if (end - at >= 2 && d[at] === 0xff && d[at + 1] === 0x03)
            at += 2;
        const pppProto = end - at >= 1 && (d[at] & 1) === 1 ? d[at] : end - at >= 2 ? u16(d, at) : -1;
        if (pppProto === -1) {
            report(inner, sink, 'truncated_GRE', 'PPP header in enhanced GRE not captured');
            return false;
        }
        if (pppProto !== 0x21 && pppProto !== 0x57) {
            report(inner, sink, 'non_ip_packet_in_encap', `PPP protocol 0x${pppProto.toString(16)} in enhanced GRE`);
            return false;
        }
    }
    return decodeLinkAt(link, d, start, end, wireEnd, inner, sink, options);
}
/** VXLAN: 8 bytes (flags, reserved, 24-bit VNI, reserved), then an Ethernet frame. */
export function decodeVxlan(d, o, end, wireEnd, inner, sink, options) {
    if (end - o < 8) {
        report(inner, sink, 'vxlan_header_truncation', `VXLAN header needs 8 bytes, ${end - o} captured`);
        return false;
    }
    inner.tunnelType = TunnelType.Vxlan;
    return decodeLinkAt(InnerLink.Ethernet, d, o + 8, end, wireEnd, inner, sink, options);
}
/** Geneve: 8 bytes, options of 4 × the 6-bit length, then the protocol the header names. */
export function decodeGeneve(d, o, end, wireEnd, inner, sink, options) {
    if (end - o < 8) {
        report(inner, sink, 'geneve_header_truncation', `Geneve header needs 8 bytes, ${end - o} captured`);
        return false;
    }
    const version = d[o] >> 6;
    if (version !== 0) {
        report(inner, sink, 'geneve_unknown_version', `Geneve version ${version}`);
        return false;
    }
    const start = o + 8 + (d[o] & 0x3f) * 4;
    if (start > end) {
        report(inner, sink, 'geneve_option_header_truncation', `Geneve options end at ${start - o}, ${end - o} captured`);
        return false;
    }
    inner.tunnelType = TunnelType.Geneve;
    if (start >= end) {
        report(inner, sink, 'geneve_empty_packet', 'nothing after the Geneve header');
        return false;
    }
    const protocol = u16(d, o + 2);
    if (protocol === GRE_TEB)
        return decodeLinkAt(InnerLink.Ethernet, d, start, end, wireEnd, inner, sink, options);
    if (protocol === ETH_IPV4 || protocol === ETH_IPV6)
        return decodeIp(d, start, end, wireEnd, inner, sink, options);
    report(inner, sink, 'geneve_unknown_protocol', `Geneve protocol type 0x${protocol.toString(16)}`);
    return false;
}
/**
 * Where the IPv6 packet of a Teredo payload starts, past the optional authentication and
 * origin-indication headers; -1 when the payload is not Teredo. Reports only when `sink` is
 * given (the port-less detection stays quiet).
 */
function teredoInner(d, o, end, out, sink) {
    let sawAuth = false;
    let sawOrigin = false;
    for (let step = 0; step < 3; step++) {
        if (end - o < 2) {
            if (sink)
                report(out, sink, 'truncated_Teredo', `${end - o} bytes of Teredo`);
            return -1;
        }
        const tag = u16(d, o);
        if (tag === 0) {
            if (sawOrigin)
                return -1;
            if (end - o < 8) {
                if (sink)
                    report(out, sink, 'truncated_Teredo_origin_indication', `${end - o} bytes`);
                return -1;
            }
            sawOrigin = true;
            o += 8;
        }
        else if (tag === 1) {
            if (sawOrigin || sawAuth)
                return -1;
            if (end - o < 4) {
                if (sink)
                    report(out, sink, 'truncated_Teredo_authentication', `${end - o} bytes`);
                return -1;
            }
            const length = 4 + d[o + 2] + d[o + 3] + 8 + 1;
            if (end - o < length) {
                if (sink)
                    report(out, sink, 'truncated_Teredo_authentication', `${length} bytes needed, ${end - o} captured`);
                return -1;
            }
            sawAuth = true;
            o += length;
        }
        else if (tag >> 12 === 6) {
            if (end - o < 40) {
                if (sink)
                    report(out, sink, 'truncated_IPv6_in_Teredo', `${end - o} bytes of IPv6`);
                return -1;
            }
            return o;
        }
        else {
            return -1;
        }
    }
    return -1;
}
/**
 * Whether a UDP payload on a port without a registered analyzer is Teredo (Zeek tries this on
 * every such UDP packet): Teredo headers, then an IPv6 packet exactly as long as what is left.
 * An IPv6 header with no Teredo header before it must also have a Teredo address (2001:0::/32)
 * as its source or destination, as Zeek's detection requires since 5.2: without that, a DNS
 * query whose ID starts with 0x6 and whose QDCOUNT of 1 matches its length "is" Teredo (seen
 * with fierce's lookups: `truncated_IPv6_ext_header` weirds on plain DNS).
 */
export function looksLikeTeredo(d, o, end, out) {
    if (end - o < 40)
        return false;
    const at = teredoInner(d, o, end, out);
    if (at < 0 || 40 + u16(d, at + 4) !== end - at)
        return false;
    return at > o || isTeredoAddress(d, at + 8) || isTeredoAddress(d, at + 24);
}
/** Whether the IPv6 address at d[at] is in Teredo's prefix 2001:0::/32. */
function isTeredoAddress(d, at) {
    return d[at] === 0x20 && d[at + 1] === 0x01 && d[at + 2] === 0 && d[at + 3] === 0;
}
/**
 * Teredo: optional authentication and origin indication, then IPv6. Returns the decode result;
 * `inner.tunnelType` is Teredo when the encapsulation was valid (an IPv6 packet filling the
 * payload, or a bubble), which is what Zeek counts toward confirming the tunnel.
 */
export function decodeTeredo(d, o, end, wireEnd, inner, sink, options) {
    const at = teredoInner(d, o, end, inner, sink);
    if (at < 0) {
        report(inner, sink, 'bad_Teredo_encapsulation', 'UDP payload is not Teredo');
        return false;
    }
    const length = 40 + u16(d, at + 4);
    const available = wireEnd - at;
    if (length > available) {
        report(inner, sink, 'truncated_Teredo', `inner IPv6 length ${length}, ${available} bytes carried`);
        return false;
    }
    const bubble = d[at + 6] === 59 && length === 40;
    if (length < available) {
        if (!bubble) {
            report(inner, sink, 'Teredo_payload_len_mismatch', `inner IPv6 length ${length}, ${available} carried`);
            return false;
        }
        report(inner, sink, 'Teredo_bubble_with_payload', `${available - length} bytes after a bubble`);
    }
    inner.tunnelType = TunnelType.Teredo;
    return decodeIp(d, at, Math.min(end, at + length), at + length, inner, sink, options);
}
/** Bound on GTP extension headers followed. */
const MAX_GTP_EXTENSIONS = 16;
/**
 * GTPv1-U: only T-PDUs (message type 0xff) of version 1 carry user packets; other messages are
 * signalling and leave the connection a plain UDP one (no event, as in Zeek).
 */
export function decodeGtpv1(d, o, end, wireEnd, inner, sink, options) {
    if (end - o < 8) {
        report(inner, sink, 'truncated_GTPv1', `GTPv1 header needs 8 bytes, ${end - o} captured`);
        return false;
    }
    const flags = d[o];
    const version = flags >> 5;
    if (version !== 1) {
        report(inner, sink, 'GTPv1_bad_version', `GTP version ${version}`);
        return false;
    }
    // PT 0 is GTP' (charging), not user data.
    if ((flags & 0x10) === 0)
        return false;
    if (d[o + 1] !== 0xff)
        return false;
    let at = o + 8;
    if ((flags & 7) !== 0) {
        if (end - at < 4) {
            report(inner, sink, 'truncated_GTPv1', 'GTPv1 optional header not captured');
            return false;
        }
        let next = (flags & 4) !== 0 ? d[at + 3] : 0;
        at += 4;
        for (let k = 0; next !== 0; k++) {
            if (k === MAX_GTP_EXTENSIONS || end - at < 4) {
                report(inner, sink, 'truncated_GTPv1', 'GTPv1 extension headers run past the capture');
                return false;
            }
            const length = d[at] * 4;
            if (length === 0 || end - at < length) {
                report(inner, sink, 'truncated_GTPv1', `GTPv1 extension header of ${length} bytes`);
                return false;
            }
            next = d[at + length - 1];
            at += length;
        }
    }
    if (end - at < 20) {
        report(inner, sink, 'truncated_GTPv1', `GTPv1 payload of ${end - at} bytes cannot hold IP`);
        return false;
    }
    const v = d[at] >> 4;
    if (v !== 4 && v !== 6) {
        report(inner, sink, 'GTPv1_payload_not_IP', `GTPv1 payload starts with version ${v}`);
        return false;
    }
    inner.tunnelType = TunnelType.Gtpv1;
    return decodeIp(d, at, end, wireEnd, inner, sink, options);
}
/** AYIYA (anything in anything): identity and signature lengths in the header, then IP. */
export function decodeAyiya(d, o, end, wireEnd, inner, sink, options) {
    if (end - o < 8) {
        report(inner, sink, 'truncated_AYIYA', `AYIYA header needs 8 bytes, ${end - o} captured`);
        return false;
    }
    const identity = 1 << (d[o] >> 4);
    const signature = (d[o + 1] >> 4) * 4;
    const start = o + 8 + identity + signature;
    if (start > end) {
        report(inner, sink, 'truncated_AYIYA', `AYIYA header of ${start - o} bytes, ${end - o} captured`);
        return false;
    }
    // Opcode 1 forwards a packet; the others are echo and control messages.
    if ((d[o + 2] & 0x0f) !== 1)
        return false;
    const next = d[o + 3];
    if (next !== IpProto.IpInIp && next !== IpProto.Ipv6InIp) {
        report(inner, sink, 'ayiya_tunnel_non_ip', `AYIYA next header ${next}`);
        return false;
    }
    if (!innerIpFits(d, start, end, wireEnd, next === IpProto.IpInIp ? 4 : 6, inner, sink))
        return false;
    inner.tunnelType = TunnelType.Ayiya;
    return decodeIp(d, start, end, wireEnd, inner, sink, options);
}
//# sourceMappingURL=tunnels.js.map