/**
 * QUIC Initial packets and DTLS into the TLS parser: RFC 9001 Appendix A test vectors (keys,
 * header protection, decryption), hand-built DTLS flights (fragments, retransmissions), the
 * Zeek corpus (ssl.log and conn.log baselines of the QUIC and DTLS cases), and fuzzing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DtlsConn, looksLikeDtls } from '../../../../src/ingest/pcap/app/dtls.js';
import {
  CryptoReassembler,
  hkdfExpandLabel,
  initialKeys,
  looksLikeQuicInitial,
  openPacket,
  parseLongHeader,
  QuicConn,
  quicVersion,
  readFrames,
} from '../../../../src/ingest/pcap/app/quic.js';
import { parseClientHello, tlsLogRecord } from '../../../../src/ingest/pcap/app/tls.js';
import { extractCapture } from '../../../../src/ingest/pcap/extract.js';
import type { ProtocolEvent } from '../../../../src/ingest/pcap/packet.js';
import { corpusPath } from '../../../helpers/corpus.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

// ---------------------------------------------------------------------------------------------
// RFC 9001 Appendix A

const DCID = unhex('8394c8f03e515708');
const V1 = quicVersion(1)!;

/** A.2: the CRYPTO frame of the client Initial (then PADDING to 1162 bytes). */
const CLIENT_CRYPTO = unhex(`
060040f1010000ed0303ebf8fa56f129 39b9584a3896472ec40bb863cfd3e868
04fe3a47f06a2b69484c000004130113 02010000c000000010000e00000b6578
616d706c652e636f6dff01000100000a 00080006001d00170018001000070005
04616c706e0005000501000000000033 00260024001d00209370b2c9caa47fba
baf4559fedba753de171fa71f50f1ce1 5d43e994ec74d748002b000302030400
0d0010000e0403050306030203080408 050806002d00020101001c0002400100
3900320408ffffffffffffffff050480 00ffff07048000ffff08011001048000
75300901100f088394c8f03e51570806 048000ffff`);

/** A.2: the protected client Initial. */
const CLIENT_INITIAL = unhex(`
c000000001088394c8f03e5157080000 449e7b9aec34d1b1c98dd7689fb8ec11
d242b123dc9bd8bab936b47d92ec356c 0bab7df5976d27cd449f63300099f399
1c260ec4c60d17b31f8429157bb35a12 82a643a8d2262cad67500cadb8e7378c
8eb7539ec4d4905fed1bee1fc8aafba1 7c750e2c7ace01e6005f80fcb7df6212
30c83711b39343fa028cea7f7fb5ff89 eac2308249a02252155e2347b63d58c5
457afd84d05dfffdb20392844ae81215 4682e9cf012f9021a6f0be17ddd0c208
4dce25ff9b06cde535d0f920a2db1bf3 62c23e596d11a4f5a6cf3948838a3aec
4e15daf8500a6ef69ec4e3feb6b1d98e 610ac8b7ec3faf6ad760b7bad1db4ba3
485e8a94dc250ae3fdb41ed15fb6a8e5 eba0fc3dd60bc8e30c5c4287e53805db
059ae0648db2f64264ed5e39be2e20d8 2df566da8dd5998ccabdae053060ae6c
7b4378e846d29f37ed7b4ea9ec5d82e7 961b7f25a9323851f681d582363aa5f8
9937f5a67258bf63ad6f1a0b1d96dbd4 faddfcefc5266ba6611722395c906556
be52afe3f565636ad1b17d508b73d874 3eeb524be22b3dcbc2c7468d54119c74
68449a13d8e3b95811a198f3491de3e7 fe942b330407abf82a4ed7c1b311663a
c69890f4157015853d91e923037c227a 33cdd5ec281ca3f79c44546b9d90ca00
f064c99e3dd97911d39fe9c5d0b23a22 9a234cb36186c4819e8b9c5927726632
291d6a418211cc2962e20fe47feb3edf 330f2c603a9d48c0fcb5699dbfe58964
25c5bac4aee82e57a85aaf4e2513e4f0 5796b07ba2ee47d80506f8d2c25e50fd
14de71e6c418559302f939b0e1abd576 f279c4b2e0feb85c1f28ff18f58891ff
ef132eef2fa09346aee33c28eb130ff2 8f5b766953334113211996d20011a198
e3fc433f9f2541010ae17c1bf202580f 6047472fb36857fe843b19f5984009dd
c324044e847a4f4a0ab34f719595de37 252d6235365e9b84392b061085349d73
203a4a13e96f5432ec0fd4a1ee65accd d5e3904df54c1da510b0ff20dcc0c77f
cb2c0e0eb605cb0504db87632cf3d8b4 dae6e705769d1de354270123cb11450e
fc60ac47683d7b8d0f811365565fd98c 4c8eb936bcab8d069fc33bd801b03ade
a2e1fbc5aa463d08ca19896d2bf59a07 1b851e6c239052172f296bfb5e724047
90a2181014f3b94a4e97d117b4381303 68cc39dbb2d198065ae3986547926cd2
162f40a29f0c3c8745c0f50fba3852e5 66d44575c29d39a03f0cda721984b6f4
40591f355e12d439ff150aab7613499d bd49adabc8676eef023b15b65bfc5ca0
6948109f23f350db82123535eb8a7433 bdabcb909271a6ecbcb58b936a88cd4e
8f2e6ff5800175f113253d8fa9ca8885 c2f552e657dc603f252e1a8e308f76f0
be79e2fb8f5d5fbbe2e30ecadd220723 c8c0aea8078cdfcb3868263ff8f09400
54da48781893a7e49ad5aff4af300cd8 04a6b6279ab3ff3afb64491c85194aab
760d58a606654f9f4400e8b38591356f bf6425aca26dc85244259ff2b19c41b9
f96f3ca9ec1dde434da7d2d392b905dd f3d1f9af93d1af5950bd493f5aa731b4
056df31bd267b6b90a079831aaf579be 0a39013137aac6d404f518cfd4684064
7e78bfe706ca4cf5e9c5453e9f7cfd2b 8b4c8d169a44e55c88d4a9a7f9474241
e221af44860018ab0856972e194cd934`);

/** A.3: the server Initial's payload (ACK, CRYPTO with the ServerHello) and the packet. */
const SERVER_PAYLOAD = unhex(`
02000000000600405a020000560303ee fce7f7b37ba1d1632e96677825ddf739
88cfc79825df566dc5430b9a045a1200 130100002e00330024001d00209d3c94
0d89690b84d08a60993c144eca684d10 81287c834d5311bcf32bb9da1a002b00
020304`);
const SERVER_INITIAL = unhex(`
cf000000010008f067a5502a4262b500 4075c0d95a482cd0991cd25b0aac406a
5816b6394100f37a1c69797554780bb3 8cc5a99f5ede4cf73c3ec2493a1839b3
dbcba3f6ea46c5b7684df3548e7ddeb9 c3bf9c73cc3f3bded74b562bfb19fb84
022f8ef4cdd93795d77d06edbb7aaf2f 58891850abbdca3d20398c276456cbc4
2158407dd074ee`);

describe('RFC 9001 Appendix A', () => {
  it('derives the Initial keys (A.1)', () => {
    const { client, server } = initialKeys(DCID, V1);
    expect(hex(client.key)).toBe('1f369613dd76d5467730efcbe3b1a22d');
    expect(hex(client.iv)).toBe('fa044b2f42a3fd3b46fb255c');
    expect(hex(client.hp)).toBe('9f50449e04a0e810283a1e9933adedd2');
    expect(hex(server.key)).toBe('cf3a5331653c364c88f0f379b6067e37');
    expect(hex(server.iv)).toBe('0ac1493ca1905853b0bba03e');
    expect(hex(server.hp)).toBe('c206b8d9b9f0f37644430b490eeaa314');
  });

  it('expands labels as TLS 1.3 does', () => {
    const initial = unhex('7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44');
    expect(hex(hkdfExpandLabel(initial, 'client in', 32))).toBe(
      'c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea',
    );
  });

  it('removes header protection from and decrypts the client Initial (A.2)', () => {
    expect(CLIENT_INITIAL.length).toBe(1200);
    const h = parseLongHeader(CLIENT_INITIAL, 0)!;
    expect(h.isInitial).toBe(true);
    expect(hex(h.dcid)).toBe('8394c8f03e515708');
    expect(h.end).toBe(1200);
    const opened = openPacket(CLIENT_INITIAL, 0, h, initialKeys(h.dcid, V1).client)!;
    expect(hex(opened.header)).toBe('c300000001088394c8f03e5157080000449e00000002');
    expect(opened.packetNumber).toBe(2);
    expect(opened.payload.length).toBe(1162);
    const expected = new Uint8Array(1162);
    expected.set(CLIENT_CRYPTO);
    expect(hex(opened.payload)).toBe(hex(expected));
    const frames = readFrames(opened.payload);
    expect(frames.error).toBeUndefined();
    expect(frames.crypto).toHaveLength(1);
    expect(frames.crypto[0]!.offset).toBe(0);
    const ch = frames.crypto[0]!.data;
    expect(ch.length).toBe(241);
    expect(parseClientHello(ch.subarray(4)).serverNames).toEqual(['example.com']);
    expect(looksLikeQuicInitial(CLIENT_INITIAL)).toBe(true);
  });

  it('decrypts the server Initial (A.3) with the keys of the client DCID', () => {
    const h = parseLongHeader(SERVER_INITIAL, 0)!;
    expect(h.isInitial).toBe(true);
    const opened = openPacket(SERVER_INITIAL, 0, h, initialKeys(DCID, V1).server)!;
    expect(hex(opened.header)).toBe('c1000000010008f067a5502a4262b50040750001');
    expect(opened.packetNumber).toBe(1);
    expect(hex(opened.payload)).toBe(hex(SERVER_PAYLOAD));
    // The server's own DCID gives no keys for it: not a client Initial.
    expect(looksLikeQuicInitial(SERVER_INITIAL)).toBe(false);
  });

  it('reads the handshake into an ssl.log record', () => {
    const q = new QuicConn();
    q.datagram(true, CLIENT_INITIAL, 1);
    q.datagram(false, SERVER_INITIAL, 2);
    expect(q.opened).toEqual([1, 1]);
    expect(q.version?.name).toBe('1');
    expect(q.done).toBe(true);
    const rec = tlsLogRecord(q.tls.orig, q.tls.resp);
    expect(rec).toMatchObject({
      version: 'TLSv13',
      cipher: 'TLS_AES_128_GCM_SHA256',
      curve: 'x25519',
      server_name: 'example.com',
      resumed: false,
      established: false,
      ssl_history: 'Cs',
    });
    expect(rec.next_protocol).toBeUndefined();
  });

  it('fails closed on a tampered packet', () => {
    const bad = CLIENT_INITIAL.slice();
    bad[600]! ^= 1;
    const h = parseLongHeader(bad, 0)!;
    expect(openPacket(bad, 0, h, initialKeys(h.dcid, V1).client)).toBeUndefined();
    expect(looksLikeQuicInitial(bad)).toBe(false);
  });
});

describe('CRYPTO reassembly', () => {
  it('delivers in order across out-of-order and overlapping chunks', () => {
    const data = new Uint8Array(100).map((_, i) => i);
    const r = new CryptoReassembler();
    const out: number[] = [];
    const deliver = (d: Uint8Array) => out.push(...d);
    r.add({ offset: 60, data: data.subarray(60, 100) }, deliver);
    r.add({ offset: 20, data: data.subarray(20, 70) }, deliver);
    expect(out).toEqual([]);
    r.add({ offset: 0, data: data.subarray(0, 30) }, deliver);
    r.add({ offset: 0, data: data.subarray(0, 10) }, deliver);
    expect(out).toEqual([...data]);
    expect(r.next).toBe(100);
  });

  it('refuses chunks beyond its bound', () => {
    const r = new CryptoReassembler();
    expect(r.add({ offset: 70_000, data: new Uint8Array(10) }, () => {})).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// DTLS

function dtlsRecord(
  type: number,
  epoch: number,
  seq: number,
  body: Uint8Array,
  version = 0xfefd,
): Uint8Array {
  const r = new Uint8Array(13 + body.length);
  r[0] = type;
  r[1] = version >> 8;
  r[2] = version & 0xff;
  r[4] = epoch;
  r[10] = seq;
  r[11] = body.length >> 8;
  r[12] = body.length & 0xff;
  r.set(body, 13);
  return r;
}

function dtlsFragment(type: number, seq: number, msg: Uint8Array, off: number, len: number): Uint8Array {
  const f = new Uint8Array(12 + len);
  f[0] = type;
  f[1] = msg.length >> 16;
  f[2] = (msg.length >> 8) & 0xff;
  f[3] = msg.length & 0xff;
  f[5] = seq;
  f[6] = off >> 16;
  f[7] = (off >> 8) & 0xff;
  f[8] = off & 0xff;
  f[10] = len >> 8;
  f[11] = len & 0xff;
  f.set(msg.subarray(off, off + len), 12);
  return f;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const DTLS_CLIENT_HELLO = concat(
  unhex('fefd'),
  new Uint8Array(32).fill(7),
  unhex('00'), // session id
  unhex('04deadbeef'), // cookie
  unhex('0004c02b00ff'),
  unhex('0100'),
  // extensions: server_name "dtls.example"
  unhex('0013 0000000f000d00000a64746c732e6578616d70'.replace(/\s/g, '')),
);
const DTLS_SERVER_HELLO = concat(unhex('fefd'), new Uint8Array(32).fill(9), unhex('00c02b00'));

/** A DTLS 1.2 flight: fragmented, retransmitted ClientHello; ServerHello; CCS; ciphertext. */
function dtlsFlight(): { isOrig: boolean; bytes: Uint8Array }[] {
  const ch = DTLS_CLIENT_HELLO;
  const half = 30;
  return [
    { isOrig: true, bytes: dtlsRecord(22, 0, 0, dtlsFragment(1, 0, ch, half, ch.length - half)) },
    { isOrig: true, bytes: dtlsRecord(22, 0, 1, dtlsFragment(1, 0, ch, 0, half)) },
    { isOrig: true, bytes: dtlsRecord(22, 0, 2, dtlsFragment(1, 0, ch, 0, ch.length)) },
    {
      isOrig: false,
      bytes: concat(
        dtlsRecord(22, 0, 0, dtlsFragment(2, 0, DTLS_SERVER_HELLO, 0, DTLS_SERVER_HELLO.length)),
        dtlsRecord(22, 0, 1, dtlsFragment(14, 1, new Uint8Array(0), 0, 0)),
      ),
    },
    {
      isOrig: true,
      bytes: concat(dtlsRecord(20, 0, 3, unhex('01')), dtlsRecord(22, 1, 0, new Uint8Array(40))),
    },
    {
      isOrig: false,
      bytes: concat(dtlsRecord(20, 0, 2, unhex('01')), dtlsRecord(22, 1, 0, new Uint8Array(40))),
    },
  ];
}

describe('DTLS', () => {
  it('reassembles fragments, drops retransmissions and logs as Zeek', () => {
    const flight = dtlsFlight();
    expect(looksLikeDtls(flight[0]!.bytes)).toBe(true);
    expect(looksLikeDtls(flight[3]!.bytes)).toBe(false);
    const d = new DtlsConn();
    for (const f of flight) d.datagram(f.isOrig, f.bytes, 1);
    const rec = tlsLogRecord(d.tls.orig, d.tls.resp);
    expect(rec).toMatchObject({
      version: 'DTLSv12',
      cipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      server_name: 'dtls.examp',
      established: true,
      ssl_history: 'CsnIi',
    });
  });

  it('reports malformed records and never throws', () => {
    const events: ProtocolEvent[] = [];
    const d = new DtlsConn((e) => events.push(e));
    d.datagram(true, dtlsRecord(22, 0, 0, unhex('01000010000000000000ffff')), 1);
    d.datagram(true, unhex('16fefd0000000000000000ffff00'), 1);
    expect(events.map((e) => e.name)).toEqual(['dtls_malformed_handshake', 'dtls_malformed_record']);
  });

  it('survives random and mutated datagrams (fuzz)', () => {
    const flight = dtlsFlight();
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc
              .tuple(fc.nat(flight.length - 1), fc.nat(400), fc.integer({ min: 0, max: 255 }), fc.nat(400))
              .map(([i, at, v, cut]) => {
                const b = flight[i]!.bytes.slice(0, Math.max(1, flight[i]!.bytes.length - (cut % 40)));
                b[at % b.length] = v;
                return b;
              }),
          ),
          { maxLength: 6 },
        ),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (datagrams, dirs) => {
          const d = new DtlsConn(() => {});
          for (const [i, b] of datagrams.entries()) d.datagram(dirs[i]!, b, 1);
          tlsLogRecord(d.tls.orig, d.tls.resp);
          const fresh = new DtlsConn(() => {});
          for (const f of flight) fresh.datagram(f.isOrig, f.bytes, 1);
          expect(tlsLogRecord(fresh.tls.orig, fresh.tls.resp).version).toBe('DTLSv12');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('QUIC fuzz', () => {
  it('survives random and mutated Initial packets, and still reads a valid handshake', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 1300 }),
            fc
              .tuple(
                fc.boolean(),
                fc.array(fc.tuple(fc.nat(1299), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
                fc.nat(1300),
              )
              .map(([client, edits, cut]) => {
                const src = client ? CLIENT_INITIAL : SERVER_INITIAL;
                const b = src.slice(0, Math.max(1, src.length - (cut % 200)));
                for (const [at, v] of edits) b[at % b.length] = v;
                return b;
              }),
          ),
          { maxLength: 5 },
        ),
        (datagrams) => {
          const events: ProtocolEvent[] = [];
          const q = new QuicConn((e) => events.push(e));
          for (const [i, b] of datagrams.entries()) {
            looksLikeQuicInitial(b);
            q.datagram(i % 2 === 0, b, 1);
          }
          expect(events.length).toBeLessThanOrEqual(16);
          // The same connection still reads the genuine handshake afterwards (in the client's
          // direction, if an unchanged client Initial already fixed it).
          const client = q.clientIsOrig ?? true;
          q.datagram(client, CLIENT_INITIAL, 2);
          q.datagram(!client, SERVER_INITIAL, 3);
          const rec = tlsLogRecord(q.tls.orig, q.tls.resp);
          expect(rec.server_name).toBe('example.com');
          expect(rec.cipher).toBe('TLS_AES_128_GCM_SHA256');
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Corpus: Zeek's baselines for the QUIC and DTLS cases.

const ZEEK = corpusPath('zeek', 'cases.json') ? corpusPath('zeek') : undefined;

interface Case {
  baseline: string;
  traces: string[];
  files: string[];
  cmd: string[];
}

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

describe.skipIf(!ZEEK)('Zeek corpus (QUIC, DTLS)', () => {
  const root = ZEEK!;
  const cases = (ZEEK ? (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]) : []).filter(
    (c) => /protocols\.(quic|ssl\.dtls)/.test(c.baseline),
  );
  const run = (c: Case) => {
    const trace = c.traces[0];
    const path = trace && corpusPath('zeek', 'traces', trace);
    // Zeek verifies checksums unless run with -C (cases without a command line were run with it).
    const verifyChecksums = c.cmd.length > 0 && !/\s-C\b|\s-\w*C\w*\s/.test(c.cmd.join(' '));
    return path ? extractCapture(new Uint8Array(readFileSync(path)), { verifyChecksums }) : undefined;
  };

  it('matches ssl.log', () => {
    let rows = 0;
    for (const c of cases) {
      if (!c.files.includes('ssl.log')) continue;
      const result = run(c);
      if (!result) continue;
      for (const row of readLog(join(root, 'baselines', c.baseline, 'ssl.log'))) {
        rows++;
        const ours = result.apps.ssl.find(
          (s) => s.id.origH === row['id.orig_h'] && String(s.id.origP) === row['id.orig_p'],
        );
        expect(ours, `${c.baseline} ${row['id.orig_h']}:${row['id.orig_p']}`).toBeDefined();
        const r = ours!.rec;
        const got = {
          version: r.version ?? '-',
          cipher: r.cipher ?? '-',
          curve: r.curve ?? '-',
          server_name: r.server_name ?? '-',
          resumed: r.resumed ? 'T' : 'F',
          established: r.established ? 'T' : 'F',
          next_protocol: r.next_protocol ?? '-',
          ssl_history: r.ssl_history || '-',
          cert_chain_fps: r.cert_chain_fps?.join(',') || '-',
        };
        const want = Object.fromEntries(Object.keys(got).map((k) => [k, row[k] ?? '-']));
        expect(got, c.baseline).toEqual(want);
      }
    }
    expect(rows).toBe(10);
  });

  it('reads the fragmented ClientHello of quic.log cases', () => {
    const c = cases.find((x) => x.baseline.endsWith('quic.quic-log'));
    const result = c && run(c);
    if (!c || !result) return;
    const [row] = readLog(join(root, 'baselines', c.baseline, 'quic.log'));
    expect(result.apps.ssl.map((s) => s.rec.server_name)).toEqual([row!.server_name]);
  });

  it('confirms quic,ssl in conn.log on a custom port', () => {
    let n = 0;
    for (const c of cases) {
      if (!c.files.includes('conn.log')) continue;
      const result = run(c);
      if (!result) continue;
      const want = readLog(join(root, 'baselines', c.baseline, 'conn.log')).map((r) => r.service);
      expect(result.conns.map((r) => r.service.join(','))).toEqual(want);
      n++;
    }
    expect(n).toBe(2);
  });

  it('does not take the unknown-version packets of vector-max-size-crash for QUIC', () => {
    const c = cases.find((x) => x.baseline.endsWith('vector-max-size-crash'));
    const result = c && run(c);
    if (!result) return;
    expect(result.apps.ssl).toEqual([]);
  });
});
