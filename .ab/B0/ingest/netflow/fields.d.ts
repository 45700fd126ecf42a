/**
 * Information elements the decoder maps into a `FlowRecord`, as small integer roles so the
 * record loop is one switch. NetFlow v9 field types 1–127 are the IPFIX elements of the same
 * number (RFC 7012 §4 kept them), so one table serves both; v9 vendor types above 127 that
 * collide with IPFIX numbers are read as IPFIX (Cisco ASA's 231/232/298/299 agree).
 */
export declare const Role: {
    readonly None: 0;
    readonly Src4: 1;
    readonly Dst4: 2;
    readonly Src6: 3;
    readonly Dst6: 4;
    readonly SrcPort: 5;
    readonly DstPort: 6;
    readonly Proto: 7;
    readonly Tos: 8;
    readonly TcpFlags: 9;
    readonly Bytes: 10;
    readonly Packets: 11;
    readonly BytesTotal: 12;
    readonly PacketsTotal: 13;
    readonly RevBytes: 14;
    readonly RevPackets: 15;
    readonly InputIf: 16;
    readonly OutputIf: 17;
    readonly SrcAs: 18;
    readonly DstAs: 19;
    readonly NextHop4: 20;
    readonly NextHop6: 21;
    readonly SrcMask: 22;
    readonly DstMask: 23;
    readonly Direction: 24;
    readonly FirstUptime: 25;
    readonly LastUptime: 26;
    readonly StartSec: 27;
    readonly EndSec: 28;
    readonly StartMs: 29;
    readonly EndMs: 30;
    readonly StartNtp: 31;
    readonly EndNtp: 32;
    readonly StartDeltaUs: 33;
    readonly EndDeltaUs: 34;
    readonly IcmpTypeCode: 35;
    readonly IcmpType: 36;
    readonly IcmpCode: 37;
    readonly SamplingInterval: 38;
    readonly SamplingPacketInterval: 39;
    readonly SamplingPacketSpace: 40;
    readonly SamplingSize: 41;
    readonly SamplingPopulation: 42;
    readonly SamplerId: 43;
    readonly SystemInitMs: 44;
    readonly BgpNextHop4: 45;
};
/** Role of an IANA (enterprise 0) element id / v9 field type. */
export declare const IANA_ROLES: Uint8Array;
/** RFC 5103 reverse-information elements: enterprise 29305, same ids as the forward ones. */
export declare const REVERSE_PEN = 29305;
/** Role of an enterprise-specific element (only RFC 5103 reverse counters are mapped). */
export declare function enterpriseRole(pen: number, id: number): number;
/** Field length that marks an IPFIX variable-length field (RFC 7011 §7). */
export declare const VARLEN = 65535;
