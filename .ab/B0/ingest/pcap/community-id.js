/**
 * Community ID v1 (github.com/corelight/community-id-spec): a flow label that Zeek, Suricata,
 * Arkime, Elastic and others compute the same way, so one string joins our findings to their
 * logs. It is `1:` + base64(SHA-1(seed ‖ saddr ‖ daddr ‖ proto ‖ 0 ‖ sport ‖ dport)), with the
 * endpoints ordered so both directions of a flow hash alike.
 *
 * Cost: one SHA-1 over at most 40 bytes and one 28-character string per call. The hash input is
 * assembled in a module-private buffer, so nothing else is allocated; callers should compute the
 * id once per flow (at flow creation or when logging), not per packet.
 */
import * as crypto from 'node:crypto';
import { isV4 } from '../../shared/addr.js';
import { IpProto } from './packet.js';
/**
 * ICMP "two-way" types and their counterparts (Zeek's ICMP4_counterpart and the reference
 * implementation): a request and its reply get the same port pair, so they share one id.
 * Every other type is "one-way": the code stands in as the second port and the endpoints are
 * not reordered, because there is no reply to match.
 */
const ICMP4_COUNTERPART = new Map([
    [8, 0], // echo request → echo reply
    [0, 8],
    [13, 14], // timestamp
    [14, 13],
    [15, 16], // information request
    [16, 15],
    [10, 9], // router solicitation → advertisement
    [9, 10],
    [17, 18], // address mask
    [18, 17],
]);
const ICMP6_COUNTERPART = new Map([
    [128, 129], // echo request → reply
    [129, 128],
    [130, 131], // MLD listener query → report
    [131, 130],
    [133, 134], // router solicitation → advertisement
    [134, 133],
    [135, 136], // neighbor solicitation → advertisement
    [136, 135],
    [139, 140], // node information (who-are-you) query → reply
    [140, 139],
    [144, 145], // home agent address discovery request → reply
    [145, 144],
]);
/** Whether the protocol's hash input carries the two port fields (the spec's list). */
function hasPorts(proto) {
    return (proto === IpProto.Tcp ||
        proto === IpProto.Udp ||
        proto === IpProto.Sctp ||
        proto === IpProto.Icmp ||
        proto === IpProto.Icmp6);
}
/** Largest input: seed 2 + two IPv6 addresses 32 + proto 1 + pad 1 + ports 4. */
const input = new Uint8Array(40);
const inputView = new DataView(input.buffer);
/** Views of the four possible input lengths (IPv4/IPv6 × with/without ports), made once. */
const inputByLength = (() => {
    const views = [];
    for (const length of [12, 16, 36, 40])
        views[length] = input.subarray(0, length);
    return views;
})();
const oneShotHash = crypto.hash;
function sha1Base64(data) {
    if (oneShotHash !== undefined)
        return oneShotHash('sha1', data, 'base64');
    return crypto.createHash('sha1').update(data).digest('base64');
}
/** Writes the address at `words[at..at+3]` as 4 (IPv4) or 16 bytes; returns the next offset. */
function writeAddress(words, at, v4, offset) {
    if (v4) {
        inputView.setUint32(offset, words[at + 3]);
        return offset + 4;
    }
    for (let w = 0; w < 4; w++)
        inputView.setUint32(offset + 4 * w, words[at + w]);
    return offset + 16;
}
/** -1, 0 or 1 as the address at `a` sorts before, equal to or after the one at `b`. */
function compareAddresses(words, a, b) {
    for (let w = 0; w < 4; w++) {
        const x = words[a + w];
        const y = words[b + w];
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/**
 * The Community ID v1 of a flow.
 *
 * `addrWords`: source address in words 0..3, destination in 4..7 (shared/addr.ts form, as in
 * `DecodedPacket.addr`). `proto`: the IP protocol number. Ports: for TCP/UDP/SCTP the ports;
 * for ICMP (1) and ICMPv6 (58) the type as `srcPort` and the code as `dstPort` — the way Zeek's
 * conn_id carries them (Zeek already puts the counterpart type in resp_p for two-way types, which
 * maps to the same pair). For other protocols the ports are ignored, as the spec says.
 * `seed`: the spec's 16-bit seed (Suricata's `community-id-seed`), 0 by default.
 *
 * IPv4 addresses hash as 4 bytes only when both endpoints are IPv4-mapped; a mixed pair (which no
 * real packet carries) hashes both as 16 bytes rather than failing.
 */
export function communityId(addrWords, proto, srcPort, dstPort, seed = 0) {
    let sport = srcPort & 0xffff;
    let dport = dstPort & 0xffff;
    let oneWay = false;
    if (proto === IpProto.Icmp || proto === IpProto.Icmp6) {
        const counterpart = (proto === IpProto.Icmp ? ICMP4_COUNTERPART : ICMP6_COUNTERPART).get(sport);
        if (counterpart === undefined)
            oneWay = true;
        else
            dport = counterpart;
    }
    const ports = hasPorts(proto);
    // Order the endpoints so the smaller (address, port) comes first; one-way ICMP keeps its
    // direction because its "ports" are (type, code), which do not swap meaningfully.
    let first = 0;
    let second = 4;
    if (!oneWay) {
        const order = compareAddresses(addrWords, 0, 4);
        if (order > 0 || (order === 0 && ports && sport > dport)) {
            first = 4;
            second = 0;
            const t = sport;
            sport = dport;
            dport = t;
        }
    }
    const v4 = isV4(addrWords, 0) && isV4(addrWords, 4);
    inputView.setUint16(0, seed & 0xffff);
    let offset = writeAddress(addrWords, first, v4, 2);
    offset = writeAddress(addrWords, second, v4, offset);
    input[offset++] = proto & 0xff;
    input[offset++] = 0;
    if (ports) {
        inputView.setUint16(offset, sport);
        inputView.setUint16(offset + 2, dport);
        offset += 4;
    }
    return `1:${sha1Base64(inputByLength[offset] ?? input.subarray(0, offset))}`;
}
/** `communityId` of a decoded packet: ICMP type/code stand in for the ports. */
export function communityIdOfPacket(packet, seed = 0) {
    const icmp = packet.ipProto === IpProto.Icmp || packet.ipProto === IpProto.Icmp6;
    return communityId(packet.addr, packet.ipProto, icmp ? packet.icmpType : packet.srcPort, icmp ? packet.icmpCode : packet.dstPort, seed);
}
//# sourceMappingURL=community-id.js.map