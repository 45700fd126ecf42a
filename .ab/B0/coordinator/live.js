/**
 * Live collectors for `netscry watch`: NetFlow v5/v9/IPFIX over UDP (IPFIX also over TCP, RFC
 * 7011 §10.4, framed by the message length) and syslog over UDP and TCP (RFC 6587 octet-counting
 * or non-transparent framing, detected per connection). Received data becomes Zeek JSON records
 * at once (the same converters as files) and is handed to the pipeline in blocks every
 * `flushMs`, or sooner when a block reaches `blockBytes`.
 *
 * Bounded: records waiting for the pipeline are capped at `maxPendingBytes`; above it TCP
 * connections are paused (the sender waits) and UDP datagrams are dropped and counted as
 * `live_dropped` events — loss is reported, never silent. The kernel's UDP receive buffer is
 * enlarged (`recvBufferBytes`) so a burst is not lost before Node reads it. Nothing listens
 * unless a URL names it; tests and examples use 127.0.0.1.
 */
import { createSocket } from 'node:dgram';
import { createServer, isIPv6 } from 'node:net';
import { DatagramSplitter, NetflowConnConverter } from '../ingest/netflow/index.js';
import { SyslogConverter, SyslogFramer } from '../ingest/syslog/index.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { netflowEventOf, syslogEventOf } from './convert.js';
/** `udp://HOST:PORT` or `tcp://HOST:PORT` (IPv6 in brackets); port 0 picks a free one. */
export function parseListenUrl(kind, text) {
    const m = /^(udp|tcp):\/\/(\[[0-9a-fA-F:.]+\]|[^:/\s]+):(\d{1,5})\/?$/.exec(text);
    const port = m ? Number(m[3]) : -1;
    if (!m || port > 65535) {
        throw new NetscryError(ErrorCode.InvalidOption, `--${kind}: expected udp://HOST:PORT or tcp://HOST:PORT (e.g. udp://127.0.0.1:${kind === 'netflow' ? 2055 : 5514}), got '${text}'`, { option: kind });
    }
    // Over TCP only IPFIX is defined (RFC 7011 §10.4); v5/v9 there are split like files are.
    const transport = m[1];
    return { kind, transport, host: m[2].replace(/^\[|\]$/g, ''), port };
}
export function listenUrl(s) {
    return `${s.transport}://${isIPv6(s.host) ? `[${s.host}]` : s.host}:${s.port}`;
}
/** Events kept while nobody reads the feed yet (the pipeline asks for blocks after the files). */
const MAX_EARLY_EVENTS = 10_000;
export class LiveCollector {
    stats = {
        datagrams: 0,
        bytes: 0,
        tcpConnections: 0,
        syslogMessages: 0,
        flows: 0,
        records: 0,
        dropped: 0,
        events: 0,
    };
    options;
    flushMs;
    blockBytes;
    maxPendingBytes;
    udp = [];
    tcp = [];
    connections = new Set();
    bound = [];
    /**
     * Records waiting for the pipeline, as UTF-8 bytes. Written into a buffer outside the JS heap
     * as they come: kept as strings they survived young-generation collections and were copied by
     * each (a third of the main thread's time at 100 k flows/s); each line now dies at once.
     */
    pending;
    pendingBytes = 0;
    stopped = false;
    paused = false;
    wake;
    onEvent;
    /** One converter for every NetFlow listener: the run's summary reports its exporters. */
    netflow;
    /** Events before the pipeline asked for blocks (none expected; kept, not lost). */
    early = [];
    constructor(options) {
        if (options.listeners.length === 0) {
            throw new NetscryError(ErrorCode.Usage, 'watch needs at least one --netflow or --syslog listener');
        }
        this.options = options;
        this.flushMs = options.flushMs ?? 1000;
        this.blockBytes = options.blockBytes ?? 1 << 20;
        this.maxPendingBytes = options.maxPendingBytes ?? 64 << 20;
        this.pending = Buffer.allocUnsafe(this.blockBytes + 65_536);
        this.netflow = new NetflowConnConverter({ stitch: options.stitchBiflows === true });
    }
    /** Names the feed in the summary. */
    get name() {
        const specs = this.bound.length > 0 ? this.bound : this.options.listeners;
        return `live ${specs.map((s) => `${s.kind} ${listenUrl(s)}`).join(', ')}`;
    }
    /** The listeners as bound (port 0 resolved). */
    get addresses() {
        return this.bound;
    }
    /** Binds every listener; rejects (and closes what was opened) if one cannot be bound. */
    async start() {
        try {
            for (const spec of this.options.listeners) {
                this.bound.push(spec.transport === 'udp' ? await this.bindUdp(spec) : await this.bindTcp(spec));
            }
        }
        catch (err) {
            this.close();
            const e = err;
            throw new NetscryError(ErrorCode.Usage, `cannot listen: ${e.message}`, { code: e.code ?? 'unknown' });
        }
        if (this.options.durationSeconds !== undefined) {
            setTimeout(() => this.stop(), this.options.durationSeconds * 1000).unref();
        }
    }
    /** Stops listening; what was received is still handed over, then `blocks` ends. */
    stop() {
        if (this.stopped)
            return;
        this.stopped = true;
        this.close();
        this.wake?.();
    }
    /** The feed (LiveFeed.blocks): Zeek JSON records as UTF-8 until `stop`. */
    async *blocks(onEvent) {
        this.onEvent = onEvent;
        for (const e of this.early.splice(0))
            onEvent(e);
        for (;;) {
            if (this.pendingBytes < this.blockBytes && !this.stopped) {
                await new Promise((resolve) => {
                    const timer = setTimeout(resolve, this.flushMs);
                    this.wake = () => {
                        clearTimeout(timer);
                        resolve();
                    };
                });
                this.wake = undefined;
            }
            // Stopped: flows still waiting for their other direction leave unpaired.
            if (this.stopped)
                this.add(this.netflow.end());
            if (this.pendingBytes > 0) {
                const block = this.pending.subarray(0, this.pendingBytes);
                this.pending = Buffer.allocUnsafe(this.blockBytes + 65_536);
                this.pendingBytes = 0;
                if (this.paused)
                    this.resume();
                yield block;
            }
            else if (this.stopped)
                return;
        }
    }
    close() {
        for (const s of this.udp)
            s.close();
        for (const s of this.tcp)
            s.close();
        for (const c of this.connections)
            c.destroy();
        this.udp.length = 0;
        this.tcp.length = 0;
        this.connections.clear();
    }
    event(e) {
        this.stats.events++;
        if (this.onEvent)
            this.onEvent(e);
        else if (this.early.length < MAX_EARLY_EVENTS)
            this.early.push(e);
    }
    add(lines) {
        if (lines.length === 0)
            return;
        const limit = this.options.maxRecords;
        let take = lines.length;
        if (limit !== undefined && this.stats.records + take >= limit)
            take = limit - this.stats.records;
        for (let k = 0; k < take; k++) {
            const line = lines[k];
            // A UTF-8 byte per UTF-16 unit at most 3: grow (by doubling) only when that might not fit.
            if (this.pendingBytes + 3 * line.length > this.pending.length) {
                const grown = Buffer.allocUnsafe(Math.max(2 * this.pending.length, this.pendingBytes + 3 * line.length));
                this.pending.copy(grown, 0, 0, this.pendingBytes);
                this.pending = grown;
            }
            this.pendingBytes += this.pending.write(line, this.pendingBytes, 'utf8');
        }
        this.stats.records += take;
        if (limit !== undefined && this.stats.records >= limit)
            this.stop();
        if (this.pendingBytes >= this.blockBytes)
            this.wake?.();
        if (this.pendingBytes >= this.maxPendingBytes && !this.paused)
            this.pause();
    }
    pause() {
        this.paused = true;
        for (const c of this.connections)
            c.pause();
    }
    resume() {
        this.paused = false;
        for (const c of this.connections)
            c.resume();
    }
    onNetflowDatagram(bytes, exporter) {
        const r = this.netflow.push(bytes, exporter, Date.now() / 1000);
        this.stats.flows += r.flows;
        for (const e of r.events)
            this.event(netflowEventOf(e, 0));
        this.add(r.lines);
    }
    bindUdp(spec) {
        const type = isIPv6(spec.host) ? 'udp6' : 'udp4';
        const socket = createSocket({ type, recvBufferSize: this.options.recvBufferBytes ?? 16 << 20 });
        this.udp.push(socket);
        const url = listenUrl(spec);
        const syslog = spec.kind === 'syslog' ? new SyslogConverter({ source: `syslog ${url}` }) : undefined;
        socket.on('message', (msg, rinfo) => {
            this.stats.datagrams++;
            this.stats.bytes += msg.length;
            if (this.paused || this.stopped) {
                this.stats.dropped++;
                this.event({
                    name: 'live_dropped',
                    ts: Date.now() / 1000,
                    fileOffset: 0,
                    detail: `${url}: datagram of ${msg.length} bytes from ${rinfo.address}:${rinfo.port} dropped: the pipeline is ${this.stopped ? 'stopping' : 'behind'}`,
                });
                return;
            }
            if (syslog === undefined) {
                this.onNetflowDatagram(msg, `${rinfo.address}:${rinfo.port}`);
                return;
            }
            // One message per datagram (RFC 5426); a trailing LF/NUL is trimmed by the parser.
            this.stats.syslogMessages++;
            const now = Date.now() / 1000;
            const r = syslog.convert(msg, 0, { addr: rinfo.address, port: rinfo.port, transport: 'udp' }, now);
            for (const e of r.events)
                this.event(syslogEventOf(e, now));
            this.add([r.line]);
        });
        return new Promise((resolve, reject) => {
            socket.once('error', reject);
            socket.bind(spec.port, spec.host, () => {
                socket.off('error', reject);
                socket.on('error', (err) => this.event({
                    name: 'live_socket_error',
                    ts: Date.now() / 1000,
                    fileOffset: 0,
                    detail: `${url}: ${err.message}`,
                }));
                resolve({ ...spec, port: socket.address().port });
            });
        });
    }
    bindTcp(spec) {
        const server = createServer((conn) => this.onTcp(spec, conn));
        this.tcp.push(server);
        return new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(spec.port, spec.host, () => {
                server.off('error', reject);
                const a = server.address();
                resolve({ ...spec, port: typeof a === 'object' && a !== null ? a.port : spec.port });
            });
        });
    }
    onTcp(spec, conn) {
        if (this.stopped) {
            conn.destroy();
            return;
        }
        this.stats.tcpConnections++;
        this.connections.add(conn);
        if (this.paused)
            conn.pause();
        const peer = `${conn.remoteAddress ?? '?'}:${conn.remotePort ?? 0}`;
        const url = listenUrl(spec);
        conn.on('close', () => this.connections.delete(conn));
        conn.on('error', (err) => this.event({
            name: 'live_socket_error',
            ts: Date.now() / 1000,
            fileOffset: 0,
            detail: `${url} ${peer}: ${err.message}`,
        }));
        if (spec.kind === 'netflow') {
            // IPFIX over TCP: a stream of messages, each carrying its length; templates live as long
            // as the connection, so the exporter name includes the peer's port.
            const splitter = new DatagramSplitter();
            conn.on('data', (data) => {
                this.stats.bytes += data.length;
                for (const d of splitter.push(data))
                    this.onNetflowDatagram(d.bytes, peer);
            });
            conn.on('end', () => {
                for (const d of splitter.end())
                    this.onNetflowDatagram(d.bytes, peer);
            });
            return;
        }
        const source = `syslog ${url} from ${peer}`;
        const framer = new SyslogFramer({ source, maxFrameBytes: this.options.maxFrameBytes ?? 64 * 1024 });
        const converter = new SyslogConverter({ source });
        const sender = { addr: conn.remoteAddress ?? '', port: conn.remotePort ?? 0, transport: 'tcp' };
        const take = (out) => {
            const now = Date.now() / 1000;
            for (const e of out.events)
                this.event(syslogEventOf(e, now));
            const lines = [];
            for (const m of out.messages) {
                this.stats.syslogMessages++;
                const r = converter.convert(m.bytes, m.offset, sender, now);
                for (const e of r.events)
                    this.event(syslogEventOf(e, now));
                lines.push(r.line);
            }
            this.add(lines);
        };
        conn.on('data', (data) => {
            this.stats.bytes += data.length;
            take(framer.push(data));
        });
        conn.on('end', () => take(framer.end()));
    }
}
//# sourceMappingURL=live.js.map