/**
 * Two checks over the external corpus (`../shared/corpus`, override with --corpus or
 * NETSCRY_CORPUS):
 *
 * 1. The no-crash sweep. Every capture under the corpus — found by its first bytes (pcap,
 *    pcapng, or either gzipped), not by its name — goes through `extractCapture` in a child
 *    process with a time limit, so an exception, a dead process or a hang is reported with the
 *    file instead of stopping (or stalling) the run. Files and bytes are counted.
 *
 * 2. suricata-verify anomalies. For each test under `suricata-verify/tests` (a directory with a
 *    `test.yaml`), the `checks:` filters that expect Suricata anomalies — eve `event_type:
 *    anomaly` records (`anomaly.event` / `anomaly.type`), or alerts (`alert.signature_id`,
 *    `alert.signature`) whose rule in the test's `*.rules` uses `decode-event:`, `stream-event:`
 *    or `app-layer-event:` — give the anomaly kinds expected on the test's capture. SURICATA_TO_NETSCRY
 *    below maps each Suricata kind to the netscry event names (Zeek weird names) that report the
 *    same problem. A kind agrees when netscry reported at least one of its names on that capture.
 *    Two figures: over the kinds the table maps (what netscry claims to cover) and over all
 *    expected kinds, mapped or not. Checks expecting zero anomalies are counted apart: a mapped
 *    netscry event on such a capture is a false positive.
 *
 *   npx tsc -p tsconfig.bench.json && node build/test/conformance/suricata-events.js \
 *     [--corpus DIR] [--show N] [--timeout MS] [--jobs N] [--min 0.9] [--suricata-version 9.0]
 *
 * Exit status: 1 when a capture crashed or hung, 7 when --min is given and the agreement over
 * mapped kinds is below it, 0 otherwise (disagreement alone is not a failure).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { extractCapture } from '../../src/ingest/pcap/extract.js';
import { parseYaml, type YamlValue } from './mini-yaml.js';

// ---------------------------------------------------------------------------------------------
// The mapping table.
//
// Keys are Suricata anomaly kinds as this script names them:
//   decoder events  `decoder.<proto>.<event>`  (eve `anomaly.event`; rule `decode-event:<proto>.<event>`)
//   stream events   `stream.<event>`           (eve `anomaly.event`; rule `stream-event:<event>`)
//   app-layer       `<app_proto>.<event>`      (eve `anomaly.app_proto` + lower-cased `anomaly.event`;
//                                               rule `app-layer-event:<app_proto>.<event>`)
//   app-layer detection `applayer.<event>`     (eve `APPLAYER_<EVENT>`; rule `app-layer-event:applayer_<event>`)
//   any event of a type `decode.*`, `stream.*`, `applayer.*`, any anomaly `anomaly.*` — only when a
//   check names no specific event of that type (e.g. "count: 48, anomaly.type: decode").
// Values are the netscry ProtocolEvent names that report the same condition; one netscry name may
// appear under several kinds. A kind absent from the table is "unmapped": netscry does not claim
// to detect it. Wildcard kinds agree when netscry reported any event of that layer (NETSCRY_LAYER).
// ---------------------------------------------------------------------------------------------
const SURICATA_TO_NETSCRY: Readonly<Record<string, readonly string[]>> = {
  // IPv4 (src/ingest/pcap/decode.ts)
  'decoder.ipv4.pkt_too_small': ['truncated_IP'],
  'decoder.ipv4.hlen_too_small': ['IPv4_min_header_size'],
  'decoder.ipv4.iplen_smaller_than_hlen': ['invalid_IP_header_size'],
  // Suricata: captured bytes < IPv4 total length (snaplen cut included).
  'decoder.ipv4.trunc_pkt': ['truncated_IP_len', 'internally_truncated_header'],
  'decoder.ipv4.wrong_ip_version': ['unknown_ip_version'],
  // IPv6
  'decoder.ipv6.pkt_too_small': ['truncated_IP'],
  'decoder.ipv6.trunc_pkt': ['truncated_IP_len'],
  'decoder.ipv6.trunc_exthdr': ['truncated_IPv6_ext_header', 'internally_truncated_header'],
  'decoder.ipv6.wrong_ip_version': ['unknown_ip_version'],
  'decoder.ipv6.exthdr_dupl_rh': ['multiple_routing_headers'],
  'decoder.ipv6.rh_type_0': ['routing0_hdr'],
  'decoder.ipv6.data_after_none_header': ['ipv6_no_next'],
  // Transport headers
  'decoder.tcp.pkt_too_small': ['truncated_header'],
  'decoder.tcp.hlen_too_small': ['bad_TCP_header_len'],
  'decoder.udp.pkt_too_small': ['truncated_header'],
  'decoder.udp.hlen_invalid': ['UDP_datagram_length_mismatch'],
  'decoder.udp.len_invalid': ['UDP_datagram_length_mismatch'],
  'decoder.icmpv4.pkt_too_small': ['truncated_header'],
  'decoder.icmpv4.unknown_type': ['ICMP_unknown_type'],
  'decoder.icmpv4.unknown_code': ['ICMP_unknown_code'],
  'decoder.icmpv6.pkt_too_small': ['truncated_header'],
  // Link layer and encapsulations
  'decoder.ethernet.pkt_too_small': ['truncated_ethernet_frame', 'truncated_link_header'],
  'decoder.sll.pkt_too_small': ['truncated_link_header'],
  'decoder.sll2.pkt_too_small': ['truncated_link_header'],
  'decoder.null.pkt_too_small': ['truncated_link_header'],
  'decoder.vlan.header_too_small': ['truncated_VLAN_header'],
  'decoder.vlan.too_many_layers': ['triple_tagged_vlan_unsupported'],
  'decoder.pppoe.pkt_too_small': ['truncated_pppoe_header'],
  'decoder.mpls.unknown_payload_type': ['no_ip_in_mpls_payload'],
  'decoder.too_many_layers': ['max_packet_analyzer_depth_exceeded', 'mpls_label_stack_too_deep'],
  // IP fragments (src/ingest/pcap/fragments.ts)
  'decoder.ipv4.frag_overlap': ['fragment_overlap', 'fragment_inconsistency'],
  'decoder.ipv6.frag_overlap': ['fragment_overlap', 'fragment_inconsistency'],
  'decoder.ipv4.frag_pkt_too_large': ['excessively_large_fragment'],
  'decoder.ipv6.frag_pkt_too_large': ['excessively_large_fragment'],
  'decoder.ipv6.frag_invalid_length': ['fragment_size_inconsistency'],
  'decoder.ipv6.fh_non_zero_reserved_field': [],
  // DNS (src/ingest/pcap/app/dns.ts)
  'dns.malformed_data': [
    'DNS_truncated_len_lt_hdr_len',
    'DNS_truncated_quest_too_short',
    'DNS_truncated_ans_too_short',
    'DNS_truncated_RR_rdlength_lt_len',
    'DNS_RR_length_mismatch',
    'DNS_label_len_gt_pkt',
  ],
  // Suricata: a record of that section does not parse; netscry's events do not name the section.
  'dns.invalid_additionals': [
    'DNS_truncated_ans_too_short',
    'DNS_truncated_RR_rdlength_lt_len',
    'DNS_RR_length_mismatch',
  ],
  'dns.invalid_authorities': [
    'DNS_truncated_ans_too_short',
    'DNS_truncated_RR_rdlength_lt_len',
    'DNS_RR_length_mismatch',
  ],
  'dns.invalid_opcode': ['DNS_invalid_opcode'],
  'dns.z_flag_set': ['DNS_Z_flag_set'],
  'dns.infinite_loop': ['DNS_max_compression_chain_depth_exceeded', 'DNS_label_forward_compress_offset'],
  'dns.name_too_long': ['DNS_NAME_too_long', 'DNS_label_len_gt_name_len'],
  // HTTP (src/ingest/pcap/app/http.ts): libhtp's "unable to match response to request".
  'http.unable_to_match_response_to_request': ['HTTP_response_before_request'],
  // TLS (src/ingest/pcap/app/tls.ts)
  'tls.invalid_handshake_message': ['tls_malformed_handshake'],
  'tls.handshake_invalid_length': ['tls_malformed_handshake', 'tls_handshake_too_long'],
  'tls.invalid_certificate': ['tls_bad_certificate'],
  'tls.certificate_invalid_der': ['tls_bad_certificate'],
  'tls.multiple_sni': ['SSL_many_server_names'],
  // SSH (src/ingest/pcap/app/ssh.ts)
  'ssh.invalid_banner': ['SSH_client_pre_banner_data'],
  'ssh.long_banner': ['SSH_banner_too_long', 'SSH_line_too_long'],
  'ssh.invalid_record_length': ['SSH_invalid_packet'],
  // DHCP (src/ingest/pcap/app/dhcp.ts)
  'dhcp.truncated_options': ['DHCP_truncated'],
  'dhcp.malformed_options': ['DHCP_truncated'],
};

type Layer = 'decode' | 'stream' | 'applayer' | 'capture' | 'checksum';

/** Which Suricata anomaly type a netscry event belongs to, for the wildcard kinds. */
function netscryLayer(name: string): Layer {
  if (/^bad_\w+_checksum$/.test(name)) return 'checksum'; // Suricata logs no anomaly for these
  if (/^(pcap|pcapng)_|^truncated_gzip$|^capture_resync$/.test(name)) return 'capture';
  if (/(^|_)(DNS|DNSSEC|EDNS|DHCP|SSL|SSH|HTTP|URI)(_|$)|^(tls|ssl|ssh|dns|dhcp|http)_/.test(name))
    return 'applayer';
  if (STREAM_EVENTS.has(name)) return 'stream';
  return 'decode';
}

const STREAM_EVENTS = new Set([
  'data_after_reset',
  'data_before_established',
  'FIN_advanced_last_seq',
  'unknown_transport',
]);

// ---------------------------------------------------------------------------------------------
// The child process: one capture per request, summarised events back.
// ---------------------------------------------------------------------------------------------

interface Job {
  readonly id: number;
  readonly path: string;
  readonly verifyChecksums: boolean;
}

interface JobResult {
  readonly id: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly packets: number;
  readonly conns: number;
  readonly ms: number;
  /** name → [count, first detail]. */
  readonly events: Record<string, [number, string]>;
}

function runChild(): void {
  process.send?.({ ready: true });
  process.on('message', (job: Job) => {
    const start = performance.now();
    const events: Record<string, [number, string]> = {};
    let reply: JobResult;
    try {
      const result = extractCapture(new Uint8Array(readFileSync(job.path)), {
        verifyChecksums: job.verifyChecksums,
      });
      for (const e of result.events) {
        const seen = events[e.name];
        if (seen) seen[0]++;
        else events[e.name] = [1, e.detail];
      }
      reply = {
        id: job.id,
        ok: true,
        packets: result.packets,
        conns: result.conns.length,
        ms: performance.now() - start,
        events,
      };
    } catch (err) {
      reply = {
        id: job.id,
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        packets: 0,
        conns: 0,
        ms: performance.now() - start,
        events,
      };
    }
    process.send?.(reply);
  });
}

// ---------------------------------------------------------------------------------------------
// The pool: children reused across files; a child that overruns its time is killed and replaced.
// ---------------------------------------------------------------------------------------------

type Outcome =
  | { readonly kind: 'done'; readonly result: JobResult }
  | { readonly kind: 'hang'; readonly ms: number }
  | { readonly kind: 'died'; readonly detail: string };

/** A child that has loaded the extractor, so its start-up does not count against a file's time. */
function spawnChild(script: string): Promise<ChildProcess> {
  const child = fork(script, ['--child'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  return new Promise((resolveChild, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`sweep child exited at start-up (code ${code})`));
    child.once('exit', onExit);
    child.once('message', () => {
      child.off('exit', onExit);
      resolveChild(child);
    });
  });
}

async function runPool(
  jobs: readonly Job[],
  workers: number,
  timeoutMs: number,
  onDone: (job: Job, outcome: Outcome) => void,
): Promise<void> {
  const script = process.argv[1]!;
  let next = 0;
  const slot = async (): Promise<void> => {
    let child: ChildProcess | undefined;
    while (next < jobs.length) {
      const job = jobs[next++]!;
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
        child = await spawnChild(script);
      }
      const current = child;
      let stderr = '';
      const onStderr = (chunk: Buffer) => {
        if (stderr.length < 4000) stderr += chunk.toString();
      };
      current.stderr?.on('data', onStderr);
      const started = performance.now();
      const outcome = await new Promise<Outcome>((resolveOutcome) => {
        const cleanup = () => {
          clearTimeout(timer);
          current.off('message', onMessage);
          current.off('exit', onExit);
          current.stderr?.off('data', onStderr);
        };
        const onMessage = (m: JobResult) => {
          if (m.id !== job.id) return;
          cleanup();
          resolveOutcome({ kind: 'done', result: m });
        };
        const onExit = (code: number | null, signal: string | null) => {
          cleanup();
          const tail = stderr.trim().split('\n').slice(-3).join(' | ');
          resolveOutcome({ kind: 'died', detail: `child exited (code ${code}, signal ${signal}) ${tail}` });
        };
        const timer = setTimeout(() => {
          cleanup();
          current.kill('SIGKILL');
          resolveOutcome({ kind: 'hang', ms: performance.now() - started });
        }, timeoutMs);
        current.on('message', onMessage);
        current.on('exit', onExit);
        current.send(job);
      });
      if (outcome.kind !== 'done') child = undefined;
      onDone(job, outcome);
    }
    if (child !== undefined && child.exitCode === null) child.kill();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, slot));
}

// ---------------------------------------------------------------------------------------------
// Finding captures by their first bytes.
// ---------------------------------------------------------------------------------------------

type Format = 'pcap' | 'pcapng';

function sniffPlain(b: Uint8Array): Format | undefined {
  if (b.length < 4) return undefined;
  const be = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const le = ((b[3]! << 24) | (b[2]! << 16) | (b[1]! << 8) | b[0]!) >>> 0;
  if (be === 0x0a0d0d0a) return 'pcapng';
  // microsecond, nanosecond and Kuznetzov's modified pcap, either byte order
  for (const v of [be, le]) if (v === 0xa1b2c3d4 || v === 0xa1b23c4d || v === 0xa1b2cd34) return 'pcap';
  return undefined;
}

interface CaptureFile {
  readonly path: string;
  readonly bytes: number;
  readonly format: Format;
  readonly gzip: boolean;
}

function sniffFile(path: string): CaptureFile | undefined {
  const data = readFileSync(path);
  const size = data.length;
  if (size >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    let inner: Uint8Array;
    try {
      inner = gunzipSync(data.subarray(0, Math.min(size, 4096)), {
        finishFlush: zlibConstants.Z_SYNC_FLUSH,
        maxOutputLength: 64,
      });
    } catch (err) {
      // maxOutputLength overflow still means it inflates; anything else is not ours.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return undefined;
      inner = gunzipSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, 64);
    }
    const format = sniffPlain(inner);
    return format === undefined ? undefined : { path, bytes: size, format, gzip: true };
  }
  const format = sniffPlain(data);
  return format === undefined ? undefined : { path, bytes: size, format, gzip: false };
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

// ---------------------------------------------------------------------------------------------
// suricata-verify expectations.
// ---------------------------------------------------------------------------------------------

type YamlMap = { [key: string]: YamlValue };

const isMap = (v: YamlValue | undefined): v is YamlMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function versionParts(v: YamlValue | undefined): number[] {
  return String(v ?? '0')
    .split('.')
    .map((p) => Number.parseInt(p, 10) || 0);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a `requires:` block admits the target Suricata version (features are assumed present). */
function versionAdmits(requires: YamlValue | undefined, target: number[]): boolean {
  if (!isMap(requires)) return true;
  const min = requires['min-version'];
  if (min !== undefined && compareVersions(target, versionParts(min)) < 0) return false;
  const lt = requires['lt-version'];
  if (lt !== undefined && compareVersions(target, versionParts(lt)) >= 0) return false;
  const version = requires.version;
  if (version !== undefined) {
    const want = versionParts(version);
    if (want.some((p, i) => p !== target[i])) return false;
  }
  return true;
}

interface Rule {
  /** The protocol of the rule header (`alert dns any any -> …`). */
  readonly proto: string | undefined;
  readonly sid: number | undefined;
  readonly msg: string | undefined;
  /** Anomaly kind named by a decode-event / stream-event / app-layer-event keyword. */
  readonly kind: string | undefined;
}

function parseRules(dir: string): Rule[] {
  const rules: Rule[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.rules')) continue;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) continue;
      const sid = /[;(\s]sid\s*:\s*(\d+)/.exec(text)?.[1];
      const msg = /msg\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
      let kind: string | undefined;
      const decode = /decode-event\s*:\s*([\w.]+)/.exec(text)?.[1];
      const stream = /stream-event\s*:\s*([\w.]+)/.exec(text)?.[1];
      const app = /app-layer-event\s*:\s*([\w.]+)/.exec(text)?.[1];
      if (decode !== undefined) kind = decode.startsWith('decoder.') ? decode : `decoder.${decode}`;
      else if (stream !== undefined) kind = stream.startsWith('stream.') ? stream : `stream.${stream}`;
      else if (app !== undefined) kind = appLayerKind(undefined, app);
      const proto = /^\w+\s+([\w-]+)/.exec(text)?.[1];
      rules.push({ proto, sid: sid === undefined ? undefined : Number(sid), msg, kind });
    }
  }
  return rules;
}

/** `<app_proto>.<event>` (lower case) for an app-layer event; `applayer.<x>` for detection events. */
function appLayerKind(appProto: string | undefined, event: string): string {
  const e = event.toLowerCase();
  if (e.startsWith('applayer_')) return `applayer.${e.slice('applayer_'.length)}`;
  if (e.includes('.')) return e;
  return `${appProto ?? '?'}.${e}`;
}

/** eve event types that are not an app-layer protocol. */
const NON_APP_EVENT_TYPES = new Set([
  'alert',
  'anomaly',
  'flow',
  'netflow',
  'stats',
  'fileinfo',
  'drop',
  'pkthdr',
  'engine',
  'frame',
]);

/** Rule-header protocols that are not an app-layer protocol. */
const TRANSPORT_RULE_PROTOS = new Set([
  'ip',
  'ipv4',
  'ipv6',
  'tcp',
  'udp',
  'icmp',
  'icmpv4',
  'icmpv6',
  'sctp',
  'pkthdr',
  'tcp-pkt',
  'tcp-stream',
  'udp-pkt',
]);

interface Expectation {
  /** Anomaly kinds the test expects at least once. */
  readonly expected: Set<string>;
  /** Kinds (or wildcards) the test expects zero times. */
  readonly absent: Set<string>;
}

function testExpectations(dir: string, yaml: YamlMap, target: number[]): Expectation {
  const rules = parseRules(dir);
  const checks = Array.isArray(yaml.checks) ? yaml.checks : [];
  const filters: YamlMap[] = [];
  for (const c of checks) {
    if (!isMap(c) || !isMap(c.filter)) continue;
    if (!versionAdmits(c.filter.requires, target)) continue;
    filters.push(c.filter);
  }
  // The app protocol of the test, for anomaly checks that do not name it.
  const appTypes = new Set<string>();
  for (const f of filters) {
    const m = isMap(f.match) ? f.match : {};
    const t = m.event_type;
    if (typeof t === 'string' && !NON_APP_EVENT_TYPES.has(t) && f.count !== 0) appTypes.add(t);
  }
  if (appTypes.size === 0) {
    for (const r of rules)
      if (r.proto !== undefined && !TRANSPORT_RULE_PROTOS.has(r.proto)) appTypes.add(r.proto);
  }
  const testProto = appTypes.size === 1 ? [...appTypes][0] : undefined;

  const specific = new Set<string>();
  const wildcards = new Set<string>();
  const absent = new Set<string>();
  for (const f of filters) {
    const m = isMap(f.match) ? f.match : {};
    const count = f.count;
    const positive = count === undefined || (typeof count === 'number' && count > 0);
    const zero = count === 0;
    if (!positive && !zero) continue;
    const kinds: string[] = [];
    let wildcard: string | undefined;
    const event = m['anomaly.event'];
    const type = typeof m['anomaly.type'] === 'string' ? (m['anomaly.type'] as string) : undefined;
    if (typeof event === 'string') {
      const layer =
        type ??
        (event.startsWith('decoder.') ? 'decode' : event.startsWith('stream.') ? 'stream' : 'applayer');
      if (layer === 'decode' || layer === 'stream') kinds.push(event);
      else {
        const proto = m['anomaly.app_proto'] ?? m.app_proto;
        kinds.push(appLayerKind(typeof proto === 'string' ? proto : testProto, event));
      }
    } else if (type !== undefined) {
      wildcard = `${type}.*`;
    } else if (m.event_type === 'anomaly') {
      wildcard = 'anomaly.*';
    }
    const sid = m['alert.signature_id'] ?? m['alert.sid'];
    const signature = m['alert.signature'];
    if (sid !== undefined || typeof signature === 'string') {
      const rule = rules.find((r) => (sid !== undefined ? r.sid === Number(sid) : r.msg === signature));
      if (rule?.kind !== undefined) kinds.push(rule.kind);
    }
    for (const k of kinds) (positive ? specific : absent).add(k);
    if (wildcard !== undefined) (positive ? wildcards : absent).add(wildcard);
  }
  // `?.event` when the same event is also expected under its protocol's name.
  for (const k of [...specific]) {
    if (k.startsWith('?.') && [...specific].some((o) => o !== k && o.endsWith(k.slice(1))))
      specific.delete(k);
  }
  // A wildcard only counts when no specific event of its type is expected; an app-layer one on a
  // test about one protocol is about that protocol.
  const narrow = (w: string) =>
    (w === 'applayer.*' || w === 'anomaly.*') && testProto !== undefined ? `${testProto}.*` : w;
  const expected = new Set(specific);
  for (const w of wildcards) {
    const covered = [...specific].some((k) => w === 'anomaly.*' || kindLayer(k) === w.slice(0, -2));
    if (!covered) expected.add(narrow(w));
  }
  // An expected absence is not narrowed: `count: 0` of any anomaly means none of any layer.
  return { expected, absent };
}

function kindLayer(kind: string): Layer {
  if (kind.startsWith('decoder.')) return 'decode';
  if (kind.startsWith('stream.')) return 'stream';
  return 'applayer';
}

/**
 * The netscry names that satisfy a kind, or undefined when netscry does not claim it. Layer
 * wildcards (`decode.*`, `stream.*`, `applayer.*`, `anomaly.*`) are satisfied by any reported
 * event of that layer; a protocol wildcard (`http.*`) by any name mapped for that protocol.
 */
function netscryNamesFor(kind: string, reported: ReadonlySet<string>): string[] | undefined {
  if (!kind.endsWith('.*')) {
    const names = SURICATA_TO_NETSCRY[kind];
    return names === undefined || names.length === 0 ? undefined : [...names];
  }
  const prefix = kind.slice(0, -2);
  if (prefix === 'decode' || prefix === 'stream' || prefix === 'applayer' || prefix === 'anomaly') {
    return [...reported].filter((n) => {
      const l = netscryLayer(n);
      return prefix === 'anomaly' ? l === 'decode' || l === 'stream' || l === 'applayer' : l === prefix;
    });
  }
  // A protocol netscry claims when the table maps any of its events; then any reported event
  // of that protocol (by name) agrees.
  if (!Object.keys(SURICATA_TO_NETSCRY).some((k) => k.startsWith(`${prefix}.`))) return undefined;
  const pattern = PROTOCOL_EVENT_NAMES[prefix];
  const mapped = new Set(
    Object.entries(SURICATA_TO_NETSCRY)
      .filter(([k]) => k.startsWith(`${prefix}.`))
      .flatMap(([, v]) => v),
  );
  return [...reported].filter((n) => mapped.has(n) || pattern?.test(n) === true);
}

/** netscry event names that belong to an app-layer protocol, for the protocol wildcards. */
const PROTOCOL_EVENT_NAMES: Readonly<Record<string, RegExp>> = {
  dns: /(^|_)(DNS|DNSSEC|EDNS)(_|$)/,
  http: /(^|_)(HTTP|URI)(_|$)/,
  tls: /(^|_)SSL(_|$)|^tls_/,
  ssh: /(^|_)SSH(_|$)/,
  dhcp: /(^|_)DHCP(_|$)/,
};

const isLayerWildcard = (kind: string) => /^(decode|stream|applayer|anomaly)\.\*$/.test(kind);

/** The capture a suricata-verify test runs on: `pcap:` in test.yaml, else the one in its directory. */
function testCapture(dir: string, yaml: YamlMap): string | undefined {
  if (typeof yaml.pcap === 'string') return resolve(dir, yaml.pcap);
  if (yaml.pcap === false) return undefined;
  const candidates = readdirSync(dir)
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile() && sniffFile(p) !== undefined);
  return candidates.find((p) => basename(p) === 'input.pcap') ?? candidates[0];
}

function findTests(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'test.yaml')) out.push(dir);
    for (const e of entries) if (e.isDirectory()) visit(join(dir, e.name));
  };
  visit(root);
  return out.sort();
}

function checksumsOff(args: YamlValue | undefined): boolean {
  const list = Array.isArray(args) ? args.map(String) : typeof args === 'string' ? [args] : [];
  const joined = ` ${list.join(' ')} `;
  return /\s-k\s+none\s/.test(joined);
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: {
        type: 'string',
        default: process.env.NETSCRY_CORPUS ?? resolve(import.meta.dirname, '../../../../shared/corpus'),
      },
      show: { type: 'string', default: '10' },
      timeout: { type: 'string', default: '30000' },
      jobs: { type: 'string', default: String(Math.min(availableParallelism(), 4)) },
      min: { type: 'string' },
      'suricata-version': { type: 'string', default: '9.0' },
      child: { type: 'boolean', default: false },
    },
  });
  const corpus = resolve(values.corpus);
  if (!existsSync(corpus)) {
    console.log(`suricata-events: no corpus at ${corpus} (set NETSCRY_CORPUS or --corpus); nothing to check`);
    return;
  }
  const show = Number(values.show);
  const timeoutMs = Number(values.timeout);
  const target = versionParts(values['suricata-version']);
  const rel = (p: string) => relative(corpus, p);

  // 1. Every capture under the corpus, sniffed.
  const all: string[] = [];
  walk(corpus, all);
  const captures: CaptureFile[] = [];
  const misnamed: string[] = [];
  for (const path of all) {
    const c = sniffFile(path);
    if (c !== undefined) captures.push(c);
    else if (/\.(pcap|pcapng|cap|pcap_)(\.gz)?$/i.test(path)) misnamed.push(path);
  }

  // 2. suricata-verify tests and the captures they need (with checksums off for `-k none`).
  const svRoot = join(corpus, 'suricata-verify', 'tests');
  interface SvTest {
    readonly name: string;
    readonly capture: string | undefined;
    readonly verifyChecksums: boolean;
    readonly expectation: Expectation;
    readonly skipped?: string;
  }
  const tests: SvTest[] = [];
  if (existsSync(svRoot)) {
    for (const dir of findTests(svRoot)) {
      const name = relative(svRoot, dir);
      let yaml: YamlValue;
      try {
        yaml = parseYaml(readFileSync(join(dir, 'test.yaml'), 'utf8'));
      } catch (err) {
        tests.push({
          name,
          capture: undefined,
          verifyChecksums: true,
          expectation: { expected: new Set(), absent: new Set() },
          skipped: `test.yaml: ${(err as Error).message}`,
        });
        continue;
      }
      if (!isMap(yaml)) continue;
      const expectation = testExpectations(dir, yaml, target);
      const capture = testCapture(dir, yaml);
      let skipped: string | undefined;
      if (!versionAdmits(yaml.requires, target))
        skipped = `requires a Suricata version other than ${values['suricata-version']}`;
      else if (capture === undefined) skipped = 'no capture';
      else if (!existsSync(capture)) skipped = `capture ${relative(dir, capture)} is not in the corpus`;
      tests.push({
        name,
        capture,
        verifyChecksums: !checksumsOff(yaml.args),
        expectation,
        ...(skipped === undefined ? {} : { skipped }),
      });
    }
  }

  const jobs: Job[] = [];
  const jobKey = (path: string, verify: boolean) => `${verify ? 'v' : 'k'} ${path}`;
  const jobIndex = new Map<string, Job>();
  const addJob = (path: string, verifyChecksums: boolean) => {
    const k = jobKey(path, verifyChecksums);
    if (jobIndex.has(k)) return;
    const job: Job = { id: jobs.length, path, verifyChecksums };
    jobs.push(job);
    jobIndex.set(k, job);
  };
  for (const c of captures) addJob(c.path, true);
  for (const t of tests)
    if (t.skipped === undefined && t.capture !== undefined) addJob(t.capture, t.verifyChecksums);

  const outcomes = new Map<string, Outcome>();
  const started = performance.now();
  await runPool(jobs, Number(values.jobs), timeoutMs, (job, outcome) => {
    outcomes.set(jobKey(job.path, job.verifyChecksums), outcome);
  });
  const elapsed = (performance.now() - started) / 1000;

  // --- sweep report
  const failures: string[] = [];
  let packets = 0;
  let conns = 0;
  let eventCount = 0;
  const slowest: Array<[number, string]> = [];
  for (const job of jobs) {
    const o = outcomes.get(jobKey(job.path, job.verifyChecksums));
    const label = `${rel(job.path)}${job.verifyChecksums ? '' : ' (checksums off)'}`;
    if (o === undefined) failures.push(`not run    ${label}`);
    else if (o.kind === 'hang') failures.push(`HANG       ${label}: no answer after ${Math.round(o.ms)} ms`);
    else if (o.kind === 'died') failures.push(`CRASH      ${label}: ${o.detail}`);
    else if (!o.result.ok)
      failures.push(`EXCEPTION  ${label}: ${o.result.error?.split('\n').slice(0, 4).join(' | ')}`);
    else {
      if (job.verifyChecksums) {
        packets += o.result.packets;
        conns += o.result.conns;
        for (const [n] of Object.values(o.result.events)) eventCount += n;
      }
      slowest.push([o.result.ms, label]);
    }
  }
  slowest.sort((a, b) => b[0] - a[0]);
  const totalBytes = captures.reduce((n, c) => n + c.bytes, 0);
  const byFormat = (f: Format, gz: boolean) => captures.filter((c) => c.format === f && c.gzip === gz).length;

  console.log(`no-crash sweep over ${corpus}`);
  console.log(
    `  ${captures.length} captures, ${totalBytes} bytes (${(totalBytes / 1048576).toFixed(1)} MiB): ` +
      `pcap ${byFormat('pcap', false)}, pcapng ${byFormat('pcapng', false)}, ` +
      `pcap.gz ${byFormat('pcap', true)}, pcapng.gz ${byFormat('pcapng', true)}; ${all.length} files looked at`,
  );
  console.log(
    `  ${jobs.length} runs (${jobs.length - captures.length} extra with checksums off for suricata-verify \`-k none\`), ` +
      `${Number(values.jobs)} children, ${timeoutMs} ms limit each, ${elapsed.toFixed(1)} s`,
  );
  console.log(`  ${packets} packets, ${conns} connections, ${eventCount} protocol events`);
  if (slowest.length > 0)
    console.log(
      `  slowest: ${slowest
        .slice(0, 3)
        .map(([ms, l]) => `${l} ${ms.toFixed(0)} ms`)
        .join(', ')}`,
    );
  if (misnamed.length > 0) {
    console.log(`  named like a capture but not one (not run): ${misnamed.map(rel).join(', ')}`);
  }
  console.log(`  crashes/exceptions/hangs: ${failures.length}`);
  for (const f of failures) console.log(`    ${f}`);

  // --- suricata-verify agreement
  console.log('');
  const considered = tests.filter((t) => t.skipped === undefined);
  const withExpectations = considered.filter((t) => t.expectation.expected.size > 0);
  let mapped = 0;
  let mappedAgree = 0;
  let allKinds = 0;
  let absentMapped = 0;
  let falsePositive = 0;
  const perKind = new Map<string, { expected: number; agree: number; mapped: boolean }>();
  const mismatches: string[] = [];
  const falsePositives: string[] = [];
  const skippedWithExpectations = tests.filter(
    (t) => t.skipped !== undefined && t.expectation.expected.size > 0,
  );
  for (const t of considered) {
    const o = outcomes.get(jobKey(t.capture!, t.verifyChecksums));
    const reported = new Set(o?.kind === 'done' && o.result.ok ? Object.keys(o.result.events) : []);
    const missing: string[] = [];
    for (const kind of t.expectation.expected) {
      allKinds++;
      const names = netscryNamesFor(kind, reported);
      const claimed = names !== undefined;
      const agree = names?.some((n) => reported.has(n)) === true;
      const stat = perKind.get(kind) ?? { expected: 0, agree: 0, mapped: claimed };
      stat.expected++;
      if (claimed) {
        mapped++;
        if (agree) {
          mappedAgree++;
          stat.agree++;
        } else
          missing.push(
            `${kind} (want ${kind.endsWith('.*') ? `any ${kind.slice(0, -2)} event` : names!.join('|')})`,
          );
      } else missing.push(`${kind} (unmapped)`);
      perKind.set(kind, stat);
    }
    for (const kind of t.expectation.absent) {
      const names = netscryNamesFor(kind, reported);
      if (names === undefined) continue;
      absentMapped++;
      const hits = names.filter((n) => reported.has(n));
      if (hits.length > 0) {
        falsePositive++;
        falsePositives.push(`${t.name}: expects no ${kind}, netscry reported ${hits.join(', ')}`);
      }
    }
    if (missing.length > 0) {
      const got = [...reported]
        .map((n) => `${n}×${o?.kind === 'done' ? o.result.events[n]![0] : 0}`)
        .join(', ');
      mismatches.push(`${t.name}: missing ${missing.join(', ')}; netscry reported: ${got || 'nothing'}`);
    }
  }

  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
  console.log(
    `suricata-verify anomalies (${tests.length} tests, ${considered.length} runnable at Suricata ${values['suricata-version']}; ` +
      `${withExpectations.length} expect an anomaly)`,
  );
  const skipCounts = new Map<string, number>();
  for (const t of tests) {
    if (t.skipped === undefined) continue;
    const reason = t.skipped.replace(/capture .* is not/, 'capture is not');
    skipCounts.set(reason, (skipCounts.get(reason) ?? 0) + 1);
  }
  for (const [reason, n] of skipCounts) console.log(`  skipped: ${n} × ${reason}`);
  for (const t of skippedWithExpectations) {
    console.log(
      `  skipped with expected anomalies: ${t.name} (${t.skipped}): ${[...t.expectation.expected].join(', ')}`,
    );
  }
  if (mismatches.length > 0) {
    console.log(
      `  tests with an expected anomaly netscry did not report (${mismatches.length}; first ${show}):`,
    );
    for (const m of mismatches.slice(0, show)) console.log(`    ${m}`);
  }
  if (falsePositives.length > 0) {
    console.log(`  false positives (${falsePositives.length}; first ${show}):`);
    for (const m of falsePositives.slice(0, show)) console.log(`    ${m}`);
  }
  console.log('  by expected kind (tests agreeing / tests expecting):');
  for (const [kind, s] of [...perKind].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const names = SURICATA_TO_NETSCRY[kind];
    const how = isLayerWildcard(kind)
      ? 'any event of the layer'
      : kind.endsWith('.*')
        ? s.mapped
          ? 'any mapped event of the protocol'
          : 'unmapped'
        : s.mapped
          ? names!.join('|')
          : 'unmapped';
    console.log(`    ${kind.padEnd(44)} ${s.agree}/${s.expected}  ${how}`);
  }
  console.log(
    `  agreement over kinds netscry maps:   ${mappedAgree}/${mapped} = ${pct(mappedAgree, mapped)}`,
  );
  console.log(
    `  agreement over all expected kinds:   ${mappedAgree}/${allKinds} = ${pct(mappedAgree, allKinds)}`,
  );
  const lostKinds = skippedWithExpectations.reduce((n, t) => n + t.expectation.expected.size, 0);
  console.log(
    `  (kinds count once per test; ${lostKinds} more expected kinds in ${skippedWithExpectations.length} tests ` +
      'whose capture is not in the corpus are not counted)',
  );
  console.log(
    `  expected-absent checks netscry maps: ${absentMapped}, of which netscry reported an event: ${falsePositive}`,
  );

  let status = 0;
  if (failures.length > 0) status = 1;
  const min = values.min === undefined ? undefined : Number(values.min);
  if (min !== undefined && mapped > 0 && mappedAgree / mapped < min) {
    console.log(`below the target agreement ${min}`);
    if (status === 0) status = 7;
  }
  process.exitCode = status;
}

if (process.argv.includes('--child')) runChild();
else await main();
