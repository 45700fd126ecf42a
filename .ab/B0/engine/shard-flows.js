import { CaptureFlows } from '../ingest/pcap/flows.js';
import { chunkPacket, readChunkPacket } from '../ingest/pcap/packet-chunk.js';
import { statsColumns } from '../report/zeek-columns.js';
import { zeekTsvRowFormatter } from '../report/zeek-log.js';
import { parseAddress } from '../shared/addr.js';
import { BatchBuilder, BatchView, CONN_STATE_NAMES, ConnState, Counter, Flag, Proto, RecordKind, RecordRow, Str, } from '../shared/record.js';
import { newRoute, routePacket, routeRow } from '../shared/sharding.js';
import { AppRecordRows, X509_LOG, x509Connection } from './capture-records.js';
/**
 * Merges event logs (of several shard hosts, or of the files and the shards): counts added,
 * kept events in file order with at most `maxPerName` of each name. Independent of the order
 * of `logs`, so the result does not depend on the number of actors.
 */
export function mergeProtocolEvents(logs, maxPerName) {
    const counts = {};
    for (const log of logs)
        for (const [k, v] of Object.entries(log.counts))
            counts[k] = (counts[k] ?? 0) + v;
    const keptPerName = {};
    const kept = logs
        .flatMap((log) => log.kept)
        .sort((a, b) => a.sourceId - b.sourceId ||
        a.fileOffset - b.fileOffset ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0))
        .filter((e) => {
        keptPerName[e.name] = (keptPerName[e.name] ?? 0) + 1;
        return keptPerName[e.name] <= maxPerName;
    });
    return { counts, kept };
}
const PROTO_BY_NAME = {
    tcp: Proto.Tcp,
    udp: Proto.Udp,
    icmp: Proto.Icmp,
    unknown_transport: Proto.Unknown,
};
const STATE_BY_NAME = new Map(CONN_STATE_NAMES.map((n, i) => [n, i]));
const encoder = new TextEncoder();
/** The packet-statistics columns of extract's conn.log, orig then resp (zeek-columns.ts). */
const STATS_COLUMNS = [
    ...statsColumns('orig', (r) => r.stats?.orig),
    ...statsColumns('resp', (r) => r.stats?.resp),
];
/** One direction's nine statistics fields as extract's conn.log prints them (zeek-log.ts). */
function directionFields(d) {
    const entropy = d?.entropy === undefined ? '-' : d.entropy.toFixed(6);
    const printable = d?.printable === undefined ? '-' : d.printable.toFixed(6);
    if (d === undefined || d.packets === 0)
        return `${entropy}\t${printable}\t-\t-\t-\t-\t-\t-\t-`;
    const sd = d.ipLenSd === undefined ? '-' : d.ipLenSd.toFixed(6);
    const ttls = d.ttls.length === 0 ? '(empty)' : d.ttls.join(',');
    const variants = d.variants === undefined ? '-' : String(d.variants);
    return `${entropy}\t${printable}\t${d.entropyBytes}\t${d.ipLenMin},${d.ipLenMax}\t${sd}\t${ttls}\t${d.ttlOther}\t${d.fragments}\t${variants}`;
}
/**
 * The statistics fields of a conn record as one TSV line without its newline: the text
 * `zeekTsvRowFormatter(STATS_COLUMNS)` gives (a test holds them equal), ≈ 4× cheaper.
 */
export function formatConnStats(r) {
    return `${directionFields(r.stats?.orig)}\t${directionFields(r.stats?.resp)}`;
}
/** The generic formatter of the same columns (the reference `formatConnStats` must match). */
export const formatConnStatsReference = zeekTsvRowFormatter(STATS_COLUMNS);
/** The schema of a capture conn row's `Raw` statistics line (as extract's conn.log header). */
export const CONN_STATS_SCHEMA = Object.freeze({
    path: 'conn',
    format: 'tsv',
    fields: Object.freeze(STATS_COLUMNS.map((c) => c.name)),
    types: Object.freeze(STATS_COLUMNS.map((c) => c.type)),
    separator: 0x09,
    setSeparator: ',',
    emptyField: '(empty)',
    unsetField: '-',
});
/** Certificate fingerprints remembered per virtual shard (x509 records delivered once each). */
export const MAX_SEEN_CERTS = 100_000;
export class ShardFlows {
    events = { counts: {}, kept: [] };
    /** Records delivered, by Zeek log path, counted at their primary delivery. */
    recordsByPath = {};
    packetsObserved = 0;
    runtime;
    flows;
    /** Per virtual shard, the certificate fingerprints whose x509 record was delivered. */
    seenCerts;
    appRows;
    packetRoute = newRoute();
    connAddr = new Uint32Array(8);
    deliver;
    packet = chunkPacket();
    /** The batch heap packets are read from, and a DataView over it (one per batch). */
    heap = new Uint8Array(0);
    heapView = new DataView(new ArrayBuffer(0));
    builder;
    row = new RecordRow();
    route = newRoute();
    strings = new Uint8Array(4096);
    /** Set per packet: whether this delivery reports protocol events, and from which file. */
    reporting = true;
    sourceId = 0;
    vshard = 0;
    /** `deliver` hands a batch of conn rows to the analyzers of the rows' virtual shards. */
    constructor(runtime, deliver) {
        this.runtime = runtime;
        this.deliver = deliver;
        this.flows = new Array(runtime.config.vshards).fill(undefined);
        this.seenCerts = new Array(runtime.config.vshards).fill(undefined);
        this.appRows = new AppRecordRows(runtime.config.parse, (row, log, record) => this.onAppRow(row, log, record), (_log, record) => this.wantsCertificate(record));
        this.builder = new BatchBuilder(runtime.config.batchRecords, runtime.config.batchHeapBytes);
    }
    get active() {
        return this.flows.some((f) => f !== undefined);
    }
    /** Connections the trackers ended early because a shard was full. */
    get evictedConnections() {
        let n = 0;
        for (const f of this.flows)
            if (f !== undefined)
                n += f.tracker.evictedEarly;
        return n;
    }
    /** Feeds packet row `i` of a batch to its virtual shard's tracker. */
    observe(view, i) {
        const vshard = view.vshard[i];
        const heap = view.heap;
        if (heap !== this.heap) {
            this.heap = heap;
            this.heapView = new DataView(heap.buffer, heap.byteOffset, heap.byteLength);
        }
        const at = view.strOffset(i, Str.Raw);
        if (!readChunkPacket(heap, this.heapView, at, at + view.strLength(i, Str.Raw), this.packet))
            return;
        this.vshard = vshard;
        this.reporting = (view.flags[i] & Flag.PacketPrimary) !== 0;
        this.sourceId = view.sourceId;
        const flows = this.flowsOf(vshard);
        flows.observe(this.packet);
        this.takeApps(flows);
        this.packetsObserved++;
    }
    /** Delivers the rows produced so far (call after each consumed batch). */
    drain() {
        if (this.builder.count === 0)
            return;
        const bytes = this.builder.encode({ chunkSeq: 0, part: 0, last: false, sourceId: this.sourceId });
        this.builder.clear();
        this.deliver(new BatchView(bytes));
    }
    /** End of input: every tracker ends its open connections, in virtual shard order. */
    finish() {
        this.reporting = true;
        this.flows.forEach((f, vshard) => {
            if (f === undefined)
                return;
            this.vshard = vshard;
            f.finish();
            this.takeApps(f);
            this.drain();
        });
    }
    flowsOf(vshard) {
        let f = this.flows[vshard];
        if (f === undefined) {
            const c = this.runtime.config.capture;
            f = new CaptureFlows((r) => this.onConn(r), (e) => this.onEvent(e), {
                verifyChecksums: c.verifyChecksums,
                tracker: { maxConnections: c.maxConnectionsPerShard },
                payloadBytes: c.payloadBytes,
                payloadBlobs: c.payloadBlobs,
                everyCertificate: true,
            });
            this.flows[vshard] = f;
        }
        return f;
    }
    onEvent(e) {
        if (!this.reporting)
            return;
        const counts = this.events.counts;
        const n = (counts[e.name] ?? 0) + 1;
        counts[e.name] = n;
        if (n <= this.runtime.config.maxEventsPerCode)
            this.events.kept.push({ ...e, sourceId: this.sourceId });
    }
    onConn(r) {
        this.routed(this.toRow(r), 'conn');
    }
    /** Delivers a row in the roles `routeRow` gives this virtual shard. */
    routed(row, path) {
        routeRow(row, this.runtime.policy, this.route);
        const vshard = this.vshard;
        const { primary, origin, flags } = this.route;
        if (primary === vshard) {
            this.count(path);
            this.append(row, flags);
        }
        if (origin === vshard)
            this.append(row, flags | Flag.OriginView);
    }
    count(path) {
        this.recordsByPath[path] = (this.recordsByPath[path] ?? 0) + 1;
    }
    /** The app-layer records a packet (or the end of input) made the shard's parsers log. */
    takeApps(flows) {
        const apps = flows.apps;
        if (apps !== undefined && AppRecordRows.pending(apps))
            this.appRows.take(apps);
    }
    onAppRow(row, log, _record) {
        if (log !== X509_LOG) {
            this.routed(row, log.path);
            return;
        }
        // Kept by `wantsCertificate`: no addresses, delivered here once (flags as routeRow sets them).
        routeRow(row, this.runtime.policy, this.route);
        this.count(log.path);
        this.append(row, this.route.flags);
    }
    /**
     * An x509 record has no addresses: the shard that reports its connection's protocol events
     * (`routePacket`'s primary) delivers it, the first time it sees the certificate.
     */
    wantsCertificate(record) {
        const id = x509Connection(record);
        if (id === undefined)
            return false;
        const orig = parseAddress(id.origH);
        const resp = parseAddress(id.respH);
        if (orig === undefined || resp === undefined)
            return false;
        this.connAddr.set(orig, 0);
        this.connAddr.set(resp, 4);
        routePacket(this.connAddr, this.runtime.policy, this.packetRoute);
        if (this.packetRoute.primary !== this.vshard)
            return false;
        let seen = this.seenCerts[this.vshard];
        if (seen === undefined) {
            seen = new Set();
            this.seenCerts[this.vshard] = seen;
        }
        const fingerprint = record.cert.fingerprint;
        if (seen.has(fingerprint))
            return false;
        if (seen.size >= MAX_SEEN_CERTS)
            seen.clear();
        seen.add(fingerprint);
        return true;
    }
    append(row, flags) {
        const b = this.builder;
        if (b.isFull || !b.fitsHeap(BatchBuilder.rowHeapBytes(row)))
            this.drain();
        b.append(row, this.vshard, flags);
    }
    toRow(r) {
        const row = this.row;
        row.reset();
        row.kind = RecordKind.Conn;
        row.proto = PROTO_BY_NAME[r.proto] ?? Proto.Unknown;
        row.connState = STATE_BY_NAME.get(r.connState) ?? ConnState.Unknown;
        row.flags = Flag.OrigSet | Flag.RespSet;
        row.origPort = r.origP;
        row.respPort = r.respP;
        row.ts = r.ts;
        row.duration = r.duration ?? Number.NaN;
        row.addr.set(r.addr);
        const c = row.counters;
        c[Counter.OrigBytes] = r.origBytes ?? Number.NaN;
        c[Counter.RespBytes] = r.respBytes ?? Number.NaN;
        c[Counter.MissedBytes] = r.missedBytes;
        c[Counter.OrigPkts] = r.origPkts;
        c[Counter.OrigIpBytes] = r.origIpBytes;
        c[Counter.RespPkts] = r.respPkts;
        c[Counter.RespIpBytes] = r.respIpBytes;
        let at = 0;
        const put = (slot, text) => {
            const { written } = encoder.encodeInto(text, this.strings.subarray(at));
            row.strStart[slot] = at;
            row.strEnd[slot] = at + written;
            at += written;
        };
        put(Str.Uid, r.uid);
        put(Str.Service, r.service.join(','));
        put(Str.History, r.history);
        if (r.stats !== undefined) {
            put(Str.Raw, formatConnStats(r));
            row.schema = CONN_STATS_SCHEMA;
        }
        row.src = this.strings;
        return row;
    }
}
//# sourceMappingURL=shard-flows.js.map