/**
 * Zeek chunk parsing, one thread: a generated ~32 MiB conn.log (Zeek 6.2 fields, ~12 % IPv6,
 * realistic value mixes) framed into 4 MiB chunks, parsed with a sink that only counts.
 * Reports MB/s and M lines/s for TSV, for the same records as Zeek JSON, and for a JSON stream
 * that interleaves conn and dns lines (each naming its log in `_path`).
 */
import type { FramedChunk } from '../../src/ingest/zeek/framer.js';
import { DEFAULT_ZEEK_PARSE_OPTIONS, parseZeekChunk, ZeekFramer } from '../../src/ingest/zeek/index.js';
import type { RecordSink } from '../../src/ingest/zeek/types.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const TARGET_BYTES = 32 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** mulberry32: a seeded PRNG so every run parses the same bytes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface Conn {
  ts: string;
  uid: string;
  oh: string;
  op: number;
  rh: string;
  rp: number;
  proto: string;
  service: string;
  duration: string;
  ob: string;
  rb: string;
  state: string;
  lo: string;
  lr: string;
  history: string;
  opk: number;
  oipb: number;
  rpk: number;
  ripb: number;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function* conns(seed: number): Generator<Conn> {
  const r = prng(seed);
  let t = 1712950152.123456;
  const hex = (): string => Math.floor(r() * 65536).toString(16);
  const v4local = (): string =>
    `10.${Math.floor(r() * 8)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;
  const v4remote = (): string =>
    `${Math.floor(r() * 223) + 1}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
  const v6 = (): string =>
    r() < 0.5 ? `fe80::${hex()}:${hex()}:${hex()}:${hex()}` : `2001:db8:${hex()}:${hex()}::${hex()}`;
  for (;;) {
    t += r() * 0.004;
    let uid = 'C';
    for (let k = 0; k < 17; k++) uid += B62[Math.floor(r() * 62)];
    const ipv6 = r() < 0.12;
    const proto = r() < 0.68 ? 'tcp' : r() < 0.95 ? 'udp' : 'icmp';
    const rp =
      proto === 'icmp'
        ? Math.floor(r() * 4)
        : proto === 'udp'
          ? pick(r, [53, 53, 53, 123, 137, 5353, 443])
          : pick(r, [443, 443, 80, 22, 445, 3389, 8080]);
    const noData = r() < 0.25;
    const state = noData
      ? pick(r, ['S0', 'REJ', 'OTH', 'SH'])
      : pick(r, ['SF', 'SF', 'SF', 'RSTO', 'RSTR', 'S1', 'SF']);
    const service = noData
      ? '-'
      : proto === 'udp' && rp === 53
        ? 'dns'
        : rp === 443
          ? 'ssl'
          : rp === 80
            ? 'http'
            : '-';
    const ob = Math.floor(r() ** 3 * 200000);
    const rb = Math.floor(r() ** 3 * 2000000);
    const opk = 1 + Math.floor(ob / 1400) + Math.floor(r() * 4);
    const rpk = Math.floor(rb / 1400) + Math.floor(r() * 4);
    yield {
      ts: t.toFixed(6),
      uid,
      oh: ipv6 ? v6() : v4local(),
      op: 1024 + Math.floor(r() * 64511),
      rh: ipv6 ? v6() : r() < 0.3 ? v4local() : v4remote(),
      rp,
      proto,
      service,
      duration: noData && r() < 0.5 ? '-' : (r() ** 2 * 120).toFixed(6),
      ob: noData ? '-' : String(ob),
      rb: noData ? '-' : String(rb),
      state,
      lo: 'T',
      lr: r() < 0.3 ? 'T' : 'F',
      history: noData
        ? pick(r, ['S', 'Sr', 'D', 'ShR'])
        : pick(r, ['ShADadFf', 'ShADadfF', 'Dd', 'ShADadR', 'ShAdDaFf']),
      opk,
      oipb: ob + opk * 40,
      rpk,
      ripb: rb + rpk * 40,
    };
  }
}

const TSV_HEADER = `#separator \\x09
#set_separator\t,
#empty_field\t(empty)
#unset_field\t-
#path\tconn
#open\t2024-04-12-19-29-12
#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents
#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]
`;

function tsvLine(c: Conn): string {
  return `${c.ts}\t${c.uid}\t${c.oh}\t${c.op}\t${c.rh}\t${c.rp}\t${c.proto}\t${c.service}\t${c.duration}\t${c.ob}\t${c.rb}\t${c.state}\t${c.lo}\t${c.lr}\t0\t${c.history}\t${c.opk}\t${c.oipb}\t${c.rpk}\t${c.ripb}\t-\n`;
}

function jsonLine(c: Conn): string {
  let s = `{"ts":${c.ts},"uid":"${c.uid}","id.orig_h":"${c.oh}","id.orig_p":${c.op},"id.resp_h":"${c.rh}","id.resp_p":${c.rp},"proto":"${c.proto}"`;
  if (c.service !== '-') s += `,"service":"${c.service}"`;
  if (c.duration !== '-') s += `,"duration":${c.duration}`;
  if (c.ob !== '-') s += `,"orig_bytes":${c.ob},"resp_bytes":${c.rb}`;
  s += `,"conn_state":"${c.state}","local_orig":${c.lo === 'T'},"local_resp":${c.lr === 'T'},"missed_bytes":0,"history":"${c.history}","orig_pkts":${c.opk},"orig_ip_bytes":${c.oipb},"resp_pkts":${c.rpk},"resp_ip_bytes":${c.ripb}}\n`;
  return s;
}

/** Builds ~TARGET_BYTES of log text; returns the bytes and the number of data lines. */
export function generateConnLog(
  format: 'tsv' | 'json',
  targetBytes = TARGET_BYTES,
): { bytes: Uint8Array; lines: number } {
  const parts: string[] = [];
  let size = 0;
  let lines = 0;
  if (format === 'tsv') {
    parts.push(TSV_HEADER);
    size += TSV_HEADER.length;
  }
  for (const c of conns(42)) {
    const line = format === 'tsv' ? tsvLine(c) : jsonLine(c);
    parts.push(line);
    size += line.length;
    lines++;
    if (size >= targetBytes) break;
  }
  if (format === 'tsv') parts.push('#close\t2024-04-12-19-34-07\n');
  return { bytes: new TextEncoder().encode(parts.join('')), lines };
}

/**
 * A stream that interleaves logs, each line naming its log first (`_path`, as a Kafka or
 * syslog export of Zeek writes them): the conn lines of `jsonLine`, and a dns line after every
 * other one. ~TARGET_BYTES; returns the bytes and the number of lines.
 */
export function generateMixedJson(targetBytes = TARGET_BYTES): { bytes: Uint8Array; lines: number } {
  const parts: string[] = [];
  let size = 0;
  let lines = 0;
  for (const c of conns(7)) {
    const conn = `{"_path":"conn",${jsonLine(c).slice(1)}`;
    parts.push(conn);
    size += conn.length;
    lines++;
    if (lines % 3 === 1) {
      const dns = `{"_path":"dns","ts":${c.ts},"uid":"${c.uid}","id.orig_h":"${c.oh}","id.orig_p":${c.op},"id.resp_h":"${c.rh}","id.resp_p":53,"proto":"udp","trans_id":${c.op % 65536},"rtt":0.000870,"query":"h${c.opk}.example.com","qclass":1,"qclass_name":"C_INTERNET","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,"RA":true,"Z":0,"answers":["192.0.2.${c.opk % 250}"],"TTLs":[60.0],"rejected":false}\n`;
      parts.push(dns);
      size += dns.length;
      lines++;
    }
    if (size >= targetBytes) break;
  }
  return { bytes: new TextEncoder().encode(parts.join('')), lines };
}

export function frame(bytes: Uint8Array): FramedChunk[] {
  const framer = new ZeekFramer({ file: 'bench.log', chunkBytes: CHUNK_BYTES });
  const chunks: FramedChunk[] = [];
  for (let off = 0; off < bytes.length; off += 65536) {
    chunks.push(...framer.push(bytes.subarray(off, Math.min(bytes.length, off + 65536))).chunks);
  }
  chunks.push(...framer.end().chunks);
  return chunks;
}

export async function run(): Promise<BenchReport[]> {
  const bench = newBench();
  const sink: RecordSink & { n: number } = {
    n: 0,
    push() {
      this.n++;
    },
  };
  const cases: Array<{ name: string; bytes: number; lines: number }> = [];
  for (const format of ['tsv', 'json', 'json, conn and dns interleaved by _path'] as const) {
    const { bytes, lines } =
      format === 'tsv' || format === 'json' ? generateConnLog(format) : generateMixedJson();
    const chunks = frame(bytes);
    const payload = chunks.reduce((n, c) => n + c.bytes.length, 0);
    const what = format === 'tsv' || format === 'json' ? `${format} conn.log` : format;
    const name = `${what}, ${(payload / 1048576).toFixed(0)} MiB in ${chunks.length} chunks`;
    cases.push({ name, bytes: payload, lines });
    bench.add(name, () => {
      sink.n = 0;
      for (const chunk of chunks) parseZeekChunk(chunk, sink, DEFAULT_ZEEK_PARSE_OPTIONS);
      if (sink.n !== lines) throw new Error(`parsed ${sink.n} records, expected ${lines}`);
    });
  }
  // Reference: the cheapest JS loop that reads every byte once. The parser must read every
  // byte too (it validates UTF-8 and control bytes), so this is its ceiling on this machine.
  const { bytes: scanBytes } = generateConnLog('tsv');
  const scanName = 'reference: JS loop reading every byte (ceiling)';
  let sum = 0;
  bench.add(scanName, () => {
    let n = 0;
    for (let i = 0; i < scanBytes.length; i++) if (scanBytes[i]! < 32) n++;
    sum += n;
  });
  cases.push({ name: scanName, bytes: scanBytes.length, lines: 0 });
  await bench.run();
  if (sum < 0) throw new Error('unreachable');
  return cases.map(({ name, bytes, lines }) => {
    const { median, samples } = medianMs(bench, name);
    return {
      name,
      medianMs: median,
      throughput:
        lines === 0
          ? perSecond(bytes, median, 'B')
          : `${perSecond(bytes, median, 'B')}, ${perSecond(lines, median, 'lines', 1e6, 'M ')}`,
      samples,
    };
  });
}
