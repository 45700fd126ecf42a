/**
 * `netscry extract`: captures in, Zeek logs out. Reads each capture (a path, or `-` for stdin;
 * gzip either way), runs the pure extraction (ingest/pcap/extract.ts) and writes conn.log,
 * weird.log and the app-layer logs (dns, http, ssl, x509, ssh, dhcp; a log with no rows is not
 * written) in the chosen format. Files are processed one after another; records of all files
 * go into one set of logs, ordered by start time.
 *
 * Cost: a capture is held in memory while it is decoded (the streaming, sharded path is the
 * analyze pipeline's job); a file larger than `maxCaptureBytes` is refused with a clear error.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HTTP_COLUMNS } from '../ingest/pcap/app/http.js';
import type { ConnRecord } from '../ingest/pcap/connections.js';
import { type AppLogs, type ExtractOptions, extractCapture } from '../ingest/pcap/extract.js';
import {
  connColumns,
  DHCP_COLUMNS,
  DNS_COLUMNS,
  SSH_COLUMNS,
  SSL_COLUMNS,
  WEIRD_COLUMNS,
  type WeirdRecord,
  X509_COLUMNS,
} from '../report/zeek-columns.js';
import { formatZeekLog, type ZeekLogFormat } from '../report/zeek-log.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { unreadable } from './inputs.js';

export interface ExtractRunOptions extends Partial<ExtractOptions> {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly format?: ZeekLogFormat;
  readonly localNetworks?: readonly string[];
  readonly maxCaptureBytes?: number;
}

export interface ExtractRunSummary {
  readonly files: readonly string[];
  readonly packets: number;
  readonly connections: number;
  readonly events: number;
  readonly evictedConnections: number;
  /** Rows per app log (dns, http, ssl, x509, ssh, dhcp). */
  readonly appRows: Readonly<Record<keyof AppLogs, number>>;
  readonly written: readonly string[];
}

const FORMATS: readonly ZeekLogFormat[] = ['zeek', 'zeek-json', 'ndjson'];

async function readInput(path: string, max: number): Promise<Uint8Array> {
  try {
    const bytes =
      path === '-'
        ? new Uint8Array(Buffer.concat(await collect(process.stdin)))
        : new Uint8Array(await readFile(path));
    if (bytes.length > max) {
      throw new NetscryError(ErrorCode.UnreadableInput, `${path} is larger than ${max} bytes`, { path });
    }
    return bytes;
  } catch (err) {
    if (err instanceof NetscryError) throw err;
    throw unreadable(path, err);
  }
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
  return parts;
}

export async function extractFiles(options: ExtractRunOptions): Promise<ExtractRunSummary> {
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
  const max = options.maxCaptureBytes ?? 2 ** 31 - 1;
  const conns: ConnRecord[] = [];
  const weird: WeirdRecord[] = [];
  const apps: { [K in keyof AppLogs]: AppLogs[K][number][] } = {
    dns: [],
    http: [],
    ssl: [],
    x509: [],
    ssh: [],
    dhcp: [],
  };
  let packets = 0;
  let evicted = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const path of options.inputs) {
    const result = extractCapture(await readInput(path, max), options);
    conns.push(...result.conns);
    for (const k of Object.keys(apps) as (keyof AppLogs)[]) (apps[k] as unknown[]).push(...result.apps[k]);
    for (const e of result.events) {
      weird.push({
        ts: e.ts,
        name: e.name,
        addl: e.fileOffset >= 0 ? `${path}@${e.fileOffset}: ${e.detail}` : e.detail,
      });
    }
    packets += result.packets;
    evicted += result.evictedConnections;
    if (result.packets > 0) {
      first = Math.min(first, result.timeRange[0]);
      last = Math.max(last, result.timeRange[1]);
    }
  }
  conns.sort((a, b) => a.ts - b.ts || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  weird.sort((a, b) => a.ts - b.ts);
  const range: [number, number] = Number.isFinite(first) ? [first, last] : [0, 0];
  const ext = format === 'zeek' ? 'log' : 'json';
  const written: string[] = [];
  try {
    await mkdir(options.out, { recursive: true });
    const connPath = join(options.out, `conn.${ext}`);
    await writeFile(connPath, formatZeekLog(format, 'conn', connColumns(local), conns, range));
    written.push(connPath);
    const weirdPath = join(options.out, `weird.${ext}`);
    await writeFile(weirdPath, formatZeekLog(format, 'weird', WEIRD_COLUMNS, weird, range));
    written.push(weirdPath);
    const byTs = (a: { ts: number }, b: { ts: number }) => a.ts - b.ts;
    const logs: [string, string][] = [
      ['dns', formatZeekLog(format, 'dns', DNS_COLUMNS, apps.dns.sort(byTs), range)],
      ['http', formatZeekLog(format, 'http', HTTP_COLUMNS, apps.http.sort(byTs), range)],
      ['ssl', formatZeekLog(format, 'ssl', SSL_COLUMNS, apps.ssl.sort(byTs), range)],
      ['x509', formatZeekLog(format, 'x509', X509_COLUMNS, apps.x509.sort(byTs), range)],
      ['ssh', formatZeekLog(format, 'ssh', SSH_COLUMNS, apps.ssh.sort(byTs), range)],
      ['dhcp', formatZeekLog(format, 'dhcp', DHCP_COLUMNS, apps.dhcp.sort(byTs), range)],
    ];
    for (const [name, text] of logs) {
      if (apps[name as keyof AppLogs].length === 0) continue;
      const path = join(options.out, `${name}.${ext}`);
      await writeFile(path, text);
      written.push(path);
    }
  } catch (err) {
    throw new NetscryError(ErrorCode.OutputFailed, `cannot write ${options.out}: ${(err as Error).message}`);
  }
  return {
    files: options.inputs,
    packets,
    connections: conns.length,
    events: weird.length,
    evictedConnections: evicted,
    appRows: {
      dns: apps.dns.length,
      http: apps.http.length,
      ssl: apps.ssl.length,
      x509: apps.x509.length,
      ssh: apps.ssh.length,
      dhcp: apps.dhcp.length,
    },
    written,
  };
}
