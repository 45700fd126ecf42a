/**
 * Link → IP → transport decoding of one captured packet into a reused `DecodedPacket`.
 *
 * Hot path rules: no allocation, no exception, no DataView. Every read is preceded by a length
 * check against `end` (bytes captured) so a short or lying packet can only make a decoder stop
 * early; reads past the end of a Uint8Array would not throw anyway, they would silently yield
 * `undefined`, which is why the checks come first. A problem in a header is a `ProtocolEvent`
 * named as Zeek names its weird (`truncated_IP`, `bad_TCP_checksum`, …) so the two can be
 * compared line by line; event objects and their detail strings are built only on that path.
 *
 * The order of the IP checks follows Zeek's IP analyzer, so the same broken packet gives the
 * same single event: a zero total length first (`ip_hdr_len_zero`, TCP segmentation offload),
 * then the wire length (`truncated_IP_len`), then the header length against the total, the
 * capture and the minimum.
 *
 * Tunnels (GRE, VXLAN, Teredo, IP-in-IP, …) are not followed here: tunnels.ts parses their
 * headers and packet-path.ts walks the layers. `decodeIp` decodes "an IP packet at offset o" of
 * any buffer, `decodeLinkAt` an Ethernet/802.11/PPP frame: the entry points a tunnel decoder,
 * or the fragment reassembler with a rebuilt datagram, calls for the inner packet. IP protocols
 * other than TCP, UDP and ICMP decode as far as the IP header (Zeek's `unknown_transport`),
 * except the tunnel protocols 4, 41 and 47, which return false with the payload located.
 */
import type { CapturedPacket, DecodedPacket, EventSink } from './packet.js';
export interface DecodeOptions {
    /**
     * Verify the IPv4 header checksum and the TCP/UDP/ICMP/ICMPv6 checksums (default true), as
     * Zeek does without `-C`. A bad IPv4 header checksum drops the packet (Zeek does the same); a
     * bad transport checksum sets `checksumOk = false` and leaves the decision to the caller.
     * Turn it off for captures taken on the sending host, where offload leaves checksums unset.
     */
    readonly verifyChecksums?: boolean;
    /**
     * Decode a packet that names its place in the reader's block (`CapturedPacket.bytes`, for
     * Ethernet and raw IP) there, without making its `data` view: `out.data` is then the block
     * and every offset indexes it. For callers that only index `out.data` (the packet path);
     * others keep offsets into `p.data` (default false).
     */
    readonly inPlace?: boolean;
}
/** True when `decodePacket` can decode packets of this link type (the reader reports others once). */
export declare function isDecodableLinkType(linkType: number): boolean;
/**
 * Decodes `p` into `out` (reset first). Returns true when an IP packet with a TCP, UDP, ICMP or
 * ICMPv6 header was decoded far enough to be tracked. When it returns false, `out.ipVersion`
 * still tells whether the IP layer was decoded (0 for ARP and other non-IP frames), and
 * `out.isFragment` marks a non-first fragment that the reassembler wants.
 */
export declare function decodePacket(p: CapturedPacket, out: DecodedPacket, onEvent: EventSink, options?: DecodeOptions): boolean;
/** Link layers a tunnel can carry (`decodeLinkAt`). */
export declare const InnerLink: {
    readonly Ethernet: 1;
    readonly Ieee80211: 2;
    readonly Ppp: 3;
};
export type InnerLink = (typeof InnerLink)[keyof typeof InnerLink];
/**
 * Decodes a frame of the given link layer at `d[o]` (captured to `end`, `wireEnd` long on the
 * wire) into `out` without resetting it: the entry point for frames inside tunnels.
 */
export declare function decodeLinkAt(link: InnerLink, d: Uint8Array, o: number, end: number, wireEnd: number, out: DecodedPacket, onEvent: EventSink, options?: DecodeOptions): boolean;
/**
 * Decodes the A-MSDU subframe at `o` (destination, source, length, then an LLC/SNAP MSDU,
 * padded to 4 bytes) and records where the next one starts in `out.nextSubframe`, so the caller
 * can decode every subframe of a frame as a packet of its own.
 */
export declare function decodeAmsduSubframe(d: Uint8Array, o: number, end: number, wireEnd: number, out: DecodedPacket, sink: EventSink, verify: boolean): boolean;
/** Bound on A-MSDU subframes per frame, for callers walking `nextSubframe`. */
export declare const AMSDU_SUBFRAME_LIMIT = 512;
/**
 * Decodes the A-MSDU subframe at `out.nextSubframe` of `out.data` into `out`, which the caller
 * has reset (keeping ts, fileOffset, data and the tunnel fields). False when there is none.
 */
export declare function decodeNextSubframe(out: DecodedPacket, onEvent: EventSink, options?: DecodeOptions): boolean;
/**
 * Decodes the IP packet at `d[o]` (captured up to `end`, `wireEnd` as long on the wire) and its
 * transport header into `out`. It does not reset `out`: ts, fileOffset and VLANs set by the
 * caller stay. This is the entry point for tunnel decoders and for reassembled datagrams.
 */
export declare function decodeIp(d: Uint8Array, o: number, end: number, wireEnd: number, out: DecodedPacket, onEvent: EventSink, options?: DecodeOptions): boolean;
