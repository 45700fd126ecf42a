/**
 * The contract between the capture layers: a capture file yields `CapturedPacket`s, the link →
 * IP → transport decoder fills one reusable `DecodedPacket` per packet, and the connection
 * tracker consumes it. Nothing here allocates per packet: readers hand out views into the
 * file's bytes, and the decoder overwrites the same object.
 *
 * Problems in the input are `ProtocolEvent`s (Zeek's `weird` names where Zeek has one), never
 * exceptions: the packet is dropped or decoded as far as it goes, and the caller goes on.
 */
/** Link-layer types (LINKTYPE_* numbers of tcpdump.org/linktypes.html). */
export const LinkType = {
    Null: 0,
    Ethernet: 1,
    Raw: 101,
    Loop: 108,
    LinuxSll: 113,
    Ipv4: 228,
    Ipv6: 229,
    LinuxSll2: 276,
    /** IEEE 802.11 frames without a radio header (monitor mode, `wlanmon`). */
    Ieee80211: 105,
    /** IEEE 802.11 behind a radiotap header. */
    Radiotap: 127,
};
export const IpProto = {
    Icmp: 1,
    IpInIp: 4,
    Tcp: 6,
    Udp: 17,
    Ipv6InIp: 41,
    Gre: 47,
    Icmp6: 58,
    Sctp: 132,
};
/** TCP flag bits as on the wire. */
export const TcpFlag = { Fin: 1, Syn: 2, Rst: 4, Psh: 8, Ack: 16, Urg: 32, Ece: 64, Cwr: 128 };
const EMPTY_BYTES = new Uint8Array(0);
/**
 * A packet decoded down to its transport header. Addresses use the project's 4-word form
 * (shared/addr.ts: IPv4 as ::ffff:a.b.c.d). Offsets index `data`.
 */
export class DecodedPacket {
    ts = 0;
    fileOffset = 0;
    /** The bytes the offsets below index: the captured packet's (or the read block holding it,
     * see `CapturedPacket.bytes`), or a reassembled datagram's. */
    data = EMPTY_BYTES;
    /** 4 or 6; 0 when the packet carries no IP (ARP, …). */
    ipVersion = 0;
    /** src words 0..3, dst words 4..7 */
    addr = new Uint32Array(8);
    /** IP protocol number of the transport (after IPv6 extension headers). */
    ipProto = 0;
    ttl = 0;
    /** IP datagram length from the IP header (total length; IPv6: 40 + payload length). */
    ipLength = 0;
    /** Bytes of the IP datagram actually captured. */
    ipCaptured = 0;
    /** Where the IP header starts in `data`. */
    ipOffset = 0;
    /** IPv4: the header length with options. IPv6 fragment: the bytes up to and including the
     * fragment header (what precedes the fragment's data); otherwise 40. */
    ipHeaderLength = 0;
    /** IPv4 Don't Fragment bit. */
    dontFragment = false;
    /** Fragment: id, offset in bytes, more-fragments flag; isFragment false for whole datagrams. */
    isFragment = false;
    fragmentId = 0;
    fragmentOffset = 0;
    moreFragments = false;
    /** IPv6 fragment: the fragment header's next header (`ipProto` may name a later header). */
    fragmentNextHeader = 0;
    /** IP fragments this datagram was reassembled from (packet-path.ts); 0 for a whole datagram. */
    fragments = 0;
    /** Outer VLAN ids (0 when absent): Zeek's `vlan` and `inner_vlan`. */
    vlan = 0;
    innerVlan = 0;
    srcPort = 0;
    dstPort = 0;
    /** TCP header fields (valid when ipProto is TCP). */
    tcpFlags = 0;
    seq = 0;
    ack = 0;
    window = 0;
    /** ICMP/ICMPv6 type and code (valid when ipProto is ICMP or ICMPv6). */
    icmpType = 0;
    icmpCode = 0;
    /** Transport payload: data[payloadOffset, payloadOffset + payloadLength) as captured. */
    payloadOffset = 0;
    payloadLength = 0;
    /** Payload length the headers claim (may exceed what was captured). */
    payloadClaimed = 0;
    /** False when the transport checksum was verified and wrong; true when right or not checked. */
    checksumOk = true;
    /** An 802.11 A-MSDU holds more subframes: the next one starts here in `data` (-1: none). */
    nextSubframe = -1;
    /** Where the A-MSDU's subframes end (valid with `nextSubframe`). */
    subframesEnd = 0;
    /** Tunnel layers around this packet (0: not tunnelled). */
    tunnelDepth = 0;
    /** The innermost tunnel's type (`TunnelType`, 0: none) and uid (Zeek's `tunnel_parents`). */
    tunnelType = 0;
    tunnelUid = '';
    reset() {
        this.ipVersion = 0;
        this.addr.fill(0);
        this.ipProto = 0;
        this.ttl = 0;
        this.ipLength = 0;
        this.ipCaptured = 0;
        this.ipOffset = 0;
        this.ipHeaderLength = 0;
        this.dontFragment = false;
        this.isFragment = false;
        this.fragmentId = 0;
        this.fragmentOffset = 0;
        this.moreFragments = false;
        this.fragmentNextHeader = 0;
        this.fragments = 0;
        this.vlan = 0;
        this.innerVlan = 0;
        this.srcPort = 0;
        this.dstPort = 0;
        this.tcpFlags = 0;
        this.seq = 0;
        this.ack = 0;
        this.window = 0;
        this.icmpType = 0;
        this.icmpCode = 0;
        this.payloadOffset = 0;
        this.payloadLength = 0;
        this.payloadClaimed = 0;
        this.checksumOk = true;
        this.nextSubframe = -1;
        this.subframesEnd = 0;
        this.tunnelDepth = 0;
        this.tunnelType = 0;
        this.tunnelUid = '';
    }
}
/**
 * Tunnel encapsulations, with Zeek's `Tunnel::Type` names (tunnel.log) and the service name
 * Zeek gives the outer UDP connection once the tunnel is confirmed.
 */
export const TunnelType = {
    None: 0,
    /** IP in IP: 4in4, 6in4 (proto 41), 4in6, 6in6. */
    Ip: 1,
    Gre: 2,
    Teredo: 3,
    Ayiya: 4,
    Vxlan: 5,
    Geneve: 6,
    Gtpv1: 7,
};
export const TUNNEL_TYPE_NAMES = [
    '',
    'Tunnel::IP',
    'Tunnel::GRE',
    'Tunnel::TEREDO',
    'Tunnel::AYIYA',
    'Tunnel::VXLAN',
    'Tunnel::GENEVE',
    'Tunnel::GTPv1',
];
//# sourceMappingURL=packet.js.map