/**
 * Input discovery: files and directories in, an ordered list of readable log files out, each
 * with its compression and format sniffed from content (never from the file name).
 *
 * Directories are walked recursively and contribute Zeek's log files (`*.log`, `*.log.gz`;
 * Zeek names JSON logs `.log` too; syslog files such as `auth.log` come along) and captures
 * (`*.pcap`, `*.pcapng`, `*.cap`, optionally `.gz`), so side files such as labels or notes stay
 * out; a file named explicitly is always taken (raw NetFlow dumps, `messages`, …). Whatever the name, the format is decided by content.
 * The order is the sorted path order, so a run is reproducible whatever the file system says.
 *
 * `-` is standard input; it and any other input that is not a regular file (a named pipe, a
 * process substitution, a character device) is read once and spooled (stream-input.ts), so the
 * run can read it again like a file.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { sniffCaptureFormat } from '../ingest/pcap/capture-file.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { BLOCK_BYTES } from './blocks.js';
import { StreamSpool } from './stream-input.js';
export const SUPPORTED_FORMATS = 'Zeek TSV logs, Zeek JSON logs (one object per line), pcap/pcapng captures, raw NetFlow v5/v9/IPFIX export datagrams and syslog files (RFC 5424, RFC 3164 or plain log lines), plain or gzip-compressed';
/** Inputs turned into Zeek JSON records on the coordinator; `live` is `netscry watch`'s feed. */
export function isConverted(format) {
    return format === 'netflow' || format === 'netflow-capture' || format === 'syslog' || format === 'live';
}
/** The path a stream input is named by: `-` is standard input. */
export const STDIN = '-';
/** Releases what the inputs hold (the spools of stream inputs). */
export function closeInputs(inputs) {
    for (const input of inputs)
        input.stream?.close();
}
/** Bytes of an input as read: the file's size, or what a stream input gave. */
export function inputBytes(input) {
    return input.stream?.bytesRead ?? input.size;
}
const INPUT_NAME = /\.(log|pcap|pcapng|cap)(\.gz)?$/;
async function walk(dir, out) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory())
            await walk(p, out);
        else if (e.isFile() && INPUT_NAME.test(e.name))
            out.push(p);
    }
}
/** The typed error for a file that cannot be read, with the OS reason in words. */
export function unreadable(path, err) {
    const code = err.code ?? 'unknown';
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code;
    return new NetscryError(ErrorCode.UnreadableInput, `cannot read ${path}: ${why}`, { path, code });
}
/**
 * Up to `n` leading bytes of an async byte source. If the source fails, `onError` decides:
 * rethrow, or return what came before (without it, the error is thrown).
 */
async function leading(blocks, n, onError = (err) => {
    throw err;
}) {
    const parts = [];
    let total = 0;
    try {
        for await (const block of blocks) {
            parts.push(block);
            total += block.length;
            if (total >= n)
                break;
        }
    }
    catch (err) {
        onError(err);
    }
    return new Uint8Array(Buffer.concat(parts)).subarray(0, n);
}
/**
 * Up to `n` leading bytes of gzip data read from `raw`, decompressed. A read error throws; a
 * gzip stream broken within its first bytes gives what it decoded.
 */
async function sniffGzip(raw, n) {
    const gunzip = createGunzip();
    let readError;
    raw.on('error', (err) => {
        readError = err;
        gunzip.destroy(err);
    });
    raw.pipe(gunzip);
    try {
        return await leading(gunzip, n, () => {
            if (readError !== undefined)
                throw readError;
        });
    }
    finally {
        raw.destroy();
        gunzip.destroy();
    }
}
/** Up to `n` leading bytes of a stream input's content, gzip undone when `gzip`. */
function sniffStream(spool, gzip, n) {
    return gzip ? sniffGzip(Readable.from(spool.rawBlocks()), n) : leading(spool.rawBlocks(), n);
}
/** Up to `n` leading bytes of a file's content, gzip undone when `gzip`. */
async function sniff(path, gzip, n) {
    if (gzip)
        return sniffGzip(createReadStream(path), n);
    const handle = await open(path, 'r');
    try {
        const buf = new Uint8Array(n);
        const { bytesRead } = await handle.read(buf, 0, n, 0);
        return buf.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
}
const MONTH_START = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d /;
const ISO_START = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
function formatOf(head) {
    const capture = sniffCaptureFormat(head);
    if (capture === 'pcap' || capture === 'pcapng')
        return 'pcap';
    // An export datagram starts with its version as a 16-bit number; text never starts with NUL.
    if (head.length >= 4 && head[0] === 0 && (head[1] === 5 || head[1] === 9 || head[1] === 10))
        return 'netflow';
    let i = 0;
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
        i = 3; // UTF-8 BOM
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d))
        i++;
    if (head[i] === 0x23)
        return 'tsv';
    if (head[i] === 0x7b)
        return 'json';
    const text = Buffer.from(head.subarray(i)).toString('latin1');
    if (/^<\d{1,3}>/.test(text) || MONTH_START.test(text) || ISO_START.test(text))
        return 'syslog';
    return undefined;
}
export async function discoverInputs(paths, options = {}) {
    const files = [];
    /** Stream inputs by path: `-`, pipes and devices, opened here and read once. */
    const streams = new Map();
    for (const p of paths) {
        if (p === STDIN) {
            files.push(STDIN);
            if (!streams.has(STDIN))
                streams.set(STDIN, options.stdin ?? process.stdin);
            continue;
        }
        const abs = resolve(p);
        let s;
        try {
            s = await stat(abs);
        }
        catch (err) {
            throw unreadable(p, err);
        }
        if (!s.isDirectory() && !s.isFile()) {
            files.push(abs);
            if (!streams.has(abs))
                streams.set(abs, createReadStream(abs, { highWaterMark: BLOCK_BYTES }));
            continue;
        }
        if (s.isDirectory()) {
            const found = [];
            await walk(abs, found);
            if (found.length === 0) {
                throw new NetscryError(ErrorCode.UnsupportedFormat, `${p} holds no log files or captures (*.log, *.pcap, *.pcapng, *.cap, optionally .gz)`, {
                    path: p,
                });
            }
            files.push(...found);
        }
        else {
            files.push(abs);
        }
    }
    const unique = [...new Set(files)].sort();
    const inputs = [];
    try {
        for (const path of unique) {
            const stream = streams.get(path);
            inputs.push(stream === undefined
                ? await fileInput(path, inputs.length, options)
                : await streamInput(path, stream, inputs.length, options));
        }
    }
    catch (err) {
        closeInputs(inputs);
        for (const [path, stream] of streams)
            if (!inputs.some((f) => f.path === path))
                stream.destroy();
        throw err;
    }
    return inputs;
}
/** What the leading bytes tell: `read(gzip, n)` gives up to n of them (gzip undone when asked). */
async function sniffContent(read) {
    const magic = await read(false, 2);
    const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
    return { gzip, head: await read(gzip, 64), empty: magic.length === 0 };
}
/** The format an input's leading bytes name, captures read as the options ask. */
function inputFormat(head, options) {
    const format = formatOf(head);
    return format === 'pcap' && options.captureAs === 'netflow' ? 'netflow-capture' : format;
}
function unsupported(path, empty) {
    return new NetscryError(ErrorCode.UnsupportedFormat, `${path}: unsupported format${empty ? ' (empty file)' : ''}; netscry reads ${SUPPORTED_FORMATS}`, { path });
}
async function streamInput(path, stream, sourceId, options) {
    const spool = new StreamSpool(stream, String(sourceId), options.spoolDir);
    const name = path === STDIN ? 'standard input' : path;
    try {
        let content;
        try {
            content = await sniffContent((gzip, n) => sniffStream(spool, gzip, n));
        }
        catch (err) {
            throw unreadable(name, err);
        }
        const { gzip, head, empty } = content;
        const format = inputFormat(head, options);
        if (format === undefined)
            throw unsupported(name, empty);
        return {
            path,
            sourceId,
            gzip,
            format,
            size: 0,
            checksumFile: undefined,
            mtime: Date.now() / 1000,
            stream: spool,
        };
    }
    catch (err) {
        spool.close();
        throw err;
    }
}
async function fileInput(path, sourceId, options) {
    let size;
    let mtime;
    let content;
    try {
        const st = await stat(path);
        size = st.size;
        mtime = Math.floor(st.mtimeMs) / 1000;
        content = await sniffContent((gzip, n) => sniff(path, gzip, n));
    }
    catch (err) {
        throw unreadable(path, err);
    }
    const { gzip, head, empty } = content;
    const format = inputFormat(head, options);
    if (format === undefined)
        throw unsupported(path, empty);
    let checksumFile = `${path}.sha256`;
    try {
        await stat(checksumFile);
    }
    catch {
        checksumFile = undefined;
    }
    return { path, sourceId, gzip, format, size, checksumFile, mtime };
}
/** Reads the digest from a sha256sum-style sidecar (`<hex>  <name>` or a bare hex digest). */
export async function readExpectedDigest(checksumFile) {
    try {
        const text = await readFile(checksumFile, 'utf8');
        const m = /^\s*([0-9a-fA-F]{64})\b/.exec(text);
        return m ? m[1].toLowerCase() : undefined;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=inputs.js.map