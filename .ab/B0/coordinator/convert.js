import { DatagramSplitter } from '../ingest/netflow/index.js';
import { CaptureReader } from '../ingest/pcap/capture-file.js';
import { IpProto } from '../ingest/pcap/packet.js';
import { PacketPath } from '../ingest/pcap/packet-path.js';
import { SyslogConverter } from '../ingest/syslog/index.js';
import { formatAddress } from '../shared/addr.js';
import { decompressedBlocks } from './blocks.js';
/** Longest syslog line kept whole; longer lines are cut by the parser's own limit too. */
const MAX_LINE_BYTES = 64 * 1024;
export function netflowEventOf(e, baseOffset) {
    return {
        name: e.code,
        ts: e.receivedTs,
        fileOffset: baseOffset + e.offset,
        detail: `exporter ${e.exporter}${e.templateId ? ` template ${e.templateId}` : ''}: ${e.message}`,
    };
}
export function syslogEventOf(e, ts) {
    return { name: e.code, ts, fileOffset: e.offset, detail: `${e.source}: ${e.message}` };
}
/** Exporter name of raw datagram files: the files of one run are read as one exporter's export. */
export const FILE_EXPORTER = 'file';
/**
 * Raw export datagrams (one or many per file) → conn lines. At the end of each input the biflow
 * stitcher lets go of the flows still waiting for their other direction (directions exported
 * into different files are not paired).
 */
async function* netflowFile(input, mtime, ctx) {
    const splitter = new DatagramSplitter();
    const convert = (datagrams) => {
        let text = '';
        for (const d of datagrams) {
            const r = ctx.netflow.push(d.bytes, FILE_EXPORTER, mtime);
            for (const e of r.events)
                ctx.onEvent(netflowEventOf(e, d.offset));
            for (const line of r.lines)
                text += line;
        }
        return text;
    };
    for await (const block of decompressedBlocks(input, ctx.onRaw))
        yield convert(splitter.push(block));
    yield convert(splitter.end()) + ctx.netflow.end().join('');
}
/**
 * A capture of export traffic → conn lines: every UDP payload (after fragment reassembly and
 * tunnels, the capture path's own) is an export datagram from exporter `address:port`.
 */
async function* netflowCapture(input, ctx) {
    let text = '';
    const sink = {
        observe(p, data) {
            if (p.ipProto !== IpProto.Udp || p.payloadLength === 0)
                return undefined;
            const exporter = `${formatAddress(p.addr, 0)}:${p.srcPort}`;
            const payload = data.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
            const r = ctx.netflow.push(payload, exporter, p.ts);
            for (const e of r.events)
                ctx.onEvent(netflowEventOf(e, p.fileOffset));
            for (const line of r.lines)
                text += line;
            return undefined;
        },
    };
    const path = new PacketPath(sink, ctx.onEvent, { verifyChecksums: false });
    const reader = new CaptureReader((packet) => path.packet(packet), ctx.onEvent);
    for await (const block of decompressedBlocks(input, ctx.onRaw)) {
        reader.push(block);
        yield text;
        text = '';
    }
    reader.end();
    yield text + ctx.netflow.end().join('');
}
/**
 * Syslog lines (LF-terminated; CR and NUL trimmed by the parser) → records. A line longer than
 * `MAX_LINE_BYTES` is converted from its head (the parser reports the cut) and the rest of it
 * skipped, so memory stays bounded whatever the file holds.
 */
async function* syslogFile(input, mtime, ctx) {
    const converter = new SyslogConverter({ source: input.path, referenceTs: mtime });
    const convert = (line, offset) => {
        const r = converter.convert(line, offset);
        for (const e of r.events)
            ctx.onEvent(syslogEventOf(e, Number.NaN));
        return r.line;
    };
    let carry = new Uint8Array(0);
    /** Stream offset of carry[0] (or of the block, while skipping). */
    let offset = 0;
    let skipping = false;
    for await (const block of decompressedBlocks(input, ctx.onRaw)) {
        let buf = block;
        if (skipping) {
            const nl = block.indexOf(10);
            if (nl < 0) {
                offset += block.length;
                continue;
            }
            skipping = false;
            buf = block.subarray(nl + 1);
            offset += nl + 1;
        }
        else if (carry.length > 0)
            buf = Buffer.concat([carry, block]);
        let text = '';
        let start = 0;
        for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, start)) {
            if (nl > start)
                text += convert(buf.subarray(start, nl), offset + start);
            start = nl + 1;
        }
        carry = buf.slice(start);
        offset += start;
        if (carry.length > MAX_LINE_BYTES) {
            text += convert(carry.subarray(0, MAX_LINE_BYTES), offset);
            offset += carry.length;
            carry = new Uint8Array(0);
            skipping = true;
        }
        yield text;
    }
    yield carry.length > 0 ? convert(carry, offset) : '';
}
/** The Zeek JSON text of a converted input, block by block (a block may be empty). */
export function convertedText(input, as, mtime, ctx) {
    if (as === 'netflow')
        return netflowFile(input, mtime, ctx);
    if (as === 'netflow-capture')
        return netflowCapture(input, ctx);
    return syslogFile(input, mtime, ctx);
}
//# sourceMappingURL=convert.js.map