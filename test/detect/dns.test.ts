import { pack, unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/coordinator/options.js';
import type { ShardOutput } from '../../src/detect/analyzer.js';
import {
  DEFAULT_DNS_CONFIG,
  Distinct,
  DNS_EVICTION_NAMES,
  type DnsConfig,
  dnsAnalyzer,
  entropyOf,
  hash53,
  labelTraits,
  maskName,
  NAME_SEED,
  registeredDomain,
  validateDnsConfig,
} from '../../src/detect/dns.js';
import type { Finding } from '../../src/detect/finding.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import type { BatchView } from '../../src/shared/record.js';
import { shannonEntropy } from '../../src/shared/sensitive-patterns.js';
import { connBatches, observeAll } from '../helpers/records.js';
import { zeekViews } from '../helpers/zeek-views.js';

const cfg = (over: Record<string, unknown> = {}): DnsConfig => validateDnsConfig(over);

/** One dns.log row as a test writes it. */
interface Q {
  ts: number;
  src?: string;
  resolver?: string;
  query?: string | null;
  qtype?: string | null;
  qtypeNum?: number | null;
  rcode?: string | null;
  rcodeNum?: number | null;
  uid?: string;
  port?: number;
}

const HOST = '10.0.0.5';
const RESOLVER = '10.0.0.1';
const T0 = 1_700_000_000;

const FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'query',
  'qtype',
  'qtype_name',
  'rcode',
  'rcode_name',
];
const TYPES = [
  'time',
  'string',
  'addr',
  'port',
  'addr',
  'port',
  'enum',
  'string',
  'count',
  'string',
  'count',
  'string',
];

function values(q: Q, k: number): (string | number | null)[] {
  return [
    q.ts,
    q.uid ?? `C${k.toString(36)}`,
    q.src ?? HOST,
    30_000 + (k % 30_000),
    q.resolver ?? RESOLVER,
    q.port ?? 53,
    'udp',
    q.query === undefined ? 'x.example.com' : q.query,
    q.qtypeNum === undefined ? 1 : q.qtypeNum,
    q.qtype === undefined ? 'A' : q.qtype,
    q.rcodeNum === undefined ? 0 : q.rcodeNum,
    q.rcode === undefined ? 'NOERROR' : q.rcode,
  ];
}

function tsv(qs: readonly Q[]): string {
  const esc = (v: string | number | null): string => {
    if (v === null) return '-';
    const s = String(v);
    return s === '' ? '(empty)' : s.replace(/\\/g, '\\x5c').replace(/\t/g, '\\x09');
  };
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tdns',
    `#fields\t${FIELDS.join('\t')}`,
    `#types\t${TYPES.join('\t')}`,
    ...qs.map((q, k) => values(q, k).map(esc).join('\t')),
    '',
  ].join('\n');
}

function json(qs: readonly Q[]): string {
  return `${qs
    .map((q, k) => {
      const v = values(q, k);
      const o: Record<string, unknown> = { _path: 'dns' };
      FIELDS.forEach((f, i) => {
        if (v[i] !== null) o[f] = v[i];
      });
      return JSON.stringify(o);
    })
    .join('\n')}\n`;
}

function run(
  qs: readonly Q[],
  config: DnsConfig = cfg(),
  options: { format?: 'tsv' | 'json'; batch?: number } = {},
): ShardOutput {
  const text = options.format === 'json' ? json(qs) : tsv(qs);
  const analyzer = dnsAnalyzer.create(0, config);
  observeAll(analyzer, zeekViews(text, { batchRecords: options.batch ?? 64 }));
  return analyzer.finish();
}

const of = (out: ShardOutput, detector: string): Finding[] =>
  out.findings.filter((f) => f.detector === detector);

/** mulberry32 */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
function randomText(rnd: () => number, n: number, alphabet = BASE32): string {
  let s = '';
  for (let k = 0; k < n; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

/** The generator's exfil.dns shape: a sequence + 50 base32 chars, a 20–40 char label, TXT/NULL. */
function tunnel(
  n: number,
  opt: { apex?: string; src?: string; t0?: number; step?: number; seed?: number; qtype?: string } = {},
): Q[] {
  const { apex = 't.evilcorp.net', src = HOST, t0 = T0, step = 0.5, seed = 1 } = opt;
  const rnd = prng(seed);
  return Array.from({ length: n }, (_, k) => ({
    ts: t0 + k * step,
    src,
    query: `${k.toString(32).padStart(6, '0')}${randomText(rnd, 50)}.${randomText(rnd, 20 + Math.floor(rnd() * 20))}.${apex}`,
    qtype: opt.qtype ?? (rnd() < 0.7 ? 'TXT' : 'NULL'),
  }));
}

const byTs = (a: Q, b: Q): number => a.ts - b.ts;

describe('dns.tunnel', () => {
  it('finds the generator-style tunnel with its evidence', () => {
    const out = run(tunnel(150));
    // NULL is not a common query type: the same source gets a rare-qtype finding too.
    expect(out.findings.map((f) => f.detector).sort()).toEqual(['dns.rare-qtype', 'dns.tunnel']);
    const [f] = of(out, 'dns.tunnel');
    expect(f!.entities).toEqual({ src: HOST, domain: 'evilcorp.net', resolver: RESOLVER });
    expect(f!.severity).toBe('low');
    expect(f!.attack).toBe('T1048.003');
    expect(f!.firstTs).toBe(T0);
    expect(f!.lastTs).toBe(T0 + 149 * 0.5);
    const e = f!.evidence;
    expect(e.queries).toBe(150);
    expect(e.uniqueSubdomains).toBe(150);
    expect(e.uniqueExact).toBe(true);
    expect(e.meanSubdomainLength as number).toBeGreaterThan(80);
    expect(e.entropyBits as number).toBeGreaterThan(4.8);
    expect(e.tunnelTypeShare).toBe(1);
    expect(e.longNames).toBe(150);
    expect((e.sampleNames as string[]).length).toBe(DEFAULT_DNS_CONFIG.sampleSize);
    // The payload is cut: 16 characters of the subdomain, then its length.
    for (const s of e.sampleNames as string[])
      expect(s).toMatch(/^[0-9a-v]{6}[a-z2-7]{10}…\(\d+\)\.evilcorp\.net$/);
    expect((e.sampleUids as string[]).length).toBe(DEFAULT_DNS_CONFIG.sampleSize);
    expect(e.thresholds).toMatchObject({ minUniqueSubdomains: 100, tiers: [100, 500, 800, 1000] });
    // The long names of a tunnel are not reported a second time.
    expect(of(out, 'dns.long-name')).toEqual([]);
  });

  it('needs minUniqueSubdomains distinct subdomains in one window', () => {
    expect(of(run(tunnel(99)), 'dns.tunnel')).toEqual([]);
    expect(of(run(tunnel(100)), 'dns.tunnel')).toHaveLength(1);
    expect(of(run(tunnel(100), cfg({ minUniqueSubdomains: 101 })), 'dns.tunnel')).toEqual([]);
    // The same name again and again is one subdomain.
    const same = tunnel(1).flatMap((q) => Array.from({ length: 300 }, (_, k) => ({ ...q, ts: q.ts + k })));
    expect(of(run(same), 'dns.tunnel')).toEqual([]);
  });

  it('tiers severity as RITA does (100 / 500 / 800 / 1000)', () => {
    const big = cfg({ maxExactNames: 2048 });
    const tiers: [number, string][] = [
      [499, 'low'],
      [500, 'medium'],
      [800, 'high'],
      [1000, 'critical'],
    ];
    for (const [n, severity] of tiers) {
      const [f] = of(run(tunnel(n, { step: 0.2 }), big), 'dns.tunnel');
      expect(f!.evidence.uniqueSubdomains).toBe(n);
      expect(f!.severity).toBe(severity);
    }
    const [f] = of(run(tunnel(500, { step: 0.2 }), cfg({ mediumUniqueSubdomains: 600 })), 'dns.tunnel');
    expect(f!.severity).toBe('low');
  });

  it('names T1071.004 when the data does not come back in TXT/NULL answers', () => {
    const [f] = of(run(tunnel(150, { qtype: 'CNAME' })), 'dns.tunnel');
    expect(f!.attack).toBe('T1071.004');
    expect(f!.evidence.types).toEqual({ CNAME: 150 });
    // Long A-record names qualify on length alone.
    const [g] = of(run(tunnel(150, { qtype: 'A' })), 'dns.tunnel');
    expect(g!.evidence.tunnelTypeShare).toBe(0);
    expect(g!.attack).toBe('T1071.004');
  });

  it('qualifies short TXT names on the type share, not on length', () => {
    const rnd = prng(3);
    const short = (qtype: string): Q[] =>
      Array.from({ length: 200 }, (_, k) => ({
        ts: T0 + k,
        query: `${randomText(rnd, 10)}.pirate.sea`,
        qtype,
      }));
    const [f] = of(run(short('NULL')), 'dns.tunnel');
    expect(f!.evidence.meanSubdomainLength).toBe(10);
    expect(f!.entities.domain).toBe('pirate.sea');
    expect(of(run(short('A')), 'dns.tunnel')).toEqual([]);
  });

  it('leaves CDN fan-out, reverse lookups, DNSBL checks and telemetry alone', () => {
    const rnd = prng(5);
    const qs: Q[] = [];
    for (let k = 0; k < 400; k++) {
      const t = T0 + k * 5;
      // A resolver-like source: many short CDN names.
      qs.push({ ts: t, query: `e${1000 + k}.dsce${k % 9}.akamaiedge.net` });
      qs.push({ ts: t, query: `rr${k % 20}---sn-${randomText(rnd, 8)}.googlevideo.com` });
      // Private suffix customers are separate registered domains.
      qs.push({ ts: t, query: `d${randomText(rnd, 13)}.cloudfront.net`, qtype: 'AAAA' });
      // Reverse lookups have no registered domain.
      qs.push({ ts: t, query: `${k % 250}.${k % 7}.20.10.in-addr.arpa`, qtype: 'PTR' });
      // DNSBL: reversed addresses (digits and dots) under one zone.
      qs.push({ ts: t, query: `${k % 256}.${(k * 7) % 256}.51.198.zen.spamhaus.org` });
      qs.push({ ts: t, query: 'v10.events.data.microsoft.com' });
      qs.push({ ts: t, query: `settings-win.data.microsoft.com` });
    }
    const out = run(qs.sort(byTs));
    expect(out.findings).toEqual([]);
  });

  it('ignores allowDomains (and names under them)', () => {
    // An AV hash lookup service looks exactly like a tunnel.
    const rnd = prng(6);
    const qs = Array.from({ length: 200 }, (_, k) => ({
      ts: T0 + k,
      query: `0.0.0.0.1.0.0.4e.${randomText(rnd, 26, '0123456789abcdefghijklmnopqrstuv')}.avqs.mcafee.com`,
    }));
    expect(of(run(qs), 'dns.tunnel')).toHaveLength(1);
    expect(run(qs, cfg({ allowDomains: ['mcafee.com'] })).findings).toEqual([]);
    expect(run(qs, cfg({ allowDomains: ['.MCAFEE.com.'] })).findings).toEqual([]);
    expect(of(run(qs, cfg({ allowDomains: ['other.com'] })), 'dns.tunnel')).toHaveLength(1);
  });

  it('keeps event-time windows: one finding per (source, domain, window)', () => {
    // 160 names over 2 h: 80 per window — none qualifies at 1 h, one does at 2 h.
    const spread = tunnel(160, { step: 45 });
    expect(of(run(spread), 'dns.tunnel')).toEqual([]);
    const [f] = of(run(spread, cfg({ windowSeconds: 7200 })), 'dns.tunnel');
    expect(f!.evidence.uniqueSubdomains).toBe(160);
    // Two bursts three hours apart: two findings.
    const two = [...tunnel(120), ...tunnel(120, { t0: T0 + 3 * 3600, seed: 2 })];
    const found = of(run(two), 'dns.tunnel');
    expect(found.map((g) => g.firstTs)).toEqual([T0, T0 + 3 * 3600]);
    // Two sources, two domains: four findings.
    const four = [
      ...tunnel(110),
      ...tunnel(110, { src: '10.0.0.6', seed: 3 }),
      ...tunnel(110, { apex: 'x.other.org', seed: 4 }),
      ...tunnel(110, { src: '10.0.0.6', apex: 'x.other.org', seed: 5 }),
    ].sort(byTs);
    const f4 = of(run(four), 'dns.tunnel');
    expect(f4.map((g) => `${g.entities.src} ${g.entities.domain}`).sort()).toEqual([
      '10.0.0.5 evilcorp.net',
      '10.0.0.5 other.org',
      '10.0.0.6 evilcorp.net',
      '10.0.0.6 other.org',
    ]);
  });

  it('closes passed windows while running (sweep) with the same findings', () => {
    // A tunnel, then hours of other traffic: the tunnel's window is closed by the sweep.
    const qs = [
      ...tunnel(120),
      ...Array.from({ length: 50 }, (_, k) => ({ ts: T0 + 3600 + k * 600, query: 'www.example.com' })),
    ];
    const analyzer = dnsAnalyzer.create(0, cfg());
    observeAll(analyzer, zeekViews(tsv(qs)));
    const snap = analyzer.snapshot() as { domains: unknown[]; findings: Finding[] };
    expect(snap.findings.map((f) => f.detector)).toContain('dns.tunnel');
    expect(snap.domains.length).toBe(1);
    expect(
      analyzer
        .finish()
        .findings.map((f) => f.detector)
        .sort(),
    ).toEqual(['dns.rare-qtype', 'dns.tunnel']);
  });

  it('rolls an entry over when its own next record is past its window (between sweeps)', () => {
    // The first record (another source) sets the sweep clock; the tunnel starts 100 s later, so
    // at T0 + 3600 the sweep keeps it and its record at T0 + 3750 rolls it over itself.
    const qs = [
      { ts: T0, src: '10.0.0.99', query: 'www.example.com' },
      ...tunnel(110, { t0: T0 + 100, step: 1 }),
      { ts: T0 + 3600, src: '10.0.0.99', query: 'www.example.com' },
      ...tunnel(110, { t0: T0 + 3750, step: 1, seed: 2 }),
    ];
    const found = of(run(qs), 'dns.tunnel');
    expect(found.map((f) => [f.firstTs, f.evidence.queries])).toEqual([
      [T0 + 100, 110],
      [T0 + 3750, 110],
    ]);
    expect(of(run(qs), 'dns.rare-qtype').map((f) => f.firstTs)).toHaveLength(2);
  });

  it('measures mixed-case, underscore and non-ASCII names (iodine style)', () => {
    const rnd = prng(12);
    const alphabet =
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß';
    const qs = Array.from({ length: 150 }, (_, k) => ({
      ts: T0 + k,
      query: `${randomText(rnd, 60, alphabet)}.${randomText(rnd, 40, alphabet)}.pirate.sea`,
      qtype: 'NULL',
    }));
    const [f] = of(run(qs), 'dns.tunnel');
    expect(f!.evidence.entropyBits as number).toBeGreaterThan(5.5);
  });

  it('can be turned off', () => {
    expect(of(run(tunnel(150), cfg({ enableTunnel: false })), 'dns.tunnel')).toEqual([]);
  });
});

describe('dns.long-name', () => {
  const long = (n: number, label = 55): Q[] =>
    Array.from({ length: n }, (_, k) => ({
      ts: T0 + k,
      query: `${'a'.repeat(label - 2)}${k.toString().padStart(2, '0')}.long.example.com`,
    }));

  it('reports over-long labels and names per (source, domain, window), from minLongNames on', () => {
    expect(of(run(long(4)), 'dns.long-name')).toEqual([]);
    const [f] = of(run(long(6)), 'dns.long-name');
    expect(f!.entities).toEqual({ src: HOST, domain: 'example.com', resolver: RESOLVER });
    expect(f!.evidence).toMatchObject({ longNames: 6, queries: 6, longestName: 72 });
    expect((f!.evidence.sampleNames as string[])[0]).toMatch(/^a{16}…\(60\)\.example\.com$/);
    expect(of(run(long(6, 50)), 'dns.long-name')).toEqual([]);
    expect(of(run(long(6, 50), cfg({ maxLabelLength: 49 })), 'dns.long-name')).toHaveLength(1);
    // A name over maxNameLength made of short labels.
    const dotted = Array.from({ length: 5 }, (_, k) => ({
      ts: T0 + k,
      query: `${Array.from({ length: 12 }, () => 'abcdefghi').join('.')}${k}.example.com`,
    }));
    expect(of(run(dotted), 'dns.long-name')).toHaveLength(1);
    expect(of(run(dotted, cfg({ maxNameLength: 200, maxLabels: 14 })), 'dns.long-name')).toEqual([]);
    expect(of(run(long(6), cfg({ enableLongName: false })), 'dns.long-name')).toEqual([]);
  });

  it('reports names of many short labels (a payload split over labels), under the length limits', () => {
    // 11 labels, 47 characters: dnscat-style chunks of 8 hex digits.
    const split = (n: number, chunks: number): Q[] =>
      Array.from({ length: n }, (_, k) => ({
        ts: T0 + k,
        query: `${Array.from({ length: chunks }, (_, c) => (k * 97 + c * 13).toString(16).padStart(4, '0')).join('.')}.x.example.com`,
      }));
    const [f] = of(run(split(5, 8)), 'dns.long-name');
    expect(f!.evidence).toMatchObject({ longNames: 5, mostLabels: 11, longestName: 53 });
    expect((f!.evidence.thresholds as { maxLabels: number }).maxLabels).toBe(10);
    expect(f!.summary).toMatch(
      /with over-long or many-labelled names under example\.com \(longest 53 characters, up to 11 labels\)$/,
    );
    // Ten labels are ordinary (CDN edge names reach six or seven).
    expect(of(run(split(5, 7)), 'dns.long-name')).toEqual([]);
    expect(of(run(split(5, 8), cfg({ maxLabels: 11 })), 'dns.long-name')).toEqual([]);
  });
});

describe('dns.rare-qtype', () => {
  const any = (n: number, qtype = 'ANY'): Q[] =>
    Array.from({ length: n }, (_, k) => ({ ts: T0 + k, query: `host${k}.example.com`, qtype }));

  it('reports query types outside the common set per source and type', () => {
    expect(run(any(2)).findings).toEqual([]);
    const [f] = of(run(any(3)), 'dns.rare-qtype');
    expect(f!.entities).toEqual({ src: HOST, qtype: 'ANY' });
    expect(f!.severity).toBe('medium');
    expect(f!.evidence).toMatchObject({ queries: 3, sourceQueries: 3, minRareQtypeQueries: 3 });
    expect(f!.evidence.sampleNames).toEqual(['host0.example.com', 'host1.example.com', 'host2.example.com']);
    expect(of(run(any(3, 'HINFO')), 'dns.rare-qtype')[0]!.severity).toBe('low');
    expect(run(any(3), cfg({ commonQtypes: ['a', 'any'] })).findings).toEqual([]);
    // With the common set narrowed, AAAA becomes rare.
    expect(of(run(any(3, 'AAAA'), cfg({ commonQtypes: ['A'] })), 'dns.rare-qtype')).toHaveLength(1);
    expect(run(any(5), cfg({ enableRareQtype: false })).findings).toEqual([]);
    expect(run(any(5), cfg({ minRareQtypeQueries: 6 })).findings).toEqual([]);
  });

  it("reads Zeek's * as ANY and skips NetBIOS, mDNS and LLMNR records", () => {
    const [f] = of(run(any(3, '*')), 'dns.rare-qtype');
    expect(f!.entities.qtype).toBe('ANY');
    expect(run(any(10).map((q) => ({ ...q, query: 'printer.local.' })))).toMatchObject({ findings: [] });
    for (const port of [137, 5353, 5355]) {
      const other = any(20, port === 137 ? 'NBSTAT' : 'ANY').map((q) => ({ ...q, port }));
      expect(run(other).findings).toEqual([]);
    }
  });

  it('takes the type from its number when the name is missing, and bounds the types per source', () => {
    const qs: Q[] = [
      ...Array.from({ length: 3 }, (_, k) => ({ ts: T0 + k, qtype: null, qtypeNum: 255 })),
      ...Array.from({ length: 3 }, (_, k) => ({ ts: T0 + 10 + k, qtype: '-', qtypeNum: 4242 })),
    ];
    expect(
      run(qs)
        .findings.map((f) => f.entities.qtype)
        .sort(),
    ).toEqual(['ANY', 'TYPE4242']);
    // 20 rare types: 16 kept by name, the rest folded into OTHER.
    const many = Array.from({ length: 20 * 3 }, (_, k) => ({ ts: T0 + k, qtype: `X${Math.floor(k / 3)}` }));
    const found = of(run(many), 'dns.rare-qtype');
    expect(found).toHaveLength(17);
    expect(found.find((f) => f.entities.qtype === 'OTHER')!.evidence.queries).toBe(12);
  });
});

describe('dns.nxdomain', () => {
  it('reports many NXDOMAIN answers over many names, at a high rate', () => {
    const qs: Q[] = Array.from({ length: 120 }, (_, k) => ({
      ts: T0 + k * 10,
      query: k % 2 === 0 ? `missing${k}.corp.example` : 'www.example.com',
      rcode: k % 2 === 0 ? 'NXDOMAIN' : 'NOERROR',
    }));
    const [f] = of(run(qs), 'dns.nxdomain');
    expect(f!.entities).toEqual({ src: HOST });
    expect(f!.attack).toBe('T1568');
    expect(f!.evidence).toMatchObject({
      nxdomain: 60,
      queries: 120,
      rate: 0.5,
      distinctNames: 60,
      distinctExact: true,
    });
    expect((f!.evidence.sampleNames as string[]).length).toBe(5);
    expect(of(run(qs, cfg({ minNxdomain: 61 })), 'dns.nxdomain')).toEqual([]);
    expect(of(run(qs, cfg({ minNxdomainRate: 0.6 })), 'dns.nxdomain')).toEqual([]);
    expect(of(run(qs, cfg({ minNxdomainNames: 61 })), 'dns.nxdomain')).toEqual([]);
    expect(of(run(qs, cfg({ enableNxdomain: false })), 'dns.nxdomain')).toEqual([]);
  });

  it('never counts more distinct names than NXDOMAIN answers, and marks an estimate', () => {
    // Pick a size whose bottom-k estimate (k = 256) overshoots, as fierce's 1 593 answers did
    // (1 759 "distinct names" before the clamp).
    const name = (k: number) => `guess${k}.corp.example`;
    let n = 300;
    for (; n < 3_000; n += 7) {
      const d = new Distinct(256);
      for (let k = 0; k < n; k++) d.add(hash53(name(k), NAME_SEED));
      if (d.count() > n) break;
    }
    expect(n).toBeLessThan(3_000);
    const qs: Q[] = Array.from({ length: n }, (_, k) => ({
      ts: T0 + k * 0.1,
      query: name(k),
      rcode: 'NXDOMAIN',
    }));
    const [f] = of(run(qs), 'dns.nxdomain');
    expect(f!.evidence).toMatchObject({ nxdomain: n, distinctNames: n, distinctExact: false });
    expect(f!.summary).toContain(`(≈ ${n} distinct names)`);
  });

  it('does not report one name failing again and again (wpad), and reads a numeric rcode', () => {
    const wpad = Array.from({ length: 200 }, (_, k) => ({
      ts: T0 + k,
      query: 'wpad.corp.example',
      rcode: 'NXDOMAIN',
    }));
    expect(run(wpad).findings).toEqual([]);
    const numeric = Array.from({ length: 60 }, (_, k) => ({
      ts: T0 + k,
      query: `gone${k}.corp.example`,
      rcode: null,
      rcodeNum: 3,
    }));
    const [f] = of(run(numeric), 'dns.nxdomain');
    expect(f!.evidence.nxdomain).toBe(60);
    expect(f!.severity).toBe('low');
  });
});

describe('dns.dga', () => {
  const dga = (n: number, rcode = 'NXDOMAIN', seed = 9): Q[] => {
    const rnd = prng(seed);
    return Array.from({ length: n }, (_, k) => ({
      ts: T0 + k * 30,
      query: `${randomText(rnd, 12 + (k % 6), 'abcdefghijklmnopqrstuvwxyz')}.${['com', 'net', 'org', 'info'][k % 4]}`,
      rcode,
    }));
  };

  it('reports algorithmic-looking domains that mostly do not exist', () => {
    const [f] = of(run(dga(40)), 'dns.dga');
    expect(f).toBeDefined();
    expect(f!.attack).toBe('T1568.002');
    expect(f!.evidence.nxdomainDomains as number).toBeGreaterThanOrEqual(8);
    expect(f!.evidence.nxShare).toBe(1);
    expect((f!.evidence.sampleDomains as string[]).length).toBe(5);
    // Resolving names are not a DGA finding.
    expect(of(run(dga(40, 'NOERROR')), 'dns.dga')).toEqual([]);
    // Mostly resolving: the NXDOMAIN share is too low.
    const mixed = [...dga(20), ...dga(40, 'NOERROR', 10)].sort(byTs);
    expect(of(run(mixed), 'dns.dga')).toEqual([]);
    expect(of(run(mixed, cfg({ minDgaNxShare: 0.1 })), 'dns.dga')).toHaveLength(1);
    expect(of(run(dga(40), cfg({ enableDga: false })), 'dns.dga')).toEqual([]);
    expect(of(run(dga(3)), 'dns.dga')).toEqual([]);
  });

  it('grades severity by how many domains failed', () => {
    expect(of(run(dga(200)), 'dns.dga')[0]!.severity).toBe('high');
    expect(of(run(dga(15)), 'dns.dga')[0]!.severity).toBe('medium');
  });

  it('judges labels: words and brands are not algorithmic, random strings are', () => {
    const words = [
      'facebook',
      'googleapis',
      'microsoftonline',
      'stackoverflow',
      'windowsupdate',
      'googletagmanager',
      'googleusercontent',
      'akamaitechnologies',
      'cloudflare',
      'salesforce',
      'wikipedia',
      'amazonaws',
      'digicert',
      'office365',
      'ycombinator',
      'belcordanfin',
      'xn--bcher-kva',
    ];
    for (const w of words) expect(labelTraits(w).algorithmic, w).toBe(false);
    const randoms = ['xjwqkvbnmtpl', 'qzkxwvbnrtpl', 'a8f3c9e1d7b2', 'kq7zm2wxp9', 'bcdfghjklmnp'];
    for (const r of randoms) expect(labelTraits(r).algorithmic, r).toBe(true);
    expect(labelTraits('short').algorithmic).toBe(false);
    expect(labelTraits('abc_defghijklm').algorithmic).toBe(false);
    const t = labelTraits('a8f3c9e1d7b2');
    expect(t.digitShare).toBe(0.5);
    expect(t.points).toBeGreaterThanOrEqual(2);
    expect(labelTraits('12345678').vowelShare).toBe(0);
  });
});

describe('what is observed', () => {
  it('reads TSV and JSON logs alike', () => {
    const qs = [
      ...tunnel(120),
      ...Array.from({ length: 4 }, (_, k) => ({ ts: T0 + k, query: 'x.example.com', qtype: 'ANY' })),
    ].sort(byTs);
    const a = run(qs);
    expect(a.findings.map((f) => `${f.detector} ${f.entities.qtype ?? ''}`).sort()).toEqual([
      'dns.rare-qtype ANY',
      'dns.rare-qtype NULL',
      'dns.tunnel ',
    ]);
    expect(run(qs, cfg(), { format: 'json' })).toEqual(a);
  });

  it('skips bad and missing fields without throwing', () => {
    const bad: Q[] = [
      { ts: T0, query: null },
      { ts: T0 + 1, query: '' },
      { ts: T0 + 2, query: '...' },
      { ts: T0 + 3, query: '192.0.2.1' },
      { ts: T0 + 4, query: '2001:db8::1', qtype: null, qtypeNum: null },
      { ts: T0 + 5, query: 'localhost', rcode: null, rcodeNum: null },
      { ts: T0 + 6, query: 'x..y', qtype: '' },
    ];
    expect(run(bad).findings).toEqual([]);
    expect(run(bad, cfg(), { format: 'json' }).findings).toEqual([]);
    // Records without the query column at all.
    const noQuery = tsv(tunnel(150)).replace('\tquery\t', '\tq\t');
    const analyzer = dnsAnalyzer.create(0, cfg());
    observeAll(analyzer, zeekViews(noQuery));
    expect(analyzer.finish().findings).toEqual([]);
  });

  it('ignores other record kinds and bad times', () => {
    const analyzer = dnsAnalyzer.create(0, cfg());
    observeAll(
      analyzer,
      connBatches(
        Array.from({ length: 10 }, (_, k) => ({ ts: T0 + k, orig: HOST, resp: RESOLVER })),
        4,
      ),
    );
    const conn = tsv(tunnel(150)).replace('#path\tdns', '#path\tconn');
    observeAll(analyzer, zeekViews(conn));
    const badTs = tsv(tunnel(150)).replace(/\n1700000\d+(\.\d+)?\t/g, '\nnope\t');
    observeAll(analyzer, zeekViews(badTs));
    expect(analyzer.finish().findings).toEqual([]);
  });

  it('counts each record once: an outside source querying a local server, via its originator copy', () => {
    const inbound = tunnel(150, { src: '198.51.100.7' });
    const views = zeekViews(tsv(inbound));
    const out = dnsAnalyzer.create(0, cfg());
    observeAll(out, views);
    const [f] = of(out.finish(), 'dns.tunnel');
    expect(f!.entities.src).toBe('198.51.100.7');
    expect(f!.evidence.queries).toBe(150);
  });

  it('handles IPv6 sources and a name-to-domain fallback', () => {
    const [f] = of(run(tunnel(120, { src: 'fd00::5' })), 'dns.tunnel');
    expect(f!.entities.src).toBe('fd00::5');
    expect(registeredDomain('a.b.pirate.sea')).toBe('pirate.sea');
    expect(registeredDomain('a.b.co.uk')).toBe('b.co.uk');
    expect(registeredDomain('x.y.blogspot.com')).toBe('y.blogspot.com');
    expect(registeredDomain('10.20.0.10.in-addr.arpa')).toBe('');
    expect(registeredDomain('arpa')).toBe('');
    expect(registeredDomain('192.0.2.1')).toBe('');
    expect(registeredDomain('localhost')).toBe('');
    expect(registeredDomain('')).toBe('');
    // tldts finds no domain under a bare suffix: the last two labels stand in.
    expect(registeredDomain('x.co.uk')).toBe('x.co.uk');
    expect(registeredDomain('co.uk')).toBe('co.uk');
  });
});

describe('bounded state', () => {
  it('estimates distinct subdomains beyond maxExactNames and counts what it dropped', () => {
    const out = run(tunnel(3000, { step: 0.1 }), cfg({ maxExactNames: 256 }));
    const [f] = of(out, 'dns.tunnel');
    expect(f!.evidence.uniqueExact).toBe(false);
    const est = f!.evidence.uniqueSubdomains as number;
    expect(est).toBeGreaterThan(3000 * 0.8);
    expect(est).toBeLessThanOrEqual(3000);
    expect(f!.severity).toBe('critical');
    expect(out.evictions.maxExactNames).toBeGreaterThan(0);
    expect(out.evictions.maxExactNames).toBeLessThan(3000);
    expect(Object.keys(out.evictions).sort()).toEqual([...DNS_EVICTION_NAMES].sort());
  });

  it('closes and reports the least recently touched entry at the cap', () => {
    const qs = [
      ...tunnel(120),
      ...tunnel(120, { apex: 'x.other.org', seed: 2, t0: T0 + 100 }),
      { ts: T0 + 200, query: 'www.third.com' },
    ];
    const out = run(qs, cfg({ maxDomainEntries: 2 }));
    expect(out.evictions.maxDomainEntries).toBe(1);
    expect(of(out, 'dns.tunnel').map((f) => f.entities.domain)).toEqual(['evilcorp.net', 'other.org']);
    const bySource = [
      ...Array.from({ length: 3 }, (_, k) => ({ ts: T0 + k, qtype: 'ANY', src: '10.0.0.7' })),
      ...Array.from({ length: 3 }, (_, k) => ({ ts: T0 + 10 + k, qtype: 'ANY', src: '10.0.0.8' })),
    ];
    const s = run(bySource, cfg({ maxSourceEntries: 1 }));
    expect(s.evictions.maxSourceEntries).toBe(1);
    expect(s.findings.map((f) => f.entities.src)).toEqual(['10.0.0.7', '10.0.0.8']);
  });

  it('counts distinct values exactly up to k, then estimates from the k smallest hashes', () => {
    const d = new Distinct(64);
    for (let k = 0; k < 64; k++) expect(d.add(hash53(`n${k}`))).toBe(1);
    expect(d.add(hash53('n0'))).toBe(0);
    expect(d.exact).toBe(true);
    expect(d.count()).toBe(64);
    let pushed = 0;
    for (let k = 64; k < 5000; k++) if (d.add(hash53(`n${k}`)) === 2) pushed++;
    expect(d.exact).toBe(false);
    expect(pushed).toBeGreaterThan(0);
    expect(d.count()).toBeGreaterThan(5000 * 0.6);
    expect(d.count()).toBeLessThan(5000 * 1.4);
    const again = new Distinct(64, d.hashes(), true);
    expect(again.count()).toBe(d.count());
    expect(hash53('abc')).toBe(hash53('abc'));
    expect(hash53('abc')).not.toBe(hash53('abd'));
    expect(hash53('abc', 1)).not.toBe(hash53('abc'));
  });
});

describe('determinism, snapshot and restore', () => {
  const rnd = prng(77);
  const qs: Q[] = [
    ...tunnel(900, { step: 4 }),
    ...tunnel(300, { src: '10.0.0.6', apex: 'x.other.org', seed: 4, step: 3 }),
    ...Array.from({ length: 400 }, (_, k) => ({
      ts: T0 + k * 9,
      src: '10.0.0.9',
      query: k % 3 === 0 ? `${randomText(rnd, 14, 'abcdefghijklmnopqrstuvwxyz')}.com` : `n${k}.corp.example`,
      rcode: k % 3 === 2 ? 'NOERROR' : 'NXDOMAIN',
      qtype: k % 50 === 0 ? 'ANY' : 'A',
    })),
    ...Array.from({ length: 10 }, (_, k) => ({
      ts: T0 + k * 5,
      src: '10.0.0.10',
      query: `${'b'.repeat(60)}${k}.example.com`,
    })),
  ].sort(byTs);
  const c = cfg({ maxExactNames: 128, maxDomainEntries: 3, maxSourceEntries: 3 });

  it('gives the same output for every batch split and for observeRows', () => {
    const base = run(qs, c, { batch: 64 });
    const kinds = new Set(base.findings.map((f) => f.detector));
    expect([...kinds].sort()).toEqual([
      'dns.dga',
      'dns.long-name',
      'dns.nxdomain',
      'dns.rare-qtype',
      'dns.tunnel',
    ]);
    for (const batch of [1, 7, 500, 10_000]) expect(run(qs, c, { batch })).toEqual(base);
    const analyzer = dnsAnalyzer.create(0, c);
    for (const view of zeekViews(tsv(qs), { batchRecords: 100 })) {
      analyzer.observeRows(
        view,
        Int32Array.from({ length: view.count }, (_, k) => k),
        0,
        view.count,
      );
    }
    expect(analyzer.finish()).toEqual(base);
  });

  it('restores an equivalent analyzer at every cut', () => {
    const base = run(qs, c, { batch: 97 });
    const batches: BatchView[] = zeekViews(tsv(qs), { batchRecords: 97 });
    for (const cut of [0, 1, 5, Math.floor(batches.length / 2), batches.length - 1, batches.length]) {
      const first = dnsAnalyzer.create(3, c);
      observeAll(first, batches.slice(0, cut));
      const second = dnsAnalyzer.restore(3, c, unpack(pack(first.snapshot())));
      observeAll(second, batches.slice(cut));
      expect(second.finish()).toEqual(base);
    }
  });

  it('rejects a foreign or mismatched snapshot', () => {
    const snap = dnsAnalyzer.create(1, cfg()).snapshot();
    expect(() => dnsAnalyzer.restore(2, cfg(), snap)).toThrow(/another virtual shard/);
    expect(() => dnsAnalyzer.restore(1, cfg(), { version: 99 })).toThrow(NetscryError);
    expect(() => dnsAnalyzer.restore(1, cfg(), null)).toThrow(/dns: not an analyzer snapshot/);
    expect(dnsAnalyzer.restore(1, cfg(), snap).finish()).toEqual({
      findings: [],
      partial: undefined,
      evictions: { maxDomainEntries: 0, maxSourceEntries: 0, maxExactNames: 0 },
    });
    expect(dnsAnalyzer.merge([undefined, undefined])).toBeUndefined();
    expect(dnsAnalyzer.name).toBe('dns');
  });
});

describe('helpers', () => {
  it('measures entropy and masks names', () => {
    expect(entropyOf([0, 0])).toBe(0);
    expect(entropyOf([1, 1, 1, 1])).toBe(2);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(maskName('www.example.com', 'example.com')).toBe('www.example.com');
    expect(maskName('example.com', 'example.com')).toBe('example.com');
    expect(maskName(`${'x'.repeat(30)}.example.com`, 'example.com', 4)).toBe('xxxx…(30).example.com');
    expect(maskName('anything', '')).toBe('anything');
  });
});

describe('configuration', () => {
  it('fills defaults and checks every key', () => {
    expect(validateDnsConfig()).toEqual(DEFAULT_DNS_CONFIG);
    expect(cfg({ commonQtypes: ['a', ' aaaa ', 'A'] }).commonQtypes).toEqual(['A', 'AAAA']);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return e instanceof NetscryError ? `${e.code}: ${e.message}` : String(e);
      }
      return undefined;
    };
    expect(code(() => cfg({ bogus: 1 }))).toMatch(/dns.bogus is not a dns option/);
    expect(code(() => cfg({ minEntropy: 9 }))).toMatch(/minEntropy must be a number from 0 to 8/);
    expect(code(() => cfg({ minUniqueSubdomains: 2.5 }))).toMatch(/whole number/);
    expect(code(() => cfg({ enableTunnel: 'yes' }))).toMatch(/true or false/);
    expect(code(() => validateDnsConfig(null))).toMatch(/must be an object/);
    expect(code(() => validateDnsConfig([]))).toMatch(/must be an object/);
    expect(code(() => cfg({ commonQtypes: 'A' }))).toMatch(
      /commonQtypes must be a list of non-empty strings/,
    );
    expect(code(() => cfg({ allowDomains: [''] }))).toMatch(/allowDomains must be a list/);
    expect(code(() => cfg({ allowDomains: [3] }))).toMatch(/allowDomains must be a list/);
    expect(code(() => cfg({ mediumUniqueSubdomains: 50 }))).toMatch(
      /mediumUniqueSubdomains must not be below/,
    );
    expect(code(() => cfg({ criticalUniqueSubdomains: 700 }))).toMatch(/criticalUniqueSubdomains/);
    expect(code(() => cfg({ minEntropy: 9 }))).toContain(ErrorCode.InvalidOption);
  });

  it('is on by default and validated by planRun', () => {
    const plan = planRun({ inputs: ['x.log'], actors: 0 });
    expect(plan.engine.detectors.some((d) => d.name === 'dns')).toBe(true);
    const custom = planRun({ inputs: ['x.log'], actors: 0, detectors: { dns: { windowSeconds: 600 } } });
    const dns = custom.engine.detectors.find((d) => d.name === 'dns')?.config as DnsConfig;
    expect(dns.windowSeconds).toBe(600);
    expect(() => planRun({ inputs: ['x.log'], actors: 0, detectors: { dns: { minEntropy: -1 } } })).toThrow(
      /dns.minEntropy/,
    );
  });
});
