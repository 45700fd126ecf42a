/**
 * NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011/7012) export datagrams → conn-like
 * `FlowRecord`s. Pure and bounded: one `NetflowDecoder` per collector keeps the templates,
 * sequence expectations, sampling rates and held data sets of its exporters, all under the
 * caps of `NetflowLimits`; every problem is a `NetflowEvent` (stable code, exporter, byte
 * offset), never an exception.
 *
 * ## Field mapping (FlowRecord ← v5 record field / v9 field type / IPFIX element)
 *
 * | FlowRecord | v5 | v9 type / IPFIX element id (name) |
 * |---|---|---|
 * | version, exporter | header version, the `exporter` argument | same |
 * | domain | engine_type << 8 \| engine_id | v9 header source id / IPFIX observation domain id |
 * | templateId | 0 | data set id |
 * | srcAddr / dstAddr | srcaddr / dstaddr | 8 / 12 (IPv4), 27 / 28 (IPv6); text, '' if absent |
 * | srcPort / dstPort | srcport / dstport | 7 / 11; for ICMP (proto 1, 58) type / code from 176–179 or 32 / 139 (type·256+code), else from a v5/v9 dstport carrying type·256+code |
 * | proto | prot | 4 |
 * | packets | dPkts × rate | 2 packetDeltaCount, 298 initiatorPackets; else 86 packetTotalCount; × samplingRate |
 * | bytes | dOctets × rate | 1 octetDeltaCount, 231 initiatorOctets (ASA fwd bytes); else 85 octetTotalCount; × samplingRate |
 * | revPackets / revBytes | 0 | 299 / 232 (ASA rev bytes), RFC 5103 reverse PEN 29305 ids 2/86, 1/85; × samplingRate |
 * | tcpFlags | tcp_flags | 6 (1 or 2 bytes) |
 * | tos | tos | 5 |
 * | inputIf / outputIf | input / output | 10 / 14 |
 * | srcAs / dstAs | src_as / dst_as | 16 / 17 |
 * | srcMask / dstMask | src_mask / dst_mask | 9 / 13, 29 / 30 |
 * | nextHop | nexthop | 15 (IPv4), 62 (IPv6), else 18 bgpNextHopIPv4Address |
 * | direction | -1 | 61 flowDirection (0 ingress, 1 egress), else -1 |
 * | ts, duration | First / Last: sysUptime-relative ms, converted with the header's unix_secs + unix_nsecs and SysUptime (32-bit wrap handled) | v9: 22 / 21 with header unix_secs + sysUptime. IPFIX: 150/151 s, 152/153 ms, 154–157 NTP µs/ns, 158/159 delta µs before export time, 22/21 relative to 160 systemInitTimeMilliseconds (from the record or an options record). ts = start (else end, else export time) in unix s; duration = end − start (≥ 0) |
 * | samplingRate | header sampling_interval (low 14 bits) | per record 34 samplingInterval / 50 samplerRandomInterval; else the rate an options record gave for the record's 48 samplerId / 302 selectorId; else the exporter domain's rate from options records (34, 50, 305+306 (interval+space)/interval, 310/309 population/size); else 1 |
 * | extras | — | with `keepUnmapped`: every enterprise-specific or unmapped field, raw, by (enterprise, id) |
 *
 * Options data records are returned raw in `options` (and feed sampling rates and system init
 * time). Sequence numbers: v5 flow_sequence + count per (exporter, engine); v9 package sequence
 * per (exporter, source id), one per export packet; IPFIX sequence per (exporter, domain),
 * counting data records. A forward jump is `netflow_sequence_gap` (count = lost flows for v5
 * and IPFIX, lost packets for v9) added to the exporter's `lost`; a backward one is
 * `netflow_sequence_reset` (not counted). An IPFIX message with a data set we could not decode
 * leaves the next expectation unknown.
 *
 * Data sets that arrive before their template are held (bounded by `maxPendingSets` and
 * `maxPendingBytes`, oldest dropped and counted) and decoded when the template arrives.
 */
import { formatAddress } from '../../shared/addr.js';
import { Role, VARLEN } from './fields.js';
import { parseIpfixTemplate, parseV9OptionsTemplate, parseV9Template, } from './templates.js';
import { DEFAULT_NETFLOW_LIMITS, NetflowEventCode, } from './types.js';
const NTP_EPOCH_OFFSET = 2208988800;
const TWO32 = 4294967296;
const MAX_SAMPLERS_PER_DOMAIN = 256;
const MAX_DOMAINS_PER_EXPORTER = 256;
function u16(b, p) {
    return (b[p] << 8) | b[p + 1];
}
function u32(b, p) {
    return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}
/** Unsigned big-endian integer of 1–8 bytes (exact below 2^53); longer fields read as NaN. */
function readUint(b, p, len) {
    switch (len) {
        case 1:
            return b[p];
        case 2:
            return (b[p] << 8) | b[p + 1];
        case 4:
            return u32(b, p);
        case 8:
            return u32(b, p) * TWO32 + u32(b, p + 4);
        default: {
            if (len > 8 || len === 0)
                return Number.NaN;
            let v = 0;
            for (let i = 0; i < len; i++)
                v = v * 256 + b[p + i];
            return v;
        }
    }
}
function v4Text(b, p) {
    return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
}
const v6Words = new Uint32Array(4);
function v6Text(b, p) {
    for (let w = 0; w < 4; w++)
        v6Words[w] = u32(b, p + 4 * w);
    // formatAddress prints ::ffff:a.b.c.d as a dotted quad, which is what a conn record wants.
    return formatAddress(v6Words, 0);
}
function allZero(b, p, end) {
    for (let i = p; i < end; i++)
        if (b[i] !== 0)
            return false;
    return true;
}
/** Rate from a 1-in-N style value: values < 1 mean unsampled. */
function rateOf(n) {
    return n >= 1 && Number.isFinite(n) ? n : 1;
}
export class NetflowDecoder {
    limits;
    exporters = new Map();
    pending = [];
    pendingBytes = 0;
    pendingDropped = 0;
    templatesEvicted = 0;
    templatesReplaced = 0;
    eventsByCode = {};
    // Output of the current decode call.
    out = { flows: [], options: [], events: [] };
    recordIndex = 0;
    eventsThisDatagram = 0;
    exporter = '';
    receivedTs = 0;
    // Per-record scratch (reset by each record).
    sFirstUp = Number.NaN;
    sLastUp = Number.NaN;
    sStartMs = Number.NaN;
    sEndMs = Number.NaN;
    sBytes = Number.NaN;
    sPackets = Number.NaN;
    sBytesTotal = Number.NaN;
    sPacketsTotal = Number.NaN;
    sIcmpType = -1;
    sIcmpCode = -1;
    sIcmpTypeCode = -1;
    sSamplerId = -1;
    sInterval = Number.NaN;
    sPktInterval = Number.NaN;
    sPktSpace = Number.NaN;
    sSize = Number.NaN;
    sPopulation = Number.NaN;
    sSysInit = Number.NaN;
    sBgpNextHop = '';
    constructor(limits = {}) {
        this.limits = { ...DEFAULT_NETFLOW_LIMITS, ...limits };
    }
    /** Decodes one export datagram (a UDP payload) from `exporter`, received at `receivedTs` (unix s). */
    decode(datagram, exporter, receivedTs) {
        this.out = { flows: [], options: [], events: [] };
        this.recordIndex = 0;
        this.eventsThisDatagram = 0;
        this.exporter = exporter;
        this.receivedTs = receivedTs;
        if (datagram.length < 2) {
            this.event(NetflowEventCode.Truncated, 0, 0, 0, 0, 1, `datagram of ${datagram.length} bytes`);
            return this.out;
        }
        const version = u16(datagram, 0);
        if (version === 5)
            this.decodeV5(datagram);
        else if (version === 9)
            this.decodeV9(datagram);
        else if (version === 10)
            this.decodeIpfix(datagram);
        else
            this.event(NetflowEventCode.UnknownVersion, 0, 0, 0, 0, 1, `version ${version}`);
        return this.out;
    }
    /** Counts and sizes, for summaries and for tests of the bounds. */
    stats() {
        let templates = 0;
        const exporters = [];
        for (const s of this.exporters.values()) {
            templates += s.templates.size;
            exporters.push({ exporter: s.exporter, version: s.version, templates: s.templates.size, lost: s.lost });
        }
        return {
            exporters,
            templates,
            pendingSets: this.pending.length,
            pendingBytes: this.pendingBytes,
            pendingDropped: this.pendingDropped,
            templatesEvicted: this.templatesEvicted,
            templatesReplaced: this.templatesReplaced,
            eventsByCode: { ...this.eventsByCode },
        };
    }
    // ---------------------------------------------------------------------------------------
    event(code, offset, version, domain, templateId, count, message) {
        this.eventsByCode[code] = (this.eventsByCode[code] ?? 0) + 1;
        const n = this.eventsThisDatagram++;
        if (n > this.limits.maxEventsPerDatagram)
            return;
        const e = n === this.limits.maxEventsPerDatagram
            ? {
                code: NetflowEventCode.EventsSuppressed,
                exporter: this.exporter,
                offset,
                receivedTs: this.receivedTs,
                version,
                domain,
                templateId: 0,
                count: 1,
                message: 'further events of this datagram are only counted',
            }
            : {
                code,
                exporter: this.exporter,
                offset,
                receivedTs: this.receivedTs,
                version,
                domain,
                templateId,
                count,
                message,
            };
        this.out.events.push(e);
    }
    exporterState(version) {
        const key = `${version}|${this.exporter}`;
        let s = this.exporters.get(key);
        if (s === undefined) {
            if (this.exporters.size >= this.limits.maxExporters) {
                const oldest = this.exporters.keys().next().value;
                const gone = this.exporters.get(oldest);
                this.exporters.delete(oldest);
                this.dropPendingOf(gone);
            }
            s = { exporter: this.exporter, version, templates: new Map(), domains: new Map(), lost: 0 };
            this.exporters.set(key, s);
        }
        return s;
    }
    domainState(s, domain) {
        let d = s.domains.get(domain);
        if (d === undefined) {
            if (s.domains.size >= MAX_DOMAINS_PER_EXPORTER)
                s.domains.delete(s.domains.keys().next().value);
            d = { expectedSeq: -1, samplingRate: 1, samplers: new Map(), sysInitMs: Number.NaN };
            s.domains.set(domain, d);
        }
        return d;
    }
    checkSequence(ctx, seq, offset, unit) {
        const expected = ctx.ds.expectedSeq;
        if (expected < 0)
            return;
        const diff = (seq - expected) >>> 0;
        if (diff === 0)
            return;
        if (diff < 0x80000000) {
            ctx.state.lost += diff;
            this.event(NetflowEventCode.SequenceGap, offset, ctx.version, ctx.domain, 0, diff, `sequence ${seq}, expected ${expected}: ${diff} ${unit} lost`);
        }
        else {
            this.event(NetflowEventCode.SequenceReset, offset, ctx.version, ctx.domain, 0, 1, `sequence ${seq} behind expected ${expected} (reordered, duplicated or exporter restarted)`);
        }
    }
    // ---------------------------------------------------------------------------------------
    // NetFlow v5
    decodeV5(b) {
        if (b.length < 24) {
            this.event(NetflowEventCode.Truncated, 0, 5, 0, 0, 1, `v5 header needs 24 bytes, have ${b.length}`);
            return;
        }
        const count = u16(b, 2);
        const domain = (b[20] << 8) | b[21];
        if (count === 0 || count > 30) {
            this.event(NetflowEventCode.BadCount, 2, 5, domain, 0, 1, `v5 record count ${count} (1–30)`);
            return;
        }
        const uptime = u32(b, 4);
        const exportMs = u32(b, 8) * 1000 + Math.floor(u32(b, 12) / 1e6);
        const seq = u32(b, 16);
        const state = this.exporterState(5);
        const ds = this.domainState(state, domain);
        ds.samplingRate = rateOf(u16(b, 22) & 0x3fff);
        const ctx = {
            state,
            ds,
            version: 5,
            domain,
            exportMs,
            uptimeMs: uptime,
            receivedTs: this.receivedTs,
        };
        this.checkSequence(ctx, seq, 16, 'flows');
        ds.expectedSeq = (seq + count) >>> 0;
        const available = Math.floor((b.length - 24) / 48);
        const n = Math.min(count, available);
        if (n < count)
            this.event(NetflowEventCode.Truncated, 24 + n * 48, 5, domain, 0, count - n, `v5: ${count} records announced, ${n} present`);
        const rate = ds.samplingRate;
        for (let i = 0; i < n; i++) {
            const p = 24 + i * 48;
            const f = this.newFlow(5, domain, 0);
            f.srcAddr = v4Text(b, p);
            f.dstAddr = v4Text(b, p + 4);
            f.nextHop = v4Text(b, p + 8);
            f.inputIf = u16(b, p + 12);
            f.outputIf = u16(b, p + 14);
            f.packets = u32(b, p + 16) * rate;
            f.bytes = u32(b, p + 20) * rate;
            const first = exportMs - this.age(uptime, u32(b, p + 24));
            const last = exportMs - this.age(uptime, u32(b, p + 28));
            f.ts = first / 1000;
            f.duration = last > first ? (last - first) / 1000 : 0;
            f.srcPort = u16(b, p + 32);
            f.dstPort = u16(b, p + 34);
            f.tcpFlags = b[p + 37];
            f.proto = b[p + 38];
            f.tos = b[p + 39];
            f.srcAs = u16(b, p + 40);
            f.dstAs = u16(b, p + 42);
            f.srcMask = b[p + 44];
            f.dstMask = b[p + 45];
            f.samplingRate = rate;
            if ((f.proto === 1 || f.proto === 58) && f.srcPort === 0 && f.dstPort > 255) {
                f.srcPort = f.dstPort >>> 8;
                f.dstPort &= 255;
            }
            this.out.flows.push(f);
        }
    }
    /** ms between a sysUptime-relative time and the export's sysUptime, 32-bit wrap handled. */
    age(uptime, at) {
        const a = (uptime - at) >>> 0;
        return a >= 0x80000000 ? a - TWO32 : a;
    }
    newFlow(version, domain, templateId) {
        return {
            version,
            exporter: this.exporter,
            domain,
            templateId,
            recordIndex: this.recordIndex++,
            ts: 0,
            duration: 0,
            srcAddr: '',
            dstAddr: '',
            srcPort: 0,
            dstPort: 0,
            proto: 0,
            packets: 0,
            bytes: 0,
            revPackets: 0,
            revBytes: 0,
            tcpFlags: 0,
            tos: 0,
            inputIf: 0,
            outputIf: 0,
            srcAs: 0,
            dstAs: 0,
            srcMask: 0,
            dstMask: 0,
            nextHop: '',
            direction: -1,
            samplingRate: 1,
            extras: undefined,
        };
    }
    // ---------------------------------------------------------------------------------------
    // NetFlow v9
    decodeV9(b) {
        if (b.length < 20) {
            this.event(NetflowEventCode.Truncated, 0, 9, 0, 0, 1, `v9 header needs 20 bytes, have ${b.length}`);
            return;
        }
        const domain = u32(b, 16);
        const seq = u32(b, 12);
        const state = this.exporterState(9);
        const ctx = {
            state,
            ds: this.domainState(state, domain),
            version: 9,
            domain,
            exportMs: u32(b, 8) * 1000,
            uptimeMs: u32(b, 4),
            receivedTs: this.receivedTs,
        };
        this.checkSequence(ctx, seq, 12, 'export packets');
        ctx.ds.expectedSeq = (seq + 1) >>> 0;
        this.walkSets(b, 20, b.length, ctx);
    }
    /** Walks the sets of a v9 packet or IPFIX message; returns data records decoded, -1 if some set was not decodable. */
    walkSets(b, p, end, ctx) {
        const ipfix = ctx.version === 10;
        let records = 0;
        let unknown = false;
        while (p + 4 <= end) {
            const setId = u16(b, p);
            const setLength = u16(b, p + 2);
            if (setLength < 4) {
                if (!allZero(b, p, end))
                    this.event(NetflowEventCode.BadSet, p, ctx.version, ctx.domain, setId, 1, `set length ${setLength} < 4`);
                return unknown ? -1 : records;
            }
            const setEnd = p + setLength;
            if (setEnd > end) {
                this.event(NetflowEventCode.Truncated, p, ctx.version, ctx.domain, setId, 1, `set ${setId} of ${setLength} bytes runs past the end (${end - p} left)`);
                return -1;
            }
            const body = p + 4;
            if (ipfix ? setId === 2 : setId === 0)
                this.templateSet(b, body, setEnd, ctx, false);
            else if (ipfix ? setId === 3 : setId === 1)
                this.templateSet(b, body, setEnd, ctx, true);
            else if (setId >= 256) {
                const n = this.dataSet(b, body, setEnd, setId, ctx, p);
                if (n < 0)
                    unknown = true;
                else
                    records += n;
            }
            else
                this.event(NetflowEventCode.BadSet, p, ctx.version, ctx.domain, setId, 1, `reserved set id ${setId}`);
            p = setEnd;
        }
        return unknown ? -1 : records;
    }
    templateSet(b, p, end, ctx, options) {
        const ipfix = ctx.version === 10;
        const maxFields = this.limits.maxFieldsPerTemplate;
        while (end - p >= 4) {
            // Padding at the end of a set (all zero bytes) is not a template.
            if (b[p] === 0 && b[p + 1] === 0 && allZero(b, p, end))
                return;
            let r;
            if (ipfix)
                r = parseIpfixTemplate(b, p, end, ctx.domain, options, maxFields);
            else if (options)
                r = parseV9OptionsTemplate(b, p, end, ctx.domain, maxFields);
            else
                r = parseV9Template(b, p, end, ctx.domain, maxFields);
            if (r.ok === 'withdraw')
                this.withdraw(ctx, r.id);
            else if (r.ok)
                this.install(ctx, r.template, p);
            else {
                this.event(NetflowEventCode.BadTemplate, p, ctx.version, ctx.domain, u16(b, p), 1, r.reason);
                return;
            }
            p = r.next;
        }
    }
    withdraw(ctx, id) {
        const templates = ctx.state.templates;
        if (id >= 256) {
            templates.delete(ctx.domain * 65536 + id);
            return;
        }
        const options = id === 3;
        for (const [key, t] of templates)
            if (t.domain === ctx.domain && t.options === options)
                templates.delete(key);
    }
    install(ctx, t, offset) {
        const templates = ctx.state.templates;
        const key = ctx.domain * 65536 + t.id;
        const old = templates.get(key);
        if (old !== undefined) {
            if (old.signature !== t.signature)
                this.templatesReplaced++;
            templates.delete(key);
        }
        else if (templates.size >= this.limits.maxTemplatesPerExporter) {
            const oldestKey = templates.keys().next().value;
            const oldest = templates.get(oldestKey);
            templates.delete(oldestKey);
            this.templatesEvicted++;
            this.event(NetflowEventCode.TemplateEvicted, offset, ctx.version, oldest.domain, oldest.id, 1, `template cap ${this.limits.maxTemplatesPerExporter} reached: template ${oldest.id} of domain ${oldest.domain} dropped`);
        }
        templates.set(key, t);
        if (this.pending.length > 0)
            this.releasePending(ctx.state, ctx.domain, t.id);
    }
    // ---------------------------------------------------------------------------------------
    // Held data sets
    hold(b, p, end, templateId, ctx, offset) {
        const size = end - p;
        const { maxPendingSets, maxPendingBytes } = this.limits;
        if (maxPendingSets === 0 || size > maxPendingBytes) {
            this.event(NetflowEventCode.TemplateMissing, offset, ctx.version, ctx.domain, templateId, 1, `no template ${templateId} for domain ${ctx.domain}: data set dropped`);
            return;
        }
        this.event(NetflowEventCode.TemplateMissing, offset, ctx.version, ctx.domain, templateId, 1, `no template ${templateId} for domain ${ctx.domain} yet: data set held`);
        let dropped = 0;
        while (this.pending.length >= maxPendingSets || this.pendingBytes + size > maxPendingBytes) {
            const gone = this.pending.shift();
            this.pendingBytes -= gone.bytes.length;
            dropped++;
        }
        if (dropped > 0) {
            this.pendingDropped += dropped;
            this.event(NetflowEventCode.PendingDropped, offset, ctx.version, ctx.domain, templateId, dropped, `${dropped} held data set(s) dropped (oldest first) to stay within the pending bounds`);
        }
        this.pending.push({ ctx, templateId, bytes: b.slice(p, end), offset });
        this.pendingBytes += size;
    }
    releasePending(state, domain, templateId) {
        const matches = [];
        const keep = [];
        for (const h of this.pending) {
            if (h.ctx.state === state && h.ctx.domain === domain && h.templateId === templateId)
                matches.push(h);
            else
                keep.push(h);
        }
        if (matches.length === 0)
            return;
        this.pending = keep;
        for (const h of matches) {
            this.pendingBytes -= h.bytes.length;
            this.dataSet(h.bytes, 0, h.bytes.length, templateId, h.ctx, h.offset);
        }
    }
    dropPendingOf(state) {
        const keep = this.pending.filter((h) => h.ctx.state !== state);
        if (keep.length === this.pending.length)
            return;
        this.pending = keep;
        this.pendingBytes = keep.reduce((n, h) => n + h.bytes.length, 0);
    }
    // ---------------------------------------------------------------------------------------
    // Data sets and records
    /** Decodes the records of one data set; returns their number, or -1 when the template is missing. */
    dataSet(b, p, end, templateId, ctx, offset) {
        const t = ctx.state.templates.get(ctx.domain * 65536 + templateId);
        if (t === undefined) {
            this.hold(b, p, end, templateId, ctx, offset);
            return -1;
        }
        let n = 0;
        const min = t.minLength;
        while (end - p >= min) {
            // A v9/IPFIX set may end with < 4 bytes of zero padding; a record of only zeros that
            // short is padding too (RFC 3954 §5.3, RFC 7011 §3.3.1).
            if (end - p < 4 && allZero(b, p, end))
                break;
            const next = t.options ? this.optionsRecord(b, p, end, t, ctx) : this.flowRecord(b, p, end, t, ctx);
            if (next < 0) {
                this.event(NetflowEventCode.Truncated, p, ctx.version, ctx.domain, templateId, 1, `record of template ${templateId} cut short by its set end`);
                break;
            }
            p = next;
            n++;
        }
        return n;
    }
    resetScratch() {
        this.sFirstUp = Number.NaN;
        this.sLastUp = Number.NaN;
        this.sStartMs = Number.NaN;
        this.sEndMs = Number.NaN;
        this.sBytes = Number.NaN;
        this.sPackets = Number.NaN;
        this.sBytesTotal = Number.NaN;
        this.sPacketsTotal = Number.NaN;
        this.sIcmpType = -1;
        this.sIcmpCode = -1;
        this.sIcmpTypeCode = -1;
        this.sSamplerId = -1;
        this.sInterval = Number.NaN;
        this.sPktInterval = Number.NaN;
        this.sPktSpace = Number.NaN;
        this.sSize = Number.NaN;
        this.sPopulation = Number.NaN;
        this.sSysInit = Number.NaN;
        this.sBgpNextHop = '';
    }
    /** Decodes one flow record at `p`; returns the offset after it, or -1 when cut short. */
    flowRecord(b, p, end, t, ctx) {
        this.resetScratch();
        const f = this.newFlow(ctx.version, ctx.domain, t.id);
        const { lengths, roles } = t;
        const keep = this.limits.keepUnmapped && t.hasUnmapped;
        for (let i = 0; i < t.fieldCount; i++) {
            let len = lengths[i];
            if (len === VARLEN) {
                if (p >= end)
                    return -1;
                len = b[p++];
                if (len === 255) {
                    if (p + 2 > end)
                        return -1;
                    len = u16(b, p);
                    p += 2;
                }
            }
            if (p + len > end)
                return -1;
            const role = roles[i];
            if (role !== Role.None)
                this.apply(f, role, b, p, len);
            else if (keep) {
                f.extras ??= [];
                f.extras.push({ enterprise: t.pens[i], id: t.ids[i], value: b.slice(p, p + len) });
            }
            p += len;
        }
        this.finish(f, ctx);
        this.out.flows.push(f);
        return p;
    }
    apply(f, role, b, p, len) {
        switch (role) {
            // An all-zero address (an exporter filling both families) never replaces a set one.
            case Role.Src4:
                if (len === 4 && (f.srcAddr === '' || !allZero(b, p, p + 4)))
                    f.srcAddr = v4Text(b, p);
                return;
            case Role.Dst4:
                if (len === 4 && (f.dstAddr === '' || !allZero(b, p, p + 4)))
                    f.dstAddr = v4Text(b, p);
                return;
            case Role.Src6:
                if (len === 16 && (f.srcAddr === '' || !allZero(b, p, p + 16)))
                    f.srcAddr = v6Text(b, p);
                return;
            case Role.Dst6:
                if (len === 16 && (f.dstAddr === '' || !allZero(b, p, p + 16)))
                    f.dstAddr = v6Text(b, p);
                return;
            case Role.NextHop4:
                if (len === 4 && (f.nextHop === '' || !allZero(b, p, p + 4)))
                    f.nextHop = v4Text(b, p);
                return;
            case Role.NextHop6:
                if (len === 16 && (f.nextHop === '' || !allZero(b, p, p + 16)))
                    f.nextHop = v6Text(b, p);
                return;
            case Role.BgpNextHop4:
                if (len === 4)
                    this.sBgpNextHop = v4Text(b, p);
                return;
            default:
                break;
        }
        const v = readUint(b, p, len);
        if (Number.isNaN(v))
            return;
        switch (role) {
            case Role.SrcPort:
                f.srcPort = v;
                return;
            case Role.DstPort:
                f.dstPort = v;
                return;
            case Role.Proto:
                f.proto = v;
                return;
            case Role.Tos:
                f.tos = v;
                return;
            case Role.TcpFlags:
                f.tcpFlags = v;
                return;
            case Role.Bytes:
                this.sBytes = v;
                return;
            case Role.Packets:
                this.sPackets = v;
                return;
            case Role.BytesTotal:
                this.sBytesTotal = v;
                return;
            case Role.PacketsTotal:
                this.sPacketsTotal = v;
                return;
            case Role.RevBytes:
                f.revBytes = v;
                return;
            case Role.RevPackets:
                f.revPackets = v;
                return;
            case Role.InputIf:
                f.inputIf = v;
                return;
            case Role.OutputIf:
                f.outputIf = v;
                return;
            case Role.SrcAs:
                f.srcAs = v;
                return;
            case Role.DstAs:
                f.dstAs = v;
                return;
            case Role.SrcMask:
                f.srcMask = v;
                return;
            case Role.DstMask:
                f.dstMask = v;
                return;
            case Role.Direction:
                f.direction = v <= 1 ? v : -1;
                return;
            default:
                this.applyCommon(role, b, p, len, v);
        }
    }
    /** Roles shared by flow and options records (times, ICMP, sampling). */
    applyCommon(role, b, p, len, v) {
        switch (role) {
            case Role.FirstUptime:
                this.sFirstUp = v;
                return;
            case Role.LastUptime:
                this.sLastUp = v;
                return;
            case Role.StartSec:
                this.sStartMs = v * 1000;
                return;
            case Role.EndSec:
                this.sEndMs = v * 1000;
                return;
            case Role.StartMs:
                this.sStartMs = v;
                return;
            case Role.EndMs:
                this.sEndMs = v;
                return;
            case Role.StartNtp:
                if (len === 8)
                    this.sStartMs = ntpMs(b, p);
                return;
            case Role.EndNtp:
                if (len === 8)
                    this.sEndMs = ntpMs(b, p);
                return;
            case Role.StartDeltaUs:
                this.sStartMs = -v / 1000; // relative to the export time, resolved in finish()
                this.sFirstUp = Number.POSITIVE_INFINITY;
                return;
            case Role.EndDeltaUs:
                this.sEndMs = -v / 1000;
                this.sLastUp = Number.POSITIVE_INFINITY;
                return;
            case Role.IcmpTypeCode:
                this.sIcmpTypeCode = v;
                return;
            case Role.IcmpType:
                this.sIcmpType = v;
                return;
            case Role.IcmpCode:
                this.sIcmpCode = v;
                return;
            case Role.SamplingInterval:
                this.sInterval = v;
                return;
            case Role.SamplingPacketInterval:
                this.sPktInterval = v;
                return;
            case Role.SamplingPacketSpace:
                this.sPktSpace = v;
                return;
            case Role.SamplingSize:
                this.sSize = v;
                return;
            case Role.SamplingPopulation:
                this.sPopulation = v;
                return;
            case Role.SamplerId:
                this.sSamplerId = v;
                return;
            case Role.SystemInitMs:
                this.sSysInit = v;
                return;
            default:
                return;
        }
    }
    /** The sampling rate the scratch values give, NaN when they give none. */
    scratchRate() {
        if (this.sInterval >= 1)
            return this.sInterval;
        if (this.sPktInterval >= 1 && this.sPktSpace >= 0)
            return (this.sPktInterval + this.sPktSpace) / this.sPktInterval;
        if (this.sSize >= 1 && this.sPopulation >= this.sSize)
            return this.sPopulation / this.sSize;
        return Number.NaN;
    }
    finish(f, ctx) {
        // Times.
        let start = this.sStartMs;
        let end = this.sEndMs;
        const first = this.sFirstUp;
        const last = this.sLastUp;
        if (first === Number.POSITIVE_INFINITY)
            start = ctx.exportMs + start;
        else if (!Number.isNaN(first))
            start = this.uptimeToMs(ctx, first);
        if (last === Number.POSITIVE_INFINITY)
            end = ctx.exportMs + end;
        else if (!Number.isNaN(last))
            end = this.uptimeToMs(ctx, last);
        if (Number.isNaN(start)) {
            f.ts = (Number.isNaN(end) ? ctx.exportMs : end) / 1000;
        }
        else {
            f.ts = start / 1000;
            if (!Number.isNaN(end) && end > start)
                f.duration = (end - start) / 1000;
        }
        // Counters and sampling.
        let rate = this.scratchRate();
        if (Number.isNaN(rate)) {
            const bySampler = this.sSamplerId >= 0 ? ctx.ds.samplers.get(this.sSamplerId) : undefined;
            rate = bySampler ?? ctx.ds.samplingRate;
        }
        f.samplingRate = rate;
        const packets = Number.isNaN(this.sPackets) ? this.sPacketsTotal : this.sPackets;
        const bytes = Number.isNaN(this.sBytes) ? this.sBytesTotal : this.sBytes;
        f.packets = Number.isNaN(packets) ? 0 : packets * rate;
        f.bytes = Number.isNaN(bytes) ? 0 : bytes * rate;
        if (rate !== 1) {
            f.revPackets *= rate;
            f.revBytes *= rate;
        }
        if (f.nextHop === '' && this.sBgpNextHop !== '')
            f.nextHop = this.sBgpNextHop;
        // ICMP type/code in the ports, as Zeek writes them.
        if (f.proto === 1 || f.proto === 58) {
            if (this.sIcmpType >= 0) {
                f.srcPort = this.sIcmpType;
                f.dstPort = Math.max(this.sIcmpCode, 0);
            }
            else if (this.sIcmpTypeCode >= 0) {
                f.srcPort = this.sIcmpTypeCode >>> 8;
                f.dstPort = this.sIcmpTypeCode & 255;
            }
            else if (ctx.version === 9 && f.srcPort === 0 && f.dstPort > 255) {
                f.srcPort = f.dstPort >>> 8;
                f.dstPort &= 255;
            }
        }
    }
    /** A sysUptime-relative time (ms) to unix ms: v9 via the header, IPFIX via systemInitTimeMilliseconds. */
    uptimeToMs(ctx, at) {
        if (ctx.version === 10) {
            const init = Number.isNaN(this.sSysInit) ? ctx.ds.sysInitMs : this.sSysInit;
            return init + at;
        }
        return ctx.exportMs - this.age(ctx.uptimeMs, at);
    }
    optionsRecord(b, p, end, t, ctx) {
        this.resetScratch();
        const fields = [];
        const { lengths, roles } = t;
        for (let i = 0; i < t.fieldCount; i++) {
            let len = lengths[i];
            if (len === VARLEN) {
                if (p >= end)
                    return -1;
                len = b[p++];
                if (len === 255) {
                    if (p + 2 > end)
                        return -1;
                    len = u16(b, p);
                    p += 2;
                }
            }
            if (p + len > end)
                return -1;
            fields.push({ enterprise: t.pens[i], id: t.ids[i], value: b.slice(p, p + len) });
            const role = roles[i];
            if (role !== Role.None) {
                const v = readUint(b, p, len);
                if (!Number.isNaN(v))
                    this.applyCommon(role, b, p, len, v);
            }
            p += len;
        }
        const rate = this.scratchRate();
        if (!Number.isNaN(rate)) {
            const ds = ctx.ds;
            if (this.sSamplerId >= 0) {
                if (ds.samplers.size >= MAX_SAMPLERS_PER_DOMAIN && !ds.samplers.has(this.sSamplerId))
                    ds.samplers.delete(ds.samplers.keys().next().value);
                ds.samplers.set(this.sSamplerId, rate);
            }
            else
                ds.samplingRate = rate;
        }
        if (!Number.isNaN(this.sSysInit))
            ctx.ds.sysInitMs = this.sSysInit;
        const rec = {
            version: ctx.version,
            exporter: ctx.state.exporter,
            domain: ctx.domain,
            templateId: t.id,
            recordIndex: this.recordIndex++,
            scopeCount: t.scopeCount,
            fields,
        };
        this.out.options.push(rec);
        return p;
    }
    // ---------------------------------------------------------------------------------------
    // IPFIX
    decodeIpfix(b) {
        if (b.length < 16) {
            this.event(NetflowEventCode.Truncated, 0, 10, 0, 0, 1, `IPFIX header needs 16 bytes, have ${b.length}`);
            return;
        }
        const length = u16(b, 2);
        const domain = u32(b, 12);
        let end = b.length;
        if (length < 16) {
            this.event(NetflowEventCode.Truncated, 2, 10, domain, 0, 1, `IPFIX message length ${length} < 16`);
            return;
        }
        if (length > b.length) {
            this.event(NetflowEventCode.Truncated, 2, 10, domain, 0, 1, `IPFIX message length ${length}, datagram ${b.length} bytes`);
        }
        else
            end = length;
        const seq = u32(b, 8);
        const state = this.exporterState(10);
        const ctx = {
            state,
            ds: this.domainState(state, domain),
            version: 10,
            domain,
            exportMs: u32(b, 4) * 1000,
            uptimeMs: Number.NaN,
            receivedTs: this.receivedTs,
        };
        this.checkSequence(ctx, seq, 8, 'data records');
        const records = this.walkSets(b, 16, end, ctx);
        ctx.ds.expectedSeq = records < 0 ? -1 : (seq + records) >>> 0;
    }
}
/** NTP timestamp (RFC 7011 dateTimeMicroseconds / Nanoseconds) at `p` → unix ms. */
function ntpMs(b, p) {
    return (u32(b, p) - NTP_EPOCH_OFFSET) * 1000 + (u32(b, p + 4) / TWO32) * 1000;
}
//# sourceMappingURL=decode.js.map