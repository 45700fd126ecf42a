import { IpProto, LinkType, TunnelType } from './packet.js';
const DEFAULT_OPTIONS = {};
/** Link types that `decodePacket` understands, beyond the named ones in `LinkType`. */
const LINKTYPE_PPP = 9;
/** Raw IP under the numbers OpenBSD (12) and some BSDs (14) used before 101 existed. */
const LINKTYPE_RAW_OPENBSD = 12;
const LINKTYPE_RAW_BSD = 14;
const LINKTYPE_NFLOG = 239;
const DECODABLE_LINK_TYPES = new Set([
    LinkType.Null,
    LinkType.Ethernet,
    LINKTYPE_PPP,
    LINKTYPE_RAW_OPENBSD,
    LINKTYPE_RAW_BSD,
    LinkType.Raw,
    LinkType.Loop,
    LinkType.LinuxSll,
    LinkType.Ipv4,
    LinkType.Ipv6,
    LINKTYPE_NFLOG,
    LinkType.LinuxSll2,
    LinkType.Ieee80211,
    LinkType.Radiotap,
]);
/** True when `decodePacket` can decode packets of this link type (the reader reports others once). */
export function isDecodableLinkType(linkType) {
    return DECODABLE_LINK_TYPES.has(linkType);
}
const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const ETH_VLAN = 0x8100;
const ETH_QINQ = 0x88a8;
/** Pre-standard QinQ outer tags still emitted by some switches. */
const ETH_QINQ_OLD_1 = 0x9100;
const ETH_QINQ_OLD_2 = 0x9200;
const ETH_QINQ_OLD_3 = 0x9300;
const ETH_MPLS_UNICAST = 0x8847;
const ETH_MPLS_MULTICAST = 0x8848;
const ETH_PPPOE_SESSION = 0x8864;
/** 802.1ah provider backbone bridging: a 4-byte I-TAG then a whole customer Ethernet header. */
const ETH_PBB = 0x88e7;
/** Cisco VN-Tag: 4 bytes of tag, then the next EtherType. */
const ETH_VNTAG = 0x8926;
/** Cisco FabricPath: the outer header is followed by a 2-byte FP tag and a whole inner frame. */
const ETH_FABRICPATH = 0x8903;
/** EtherType values at or below this are 802.3 length fields; 1501–1535 are undefined. */
const ETH_MAX_LENGTH = 1500;
const ETH_MIN_TYPE = 1536;
/** Linux cooked-capture protocol value for 802.2 LLC frames. */
const LINUX_ETH_P_802_2 = 4;
const PPP_IPV4 = 0x0021;
const PPP_IPV6 = 0x0057;
/** Bound on stacked link layers (VLAN, MPLS, PBB, …); Zeek stops at a similar depth. */
const MAX_LINK_LAYERS = 32;
/** Bound on MPLS label stack entries before bottom-of-stack. */
const MAX_MPLS_LABELS = 16;
/** Bound on IPv6 extension headers in one chain (RFC 8200 allows any number; real ones use few). */
const MAX_IPV6_EXT_HEADERS = 16;
const IPPROTO_HOPOPTS = 0;
const IPPROTO_ROUTING = 43;
const IPPROTO_FRAGMENT = 44;
const IPPROTO_AH = 51;
const IPPROTO_NONE = 59;
const IPPROTO_DSTOPTS = 60;
const IPPROTO_MOBILITY = 135;
/** BSD address families of DLT_NULL/DLT_LOOP: IPv4 everywhere, IPv6 differs by OS. */
const AF_INET = 2;
const AF_INET6_LINUX = 10;
const AF_INET6_BSD = 24;
const AF_INET6_FREEBSD = 28;
const AF_INET6_DARWIN = 30;
const TCP_MIN_HEADER = 20;
const UDP_HEADER = 8;
const ICMP_MIN_HEADER = 8;
function u16(d, o) {
    return (d[o] << 8) | d[o + 1];
}
function u32(d, o) {
    return ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;
}
function report(out, sink, name, detail) {
    sink({ name, ts: out.ts, fileOffset: out.fileOffset, detail });
}
/**
 * Decodes `p` into `out` (reset first). Returns true when an IP packet with a TCP, UDP, ICMP or
 * ICMPv6 header was decoded far enough to be tracked. When it returns false, `out.ipVersion`
 * still tells whether the IP layer was decoded (0 for ARP and other non-IP frames), and
 * `out.isFragment` marks a non-first fragment that the reassembler wants.
 */
export function decodePacket(p, out, onEvent, options = DEFAULT_OPTIONS) {
    out.reset();
    out.ts = p.ts;
    out.fileOffset = p.fileOffset;
    const verify = options.verifyChecksums !== false;
    const block = options.inPlace === true ? p.bytes : undefined;
    if (block !== undefined && (p.linkType === LinkType.Ethernet || p.linkType === LinkType.Raw)) {
        // In place: offsets index the reader's block (no view of the packet is made).
        const start = p.start;
        const end = p.end;
        out.data = block;
        const wireEnd = start + Math.max(p.originalLength, end - start);
        return p.linkType === LinkType.Ethernet
            ? decodeEthernet(block, start, end, wireEnd, out, onEvent, verify)
            : decodeIp(block, start, end, wireEnd, out, onEvent, options);
    }
    const d = p.data;
    out.data = d;
    const end = d.length;
    // Some writers store 0 or less than caplen as the original length; never let that make a
    // fully captured packet look cut short.
    const wireEnd = Math.max(p.originalLength, end);
    switch (p.linkType) {
        case LinkType.Ethernet:
            return decodeEthernet(d, 0, end, wireEnd, out, onEvent, verify);
        case LinkType.Raw:
        case LINKTYPE_RAW_OPENBSD:
        case LINKTYPE_RAW_BSD:
        case LinkType.Ipv4:
        case LinkType.Ipv6:
            return decodeIp(d, 0, end, wireEnd, out, onEvent, options);
        case LinkType.Null:
        case LinkType.Loop:
            return decodeNull(d, end, wireEnd, out, onEvent, verify);
        case LinkType.LinuxSll:
            if (end < 16) {
                report(out, onEvent, 'truncated_link_header', `Linux cooked header needs 16 bytes, ${end} captured`);
                return false;
            }
            return decodeCooked(u16(d, 14), d, 16, end, wireEnd, out, onEvent, verify);
        case LinkType.LinuxSll2:
            if (end < 20) {
                report(out, onEvent, 'truncated_link_header', `Linux cooked v2 header needs 20 bytes, ${end} captured`);
                return false;
            }
            return decodeCooked(u16(d, 0), d, 20, end, wireEnd, out, onEvent, verify);
        case LINKTYPE_PPP:
            return decodePpp(d, 0, end, wireEnd, out, onEvent, verify);
        case LINKTYPE_NFLOG:
            return decodeNflog(d, end, wireEnd, out, onEvent, verify);
        case LinkType.Ieee80211:
            return decodeIeee80211(d, 0, end, wireEnd, out, onEvent, verify);
        case LinkType.Radiotap:
            return decodeRadiotap(d, end, wireEnd, out, onEvent, verify);
        default:
            return false;
    }
}
/** Link layers a tunnel can carry (`decodeLinkAt`). */
export const InnerLink = { Ethernet: 1, Ieee80211: 2, Ppp: 3 };
/**
 * Decodes a frame of the given link layer at `d[o]` (captured to `end`, `wireEnd` long on the
 * wire) into `out` without resetting it: the entry point for frames inside tunnels.
 */
export function decodeLinkAt(link, d, o, end, wireEnd, out, onEvent, options = DEFAULT_OPTIONS) {
    const verify = options.verifyChecksums !== false;
    if (end > d.length)
        end = d.length;
    if (wireEnd < end)
        wireEnd = end;
    if (o < 0 || o > end)
        o = end;
    if (link === InnerLink.Ethernet)
        return decodeEthernet(d, o, end, wireEnd, out, onEvent, verify);
    if (link === InnerLink.Ieee80211)
        return decodeIeee80211(d, o, end, wireEnd, out, onEvent, verify);
    return decodePpp(d, o, end, wireEnd, out, onEvent, verify);
}
/** Radiotap: version 0, a pad byte, then the little-endian length of the whole radio header. */
function decodeRadiotap(d, end, wireEnd, out, sink, verify) {
    if (end < 4) {
        report(out, sink, 'truncated_radiotap_header', `radiotap header needs 4 bytes, ${end} captured`);
        return false;
    }
    const length = d[2] | (d[3] << 8);
    if (length < 4 || length > end) {
        report(out, sink, 'truncated_radiotap_header', `radiotap length ${length}, ${end} bytes captured`);
        return false;
    }
    return decodeIeee80211(d, length, end, wireEnd, out, sink, verify);
}
/** 802.11 data frames with an 802.2 LLC/SNAP payload; management, control and protected frames
 * carry no IP that can be read, and return false without an event (as in Zeek). */
function decodeIeee80211(d, o, end, wireEnd, out, sink, verify) {
    let headerLength = 24;
    if (end - o < headerLength) {
        report(out, sink, 'truncated_802_11_header', `802.11 header needs 24 bytes, ${end - o} captured`);
        return false;
    }
    const fc = d[o];
    const flags = d[o + 1];
    // Type 2 is data; subtypes with bit 2 set (null function, CF-Ack/Poll only) carry no data.
    if (((fc >> 2) & 3) !== 2 || ((fc >> 4) & 4) !== 0)
        return false;
    // Protected: the body is encrypted.
    if ((flags & 0x40) !== 0)
        return false;
    // To DS and From DS both set: a fourth address.
    if ((flags & 3) === 3)
        headerLength += 6;
    let amsdu = false;
    if (((fc >> 4) & 8) !== 0) {
        // QoS data: two bytes of QoS control; bit 7 of its first byte marks an A-MSDU.
        if (end - o < headerLength + 2) {
            report(out, sink, 'truncated_802_11_header', `802.11 QoS header not captured`);
            return false;
        }
        amsdu = (d[o + headerLength] & 0x80) !== 0;
        headerLength += 2;
        // The order bit on a QoS data frame adds an HT control field.
        if ((flags & 0x80) !== 0)
            headerLength += 4;
    }
    if (end - o < headerLength) {
        report(out, sink, 'truncated_802_11_header', `802.11 header needs ${headerLength} bytes, ${end - o} captured`);
        return false;
    }
    if (amsdu) {
        out.subframesEnd = end;
        return decodeAmsduSubframe(d, o + headerLength, end, wireEnd, out, sink, verify);
    }
    const snapType = llcSnapType(d, o + headerLength, end);
    if (snapType < 0)
        return false;
    return decodeEtherType(snapType, d, o + headerLength + 8, end, wireEnd, out, sink, verify);
}
/** Bound on the subframes read from one A-MSDU (a 7935-byte A-MSDU holds at most ~330). */
const MAX_AMSDU_SUBFRAMES = 512;
/**
 * Decodes the A-MSDU subframe at `o` (destination, source, length, then an LLC/SNAP MSDU,
 * padded to 4 bytes) and records where the next one starts in `out.nextSubframe`, so the caller
 * can decode every subframe of a frame as a packet of its own.
 */
export function decodeAmsduSubframe(d, o, end, wireEnd, out, sink, verify) {
    out.nextSubframe = -1;
    if (end - o < 14) {
        report(out, sink, 'truncated_802_11_amsdu', `A-MSDU subframe header needs 14 bytes, ${end - o} captured`);
        return false;
    }
    const length = u16(d, o + 12);
    const msduEnd = o + 14 + length;
    if (msduEnd > end) {
        report(out, sink, 'truncated_802_11_amsdu', `A-MSDU subframe of ${length} bytes, ${end - o - 14} captured`);
        return false;
    }
    const next = o + ((14 + length + 3) & ~3);
    if (next + 14 <= end)
        out.nextSubframe = next;
    const snapType = llcSnapType(d, o + 14, msduEnd);
    if (snapType < 0)
        return false;
    return decodeEtherType(snapType, d, o + 22, msduEnd, Math.min(wireEnd, msduEnd), out, sink, verify);
}
/** Bound on A-MSDU subframes per frame, for callers walking `nextSubframe`. */
export const AMSDU_SUBFRAME_LIMIT = MAX_AMSDU_SUBFRAMES;
/**
 * Decodes the A-MSDU subframe at `out.nextSubframe` of `out.data` into `out`, which the caller
 * has reset (keeping ts, fileOffset, data and the tunnel fields). False when there is none.
 */
export function decodeNextSubframe(out, onEvent, options = DEFAULT_OPTIONS) {
    const at = out.nextSubframe;
    const end = Math.min(out.subframesEnd, out.data.length);
    if (at < 0 || at >= end) {
        out.nextSubframe = -1;
        return false;
    }
    return decodeAmsduSubframe(out.data, at, end, end, out, onEvent, options.verifyChecksums !== false);
}
function decodeEthernet(d, o, end, wireEnd, out, sink, verify) {
    if (end - o < 14) {
        report(out, sink, 'truncated_ethernet_frame', `Ethernet header needs 14 bytes, ${end - o} captured`);
        return false;
    }
    return decodeEtherType(u16(d, o + 12), d, o + 14, end, wireEnd, out, sink, verify);
}
/**
 * Linux cooked captures carry an EtherType, except below 0x0600 where the value names a frame
 * kind instead of a length (ETH_P_802_2 = 4: an LLC header follows; others are not IP).
 */
function decodeCooked(protocol, d, o, end, wireEnd, out, sink, verify) {
    if (protocol >= ETH_MIN_TYPE)
        return decodeEtherType(protocol, d, o, end, wireEnd, out, sink, verify);
    if (protocol !== LINUX_ETH_P_802_2)
        return false;
    const snapType = llcSnapType(d, o, end);
    return snapType >= 0 && decodeEtherType(snapType, d, o + 8, end, wireEnd, out, sink, verify);
}
/**
 * Follows EtherTypes through tags and shims (VLAN, MPLS, PPPoE, PBB, VN-Tag, FabricPath,
 * 802.3 + LLC/SNAP) to IP. Non-IP traffic (ARP, LLDP, …) returns false without an event.
 */
function decodeEtherType(type, d, o, end, wireEnd, out, sink, verify) {
    let vlanTags = 0;
    for (let layer = 0; layer < MAX_LINK_LAYERS; layer++) {
        switch (type) {
            case ETH_IPV4:
            case ETH_IPV6:
                return decodeIpChecked(d, o, end, wireEnd, out, sink, verify);
            case ETH_VLAN:
            case ETH_QINQ:
            case ETH_QINQ_OLD_1:
            case ETH_QINQ_OLD_2:
            case ETH_QINQ_OLD_3: {
                if (end - o < 4) {
                    report(out, sink, 'truncated_VLAN_header', `VLAN tag needs 4 bytes, ${end - o} captured`);
                    return false;
                }
                const id = u16(d, o) & 0x0fff;
                // Zeek keeps the outermost tag as `vlan` and lets every later tag overwrite `inner_vlan`.
                if (vlanTags === 0)
                    out.vlan = id;
                else {
                    if (vlanTags >= 2) {
                        report(out, sink, 'triple_tagged_vlan_unsupported', `inner VLAN ${out.innerVlan} overwritten by ${id}`);
                    }
                    out.innerVlan = id;
                }
                vlanTags++;
                type = u16(d, o + 2);
                o += 4;
                break;
            }
            case ETH_MPLS_UNICAST:
            case ETH_MPLS_MULTICAST:
                return decodeMpls(d, o, end, wireEnd, out, sink, verify);
            case ETH_PPPOE_SESSION: {
                if (end - o < 8) {
                    report(out, sink, 'truncated_pppoe_header', `PPPoE session header needs 8 bytes, ${end - o} captured`);
                    return false;
                }
                // The PPPoE length field is not used to trim: some concentrators get it wrong, Zeek
                // ignores it too, and the IP length already bounds the packet.
                return decodePpp(d, o + 6, end, wireEnd, out, sink, verify);
            }
            case ETH_PBB:
                if (end - o < 18) {
                    report(out, sink, 'truncated_link_header', `PBB I-TAG and inner header need 18 bytes, ${end - o} captured`);
                    return false;
                }
                type = u16(d, o + 16);
                o += 18;
                break;
            case ETH_VNTAG:
                if (end - o < 6) {
                    report(out, sink, 'truncated_link_header', `VN-Tag needs 6 bytes, ${end - o} captured`);
                    return false;
                }
                type = u16(d, o + 4);
                o += 6;
                break;
            case ETH_FABRICPATH:
                if (end - o < 16) {
                    report(out, sink, 'truncated_link_header_cfp', `FabricPath needs 16 bytes, ${end - o} captured`);
                    return false;
                }
                type = u16(d, o + 14);
                o += 16;
                break;
            default: {
                if (type >= ETH_MIN_TYPE)
                    return false;
                if (type > ETH_MAX_LENGTH) {
                    report(out, sink, 'undefined_ether_type', `EtherType 0x${type.toString(16)} is neither a type nor a length`);
                    return false;
                }
                // 802.3 length field: the frame's payload is that long, the rest is padding.
                if (o + type < end)
                    end = o + type;
                if (o + type < wireEnd)
                    wireEnd = o + type;
                const snapType = llcSnapType(d, o, end);
                if (snapType < 0)
                    return false;
                type = snapType;
                o += 8;
                break;
            }
        }
    }
    report(out, sink, 'max_packet_analyzer_depth_exceeded', `more than ${MAX_LINK_LAYERS} link layers`);
    return false;
}
/** The EtherType carried by an 802.2 SNAP header at `o`, or -1 for other LLC payloads. */
function llcSnapType(d, o, end) {
    if (end - o < 8)
        return -1;
    if (d[o] !== 0xaa || d[o + 1] !== 0xaa || d[o + 2] !== 0x03)
        return -1;
    const oui = (d[o + 3] << 16) | (d[o + 4] << 8) | d[o + 5];
    // OUI 0 is RFC 1042 encapsulation, 0x0000f8 is 802.1H bridge tunnelling: both carry EtherTypes.
    if (oui !== 0 && oui !== 0xf8)
        return -1;
    return u16(d, o + 6);
}
function decodeMpls(d, o, end, wireEnd, out, sink, verify) {
    for (let label = 0; label < MAX_MPLS_LABELS; label++) {
        if (end - o < 4) {
            report(out, sink, 'truncated_link_header', `MPLS label needs 4 bytes, ${end - o} captured`);
            return false;
        }
        const bottom = (d[o + 2] & 1) === 1;
        o += 4;
        if (!bottom)
            continue;
        if (o >= end) {
            report(out, sink, 'truncated_link_header', 'nothing captured after the MPLS label stack');
            return false;
        }
        const version = d[o] >> 4;
        if (version !== 4 && version !== 6) {
            report(out, sink, 'no_ip_in_mpls_payload', `first nibble after the label stack is ${version}`);
            return false;
        }
        return decodeIpChecked(d, o, end, wireEnd, out, sink, verify);
    }
    report(out, sink, 'mpls_label_stack_too_deep', `no bottom-of-stack within ${MAX_MPLS_LABELS} labels`);
    return false;
}
/** PPP (LINKTYPE_PPP and inside PPPoE): optional HDLC address/control, then the protocol. */
function decodePpp(d, o, end, wireEnd, out, sink, verify) {
    if (end - o >= 2 && d[o] === 0xff && d[o + 1] === 0x03)
        o += 2;
    if (o >= end) {
        report(out, sink, 'truncated_link_header', 'PPP protocol field not captured');
        return false;
    }
    let protocol;
    // Protocol-field compression: an odd first byte is a whole one-byte protocol number.
    if ((d[o] & 1) === 1) {
        protocol = d[o];
        o += 1;
    }
    else {
        if (end - o < 2) {
            report(out, sink, 'truncated_link_header', 'PPP protocol field not captured');
            return false;
        }
        protocol = u16(d, o);
        o += 2;
    }
    if (protocol !== PPP_IPV4 && protocol !== PPP_IPV6)
        return false;
    return decodeIpChecked(d, o, end, wireEnd, out, sink, verify);
}
/** DLT_NULL (host byte order) and DLT_LOOP (network byte order): a 4-byte address family. */
function decodeNull(d, end, wireEnd, out, sink, verify) {
    if (end < 4) {
        report(out, sink, 'null_analyzer_failed', `loopback header needs 4 bytes, ${end} captured`);
        return false;
    }
    // Families are small numbers, so whichever byte order leaves the upper half zero is the right one.
    let family = (d[0] | (d[1] << 8) | (d[2] << 16) | (d[3] << 24)) >>> 0;
    if (family > 0xffff)
        family = u32(d, 0);
    switch (family) {
        case AF_INET:
        case AF_INET6_LINUX:
        case AF_INET6_BSD:
        case AF_INET6_FREEBSD:
        case AF_INET6_DARWIN:
            return decodeIpChecked(d, 4, end, wireEnd, out, sink, verify);
        default:
            return false;
    }
}
/** NFLOG: a 4-byte header, then TLVs (length in host byte order) until NFULA_PAYLOAD. */
function decodeNflog(d, end, wireEnd, out, sink, verify) {
    const NFULA_PAYLOAD = 9;
    let o = 4;
    while (end - o >= 4) {
        let length = d[o] | (d[o + 1] << 8);
        let type = d[o + 2] | (d[o + 3] << 8);
        if (length < 4 || o + length > end) {
            // The writer's byte order was big-endian after all.
            length = u16(d, o);
            type = u16(d, o + 2);
            if (length < 4 || o + length > end) {
                report(out, sink, 'truncated_link_header', `NFLOG TLV length ${length} at byte ${o} runs past the capture`);
                return false;
            }
        }
        if ((type & 0x7fff) === NFULA_PAYLOAD) {
            const payloadEnd = o + length;
            return decodeIpChecked(d, o + 4, payloadEnd, Math.min(wireEnd, payloadEnd), out, sink, verify);
        }
        // TLVs are padded to 4 bytes.
        o += (length + 3) & ~3;
    }
    return false;
}
const VERIFY_ON = { verifyChecksums: true };
const VERIFY_OFF = { verifyChecksums: false };
function decodeIpChecked(d, o, end, wireEnd, out, sink, verify) {
    return decodeIp(d, o, end, wireEnd, out, sink, verify ? VERIFY_ON : VERIFY_OFF);
}
/**
 * Decodes the IP packet at `d[o]` (captured up to `end`, `wireEnd` as long on the wire) and its
 * transport header into `out`. It does not reset `out`: ts, fileOffset and VLANs set by the
 * caller stay. This is the entry point for tunnel decoders and for reassembled datagrams.
 */
export function decodeIp(d, o, end, wireEnd, out, onEvent, options = DEFAULT_OPTIONS) {
    const verify = options.verifyChecksums !== false;
    if (o < 0)
        o = d.length;
    if (end > d.length)
        end = d.length;
    if (wireEnd < end)
        wireEnd = end;
    const captured = end - o;
    // Zeek checks the IPv4 minimum before it knows the version, so a 20-byte stub is always a weird.
    if (captured < 20) {
        report(out, onEvent, 'truncated_IP', `IP header needs 20 bytes, ${Math.max(captured, 0)} captured`);
        return false;
    }
    const version = d[o] >> 4;
    if (version === 4)
        return decodeIpv4(d, o, end, wireEnd, out, onEvent, verify);
    if (version === 6)
        return decodeIpv6(d, o, end, wireEnd, out, onEvent, verify);
    report(out, onEvent, 'unknown_ip_version', `IP version ${version}`);
    return false;
}
function decodeIpv4(d, o, end, wireEnd, out, sink, verify) {
    const headerLength = (d[o] & 0x0f) * 4;
    let total = u16(d, o + 2);
    if (total === 0) {
        report(out, sink, 'ip_hdr_len_zero', 'IPv4 total length is 0 (segmentation offload?)');
        // Like Zeek: with checksums checked the packet is dropped (offload broke those too);
        // without, the captured length stands in for the missing one.
        if (verify)
            return false;
        total = end - o;
    }
    if (wireEnd - o < total) {
        report(out, sink, 'truncated_IP_len', `IPv4 total length ${total}, ${wireEnd - o} bytes on the wire`);
        return false;
    }
    if (headerLength > total) {
        report(out, sink, 'invalid_IP_header_size', `IPv4 header length ${headerLength} > total length ${total}`);
        return false;
    }
    if (headerLength > end - o) {
        report(out, sink, 'internally_truncated_header', `IPv4 header length ${headerLength}, ${end - o} captured`);
        return false;
    }
    if (headerLength < 20) {
        report(out, sink, 'IPv4_min_header_size', `IPv4 header length ${headerLength} < 20`);
        return false;
    }
    if (verify && !checksumVerifies(d, o, o + headerLength, 0)) {
        report(out, sink, 'bad_IP_checksum', `IPv4 header checksum 0x${u16(d, o + 10).toString(16)} is wrong`);
        return false;
    }
    out.ipVersion = 4;
    out.ttl = d[o + 8];
    out.ipProto = d[o + 9];
    const addr = out.addr;
    addr[0] = 0;
    addr[1] = 0;
    addr[2] = 0xffff;
    addr[3] = u32(d, o + 12);
    addr[4] = 0;
    addr[5] = 0;
    addr[6] = 0xffff;
    addr[7] = u32(d, o + 16);
    const ipEnd = o + total;
    const capEnd = Math.min(end, ipEnd);
    out.ipLength = total;
    out.ipCaptured = capEnd - o;
    out.ipOffset = o;
    out.ipHeaderLength = headerLength;
    const fragmentField = u16(d, o + 6);
    out.dontFragment = (fragmentField & 0x4000) !== 0;
    const moreFragments = (fragmentField & 0x2000) !== 0;
    const fragmentOffset = (fragmentField & 0x1fff) * 8;
    if (moreFragments || fragmentOffset > 0) {
        out.isFragment = true;
        out.fragmentId = u16(d, o + 4);
        out.fragmentOffset = fragmentOffset;
        out.moreFragments = moreFragments;
        if (capEnd < ipEnd) {
            report(out, sink, 'incompletely_captured_fragment', `fragment of ${total} bytes, ${capEnd - o} captured`);
        }
        // Only the first fragment holds the transport header.
        if (fragmentOffset > 0)
            return false;
    }
    return decodeTransport(d, o + headerLength, ipEnd, capEnd, out, sink, verify && !out.isFragment);
}
function isIpv6ExtensionHeader(next) {
    return (next === IPPROTO_HOPOPTS ||
        next === IPPROTO_ROUTING ||
        next === IPPROTO_FRAGMENT ||
        next === IPPROTO_DSTOPTS ||
        next === IPPROTO_AH ||
        next === IPPROTO_MOBILITY);
}
function decodeIpv6(d, o, end, wireEnd, out, sink, verify) {
    if (end - o < 40) {
        report(out, sink, 'truncated_IP', `IPv6 header needs 40 bytes, ${end - o} captured`);
        return false;
    }
    let next = d[o + 6];
    // A zero payload length is taken at its word, as Zeek does: bytes after the header are link
    // padding. (Jumbograms, the other reading, never cross a link that gets captured.)
    const total = 40 + u16(d, o + 4);
    if (wireEnd - o < total) {
        report(out, sink, 'truncated_IP_len', `IPv6 length ${total}, ${wireEnd - o} bytes on the wire`);
        return false;
    }
    out.ipVersion = 6;
    out.ttl = d[o + 7];
    const addr = out.addr;
    for (let w = 0; w < 8; w++)
        addr[w] = u32(d, o + 8 + w * 4);
    const ipEnd = o + total;
    const capEnd = Math.min(end, ipEnd);
    out.ipLength = total;
    out.ipCaptured = capEnd - o;
    out.ipOffset = o;
    out.ipHeaderLength = 40;
    let at = o + 40;
    let routed = false;
    for (let count = 0; isIpv6ExtensionHeader(next); count++) {
        if (count === MAX_IPV6_EXT_HEADERS) {
            out.ipProto = next;
            report(out, sink, 'too_many_IPv6_ext_headers', `more than ${MAX_IPV6_EXT_HEADERS} extension headers`);
            return false;
        }
        if (ipEnd - at < 8) {
            out.ipProto = next;
            report(out, sink, 'truncated_IPv6_ext_header', `extension header ${next} at byte ${at - o} past the IPv6 length`);
            return false;
        }
        if (capEnd - at < 8) {
            out.ipProto = next;
            report(out, sink, 'internally_truncated_header', `extension header ${next} at byte ${at - o} not captured`);
            return false;
        }
        const length = next === IPPROTO_FRAGMENT ? 8 : next === IPPROTO_AH ? (d[at + 1] + 2) * 4 : (d[at + 1] + 1) * 8;
        if (at + length > ipEnd) {
            out.ipProto = next;
            report(out, sink, 'truncated_IPv6_ext_header', `extension header ${next} of ${length} bytes past the IPv6 length`);
            return false;
        }
        if (at + length > capEnd) {
            out.ipProto = next;
            report(out, sink, 'internally_truncated_header', `extension header ${next} of ${length} bytes not captured`);
            return false;
        }
        if (next === IPPROTO_FRAGMENT) {
            const field = u16(d, at + 2);
            const fragmentOffset = field & 0xfff8;
            const moreFragments = (field & 1) === 1;
            // An "atomic fragment" (offset 0, no more fragments, RFC 6946) is a whole datagram.
            if (fragmentOffset > 0 || moreFragments) {
                out.isFragment = true;
                out.fragmentId = u32(d, at + 4);
                out.fragmentOffset = fragmentOffset;
                out.moreFragments = moreFragments;
                out.fragmentNextHeader = d[at];
                out.ipHeaderLength = at + 8 - o;
                if (capEnd < ipEnd) {
                    report(out, sink, 'incompletely_captured_fragment', `fragment of ${total} bytes, ${capEnd - o} captured`);
                }
                if (fragmentOffset > 0) {
                    out.ipProto = d[at];
                    return false;
                }
            }
        }
        else if (next === IPPROTO_ROUTING) {
            if (routed)
                report(out, sink, 'multiple_routing_headers', 'more than one IPv6 routing header');
            else
                routed = applyRoutingHeader(d, at, length, out, sink);
        }
        next = d[at];
        at += length;
    }
    out.ipProto = next;
    if (next === IPPROTO_NONE) {
        // Inside Teredo a header with nothing after it is a bubble (RFC 4380 §2.8), not a weird.
        if (out.tunnelType !== TunnelType.Teredo) {
            report(out, sink, 'ipv6_no_next', 'IPv6 next header is 59 (no next header)');
        }
        return false;
    }
    return decodeTransport(d, at, ipEnd, capEnd, out, sink, verify && !out.isFragment);
}
/**
 * A routing header with segments left names the final destination, which is what the transport
 * checksum covers (RFC 8200 §8.1) and what Zeek logs as the responder. Returns true when a
 * routing header was seen (so a second one is reported), whatever its type.
 */
function applyRoutingHeader(d, at, length, out, sink) {
    const hdrExtLen = d[at + 1];
    const routingType = d[at + 2];
    const segmentsLeft = d[at + 3];
    let finalAt = -1;
    if (routingType === 0) {
        // RFC 2460 type 0, deprecated by RFC 5095: addresses follow in order, the last is final.
        if (segmentsLeft > 0 && hdrExtLen >= 2) {
            if (hdrExtLen % 2 === 0)
                finalAt = at + length - 16;
            else
                report(out, sink, 'odd_routing0_len', `routing type 0 length ${hdrExtLen} is odd`);
        }
        report(out, sink, 'routing0_hdr', 'deprecated IPv6 routing header type 0');
    }
    else if (routingType === 2) {
        // Mobile IPv6 (RFC 6275): one home address.
        if (segmentsLeft > 0) {
            if (hdrExtLen === 2)
                finalAt = at + 8;
            else
                report(out, sink, 'bad_routing2_len', `routing type 2 length ${hdrExtLen} is not 2`);
        }
    }
    else if (routingType === 4) {
        // Segment routing (RFC 8754): segment list[0], first in the list, is the final segment.
        if (segmentsLeft > 0 && hdrExtLen >= 2)
            finalAt = at + 8;
    }
    else {
        report(out, sink, 'unknown_routing_type', `IPv6 routing type ${routingType}`);
    }
    if (finalAt >= 0) {
        const addr = out.addr;
        for (let w = 0; w < 4; w++)
            addr[4 + w] = u32(d, finalAt + w * 4);
    }
    return true;
}
/**
 * Decodes the transport header at `t`. `ipEnd` is where the IP length says the datagram ends,
 * `capEnd` where the captured bytes of it end (≤ ipEnd). `verify` is off for fragments, whose
 * checksum covers bytes in other packets.
 */
function decodeTransport(d, t, ipEnd, capEnd, out, sink, verify) {
    const proto = out.ipProto;
    let minimum;
    if (proto === IpProto.Tcp)
        minimum = TCP_MIN_HEADER;
    else if (proto === IpProto.Udp)
        minimum = UDP_HEADER;
    else if (proto === IpProto.Icmp || proto === IpProto.Icmp6)
        minimum = ICMP_MIN_HEADER;
    else {
        // No transport header to read: the rest of the datagram is the payload. Tunnel protocols
        // are the caller's to follow; the others are tracked as Zeek's `unknown_transport`.
        out.payloadOffset = t;
        out.payloadLength = Math.max(0, capEnd - t);
        out.payloadClaimed = Math.max(0, ipEnd - t);
        return proto !== IpProto.Gre && proto !== IpProto.IpInIp && proto !== IpProto.Ipv6InIp;
    }
    const claimed = ipEnd - t;
    const captured = capEnd - t;
    if (claimed < minimum) {
        report(out, sink, 'truncated_header', `protocol ${proto} header needs ${minimum} bytes, IP length leaves ${claimed}`);
        return false;
    }
    if (captured < minimum) {
        report(out, sink, 'internally_truncated_header', `protocol ${proto} header needs ${minimum} bytes, ${Math.max(captured, 0)} captured`);
        return false;
    }
    // Checksums cover the whole segment; a snaplen cut leaves nothing to verify against.
    const complete = captured >= claimed;
    if (proto === IpProto.Tcp) {
        const headerLength = (d[t + 12] >> 4) * 4;
        if (headerLength < TCP_MIN_HEADER) {
            report(out, sink, 'bad_TCP_header_len', `TCP data offset ${headerLength} < 20`);
            return false;
        }
        if (headerLength > claimed || headerLength > captured) {
            report(out, sink, 'truncated_header', `TCP header length ${headerLength}, ${Math.min(claimed, captured)} bytes`);
            return false;
        }
        out.srcPort = u16(d, t);
        out.dstPort = u16(d, t + 2);
        out.seq = u32(d, t + 4);
        out.ack = u32(d, t + 8);
        out.tcpFlags = d[t + 13];
        out.window = u16(d, t + 14);
        out.payloadOffset = t + headerLength;
        out.payloadLength = captured - headerLength;
        out.payloadClaimed = claimed - headerLength;
        if (verify && complete && !transportChecksumOk(d, t, ipEnd, out)) {
            out.checksumOk = false;
            report(out, sink, 'bad_TCP_checksum', `TCP checksum 0x${u16(d, t + 16).toString(16)} is wrong`);
        }
        return true;
    }
    if (proto === IpProto.Udp) {
        out.srcPort = u16(d, t);
        out.dstPort = u16(d, t + 2);
        out.payloadOffset = t + UDP_HEADER;
        out.payloadLength = captured - UDP_HEADER;
        // Like Zeek, the IP length decides the payload; the UDP length is only checked against it.
        out.payloadClaimed = claimed - UDP_HEADER;
        const checksum = u16(d, t + 6);
        // Zero means "not computed", allowed for IPv4 only (RFC 768, RFC 8200 §8.1).
        const skip = checksum === 0 && out.ipVersion === 4;
        if (verify && complete && !skip && !transportChecksumOk(d, t, ipEnd, out)) {
            out.checksumOk = false;
            report(out, sink, 'bad_UDP_checksum', `UDP checksum 0x${checksum.toString(16)} is wrong`);
            return true;
        }
        const udpLength = u16(d, t + 4);
        // A first fragment holds only part of the datagram the UDP length counts.
        if (udpLength !== claimed && !out.isFragment) {
            report(out, sink, 'UDP_datagram_length_mismatch', `${udpLength} != ${claimed}`);
        }
        return true;
    }
    out.icmpType = d[t];
    out.icmpCode = d[t + 1];
    if (proto === IpProto.Icmp)
        checkIcmp4TypeAndCode(out, sink);
    out.payloadOffset = t + ICMP_MIN_HEADER;
    out.payloadLength = captured - ICMP_MIN_HEADER;
    out.payloadClaimed = claimed - ICMP_MIN_HEADER;
    if (verify && complete) {
        // ICMPv4 sums the message alone; ICMPv6 includes the pseudo-header like TCP and UDP.
        const ok = proto === IpProto.Icmp ? checksumVerifies(d, t, ipEnd, 0) : transportChecksumOk(d, t, ipEnd, out);
        if (!ok) {
            out.checksumOk = false;
            report(out, sink, 'bad_ICMP_checksum', `ICMP checksum 0x${u16(d, t + 2).toString(16)} is wrong`);
        }
    }
    return true;
}
/** Transport checksum over the pseudo-header (from `out.addr`, final destination) and d[t, end). */
function transportChecksumOk(d, t, end, out) {
    const addr = out.addr;
    const length = end - t;
    // The length is 16 bits for IPv4 and 32 for IPv6; as 16-bit words both sum the same way.
    let sum = out.ipProto + (length >>> 16) + (length & 0xffff);
    if (out.ipVersion === 4) {
        const src = addr[3];
        const dst = addr[7];
        sum += (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff);
    }
    else {
        for (let w = 0; w < 8; w++) {
            const v = addr[w];
            sum += (v >>> 16) + (v & 0xffff);
        }
    }
    return checksumVerifies(d, t, end, sum);
}
/** Whether this host stores words little-endian (the word loop of `checksumVerifies` assumes so). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Shorter ranges (IPv4 headers, bare ACKs) are summed byte by byte: no view to look up. */
const WORD_LOOP_MIN = 64;
/** One 32-bit view per underlying buffer (a 1 MiB read block holds thousands of packets). It
 * keeps the last buffer alive until the next packet from another one. */
let wordsOf;
let words = new Int32Array(0);
/**
 * Whether d[start, end), as big-endian 16-bit words (an odd last byte is the high half of a
 * word), plus `initial` (a pseudo-header's sum) adds up to 0xffff in one's-complement
 * arithmetic, i.e. to 0 mod 0xffff (RFC 1071): a checksum that verifies.
 *
 * Mod 0xffff a byte at an even offset from `start` weighs 256 and one at an odd offset 1, and
 * 2^16 ≡ 1, so the bytes may be summed in any grouping. The bulk is read as aligned 32-bit
 * little-endian words — one load per 4 bytes instead of four: twice as fast, on what was a
 * tenth of `extract` — whose two 16-bit halves sum the bytes at even absolute positions plus
 * 256 times those at odd ones; that sum is scaled by 256 when the words start at an even
 * offset from `start`.
 */
function checksumVerifies(d, start, end, initial) {
    let high = 0; // bytes at even offsets from start
    let low = 0; // bytes at odd offsets from start
    let wordsSum = 0;
    let i = start;
    if (LITTLE_ENDIAN && end - start >= WORD_LOOP_MIN) {
        const lead = (4 - ((d.byteOffset + i) & 3)) & 3;
        for (const stop = i + lead; i < stop; i++) {
            if (((i - start) & 1) === 0)
                high += d[i];
            else
                low += d[i];
        }
        const buffer = d.buffer;
        if (buffer !== wordsOf) {
            words = new Int32Array(buffer, 0, buffer.byteLength >>> 2);
            wordsOf = buffer;
        }
        const w32 = words;
        const first = (d.byteOffset + i) >>> 2;
        const last = first + ((end - i) >>> 2);
        // Eight words per turn into two accumulators, each below 2^31 — small integers for V8 — for
        // any range under 64 KiB.
        let lows = 0;
        let highs = 0;
        let w = first;
        for (const last8 = last - 7; w < last8; w += 8) {
            const v0 = w32[w];
            const v1 = w32[w + 1];
            const v2 = w32[w + 2];
            const v3 = w32[w + 3];
            const v4 = w32[w + 4];
            const v5 = w32[w + 5];
            const v6 = w32[w + 6];
            const v7 = w32[w + 7];
            lows +=
                (v0 & 0xffff) +
                    (v1 & 0xffff) +
                    (v2 & 0xffff) +
                    (v3 & 0xffff) +
                    (v4 & 0xffff) +
                    (v5 & 0xffff) +
                    (v6 & 0xffff) +
                    (v7 & 0xffff);
            highs +=
                (v0 >>> 16) +
                    (v1 >>> 16) +
                    (v2 >>> 16) +
                    (v3 >>> 16) +
                    (v4 >>> 16) +
                    (v5 >>> 16) +
                    (v6 >>> 16) +
                    (v7 >>> 16);
        }
        for (; w < last; w++) {
            const v = w32[w];
            lows += v & 0xffff;
            highs += v >>> 16;
        }
        // Reduced to 1..0xffff (a positive multiple of 0xffff must stay positive: 0 does not
        // verify), so the sums below stay small integers and the last `%` is an integer one.
        const sum = lows + highs;
        const reduced = sum === 0 ? 0 : ((sum - 1) % 0xffff) + 1;
        wordsSum = ((i - start) & 1) === 0 ? reduced * 256 : reduced;
        i += (last - first) * 4;
    }
    // The rest in pairs, from an even offset: after an odd lead, one byte first.
    if (((i - start) & 1) === 1 && i < end)
        low += d[i++];
    const end2 = end - 1;
    for (; i < end2; i += 2) {
        high += d[i];
        low += d[i + 1];
    }
    if (i < end)
        high += d[i];
    const total = initial + high * 256 + low + wordsSum;
    return total > 0 && total % 0xffff === 0;
}
/**
 * Highest code RFC 792/1122/1812/950 assign per ICMPv4 type (types 0–18; Suricata's ranges).
 * Anything else is an ICMP message no stack sends — scanners and covert channels do.
 */
const ICMP4_MAX_CODE = new Map([
    [0, 0],
    [3, 15],
    [4, 0],
    [5, 3],
    [8, 0],
    [9, 0],
    [10, 0],
    [11, 1],
    [12, 2],
    [13, 0],
    [14, 0],
    [15, 0],
    [16, 0],
    [17, 0],
    [18, 0],
]);
function checkIcmp4TypeAndCode(out, sink) {
    const max = ICMP4_MAX_CODE.get(out.icmpType);
    if (max === undefined) {
        report(out, sink, 'ICMP_unknown_type', `ICMPv4 type ${out.icmpType} is not assigned`);
    }
    else if (out.icmpCode > max) {
        report(out, sink, 'ICMP_unknown_code', `ICMPv4 type ${out.icmpType} has no code ${out.icmpCode}`);
    }
}
//# sourceMappingURL=decode.js.map