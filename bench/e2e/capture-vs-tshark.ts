/**
 * End-to-end, side by side in one run: `netscry extract` (capture → conn, weird and app logs) and
 * `tshark -T fields` printing the tuple, lengths and TCP flags of every packet, on the same
 * ≥ 1 GB pcap. Prints wall time, MB/s of capture, user+sys CPU and peak RSS (medians of
 * --runs, each tool a child process under /usr/bin/time) and tshark's time ÷ ours.
 *
 *   npm run bench:capture -- [--bytes 1100000000] [--runs 3] [--step 2] [--build-only]
 *
 * The capture is built once (cached in $TMPDIR/netscry-bench, keyed by its parameters) from
 * real traffic in the shared corpus (Zeek's and Suricata's test traces: HTTP, TLS, DNS, QUIC,
 * SSH, SMB, FTP): the IP packets of the traces below form one "round", the packets ordered by
 * their time since their trace's first packet. The round is replayed as many times as it takes
 * to reach --bytes; round r starts r × --step seconds after the first, so rounds overlap in time
 * like the conversations of a busy link, and every packet is written in global time order.
 * Round r's addresses are moved by k = r + 1 in a checksum-neutral way: for IPv4 the high
 * 16-bit word gains k and the low word loses k (one's-complement arithmetic), for IPv6 the
 * third word gains k and the last loses k. A 16-bit one's-complement sum over the address is
 * unchanged, so the IPv4 header checksum and every TCP/UDP/ICMPv6 checksum (their pseudo-headers
 * sum the addresses) stay valid without being recomputed, and each round's connections are
 * distinct. Deterministic: the same parameters give the same bytes.
 *
 * tshark runs with `-n` (no name resolution) and writes to /dev/null; netscry writes its logs
 * to a temp directory. The file is read once before timing so both start from the page cache.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCapture } from '../../src/ingest/pcap/capture-file.js';

const { values } = parseArgs({
  options: {
    bytes: { type: 'string', default: '1100000000' },
    runs: { type: 'string', default: '3' },
    step: { type: 'string', default: '2' },
    'build-only': { type: 'boolean', default: false },
  },
});
const targetBytes = Number(values.bytes);
const runs = Number(values.runs);
const stepSeconds = Number(values.step);
const root = resolve(import.meta.dirname, '..', '..', '..');
const corpus = process.env.NETSCRY_CORPUS ?? resolve(root, '..', 'shared', 'corpus');
const cli = join(root, 'dist', 'cli', 'bin.js');
const cacheDir = join(tmpdir(), 'netscry-bench');

/**
 * Ordinary traffic on Ethernet: no tunnels, no deliberately broken packets, and no trace whose
 * checksums were left to the NIC (captured on the sending host, they read as bad and Zeek's tests
 * run those with -C): every checksum in the built capture verifies.
 */
const TRACES = [
  'zeek/traces/wikipedia.pcap',
  'zeek/traces/http/100-continue.pcap',
  'zeek/traces/http/byteranges.pcap',
  'zeek/traces/http/concurrent-range-requests.pcap',
  'zeek/traces/http/get.pcap',
  'zeek/traces/http/methods.pcap',
  'zeek/traces/http/no_crlf.pcap',
  'zeek/traces/http/multipart.pcap',
  'zeek/traces/http/version-mismatch.pcap',
  'zeek/traces/http/zeek-image-post-1080-8000-x.pcap',
  'zeek/traces/tls/dhe.pcap',
  'zeek/traces/tls/ecdhe.pcap',
  'zeek/traces/tls/imap-starttls.pcap',
  'zeek/traces/tls/telesec.pcap',
  'zeek/traces/tls/tls-conn-with-extensions.pcap',
  'zeek/traces/tls/tls-expired-cert.pcap',
  'zeek/traces/tls/tls1.2.pcap',
  'zeek/traces/tls/tls13_wolfssl.pcap',
  'zeek/traces/tls/tls1_1.pcap',
  'zeek/traces/tls/xmpp-starttls.pcap',
  'zeek/traces/dns53.pcap',
  'zeek/traces/dns/dns-binds.pcap',
  'zeek/traces/dns/dns_notify2.pcap',
  'zeek/traces/dns/mdns.pcap',
  'zeek/traces/dns/tkey.pcap',
  'zeek/traces/quic/firefox-102.13.0esr-blog-cloudflare-com.pcap',
  'zeek/traces/quic/quic_win11_firefox_google.pcap',
  'zeek/traces/ssh/ssh_kex_mlkem.pcap',
  'zeek/traces/smb/smb2.pcap',
  'zeek/traces/ftp/ftp-with-numbers-in-filename.pcap',
  'zeek/traces/ftp/retr.pcap',
  'zeek/traces/ftp/ipv4.pcap',
  'zeek/traces/ftp/ipv6-multiline-reply.pcap',
  'zeek/traces/globus-url-copy.pcap',
  'suricata-verify/tests/http-all-headers/input.pcap',
  'suricata-verify/tests/http-body-inspect/http-aptget-ids-02-s2.pcap',
  'suricata-verify/tests/smb2-06/20171220_smb_net_user.pcap',
  'suricata-verify/tests/nfs3-01/input.pcap',
  'suricata-verify/tests/tcp-async-01/input.pcap',
  'suricata-verify/tests/dns-over-http2/dns_over_https.pcap',
  'suricata-verify/tests/sslv2-tls-upgrade-01/ssl-v2-s1.pcap',
  'labelled/dns-tunnel-iodine.pcap',
  'zeek/traces/dnssec/dnskey2.pcap',
  'zeek/traces/dnssec/nsec.pcap',
  'zeek/traces/dnssec/nsec3.pcap',
  'zeek/traces/dns-zero-RRs.pcap',
  'zeek/traces/ipv6-fragmented-dns.pcap',
  'zeek/traces/communityid/icmp.pcap',
  'zeek/traces/communityid/icmp6.pcap',
  'zeek/traces/communityid/ipv6.pcap',
  'zeek/traces/communityid/udp.pcap',
];
/** Every round starts here (2023-11-14T22:13:20Z) plus r × step. */
const EPOCH_SECONDS = 1_700_000_000;
const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 262_144;

interface TemplatePacket {
  readonly data: Uint8Array;
  readonly originalLength: number;
  /** Microseconds since its trace's first packet. */
  readonly relUs: number;
  /** Offset of the source address; the destination follows (4 or 16 bytes later). */
  readonly addrAt: number;
  readonly ipVersion: 4 | 6;
}

/** Offset of the IP header in an Ethernet frame (after any 802.1Q/802.1ad tags), and its version. */
function ipHeader(frame: Uint8Array): { at: number; version: 4 | 6 } | undefined {
  let at = 12;
  if (frame.length < at + 2) return undefined;
  let type = (frame[at]! << 8) | frame[at + 1]!;
  while ((type === 0x8100 || type === 0x88a8) && frame.length >= at + 6) {
    at += 4;
    type = (frame[at]! << 8) | frame[at + 1]!;
  }
  at += 2;
  if (type === 0x0800 && frame.length >= at + 20 && frame[at]! >> 4 === 4) return { at, version: 4 };
  if (type === 0x86dd && frame.length >= at + 40 && frame[at]! >> 4 === 6) return { at, version: 6 };
  return undefined;
}

/** One round: the IP packets of every trace, in order of time since their trace began. */
function loadRound(): TemplatePacket[] {
  const round: TemplatePacket[] = [];
  for (const trace of TRACES) {
    const path = join(corpus, trace);
    const bytes = new Uint8Array(readFileSync(path));
    const packets: Array<Omit<TemplatePacket, 'relUs'> & { ts: number }> = [];
    readCapture(
      bytes,
      (p) => {
        if (p.linkType !== LINKTYPE_ETHERNET) return;
        const ip = ipHeader(p.data);
        if (ip === undefined) return;
        packets.push({
          data: p.data.slice(),
          originalLength: p.originalLength,
          ts: p.ts,
          addrAt: ip.at + (ip.version === 4 ? 12 : 8),
          ipVersion: ip.version,
        });
      },
      () => {},
    );
    if (packets.length === 0) throw new Error(`no IP packets on Ethernet in ${path}`);
    const first = Math.min(...packets.map((p) => p.ts));
    for (const { ts, ...p } of packets) round.push({ ...p, relUs: Math.round((ts - first) * 1e6) });
  }
  // Stable: packets of one trace keep their order when their times tie.
  return round.sort((a, b) => a.relUs - b.relUs);
}

/** Adds `k` to the 16-bit big-endian word at `at` in one's-complement arithmetic (mod 0xffff). */
function addWord(buf: Uint8Array, at: number, k: number): void {
  const w = ((buf[at]! << 8) | buf[at + 1]!) % 0xffff;
  const v = (w + k) % 0xffff;
  buf[at] = v >>> 8;
  buf[at + 1] = v & 0xff;
}

/** Moves one address by `k` keeping its one's-complement sum (so every checksum stays valid). */
function shiftAddress(buf: Uint8Array, at: number, version: 4 | 6, k: number): void {
  if (version === 4) {
    addWord(buf, at, k);
    addWord(buf, at + 2, 0xffff - k);
  } else {
    addWord(buf, at + 4, k);
    addWord(buf, at + 14, 0xffff - k);
  }
}

/** A binary min-heap of rounds keyed by the time of each round's next packet. */
class RoundHeap {
  private readonly round: Int32Array;
  private readonly key: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.round = new Int32Array(capacity);
    this.key = new Float64Array(capacity);
  }
  push(round: number, key: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.key[parent]! <= key) break;
      this.round[i] = this.round[parent]!;
      this.key[i] = this.key[parent]!;
      i = parent;
    }
    this.round[i] = round;
    this.key[i] = key;
  }
  /** Removes the earliest round (ties: the lower round number) and returns it. */
  pop(): number {
    const top = this.round[0]!;
    const lastRound = this.round[--this.size]!;
    const lastKey = this.key[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.before(child + 1, child)) child++;
      if (!(this.key[child]! < lastKey || (this.key[child] === lastKey && this.round[child]! < lastRound)))
        break;
      this.round[i] = this.round[child]!;
      this.key[i] = this.key[child]!;
      i = child;
    }
    this.round[i] = lastRound;
    this.key[i] = lastKey;
    return top;
  }
  private before(a: number, b: number): boolean {
    return this.key[a]! < this.key[b]! || (this.key[a] === this.key[b] && this.round[a]! < this.round[b]!);
  }
}

function buildCapture(path: string): { rounds: number; packets: number; roundPackets: number } {
  const round = loadRound();
  const roundBytes = round.reduce((n, p) => n + 16 + p.data.length, 0);
  const rounds = Math.ceil((targetBytes - 24) / roundBytes);
  if (rounds >= 0xffff) throw new Error('too many rounds for a 16-bit address shift; use a smaller --bytes');
  const stepUs = Math.round(stepSeconds * 1e6);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let used = 0;
  const flush = () => {
    writeSync(fd, chunk, 0, used);
    used = 0;
  };
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, SNAPLEN, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  used = 24;
  const next = new Int32Array(rounds);
  const heap = new RoundHeap(rounds);
  for (let r = 0; r < rounds; r++) heap.push(r, r * stepUs + round[0]!.relUs);
  let packets = 0;
  while (heap.size > 0) {
    const r = heap.pop();
    const p = round[next[r]!]!;
    if (used + 16 + p.data.length > chunk.length) flush();
    const us = EPOCH_SECONDS * 1e6 + r * stepUs + p.relUs;
    view.setUint32(used, Math.floor(us / 1e6), true);
    view.setUint32(used + 4, us % 1e6, true);
    view.setUint32(used + 8, p.data.length, true);
    view.setUint32(used + 12, p.originalLength, true);
    chunk.set(p.data, used + 16);
    const addr = used + 16 + p.addrAt;
    shiftAddress(chunk, addr, p.ipVersion, r + 1);
    shiftAddress(chunk, addr + (p.ipVersion === 4 ? 4 : 16), p.ipVersion, r + 1);
    used += 16 + p.data.length;
    packets++;
    if (++next[r]! < round.length) heap.push(r, r * stepUs + round[next[r]!]!.relUs);
  }
  flush();
  closeSync(fd);
  renameSync(partial, path);
  return { rounds, packets, roundPackets: round.length };
}

/** Reads the file once so that every timed run starts from the page cache. */
function warm(path: string): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(16 * 1024 * 1024);
  while (readSync(fd, buf, 0, buf.length, null) > 0) {}
  closeSync(fd);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMB: number;
  readonly stdout: string;
}

/** Runs a command under /usr/bin/time; stdout goes to a pipe or to /dev/null. */
function timed(command: string, args: readonly string[], discardStdout: boolean): Run {
  const devNull = discardStdout ? openSync('/dev/null', 'w') : undefined;
  const started = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', '@@time %e %U %S %M', command, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (devNull !== undefined) closeSync(devNull);
  const line = res.stderr.split('\n').find((l) => l.startsWith('@@time '));
  if (res.status !== 0 || line === undefined) {
    throw new Error(`${command} ${args.join(' ')} failed (${res.status}): ${res.stderr.slice(-2000)}`);
  }
  const [, , user, sys, rssKB] = line.split(' ').map(Number) as [number, number, number, number, number];
  return { wall, cpu: user + sys, rssMB: rssKB / 1024, stdout: res.stdout ?? '' };
}

const TSHARK_FIELDS = [
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'udp.srcport',
  'udp.dstport',
  'frame.len',
  'ip.len',
  'tcp.flags',
];

mkdirSync(cacheDir, { recursive: true });
const capture = join(cacheDir, `capture-${targetBytes}-step${stepSeconds}-v3.pcap`);
if (!existsSync(capture)) {
  console.error(`building ${capture} from ${TRACES.length} corpus traces …`);
  const t0 = Date.now();
  const built = buildCapture(capture);
  console.error(
    `built: ${built.rounds} rounds × ${built.roundPackets} packets = ${built.packets} packets in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}
const bytes = statSync(capture).size;
if (values['build-only']) {
  console.log(capture);
  process.exit(0);
}
warm(capture);

const out = join(cacheDir, 'extract-out');
const netscry: Run[] = [];
const tshark: Run[] = [];
const tsharkArgs = ['-n', '-r', capture, '-T', 'fields', ...TSHARK_FIELDS.flatMap((f) => ['-e', f])];
for (let r = 0; r < runs; r++) {
  rmSync(out, { recursive: true, force: true });
  netscry.push(timed(process.execPath, [cli, 'extract', capture, '--out', out], false));
  console.error(
    `netscry extract: ${netscry.at(-1)!.wall.toFixed(2)} s, ${netscry.at(-1)!.rssMB.toFixed(0)} MB — ${netscry.at(-1)!.stdout.trim().split('\n')[0]}`,
  );
  tshark.push(timed('tshark', tsharkArgs, true));
  console.error(
    `tshark -T fields: ${tshark.at(-1)!.wall.toFixed(2)} s, ${tshark.at(-1)!.rssMB.toFixed(0)} MB`,
  );
}
const connLogBytes = statSync(join(out, 'conn.log')).size;
rmSync(out, { recursive: true, force: true });

const tsharkVersion = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '?';
console.log(
  `capture: ${capture} (${(bytes / 1e6).toFixed(0)} MB); node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}); ${tsharkVersion}; runs: ${runs} (median)`,
);
console.log(
  `netscry: ${netscry[0]!.stdout.trim().split('\n')[0]}; conn.log ${(connLogBytes / 1e6).toFixed(0)} MB`,
);
const mb = bytes / 1e6;
const tsharkWall = median(tshark.map((m) => m.wall));
const tsharkCpu = median(tshark.map((m) => m.cpu));
console.table(
  [
    { what: 'netscry extract FILE --out DIR', runs: netscry },
    { what: `tshark -n -T fields (${TSHARK_FIELDS.length} fields) > /dev/null`, runs: tshark },
  ].map(({ what, runs: rs }) => {
    const wall = median(rs.map((m) => m.wall));
    const cpu = median(rs.map((m) => m.cpu));
    return {
      what,
      'wall s (median)': wall.toFixed(2),
      'MB/s': (mb / wall).toFixed(0),
      'user+sys s': cpu.toFixed(2),
      'MB per CPU s': (mb / cpu).toFixed(0),
      'peak RSS MB': median(rs.map((m) => m.rssMB)).toFixed(0),
      'tshark ÷ this (wall)': (tsharkWall / wall).toFixed(2),
      'tshark ÷ this (CPU)': (tsharkCpu / cpu).toFixed(2),
    };
  }),
);
