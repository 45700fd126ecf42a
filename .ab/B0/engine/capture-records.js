import { HTTP_COLUMNS } from '../ingest/pcap/app/http.js';
import { ChunkContext } from '../ingest/zeek/context.js';
import { parseZeekHeader } from '../ingest/zeek/index.js';
import { buildTsvPlan } from '../ingest/zeek/plan.js';
import { TsvParser } from '../ingest/zeek/tsv.js';
import { DHCP_COLUMNS, DNS_COLUMNS, PAYLOAD_COLUMNS, SSH_COLUMNS, SSL_COLUMNS, WEIRD_COLUMNS, X509_COLUMNS, } from '../report/zeek-columns.js';
import { zeekTsvHeader, zeekTsvRowFormatter } from '../report/zeek-log.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
function appLog(path, columns, records) {
    const { header } = parseZeekHeader(zeekTsvHeader(path, columns, 0));
    if (header === undefined)
        throw new NetscryError(ErrorCode.Internal, `no header for ${path}`);
    return {
        path,
        header,
        plan: buildTsvPlan(header.schema),
        format: zeekTsvRowFormatter(columns),
        records,
    };
}
/** In extract's order. */
export const APP_LOGS = [
    appLog('dns', DNS_COLUMNS, (l) => l.dns),
    appLog('http', HTTP_COLUMNS, (l) => l.http),
    appLog('ssl', SSL_COLUMNS, (l) => l.ssl),
    appLog('x509', X509_COLUMNS, (l) => l.x509),
    appLog('ssh', SSH_COLUMNS, (l) => l.ssh),
    appLog('dhcp', DHCP_COLUMNS, (l) => l.dhcp),
    appLog('payload', PAYLOAD_COLUMNS, (l) => l.payload),
    // Events a connection's parsers reported: the rows of weird.log lines with uid and id.
    appLog('weird', WEIRD_COLUMNS, (l) => l.weird),
];
export const X509_LOG = APP_LOGS[3];
const encoder = new TextEncoder();
export class AppRecordRows {
    parser;
    onRow;
    keep;
    bytes = new Uint8Array(64 * 1024);
    log = APP_LOGS[0];
    records = [];
    /** `parse`: the run's Zeek parse options, so a line the log path would drop is dropped here too. */
    constructor(parse, onRow, keep = () => true) {
        // The parser's context is begun once and never asked for a chunk result: per call, begin and
        // result cost more than parsing a line. What it keeps is bounded (counts, capped events).
        const ctx = new ChunkContext(parse);
        ctx.begin({
            // Each record is one line (the formatter escapes control bytes): line n is record n - 1.
            push: (row) => this.onRow(row, this.log, this.records[row.line - 1]),
        });
        this.parser = new TsvParser(ctx);
        this.onRow = onRow;
        this.keep = keep;
    }
    /** Whether the layer holds records not taken yet. */
    static pending(layer) {
        return (layer.dns.length +
            layer.http.length +
            layer.ssl.length +
            layer.x509.length +
            layer.ssh.length +
            layer.dhcp.length +
            layer.payload.length +
            layer.weird.length >
            0);
    }
    /** Turns every record the layer logged so far into rows, log by log, and empties its lists. */
    take(layer) {
        for (const log of APP_LOGS) {
            const records = log.records(layer);
            if (records.length === 0)
                continue;
            let text = '';
            let kept = records;
            if (log === X509_LOG) {
                kept = records.filter((r) => this.keep(log, r));
                records.length = 0;
                if (kept.length === 0)
                    continue;
            }
            for (const r of kept)
                text += log.format(r);
            this.log = log;
            this.records = kept;
            this.parser.parse(this.encode(text), log.plan);
            records.length = 0;
            this.records = [];
        }
    }
    encode(text) {
        // A UTF-16 code unit takes at most 3 bytes in UTF-8.
        if (text.length * 3 > this.bytes.length)
            this.bytes = new Uint8Array(text.length * 3);
        const { written } = encoder.encodeInto(text, this.bytes);
        return this.bytes.subarray(0, written);
    }
}
/** The connection an x509 record's certificate was seen on (AppLayer `everyCertificate`). */
export function x509Connection(record) {
    return record?.id;
}
//# sourceMappingURL=capture-records.js.map