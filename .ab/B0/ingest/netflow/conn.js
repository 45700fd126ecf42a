/**
 * NetFlow / IPFIX flows → Zeek conn records (one Zeek JSON line each, `_path` "conn"), so flows
 * enter the pipeline through the same parser, routing and analyzers as a conn.log. Pure and
 * sequential: one converter per run (or per live collector) holds the decoder's templates and
 * the biflow stitcher; the uid of a record is derived from its exporter, domain and ordinal in
 * the converter's output, so the same input always gives the same records.
 *
 * ## Mapping (conn.log field ← flow)
 *
 * | conn field | from |
 * |---|---|
 * | ts, duration | flow start, end − start (stitched: the originator's start, the later end) |
 * | id.orig_h/p, id.resp_h/p | source / destination address and port (ICMP: type / code, as Zeek writes them) |
 * | proto | 6 tcp, 17 udp, 1 and 58 icmp, anything else unknown_transport |
 * | orig_pkts, resp_pkts | packets of each direction (× sampling rate) |
 * | orig_ip_bytes, resp_ip_bytes | octets of each direction (× sampling rate): NetFlow counts IP-layer octets |
 * | orig_bytes, resp_bytes | the same octets: flows carry no payload count, so byte metrics (heatmap) use the IP octets |
 * | missed_bytes | 0 |
 * | conn_state | TCP from both directions' flags when known (see `tcpConnState`); UDP/ICMP SF with a reply, S0 without |
 * | netflow.* | exporter, version, flags (nfdump's `UAPRSF` notation); when not at their defaults: domain, template, ToS, interfaces, AS numbers, next hop, direction, sampling rate, stitched |
 *
 * When a direction is not known — a unidirectional flow that was not stitched — the responder
 * counters and `conn_state` are left unset, so analyzers treat the attempt's outcome as unknown
 * rather than failed (detect/outcome.ts). With stitching on, a flow whose mirror did not come
 * within the window is taken as unanswered (resp counters 0, S0): stitching asserts that the
 * exporter sees both directions.
 */
import { zeekUid } from '../pcap/connections.js';
import { NetflowDecoder } from './decode.js';
import { BiflowStitcher, singleBiflow } from './stitch.js';
import { NetflowEventCode } from './types.js';
const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
/** The 64 texts of the six flags, built once: a record needs one or two (per-record concatenation before). */
const FLAG_TEXTS = Array.from({ length: 64 }, (_, flags) => {
    let s = '';
    for (let k = 0; k < 6; k++)
        s += flags & (0x20 >> k) ? 'UAPRSF'[k] : '.';
    return s;
});
/** Flag letters as nfdump prints them: U A P R S F, '.' for a flag not set. */
export function tcpFlagsText(flags) {
    return FLAG_TEXTS[flags & 0x3f];
}
/**
 * Zeek's conn_state from the flags of both directions of a TCP flow: no SYN from the
 * originator → OTH (joined mid-stream); no reply → S0 (RSTOS0 if the originator reset); reply
 * RST without SYN → REJ; reply without SYN otherwise → OTH; after a handshake RST → RSTO/RSTR,
 * FIN from both → SF, from one → S2 (originator) / S3 (responder), none → S1.
 */
export function tcpConnState(orig, resp, respPackets) {
    if ((orig & SYN) === 0)
        return 'OTH';
    if (respPackets === 0)
        return orig & RST ? 'RSTOS0' : 'S0';
    if ((resp & SYN) === 0)
        return resp & RST ? 'REJ' : 'OTH';
    if (orig & RST)
        return 'RSTO';
    if (resp & RST)
        return 'RSTR';
    const of = (orig & FIN) !== 0;
    const rf = (resp & FIN) !== 0;
    return of && rf ? 'SF' : of ? 'S2' : rf ? 'S3' : 'S1';
}
function protoName(p) {
    return p === 6 ? 'tcp' : p === 17 ? 'udp' : p === 1 || p === 58 ? 'icmp' : 'unknown_transport';
}
/**
 * The conn record of a (bi)flow. `replyKnown`: the responder counters say what the responder
 * sent (stitched, an exporter biflow, or an unpaired flow under stitching).
 *
 * Written as text directly (every value is a number or a string that needs no escaping:
 * addresses, uids, `address:port` exporters) — `JSON.stringify` of an object cost 3.7 µs a
 * record, most of a live collector's time. Metadata that is at its default (ToS 0, interface 0,
 * AS 0, sampling 1) is left out, as Zeek leaves out unset fields.
 */
export function biflowConnLine(b, uid, replyKnown) {
    const f = b.flow;
    const tcp = b.proto === 6;
    // Counters scaled by a fractional sampling rate ((interval + space) / interval) are estimates:
    // conn.log counts are whole numbers.
    const origBytes = Math.round(b.origBytes);
    const respBytes = Math.round(b.respBytes);
    let state;
    if (replyKnown) {
        if (tcp) {
            state =
                b.stitched || b.respPackets === 0
                    ? tcpConnState(b.origTcpFlags, b.respTcpFlags, b.respPackets)
                    : undefined;
        }
        else
            state = b.respPackets > 0 ? 'SF' : 'S0';
    }
    let s = `{"_path":"conn","ts":${b.ts},"uid":"${uid}","id.orig_h":"${b.origAddr}","id.orig_p":${b.origPort},"id.resp_h":"${b.respAddr}","id.resp_p":${b.respPort},"proto":"${protoName(b.proto)}","duration":${b.duration},"orig_bytes":${origBytes}`;
    if (replyKnown)
        s += `,"resp_bytes":${respBytes}`;
    if (state !== undefined)
        s += `,"conn_state":"${state}"`;
    s += `,"missed_bytes":0,"orig_pkts":${Math.round(b.origPackets)},"orig_ip_bytes":${origBytes}`;
    if (replyKnown)
        s += `,"resp_pkts":${Math.round(b.respPackets)},"resp_ip_bytes":${respBytes}`;
    s += `,"netflow.exporter":"${b.exporter}","netflow.version":${f.version}`;
    if (b.domain !== 0)
        s += `,"netflow.domain":${b.domain}`;
    if (f.templateId !== 0)
        s += `,"netflow.template":${f.templateId}`;
    if (tcp) {
        s += `,"netflow.tcp_flags":"${tcpFlagsText(b.origTcpFlags)}"`;
        if (b.stitched)
            s += `,"netflow.resp_tcp_flags":"${tcpFlagsText(b.respTcpFlags)}"`;
    }
    if (f.tos !== 0)
        s += `,"netflow.tos":${f.tos}`;
    if (f.inputIf !== 0)
        s += `,"netflow.input_if":${f.inputIf}`;
    if (f.outputIf !== 0)
        s += `,"netflow.output_if":${f.outputIf}`;
    if (f.srcAs !== 0)
        s += `,"netflow.src_as":${f.srcAs}`;
    if (f.dstAs !== 0)
        s += `,"netflow.dst_as":${f.dstAs}`;
    if (f.nextHop !== '')
        s += `,"netflow.next_hop":"${f.nextHop}"`;
    if (f.direction >= 0)
        s += `,"netflow.direction":"${f.direction === 0 ? 'ingress' : 'egress'}"`;
    if (f.samplingRate !== 1)
        s += `,"netflow.sampling_rate":${f.samplingRate}`;
    if (b.stitched)
        s += ',"netflow.stitched":true';
    return `${s}}\n`;
}
/** Exporter names are written into records unescaped: anything but an address, port or name is replaced. */
function safeExporter(name) {
    return /^[\w.:[\]-]*$/.test(name) ? name : name.replace(/[^\w.:[\]-]/g, '_');
}
export class NetflowConnConverter {
    decoder;
    /** Conn records written so far (the uid ordinal). */
    records = 0;
    /** Flows decoded so far (before stitching). */
    flows = 0;
    stitcher;
    constructor(options = {}) {
        this.decoder = new NetflowDecoder(options.limits);
        const s = options.stitch;
        this.stitcher = s ? new BiflowStitcher(s === true ? {} : s) : undefined;
    }
    /** Decodes one export datagram from `exporter`, received at `receivedTs` (unix seconds). */
    push(datagram, exporterName, receivedTs) {
        const exporter = safeExporter(exporterName);
        const r = this.decoder.decode(datagram, exporter, receivedTs);
        const events = r.events;
        const flows = [];
        for (const f of r.flows) {
            if (f.srcAddr === '' || f.dstAddr === '') {
                events.push({
                    code: NetflowEventCode.NoAddress,
                    exporter,
                    offset: 0,
                    receivedTs,
                    version: f.version,
                    domain: f.domain,
                    templateId: f.templateId,
                    count: 1,
                    message: `flow record ${f.recordIndex} of template ${f.templateId} carries no IP addresses: not a conn record`,
                });
                continue;
            }
            flows.push(f);
        }
        this.flows += flows.length;
        const lines = this.lines(this.stitcher ? this.stitcher.push(flows) : flows.map(singleBiflow));
        return { lines, events, flows: flows.length };
    }
    /** End of input: flows still waiting for their mirror leave unpaired. */
    end() {
        return this.stitcher ? this.lines(this.stitcher.end()) : [];
    }
    lines(records) {
        const out = [];
        for (const b of records) {
            const uid = zeekUid(`netflow|${b.exporter}|${b.domain}|${this.records++}`);
            const replyKnown = b.stitched || b.respPackets > 0 || this.stitcher !== undefined;
            out.push(biflowConnLine(b, uid, replyKnown));
        }
        return out;
    }
}
/** The longest datagram a UDP export can carry; a v9 "datagram" in a file is cut there. */
const MAX_DATAGRAM = 65_535;
/**
 * Splits a stream of raw export datagrams: IPFIX messages by their length field (RFC 5655's file
 * format is a sequence of messages), v5 datagrams by their record count; a v9 datagram has no
 * length, so the rest of the stream (at most 64 KiB) is one datagram. Anything else is left to
 * the decoder as one datagram, which reports it. `push` returns complete datagrams and keeps
 * the rest (under 64 KiB plus one block); `end` returns what is left. Offsets are in the stream.
 */
export class DatagramSplitter {
    carry = new Uint8Array(0);
    carryOffset = 0;
    push(block) {
        const buf = this.carry.length === 0 ? block : concatBytes(this.carry, block);
        const out = this.split(buf, false);
        return out;
    }
    end() {
        return this.split(this.carry, true);
    }
    split(buf, final) {
        const out = [];
        let p = 0;
        while (p < buf.length) {
            const rest = buf.length - p;
            const version = rest >= 2 ? (buf[p] << 8) | buf[p + 1] : -1;
            let n = -1;
            if (version === 10 && rest >= 4) {
                const len = (buf[p + 2] << 8) | buf[p + 3];
                n = len < 16 ? Math.min(rest, MAX_DATAGRAM) : len <= rest ? len : -1;
            }
            else if (version === 5 && rest >= 4) {
                const count = (buf[p + 2] << 8) | buf[p + 3];
                const len = 24 + 48 * count;
                n = count === 0 || count > 30 ? Math.min(rest, MAX_DATAGRAM) : len <= rest ? len : -1;
            }
            else if (rest >= 2) {
                // v9 or unknown: no length field; only the end of the stream (or 64 KiB) delimits it.
                n = rest >= MAX_DATAGRAM ? MAX_DATAGRAM : -1;
            }
            if (n < 0) {
                if (!final)
                    break;
                n = Math.min(rest, MAX_DATAGRAM);
            }
            out.push({ offset: this.carryOffset + p, bytes: buf.subarray(p, p + n) });
            p += n;
        }
        this.carry = final ? new Uint8Array(0) : buf.slice(p);
        this.carryOffset += p;
        return out;
    }
}
function concatBytes(a, b) {
    const c = new Uint8Array(a.length + b.length);
    c.set(a, 0);
    c.set(b, a.length);
    return c;
}
/** Splits a whole buffer of raw export datagrams (see `DatagramSplitter`). */
export function splitDatagrams(buf) {
    const s = new DatagramSplitter();
    return [...s.push(buf), ...s.end()];
}
//# sourceMappingURL=conn.js.map