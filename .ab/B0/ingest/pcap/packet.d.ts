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
export declare const LinkType: {
    readonly Null: 0;
    readonly Ethernet: 1;
    readonly Raw: 101;
    readonly Loop: 108;
    readonly LinuxSll: 113;
    readonly Ipv4: 228;
    readonly Ipv6: 229;
    readonly LinuxSll2: 276;
    /** IEEE 802.11 frames without a radio header (monitor mode, `wlanmon`). */
    readonly Ieee80211: 105;
    /** IEEE 802.11 behind a radiotap header. */
    readonly Radiotap: 127;
};
/** One packet as stored in the capture: a view into the file's bytes, valid until the next. */
export interface CapturedPacket {
    /** Seconds since the epoch (microsecond precision is what Zeek prints). */
    readonly ts: number;
    readonly linkType: number;
    /** pcapng interface id (0 for pcap). */
    readonly interfaceId: number;
    /** Captured bytes (caplen may be less than the original length: a snaplen cut). */
    readonly data: Uint8Array;
    /** Length of the packet on the wire. */
    readonly originalLength: number;
    /** Byte offset of the packet's record in the (decompressed) file, for events. */
    readonly fileOffset: number;
    /**
     * Optionally, where `data` lies: `bytes[start, end)`. A reader that sets these lets the
     * decoder read the packet in place, without the view `data` is (for Ethernet and raw IP);
     * the decoded packet's offsets then index `bytes`.
     */
    readonly bytes?: Uint8Array;
    readonly start?: number;
    readonly end?: number;
}
/** A malformed or suspicious input, reported with where it was found. */
export interface ProtocolEvent {
    /** Stable name; Zeek's weird name when one exists (e.g. `truncated_IP`, `bad_TCP_checksum`). */
    readonly name: string;
    readonly ts: number;
    readonly fileOffset: number;
    /** Free text: what was wrong, with the offending values. */
    readonly detail: string;
    /** The connection an app-layer parser found it on (Zeek's weird.log `uid` and `id`). */
    readonly conn?: EventConnection;
}
/** One weird.log row. */
export interface WeirdRecord {
    readonly ts: number;
    readonly name: string;
    readonly addl: string;
    /** The connection, for an event an app-layer parser reported on one. */
    readonly id?: EventConnection | undefined;
}
/** A connection as weird.log names it. */
export interface EventConnection {
    readonly uid: string;
    readonly origH: string;
    readonly origP: number;
    readonly respH: string;
    readonly respP: number;
}
export type EventSink = (event: ProtocolEvent) => void;
export declare const IpProto: {
    readonly Icmp: 1;
    readonly IpInIp: 4;
    readonly Tcp: 6;
    readonly Udp: 17;
    readonly Ipv6InIp: 41;
    readonly Gre: 47;
    readonly Icmp6: 58;
    readonly Sctp: 132;
};
/** TCP flag bits as on the wire. */
export declare const TcpFlag: {
    readonly Fin: 1;
    readonly Syn: 2;
    readonly Rst: 4;
    readonly Psh: 8;
    readonly Ack: 16;
    readonly Urg: 32;
    readonly Ece: 64;
    readonly Cwr: 128;
};
/**
 * A packet decoded down to its transport header. Addresses use the project's 4-word form
 * (shared/addr.ts: IPv4 as ::ffff:a.b.c.d). Offsets index `data`.
 */
export declare class DecodedPacket {
    ts: number;
    fileOffset: number;
    /** The bytes the offsets below index: the captured packet's (or the read block holding it,
     * see `CapturedPacket.bytes`), or a reassembled datagram's. */
    data: Uint8Array;
    /** 4 or 6; 0 when the packet carries no IP (ARP, …). */
    ipVersion: number;
    /** src words 0..3, dst words 4..7 */
    readonly addr: Uint32Array<ArrayBuffer>;
    /** IP protocol number of the transport (after IPv6 extension headers). */
    ipProto: number;
    ttl: number;
    /** IP datagram length from the IP header (total length; IPv6: 40 + payload length). */
    ipLength: number;
    /** Bytes of the IP datagram actually captured. */
    ipCaptured: number;
    /** Where the IP header starts in `data`. */
    ipOffset: number;
    /** IPv4: the header length with options. IPv6 fragment: the bytes up to and including the
     * fragment header (what precedes the fragment's data); otherwise 40. */
    ipHeaderLength: number;
    /** IPv4 Don't Fragment bit. */
    dontFragment: boolean;
    /** Fragment: id, offset in bytes, more-fragments flag; isFragment false for whole datagrams. */
    isFragment: boolean;
    fragmentId: number;
    fragmentOffset: number;
    moreFragments: boolean;
    /** IPv6 fragment: the fragment header's next header (`ipProto` may name a later header). */
    fragmentNextHeader: number;
    /** IP fragments this datagram was reassembled from (packet-path.ts); 0 for a whole datagram. */
    fragments: number;
    /** Outer VLAN ids (0 when absent): Zeek's `vlan` and `inner_vlan`. */
    vlan: number;
    innerVlan: number;
    srcPort: number;
    dstPort: number;
    /** TCP header fields (valid when ipProto is TCP). */
    tcpFlags: number;
    seq: number;
    ack: number;
    window: number;
    /** ICMP/ICMPv6 type and code (valid when ipProto is ICMP or ICMPv6). */
    icmpType: number;
    icmpCode: number;
    /** Transport payload: data[payloadOffset, payloadOffset + payloadLength) as captured. */
    payloadOffset: number;
    payloadLength: number;
    /** Payload length the headers claim (may exceed what was captured). */
    payloadClaimed: number;
    /** False when the transport checksum was verified and wrong; true when right or not checked. */
    checksumOk: boolean;
    /** An 802.11 A-MSDU holds more subframes: the next one starts here in `data` (-1: none). */
    nextSubframe: number;
    /** Where the A-MSDU's subframes end (valid with `nextSubframe`). */
    subframesEnd: number;
    /** Tunnel layers around this packet (0: not tunnelled). */
    tunnelDepth: number;
    /** The innermost tunnel's type (`TunnelType`, 0: none) and uid (Zeek's `tunnel_parents`). */
    tunnelType: number;
    tunnelUid: string;
    reset(): void;
}
/**
 * Tunnel encapsulations, with Zeek's `Tunnel::Type` names (tunnel.log) and the service name
 * Zeek gives the outer UDP connection once the tunnel is confirmed.
 */
export declare const TunnelType: {
    readonly None: 0;
    /** IP in IP: 4in4, 6in4 (proto 41), 4in6, 6in6. */
    readonly Ip: 1;
    readonly Gre: 2;
    readonly Teredo: 3;
    readonly Ayiya: 4;
    readonly Vxlan: 5;
    readonly Geneve: 6;
    readonly Gtpv1: 7;
};
export type TunnelType = (typeof TunnelType)[keyof typeof TunnelType];
export declare const TUNNEL_TYPE_NAMES: readonly string[];
