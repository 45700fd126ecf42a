/**
 * Connection tracking with Zeek's semantics: decoded packets in, conn.log records out.
 *
 * What Zeek does and we follow (see docs/formats.md, "Captures"): the originator is the sender
 * of the first packet unless the port heuristic flips it (a packet from a likely server port to
 * a port that is not one; `^` in the history); TCP endpoints walk Zeek's endpoint states and
 * `conn_state` is derived from the pair exactly as Zeek's conn script derives it; payload byte
 * counts come from sequence numbers; `history` letters are recorded once per direction (SYN,
 * FIN and RST again when at a new sequence number; retransmissions, zero windows and checksum
 * errors at 1, 10, 100, … occurrences). Connections end on Zeek's timers, in capture time: a
 * SYN left unanswered for 5 s, 5 s after a close completes, and inactivity (TCP 5 min, UDP and
 * ICMP 1 min); a SYN on a closed connection, or with a new initial sequence number, starts a new
 * one. Duration and byte counts are unset for single-instant connections, as in Zeek.
 *
 * TCP payload goes through per-direction stream reassembly (reassembly.ts) with Zeek's
 * content-gap rules: bytes the peer acknowledged but that were never seen are a gap, counted
 * as `G`/`g` (at 1, 10, 100, … gaps) and in `missed_bytes` while both endpoints are established
 * or closing cleanly. In-order bytes go to the connection's app analyzer (app/dispatch.ts),
 * which detects the protocol by content; `service` lists the protocols whose parsers accepted
 * the content, in that order. A connection nobody parses keeps no payload bytes. Memory is
 * bounded by `maxConnections` (default 200 000, about 0.5 GB: when full, the connection idle the
 * longest is ended early, in O(1), and counted) and by the reassembly limits. Timers are checked once per
 * second of capture time, on the connections a heap keyed by (a lower bound of) their deadline
 * yields: O(log open connections) per connection whose deadline passed or came closer.
 */
import { fmix32, formatAddress } from '../../shared/addr.js';
import { communityId } from './community-id.js';
import { IpProto, TcpFlag } from './packet.js';
import { DirectionStatsAccumulator } from './packet-stats.js';
import { DEFAULT_REASSEMBLY_LIMITS, ReassemblyBudget, TcpReassembler, } from './reassembly.js';
import { EndpointState, SCALED_LETTER, Scaled, seqDelta, TcpEndpoint } from './tcp-endpoint.js';
/**
 * Ports Zeek's default scripts register analyzers for (so `likely_server_ports` holds them);
 * the direction heuristic only needs the common ones.
 */
export const DEFAULT_LIKELY_SERVER_PORTS = new Set([
    21, 22, 23, 25, 53, 67, 69, 80, 81, 88, 102, 110, 111, 123, 135, 137, 138, 139, 143, 161, 162, 389, 443,
    445, 465, 502, 514, 563, 585, 587, 614, 636, 989, 990, 992, 993, 994, 995, 1080, 1194, 1433, 1812, 1813,
    2123, 2152, 2404, 2811, 3128, 3306, 3389, 3544, 4500, 4789, 5060, 5061, 5072, 5222, 5269, 5353, 5355, 6379,
    6081, 6666, 6667, 6668, 6669, 8000, 8080, 8081, 8443, 8888, 20000, 47808,
]);
export const DEFAULT_CONN_TRACKER_OPTIONS = Object.freeze({
    tcpAttemptDelay: 5,
    tcpCloseDelay: 5,
    tcpConnectionLinger: 5,
    tcpInactivityTimeout: 300,
    udpInactivityTimeout: 60,
    icmpInactivityTimeout: 60,
    dnsSessionTimeout: 10,
    maxConnections: 200_000,
    likelyServerPorts: DEFAULT_LIKELY_SERVER_PORTS,
    communityIdSeed: 0,
    reassembly: DEFAULT_REASSEMBLY_LIMITS,
    reassemblyBudgetBytes: 64 * 1024 * 1024,
});
/** Zeek's history bits (orig; responder bits are shifted left by 16). */
const Hist = {
    Syn: 0x1,
    Fin: 0x2,
    Rst: 0x4,
    FinRst: 0x8,
    Data: 0x10,
    Ack: 0x20,
    MultiFlag: 0x40,
};
/** UDP's own history bits (Zeek's UDP analyzer): data and bad checksums per direction. */
const UdpHist = { OrigData: 0x1, RespData: 0x2, OrigCorrupt: 0x4, RespCorrupt: 0x8 };
/** ICMP request/reply pairs: type → the type of its counterpart (absent: a one-way message). */
const ICMP4_COUNTERPART = new Map([
    [8, 0],
    [0, 8],
    [13, 14],
    [14, 13],
    [15, 16],
    [16, 15],
    [17, 18],
    [18, 17],
    [10, 9],
    [9, 10],
]);
const ICMP6_COUNTERPART = new Map([
    [128, 129],
    [129, 128],
    [133, 134],
    [134, 133],
    [135, 136],
    [136, 135],
    [130, 131],
    [131, 130],
    [139, 140],
    [140, 139],
    [144, 145],
    [145, 144],
]);
/** An intrusive doubly linked list of connections: O(1) append, unlink and oldest. */
class IdleList {
    oldest;
    newest;
    append(c) {
        c.idlePrev = this.newest;
        c.idleNext = undefined;
        if (this.newest)
            this.newest.idleNext = c;
        else
            this.oldest = c;
        this.newest = c;
    }
    all() {
        const out = [];
        for (let c = this.oldest; c !== undefined; c = c.idleNext)
            out.push(c);
        return out;
    }
    unlink(c) {
        if (c.idlePrev)
            c.idlePrev.idleNext = c.idleNext;
        else if (this.oldest === c)
            this.oldest = c.idleNext;
        else
            return; // not in the list
        if (c.idleNext)
            c.idleNext.idlePrev = c.idlePrev;
        else
            this.newest = c.idlePrev;
        c.idlePrev = undefined;
        c.idleNext = undefined;
    }
}
class Connection {
    tracker;
    idlePrev = undefined;
    idleNext = undefined;
    hash = 0;
    hashNext = undefined;
    /** Place in the tracker's timer heap (-1: not in it yet, FINISHED: ended). */
    timerIndex = -1;
    /** The heap's key: at most the time `ConnTracker.deadline` gives (see `expire`). */
    timerKey = Number.POSITIVE_INFINITY;
    /** ICMP without a counterpart type: matched in the direction it was sent only. */
    oneWay = false;
    uid;
    ipProto;
    origAddr = new Uint32Array(4);
    respAddr = new Uint32Array(4);
    origPort = 0;
    respPort = 0;
    startTs;
    lastTs;
    /** Time of the last packet of any kind (inactivity is measured from it). */
    lastPacketTs;
    history = '';
    histSeen = 0;
    /** Swapped, not copied, when Zeek's SYN/SYN-ACK reversal flips the roles. */
    orig = new TcpEndpoint();
    resp = new TcpEndpoint();
    /** UDP/ICMP payload bytes per direction; -1 = no packet yet (Zeek's inactive endpoint). */
    origLength = -1;
    respLength = -1;
    origPkts = 0;
    origIpBytes = 0;
    respPkts = 0;
    respIpBytes = 0;
    /** Packet statistics per direction, kept with the packet counts above. */
    origStats = new DirectionStatsAccumulator();
    respStats = new DirectionStatsAccumulator();
    vlan = 0;
    innerVlan = 0;
    lastFromOrig = true;
    tunnelService = '';
    tunnelFlags = 0;
    tunnelParents = undefined;
    /** Capture time after which the connection is over (Zeek's timers); Infinity: none pending. */
    closeDeadline = Number.POSITIVE_INFINITY;
    attemptDeadline = Number.POSITIVE_INFINITY;
    /** Zeek's is_partial (a direction's first packet was not the handshake's), and the directions seen. */
    isPartial = false;
    firstPacketSeen = 0;
    /** Zeek's missed_bytes: content gaps while both endpoints were established or closing cleanly. */
    missedBytes = 0;
    /** The app-layer analyzer: undefined until the first payload, null when nothing reads it. */
    app;
    /** Capture time of the packet being processed (for deliveries and events). */
    ts;
    constructor(tracker, uid, ipProto, ts) {
        this.tracker = tracker;
        this.uid = uid;
        this.ipProto = ipProto;
        this.startTs = ts;
        this.lastTs = ts;
        this.lastPacketTs = ts;
        this.ts = ts;
    }
    /** The uid and tuple as the logs print them (the roles as they stand now). */
    identity() {
        return {
            uid: this.uid,
            proto: this.ipProto === IpProto.Tcp
                ? 'tcp'
                : this.ipProto === IpProto.Icmp || this.ipProto === IpProto.Icmp6
                    ? 'icmp'
                    : 'udp',
            origH: formatAddress(this.origAddr),
            origP: this.origPort,
            respH: formatAddress(this.respAddr),
            respP: this.respPort,
        };
    }
    isOrigStream(r) {
        return r === this.orig.contents;
    }
    deliver(r, bytes, ts) {
        if (!this.app)
            return;
        this.app.stream(this.isOrigStream(r), bytes, ts);
        this.syncWants();
    }
    gap(r, _seq, len) {
        const isOrig = this.isOrigStream(r);
        const endpoint = isOrig ? this.orig : this.resp;
        const peer = isOrig ? this.resp : this.orig;
        // Zeek counts gaps only while both endpoints are established or closing cleanly: elsewhere
        // they come from sequence confusion (RSTs, partial connections).
        if (isClean(endpoint) && isClean(peer)) {
            if (endpoint.scaled(Scaled.Gap))
                this.history += isOrig ? 'G' : 'g';
            this.missedBytes += len;
        }
        if (this.app) {
            this.app.streamGap(isOrig, len);
            this.syncWants();
        }
    }
    lost(r, len) {
        if (!this.app)
            return;
        this.app.streamGap(this.isOrigStream(r), len);
        this.syncWants();
    }
    event(name, detail) {
        this.tracker.connWeird(name, this.ts, `${this.uid}: ${detail}`);
    }
    peerActive(r) {
        const peer = this.isOrigStream(r) ? this.resp : this.orig;
        return peer.state !== EndpointState.Inactive;
    }
    /** Keeps the bytes of a direction only while the app reads it (it may start again: STARTTLS). */
    syncWants() {
        const app = this.app;
        for (const r of [this.orig.contents, this.resp.contents]) {
            if (r === undefined)
                continue;
            const wants = app?.wants(r === this.orig.contents) === true;
            if (r.keepData && !wants)
                r.dropData();
            else if (!r.keepData && wants)
                r.keepData = true;
        }
    }
    /** Adds a letter the first time its bit is seen; returns whether it had been seen. */
    checkHistory(mask, code) {
        if ((this.histSeen & mask) === 0) {
            this.histSeen |= mask;
            this.history += code;
            return false;
        }
        return true;
    }
}
export class ConnTracker {
    options;
    onRecord;
    onEvent;
    nextSweep = Number.NEGATIVE_INFINITY;
    apps;
    evictedEarly = 0;
    /** Memory and loss counters of the stream reassembly (bytes held now, at most, dropped). */
    reassembly;
    /** Open connections, least recently active first. */
    idle = new IdleList();
    /** Open connections by tuple hash; a collision chains through `Connection.hashNext`. */
    table = new Map();
    /** Open connections in a binary min-heap by `timerKey`, for `expire`. */
    timers = [];
    openCount = 0;
    constructor(onRecord, onEvent, options = {}, apps) {
        this.options = { ...DEFAULT_CONN_TRACKER_OPTIONS, ...options };
        this.onRecord = onRecord;
        this.onEvent = onEvent;
        this.apps = apps;
        this.reassembly = new ReassemblyBudget(this.options.reassemblyBudgetBytes);
    }
    get openConnections() {
        return this.openCount;
    }
    /** The open connection of this packet's tuple, either direction (one-way ICMP: this one). */
    find(hash, proto, a, sp, dp) {
        for (let c = this.table.get(hash); c !== undefined; c = c.hashNext) {
            if (c.ipProto !== proto)
                continue;
            if (sentByOrig(c, a, 0, 4, sp, dp) || (!c.oneWay && sentByOrig(c, a, 4, 0, dp, sp)))
                return c;
        }
        return undefined;
    }
    unlinkHash(conn) {
        const head = this.table.get(conn.hash);
        if (head === conn) {
            if (conn.hashNext === undefined)
                this.table.delete(conn.hash);
            else
                this.table.set(conn.hash, conn.hashNext);
        }
        else {
            let c = head;
            while (c !== undefined && c.hashNext !== conn)
                c = c.hashNext;
            if (c !== undefined)
                c.hashNext = conn.hashNext;
        }
        conn.hashNext = undefined;
    }
    /**
     * Feeds one decoded packet (an IP packet with its transport header). `data` is the buffer the
     * packet's offsets index (the captured packet's bytes); without it no payload reaches the
     * app-layer parsers.
     */
    observe(p, data) {
        const ts = p.ts;
        if (ts >= this.nextSweep) {
            this.expire(ts);
            this.nextSweep = ts + 1;
        }
        const proto = p.ipProto;
        let srcPort = p.srcPort;
        let dstPort = p.dstPort;
        let oneWay = false;
        if (proto === IpProto.Icmp || proto === IpProto.Icmp6) {
            const table = proto === IpProto.Icmp ? ICMP4_COUNTERPART : ICMP6_COUNTERPART;
            srcPort = p.icmpType;
            const counterpart = table.get(p.icmpType);
            oneWay = counterpart === undefined;
            dstPort = counterpart ?? p.icmpCode;
        }
        else if (proto !== IpProto.Tcp && proto !== IpProto.Udp) {
            srcPort = 0;
            dstPort = 0;
        }
        const a = p.addr;
        // One hash per packet, the same for both directions (the endpoints' hashes are added), so
        // both directions meet; one-way ICMP keeps its direction because its "ports" are (type,
        // code). No string is built per packet: the key string is made once, for the uid.
        const hash = connHash(proto, a, srcPort, dstPort);
        let conn = this.find(hash, proto, a, srcPort, dstPort);
        if (conn !== undefined && this.isOver(conn, ts)) {
            this.finish(conn);
            conn = undefined;
        }
        if (conn !== undefined && proto === IpProto.Tcp && this.isReuse(conn, p)) {
            this.finish(conn);
            conn = undefined;
        }
        if (conn === undefined) {
            conn = this.open(hash, oneWay, p, srcPort, dstPort);
        }
        const isOrig = sentByOrig(conn, a, 0, 4, srcPort, dstPort);
        conn.lastPacketTs = ts;
        conn.ts = ts;
        conn.lastFromOrig = isOrig;
        if (p.tunnelUid !== '')
            addTunnelParent(conn, p.tunnelUid);
        if (conn !== this.idle.newest) {
            // Most recently active last: the list's head is the connection idle the longest, so
            // eviction is O(1). (A Map's first entry is not: it walks over deleted slots.)
            this.idle.unlink(conn);
            this.idle.append(conn);
        }
        const tracked = this.update(conn, isOrig, p, data);
        this.schedule(conn);
        return tracked ? conn : undefined;
    }
    /** The packet's effect on its connection; false when its checksum was bad. */
    update(conn, isOrig, p, data) {
        const proto = p.ipProto;
        const ts = p.ts;
        if (proto === IpProto.Tcp) {
            if (!p.checksumOk) {
                this.scaledHistory(conn, isOrig, Scaled.Checksum);
                return false;
            }
            this.countPacket(conn, isOrig, p, data);
            this.tcp(conn, isOrig, p, data);
        }
        else {
            if (!p.checksumOk) {
                conn.checkHistory(isOrig ? UdpHist.OrigCorrupt : UdpHist.RespCorrupt, isOrig ? 'C' : 'c');
                this.countPacket(conn, isOrig, p, data);
                return false;
            }
            this.countPacket(conn, isOrig, p, data);
            conn.lastTs = ts;
            // Zeek counts no payload bytes for protocols it has no transport analyzer for.
            const length = PROTO_NAME[proto] === undefined ? 0 : Math.max(0, p.payloadClaimed);
            if (isOrig) {
                if (proto === IpProto.Udp)
                    conn.checkHistory(UdpHist.OrigData, 'D');
                conn.origLength = conn.origLength < 0 ? length : conn.origLength + length;
            }
            else {
                if (proto === IpProto.Udp)
                    conn.checkHistory(UdpHist.RespData, 'd');
                conn.respLength = conn.respLength < 0 ? length : conn.respLength + length;
            }
            if (proto === IpProto.Udp && data !== undefined && p.payloadLength > 0)
                this.datagram(conn, isOrig, p, data);
            else if (data !== undefined && p.payloadLength > 0 && isEcho(proto, p.icmpType))
                this.echoData(conn, isOrig, p, data);
        }
        return true;
    }
    /** A UDP payload to the connection's app analyzer (bounded by the UDP length, as Zeek does). */
    datagram(conn, isOrig, p, data) {
        if (conn.app === undefined)
            conn.app = this.apps?.open(conn.identity(), p.ts, false) ?? null;
        if (conn.app === null)
            return;
        const start = p.payloadOffset;
        const udpLength = start >= 4 ? (data[start - 4] << 8) | data[start - 3] : 0;
        const end = Math.min(start + p.payloadLength, start - 8 + udpLength, data.length);
        if (end <= start)
            return;
        conn.app.datagram(isOrig, data.subarray(start, end), p.ts);
    }
    /** An ICMP echo request's or reply's data to the connection's app (payload inspection). */
    echoData(conn, isOrig, p, data) {
        if (conn.app === undefined)
            conn.app = this.apps?.open(conn.identity(), p.ts, false) ?? null;
        if (conn.app === null)
            return;
        const start = p.payloadOffset;
        const end = Math.min(start + p.payloadLength, start + Math.max(0, p.payloadClaimed), data.length);
        if (end > start)
            conn.app.datagram(isOrig, data.subarray(start, end), p.ts);
    }
    /** A weird about a connection's stream (reassembly), reported like the tracker's own. */
    connWeird(name, ts, detail) {
        this.weird(name, ts, detail);
    }
    /** Ends every open connection (end of input) and reports them. */
    flush() {
        const open = this.idle.all().sort((x, y) => x.startTs - y.startTs || (x.uid < y.uid ? -1 : 1));
        for (const conn of open)
            this.finish(conn);
    }
    open(hash, oneWay, p, srcPort, dstPort) {
        if (this.openCount >= this.options.maxConnections)
            this.evictOldest();
        const key = connKey(p.ipProto, p.addr, srcPort, dstPort, oneWay);
        const uid = makeUid(key, p.ts);
        const conn = new Connection(this, uid, p.ipProto, p.ts);
        if (p.ipProto === IpProto.Tcp) {
            const limits = this.options.reassembly;
            conn.orig.contents = new TcpReassembler(conn, this.reassembly, limits);
            conn.resp.contents = new TcpReassembler(conn, this.reassembly, limits);
        }
        else if (isEcho(p.ipProto, p.icmpType)) {
            // Whether echo data changes from packet to packet (packet-stats.ts): ping's does not.
            conn.origStats.watchVariants();
            conn.respStats.watchVariants();
        }
        let flip = false;
        const likely = this.options.likelyServerPorts;
        if (p.ipProto === IpProto.Tcp) {
            const flags = p.tcpFlags;
            if ((flags & TcpFlag.Syn) === 0 || (flags & TcpFlag.Ack) !== 0) {
                if (likely.has(srcPort)) {
                    flip = likely.has(dstPort) ? (flags & TcpFlag.Syn) === 0 && srcPort < dstPort : true;
                }
            }
        }
        else if (p.ipProto === IpProto.Udp) {
            flip = likely.has(srcPort) && !likely.has(dstPort);
        }
        const a = p.addr;
        if (flip) {
            conn.origAddr.set(a.subarray(4, 8));
            conn.respAddr.set(a.subarray(0, 4));
            conn.origPort = dstPort;
            conn.respPort = srcPort;
            conn.history = '^';
        }
        else {
            conn.origAddr.set(a.subarray(0, 4));
            conn.respAddr.set(a.subarray(4, 8));
            conn.origPort = srcPort;
            conn.respPort = dstPort;
        }
        conn.vlan = p.vlan;
        conn.innerVlan = p.innerVlan;
        conn.oneWay = oneWay;
        conn.hash = hash;
        conn.hashNext = this.table.get(hash);
        this.table.set(hash, conn);
        this.openCount++;
        this.idle.append(conn);
        return conn;
    }
    countPacket(conn, isOrig, p, data) {
        if (isOrig) {
            conn.origPkts++;
            conn.origIpBytes += p.ipLength;
        }
        else {
            conn.respPkts++;
            conn.respIpBytes += p.ipLength;
        }
        (isOrig ? conn.origStats : conn.respStats).add(p.ipLength, p.ttl, p.fragments, data, p.payloadOffset, p.payloadLength);
    }
    /** Counts a scaled history event and adds its letter at 1, 10, 100, … occurrences. */
    scaledHistory(conn, isOrig, kind) {
        const endpoint = isOrig ? conn.orig : conn.resp;
        if (endpoint.scaled(kind))
            conn.history += isOrig ? SCALED_LETTER[kind] : SCALED_LETTER_RESP[kind];
    }
    /** A SYN that starts a new connection on the same tuple (Zeek's IsReuse). */
    isReuse(conn, p) {
        const flags = p.tcpFlags;
        if ((flags & TcpFlag.Syn) === 0)
            return false;
        let connOrig = conn.orig;
        if ((flags & TcpFlag.Ack) !== 0) {
            if (conn.orig.state !== EndpointState.Inactive)
                return false;
            connOrig = conn.resp;
        }
        const closed = conn.orig.isClosedOrReset || conn.resp.isClosedOrReset;
        if (!closed) {
            if (p.seq >>> 0 === connOrig.startSeq)
                return false;
            if ((flags & TcpFlag.Ack) === 0 &&
                connOrig.state === EndpointState.SynAckSent &&
                conn.resp.state === EndpointState.Inactive &&
                p.seq >>> 0 === conn.resp.startSeq) {
                return false;
            }
        }
        return true;
    }
    tcp(conn, isOrig, p, data) {
        const flags = p.tcpFlags;
        const syn = (flags & TcpFlag.Syn) !== 0;
        const fin = (flags & TcpFlag.Fin) !== 0;
        const rst = (flags & TcpFlag.Rst) !== 0;
        const ack = (flags & TcpFlag.Ack) !== 0;
        const len = Math.max(0, p.payloadClaimed);
        const ts = p.ts;
        const endpoint = isOrig ? conn.orig : conn.resp;
        const peer = isOrig ? conn.resp : conn.orig;
        const baseSeq = p.seq >>> 0;
        const ackSeq = p.ack >>> 0;
        // Zeek's SetPartialStatus: a direction whose first packet is not its handshake packet.
        const seenBit = isOrig ? 1 : 2;
        if ((conn.firstPacketSeen & seenBit) === 0) {
            if (isOrig)
                conn.isPartial = !syn || ack;
            else if (!conn.isPartial)
                conn.isPartial = !syn;
            conn.firstPacketSeen |= seenBit;
        }
        let segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        if (rst)
            segLen -= len;
        const onePast = (baseSeq + segLen) >>> 0;
        initEndpoint(endpoint, syn, baseSeq, onePast);
        const relSeq = relativeSeq(endpoint, baseSeq, endpoint.lastSeq, endpoint.seqWraps);
        const seqUnderflow = relSeq < 0;
        if (seqUnderflow && !rst)
            this.weird('TCP_seq_underflow_or_misorder', ts, `${conn.uid}: seq before the endpoint's start`);
        this.history(conn, isOrig, endpoint, flags, relSeq, len);
        // Zero windows are boring with or after a RST, or after the peer's FIN.
        if (p.window === 0 &&
            !rst &&
            peer.state !== EndpointState.Closed &&
            endpoint.state !== EndpointState.Reset) {
            this.scaledHistory(conn, isOrig, Scaled.ZeroWindow);
        }
        if (!conn.orig.didClose || !conn.resp.didClose)
            conn.lastTs = ts;
        if (fin) {
            endpoint.finCount++;
            endpoint.finSeq = relSeq + segLen;
        }
        if (rst)
            endpoint.rstCount++;
        let relAck = 0;
        if (ack) {
            if (peer.state === EndpointState.Inactive) {
                relAck = 1;
                peer.initStartSeq(ackSeq - 1);
                peer.initAckSeq(ackSeq - 1);
                peer.initLastSeq(ackSeq - 1);
            }
            else {
                relAck = relativeSeq(peer, ackSeq, peer.ackSeq, peer.ackWraps);
                if (relAck < 0) {
                    relAck = 0;
                    this.weird('TCP_ack_underflow_or_misorder', ts, `${conn.uid}: ack before the peer's start`);
                }
                else if (!rst)
                    updateAckSeq(peer, ackSeq);
            }
        }
        const deltaLast = updateLastSeq(endpoint, onePast, flags, len);
        if (deltaLast === RETRANSMIT)
            this.scaledHistory(conn, isOrig, Scaled.Retransmit);
        const closing = this.stateMachine(conn, endpoint, peer, isOrig, flags, baseSeq, len, deltaLast, ts);
        // After the state machine, as Zeek does, so a gap revealed by a FIN's or RST's ack is judged
        // against the closing state.
        if (ack)
            peer.contents?.ackReceived(ts, relAck, peer.finCount, peer.finSeq, conn.isPartial);
        const contents = endpoint.contents;
        if (len > 0 && !rst && !seqUnderflow && contents !== undefined) {
            if (p.payloadLength < len) {
                this.weird('truncated_tcp_payload', ts, `${conn.uid}: ${p.payloadLength} of ${len} payload bytes captured`);
            }
            else if (!contents.skip) {
                if (conn.app === undefined && data !== undefined) {
                    conn.app = this.apps?.open(conn.identity(), ts, conn.isPartial) ?? null;
                    if (conn.app !== null) {
                        conn.orig.contents.keepData = conn.app.wants(true);
                        conn.resp.contents.keepData = conn.app.wants(false);
                    }
                }
                const payload = contents.keepData && data !== undefined
                    ? data.subarray(p.payloadOffset, p.payloadOffset + len)
                    : rangeOnly(len);
                contents.dataSent(ts, syn ? relSeq + 1 : relSeq, payload, endpoint.toRelative(endpoint.ackSeq, endpoint.ackWraps), endpoint.noDataAcked(), endpoint.size(peer));
            }
        }
        if (closing && !endpoint.didClose)
            this.closed(conn, endpoint, peer);
    }
    history(conn, isOrig, endpoint, flags, relSeq, len) {
        const shift = isOrig ? 0 : 16;
        const syn = (flags & TcpFlag.Syn) !== 0;
        const fin = (flags & TcpFlag.Fin) !== 0;
        const rst = (flags & TcpFlag.Rst) !== 0;
        const bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst)
                conn.checkHistory(Hist.FinRst << shift, isOrig ? 'I' : 'i');
            else
                conn.checkHistory(Hist.MultiFlag << shift, isOrig ? 'Q' : 'q');
        }
        else if (bits === 1) {
            if (syn) {
                const code = (flags & TcpFlag.Ack) !== 0 ? (isOrig ? 'H' : 'h') : isOrig ? 'S' : 's';
                if (conn.checkHistory(Hist.Syn << shift, code) && relSeq !== endpoint.histLastSyn)
                    conn.history += code;
                endpoint.histLastSyn = relSeq;
            }
            if (fin) {
                // A FIN's sequence number comes after the packet's data.
                const code = isOrig ? 'F' : 'f';
                if (conn.checkHistory(Hist.Fin << shift, code) && relSeq + len !== endpoint.histLastFin) {
                    conn.history += code;
                }
                endpoint.histLastFin = relSeq + len;
            }
            if (rst) {
                const code = isOrig ? 'R' : 'r';
                if (conn.checkHistory(Hist.Rst << shift, code) && relSeq !== endpoint.histLastRst) {
                    conn.history += code;
                }
                endpoint.histLastRst = relSeq;
            }
        }
        else if (len > 0) {
            conn.checkHistory(Hist.Data << shift, isOrig ? 'D' : 'd');
        }
        else if ((flags & TcpFlag.Ack) !== 0) {
            conn.checkHistory(Hist.Ack << shift, isOrig ? 'A' : 'a');
        }
    }
    /** Zeek's endpoint state machine; returns whether this packet closes the endpoint. */
    stateMachine(conn, endpoint, peer, isOrig, flags, baseSeq, len, deltaLast, ts) {
        const syn = (flags & TcpFlag.Syn) !== 0;
        const fin = (flags & TcpFlag.Fin) !== 0;
        const rst = (flags & TcpFlag.Rst) !== 0;
        const ack = (flags & TcpFlag.Ack) !== 0;
        let close = false;
        switch (endpoint.state) {
            case EndpointState.Inactive: {
                if (syn) {
                    if (isOrig) {
                        endpoint.setState(ack ? EndpointState.SynAckSent : EndpointState.SynSent);
                        conn.attemptDeadline = ts + this.options.tcpAttemptDelay;
                    }
                    else {
                        if (!ack && peer.state === EndpointState.SynAckSent && baseSeq === endpoint.startSeq) {
                            // A SYN/SYN-ACK reversal (two interfaces, interrupt coalescing): flip and establish.
                            conn.isPartial = false;
                            flipRoles(conn);
                            peer.setState(EndpointState.Established);
                        }
                        if (peer.state === EndpointState.SynSent)
                            peer.setState(EndpointState.Established);
                        endpoint.setState(EndpointState.Established);
                    }
                }
                if (fin) {
                    endpoint.setState(EndpointState.Closed);
                    close = true;
                }
                if (rst) {
                    endpoint.setState(EndpointState.Reset);
                    close = true;
                }
                if (endpoint.state === EndpointState.Inactive) {
                    if (!isOrig && len === 0 && conn.orig.state === EndpointState.SynSent) {
                        // Some stacks ACK a SYN before their SYN-ACK: not a partial connection.
                    }
                    else if (ack && peer.state === EndpointState.Established) {
                        endpoint.setState(EndpointState.Established);
                        conn.isPartial = false;
                    }
                    else {
                        endpoint.setState(EndpointState.Partial);
                    }
                }
                break;
            }
            case EndpointState.SynSent:
            case EndpointState.SynAckSent: {
                if (fin) {
                    endpoint.setState(EndpointState.Closed);
                    close = true;
                }
                if (rst) {
                    endpoint.setState(EndpointState.Reset);
                    close = true;
                }
                else if (len > 0) {
                    this.weird('data_before_established', ts, `${len} bytes before the handshake completed`);
                }
                break;
            }
            case EndpointState.Established:
            case EndpointState.Partial: {
                if (syn &&
                    endpoint.state === EndpointState.Partial &&
                    peer.state === EndpointState.Inactive &&
                    !ack) {
                    endpoint.setState(EndpointState.SynSent);
                }
                if (fin && !rst) {
                    endpoint.setState(EndpointState.Closed);
                    if (peer.state === EndpointState.Reset && peer.prevState === EndpointState.Closed) {
                        // The peer sent FIN then RST: a normal termination.
                        peer.setState(EndpointState.Closed);
                    }
                    close = true;
                }
                if (rst) {
                    endpoint.setState(EndpointState.Reset);
                    close = true;
                }
                break;
            }
            case EndpointState.Closed: {
                if (rst && peer.state !== EndpointState.Closed) {
                    endpoint.setState(EndpointState.Reset);
                    if (!endpoint.didClose)
                        close = true;
                }
                if (fin && deltaLast > 0)
                    this.weird('FIN_advanced_last_seq', ts, 'FIN after close moved the sequence');
                break;
            }
            case EndpointState.Reset: {
                if (len > 0 && !rst)
                    this.weird('data_after_reset', ts, `${len} bytes after RST`);
                break;
            }
        }
        return close;
    }
    /** An endpoint closed (FIN or RST): Zeek's ConnectionClosed and its timers. */
    closed(conn, endpoint, peer) {
        endpoint.didClose = true;
        const complete = endpoint.state === EndpointState.Reset || peer.didClose || peer.state === EndpointState.Inactive;
        if (complete)
            conn.closeDeadline = conn.lastTs + this.options.tcpCloseDelay;
    }
    weird(name, ts, detail) {
        this.onEvent({ name, ts, fileOffset: -1, detail });
    }
    /** Whether the connection's timers ended it before capture time t. */
    isOver(conn, t) {
        return t > this.deadline(conn);
    }
    /**
     * The capture time after which the connection's timers have ended it (Zeek's timers: close,
     * attempt, linger, inactivity): `isOver(conn, t)` is `t > deadline(conn)`. Every timer is a
     * condition on the connection's state, which only its own packets change, and a time, so
     * the deadline holds until the connection's next packet.
     */
    deadline(conn) {
        const o = this.options;
        let d = conn.closeDeadline;
        if (conn.ipProto === IpProto.Tcp) {
            const orig = conn.orig;
            const resp = conn.resp;
            if (conn.attemptDeadline < d &&
                (orig.state === EndpointState.SynSent || orig.state === EndpointState.SynAckSent) &&
                resp.state === EndpointState.Inactive) {
                d = conn.attemptDeadline;
            }
            if ((orig.didClose || resp.didClose) &&
                ((orig.didClose && resp.didClose) ||
                    orig.state === EndpointState.Reset ||
                    resp.state === EndpointState.Reset ||
                    orig.state === EndpointState.Inactive ||
                    resp.state === EndpointState.Inactive)) {
                const linger = conn.lastTs + o.tcpConnectionLinger;
                if (linger < d)
                    d = linger;
            }
            const idle = conn.lastPacketTs + o.tcpInactivityTimeout;
            if (idle < d)
                d = idle;
            return d;
        }
        let timeout = conn.ipProto === IpProto.Udp ? o.udpInactivityTimeout : o.icmpInactivityTimeout;
        // Zeek's DNS analyzer sets the connection's inactivity timeout to dns_session_timeout.
        if (conn.ipProto === IpProto.Udp && conn.app?.services.includes('dns'))
            timeout = o.dnsSessionTimeout;
        const idle = conn.lastPacketTs + timeout;
        if (idle < d)
            d = idle;
        return d;
    }
    /**
     * Keeps the connection's timer key at or below its deadline after one of its packets. A
     * deadline that moved later (each packet postpones inactivity) leaves the key alone: `expire`
     * finds the key passed, reads the real deadline and files the connection again. So a
     * connection costs a heap operation when its deadline comes closer (a handshake, a close) or
     * passes, not per packet and not per sweep.
     */
    schedule(conn) {
        if (conn.timerIndex === FINISHED)
            return;
        const d = this.deadline(conn);
        if (conn.timerIndex < 0) {
            conn.timerKey = d;
            conn.timerIndex = this.timers.length;
            this.timers.push(conn);
            this.siftUp(conn.timerIndex);
        }
        else if (d < conn.timerKey) {
            conn.timerKey = d;
            this.siftUp(conn.timerIndex);
        }
    }
    /**
     * Ends the connections whose timers ran out before t, oldest start first. It used to test
     * every open connection once per capture second (5 % of `extract` with the ~10 000
     * connections a busy capture keeps open for TCP's 5-minute inactivity timer); the heap
     * yields only those whose key passed, each key being a lower bound of the deadline.
     */
    expire(t) {
        const over = [];
        const heap = this.timers;
        while (heap.length > 0 && heap[0].timerKey < t) {
            const top = heap[0];
            const d = this.deadline(top);
            if (t > d) {
                this.removeTimer(top);
                over.push(top);
            }
            else {
                top.timerKey = d;
                this.siftDown(0);
            }
        }
        over.sort((x, y) => x.startTs - y.startTs || (x.uid < y.uid ? -1 : 1));
        for (const conn of over)
            this.finish(conn);
    }
    removeTimer(conn) {
        const i = conn.timerIndex;
        if (i < 0)
            return;
        const heap = this.timers;
        const last = heap.pop();
        conn.timerIndex = -1;
        if (last === conn)
            return;
        heap[i] = last;
        last.timerIndex = i;
        this.siftDown(i);
        this.siftUp(last.timerIndex);
    }
    siftUp(i) {
        const heap = this.timers;
        const conn = heap[i];
        const key = conn.timerKey;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            const p = heap[parent];
            if (p.timerKey <= key)
                break;
            heap[i] = p;
            p.timerIndex = i;
            i = parent;
        }
        heap[i] = conn;
        conn.timerIndex = i;
    }
    siftDown(i) {
        const heap = this.timers;
        const n = heap.length;
        const conn = heap[i];
        const key = conn.timerKey;
        for (;;) {
            let child = 2 * i + 1;
            if (child >= n)
                break;
            if (child + 1 < n && heap[child + 1].timerKey < heap[child].timerKey)
                child++;
            const c = heap[child];
            if (c.timerKey >= key)
                break;
            heap[i] = c;
            c.timerIndex = i;
            i = child;
        }
        heap[i] = conn;
        conn.timerIndex = i;
    }
    evictOldest() {
        const oldest = this.idle.oldest;
        if (oldest === undefined)
            return;
        this.evictedEarly++;
        this.finish(oldest);
    }
    finish(conn) {
        this.unlinkHash(conn);
        this.openCount--;
        this.idle.unlink(conn);
        this.removeTimer(conn);
        conn.timerIndex = FINISHED;
        if (conn.app)
            conn.app.close(conn.lastPacketTs);
        conn.orig.contents?.dropData();
        conn.resp.contents?.dropData();
        const record = toRecord(conn, this.options.communityIdSeed);
        conn.origStats.release();
        conn.respStats.release();
        this.onRecord(record);
    }
}
/** The responder's scaled-history letters (literals: a closure and `toLowerCase` per packet
 * were 8 % of the bytes `extract` allocates). */
const SCALED_LETTER_RESP = SCALED_LETTER.map((c) => c.toLowerCase());
/** `Connection.timerIndex` of an ended connection: never filed again. */
const FINISHED = -2;
/** Zeek's is_clean: established, or closed after being established. */
function isClean(e) {
    return (e.state === EndpointState.Established ||
        (e.state === EndpointState.Closed && e.prevState === EndpointState.Established));
}
/**
 * Reassemblers that keep no bytes only need a segment's length: a view over a shared zero
 * buffer, made once per length up to RANGE_VIEWS (a view per segment was 4 % of what `extract`
 * allocates). Nothing writes to them.
 */
let zeroBuffer = new Uint8Array(2048);
const RANGE_VIEWS = 16384;
const rangeViews = new Array(RANGE_VIEWS).fill(undefined);
function rangeOnly(len) {
    const cached = len < RANGE_VIEWS ? rangeViews[len] : undefined;
    if (cached !== undefined)
        return cached;
    if (zeroBuffer.length < len)
        zeroBuffer = new Uint8Array(Math.max(len, zeroBuffer.length * 2));
    const view = zeroBuffer.subarray(0, len);
    if (len < RANGE_VIEWS)
        rangeViews[len] = view;
    return view;
}
function restartNumbering(endpoint, firstSeq, lastSeq) {
    endpoint.initStartSeq(firstSeq);
    endpoint.initAckSeq(firstSeq);
    endpoint.initLastSeq(lastSeq);
}
function initEndpoint(endpoint, syn, firstSeq, lastSeq) {
    switch (endpoint.state) {
        case EndpointState.Inactive:
            if (syn) {
                restartNumbering(endpoint, firstSeq, lastSeq);
            }
            else {
                // A partial connection: number bytes as though a SYN had been seen.
                endpoint.initAckSeq(firstSeq - 1);
                endpoint.initStartSeq(firstSeq - 1);
                endpoint.initLastSeq(firstSeq);
            }
            break;
        case EndpointState.SynSent:
        case EndpointState.SynAckSent:
            if (syn && firstSeq !== endpoint.startSeq)
                restartNumbering(endpoint, firstSeq, lastSeq);
            break;
        case EndpointState.Established:
        case EndpointState.Partial:
            // A SYN inside a connection: guess it is the one that really sets it up.
            if (syn)
                restartNumbering(endpoint, firstSeq, lastSeq);
            break;
        case EndpointState.Reset:
            // The earlier RST may have been spoofed: restart numbering from the SYN.
            if (syn && endpoint.prevState === EndpointState.Inactive)
                restartNumbering(endpoint, firstSeq, lastSeq);
            break;
        default:
            break;
    }
}
/** seq relative to the endpoint's start, accounting wraps; negative: before the start. */
function relativeSeq(endpoint, current, last, wraps) {
    const delta = seqDelta(current, last);
    let w = wraps;
    if (delta < 0) {
        if (w > 0 && current > last)
            w--;
    }
    else if (delta > 0) {
        if (current < last)
            w++;
    }
    if (w === 0)
        return seqDelta(current, endpoint.startSeq);
    return endpoint.toRelative(current, w);
}
const TOO_LARGE_SEQ_DELTA = 1048576;
function updateAckSeq(endpoint, ackSeq) {
    const delta = seqDelta(ackSeq, endpoint.ackSeq);
    // An ack landing on 0 far ahead is more likely broken than a huge connection.
    if (ackSeq === 0 && delta > TOO_LARGE_SEQ_DELTA)
        return;
    if (delta > 0)
        endpoint.updateAckSeq(ackSeq);
}
/** updateLastSeq's answer for data resent at or below the highest sequence already seen. */
const RETRANSMIT = Number.NEGATIVE_INFINITY;
/**
 * Zeek's update_last_seq. Returns how far the segment moved the endpoint's last sequence
 * number, or RETRANSMIT (which the state machine reads as "not advanced", like any delta ≤ 0).
 */
function updateLastSeq(endpoint, lastSeq, flags, len) {
    const delta = seqDelta(lastSeq, endpoint.lastSeq);
    const syn = (flags & TcpFlag.Syn) !== 0;
    const rst = (flags & TcpFlag.Rst) !== 0;
    const fin = (flags & TcpFlag.Fin) !== 0;
    if ((syn || rst) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
        // untrusted jump
    }
    else if (fin && endpoint.lastSeq === (endpoint.startSeq + 1) >>> 0) {
        // Only the SYN and the FIN seen (> 2 GB connections): trust the FIN.
        endpoint.updateLastSeq(lastSeq);
    }
    else if (endpoint.state === EndpointState.Reset) {
        // nothing after a RST is trusted
    }
    else if (delta > 0) {
        endpoint.updateLastSeq(lastSeq);
    }
    else if (delta <= 0 && len > 0) {
        return RETRANSMIT;
    }
    return delta;
}
function flipRoles(conn) {
    const addr = conn.origAddr.slice();
    conn.origAddr.set(conn.respAddr);
    conn.respAddr.set(addr);
    const port = conn.origPort;
    conn.origPort = conn.respPort;
    conn.respPort = port;
    const orig = conn.orig;
    conn.orig = conn.resp;
    conn.resp = orig;
    conn.history += '^';
}
function connState(conn) {
    const proto = conn.ipProto;
    if (proto === IpProto.Tcp) {
        const os = conn.orig.state;
        const rs = conn.resp.state;
        const oInactive = os === EndpointState.Inactive || os === EndpointState.Partial;
        const rInactive = rs === EndpointState.Inactive || rs === EndpointState.Partial;
        if (rs === EndpointState.Reset) {
            if (os === EndpointState.SynSent ||
                os === EndpointState.SynAckSent ||
                (os === EndpointState.Reset && conn.orig.size(conn.resp) === 0 && conn.resp.size(conn.orig) === 0)) {
                return 'REJ';
            }
            return oInactive ? 'RSTRH' : 'RSTR';
        }
        if (os === EndpointState.Reset) {
            if (rInactive)
                return /^\^?S[^HAFGIQ]*R.*$/.test(conn.history) ? 'RSTOS0' : 'OTH';
            return 'RSTO';
        }
        if (rs === EndpointState.Closed && os === EndpointState.Closed)
            return 'SF';
        if (os === EndpointState.Closed)
            return rInactive ? 'SH' : 'S2';
        if (rs === EndpointState.Closed)
            return oInactive ? 'SHR' : 'S3';
        if (os === EndpointState.SynSent && rs === EndpointState.Inactive)
            return 'S0';
        if (os === EndpointState.Established && rs === EndpointState.Established)
            return 'S1';
        return 'OTH';
    }
    if (proto === IpProto.Udp) {
        if (conn.origLength >= 0)
            return conn.respLength >= 0 ? 'SF' : 'S0';
        return conn.respLength >= 0 ? 'SHR' : 'OTH';
    }
    return 'OTH';
}
const PROTO_NAME = {
    [IpProto.Tcp]: 'tcp',
    [IpProto.Udp]: 'udp',
    [IpProto.Icmp]: 'icmp',
    [IpProto.Icmp6]: 'icmp',
};
function toRecord(conn, seed) {
    const duration = conn.lastTs - conn.startTs;
    const tcp = conn.ipProto === IpProto.Tcp;
    const origBytes = tcp ? conn.orig.size(conn.resp) : Math.max(0, conn.origLength);
    const respBytes = tcp ? conn.resp.size(conn.orig) : Math.max(0, conn.respLength);
    const words = new Uint32Array(8);
    words.set(conn.origAddr, 0);
    words.set(conn.respAddr, 4);
    return {
        ts: conn.startTs,
        uid: conn.uid,
        origH: formatAddress(conn.origAddr),
        origP: conn.origPort,
        respH: formatAddress(conn.respAddr),
        respP: conn.respPort,
        addr: words,
        proto: PROTO_NAME[conn.ipProto] ?? 'unknown_transport',
        ipProto: conn.ipProto,
        service: withTunnelService(conn.app ? [...conn.app.services] : [], conn.tunnelService),
        duration: duration > 0 ? duration : undefined,
        origBytes: duration > 0 ? origBytes : undefined,
        respBytes: duration > 0 ? respBytes : undefined,
        connState: connState(conn),
        missedBytes: conn.missedBytes,
        history: conn.history,
        origPkts: conn.origPkts,
        origIpBytes: conn.origIpBytes,
        respPkts: conn.respPkts,
        respIpBytes: conn.respIpBytes,
        vlan: conn.vlan === 0 ? undefined : conn.vlan,
        innerVlan: conn.innerVlan === 0 ? undefined : conn.innerVlan,
        communityId: communityId(words, conn.ipProto, conn.origPort, conn.respPort, seed),
        tunnelParents: conn.tunnelParents === undefined ? undefined : [...conn.tunnelParents].sort(),
        stats: { orig: conn.origStats.snapshot(), resp: conn.respStats.snapshot() },
    };
}
/** The service list with the tunnel's name (`vxlan`, `teredo`, …) when a tunnel was confirmed. */
function withTunnelService(services, tunnel) {
    if (tunnel !== '' && !services.includes(tunnel))
        services.push(tunnel);
    return services;
}
/** Bound on the tunnel parents kept per connection. */
const MAX_TUNNEL_PARENTS = 16;
function addTunnelParent(conn, uid) {
    const parents = conn.tunnelParents;
    if (parents === undefined)
        conn.tunnelParents = [uid];
    else if (parents.length < MAX_TUNNEL_PARENTS && !parents.includes(uid))
        parents.push(uid);
}
/** Orders the packet's (src, srcPort) against (dst, dstPort): words first, then the port. */
/**
 * Whether the endpoint at address words `from` (port `fp`) sending to the one at `to` (port
 * `tp`) is the connection's originator talking to its responder.
 */
function sentByOrig(c, a, from, to, fp, tp) {
    const o = c.origAddr;
    const r = c.respAddr;
    return (c.origPort === fp &&
        c.respPort === tp &&
        o[0] === a[from] &&
        o[1] === a[from + 1] &&
        o[2] === a[from + 2] &&
        o[3] === a[from + 3] &&
        r[0] === a[to] &&
        r[1] === a[to + 1] &&
        r[2] === a[to + 2] &&
        r[3] === a[to + 3]);
}
/**
 * Direction-independent hash of a packet's tuple: the two endpoints' hashes are added. 30 bits,
 * so that it is a small integer for V8 (a 32-bit one is a heap number half the time: boxed when
 * passed, and a slower `Map` key).
 */
function connHash(proto, a, srcPort, dstPort) {
    const src = fmix32(a[0] ^ fmix32(a[1] ^ fmix32(a[2] ^ fmix32(a[3] ^ (srcPort + 0x9e3779b9)))));
    const dst = fmix32(a[4] ^ fmix32(a[5] ^ fmix32(a[6] ^ fmix32(a[7] ^ (dstPort + 0x9e3779b9)))));
    return fmix32(((src + dst) | 0) ^ proto) >>> 2;
}
/** The connection's key as text, the lower endpoint first (one-way ICMP: as sent): for its uid. */
function connKey(proto, a, srcPort, dstPort, oneWay) {
    return oneWay || compareEndpoints(a, srcPort, dstPort) <= 0
        ? `${proto}|${a[0]}.${a[1]}.${a[2]}.${a[3]}|${srcPort}|${a[4]}.${a[5]}.${a[6]}.${a[7]}|${dstPort}`
        : `${proto}|${a[4]}.${a[5]}.${a[6]}.${a[7]}|${dstPort}|${a[0]}.${a[1]}.${a[2]}.${a[3]}|${srcPort}`;
}
function compareEndpoints(a, srcPort, dstPort) {
    for (let w = 0; w < 4; w++) {
        const d = a[w] - a[w + 4];
        if (d !== 0)
            return d;
    }
    return srcPort - dstPort;
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * A Zeek-shaped uid ("C" + base62), derived from the connection's key, start and creation
 * order, so the same capture always yields the same uids.
 */
/**
 * A Zeek-style uid from the connection's key and first packet time only — no counter — so the
 * trackers of two shards that both follow a connection (sharding.routePacket) name it alike.
 */
function makeUid(key, ts) {
    return zeekUid(`${key}|${ts}`);
}
/** A uid in Zeek's shape ('C' + 18 base62 characters) from three 32-bit hashes of `text`. */
export function zeekUid(text) {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    let h3 = 0x2545f491;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h3 = Math.imul(h3 ^ c, 0x27d4eb2f);
    }
    // Built from character codes in one go: a string grown with += stays a tree of 18 pieces in
    // V8, and a connection keeps its uid for life.
    const codes = UID_CODES;
    let at = 1;
    for (const h of [h1 >>> 0, h2 >>> 0, h3 >>> 0]) {
        let v = h;
        for (let k = 0; k < 6; k++) {
            codes[at++] = BASE62.charCodeAt(v % 62);
            v = Math.floor(v / 62);
        }
    }
    return String.fromCharCode(...codes);
}
const UID_CODES = new Array(19).fill(0x43); // 'C' + 18 base62 characters
/** ICMP echo request or reply (v4 8/0, v6 128/129): the messages that carry arbitrary data. */
function isEcho(proto, type) {
    return proto === IpProto.Icmp
        ? type === 8 || type === 0
        : proto === IpProto.Icmp6 && (type === 128 || type === 129);
}
//# sourceMappingURL=connections.js.map