import { type DecodeResult, type NetflowLimits, type NetflowStats } from './types.js';
export declare class NetflowDecoder {
    private readonly limits;
    private readonly exporters;
    private pending;
    private pendingBytes;
    private pendingDropped;
    private templatesEvicted;
    private templatesReplaced;
    private readonly eventsByCode;
    private out;
    private recordIndex;
    private eventsThisDatagram;
    private exporter;
    private receivedTs;
    private sFirstUp;
    private sLastUp;
    private sStartMs;
    private sEndMs;
    private sBytes;
    private sPackets;
    private sBytesTotal;
    private sPacketsTotal;
    private sIcmpType;
    private sIcmpCode;
    private sIcmpTypeCode;
    private sSamplerId;
    private sInterval;
    private sPktInterval;
    private sPktSpace;
    private sSize;
    private sPopulation;
    private sSysInit;
    private sBgpNextHop;
    constructor(limits?: Partial<NetflowLimits>);
    /** Decodes one export datagram (a UDP payload) from `exporter`, received at `receivedTs` (unix s). */
    decode(datagram: Uint8Array, exporter: string, receivedTs: number): DecodeResult;
    /** Counts and sizes, for summaries and for tests of the bounds. */
    stats(): NetflowStats;
    private event;
    private exporterState;
    private domainState;
    private checkSequence;
    private decodeV5;
    /** ms between a sysUptime-relative time and the export's sysUptime, 32-bit wrap handled. */
    private age;
    private newFlow;
    private decodeV9;
    /** Walks the sets of a v9 packet or IPFIX message; returns data records decoded, -1 if some set was not decodable. */
    private walkSets;
    private templateSet;
    private withdraw;
    private install;
    private hold;
    private releasePending;
    private dropPendingOf;
    /** Decodes the records of one data set; returns their number, or -1 when the template is missing. */
    private dataSet;
    private resetScratch;
    /** Decodes one flow record at `p`; returns the offset after it, or -1 when cut short. */
    private flowRecord;
    private apply;
    /** Roles shared by flow and options records (times, ICMP, sampling). */
    private applyCommon;
    /** The sampling rate the scratch values give, NaN when they give none. */
    private scratchRate;
    private finish;
    /** A sysUptime-relative time (ms) to unix ms: v9 via the header, IPFIX via systemInitTimeMilliseconds. */
    private uptimeToMs;
    private optionsRecord;
    private decodeIpfix;
}
