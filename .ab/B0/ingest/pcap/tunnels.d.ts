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
import { type DecodeOptions } from './decode.js';
import { type DecodedPacket, type EventSink } from './packet.js';
/** UDP ports Zeek registers its tunnel analyzers on (matched against the responder port). */
export declare const TunnelPort: {
    readonly Teredo: 3544;
    readonly Ayiya: 5072;
    readonly Vxlan: 4789;
    readonly Geneve: 6081;
    readonly GtpUser: 2152;
    readonly GtpControl: 2123;
    /** GRE in UDP (RFC 8086). */
    readonly Gre: 4754;
};
/** Zeek's service names for the outer UDP connection of a confirmed tunnel, by `TunnelType`. */
export declare const TUNNEL_SERVICE: readonly string[];
/** IP in IP (protocol 4 or 41): the payload is the inner packet. */
export declare function decodeIpInIp(proto: number, d: Uint8Array, o: number, end: number, wireEnd: number, inner: DecodedPacket, sink: EventSink, options: DecodeOptions): boolean;
/**
 * GRE version 0 (IP, transparent Ethernet bridging, ERSPAN, Aruba WLAN) and version 1 (PPTP's
 * enhanced GRE carrying PPP). The checks and their order follow Zeek's GRE analyzer.
 */
export declare function decodeGre(d: Uint8Array, o: number, end: number, wireEnd: number, inner: DecodedPacket, sink: EventSink, options: DecodeOptions): boolean;
/** VXLAN: 8 bytes (flags, reserved, 24-bit VNI, reserved), then an Ethernet frame. */
export declare function decodeVxlan(d: Uint8Array, o: number, end: number, wireEnd: number, inner: DecodedPacket, sink: EventSink, options: DecodeOptions): boolean;
/** Geneve: 8 bytes, options of 4 × the 6-bit length, then the protocol the header names. */
export declare function decodeGeneve(d: Uint8Array, o: number, end: number, wireEnd: number, inner: DecodedPacket, sink: EventSink, options: DecodeOptions): boolean;
/**
 * Whether a UDP payload on a port without a registered analyzer is Teredo (Zeek tries this on
 * every such UDP packet): Teredo headers, then an IPv6 packet exactly as long as what is left.
 * An IPv6 header with no Teredo header before it must also have a Teredo address (2001:0::/32)
 * as its source or destination, as Zeek's detection requires since 5.2: without that, a DNS
 * query whose ID starts with 0x6 and whose QDCOUNT of 1 matches its length "is" Teredo (seen
 * with fierce's lookups: `truncated_IPv6_ext_header` weirds on plain DNS).
 */
export declare function looksLikeTeredo(d: Uint8Array, o: number, end: number, out: DecodedPacket): boolean;
/**
 * Teredo: optional authentication and origin indication, then IPv6. Returns the decode result;
 * `inner.tunnelType` is Teredo when the encapsulation was valid (an IPv6 packet filling the
 * payload, or a bubble), which is what Zeek counts toward confirming the tunnel.
 */
export declare function decodeTeredo(d: Uint8Array, o: number, end: number, wireEnd: number, inner: DecodedPacket, sink: EventSink, options: DecodeOptions): boolean;
/**
 * GTPv1-U: only T-PDUs (message type 0xff) of version 1 carry user packets; other messages are
 * signalling and leave the connection a plain UDP one (no event, as in Zeek).
 */
export declare function decodeGtpv1(d: Uint8Array, o: number, end: number, wireEnd: number, inner: DecodedPacket, sink: EventSink, options: DecodeOptions): boolean;
/** AYIYA (anything in anything): identity and signature lengths in the header, then IP. */
export declare function decodeAyiya(d: Uint8Array, o: number, end: number, wireEnd: number, inner: DecodedPacket, sink: EventSink, options: DecodeOptions): boolean;
