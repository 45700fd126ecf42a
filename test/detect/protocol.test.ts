import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import type { ShardAnalyzer, ShardOutput } from '../../src/detect/analyzer.js';
import type { Finding } from '../../src/detect/finding.js';
import {
  classifyProbe,
  concludeProtocol,
  DEFAULT_PROTOCOL_CONFIG,
  isRstTerminated,
  mergeProtocolPartials,
  PROTOCOL_EVICTION_NAMES,
  Probe,
  type ProtocolConfig,
  portVerdict,
  protocolAnalyzer,
  validateProtocolConfig,
} from '../../src/detect/protocol.js';
import { detectorNamed } from '../../src/detect/registry.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import { type BatchView, ConnState, RecordKind } from '../../src/shared/record.js';
import { type ConnSpec, connBatch, connBatches, observeAll } from '../helpers/records.js';
import { zeekTsvText } from '../helpers/zeek-text.js';
import { zeekViews } from '../helpers/zeek-views.js';

const cfg = (over: Record<string, unknown> = {}): ProtocolConfig => validateProtocolConfig(over);
const T0 = 1_700_000_000;
/** On a 300 s boundary: RST windows start here. */
const R0 = 1_700_000_100;
const enc = new TextEncoder();
const h = (s: string): Uint8Array => enc.encode(s);

let uidSeq = 0;
const conn = (over: Partial<ConnSpec> = {}): ConnSpec => ({
  ts: T0,
  orig: '10.0.0.5',
  origPort: 40_000 + (uidSeq % 20_000),
  resp: '203.0.113.9',
  respPort: 443,
  proto: 'tcp',
  state: 'SF',
  history: 'ShADadFf',
  service: 'ssl',
  duration: 1,
  origBytes: 500,
  respBytes: 4000,
  origPkts: 8,
  origIpBytes: 900,
  respPkts: 8,
  respIpBytes: 4400,
  uid: `C${(uidSeq++).toString(36).padStart(8, '0')}`,
  ...over,
});

/** One shard fed with conn specs; findings of the shard plus those `conclude` draws from its partial. */
function runConn(specs: readonly ConnSpec[], config = cfg(), sizes: number | number[] = 64): ShardOutput {
  const a = protocolAnalyzer.create(0, config);
  observeAll(a, connBatches(specs, sizes));
  return a.finish();
}

function all(out: ShardOutput, config = cfg()): Finding[] {
  return [...out.findings, ...concludeProtocol(mergeProtocolPartials([out.partial]), config)];
}

const of = (findings: readonly Finding[], detector: string): Finding[] =>
  findings.filter((f) => f.detector === detector);

/**
 * Zeek log text through the real parser and routing, one analyzer per virtual shard as the
 * engine keeps them; returns every shard's output and the merged, concluded findings.
 */
function runShards(
  text: string,
  config = cfg(),
  batchRecords = 64,
): { outputs: ShardOutput[]; findings: Finding[]; partials: unknown[] } {
  const shards = new Map<number, ShardAnalyzer>();
  for (const view of zeekViews(text, { batchRecords })) feed(shards, view, config);
  const ids = [...shards.keys()].sort((a, b) => a - b);
  const outputs = ids.map((id) => shards.get(id)!.finish());
  const partials = outputs.map((o) => o.partial);
  const findings = [
    ...outputs.flatMap((o) => o.findings),
    ...concludeProtocol(mergeProtocolPartials(partials), config),
  ];
  return { outputs, findings, partials };
}

function feed(shards: Map<number, ShardAnalyzer>, view: BatchView, config: ProtocolConfig): void {
  for (let i = 0; i < view.count; i++) {
    const v = view.vshard[i]!;
    let a = shards.get(v);
    if (a === undefined) {
      a = protocolAnalyzer.create(v, config);
      shards.set(v, a);
    }
    a.observe(view, i);
  }
}

const tsv = zeekTsvText;

/** The columns every connection log starts with. */
const ID_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'];
const ID_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port'];

const HTTP_FIELDS = [...ID_FIELDS, 'method', 'host', 'uri', 'version', 'user_agent', 'status_code'];
const HTTP_TYPES = [...ID_TYPES, 'string', 'string', 'string', 'string', 'string', 'count'];
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/122.0.0.0 Safari/537.36';

interface HttpRow {
  ts?: number;
  orig?: string;
  resp?: string;
  method?: string;
  host?: string;
  version?: string;
  ua?: string;
  uid?: string;
}
const httpRow = (r: HttpRow): string[] => [
  (r.ts ?? T0).toFixed(6),
  r.uid ?? `H${uidSeq++}`,
  r.orig ?? '10.0.0.5',
  '50000',
  r.resp ?? '198.51.100.7',
  '80',
  r.method ?? 'GET',
  r.host ?? 'www.example.com',
  '/',
  r.version ?? '1.1',
  r.ua ?? BROWSER,
  '200',
];
const httpLog = (rows: HttpRow[]): string => tsv('http', HTTP_FIELDS, HTTP_TYPES, rows.map(httpRow));

const SSL_FIELDS = [...ID_FIELDS, 'version', 'server_name', 'established', 'validation_status', 'ja3'];
const SSL_TYPES = [...ID_TYPES, 'string', 'string', 'bool', 'string', 'string'];
interface SslRow {
  ts?: number;
  orig?: string;
  resp?: string;
  version?: string;
  sni?: string;
  status?: string;
  ja3?: string;
}
const sslRow = (r: SslRow): string[] => [
  (r.ts ?? T0).toFixed(6),
  `S${uidSeq++}`,
  r.orig ?? '10.0.0.5',
  '50000',
  r.resp ?? '198.51.100.8',
  '443',
  r.version ?? 'TLSv13',
  r.sni ?? 'www.example.com',
  'T',
  r.status ?? 'ok',
  r.ja3 ?? 'common-ja3',
];
const sslLog = (rows: SslRow[]): string => tsv('ssl', SSL_FIELDS, SSL_TYPES, rows.map(sslRow));

/** `n` internal hosts in several /24s (several virtual shards). */
const hosts = (n: number): string[] => Array.from({ length: n }, (_, k) => `10.${k % 3}.${k % 5}.${10 + k}`);

// ─── port mismatch ──────────────────────────────────────────────────────────────────────────

describe('service against port', () => {
  it('judges both ways with the tables', () => {
    expect(portVerdict('ssh', 443)).toEqual({
      service: 'ssh',
      reason: 'port',
      expected: ['dtls', 'quic', 'ssl'],
    });
    expect(portVerdict('http', 443)?.reason).toBe('port');
    expect(portVerdict('http', 53)?.reason).toBe('port');
    expect(portVerdict('ssl', 80)).toEqual({
      service: 'ssl',
      reason: 'port',
      expected: ['http', 'websocket'],
    });
    expect(portVerdict('dns', 5300)).toEqual({
      service: 'dns',
      reason: 'service',
      expected: ['53', '137', '5353', '5355'],
    });
    expect(portVerdict('ssh', 8022)?.reason).toBe('service');
    // Allowed: the port's own service, one of a list, alternate web ports, unknown services.
    expect(portVerdict('ssl', 443)).toBeUndefined();
    expect(portVerdict('smtp,ssl', 25)).toBeUndefined();
    expect(portVerdict('gssapi,smb', 445)).toBeUndefined();
    expect(portVerdict('http', 8080)).toBeUndefined();
    expect(portVerdict('ssl', 8443)).toBeUndefined();
    expect(portVerdict('ssh', 2222)).toBeUndefined();
    expect(portVerdict('ntp', 4000)).toBeUndefined();
    // No evidence: empty, '-', or analyzers removed after a violation.
    expect(portVerdict('', 443)).toBeUndefined();
    expect(portVerdict('-', 443)).toBeUndefined();
    expect(portVerdict('-http', 443)).toBeUndefined();
    expect(portVerdict('-http,ssl', 443)).toBeUndefined();
    expect(portVerdict('SSH', 443)?.service).toBe('ssh');
  });

  it('aggregates one finding per (server, port, service, window) from every client', () => {
    const specs = [
      ...Array.from({ length: 5 }, (_, k) => conn({ ts: T0 + k * 60, service: 'ssh', orig: '10.0.0.5' })),
      conn({ ts: T0 + 400, service: 'ssh', orig: '10.0.0.6' }),
      // Inbound: an external client speaks HTTP to an internal server on 53 (primary delivery
      // at the server's shard; the originator-keyed copy is not counted again).
      conn({ ts: T0 + 10, orig: '198.51.100.3', resp: '10.0.0.53', respPort: 53, service: 'http' }),
      conn({
        ts: T0 + 10,
        orig: '198.51.100.3',
        resp: '10.0.0.53',
        respPort: 53,
        service: 'http',
        originView: true,
      }),
      // Normal traffic and no-evidence services.
      ...Array.from({ length: 20 }, (_, k) => conn({ ts: T0 + k })),
      conn({ service: '' }),
      conn({ service: '-' }),
      conn({ service: 'http', respPort: 8080 }),
    ];
    const findings = all(runConn(specs));
    const ports = of(findings, 'protocol.port-mismatch');
    expect(ports).toHaveLength(2);
    const ssh = ports.find((f) => f.entities.service === 'ssh')!;
    expect(ssh.attack).toBe('T1571');
    expect(ssh.entities).toEqual({
      src: ['10.0.0.5', '10.0.0.6'],
      dst: '203.0.113.9',
      port: '443',
      proto: 'tcp',
      service: 'ssh',
    });
    expect(ssh.evidence.connections).toBe(6);
    expect(ssh.evidence.reason).toBe('port');
    expect(ssh.firstTs).toBe(T0);
    expect(ssh.lastTs).toBe(T0 + 400);
    expect((ssh.evidence.sampleUids as string[]).length).toBe(6);
    const dns = ports.find((f) => f.entities.port === '53')!;
    expect(dns.evidence.connections).toBe(1);
    expect(dns.entities.src).toEqual(['198.51.100.3']);
    // A second window is a second finding.
    const two = of(
      all(runConn([conn({ service: 'ssh' }), conn({ ts: T0 + 86_400, service: 'ssh' })])),
      'protocol.port-mismatch',
    );
    expect(two).toHaveLength(2);
    expect(
      of(
        all(runConn(specs, cfg({ portMinConnections: 2 })), cfg({ portMinConnections: 2 })),
        'protocol.port-mismatch',
      ),
    ).toHaveLength(1);
    expect(
      of(all(runConn(specs, cfg({ enablePortMismatch: false }))), 'protocol.port-mismatch'),
    ).toHaveLength(0);
  });

  it('merges the same server seen from clients in different shards into one finding', () => {
    const a = protocolAnalyzer.create(1, cfg());
    const b = protocolAnalyzer.create(2, cfg());
    observeAll(a, [connBatch([conn({ service: 'ssh', orig: '10.1.0.5', ts: T0 + 5 })])]);
    observeAll(b, [connBatch([conn({ service: 'ssh', orig: '10.2.0.5', ts: T0 + 1 })])]);
    const pa = a.finish().partial;
    const pb = b.finish().partial;
    const ab = concludeProtocol(mergeProtocolPartials([pa, undefined, pb]), cfg());
    const ba = concludeProtocol(mergeProtocolPartials([pb, pa]), cfg());
    expect(ab).toEqual(ba);
    expect(ab).toHaveLength(1);
    expect(ab[0]!.entities.src).toEqual(['10.1.0.5', '10.2.0.5']);
    expect(ab[0]!.evidence.connections).toBe(2);
    expect(ab[0]!.firstTs).toBe(T0 + 1);
  });
});

// ─── TCP history ────────────────────────────────────────────────────────────────────────────

describe('TCP history patterns', () => {
  const c = (history: string, pkts = 1, ipBytes = 40, v6 = false): Probe =>
    classifyProbe(h(history), pkts, ipBytes, v6, 1);

  it('classifies stealth probes by the letters Zeek records', () => {
    expect(c('F')).toBe(Probe.Fin);
    expect(c('Fr')).toBe(Probe.Fin);
    expect(c('FT')).toBe(Probe.Fin); // a retransmission letter is ignored
    expect(c('r')).toBe(Probe.Null);
    expect(c('Q')).toBe(Probe.MultiFlag);
    expect(c('Qr')).toBe(Probe.MultiFlag);
    expect(c('ShQ')).toBe(Probe.MultiFlag);
    // SYN with payload: 20 IP + 60 TCP bytes is the most a bare SYN can take.
    expect(c('S', 1, 80)).toBe(Probe.None);
    expect(c('S', 1, 81)).toBe(Probe.SynPayload);
    expect(c('S', 2, 300)).toBe(Probe.SynPayload);
    expect(c('Sh', 1, 200)).toBe(Probe.SynPayload);
    expect(c('Sr', 1, 200)).toBe(Probe.SynPayload);
    expect(c('S', 1, 100, true)).toBe(Probe.None);
    expect(c('S', 1, 101, true)).toBe(Probe.SynPayload);
    expect(classifyProbe(h('S'), 1, 200, false, 200)).toBe(Probe.None);
  });

  it('leaves ordinary and ambiguous histories alone', () => {
    for (const history of [
      'S',
      'Sr',
      'ShR',
      'ShAR',
      'ShADadFf',
      'ShADadR',
      'Fa',
      'Ff',
      'FA',
      'Ar',
      'A',
      'D',
      'Dd',
      '^F',
      '^r',
      'R',
      '',
    ]) {
      expect(c(history), history).toBe(Probe.None);
    }
    // A null probe needs an originator packet; SYN payload needs its counters.
    expect(c('r', 0)).toBe(Probe.None);
    expect(c('S', 1, Number.NaN)).toBe(Probe.None);
    expect(c('S', 0, 500)).toBe(Probe.None);
    // Bytes outside ASCII are no letters.
    expect(classifyProbe(Uint8Array.of(0xc3, 0x46), 1, 40, false, 1)).toBe(Probe.Fin);
  });

  it('counts RST-terminated connections, not handshake probes', () => {
    expect(isRstTerminated(ConnState.RSTO, h('ShADadR'))).toBe(true);
    expect(isRstTerminated(ConnState.RSTR, h('ShADadr'))).toBe(true);
    expect(isRstTerminated(ConnState.RSTR, h('ShAdr'))).toBe(true);
    expect(isRstTerminated(ConnState.OTH, h('R'))).toBe(true);
    expect(isRstTerminated(ConnState.OTH, h('Rr'))).toBe(true);
    expect(isRstTerminated(ConnState.RSTO, h('ShR'))).toBe(false);
    expect(isRstTerminated(ConnState.RSTO, h('ShAR'))).toBe(false);
    expect(isRstTerminated(ConnState.REJ, h('Sr'))).toBe(false);
    expect(isRstTerminated(ConnState.SF, h('ShADadFf'))).toBe(false);
    expect(isRstTerminated(ConnState.OTH, h(''))).toBe(false);
    expect(isRstTerminated(ConnState.OTH, Uint8Array.of(0xff))).toBe(false);
  });
});

describe('protocol.tcp-probe', () => {
  const probe = (k: number, history: string, over: Partial<ConnSpec> = {}): ConnSpec =>
    conn({
      ts: T0 + k,
      resp: `10.0.9.${1 + (k % 200)}`,
      respPort: 20 + k,
      state: 'OTH',
      history,
      service: '',
      origBytes: 0,
      respBytes: 0,
      origPkts: 1,
      origIpBytes: 40,
      respPkts: history.includes('r') ? 1 : 0,
      respIpBytes: 40,
      ...over,
    });

  it('reports a FIN/Xmas scan once it reaches distinct targets, per source and window', () => {
    const specs = Array.from({ length: 30 }, (_, k) => probe(k, k % 2 === 0 ? 'F' : 'Fr'));
    const [f, ...rest] = of(runConn(specs).findings, 'protocol.tcp-probe');
    expect(rest).toHaveLength(0);
    expect(f!.attack).toBe('T1046');
    expect(f!.entities.src).toBe('10.0.0.5');
    expect(f!.evidence.patterns).toEqual({ fin: 30 });
    expect(f!.evidence.finTargets).toBe(10);
    expect(f!.evidence.probes).toBe(30);
    expect((f!.entities.dst as string[]).length).toBe(10);
    expect(f!.firstTs).toBe(T0);
    expect(f!.lastTs).toBe(T0 + 29);
    // Nine distinct targets (late FINs after a timeout look alike) are not enough.
    const nine = Array.from({ length: 30 }, (_, k) => probe(k % 9, 'Fr', { ts: T0 + k }));
    expect(of(runConn(nine).findings, 'protocol.tcp-probe')).toHaveLength(0);
  });

  it('reports null, SYN+FIN and SYN-with-payload probes from a few connections', () => {
    const specs = [probe(1, 'r'), probe(2, 'Q'), probe(3, 'S', { state: 'S0', origIpBytes: 140 })];
    const [f] = of(runConn(specs).findings, 'protocol.tcp-probe');
    expect(f!.evidence.patterns).toEqual({ null: 1, 'syn-fin-rst': 1, 'syn-payload': 1 });
    expect(f!.severity).toBe('medium');
    expect(of(runConn(specs.slice(0, 2)).findings, 'protocol.tcp-probe')).toHaveLength(0);
    // Knocking: SYNs with payload only.
    const knock = [1, 2, 3].map((k) =>
      probe(k, 'S', { state: 'S0', origIpBytes: 140, resp: '10.0.9.1', respPort: 7000 }),
    );
    expect(of(runConn(knock).findings, 'protocol.tcp-probe')[0]!.attack).toBe('T1205');
    const both = [...specs, ...Array.from({ length: 12 }, (_, k) => probe(10 + k, 'F'))];
    expect(of(runConn(both).findings, 'protocol.tcp-probe')[0]!.severity).toBe('high');
  });

  it('does not report plain SYN scans (the scan detector does) nor flipped or inbound copies twice', () => {
    const syn = Array.from({ length: 300 }, (_, k) =>
      probe(k, k % 3 === 0 ? 'S' : k % 3 === 1 ? 'Sr' : 'ShR', {
        state: k % 3 === 1 ? 'REJ' : 'S0',
        origIpBytes: 44,
      }),
    );
    expect(runConn(syn).findings).toEqual([]);
    // An inbound null probe's primary delivery (at the local responder) is not the originator's.
    const inbound = [1, 2, 3].map((k) => probe(k, 'r', { orig: '198.51.100.4', resp: '10.0.0.9' }));
    expect(of(runConn(inbound).findings, 'protocol.tcp-probe')).toHaveLength(0);
    const copies = inbound.map((s) => ({ ...s, originView: true }));
    expect(of(runConn(copies).findings, 'protocol.tcp-probe')).toHaveLength(1);
    expect(of(runConn(copies, cfg({ enableTcpProbe: false })).findings, 'protocol.tcp-probe')).toHaveLength(
      0,
    );
  });
});

// ─── RST storms ─────────────────────────────────────────────────────────────────────────────

describe('protocol.rst-storm', () => {
  const reset = (k: number, over: Partial<ConnSpec> = {}): ConnSpec =>
    conn({ ts: R0 + k, state: 'RSTR', history: 'ShADadr', resp: `203.0.113.${1 + (k % 50)}`, ...over });

  it('reports an originator whose connections end in resets, by end time and window', () => {
    const specs = Array.from({ length: 150 }, (_, k) => reset(k));
    const out = runConn(specs);
    const storms = of(out.findings, 'protocol.rst-storm');
    expect(storms).toHaveLength(1);
    const f = storms[0]!;
    expect(f.attack).toBe('T1499');
    expect(f.entities.src).toBe('10.0.0.5');
    expect(f.evidence.role).toBe('orig');
    expect(f.evidence.resetConnections).toBe(150);
    expect(f.evidence.connections).toBe(150);
    expect(f.evidence.share).toBe(1);
    expect(f.evidence.distinctPeers).toBe(10);
    // Ends are ts + duration (1 s).
    expect(f.firstTs).toBe(R0 + 1);
  });

  it('needs the share of resets and ignores handshake-only resets', () => {
    const mixed = [
      ...Array.from({ length: 150 }, (_, k) => reset(k)),
      ...Array.from({ length: 200 }, (_, k) => conn({ ts: R0 + k })),
    ].sort((a, b) => a.ts - b.ts);
    expect(of(runConn(mixed).findings, 'protocol.rst-storm')).toHaveLength(0);
    expect(of(runConn(mixed, cfg({ rstMinShare: 0.4 })).findings, 'protocol.rst-storm')).toHaveLength(1);
    const probes = Array.from({ length: 300 }, (_, k) => reset(k, { state: 'RSTO', history: 'ShR' }));
    expect(of(runConn(probes).findings, 'protocol.rst-storm')).toHaveLength(0);
    expect(of(runConn(probes, cfg({ enableRstStorm: false })).findings, 'protocol.rst-storm')).toHaveLength(
      0,
    );
  });

  it('reports a responder reset by many originators', () => {
    const specs = Array.from({ length: 120 }, (_, k) =>
      reset(k, { orig: `10.0.0.${10 + (k % 8)}`, resp: '10.0.5.5', respPort: 8080, service: '' }),
    );
    // Mixed in: enough normal traffic per originator that no originator storms.
    const normal = Array.from({ length: 8 * 20 }, (_, k) =>
      conn({ ts: R0 + (k % 120), orig: `10.0.0.${10 + (k % 8)}` }),
    );
    const out = runConn([...specs, ...normal].sort((a, b) => a.ts - b.ts));
    const storms = of(out.findings, 'protocol.rst-storm');
    expect(storms).toHaveLength(1);
    expect(storms[0]!.evidence.role).toBe('resp');
    expect(storms[0]!.entities.dst).toBe('10.0.5.5');
    expect((storms[0]!.entities.src as string[]).length).toBe(8);
    expect(of(runConn(specs, cfg({ rstMinPeers: 9 })).findings, 'protocol.rst-storm')).toEqual([]);
  });

  it('closes windows as event time passes and counts records arriving too late', () => {
    const first = Array.from({ length: 120 }, (_, k) => reset(k));
    const later = [conn({ ts: R0 + 2000 }), reset(5, { ts: R0 + 5 })];
    const out = runConn([...first, ...later], cfg(), 7);
    expect(of(out.findings, 'protocol.rst-storm')).toHaveLength(1);
    expect(out.evictions.lateRecords).toBe(1);
    // Ten times the threshold is high severity.
    const big = Array.from({ length: 1000 }, (_, k) => reset(k, { ts: R0 + k / 4 }));
    expect(of(runConn(big).findings, 'protocol.rst-storm')[0]!.severity).toBe('high');
  });
});

// ─── HTTP ───────────────────────────────────────────────────────────────────────────────────

describe('protocol.http', () => {
  it('flags missing Host on HTTP/1.1, odd methods, empty, short and scripting User-Agents per client', () => {
    const text = httpLog([
      { host: '-', version: '1.1' },
      { host: '-', version: '1.0' },
      { method: 'TRACE' },
      { method: 'PROPFIND' },
      { method: 'FOO' },
      { ua: '-' },
      { ua: 'abc' },
      { ua: 'curl/8.4.0', host: '198.51.100.7' },
      { ua: 'python-requests/2.31.0', ts: T0 + 50 },
      { orig: '10.0.0.6' },
    ]);
    const { findings } = runShards(text);
    const http = of(findings, 'protocol.http');
    expect(http).toHaveLength(1);
    const f = http[0]!;
    expect(f.attack).toBe('T1071.001');
    expect(f.entities.src).toBe('10.0.0.5');
    expect(f.evidence.reasons).toEqual({
      'empty-user-agent': 1,
      'ip-host': 1,
      'missing-host': 1,
      'odd-method': 2,
      'scripting-user-agent': 2,
      'short-user-agent': 1,
    });
    expect(f.evidence.sampleValues).toContain('odd-method=TRACE');
    expect(f.evidence.sampleValues).toContain('scripting-user-agent=curl/8.4.0');
    expect(f.severity).toBe('high');
    expect(f.lastTs).toBe(T0 + 50);
    // WebDAV off: PROPFIND is odd too; a custom scripting list replaces the default.
    const strict = cfg({ allowWebDavMethods: false, scriptingUserAgents: ['Python-'] });
    const g = of(runShards(text, strict).findings, 'protocol.http')[0]!;
    expect((g.evidence.reasons as Record<string, number>)['odd-method']).toBe(3);
    expect((g.evidence.reasons as Record<string, number>)['scripting-user-agent']).toBe(1);
    expect(of(runShards(text, cfg({ enableHttp: false })).findings, 'protocol.http')).toHaveLength(0);
  });

  it('leaves ordinary browsing and external clients alone', () => {
    const text = httpLog([
      {},
      { method: 'POST' },
      { method: 'OPTIONS', version: '2' },
      { orig: '198.51.100.50', resp: '10.0.0.80', ua: 'curl/8.0' },
    ]);
    expect(of(runShards(text).findings, 'protocol.http')).toHaveLength(0);
    const open = of(runShards(text, cfg({ internalClientsOnly: false })).findings, 'protocol.http');
    expect(open.map((f) => f.entities.src)).toEqual(['198.51.100.50']);
  });

  it('finds User-Agents rare in the host population, whatever the shard order', () => {
    const population = hosts(25);
    const rows: HttpRow[] = population.map((orig, k) => ({ orig, ts: T0 + k }));
    rows.push({
      orig: population[3]!,
      ua: 'Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; custom-implant)',
      ts: T0 + 100,
    });
    rows.push({
      orig: population[3]!,
      ua: 'Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; custom-implant)',
      ts: T0 + 200,
    });
    // Two hosts share this one: not rare at rareMaxHosts 1.
    rows.push({ orig: population[5]!, ua: 'Shared-Tool/1.0 (build 77)', ts: T0 + 300 });
    rows.push({ orig: population[6]!, ua: 'Shared-Tool/1.0 (build 77)', ts: T0 + 301 });
    const { findings, partials } = runShards(httpLog(rows));
    const rare = of(findings, 'protocol.http');
    expect(rare).toHaveLength(1);
    expect(rare[0]!.entities.src).toBe(population[3]);
    expect(rare[0]!.evidence.reasons).toEqual({ 'rare-user-agent': 2 });
    expect(rare[0]!.firstTs).toBe(T0 + 100);
    expect(rare[0]!.lastTs).toBe(T0 + 200);
    expect(rare[0]!.severity).toBe('low');
    expect(partials.length).toBeGreaterThan(3);
    // conclude over the merge does not depend on the order or grouping of the partials.
    const reference = concludeProtocol(mergeProtocolPartials(partials), cfg());
    const reversed = concludeProtocol(mergeProtocolPartials([...partials].reverse()), cfg());
    const grouped = concludeProtocol(
      mergeProtocolPartials([
        mergeProtocolPartials(partials.slice(0, 2)),
        mergeProtocolPartials(partials.slice(2).reverse()),
      ]),
      cfg(),
    );
    expect(reversed).toEqual(reference);
    expect(grouped).toEqual(reference);
    expect(of(reference, 'protocol.http')).toEqual(rare);
    // At two hosts allowed, the shared one is rare too; a small population judges nothing.
    expect(of(runShards(httpLog(rows), cfg({ rareMaxHosts: 2 })).findings, 'protocol.http')).toHaveLength(3);
    expect(
      of(runShards(httpLog(rows), cfg({ rareMinPopulation: 26 })).findings, 'protocol.http'),
    ).toHaveLength(0);
  });
});

// ─── HTTP request smuggling (weird.log) ─────────────────────────────────────────────────────

const WEIRD_FIELDS = [...ID_FIELDS, 'name', 'addl', 'notice', 'peer'];
const WEIRD_TYPES = [...ID_TYPES, 'string', 'string', 'bool', 'string'];
interface WeirdRow {
  ts?: number;
  orig?: string;
  resp?: string;
  port?: number;
  name: string;
  addl?: string;
  uid?: string;
}
const weirdLog = (rows: WeirdRow[]): string =>
  tsv(
    'weird',
    WEIRD_FIELDS,
    WEIRD_TYPES,
    rows.map((r) => [
      (r.ts ?? T0).toFixed(6),
      r.uid ?? `W${uidSeq++}`,
      r.orig ?? '198.51.100.23',
      '51000',
      r.resp ?? '10.0.4.80',
      String(r.port ?? 80),
      r.name,
      r.addl ?? '-',
      'F',
      'zeek',
    ]),
  );

describe('protocol.http-smuggling', () => {
  it('reports HTTP framing faults from weird.log per (client, server, port) and window', () => {
    const text = weirdLog([
      { name: 'HTTP_content_length_and_chunked', uid: 'Csmug1' },
      { name: 'HTTP_chunked_multi', addl: ', identity', ts: T0 + 30, uid: 'Csmug2' },
      { name: 'HTTP_obsolete_line_folding', addl: 'Transfer-Encoding', ts: T0 + 40 },
      { name: 'HTTP_whitespace_before_colon', addl: 'content-length ', ts: T0 + 41 },
      // Folding or odd spacing of a header that does not frame the body: no signal.
      { name: 'HTTP_obsolete_line_folding', addl: 'User-Agent', orig: '198.51.100.24' },
      { name: 'HTTP_whitespace_before_colon', addl: 'X-Forwarded-For', orig: '198.51.100.24' },
      // Unrelated weirds.
      { name: 'bad_HTTP_request', orig: '198.51.100.25' },
      { name: 'TCP_ack_underflow_or_misorder', orig: '198.51.100.25' },
      // A packet-level weird has no connection: skipped.
      { name: 'HTTP_content_length_and_chunked', orig: '-', resp: '-' },
    ]);
    const { findings } = runShards(text);
    const smuggling = of(findings, 'protocol.http-smuggling');
    expect(smuggling).toHaveLength(1);
    const f = smuggling[0]!;
    expect(f.attack).toBe('T1190');
    expect(f.severity).toBe('high');
    expect(f.entities).toEqual({ src: '198.51.100.23', dst: '10.0.4.80', port: '80' });
    expect(f.evidence.signals).toEqual({
      HTTP_chunked_multi: 1,
      HTTP_content_length_and_chunked: 1,
      HTTP_obsolete_line_folding: 1,
      HTTP_whitespace_before_colon: 1,
    });
    expect(f.evidence.strongSignals).toBe(4);
    expect(f.evidence.sampleUids).toContain('Csmug1');
    expect(f.evidence.sampleDetails).toContain('HTTP_chunked_multi: , identity');
    expect([f.firstTs, f.lastTs]).toEqual([T0, T0 + 41]);
    expect(f.summary).toContain('possible request smuggling');
    expect(
      of(runShards(text, cfg({ enableHttpSmuggling: false })).findings, 'protocol.http-smuggling'),
    ).toEqual([]);
  });

  it('needs several weak signals, counted per window', () => {
    const weak = (n: number, t0 = T0): WeirdRow[] =>
      Array.from({ length: n }, (_, k) => ({
        name: 'HTTP_bad_chunk_size',
        ts: t0 + k,
      }));
    expect(of(runShards(weirdLog(weak(2))).findings, 'protocol.http-smuggling')).toEqual([]);
    const three = of(runShards(weirdLog(weak(3))).findings, 'protocol.http-smuggling');
    expect(three.map((f) => [f.severity, f.evidence.weakSignals])).toEqual([['medium', 3]]);
    // Two in one day and two in the next: two windows, neither enough.
    const split = weirdLog([...weak(2, T0), ...weak(2, T0 + 86_400)]);
    expect(of(runShards(split).findings, 'protocol.http-smuggling')).toEqual([]);
    expect(
      of(runShards(split, cfg({ smugglingMinWeakSignals: 2 })).findings, 'protocol.http-smuggling'),
    ).toHaveLength(2);
  });

  it('caps its table, and restores from a snapshot', () => {
    const text = weirdLog(
      [1, 2, 3].map((k) => ({
        name: 'HTTP_content_length_and_chunked',
        orig: `198.51.100.${k}`,
        ts: T0 + k,
      })),
    );
    const capped = runShards(text, cfg({ maxSmugglingKeys: 1 }));
    expect(of(capped.findings, 'protocol.http-smuggling')).toHaveLength(1);
    expect(capped.outputs.reduce((n, o) => n + (o.evictions.maxSmugglingKeys ?? 0), 0)).toBe(2);
    const views = zeekViews(text, { batchRecords: 1 });
    const whole = protocolAnalyzer.create(0, cfg());
    observeAll(whole, views);
    const half = protocolAnalyzer.create(0, cfg());
    observeAll(half, views.slice(0, 2));
    const resumed = protocolAnalyzer.restore(0, cfg(), unpack(pack(half.snapshot())));
    observeAll(resumed, views.slice(2));
    expect(resumed.finish()).toEqual(whole.finish());
  });
});

// ─── TLS ────────────────────────────────────────────────────────────────────────────────────

describe('protocol.tls', () => {
  it('flags no SNI, self-signed and expired certificates and old versions to external servers', () => {
    const text = sslLog([
      { sni: '-' },
      { sni: '-', status: 'self signed certificate' },
      { status: 'certificate has expired', ts: T0 + 9 },
      { version: 'TLSv10' },
      { version: 'SSLv3' },
      { status: 'unable to get local issuer certificate' },
      // Internal servers: no SNI and their certificates are ordinary.
      { resp: '10.0.0.20', sni: '-', status: 'self signed certificate', version: 'TLSv11' },
      { orig: '10.0.0.7' },
    ]);
    const tls = of(runShards(text).findings, 'protocol.tls');
    expect(tls).toHaveLength(1);
    const f = tls[0]!;
    expect(f.attack).toBe('T1573');
    expect(f.entities.src).toBe('10.0.0.5');
    expect(f.evidence.reasons).toEqual({
      'expired-cert': 1,
      'no-sni': 2,
      'old-version': 2,
      'self-signed-cert': 1,
    });
    expect(f.severity).toBe('high');
    const internal = of(runShards(text, cfg({ tlsInternalServers: true })).findings, 'protocol.tls')[0]!;
    expect(internal.evidence.reasons).toEqual({
      'expired-cert': 1,
      'no-sni': 2,
      'old-version': 3,
      'self-signed-cert': 2,
    });
    expect(of(runShards(text, cfg({ enableTls: false })).findings, 'protocol.tls')).toHaveLength(0);
  });

  it('takes WebRTC as it is: DTLS without SNI and with self-signed certificates is no deviation', () => {
    const webrtc = sslLog([
      { orig: '10.0.0.8', sni: '-', status: 'self signed certificate', version: 'DTLSv12' },
      { orig: '10.0.0.8', sni: '-', status: 'self signed certificate', version: 'DTLSv10', ts: T0 + 5 },
    ]);
    expect(of(runShards(webrtc).findings, 'protocol.tls')).toEqual([]);
    // An expired certificate is still one.
    const expired = sslLog([{ orig: '10.0.0.8', status: 'certificate has expired', version: 'DTLSv12' }]);
    expect(of(runShards(expired).findings, 'protocol.tls')[0]!.evidence.reasons).toEqual({
      'expired-cert': 1,
    });
  });

  it('finds JA3 and JA4 fingerprints rare in the host population', () => {
    const population = hosts(22);
    const rows: SslRow[] = population.map((orig, k) => ({ orig, ts: T0 + k }));
    rows.push({ orig: population[0]!, ja3: 'e7d705a3286e19ea42f587b344ee6865', ts: T0 + 60 });
    const { findings } = runShards(sslLog(rows));
    const [f, ...rest] = of(findings, 'protocol.tls');
    expect(rest).toHaveLength(0);
    expect(f!.evidence.reasons).toEqual({ 'rare-ja3': 1 });
    expect(f!.evidence.sampleValues).toEqual(['rare-ja3=e7d705a3286e19ea42f587b344ee6865']);
    const json = rows
      .map(
        (r, k) =>
          `{"_path":"ssl","ts":${T0 + k},"uid":"J${k}","id.orig_h":"${r.orig}","id.orig_p":5${k},"id.resp_h":"198.51.100.8","id.resp_p":443,"version":"TLSv13","server_name":"a.example","ja4":"${r.ja3 === undefined ? 't13d1516h2_8daaf6152771_common' : 't13d0000h1_rare'}"}`,
      )
      .join('\n');
    const ja4 = of(runShards(`${json}\n`).findings, 'protocol.tls');
    expect(ja4.map((x) => x.evidence.reasons)).toEqual([{ 'rare-ja4': 1 }]);
  });
});

// ─── robustness, determinism, state ─────────────────────────────────────────────────────────

describe('bad and missing fields', () => {
  it('skips records without time or addresses and survives odd values', () => {
    const specs: ConnSpec[] = [
      conn({ ts: Number.NaN, service: 'ssh' }),
      { ts: T0, resp: '203.0.113.9', respPort: 443, service: 'ssh' },
      { ts: T0, orig: '10.0.0.5', respPort: 443, service: 'ssh' },
      conn({
        service: 'ssh',
        duration: Number.NaN,
        history: '\u00ff\u00feFr',
        origPkts: Number.NaN,
        origIpBytes: Number.NaN,
      }),
      conn({ proto: 'udp', service: 'dns', respPort: 5300, history: 'Dd' }),
      conn({ proto: 'icmp', service: '', respPort: 0, history: '' }),
      conn({ kind: RecordKind.Dns, raw: '' }),
      conn({ kind: RecordKind.Http, raw: '' }),
      conn({ kind: RecordKind.Tls, raw: '' }),
    ];
    const findings = all(runConn(specs));
    expect(
      of(findings, 'protocol.port-mismatch')
        .map((f) => f.entities.service)
        .sort(),
    ).toEqual(['dns', 'ssh']);
    const text = tsv(
      'http',
      ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'method', 'user_agent'],
      ['time', 'string', 'addr', 'port', 'addr', 'port', 'string', 'string'],
      [
        [String(T0), 'U1', '10.0.0.5', '1', '198.51.100.1', '80', '-', '-'],
        [String(T0), 'U2', '10.0.0.5', '1', '198.51.100.1', '80', '(empty)', 'x'.repeat(500)],
        [String(T0), 'U3', '10.0.0.5', '1', '198.51.100.1', '80', 'G\\x45T', 'curl/1\\x2e0'],
      ],
    );
    const f = of(runShards(text).findings, 'protocol.http')[0]!;
    // No version field: no missing-Host verdict; an escaped method is decoded.
    expect(f.evidence.reasons).toEqual({ 'scripting-user-agent': 1 });
    expect(f.evidence.sampleValues).toEqual(['scripting-user-agent=curl/1.0']);
  });
});

describe('determinism, snapshot and restore', () => {
  const specs: ConnSpec[] = [
    ...Array.from({ length: 40 }, (_, k) =>
      conn({ ts: T0 + k * 30, service: k % 4 === 0 ? 'ssh' : 'ssl', resp: `203.0.113.${k % 5}` }),
    ),
    ...Array.from({ length: 25 }, (_, k) =>
      conn({ ts: T0 + 100 + k, resp: `10.0.9.${k}`, respPort: k, history: 'Fr', state: 'OTH', service: '' }),
    ),
    ...Array.from({ length: 400 }, (_, k) =>
      conn({
        ts: T0 + k * 2,
        state: 'RSTO',
        history: 'ShADadR',
        orig: '10.0.0.8',
        resp: `203.0.113.${k % 30}`,
      }),
    ),
    conn({ ts: T0 + 9000, service: 'http', respPort: 53 }),
  ].sort((a, b) => a.ts - b.ts);
  const c = cfg({ maxPortKeys: 2, maxProbeKeys: 1, maxRstKeys: 40 });

  it('gives the same output for every batch split and for observeRows', () => {
    const base = runConn(specs, c, 64);
    expect(base.findings.length).toBeGreaterThanOrEqual(2);
    expect(base.evictions.maxPortKeys).toBeGreaterThan(0);
    expect(base.evictions.maxRstKeys).toBeGreaterThan(0);
    for (const sizes of [1, 7, [3, 50], 10_000]) expect(runConn(specs, c, sizes)).toEqual(base);
    const a = protocolAnalyzer.create(0, c);
    for (const view of connBatches(specs, 100)) {
      a.observeRows(
        view,
        Int32Array.from({ length: view.count }, (_, k) => k),
        0,
        view.count,
      );
    }
    expect(a.finish()).toEqual(base);
  });

  it('restores an equivalent analyzer at every cut (conn, http and ssl state)', () => {
    const base = runConn(specs, c, 97);
    const batches = connBatches(specs, 97);
    for (const cut of [0, 1, 3, batches.length - 1, batches.length]) {
      const first = protocolAnalyzer.create(3, c);
      observeAll(first, batches.slice(0, cut));
      const second = protocolAnalyzer.restore(3, c, unpack(pack(first.snapshot())));
      observeAll(second, batches.slice(cut));
      expect(second.finish()).toEqual(base);
    }
    const http = zeekViews(
      httpLog([{ ua: 'curl/8' }, { ua: 'Rare/1' }, { ua: 'Rare/1', ts: T0 + 5 }, { method: 'FOO' }]),
      { batchRecords: 1 },
    );
    const ssl = zeekViews(sslLog([{ sni: '-', ja3: 'r1' }, { ja3: 'r1' }]), { batchRecords: 1 });
    const views = [...http, ...ssl];
    const whole = protocolAnalyzer.create(0, cfg());
    observeAll(whole, views);
    const expected = whole.finish();
    const half = protocolAnalyzer.create(0, cfg());
    observeAll(half, views.slice(0, 3));
    const resumed = protocolAnalyzer.restore(0, cfg(), unpack(pack(half.snapshot())));
    observeAll(resumed, views.slice(3));
    expect(resumed.finish()).toEqual(expected);
  });

  it('rejects a foreign or mismatched snapshot', () => {
    const snap = protocolAnalyzer.create(1, cfg()).snapshot();
    expect(() => protocolAnalyzer.restore(2, cfg(), snap)).toThrow(/another virtual shard/);
    expect(() => protocolAnalyzer.restore(1, cfg(), { version: 99 })).toThrow(NetscryError);
    expect(() => protocolAnalyzer.restore(1, cfg(), null)).toThrow(/protocol: not an analyzer snapshot/);
    const empty = protocolAnalyzer.restore(1, cfg(), snap).finish();
    expect(empty.findings).toEqual([]);
    expect(Object.keys(empty.evictions).sort()).toEqual([...PROTOCOL_EVICTION_NAMES].sort());
    expect(concludeProtocol(mergeProtocolPartials([empty.partial]), cfg())).toEqual([]);
  });

  it('merges nothing into nothing', () => {
    expect(mergeProtocolPartials([undefined, null, { version: 7 }])).toBeUndefined();
    expect(concludeProtocol(undefined, cfg())).toEqual([]);
    expect(protocolAnalyzer.merge([])).toBeUndefined();
    expect(protocolAnalyzer.conclude?.(protocolAnalyzer.merge([]), cfg())).toEqual([]);
  });

  it('caps the tables and counts what it dropped', () => {
    const text = httpLog(
      [1, 2, 3, 4, 5, 6].map((k) => ({ orig: `10.0.0.${k}`, ua: `Tool-${k}/1.0 build`, method: 'FOO' })),
    );
    const out = runShards(text, cfg({ maxSources: 1, maxValues: 1 }));
    const evicted = out.outputs.reduce(
      (n, o) => n + (o.evictions.maxSources ?? 0) + (o.evictions.maxValues ?? 0),
      0,
    );
    expect(evicted).toBeGreaterThan(0);
  });
});

describe('IPv6 and overlapping partials', () => {
  it('handles IPv6 endpoints in every table', () => {
    const v6 = (k: number, over: Partial<ConnSpec> = {}): ConnSpec =>
      conn({ ts: R0 + k, orig: 'fd00:1::5', resp: '2001:db8::9', ...over });
    const specs = [
      v6(0, { service: 'ssh' }),
      ...[1, 2, 3].map((k) =>
        v6(k, { history: 'S', state: 'S0', service: '', origPkts: 1, origIpBytes: 101 }),
      ),
      ...Array.from({ length: 120 }, (_, k) =>
        v6(10 + k, { state: 'RSTO', history: 'ShADadR', service: '' }),
      ),
    ];
    const findings = all(runConn(specs));
    expect(of(findings, 'protocol.port-mismatch')[0]!.entities.dst).toBe('2001:db8::9');
    expect(of(findings, 'protocol.tcp-probe')[0]!.evidence.patterns).toEqual({ 'syn-payload': 3 });
    expect(of(findings, 'protocol.rst-storm')[0]!.entities.src).toBe('fd00:1::5');
  });

  it('merges partials that share keys: counts add up, samples stay distinct and bounded', () => {
    const rows: HttpRow[] = hosts(21).map((orig, k) => ({ orig, ts: T0 + k }));
    rows.push({ orig: '10.0.0.200', ua: 'Rare-Agent/0.1 (x)', method: 'FOO', ts: T0 + 500 });
    const ports = [conn({ service: 'ssh', orig: '10.0.0.200' })];
    const a = protocolAnalyzer.create(0, cfg());
    observeAll(a, [...zeekViews(httpLog(rows)), connBatch(ports)]);
    const part = a.finish().partial;
    const once = concludeProtocol(mergeProtocolPartials([part]), cfg());
    const twice = concludeProtocol(mergeProtocolPartials([part, part]), cfg());
    const http = (fs: Finding[]) => of(fs, 'protocol.http').find((f) => f.entities.src === '10.0.0.200')!;
    expect(http(once).evidence.reasons).toEqual({ 'odd-method': 1, 'rare-user-agent': 1 });
    expect(http(twice).evidence.reasons).toEqual({ 'odd-method': 2, 'rare-user-agent': 2 });
    expect(http(twice).evidence.sampleUids).toEqual(http(once).evidence.sampleUids);
    expect(of(twice, 'protocol.port-mismatch')[0]!.evidence.connections).toBe(2);
  });
});

describe('configuration', () => {
  it('fills defaults and checks every key', () => {
    expect(validateProtocolConfig()).toEqual(DEFAULT_PROTOCOL_CONFIG);
    expect(cfg({ scriptingUserAgents: [' Curl/ ', 'curl/'] }).scriptingUserAgents).toEqual(['curl/']);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return e instanceof NetscryError ? `${e.code}: ${e.message}` : String(e);
      }
      return undefined;
    };
    expect(code(() => cfg({ bogus: 1 }))).toMatch(/protocol.bogus is not a protocol option/);
    expect(code(() => cfg({ rstMinShare: 2 }))).toMatch(/rstMinShare must be a number from 0 to 1/);
    expect(code(() => cfg({ scriptingUserAgents: 'curl' }))).toMatch(/list of non-empty strings/);
    expect(code(() => cfg({ scriptingUserAgents: [''] }))).toMatch(/list of non-empty strings/);
    expect(code(() => validateProtocolConfig(null))).toMatch(/must be an object/);
    expect(code(() => validateProtocolConfig([]))).toContain(ErrorCode.InvalidOption);
  });

  it('is registered, on by default, and validated by planRun', () => {
    expect(detectorNamed('protocol')?.defaultOn).toBe(true);
    const plan = planRun({
      inputs: ['x.log'],
      actors: 0,
      detectors: { protocol: { rstMinConnections: 50 } },
    });
    const p = plan.engine.detectors.find((d) => d.name === 'protocol')?.config as ProtocolConfig;
    expect(p.rstMinConnections).toBe(50);
    expect(() =>
      planRun({ inputs: ['x.log'], actors: 0, detectors: { protocol: { windowSeconds: 1 } } }),
    ).toThrow(/protocol.windowSeconds/);
  });
});

describe('end to end', () => {
  it('concludes cross-shard findings in analyze()', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'netscry-protocol-'));
    try {
      const conn = tsv(
        'conn',
        [
          'ts',
          'uid',
          'id.orig_h',
          'id.orig_p',
          'id.resp_h',
          'id.resp_p',
          'proto',
          'service',
          'conn_state',
          'history',
        ],
        ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'string', 'string'],
        [
          [String(T0), 'C1', '10.1.0.5', '40000', '203.0.113.9', '443', 'tcp', 'ssh', 'SF', 'ShADadFf'],
          [String(T0 + 1), 'C2', '10.2.0.5', '40001', '203.0.113.9', '443', 'tcp', 'ssh', 'SF', 'ShADadFf'],
        ],
      );
      await writeFile(join(dir, 'conn.log'), conn);
      const result = await analyze({ inputs: [join(dir, 'conn.log')], actors: 0 });
      const ports = result.findings.filter((f) => f.detector === 'protocol.port-mismatch');
      expect(ports).toHaveLength(1);
      expect(ports[0]!.entities.src).toEqual(['10.1.0.5', '10.2.0.5']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
