/**
 * The app-layer records of a capture (dns, http, ssl, x509, ssh, dhcp, payload, and the events
 * found on a connection as weird rows: what `netscry extract` writes as Zeek logs) as rows for
 * the analyzers, exactly as if they had been read from those logs: each record is formatted as
 * the TSV line extract writes (same column declarations, report/zeek-columns.ts, same
 * formatter), and the line is parsed by the Zeek TSV parser under the header extract writes
 * (ingest/zeek). So a row carries the same kind, ts, uid, addresses, ports, proto, `Raw` line
 * and Schema as the log line's row — dhcp's address roles and uid included — and `FieldReader`
 * (detect/fields.ts) reads the same values from it.
 *
 * Why TSV and not Zeek JSON: extract writes TSV by default, and FieldReader on a TSV line scans
 * to the last wanted column and decodes only the wanted fields, where a JSON line is parsed
 * whole (≈ 1–2 µs); the TSV formatter is also cheaper than JSON.stringify. Values come out as
 * the TSV log prints them (times with six decimals, booleans T/F), which is what analysing the
 * extracted logs gives.
 *
 * Cost: one string and one parse per batch of records of a kind (the parser's compiled column
 * code), one reused byte buffer: ≈ 2–2.5 µs a dns record, batched or alone (measured in a loop).
 * Nothing is held between calls.
 */
import type { AppLayer, X509LogRecord } from '../ingest/pcap/app/dispatch.js';
import { HTTP_COLUMNS } from '../ingest/pcap/app/http.js';
import { ChunkContext } from '../ingest/zeek/context.js';
import { parseZeekHeader } from '../ingest/zeek/index.js';
import { buildTsvPlan, type TsvPlan } from '../ingest/zeek/plan.js';
import { TsvParser } from '../ingest/zeek/tsv.js';
import type { ZeekHeader, ZeekParseOptions } from '../ingest/zeek/types.js';
import {
  DHCP_COLUMNS,
  DNS_COLUMNS,
  PAYLOAD_COLUMNS,
  SSH_COLUMNS,
  SSL_COLUMNS,
  WEIRD_COLUMNS,
  X509_COLUMNS,
} from '../report/zeek-columns.js';
import { type ZeekColumn, zeekTsvHeader, zeekTsvRowFormatter } from '../report/zeek-log.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import type { RecordRow } from '../shared/record.js';

/** One app log: its path, the header extract writes for it, and its records in an AppLayer. */
export interface AppLog {
  readonly path: string;
  readonly header: ZeekHeader;
  readonly plan: TsvPlan;
  readonly format: (record: never) => string;
  readonly records: (layer: AppLayer) => unknown[];
}

function appLog<R>(
  path: string,
  columns: readonly ZeekColumn<R>[],
  records: (layer: AppLayer) => R[],
): AppLog {
  const { header } = parseZeekHeader(zeekTsvHeader(path, columns, 0));
  if (header === undefined) throw new NetscryError(ErrorCode.Internal, `no header for ${path}`);
  return {
    path,
    header,
    plan: buildTsvPlan(header.schema),
    format: zeekTsvRowFormatter(columns) as (record: never) => string,
    records,
  };
}

/** In extract's order. */
export const APP_LOGS: readonly AppLog[] = [
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
export const X509_LOG = APP_LOGS[3]!;

/** Receives each record's row (valid during the call) with its log and the record itself. */
export type AppRowSink = (row: RecordRow, log: AppLog, record: unknown) => void;
/** Whether an x509 record is wanted at all (asked before it is formatted; x509 records only). */
export type AppRecordFilter = (log: AppLog, record: unknown) => boolean;

const encoder = new TextEncoder();

export class AppRecordRows {
  private readonly parser: TsvParser;
  private readonly onRow: AppRowSink;
  private readonly keep: AppRecordFilter;
  private bytes = new Uint8Array(64 * 1024);
  private log: AppLog = APP_LOGS[0]!;
  private records: unknown[] = [];

  /** `parse`: the run's Zeek parse options, so a line the log path would drop is dropped here too. */
  constructor(parse: ZeekParseOptions, onRow: AppRowSink, keep: AppRecordFilter = () => true) {
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
  static pending(layer: AppLayer): boolean {
    return (
      layer.dns.length +
        layer.http.length +
        layer.ssl.length +
        layer.x509.length +
        layer.ssh.length +
        layer.dhcp.length +
        layer.payload.length +
        layer.weird.length >
      0
    );
  }

  /** Turns every record the layer logged so far into rows, log by log, and empties its lists. */
  take(layer: AppLayer): void {
    for (const log of APP_LOGS) {
      const records = log.records(layer);
      if (records.length === 0) continue;
      let text = '';
      let kept = records;
      if (log === X509_LOG) {
        kept = records.filter((r) => this.keep(log, r));
        records.length = 0;
        if (kept.length === 0) continue;
      }
      for (const r of kept) text += log.format(r as never);
      this.log = log;
      this.records = kept;
      this.parser.parse(this.encode(text), log.plan);
      records.length = 0;
      this.records = [];
    }
  }

  private encode(text: string): Uint8Array {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (text.length * 3 > this.bytes.length) this.bytes = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, this.bytes);
    return this.bytes.subarray(0, written);
  }
}

/** The connection an x509 record's certificate was seen on (AppLayer `everyCertificate`). */
export function x509Connection(record: unknown): X509LogRecord['id'] {
  return (record as X509LogRecord | undefined)?.id;
}
