/**
 * SSH identification and KEXINIT parsing: hand-built streams split at every byte boundary, the
 * ssh.log mapping against Zeek's baselines on the corpus traces, and fuzzing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  looksLikeSsh,
  MAX_AUTH_DELIVERIES,
  parseSshBanner,
  SshAuthGuess,
  SshStreamParser,
  sshLogRecord,
  sshVersion,
} from '../../../../src/ingest/pcap/app/ssh.js';
import type { ProtocolEvent } from '../../../../src/ingest/pcap/packet.js';
import { APP_LOGS } from '../../../conformance/zeek-app.js';
import { corpusPath } from '../../../helpers/corpus.js';
import { readTcpConnections } from '../../../helpers/tcp-payloads.js';

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const u32 = (v: number): Uint8Array => Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
const nameList = (names: string[]): Uint8Array => {
  const s = enc(names.join(','));
  return concat(u32(s.length), s);
};

/** A binary packet (no MAC, cleartext): padding to a multiple of 8, at least 4 bytes. */
function packet(payload: Uint8Array): Uint8Array {
  let pad = 8 - ((5 + payload.length) % 8);
  if (pad < 4) pad += 8;
  return concat(u32(1 + payload.length + pad), Uint8Array.of(pad), payload, new Uint8Array(pad));
}

interface Algs {
  kex: string[];
  hostKey: string[];
  enc: [string[], string[]];
  mac: [string[], string[]];
  comp: [string[], string[]];
}

function kexInit(a: Algs): Uint8Array {
  return packet(
    concat(
      Uint8Array.of(20),
      new Uint8Array(16).fill(0x42),
      nameList(a.kex),
      nameList(a.hostKey),
      nameList(a.enc[0]),
      nameList(a.enc[1]),
      nameList(a.mac[0]),
      nameList(a.mac[1]),
      nameList(a.comp[0]),
      nameList(a.comp[1]),
      nameList([]),
      nameList([]),
      Uint8Array.of(0),
      u32(0),
    ),
  );
}

const CLIENT_ALGS: Algs = {
  kex: ['curve25519-sha256', 'ecdh-sha2-nistp256', 'ext-info-c'],
  hostKey: ['ssh-ed25519', 'rsa-sha2-512'],
  enc: [
    ['chacha20-poly1305@openssh.com', 'aes128-ctr'],
    ['chacha20-poly1305@openssh.com', 'aes128-ctr'],
  ],
  mac: [
    ['umac-64-etm@openssh.com', 'hmac-sha2-256'],
    ['umac-64-etm@openssh.com', 'hmac-sha2-256'],
  ],
  comp: [
    ['none', 'zlib@openssh.com'],
    ['none', 'zlib@openssh.com'],
  ],
};
const SERVER_ALGS: Algs = {
  kex: ['ecdh-sha2-nistp256', 'curve25519-sha256'],
  hostKey: ['rsa-sha2-512', 'ssh-ed25519'],
  enc: [['aes128-ctr', 'chacha20-poly1305@openssh.com'], ['aes128-ctr']],
  mac: [['hmac-sha2-256'], ['hmac-sha2-256', 'umac-64-etm@openssh.com']],
  comp: [['zlib@openssh.com'], ['none']],
};

const NEWKEYS = packet(Uint8Array.of(21));
const CLIENT = concat(
  enc('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\r\n'),
  kexInit(CLIENT_ALGS),
  NEWKEYS,
  enc('\x00encrypted'),
);
const SERVER = concat(
  enc('Welcome to the bastion\r\nauthorised use only\n'),
  enc('SSH-2.0-OpenSSH_9.6\r\n'),
  kexInit(SERVER_ALGS),
  NEWKEYS,
);

function pair(client: Uint8Array, server: Uint8Array, split?: { side: 0 | 1; at: number }) {
  const events: ProtocolEvent[] = [];
  const c = new SshStreamParser({ isOrig: true, sink: (e) => events.push(e) });
  const s = new SshStreamParser({ isOrig: false, sink: (e) => events.push(e) });
  for (const [p, b, side] of [
    [c, client, 0],
    [s, server, 1],
  ] as const) {
    if (split && split.side === side) {
      p.push(b.subarray(0, split.at), 0);
      p.push(b.subarray(split.at), 0);
    } else p.push(b, 0);
  }
  return { rec: sshLogRecord(c, s), c, s, events };
}

describe('banner', () => {
  it('splits version, software and comments', () => {
    expect(parseSshBanner('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3')).toEqual({
      raw: 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3',
      protoVersion: '2.0',
      software: 'OpenSSH_8.9p1',
      comments: 'Ubuntu-3',
    });
    expect(parseSshBanner('SSH-1.99-OpenSSH_3.4+p1+gssapi')).toMatchObject({
      protoVersion: '1.99',
      software: 'OpenSSH_3.4+p1+gssapi',
      comments: undefined,
    });
    expect(parseSshBanner('SSH-2.0-paramiko_1.15.2')?.software).toBe('paramiko_1.15.2');
    expect(parseSshBanner('SSH-2.0')).toBeUndefined();
    expect(parseSshBanner('SSH-x.y-foo')).toBeUndefined();
    expect(parseSshBanner('HTTP/1.1 200 OK')).toBeUndefined();
  });

  it('looksLikeSsh', () => {
    expect(looksLikeSsh(enc('SSH-2.0-OpenSSH_9.6\r\n'))).toBe(true);
    expect(looksLikeSsh(enc('SSH-1.99-x'))).toBe(true);
    expect(looksLikeSsh(enc('SSH-2'))).toBe(false);
    expect(looksLikeSsh(enc('SSH-X.0-foo'))).toBe(false);
    expect(looksLikeSsh(enc('GET / HTTP/1.1'))).toBe(false);
    expect(looksLikeSsh(Uint8Array.of(0x16, 3, 1, 0, 5, 1))).toBe(false);
  });

  it("derives Zeek's version from both identification strings", () => {
    expect(sshVersion('SSH-2.0-a', 'SSH-2.0-b')).toBe(2);
    expect(sshVersion('SSH-2.0-a', 'SSH-1.99-b')).toBe(2);
    expect(sshVersion('SSH-1.5-a', 'SSH-1.99-b')).toBe(1);
    expect(sshVersion('SSH-1.99-a', 'SSH-1.99-b')).toBe(2);
    expect(sshVersion('SSH-1.5-a', 'SSH-2.0-b')).toBeUndefined();
    expect(sshVersion('SSH-', 'SSH-2.0-b')).toBeUndefined();
  });
});

describe('stream', () => {
  const WANT = {
    version: 2,
    client: 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3',
    server: 'SSH-2.0-OpenSSH_9.6',
    cipher_alg: 'To server: chacha20-poly1305@openssh.com, to client: aes128-ctr',
    mac_alg: 'To server: hmac-sha2-256, to client: umac-64-etm@openssh.com',
    compression_alg: 'To server: zlib@openssh.com, to client: none',
    kex_alg: 'curve25519-sha256',
    host_key_alg: 'ssh-ed25519',
    auth_attempts: 0,
  };

  it('maps banners and KEXINITs to ssh.log fields, skipping the server pre-banner lines', () => {
    const { rec, c, s, events } = pair(CLIENT, SERVER);
    expect(rec).toEqual(WANT);
    expect(s.preBannerLines).toBe(2);
    expect(c.newKeys && s.newKeys).toBe(true);
    // After NEWKEYS a direction counts encrypted bytes (for the authentication guess) until stopped.
    expect(c.done || s.done).toBe(false);
    expect(c.push(new Uint8Array(48), 1)).toBe(48);
    c.stop();
    expect(c.done).toBe(true);
    expect(c.push(new Uint8Array(48), 1)).toBe(0);
    expect(c.kexInit?.cookie).toBe('42'.repeat(16));
    expect(c.messages.get(20)).toBe(1);
    expect(events).toEqual([]);
  });

  it('gives the same record for a push() split at every byte boundary, and byte by byte', () => {
    for (const side of [0, 1] as const) {
      const b = side === 0 ? CLIENT : SERVER;
      for (let at = 1; at < b.length; at++) expect(pair(CLIENT, SERVER, { side, at }).rec).toEqual(WANT);
    }
    const c = new SshStreamParser();
    const s = new SshStreamParser({ isOrig: false });
    for (let i = 0; i < CLIENT.length; i++) c.push(CLIENT.subarray(i, i + 1), 0);
    for (let i = 0; i < SERVER.length; i++) s.push(SERVER.subarray(i, i + 1), 0);
    expect(sshLogRecord(c, s)).toEqual(WANT);
  });

  it('accepts LF-only lines and reports negotiation failure like Zeek', () => {
    const client = concat(enc('SSH-2.0-a\n'), kexInit({ ...CLIENT_ALGS, kex: ['only-client'] }));
    const server = concat(enc('SSH-2.0-b\n'), kexInit(SERVER_ALGS));
    expect(pair(client, server).rec.kex_alg).toBe('Algorithm negotiation failed');
  });

  it('stops after an SSH-1 identification, and reports the version', () => {
    const { rec, c } = pair(
      enc('SSH-1.5-OpenSSH_6.2\n\x00\x00\x01\x04junk'),
      enc('SSH-1.99-OpenSSH_6.6.1p1\n'),
    );
    expect(rec).toEqual({
      version: 1,
      client: 'SSH-1.5-OpenSSH_6.2',
      server: 'SSH-1.99-OpenSSH_6.6.1p1',
      auth_attempts: 0,
    });
    expect(c.done).toBe(true);
  });

  it('bounds: long lines, too much pre-banner text, absurd packet lengths, long name-lists', () => {
    const long = pair(enc(`SSH-2.0-${'x'.repeat(2000)}\r\n`), enc('SSH-2.0-b\r\n'));
    expect(long.events.map((e) => e.name)).toEqual(['SSH_line_too_long']);
    expect(long.c.done).toBe(true);

    const chatty = pair(enc('SSH-2.0-a\r\n'), enc('hello\r\n'.repeat(100)));
    expect(chatty.events.map((e) => e.name)).toEqual(['SSH_too_much_pre_banner_data']);
    expect(chatty.s.banner).toBeUndefined();

    const bad = pair(concat(enc('SSH-2.0-a\r\n'), u32(0x7fffffff), Uint8Array.of(4)), enc(''));
    expect(bad.events.map((e) => e.name)).toEqual(['SSH_invalid_packet']);

    const events: ProtocolEvent[] = [];
    const p = new SshStreamParser({ sink: (e) => events.push(e), maxAlgorithms: { kex_algorithms: 3 } });
    const many = Array.from({ length: 10 }, (_, i) => `k${i}`);
    p.push(concat(enc('SSH-2.0-a\r\n'), kexInit({ ...CLIENT_ALGS, kex: many })), 0);
    expect(p.kexInit?.kexAlgorithms).toEqual(['k0', 'k1', 'k2']);
    expect(events.map((e) => `${e.name} ${e.detail.split(': ')[1]}`)).toEqual([
      'SSH_max_kexinit_kex_algorithms_exceeded 10 > 3',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Corpus

const ZEEK = corpusPath('zeek', 'cases.json') ? corpusPath('zeek') : undefined;

/** A Zeek TSV baseline; some baselines went through zeek-cut: a bare header line, no #fields. */
function readLog(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  let rows = lines.filter((l) => l && !l.startsWith('#'));
  let fields = lines
    .find((l) => l.startsWith('#fields'))
    ?.split('\t')
    .slice(1);
  if (!fields) {
    fields = rows[0]?.split('\t') ?? [];
    rows = rows.slice(1);
  }
  const names = fields;
  return rows.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])));
}

/** The fields the app-log conformance compares (one list for both checks). */
const FIELDS = APP_LOGS.ssh!.fields;

describe.skipIf(!ZEEK)('Zeek corpus', () => {
  it('ssh.log fields agree with the baselines', () => {
    const root = ZEEK!;
    const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as {
      baseline: string;
      traces: string[];
      files: string[];
    }[];
    let ok = 0;
    let total = 0;
    let rows = 0;
    const diffs: string[] = [];
    const skipped: string[] = [];
    for (const cs of cases) {
      if (!cs.files.includes('ssh.log')) continue;
      const trace = cs.traces.find((t) => /\.pcap(ng)?(\.gz)?$/.test(t));
      const path = trace && corpusPath('zeek', 'traces', trace);
      if (!path) {
        skipped.push(`${cs.baseline}: trace missing`);
        continue;
      }
      const conns = readTcpConnections(readFileSync(path));
      for (const row of readLog(join(root, 'baselines', cs.baseline, 'ssh.log'))) {
        const c =
          row['id.orig_p'] === undefined
            ? conns[0]
            : conns.find((x) => String(x.origPort) === row['id.orig_p'] && x.origAddr === row['id.orig_h']);
        // SSH inside GRE or WebSocket (wstunnel): the helper reads plain TCP only.
        if (!c || !(looksLikeSsh(c.orig) || looksLikeSsh(c.resp))) {
          skipped.push(
            `${cs.baseline} ${row['id.orig_h'] ?? row.uid}: SSH tunnelled (GRE/WebSocket), not read`,
          );
          continue;
        }
        rows++;
        const client = new SshStreamParser({ isOrig: true });
        const server = new SshStreamParser({ isOrig: false });
        const auth = new SshAuthGuess();
        for (const seg of c.segments) {
          const encrypted = (seg.fromOrig ? client : server).push(seg.data, seg.ts);
          if (encrypted > 0 && sshVersion(client.banner?.raw ?? '', server.banner?.raw ?? '') === 2)
            auth.delivery(seg.fromOrig, encrypted);
        }
        const rec = sshLogRecord(client, server, auth) as Record<string, unknown>;
        for (const f of FIELDS) {
          if (row[f] === undefined) continue;
          total++;
          const value = rec[f];
          const ours =
            value === undefined ? '-' : typeof value === 'boolean' ? (value ? 'T' : 'F') : String(value);
          if (ours === row[f]) ok++;
          else diffs.push(`${cs.baseline} ${c.origPort} ${f}: zeek=${row[f]} ours=${ours}`);
        }
      }
    }
    console.log(
      `ssh.log agreement over ${rows} connections: ${ok}/${total} fields (${((100 * ok) / total).toFixed(1)}%)\n  ${[...diffs, ...skipped].join('\n  ')}`,
    );
    expect(rows).toBeGreaterThanOrEqual(20);
    expect(ok / total).toBeGreaterThanOrEqual(0.98);
  });

  it("reports over-long KEXINIT name-lists with Zeek's weird names and counts", () => {
    const path = corpusPath('zeek', 'traces', 'ssh', 'kex-quadratic-1000.pcap.gz');
    const weird = corpusPath(
      'zeek',
      'baselines',
      'scripts.base.protocols.ssh.max-kexinit-algorithms',
      'weird.log',
    );
    if (!path || !weird) return;
    const c = readTcpConnections(readFileSync(path))[0]!;
    const events: ProtocolEvent[] = [];
    // The limits that test script sets (SSH::max_kexinit_* = 101 … 106).
    const p = new SshStreamParser({
      sink: (e) => events.push(e),
      maxAlgorithms: {
        kex_algorithms: 101,
        hostkey_algorithms: 102,
        encryption_algorithms: 103,
        mac_algorithms: 104,
        compression_algorithms: 105,
        languages: 106,
      },
    });
    p.push(c.orig, 0);
    const want = readLog(weird).map((r) => `${r.name} ${r.addl}`);
    expect(events.map((e) => `${e.name} ${e.detail.split(': ')[1]}`)).toEqual(want);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing

describe('authentication guess (Zeek: encrypted packet sizes)', () => {
  /** Deliveries as [isOrig, length]. */
  const guess = (deliveries: readonly (readonly [boolean, number])[]): SshAuthGuess => {
    const g = new SshAuthGuess();
    for (const [isOrig, len] of deliveries) g.delivery(isOrig, len);
    return g;
  };
  // Client request, SERVICE_ACCEPT (52), the "none" probe's failure (68: not counted), then
  // password attempts answered by failures of that size, and a success 16 bytes under 52.
  const start = [
    [true, 52],
    [false, 52],
    [true, 68],
    [false, 68],
  ] as const;
  const fail = [
    [true, 100],
    [false, 68],
  ] as const;

  it('counts failed attempts by the failure size and ends on a success', () => {
    const failed = guess([...start, ...fail, ...fail, ...fail]);
    expect([failed.attempts, failed.success, failed.done]).toEqual([3, false, false]);
    const ok = guess([...start, ...fail, [true, 100], [false, 36], ...fail]);
    expect([ok.attempts, ok.success, ok.done]).toEqual([2, true, true]);
  });

  it('takes a success before any failure (the "none" method), skips one big banner', () => {
    const none = guess([
      [true, 52],
      [false, 52],
      [false, 36],
    ]);
    expect([none.attempts, none.success]).toEqual([1, true]);
    const banner = guess([...start.slice(0, 3), [false, 52 + 300], [false, 68], ...fail]);
    expect([banner.attempts, banner.success]).toEqual([1, false]);
  });

  it('waits for client data, ignores other sizes, and stops on end() or the delivery bound', () => {
    expect(guess([[false, 52], ...start, ...fail]).attempts).toBe(1);
    expect(guess([...start, [false, 90], ...fail]).attempts).toBe(1);
    const ended = guess(start);
    ended.end();
    for (const [isOrig, len] of fail) ended.delivery(isOrig, len);
    expect([ended.attempts, ended.done]).toEqual([0, true]);
    const long = guess([
      ...start,
      ...Array.from({ length: MAX_AUTH_DELIVERIES }, () => [false, 90] as const),
    ]);
    expect(long.done).toBe(true);
  });

  it('fills auth_success and auth_attempts, not under compression (as Zeek)', () => {
    const failed = guess([...start, ...fail]);
    // Compression only to the server: Zeek's check sees "To server: zlib@…, to client: none",
    // not one of its compression algorithms, and logs the guess; so does this.
    const mixed = pair(CLIENT, SERVER);
    expect(sshLogRecord(mixed.c, mixed.s, failed)).toMatchObject({ auth_success: false, auth_attempts: 1 });
    expect(sshLogRecord(mixed.c, mixed.s, guess([]))).toMatchObject({ auth_attempts: 0 });
    expect(sshLogRecord(mixed.c, mixed.s, guess([]))).not.toHaveProperty('auth_success');
    const zlib = (algs: Algs, banner: string) =>
      concat(enc(banner), kexInit({ ...algs, comp: [['zlib@openssh.com'], ['zlib@openssh.com']] }), NEWKEYS);
    const both = pair(zlib(CLIENT_ALGS, 'SSH-2.0-a\r\n'), zlib(SERVER_ALGS, 'SSH-2.0-b\r\n'));
    expect(sshLogRecord(both.c, both.s, failed)).toMatchObject({
      compression_alg: 'zlib@openssh.com',
      auth_attempts: 0,
    });
    expect(sshLogRecord(both.c, both.s, failed)).not.toHaveProperty('auth_success');
  });
});

describe('fuzz', () => {
  const seeds: Uint8Array[] = [CLIENT, SERVER];
  if (ZEEK) {
    const path = corpusPath('zeek', 'traces', 'ssh', 'server-pre-banner-data.pcap');
    const c = path && readTcpConnections(readFileSync(path))[0];
    if (c) seeds.push(c.orig.subarray(0, 4096), c.resp.subarray(0, 4096));
  }
  const still = (): void => expect(pair(CLIENT, SERVER).rec.kex_alg).toBe('curve25519-sha256');

  it('random bytes in random chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.integer({ min: 1, max: 300 }), (b, chunk) => {
        const p = new SshStreamParser({ sink: () => {} });
        for (let i = 0; i < b.length; i += chunk) p.push(b.subarray(i, i + chunk), 0);
        sshLogRecord(p, p);
      }),
      { numRuns: 500 },
    );
    still();
  });

  it('mutated real streams', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), cut: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 61 }),
        (i, edits, chunk) => {
          let b = seeds[i]!.slice();
          for (const e of edits) {
            if (b.length === 0) break;
            if (e.cut) b = b.subarray(0, e.at % b.length);
            else b[e.at % b.length] = e.value;
          }
          const c = new SshStreamParser({ sink: () => {} });
          const s = new SshStreamParser({ isOrig: false, sink: () => {} });
          for (let k = 0; k < b.length; k += chunk) {
            c.push(b.subarray(k, k + chunk), 0);
            s.push(b.subarray(k, k + chunk), 0);
          }
          const rec = sshLogRecord(c, s);
          if (rec.client) expect(rec.client.length).toBeLessThanOrEqual(1024);
        },
      ),
      { numRuns: 1500 },
    );
    still();
  });
});
