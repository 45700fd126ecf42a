/** Suppress rules as an analyst writes them: what each track and detector pattern drops, and what not. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { type Finding, makeFinding } from '../../src/detect/finding.js';
import { generate } from '../../src/generate/index.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import {
  applySuppression,
  compileSuppressRules,
  parseSuppressFile,
  type SuppressRuleInput,
} from '../../src/triage/suppress.js';

function finding(detector: string, entities: Finding['entities'], firstTs = 1000): Finding {
  return makeFinding({
    detector,
    attack: '',
    severity: 'high',
    confidence: 0.9,
    firstTs,
    lastTs: firstTs + 60,
    entities,
    evidence: {},
    summary: detector,
  });
}

/** Which of `findings` the rules in `text` suppress (by detector, in order). */
function suppressed(text: string, findings: readonly Finding[]): string[] {
  const { findings: kept } = applySuppression(
    findings,
    compileSuppressRules(parseSuppressFile(text, 'rules')),
  );
  return findings.filter((f) => !kept.includes(f)).map((f) => f.detector);
}

function errorOf(fn: () => unknown): NetscryError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NetscryError);
    return e as NetscryError;
  }
  throw new Error('expected an error');
}

describe('suppress file syntax', () => {
  it('reads one rule per line; comments, blank lines and CRLF are fine', () => {
    const rules = parseSuppressFile(
      '# known good\r\n\r\nscan src 10.1.1.5   # the vulnerability scanner\r\n  exfil,beacon\tdst\t203.0.113.0/24\n',
      'allow.txt',
    );
    expect(rules).toEqual([
      { detector: 'scan', track: 'src', value: '10.1.1.5', source: 'allow.txt:3' },
      { detector: 'exfil,beacon', track: 'dst', value: '203.0.113.0/24', source: 'allow.txt:4' },
    ]);
    expect(compileSuppressRules(rules).map((r) => r.text)).toEqual([
      'scan src 10.1.1.5',
      'exfil,beacon dst 203.0.113.0/24',
    ]);
  });

  it.each([
    ['scan src', /allow\.txt:2: .*expected '<detector> <track> <value>', got 2 field/],
    ['scan src 10.0.0.1 extra', /got 4 field/],
    ['scna src 10.0.0.1', /allow\.txt:2: .*unknown detector 'scna'/],
    ['scan from 10.0.0.1', /unknown track 'from'/],
    ['scan src 10.0.0.300', /'10\.0\.0\.300' is not an address or a network/],
    ['scan src 10.0.0.0/33', /not an address or a network/],
    ['beacon name exa mple', /got 4 field/],
    ['beacon name *', /'\*' is not a host name/],
    ['beacon name a..b', /not a host name/],
    ['beacon name 10.0.0.0/8', /not a host name/],
  ])('refuses %j, naming the file and line', (line, message) => {
    const e = errorOf(() => parseSuppressFile(`# header\n${line}\n`, 'allow.txt'));
    expect(e.code).toBe(ErrorCode.InvalidOption);
    expect(e.message).toMatch(message);
  });

  it('refuses library rules that are not rules', () => {
    for (const bad of [
      null,
      { detector: 1, track: 'src', value: '10.0.0.1' },
      { detector: 'scan', track: 'by_src', value: '10.0.0.1' },
    ]) {
      const e = errorOf(() => compileSuppressRules([bad as unknown as SuppressRuleInput]));
      expect(e.code).toBe(ErrorCode.InvalidOption);
    }
    // A library rule is named by its place in the list.
    const ok = { detector: 'scan', track: 'src', value: '10.0.0.1' } as const;
    const e = errorOf(() => compileSuppressRules([ok, { ...ok, value: '10.0.0' }]));
    expect(e.message).toBe(
      "suppress[1]: suppress rule: '10.0.0' is not an address or a network in CIDR notation",
    );
    expect(compileSuppressRules([ok])[0]!.source).toBe('suppress[0]');
  });

  it('fuzz: any text either parses or fails with InvalidOption, and parsing goes on working', () => {
    const alphabet = fc.constantFrom(
      ...'scan exfil beacon anomaly * , src dst either name 10.0.0.1/8 ::1 *.a.b # \n\t '.split(''),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 80 })), (text) => {
        try {
          const rules = compileSuppressRules(parseSuppressFile(text, 'f'));
          const { report } = applySuppression([finding('scan.trw', { src: '10.0.0.1' })], rules);
          expect(report?.rules.length ?? 0).toBe(rules.length);
        } catch (e) {
          expect(e).toBeInstanceOf(NetscryError);
          expect((e as NetscryError).code).toBe(ErrorCode.InvalidOption);
        }
      }),
      { numRuns: 500 },
    );
    expect(parseSuppressFile('scan src 10.0.0.1', 'f')).toHaveLength(1);
  });
});

describe('what a rule suppresses', () => {
  const scanner = finding('scan.horizontal', { src: '10.1.1.5', port: '445', proto: 'tcp' });
  const trw = finding('scan.trw', { src: '10.1.1.5' });
  const backup = finding('exfil.upload', {
    src: '10.20.0.7',
    dst: '203.0.113.9',
    server: 'vault.backup.example',
  });
  const icmp = finding('exfil.icmp-tunnel', { src: '10.20.0.7', dst: '203.0.113.9', proto: 'icmp' });
  const cdn = finding('beacon.domain', {
    src: '10.20.0.8',
    domain: 'telemetry.Vendor.example.',
    dst: ['198.18.0.1', '198.18.9.9'],
  });
  const subnet = finding('anomaly.volume', { src: '10.20.1.0/24', subnet: '10.20.1.0/24', kind: 'subnet' });
  const v6 = finding('scan.vertical', { src: 'fd00::17', dst: '2001:db8::5', proto: 'tcp' });
  const fanout = finding('lateral.admin-fanout', { src: '10.20.0.58', targets: ['10.10.0.1', '10.10.0.2'] });
  const mismatch = finding('protocol.port-mismatch', { src: ['10.20.0.1', '10.30.0.1'], dst: '203.0.113.7' });
  const http = finding('protocol.http', { src: '10.20.0.86', dst: ['billing.example.com'] });
  const all = [scanner, trw, backup, icmp, cdn, subnet, v6, fanout, mismatch, http];

  it('src: the acting address, a subnet within the rule, or every one of several', () => {
    expect(suppressed('scan src 10.1.1.5', all)).toEqual(['scan.horizontal', 'scan.trw']);
    expect(suppressed('* src 10.20.0.0/16', all)).toEqual([
      'exfil.upload',
      'exfil.icmp-tunnel',
      'beacon.domain',
      'anomaly.volume',
      'lateral.admin-fanout',
      'protocol.http',
    ]);
    // A /25 does not cover the /24 subnet; one of the two port-mismatch sources is outside.
    expect(suppressed('anomaly src 10.20.1.0/25', all)).toEqual([]);
    expect(suppressed('protocol src 10.0.0.0/8', all)).toEqual(['protocol.port-mismatch', 'protocol.http']);
    expect(suppressed('scan src fd00::/8', all)).toEqual(['scan.vertical']);
    expect(suppressed('scan src ::ffff:10.1.1.0/120', all)).toEqual(['scan.horizontal', 'scan.trw']);
  });

  it('dst: addresses among the destinations and targets; a finding without one is not matched', () => {
    expect(suppressed('exfil dst 203.0.113.0/24', all)).toEqual(['exfil.upload', 'exfil.icmp-tunnel']);
    expect(suppressed('* dst 10.10.0.1', all)).toEqual([]);
    expect(suppressed('* dst 10.10.0.0/30', all)).toEqual(['lateral.admin-fanout']);
    expect(suppressed('* dst 198.18.0.0/15', all)).toEqual(['beacon.domain']);
    expect(suppressed('scan dst 0.0.0.0/0', all)).toEqual([]);
    expect(suppressed('scan dst ::/0', all)).toEqual(['scan.vertical']);
  });

  it('either: the source or the destinations', () => {
    expect(suppressed('* either 203.0.113.9', all)).toEqual(['exfil.upload', 'exfil.icmp-tunnel']);
    expect(suppressed('scan either 10.1.1.5', all)).toEqual(['scan.horizontal', 'scan.trw']);
  });

  it('name: domains, servers and named destinations; *. also takes the name itself', () => {
    expect(suppressed('beacon name *.vendor.example', all)).toEqual(['beacon.domain']);
    expect(suppressed('beacon name vendor.example', all)).toEqual([]);
    expect(suppressed('beacon name TELEMETRY.vendor.example.', all)).toEqual(['beacon.domain']);
    expect(suppressed('* name *.backup.example', all)).toEqual(['exfil.upload']);
    expect(suppressed('* name *.vault.backup.example', all)).toEqual(['exfil.upload']);
    expect(suppressed('* name *.ackup.example', all)).toEqual([]);
    expect(suppressed('protocol name billing.example.com', all)).toEqual(['protocol.http']);
  });

  it('detector patterns: a detector by what it produces, a family, a kind, lists', () => {
    const any = '10.0.0.0/8';
    expect(suppressed(`baseline src ${any}`, all)).toEqual(['anomaly.volume']);
    expect(suppressed(`icmp src ${any}`, all)).toEqual(['exfil.icmp-tunnel']);
    expect(suppressed(`exfil src ${any}`, all)).toEqual(['exfil.upload', 'exfil.icmp-tunnel']);
    expect(suppressed(`exfil.upload src ${any}`, all)).toEqual(['exfil.upload']);
    expect(suppressed(`scan.horizontal,lateral src ${any}`, all)).toEqual([
      'scan.horizontal',
      'lateral.admin-fanout',
    ]);
    expect(suppressed(`scan.horizontal.x src ${any}`, all)).toEqual([]);
  });

  it('counts each suppressed finding once, by the first rule that matches, and lists idle rules', () => {
    const rules = compileSuppressRules(
      parseSuppressFile('scan src 10.1.1.5\n* src 10.0.0.0/8\n* src 192.168.0.0/16\n', 'r'),
    );
    const { findings, report } = applySuppression(all, rules);
    expect(findings).toEqual([v6]);
    expect(report).toEqual({
      total: 9,
      rules: [
        { rule: 'scan src 10.1.1.5', source: 'r:1', findings: 2 },
        { rule: '* src 10.0.0.0/8', source: 'r:2', findings: 7 },
        { rule: '* src 192.168.0.0/16', source: 'r:3', findings: 0 },
      ],
    });
    expect(applySuppression(all, [])).toEqual({ findings: all, report: undefined });
    // Rules on the same network take their findings in order too.
    const twice = applySuppression(
      all,
      compileSuppressRules(parseSuppressFile('lateral src 10.1.1.5\nscan src 10.1.1.5\n', 'r')),
    );
    expect(twice.report!.rules.map((r) => r.findings)).toEqual([0, 2]);
  });

  it('property: the indexed rules decide as trying each rule in order would', () => {
    const octet = fc.integer({ min: 0, max: 3 });
    const v4 = fc.tuple(octet, octet).map(([a, b]) => `10.${a}.${b}.7`);
    const v6 = fc.tuple(octet, octet).map(([a, b]) => `fd00:${a}::${b}`);
    const address = fc.oneof(v4, v6);
    const network = fc.oneof(
      address,
      fc.tuple(octet, octet, fc.constantFrom(8, 16, 24, 30)).map(([a, b, p]) => `10.${a}.${b}.0/${p}`),
      fc.tuple(octet, fc.constantFrom(16, 32, 120)).map(([a, p]) => `fd00:${a}::/${p}`),
      fc.constant('::/0'),
    );
    const name = fc
      .tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('x.example', 'example', 'y.test'))
      .map(([l, d]) => `${l}.${d}`);
    const rule = fc.oneof(
      fc.record({
        detector: fc.constantFrom('*', 'scan', 'exfil.upload', 'beacon'),
        track: fc.constantFrom('src' as const, 'dst' as const, 'either' as const),
        value: network,
      }),
      fc.record({
        detector: fc.constantFrom('*', 'beacon', 'exfil'),
        track: fc.constant('name' as const),
        value: fc.oneof(
          name,
          name.map((n) => `*.${n.slice(2)}`),
          fc.constantFrom('*.example', '*.test'),
        ),
      }),
    );
    const list = (arb: fc.Arbitrary<string>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));
    const found = fc
      .record({
        detector: fc.constantFrom('scan.horizontal', 'exfil.upload', 'beacon.domain'),
        src: list(address),
        dst: fc.option(list(fc.oneof(address, name)), { nil: undefined }),
        domain: fc.option(name, { nil: undefined }),
      })
      .map(({ detector, src, dst, domain }) =>
        finding(detector, {
          src,
          ...(dst === undefined ? {} : { dst }),
          ...(domain === undefined ? {} : { domain }),
        }),
      );
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 40 }),
        fc.array(found, { maxLength: 20 }),
        (inputs, findings) => {
          const rules = compileSuppressRules(inputs);
          const firstRule = findings.map((f) =>
            rules.findIndex((r) => applySuppression([f], [r]).findings.length === 0),
          );
          const { findings: kept, report } = applySuppression(findings, rules);
          expect(kept).toEqual(findings.filter((_, k) => firstRule[k] === -1));
          expect(report?.rules.map((r) => r.findings) ?? []).toEqual(
            rules.map((_, k) => firstRule.filter((x) => x === k).length),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('analyze with suppress rules', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netscry-suppress-'));
    await generate({ out: join(dir, 'gen'), hosts: 30, hours: 6, seed: 5 });
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('drops exactly the matched findings, counts them in the summary, same for 0 and 2 actors', async () => {
    const inputs = ['conn', 'dns', 'http', 'ssl', 'dhcp'].map((l) => join(dir, 'gen', `${l}.log`));
    const plain = await analyze({ inputs, actors: 0 });
    const exfil = plain.findings.find((f) => f.detector.startsWith('exfil.'));
    const scan = plain.findings.find((f) => f.detector.startsWith('scan.'));
    expect(exfil).toBeDefined();
    expect(scan).toBeDefined();
    const suppress: SuppressRuleInput[] = [
      { detector: 'exfil', track: 'dst', value: exfil!.entities.dst as string },
      { detector: '*', track: 'src', value: scan!.entities.src as string },
    ];
    const expected = applySuppression(plain.findings, compileSuppressRules(suppress));
    expect(expected.report!.rules.every((r) => r.findings > 0)).toBe(true);
    for (const actors of [0, 2]) {
      const run = await analyze({ inputs, actors, suppress });
      expect(run.findings).toEqual(expected.findings);
      expect(run.summary.suppressed).toEqual(expected.report);
      expect(run.summary.findings.total).toBe(plain.findings.length - expected.report!.total);
    }
    expect(plain.summary.suppressed).toBeUndefined();
  }, 120_000);
});
