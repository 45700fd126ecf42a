/**
 * Information elements the decoder maps into a `FlowRecord`, as small integer roles so the
 * record loop is one switch. NetFlow v9 field types 1–127 are the IPFIX elements of the same
 * number (RFC 7012 §4 kept them), so one table serves both; v9 vendor types above 127 that
 * collide with IPFIX numbers are read as IPFIX (Cisco ASA's 231/232/298/299 agree).
 */
export const Role = {
    None: 0,
    Src4: 1,
    Dst4: 2,
    Src6: 3,
    Dst6: 4,
    SrcPort: 5,
    DstPort: 6,
    Proto: 7,
    Tos: 8,
    TcpFlags: 9,
    Bytes: 10,
    Packets: 11,
    BytesTotal: 12,
    PacketsTotal: 13,
    RevBytes: 14,
    RevPackets: 15,
    InputIf: 16,
    OutputIf: 17,
    SrcAs: 18,
    DstAs: 19,
    NextHop4: 20,
    NextHop6: 21,
    SrcMask: 22,
    DstMask: 23,
    Direction: 24,
    FirstUptime: 25,
    LastUptime: 26,
    StartSec: 27,
    EndSec: 28,
    StartMs: 29,
    EndMs: 30,
    StartNtp: 31,
    EndNtp: 32,
    StartDeltaUs: 33,
    EndDeltaUs: 34,
    IcmpTypeCode: 35,
    IcmpType: 36,
    IcmpCode: 37,
    SamplingInterval: 38,
    SamplingPacketInterval: 39,
    SamplingPacketSpace: 40,
    SamplingSize: 41,
    SamplingPopulation: 42,
    SamplerId: 43,
    SystemInitMs: 44,
    BgpNextHop4: 45,
};
/** Role of an IANA (enterprise 0) element id / v9 field type. */
export const IANA_ROLES = (() => {
    const r = new Uint8Array(65536);
    const set = (id, role) => {
        r[id] = role;
    };
    set(1, Role.Bytes); // octetDeltaCount / IN_BYTES
    set(2, Role.Packets); // packetDeltaCount / IN_PKTS
    set(4, Role.Proto); // protocolIdentifier / PROTOCOL
    set(5, Role.Tos); // ipClassOfService / SRC_TOS
    set(6, Role.TcpFlags); // tcpControlBits / TCP_FLAGS
    set(7, Role.SrcPort); // sourceTransportPort / L4_SRC_PORT
    set(8, Role.Src4); // sourceIPv4Address / IPV4_SRC_ADDR
    set(9, Role.SrcMask); // sourceIPv4PrefixLength / SRC_MASK
    set(10, Role.InputIf); // ingressInterface / INPUT_SNMP
    set(11, Role.DstPort); // destinationTransportPort / L4_DST_PORT
    set(12, Role.Dst4); // destinationIPv4Address / IPV4_DST_ADDR
    set(13, Role.DstMask); // destinationIPv4PrefixLength / DST_MASK
    set(14, Role.OutputIf); // egressInterface / OUTPUT_SNMP
    set(15, Role.NextHop4); // ipNextHopIPv4Address / IPV4_NEXT_HOP
    set(16, Role.SrcAs); // bgpSourceAsNumber / SRC_AS
    set(17, Role.DstAs); // bgpDestinationAsNumber / DST_AS
    set(18, Role.BgpNextHop4); // bgpNextHopIPv4Address / BGP_IPV4_NEXT_HOP
    set(21, Role.LastUptime); // flowEndSysUpTime / LAST_SWITCHED
    set(22, Role.FirstUptime); // flowStartSysUpTime / FIRST_SWITCHED
    set(27, Role.Src6); // sourceIPv6Address
    set(28, Role.Dst6); // destinationIPv6Address
    set(29, Role.SrcMask); // sourceIPv6PrefixLength
    set(30, Role.DstMask); // destinationIPv6PrefixLength
    set(32, Role.IcmpTypeCode); // icmpTypeCodeIPv4 / ICMP_TYPE
    set(34, Role.SamplingInterval); // samplingInterval / SAMPLING_INTERVAL
    set(48, Role.SamplerId); // samplerId / FLOW_SAMPLER_ID
    set(50, Role.SamplingInterval); // samplerRandomInterval / FLOW_SAMPLER_RANDOM_INTERVAL
    set(61, Role.Direction); // flowDirection / DIRECTION
    set(62, Role.NextHop6); // ipNextHopIPv6Address
    set(85, Role.BytesTotal); // octetTotalCount
    set(86, Role.PacketsTotal); // packetTotalCount
    set(139, Role.IcmpTypeCode); // icmpTypeCodeIPv6
    set(150, Role.StartSec); // flowStartSeconds
    set(151, Role.EndSec); // flowEndSeconds
    set(152, Role.StartMs); // flowStartMilliseconds
    set(153, Role.EndMs); // flowEndMilliseconds
    set(154, Role.StartNtp); // flowStartMicroseconds (NTP timestamp)
    set(155, Role.EndNtp); // flowEndMicroseconds
    set(156, Role.StartNtp); // flowStartNanoseconds
    set(157, Role.EndNtp); // flowEndNanoseconds
    set(158, Role.StartDeltaUs); // flowStartDeltaMicroseconds
    set(159, Role.EndDeltaUs); // flowEndDeltaMicroseconds
    set(160, Role.SystemInitMs); // systemInitTimeMilliseconds
    set(176, Role.IcmpType); // icmpTypeIPv4
    set(177, Role.IcmpCode); // icmpCodeIPv4
    set(178, Role.IcmpType); // icmpTypeIPv6
    set(179, Role.IcmpCode); // icmpCodeIPv6
    set(231, Role.Bytes); // initiatorOctets / NF_F_FWD_FLOW_DELTA_BYTES
    set(232, Role.RevBytes); // responderOctets / NF_F_REV_FLOW_DELTA_BYTES
    set(298, Role.Packets); // initiatorPackets
    set(299, Role.RevPackets); // responderPackets
    set(302, Role.SamplerId); // selectorId
    set(305, Role.SamplingPacketInterval); // samplingPacketInterval
    set(306, Role.SamplingPacketSpace); // samplingPacketSpace
    set(309, Role.SamplingSize); // samplingSize
    set(310, Role.SamplingPopulation); // samplingPopulation
    return r;
})();
/** RFC 5103 reverse-information elements: enterprise 29305, same ids as the forward ones. */
export const REVERSE_PEN = 29305;
/** Role of an enterprise-specific element (only RFC 5103 reverse counters are mapped). */
export function enterpriseRole(pen, id) {
    if (pen !== REVERSE_PEN)
        return Role.None;
    if (id === 1 || id === 85)
        return Role.RevBytes;
    if (id === 2 || id === 86)
        return Role.RevPackets;
    return Role.None;
}
/** Field length that marks an IPFIX variable-length field (RFC 7011 §7). */
export const VARLEN = 65535;
//# sourceMappingURL=fields.js.map