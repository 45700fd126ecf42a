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
export declare function communityId(addrWords: Uint32Array, proto: number, srcPort: number, dstPort: number, seed?: number): string;
/** The fields of a decoded packet the id needs (a `DecodedPacket` fits). */
export interface CommunityIdFlow {
    readonly addr: Uint32Array;
    readonly ipProto: number;
    readonly srcPort: number;
    readonly dstPort: number;
    readonly icmpType: number;
    readonly icmpCode: number;
}
/** `communityId` of a decoded packet: ICMP type/code stand in for the ports. */
export declare function communityIdOfPacket(packet: CommunityIdFlow, seed?: number): string;
