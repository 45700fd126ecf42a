import { pack, unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import type { AnalyzerFactory, ShardOutput } from '../../src/detect/analyzer.js';
import {
  AUTH_EVICTION_NAMES,
  type AuthConfig,
  authAnalyzer,
  DEFAULT_AUTH_CONFIG,
  DEFAULT_LATERAL_CONFIG,
  LATERAL_EVICTION_NAMES,
  type LateralConfig,
  lateralAnalyzer,
  maskUser,
  serviceOfField,
  validateAuthConfig,
  validateLateralConfig,
} from '../../src/detect/auth.js';
import type { Finding } from '../../src/detect/finding.js';
import { detectorNamed } from '../../src/detect/registry.js';
import { NetscryError } from '../../src/shared/errors.js';
import type { BatchView } from '../../src/shared/record.js';
import { RecordKind } from '../../src/shared/record.js';
import { type ConnSpec, connBatches, observeAll } from '../helpers/records.js';
import { zeekTsvText } from '../helpers/zeek-text.js';
import { zeekViews } from '../helpers/zeek-views.js';

const cfg = (over: Partial<AuthConfig> = {}): AuthConfig => validateAuthConfig(over);

function runViews(views: readonly BatchView[], config: AuthConfig = cfg()): ShardOutput {
  const analyzer = authAnalyzer.create(0, config);
  observeAll(analyzer, views);
  return analyzer.finish();
}

const run = (specs: readonly ConnSpec[], config: AuthConfig = cfg(), sizes: number | number[] = 64) =>
  runViews(connBatches(specs, sizes), config);

const lcfg = (over: Partial<LateralConfig> = {}): LateralConfig => validateLateralConfig(over);
const runL = (specs: readonly ConnSpec[], config: LateralConfig = lcfg(), sizes: number | number[] = 64) => {
  const analyzer = lateralAnalyzer.create(0, config);
  observeAll(analyzer, connBatches(specs, sizes));
  return analyzer.finish();
};

const of = (out: ShardOutput, detector: string): Finding[] =>
  out.findings.filter((f) => f.detector === detector);

const ATTACKER = '10.0.5.66';
const SERVER = '10.10.0.40';
const T0 = 1_700_000_000;

/** Overrides; an explicit undefined unsets the field. */
type Over = { [K in keyof ConnSpec]?: ConnSpec[K] | undefined };
const clean = (spec: Over): ConnSpec =>
  Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as unknown as ConnSpec;

let uidSeq = 0;
/** A failed-looking SSH login: completed, 2 s, server sent ~2.1 KB. */
const ssh = (ts: number, over: Over = {}): ConnSpec =>
  clean({
    ts,
    orig: ATTACKER,
    origPort: 40_000 + (uidSeq % 20_000),
    resp: SERVER,
    respPort: 22,
    proto: 'tcp',
    state: 'SF',
    history: 'ShAdDaFf',
    duration: 2.1,
    origBytes: 1_500 + (uidSeq % 7),
    respBytes: 2_100 + (uidSeq % 13),
    service: 'ssh',
    uid: `C${(uidSeq++).toString(36).padStart(8, '0')}`,
    ...over,
  });

/** n sessions `gap` seconds apart from `t0`. */
const series = (n: number, gap: number, t0 = T0, over: Over = {}): ConnSpec[] =>
  Array.from({ length: n }, (_, k) => ssh(t0 + k * gap, over));

describe('options', () => {
  it('fills defaults, refuses unknown and bad keys and a fan-out above the known-target cap', () => {
    expect(cfg()).toEqual(DEFAULT_AUTH_CONFIG);
    expect(DEFAULT_AUTH_CONFIG.threshold).toBe(30);
    expect(DEFAULT_AUTH_CONFIG.windowSeconds).toBe(1_800);
    expect(DEFAULT_AUTH_CONFIG.maxRespBytes).toBe(5_500);
    expect(() => cfg({ threshold: 1 })).toThrow(/auth\.threshold/);
    expect(() => validateAuthConfig({ nope: 1 } as never)).toThrow(NetscryError);
    expect(lcfg()).toEqual(DEFAULT_LATERAL_CONFIG);
    expect(() => lcfg({ minTargets: 20, maxKnownTargets: 10 })).toThrow(/lateral\.minTargets/);
    expect(() => validateLateralConfig({ threshold: 3 } as never)).toThrow(/not a lateral option/);
    const entry = detectorNamed('auth');
    expect(entry?.defaultOn).toBe(true);
    expect(entry?.validate({})).toEqual(DEFAULT_AUTH_CONFIG);
    expect(detectorNamed('lateral')?.defaultOn).toBe(true);
    expect(detectorNamed('lateral')?.validate({})).toEqual(DEFAULT_LATERAL_CONFIG);
  });

  it('names services from the conn service field and masks user names', () => {
    expect(serviceOfField('ssh')).toBe('ssh');
    expect(serviceOfField('gssapi,smb')).toBe('smb');
    expect(serviceOfField('krb_tcp')).toBe('kerberos');
    expect(serviceOfField('ssl,http')).toBeUndefined();
    expect(serviceOfField('')).toBeUndefined();
    expect(maskUser('administrator')).toBe('ad***********');
    expect(maskUser('ab')).toBe('**');
    expect(maskUser('x'.repeat(40))).toHaveLength(16);
  });
});

describe('auth.bruteforce from connections', () => {
  it('reports 30 failed-looking SSH sessions in 30 minutes, with the numbers behind it', () => {
    const out = run(series(30, 50));
    expect(out.findings).toHaveLength(1);
    const [f] = of(out, 'auth.bruteforce');
    expect(f!.attack).toBe('T1110');
    expect(f!.severity).toBe('medium');
    expect(f!.entities).toEqual({ src: ATTACKER, service: 'ssh', targets: [SERVER], dst: SERVER });
    expect(f!.evidence.basis).toBe('conn');
    expect(f!.evidence.pattern).toBe('single');
    expect(f!.evidence.attempts).toBe(30);
    expect(f!.evidence.threshold).toBe(30);
    expect(f!.evidence.windowSeconds).toBe(1_800);
    expect(f!.evidence.distinctTargets).toBe(1);
    expect(f!.evidence.topTargets).toEqual({ [SERVER]: 30 });
    expect(f!.evidence.ports).toEqual([22]);
    expect(f!.evidence.medianRespBytes as number).toBeGreaterThan(2_099);
    expect(f!.evidence.rule).toEqual({
      maxDurationSeconds: 30,
      maxRespBytes: 5_500,
      maxBytesDispersion: 0.5,
    });
    expect((f!.evidence.sampleUids as string[]).length).toBe(10);
    expect(f!.firstTs).toBe(T0);
    expect(f!.lastTs).toBe(T0 + 29 * 50);
    expect(f!.summary).toContain('30 failed-looking sessions (ssh)');
  });

  it('needs the threshold within the window', () => {
    expect(run(series(29, 50)).findings).toEqual([]);
    // 30 sessions over 31 minutes: never 30 within 30 minutes.
    expect(run(series(30, 64)).findings).toEqual([]);
    expect(run(series(10, 50), cfg({ threshold: 10 })).findings).toHaveLength(1);
    expect(run(series(30, 100), cfg({ windowSeconds: 3_600 })).findings).toHaveLength(1);
  });

  it('extends one episode while failures continue and splits after a quiet window', () => {
    const first = series(100, 15);
    const second = series(40, 20, T0 + 99 * 15 + 1_801);
    const out = run([...first, ...second]);
    const found = of(out, 'auth.bruteforce');
    expect(found.map((f) => f.evidence.attempts)).toEqual([100, 40]);
    expect(found[0]!.confidence).toBe(0.8);
    expect(found[1]!.confidence).toBe(0.7);
  });

  it('counts SSH on a non-standard port when the service field says ssh, not otherwise', () => {
    const named = series(30, 30, T0, { respPort: 2222 });
    const [f] = of(run(named), 'auth.bruteforce');
    expect(f!.evidence.ports).toEqual([2222]);
    expect(f!.entities.service).toBe('ssh');
    expect(run(series(30, 30, T0, { respPort: 2222, service: undefined })).findings).toEqual([]);
    expect(run(series(30, 30, T0, { respPort: 2222, service: 'ssl' })).findings).toEqual([]);
    // Other login services by port.
    for (const [port, service] of [
      [3389, 'rdp'],
      [445, 'smb'],
      [5985, 'winrm'],
      [23, 'telnet'],
      [21, 'ftp'],
    ] as const) {
      const [g] = run(series(30, 30, T0, { respPort: port, service: undefined })).findings;
      expect(g!.entities.service).toBe(service);
    }
  });

  it('does not count probes, refusals, long or big sessions, or dissimilar sizes', () => {
    expect(run(series(40, 10, T0, { respBytes: 0 })).findings).toEqual([]);
    expect(run(series(40, 10, T0, { state: 'S0', history: 'S', respBytes: undefined })).findings).toEqual([]);
    expect(run(series(40, 10, T0, { state: 'REJ', history: 'Sr', respBytes: 0 })).findings).toEqual([]);
    expect(run(series(40, 10, T0, { duration: 45 })).findings).toEqual([]);
    expect(run(series(40, 10, T0, { respBytes: 8_000 })).findings).toEqual([]);
    expect(run(series(40, 10, T0, { proto: 'udp' })).findings).toEqual([]);
    const mixed = series(40, 10).map((s, k) => ({ ...s, respBytes: k % 2 === 0 ? 600 : 4_000 }));
    expect(run(mixed).findings).toEqual([]);
    expect(run(mixed, cfg({ maxBytesDispersion: 10 })).findings).toHaveLength(1);
    // A duration Zeek left unset does not disqualify a session.
    expect(run(series(30, 10, T0, { duration: undefined })).findings).toHaveLength(1);
    expect(run(series(30, 10), cfg({ enableConnHeuristic: false })).findings).toEqual([]);
  });

  it('keeps kerberos to small replies (a ticket reply is no failure)', () => {
    const tickets = series(40, 10, T0, { respPort: 88, service: 'krb_tcp', respBytes: 1_500 });
    expect(run(tickets).findings).toEqual([]);
    const errors = series(40, 10, T0, { respPort: 88, service: 'krb_tcp', respBytes: 180 });
    const [f] = run(errors).findings;
    expect(f!.entities.service).toBe('kerberos');
    expect((f!.evidence.rule as { maxRespBytes: number }).maxRespBytes).toBe(400);
  });

  it('raises the severity when a successful-looking session follows', () => {
    const specs = [...series(35, 20), ssh(T0 + 35 * 20, { respBytes: 90_000, duration: 600, uid: 'Cwin' })];
    const [f] = run(specs).findings;
    expect(f!.severity).toBe('high');
    expect(f!.evidence.likelySuccesses).toBe(1);
    expect(f!.evidence.successUids).toEqual(['Cwin']);
    expect(f!.summary).toContain('1 likely successful');
    // A big session before any episode is just a session.
    const before = [ssh(T0 - 10, { respBytes: 90_000 }), ...series(35, 20)];
    expect(run(before).findings[0]!.severity).toBe('medium');
  });

  it('reports a spray across hosts as auth.spray (T1110.003)', () => {
    const specs = series(40, 20).map((s, k) => ({ ...s, resp: `10.10.1.${10 + (k % 8)}` }));
    const out = run(specs);
    expect(of(out, 'auth.bruteforce')).toEqual([]);
    const [f] = of(out, 'auth.spray');
    expect(f!.attack).toBe('T1110.003');
    expect(f!.evidence.pattern).toBe('hosts');
    expect(f!.evidence.distinctTargets).toBe(8);
    expect(f!.entities.dst).toBeUndefined();
    expect((f!.entities.targets as string[]).length).toBe(8);
    expect(f!.summary).toContain('to 8 hosts');
  });

  it('counts an inbound attacker once: on its originator-keyed copy', () => {
    const inbound = series(30, 30, T0, { orig: '198.51.100.7' });
    const copies = inbound.map((s) => ({ ...s, originView: true }));
    const both = inbound.flatMap((s, k) => [s, copies[k]!]);
    const [f] = run(both).findings;
    expect(f!.entities.src).toBe('198.51.100.7');
    expect(f!.evidence.attempts).toBe(30);
    expect(run(inbound).findings).toEqual([]);
  });

  it('ignores records without both addresses, with bad times, and other kinds', () => {
    const specs = series(30, 10);
    const noise: ConnSpec[] = [
      ...specs.map(({ resp: _r, ...rest }): ConnSpec => rest),
      ...specs.map((s) => ({ ...s, ts: Number.NaN })),
      ...specs.map((s) => ({ ...s, kind: RecordKind.Dns })),
    ];
    expect(run(noise).findings).toEqual([]);
    expect(run([]).findings).toEqual([]);
  });

  it('handles IPv6 sources', () => {
    const [f] = run(series(30, 10, T0, { orig: 'fd00::66', resp: 'fd00::40' })).findings;
    expect(f!.entities.src).toBe('fd00::66');
  });
});

// ─── auth records ───────────────────────────────────────────────────────────────────────────

const tsv = zeekTsvText;

const ID = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'];
const ID_T = ['time', 'string', 'addr', 'port', 'addr', 'port'];
const idRow = (k: number, src: string, dst: string, port: number, t0 = T0, gap = 20): string[] => [
  (t0 + k * gap).toFixed(6),
  `C${k.toString(36).padStart(6, '0')}`,
  src,
  String(40_000 + k),
  dst,
  String(port),
];

const sshLog = (rows: { success: string; attempts: string }[], src = '203.0.113.9', t0 = T0): string =>
  tsv(
    'ssh',
    [...ID, 'version', 'auth_success', 'auth_attempts'],
    [...ID_T, 'count', 'bool', 'count'],
    rows.map((r, k) => [...idRow(k, src, SERVER, 22, t0), '2', r.success, r.attempts]),
  );

describe('auth records', () => {
  it('counts ssh.log auth_success F weighted by auth_attempts', () => {
    const rows = Array.from({ length: 10 }, () => ({ success: 'F', attempts: '3' }));
    const [f] = runViews(zeekViews(sshLog(rows))).findings;
    expect(f!.detector).toBe('auth.bruteforce');
    expect(f!.evidence.basis).toBe('ssh');
    expect(f!.evidence.attempts).toBe(30);
    expect(f!.entities.src).toBe('203.0.113.9');
    expect(f!.entities.dst).toBe(SERVER);
    expect(f!.evidence.rule).toBeUndefined();
    expect(f!.confidence).toBe(0.9);
    expect(f!.summary).toContain('30 failed logins (ssh)');
    // Unknown outcomes and too few failures: nothing.
    const unknown = Array.from({ length: 40 }, () => ({ success: '-', attempts: '0' }));
    expect(runViews(zeekViews(sshLog(unknown))).findings).toEqual([]);
    const few = Array.from({ length: 29 }, () => ({ success: 'F', attempts: '-' }));
    expect(runViews(zeekViews(sshLog(few))).findings).toEqual([]);
    // A success after the failures.
    const won = [
      ...Array.from({ length: 30 }, () => ({ success: 'F', attempts: '1' })),
      { success: 'T', attempts: '1' },
    ];
    const [g] = runViews(zeekViews(sshLog(won))).findings;
    expect(g!.severity).toBe('high');
    expect(runViews(zeekViews(sshLog(won)), cfg({ enableAuthRecords: false })).findings).toEqual([]);
  });

  it('reports the ssh.log episode rather than the conn episode of the same sessions', () => {
    const src = '10.0.9.9';
    const conns = series(30, 20, T0, { orig: src });
    const log = sshLog(
      Array.from({ length: 30 }, () => ({ success: 'F', attempts: '1' })),
      src,
    );
    const a = authAnalyzer.create(0, cfg());
    observeAll(a, connBatches(conns, 64));
    observeAll(a, zeekViews(log));
    const out = a.finish();
    expect(out.findings.map((f) => f.evidence.basis)).toEqual(['ssh']);
  });

  it('counts kerberos credential errors, not PREAUTH_REQUIRED, and sprays of accounts', () => {
    const krb = (error: string, success: string, users: number): string =>
      tsv(
        'kerberos',
        [...ID, 'request_type', 'client', 'service', 'success', 'error_msg'],
        [...ID_T, 'string', 'string', 'string', 'bool', 'string'],
        Array.from({ length: 40 }, (_, k) => [
          ...idRow(k, '10.0.7.7', '10.10.0.10', 88),
          'AS',
          `user${k % users}/CORP.EXAMPLE`,
          'krbtgt/CORP.EXAMPLE',
          success,
          error,
        ]),
      );
    expect(runViews(zeekViews(krb('KDC_ERR_PREAUTH_REQUIRED', 'F', 1))).findings).toEqual([]);
    expect(runViews(zeekViews(krb('-', 'T', 1))).findings).toEqual([]);
    const [single] = runViews(zeekViews(krb('KDC_ERR_PREAUTH_FAILED', 'F', 1))).findings;
    expect(single!.detector).toBe('auth.bruteforce');
    expect(single!.evidence.basis).toBe('kerberos');
    expect(single!.evidence.distinctUsers).toBe(1);
    expect(single!.evidence.sampleUsers).toEqual(['us**************']);
    const [noMsg] = runViews(zeekViews(krb('-', 'F', 1))).findings;
    expect(noMsg!.evidence.attempts).toBe(40);
    // Ten accounts, four passwords each: guessing, not a spray.
    const [guess] = runViews(zeekViews(krb('KDC_ERR_PREAUTH_FAILED', 'F', 10))).findings;
    expect(guess!.detector).toBe('auth.bruteforce');
    expect(guess!.evidence.distinctUsers).toBe(10);
    expect(guess!.evidence.pattern).toBe('single');
    const [spray] = runViews(zeekViews(krb('KDC_ERR_C_PRINCIPAL_UNKNOWN', 'F', 40))).findings;
    expect(spray!.detector).toBe('auth.spray');
    expect(spray!.attack).toBe('T1110.003');
    expect(spray!.evidence.pattern).toBe('users');
    expect(spray!.evidence.distinctUsers).toBe(40);
    expect((spray!.evidence.sampleUsers as string[]).length).toBe(10);
    expect(JSON.stringify(spray)).not.toContain('user1/');
    expect(spray!.summary).toContain('40 accounts');
  });

  it('counts ntlm.log success F (and the older status field)', () => {
    const ntlm = (fields: string[], types: string[], value: string): string =>
      tsv(
        'ntlm',
        [...ID, 'username', ...fields],
        [...ID_T, 'string', ...types],
        Array.from({ length: 30 }, (_, k) => [...idRow(k, '10.0.8.8', '10.10.0.20', 445), 'alice', value]),
      );
    const [f] = runViews(zeekViews(ntlm(['success'], ['bool'], 'F'))).findings;
    expect(f!.evidence.basis).toBe('ntlm');
    expect(f!.entities.service).toBe('ntlm');
    expect(runViews(zeekViews(ntlm(['success'], ['bool'], 'T'))).findings).toEqual([]);
    expect(runViews(zeekViews(ntlm(['status'], ['string'], 'STATUS_LOGON_FAILURE'))).findings).toHaveLength(
      1,
    );
    expect(runViews(zeekViews(ntlm(['status'], ['string'], 'SUCCESS'))).findings).toEqual([]);
    expect(runViews(zeekViews(ntlm(['hostname'], ['string'], 'WS1'))).findings).toEqual([]);
  });

  it('counts radius.log failures', () => {
    const log = (result: string): string =>
      tsv(
        'radius',
        [...ID, 'username', 'result'],
        [...ID_T, 'string', 'string'],
        Array.from({ length: 30 }, (_, k) => [...idRow(k, '10.0.3.3', '10.10.0.50', 1812), 'bob', result]),
      );
    expect(runViews(zeekViews(log('failed'))).findings).toHaveLength(1);
    expect(runViews(zeekViews(log('success'))).findings).toEqual([]);
    expect(runViews(zeekViews(log('-'))).findings).toEqual([]);
  });

  const syslog = (records: Record<string, unknown>[]): string =>
    `${records.map((r) => JSON.stringify({ _path: 'auth', 'syslog.source': 'auth.log', ...r })).join('\n')}\n`;
  const failed = (k: number, over: Record<string, unknown> = {}): Record<string, unknown> => ({
    ts: T0 + k * 20,
    uid: `S${k}`,
    'id.orig_h': '203.0.113.50',
    'id.orig_p': 50_000 + k,
    service: 'sshd',
    action: 'login',
    success: false,
    user: 'root',
    method: 'password',
    host: 'web01',
    count: 1,
    ...over,
  });

  it('counts syslog sshd Failed lines (with repeats), not the lines that echo them', () => {
    const lines = Array.from({ length: 30 }, (_, k) => failed(k));
    const [f] = runViews(zeekViews(syslog(lines))).findings;
    expect(f!.evidence.basis).toBe('auth');
    expect(f!.entities.service).toBe('ssh');
    // From a file the sender is unknown: the target is the HOSTNAME field.
    expect(f!.entities.dst).toBe('web01');
    expect(f!.evidence.sampleUsers).toEqual(['ro**']);
    // "Invalid user" and pam lines echo a Failed line: not counted again.
    const echoes = Array.from({ length: 40 }, (_, k) =>
      failed(k, { action: k % 2 === 0 ? 'invalid_user' : 'auth_failure' }),
    );
    expect(runViews(zeekViews(syslog(echoes))).findings).toEqual([]);
    // "message repeated 10 times": three lines are 30 failures.
    const repeated = Array.from({ length: 3 }, (_, k) => failed(k, { count: 10 }));
    expect(runViews(zeekViews(syslog(repeated))).findings[0]!.evidence.attempts).toBe(30);
    // Accepted after the failures.
    const won = [...lines, failed(31, { success: true })];
    expect(runViews(zeekViews(syslog(won))).findings[0]!.severity).toBe('high');
    // Info lines (no outcome) are ignored.
    const info = Array.from({ length: 40 }, (_, k) =>
      failed(k, { success: undefined, action: 'disconnect' }),
    );
    expect(runViews(zeekViews(syslog(info))).findings).toEqual([]);
  });

  it('reports a syslog user spray and counts su/sudo failures of a live sender', () => {
    const users = Array.from({ length: 30 }, (_, k) => failed(k, { user: `u${k}`, invalid_user: true }));
    const [f] = runViews(zeekViews(syslog(users))).findings;
    expect(f!.detector).toBe('auth.spray');
    expect(f!.evidence.distinctUsers).toBe(30);
    // su failures on a host that sent its syslog live: no remote source, the sender is the source.
    const su = Array.from({ length: 30 }, (_, k) =>
      failed(k, {
        'id.orig_h': undefined,
        'id.orig_p': undefined,
        'id.resp_h': '10.0.4.4',
        service: 'su',
        action: 'su',
        user: 'mallory',
      }),
    );
    const [g] = runViews(zeekViews(syslog(su))).findings;
    expect(g!.entities.src).toBe('10.0.4.4');
    expect(g!.entities.service).toBe('su');
    const sudo = Array.from({ length: 10 }, (_, k) =>
      failed(k, { service: 'sudo', action: 'auth_failure', count: 3 }),
    );
    expect(runViews(zeekViews(syslog(sudo))).findings[0]!.evidence.attempts).toBe(30);
  });
});

// ─── lateral fan-out ────────────────────────────────────────────────────────────────────────

const CLIENT = '10.20.1.50';
const smb = (ts: number, target: string, over: Partial<ConnSpec> = {}): ConnSpec => ({
  ts,
  orig: CLIENT,
  origPort: 50_000 + (uidSeq % 10_000),
  resp: target,
  respPort: 445,
  proto: 'tcp',
  state: 'SF',
  duration: 3,
  origBytes: 9_000,
  respBytes: 40_000,
  service: 'smb',
  uid: `L${(uidSeq++).toString(36).padStart(8, '0')}`,
  ...over,
});

/** Warm-up traffic: the client reaches the DC and the file server, and time passes. */
const warmup = (): ConnSpec[] => [
  smb(T0, '10.10.0.10'),
  smb(T0 + 600, '10.10.0.20'),
  smb(T0 + 1_900, '10.10.0.20'),
  smb(T0 + 2_000, '10.10.0.10'),
];
const fanout = (n: number, t0 = T0 + 3_600, gap = 20, ports = [445]): ConnSpec[] =>
  Array.from({ length: n }, (_, k) =>
    smb(t0 + k * gap, `10.20.2.${10 + k}`, { respPort: ports[k % ports.length]! }),
  );

describe('lateral.admin-fanout', () => {
  it('reports 8 new internal hosts on admin ports within the window', () => {
    const out = runL([...warmup(), ...fanout(8)]);
    const [f] = of(out, 'lateral.admin-fanout');
    expect(out.findings).toHaveLength(1);
    expect(f!.attack).toBe('T1021');
    expect(f!.severity).toBe('medium');
    expect(f!.entities.src).toBe(CLIENT);
    expect((f!.entities.targets as string[]).length).toBe(8);
    expect(f!.evidence.newTargets).toBe(8);
    expect(f!.evidence.threshold).toBe(8);
    expect(f!.evidence.knownTargetsBefore).toBe(2);
    expect(f!.evidence.ports).toEqual({ '445': 8 });
    expect(f!.firstTs).toBe(T0 + 3_600);
    expect(f!.lastTs).toBe(T0 + 3_600 + 7 * 20);
  });

  it('needs the threshold, within the window, of hosts not seen before', () => {
    expect(runL([...warmup(), ...fanout(7)]).findings).toEqual([]);
    expect(runL([...warmup(), ...fanout(8, T0 + 3_600, 90)]).findings).toEqual([]);
    // Known hosts (the DC and file server again) do not count.
    const known = [...warmup(), ...fanout(7), smb(T0 + 3_800, '10.10.0.10')];
    expect(runL(known).findings).toEqual([]);
    // Failed attempts and sessions without data are not admin sessions.
    const probes = fanout(10).map((s) => ({ ...s, respBytes: 0, state: 'RSTO', history: 'ShR' }));
    expect(runL([...warmup(), ...probes]).findings).toEqual([]);
    const refused = fanout(10).map((s) => ({ ...s, state: 'REJ', history: 'Sr', respBytes: 0 }));
    expect(runL([...warmup(), ...refused]).findings).toEqual([]);
    // Other ports and external targets do not count.
    expect(runL([...warmup(), ...fanout(10).map((s) => ({ ...s, respPort: 8080 }))]).findings).toEqual([]);
    const external = fanout(10).map((s, k) => ({ ...s, resp: `198.51.100.${k + 1}` }));
    expect(runL([...warmup(), ...external]).findings).toEqual([]);
    expect(runL([...warmup(), ...fanout(10)], lcfg({ minTargets: 11 })).findings).toEqual([]);
  });

  it('learns during the warm-up: a fan-out then is the host baseline, not an alert', () => {
    // The fleet touched in the first 30 minutes of the shard, then touched again later.
    const early = fanout(12, T0 + 60);
    const again = fanout(12, T0 + 7_200);
    expect(runL([...early, ...again]).findings).toEqual([]);
    expect(runL(early, lcfg({ warmupSeconds: 0 })).findings).toHaveLength(1);
  });

  it('rates several admin services or twice the threshold high and splits episodes', () => {
    const mixed = fanout(9, T0 + 3_600, 20, [445, 3389, 5985]);
    const [f] = runL([...warmup(), ...mixed]).findings;
    expect(f!.severity).toBe('high');
    expect(f!.evidence.ports).toEqual({ '445': 3, '3389': 3, '5985': 3 });
    const two = [
      ...warmup(),
      ...fanout(8),
      ...Array.from({ length: 8 }, (_, k) => smb(T0 + 6_000 + k * 10, `10.20.3.${10 + k}`)),
    ];
    expect(runL(two).findings.map((g) => g.evidence.newTargets)).toEqual([8, 8]);
    const long = [...warmup(), ...fanout(20)];
    const [h] = runL(long).findings;
    expect(h!.evidence.newTargets).toBe(20);
    expect(h!.severity).toBe('high');
  });

  it('treats a host that reached maxKnownTargets as an established fan-out host', () => {
    const c = lcfg({ maxKnownTargets: 10, minTargets: 4 });
    const out = runL([...warmup(), ...fanout(20)], c);
    // The first episode opens at 4 new hosts, the cap at 10 known ends it silently.
    expect(out.findings).toEqual([]);
    expect(out.evictions.maxKnownTargets).toBe(1);
  });
});

// ─── bounded state ──────────────────────────────────────────────────────────────────────────

describe('bounded state', () => {
  it('evicts the least recently touched failure key and still reports its open episode', () => {
    const a = series(30, 10);
    const b = series(30, 10, T0 + 5, { orig: '10.0.5.67' });
    const c = [ssh(T0 + 400, { orig: '10.0.5.68' })];
    const out = run([...a, ...b].sort((x, y) => x.ts - y.ts).concat(c), cfg({ maxKeys: 2 }));
    expect(out.evictions).toEqual({ maxKeys: 1 });
    expect(out.findings.map((f) => f.entities.src).sort()).toEqual([ATTACKER, '10.0.5.67']);
    expect(Object.keys(out.evictions).sort()).toEqual([...AUTH_EVICTION_NAMES].sort());
  });

  it('evicts the least recently touched lateral source and reports its episode', () => {
    const other = '10.20.1.51';
    const specs = [
      ...warmup(),
      ...fanout(8),
      smb(T0 + 4_000, '10.20.9.9', { orig: other }),
      smb(T0 + 4_001, '10.20.9.8', { orig: '10.20.1.52' }),
    ];
    const out = runL(specs, lcfg({ maxSources: 1 }));
    expect(out.evictions).toEqual({ maxSources: 2, maxKnownTargets: 0 });
    expect(Object.keys(out.evictions).sort()).toEqual([...LATERAL_EVICTION_NAMES].sort());
    expect(of(out, 'lateral.admin-fanout')).toHaveLength(1);
  });
});

// ─── determinism ────────────────────────────────────────────────────────────────────────────

describe('determinism, snapshot and restore', () => {
  const specs = [
    ...warmup(),
    ...series(70, 15, T0 + 100),
    ...series(40, 20, T0 + 500, { orig: '198.51.100.7', originView: true }),
    ...series(35, 25, T0 + 300, { respPort: 2222 }).map((s, k) => ({ ...s, resp: `10.10.1.${k % 6}` })),
    ...fanout(10),
    ...fanout(9, T0 + 3_700, 15, [3389]).map((s) => ({ ...s, orig: '10.20.1.60' })),
    ...fanout(9, T0 + 5_000, 15, [22]).map((s) => ({ ...s, orig: '10.20.1.61' })),
    ssh(T0 + 100 + 70 * 15, { respBytes: 50_000, duration: 900 }),
  ].sort((x, y) => x.ts - y.ts);
  const cases = [
    { name: 'auth', factory: authAnalyzer, config: cfg({ maxKeys: 3 }) as unknown, min: 2 },
    { name: 'lateral', factory: lateralAnalyzer, config: lcfg({ maxSources: 2 }) as unknown, min: 3 },
  ] as const;
  const go = (factory: AnalyzerFactory, config: unknown, sizes: number | number[]): ShardOutput => {
    const analyzer = factory.create(0, config);
    observeAll(analyzer, connBatches(specs, sizes));
    return analyzer.finish();
  };

  for (const { name, factory, config, min } of cases) {
    const f = factory as AnalyzerFactory;
    it(`${name}: gives the same output for every batch split and for observeRows`, () => {
      const base = go(f, config, 64);
      expect(base.findings.length).toBeGreaterThanOrEqual(min);
      for (const sizes of [1, 7, [3, 50], 10_000]) expect(go(f, config, sizes)).toEqual(base);
      const analyzer = f.create(0, config);
      for (const view of connBatches(specs, 100)) {
        analyzer.observeRows(
          view,
          Int32Array.from({ length: view.count }, (_, k) => k),
          0,
          view.count,
        );
      }
      expect(analyzer.finish()).toEqual(base);
    });

    it(`${name}: restores an equivalent analyzer at every cut`, () => {
      const base = go(f, config, 17);
      const batches = connBatches(specs, 17);
      for (const cut of [0, 1, 3, 6, 9, 12, batches.length - 1, batches.length]) {
        const first = f.create(3, config);
        observeAll(first, batches.slice(0, cut));
        const second = f.restore(3, config, unpack(pack(first.snapshot())));
        observeAll(second, batches.slice(cut));
        expect(second.finish()).toEqual(base);
      }
    });

    it(`${name}: rejects a foreign or mismatched snapshot`, () => {
      const snap = f.create(1, config).snapshot();
      expect(() => f.restore(2, config, snap)).toThrow(/another virtual shard/);
      expect(() => f.restore(1, config, { version: 99 })).toThrow(NetscryError);
      expect(() => f.restore(1, config, null)).toThrow(new RegExp(`${name}: not an analyzer snapshot`));
      expect(f.restore(1, config, snap).finish().findings).toEqual([]);
      expect(f.merge([undefined, undefined])).toBeUndefined();
      expect(f.name).toBe(name);
    });
  }

  it('restores auth-record state too', () => {
    const text = sshLog(
      Array.from({ length: 60 }, (_, k) => ({ success: k === 59 ? 'T' : 'F', attempts: '1' })),
    );
    const views = zeekViews(text, { batchRecords: 7 });
    const base = runViews(views);
    expect(base.findings).toHaveLength(1);
    expect(base.findings[0]!.severity).toBe('high');
    for (const cut of [2, 5, views.length - 1]) {
      const first = authAnalyzer.create(3, cfg());
      observeAll(first, views.slice(0, cut));
      const second = authAnalyzer.restore(3, cfg(), unpack(pack(first.snapshot())));
      observeAll(second, views.slice(cut));
      expect(second.finish()).toEqual(base);
    }
  });
});
