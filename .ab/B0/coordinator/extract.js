/**
 * `netscry extract`: captures in, Zeek logs out. Streams each capture (a path, or `-` for
 * stdin; gzip either way) through the streaming reader and the per-packet path of
 * ingest/pcap/flows.ts, and writes every record as its connection ends — Zeek's own order, the
 * order of removal — to conn.log, weird.log and the app-layer logs (dns, http, ssl, x509, ssh,
 * dhcp, and netscry's payload.log of masked sensitive values and command lines found in
 * clear-text payloads; a log with no rows is not written) in the chosen format. Files are processed one after
 * another into one set of logs.
 *
 * Memory is bounded by the flow state (the tracker's caps) and a 1 MiB write buffer per log:
 * neither the capture nor the records are held. A gzip stream that breaks is a `truncated_gzip`
 * protocol event; what was decoded before it is kept.
 */
import { once } from 'node:events';
import { closeSync, createReadStream, mkdirSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { HTTP_COLUMNS } from '../ingest/pcap/app/http.js';
import { DEFAULT_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES } from '../ingest/pcap/app/payload.js';
import { CaptureReader } from '../ingest/pcap/capture-file.js';
import { CaptureFlows } from '../ingest/pcap/flows.js';
import { connColumns, DHCP_COLUMNS, DNS_COLUMNS, PAYLOAD_COLUMNS, SSH_COLUMNS, SSL_COLUMNS, WEIRD_COLUMNS, X509_COLUMNS, } from '../report/zeek-columns.js';
import { zeekJsonLine, zeekTsvClose, zeekTsvHeader, zeekTsvRowFormatter, } from '../report/zeek-log.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { unreadable } from './inputs.js';
import { checksumHint } from './summary.js';
const FORMATS = ['zeek', 'zeek-json', 'ndjson'];
const FLUSH_BYTES = 1 << 20;
/**
 * One output log, opened on its first row (or at the end when it must exist). Rows are encoded
 * (UTF-8) into one reused 1 MiB buffer as they come, and the buffer is written when full: a
 * row's string dies young, where appending rows to a pending string kept a megabyte of them
 * alive long enough to reach V8's old generation, and the write flattened and encoded it again.
 */
class LogFile {
    path;
    name;
    format;
    columns;
    openTs;
    rows = 0;
    fd = -1;
    buffer;
    used = 0;
    row;
    constructor(path, name, format, columns, 
    /** The time the header's `#open` shows: the run's first packet. */
    openTs) {
        this.path = path;
        this.name = name;
        this.format = format;
        this.columns = columns;
        this.openTs = openTs;
        this.row =
            format === 'zeek' ? zeekTsvRowFormatter(columns) : (record) => zeekJsonLine(this.columns, record);
    }
    write(record) {
        if (this.fd < 0)
            this.open();
        this.put(this.row(record));
        this.rows++;
    }
    /** Ends the log; returns whether a file was written. */
    close(closeTs, always) {
        if (this.fd < 0) {
            if (!always)
                return false;
            this.open();
        }
        if (this.format === 'zeek')
            this.put(zeekTsvClose(closeTs));
        this.flush();
        closeSync(this.fd);
        this.buffer = undefined;
        return true;
    }
    open() {
        this.fd = openSync(this.path, 'w');
        this.buffer = Buffer.allocUnsafe(FLUSH_BYTES);
        if (this.format === 'zeek')
            this.put(zeekTsvHeader(this.name, this.columns, this.openTs()));
    }
    put(text) {
        const buffer = this.buffer;
        // A UTF-16 code unit takes at most 3 bytes in UTF-8: room for that means room for the text.
        if (text.length * 3 > buffer.length - this.used) {
            this.flush();
            if (text.length * 3 > buffer.length) {
                writeAll(this.fd, Buffer.from(text, 'utf8'));
                return;
            }
        }
        this.used += buffer.write(text, this.used, 'utf8');
    }
    flush() {
        if (this.used === 0)
            return;
        writeAll(this.fd, this.buffer.subarray(0, this.used));
        this.used = 0;
    }
}
function writeAll(fd, bytes) {
    for (let at = 0; at < bytes.length;)
        at += writeSync(fd, bytes, at, bytes.length - at);
}
const READ_BLOCK = 1 << 20;
/**
 * A capture file's bytes: a plain file in 1 MiB blocks read into two buffers in turn (the
 * next block is read while the consumer handles this one, which it must be done with when it
 * asks for the next: `CaptureReader.push` keeps no view of it); a gzip file through
 * `captureBytes`. A stream's fresh 1 MiB buffer per read cost the kernel a fault and a zeroing
 * per page, and the garbage collector an external buffer to track: ~4 % of `extract`'s CPU.
 */
async function* fileBytes(path) {
    const handle = await open(path, 'r');
    let reading;
    try {
        let current = Buffer.allocUnsafe(READ_BLOCK);
        let other = Buffer.allocUnsafe(READ_BLOCK);
        reading = handle.read(current, 0, READ_BLOCK, null);
        const first = await reading;
        if (first.bytesRead >= 2 && current[0] === 0x1f && current[1] === 0x8b) {
            yield* captureBytes(createReadStream(path, { highWaterMark: READ_BLOCK }));
            return;
        }
        for (let got = first.bytesRead; got > 0; got = (await reading).bytesRead) {
            const block = current.subarray(0, got);
            [current, other] = [other, current];
            reading = handle.read(current, 0, READ_BLOCK, null);
            yield block;
        }
    }
    finally {
        // A consumer that stops early leaves a read in flight: it ends before the file is closed.
        await reading?.catch(() => undefined);
        await handle.close();
    }
}
/** A capture's bytes as they arrive, gzip undone when the stream starts with its magic. */
async function* captureBytes(input) {
    const chunks = input[Symbol.asyncIterator]();
    const first = await chunks.next();
    if (first.done)
        return;
    const head = first.value;
    if (head[0] !== 0x1f || head[1] !== 0x8b) {
        yield head;
        for (let r = await chunks.next(); !r.done; r = await chunks.next())
            yield r.value;
        return;
    }
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    const feed = (async () => {
        gunzip.write(head);
        for (let r = await chunks.next(); !r.done; r = await chunks.next()) {
            if (!gunzip.write(r.value))
                await once(gunzip, 'drain');
        }
        gunzip.end();
    })();
    feed.catch((err) => gunzip.destroy(err));
    for await (const block of gunzip)
        yield block;
    await feed;
}
export async function extractFiles(options) {
    const format = options.format ?? 'zeek';
    if (!FORMATS.includes(format)) {
        throw new NetscryError(ErrorCode.InvalidOption, `--format must be one of ${FORMATS.join(', ')}`, {
            format,
        });
    }
    const local = LocalNetworks.parse(options.localNetworks ?? DEFAULT_LOCAL_NETWORKS);
    if (!(local instanceof LocalNetworks)) {
        throw new NetscryError(ErrorCode.InvalidOption, `not a network: ${local.invalid}`, {
            value: local.invalid,
        });
    }
    const payloadBytes = options.payloadBytes ?? DEFAULT_PAYLOAD_BYTES;
    if (!Number.isInteger(payloadBytes) || payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
        throw new NetscryError(ErrorCode.InvalidOption, `payloadBytes must be a whole number from 0 to ${MAX_PAYLOAD_BYTES} (got ${payloadBytes})`, { payloadBytes });
    }
    const ext = format === 'zeek' ? 'log' : 'json';
    try {
        mkdirSync(options.out, { recursive: true });
    }
    catch (err) {
        throw new NetscryError(ErrorCode.OutputFailed, `cannot write ${options.out}: ${err.message}`);
    }
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    const openTs = () => (Number.isFinite(first) ? first : 0);
    const log = (name, columns) => new LogFile(join(options.out, `${name}.${ext}`), name, format, columns, openTs);
    const conn = log('conn', connColumns(local));
    const weird = log('weird', WEIRD_COLUMNS);
    const apps = {
        dns: log('dns', DNS_COLUMNS),
        http: log('http', HTTP_COLUMNS),
        ssl: log('ssl', SSL_COLUMNS),
        x509: log('x509', X509_COLUMNS),
        ssh: log('ssh', SSH_COLUMNS),
        dhcp: log('dhcp', DHCP_COLUMNS),
        payload: log('payload', PAYLOAD_COLUMNS),
    };
    const drainApps = (layer) => {
        if (layer === undefined)
            return;
        for (const r of layer.dns)
            apps.dns.write(r);
        for (const r of layer.http)
            apps.http.write(r);
        for (const r of layer.ssl)
            apps.ssl.write(r);
        for (const r of layer.x509)
            apps.x509.write(r);
        for (const r of layer.ssh)
            apps.ssh.write(r);
        for (const r of layer.dhcp)
            apps.dhcp.write(r);
        for (const r of layer.payload)
            apps.payload.write(r);
        layer.discardLogs();
    };
    let packets = 0;
    let evicted = 0;
    const eventsByName = {};
    try {
        for (const path of options.inputs) {
            const onEvent = (e) => {
                eventsByName[e.name] = (eventsByName[e.name] ?? 0) + 1;
                weird.write({
                    ts: e.ts,
                    name: e.name,
                    addl: e.fileOffset >= 0 ? `${path}@${e.fileOffset}: ${e.detail}` : e.detail,
                    id: e.conn,
                });
            };
            const flows = new CaptureFlows((r) => conn.write(r), onEvent, options);
            const reader = new CaptureReader((p) => {
                if (p.ts < first)
                    first = p.ts;
                if (p.ts > last)
                    last = p.ts;
                flows.observe(p);
            }, onEvent);
            let decompressed = 0;
            try {
                const blocks = path === '-' ? captureBytes(process.stdin) : fileBytes(path);
                for await (const block of blocks) {
                    decompressed += block.length;
                    reader.push(block);
                    drainApps(flows.apps);
                }
            }
            catch (err) {
                if (err instanceof NetscryError)
                    throw err;
                const code = err.code ?? '';
                if (decompressed === 0 ||
                    (code.startsWith('E') && !code.startsWith('ERR_') && !code.startsWith('Z_')))
                    throw unreadable(path, err);
                onEvent({
                    name: 'truncated_gzip',
                    ts: Number.isFinite(last) ? last : 0,
                    fileOffset: decompressed,
                    detail: `gzip stream broken after ${decompressed} decompressed bytes (${err.message}): the rest is lost`,
                });
            }
            reader.end();
            flows.finish();
            drainApps(flows.apps);
            packets += flows.packets;
            evicted += flows.tracker.evictedEarly;
        }
    }
    catch (err) {
        // Reading errors were handled above: a system error here comes from writing a log.
        if (err instanceof NetscryError || err.syscall === undefined)
            throw err;
        throw new NetscryError(ErrorCode.OutputFailed, `cannot write ${options.out}: ${err.message}`);
    }
    const closeTs = Number.isFinite(last) ? last : 0;
    const written = [];
    try {
        for (const [file, always] of [
            [conn, true],
            [weird, true],
            ...Object.values(apps).map((f) => [f, false]),
        ]) {
            if (file.close(closeTs, always))
                written.push(file.path);
        }
    }
    catch (err) {
        throw new NetscryError(ErrorCode.OutputFailed, `cannot write ${options.out}: ${err.message}`);
    }
    const hint = options.verifyChecksums === false ? undefined : checksumHint(eventsByName, packets);
    return {
        ...(hint === undefined ? {} : { checksumHint: hint }),
        files: options.inputs,
        packets,
        connections: conn.rows,
        events: weird.rows,
        evictedConnections: evicted,
        appRows: {
            dns: apps.dns.rows,
            http: apps.http.rows,
            ssl: apps.ssl.rows,
            x509: apps.x509.rows,
            ssh: apps.ssh.rows,
            dhcp: apps.dhcp.rows,
            payload: apps.payload.rows,
        },
        written,
    };
}
//# sourceMappingURL=extract.js.map