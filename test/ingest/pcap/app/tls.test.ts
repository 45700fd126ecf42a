/**
 * TLS stream parser: hand-built handshakes (split across records and across push() calls at
 * every byte boundary), GREASE, JA3/JA3S/JA4 against published values, the ssl.log mapping
 * against Zeek's baselines on the corpus traces, and fuzzing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTlsPair,
  isGrease,
  ja3,
  ja3String,
  ja3s,
  ja3sString,
  ja4,
  leafValidation,
  looksLikeTls,
  parseClientHello,
  parseX509,
  TLS_MAX_RECORD,
  type TlsClientHello,
  type TlsLogRecord,
  TlsStreamParser,
  tlsCipherName,
  tlsGroupName,
  tlsLogRecord,
  tlsVersionName,
} from '../../../../src/ingest/pcap/app/tls.js';
import type { ProtocolEvent } from '../../../../src/ingest/pcap/packet.js';
import { corpusPath } from '../../../helpers/corpus.js';
import { readTcpConnections, type TcpConnection } from '../../../helpers/tcp-payloads.js';

// ---------------------------------------------------------------------------------------------
// Builders

const bytes = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  const all = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of all) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const u8 = (v: number): number[] => [v & 0xff];
const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const u24 = (v: number): number[] => [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const vec8 = (b: Uint8Array | number[]): Uint8Array => bytes(u8(b.length), b);
const vec16 = (b: Uint8Array | number[]): Uint8Array => bytes(u16(b.length), b);
const vec24 = (b: Uint8Array | number[]): Uint8Array => bytes(u24(b.length), b);
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const list16 = (vals: number[]): number[] => vals.flatMap(u16);

const ext = (type: number, data: Uint8Array | number[]): Uint8Array => bytes(u16(type), vec16(data));
const sni = (name: string): Uint8Array => ext(0, vec16(bytes([0], vec16(ascii(name)))));
const alpn = (...names: string[]): Uint8Array => ext(16, vec16(bytes(...names.map((n) => vec8(ascii(n))))));
const groups = (...g: number[]): Uint8Array => ext(10, vec16(list16(g)));
const pointFormats = (...f: number[]): Uint8Array => ext(11, vec8(f));
const sigAlgs = (...a: number[]): Uint8Array => ext(13, vec16(list16(a)));
const versionsCH = (...v: number[]): Uint8Array => ext(43, vec8(list16(v)));
const keyShareCH = (...g: number[]): Uint8Array =>
  ext(51, vec16(bytes(...g.map((x) => bytes(u16(x), vec16(new Uint8Array(32).fill(7)))))));
const empty = (type: number): Uint8Array => ext(type, []);

interface HelloSpec {
  version?: number;
  sessionId?: Uint8Array;
  ciphers: number[];
  extensions?: Uint8Array[];
  random?: Uint8Array;
}

function clientHello(s: HelloSpec): Uint8Array {
  const body = bytes(
    u16(s.version ?? 0x0303),
    s.random ?? new Uint8Array(32).fill(0x11),
    vec8(s.sessionId ?? []),
    vec16(list16(s.ciphers)),
    vec8([0]),
    s.extensions ? vec16(bytes(...s.extensions)) : [],
  );
  return handshake(1, body);
}

function serverHello(s: {
  version?: number;
  sessionId?: Uint8Array;
  cipher: number;
  extensions?: Uint8Array[];
  random?: Uint8Array;
}): Uint8Array {
  const body = bytes(
    u16(s.version ?? 0x0303),
    s.random ?? new Uint8Array(32).fill(0x22),
    vec8(s.sessionId ?? []),
    u16(s.cipher),
    [0],
    s.extensions ? vec16(bytes(...s.extensions)) : [],
  );
  return handshake(2, body);
}

const handshake = (type: number, body: Uint8Array): Uint8Array => bytes([type], vec24(body));
/** TLS records of one content type; `chunk` splits the payload over several records. */
function records(type: number, payload: Uint8Array, chunk = 16384, version = 0x0303): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let o = 0; o < payload.length || (o === 0 && payload.length === 0); o += chunk) {
    const piece = payload.subarray(o, Math.min(payload.length, o + chunk));
    parts.push(bytes([type], u16(version), vec16(piece)));
    if (payload.length === 0) break;
  }
  return bytes(...parts);
}
const ccs = (): Uint8Array => records(20, Uint8Array.of(1));
const encrypted = (type: number, n: number): Uint8Array => records(type, new Uint8Array(n).fill(0xee));

// DER for a test certificate (structure only: the signature is not checked by anyone).
const der = (tag: number, ...parts: (Uint8Array | number[])[]): Uint8Array => {
  const content = bytes(...parts);
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return bytes([tag], len, content);
};
const oid = (dotted: string): Uint8Array => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const v of rest) {
    const enc = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) enc.unshift(0x80 | (x & 0x7f));
    out.push(...enc);
  }
  return der(0x06, out);
};
const atv = (type: string, tag: number, value: Uint8Array): Uint8Array =>
  der(0x30, oid(type), der(tag, value));
const rdn = (...atvs: Uint8Array[]): Uint8Array => der(0x31, ...atvs);

function testCertificate(): Uint8Array {
  const issuer = der(
    0x30,
    rdn(atv('2.5.4.6', 0x13, ascii('DE'))),
    rdn(atv('2.5.4.10', 0x0c, ascii('Example, Inc.'))),
    rdn(atv('2.5.4.7', 0x0c, Uint8Array.from(Buffer.from('Köln', 'utf8')))),
    rdn(atv('2.5.4.3', 0x13, ascii('Example CA'))),
  );
  const subject = der(
    0x30,
    rdn(atv('2.5.4.6', 0x13, ascii('US'))),
    rdn(atv('2.5.4.11', 0x0c, ascii('Web')), atv('2.5.4.3', 0x0c, ascii('www.example.com'))),
    rdn(atv('1.2.840.113549.1.9.1', 0x16, ascii('admin@example.com'))),
    rdn(atv('1.2.3.4', 0x0c, ascii('x'))),
  );
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, [2])),
    der(0x02, [0x00, 0x9a, 0x01, 0x02]),
    der(0x30, oid('1.2.840.113549.1.1.11'), [5, 0]),
    issuer,
    der(0x30, der(0x17, ascii('491231235959Z')), der(0x18, ascii('20500101000000Z'))),
    subject,
    der(0x30, der(0x30, oid('1.2.840.113549.1.1.1'), [5, 0]), der(0x03, [0, 1, 2, 3])),
  );
  return der(0x30, tbs, der(0x30, oid('1.2.840.113549.1.1.11'), [5, 0]), der(0x03, [0, 9, 9]));
}

// A Chrome-like TLS 1.3 ClientHello with GREASE in ciphers, extensions, groups and versions.
const GREASE_CH = clientHello({
  sessionId: new Uint8Array(32).fill(5),
  ciphers: [0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013],
  extensions: [
    empty(0x0a0a),
    sni('example.com'),
    empty(23),
    ext(65281, [0]),
    groups(0x6a6a, 29, 23, 24),
    pointFormats(0),
    empty(35),
    alpn('h2', 'http/1.1'),
    sigAlgs(0x0403, 0x0804, 0x0401),
    keyShareCH(0x6a6a, 29),
    ext(45, vec8([1])),
    versionsCH(0x7a7a, 0x0304, 0x0303),
    ext(0xfafa, [0]),
  ],
});

const flatten = (h: TlsClientHello) => ({
  ...h,
  random: Array.from(h.random),
  sessionId: Array.from(h.sessionId),
});

// ---------------------------------------------------------------------------------------------

describe('names', () => {
  it('prints versions, ciphers and groups the way Zeek does', () => {
    expect(tlsVersionName(0x0303)).toBe('TLSv12');
    expect(tlsVersionName(0x7f17)).toBe('TLSv13-draft23');
    expect(tlsVersionName(0x7e01)).toBe('unknown-32257');
    expect(tlsCipherName(0xc02f)).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(tlsCipherName(0x0018)).toBe('TLS_DH_ANON_WITH_RC4_128_MD5');
    expect(tlsCipherName(0x1a1a)).toBe('grease_0x1A1A');
    expect(tlsCipherName(0x1337)).toBe('unknown-4919');
    expect(tlsGroupName(23)).toBe('secp256r1');
    expect(tlsGroupName(29)).toBe('x25519');
    expect(tlsGroupName(257)).toBe('ffdhe3072');
    expect(isGrease(0xdada)).toBe(true);
    expect(isGrease(0xdadb)).toBe(false);
  });
});

describe('ClientHello', () => {
  it('parses every field and keeps GREASE in the raw lists', () => {
    const p = new TlsStreamParser();
    p.push(records(22, GREASE_CH), 1);
    const ch = p.conn.clientHello!;
    expect(ch.malformed).toBe(false);
    expect(ch.version).toBe(0x0303);
    expect(ch.serverNames).toEqual(['example.com']);
    expect(ch.alpn).toEqual(['h2', 'http/1.1']);
    expect(ch.cipherSuites[0]).toBe(0x2a2a);
    expect(ch.supportedVersions).toEqual([0x7a7a, 0x0304, 0x0303]);
    expect(ch.supportedGroups).toEqual([0x6a6a, 29, 23, 24]);
    expect(ch.ecPointFormats).toEqual([0]);
    expect(ch.signatureAlgorithms).toEqual([0x0403, 0x0804, 0x0401]);
    expect(ch.keyShareGroups).toEqual([0x6a6a, 29]);
    expect(ch.extensions).toEqual([0x0a0a, 0, 23, 65281, 10, 11, 35, 16, 13, 51, 45, 43, 0xfafa]);
    expect(p.conn.serverName).toBe('example.com');
    expect(p.conn.history).toBe('C');
  });

  it('leaves GREASE out of JA3 and JA4', () => {
    const ch = parseClientHello(GREASE_CH.subarray(4));
    expect(ja3String(ch)).toBe(
      '771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171,0-23-65281-10-11-35-16-13-51-45-43,29-23-24,0',
    );
    // 10 ciphers, 11 extensions without GREASE; highest supported version 1.3; ALPN h2.
    expect(ja4(ch).ja4.slice(0, 10)).toBe('t13d1011h2');
    expect(ja4(ch).ja4_r).toBe(
      't13d1011h2_1301,1302,1303,c013,c02b,c02c,c02f,c030,cca8,cca9_000a,000b,000d,0017,0023,002b,002d,0033,ff01_0403,0804,0401',
    );
  });

  it('reads a hello split over one-byte records and pushed one byte at a time', () => {
    const stream = records(22, GREASE_CH, 1);
    const whole = new TlsStreamParser();
    whole.push(stream, 0);
    const bytewise = new TlsStreamParser();
    for (let i = 0; i < stream.length; i++) bytewise.push(stream.subarray(i, i + 1), 0);
    expect(flatten(bytewise.conn.clientHello!)).toEqual(flatten(whole.conn.clientHello!));
    expect(flatten(whole.conn.clientHello!)).toEqual(flatten(parseClientHello(GREASE_CH.subarray(4))));
  });

  it('gives the same result for a push() split at every byte boundary', () => {
    const stream = bytes(records(22, GREASE_CH.subarray(0, 100)), records(22, GREASE_CH.subarray(100)));
    const ref = new TlsStreamParser();
    ref.push(stream, 0);
    const want = JSON.stringify(flatten(ref.conn.clientHello!));
    for (let k = 1; k < stream.length; k++) {
      const p = new TlsStreamParser();
      p.push(stream.subarray(0, k), 0);
      p.push(stream.subarray(k), 0);
      expect(JSON.stringify(flatten(p.conn.clientHello!))).toBe(want);
    }
  });

  it('detects and parses an SSLv2-compatible client hello', () => {
    const ciphers = [0x010080, 0x00002f, 0x000035];
    const msg = bytes(
      [1],
      u16(0x0301),
      u16(ciphers.length * 3),
      u16(0),
      u16(16),
      ciphers.flatMap((c) => [c >> 16, (c >> 8) & 0xff, c & 0xff]),
      new Uint8Array(16).fill(9),
    );
    const rec = bytes([0x80 | (msg.length >> 8), msg.length & 0xff], msg);
    expect(looksLikeTls(rec)).toBe(true);
    const p = new TlsStreamParser();
    for (const b of rec) p.push(Uint8Array.of(b), 0);
    const ch = p.conn.clientHello!;
    expect(ch.sslv2).toBe(true);
    expect(ch.version).toBe(0x0301);
    expect(ch.cipherSuites).toEqual(ciphers);
    expect(ja3(ch)).toBeUndefined();
    // The client goes on in TLS records.
    p.push(records(22, handshake(16, new Uint8Array(10))), 0);
    expect(p.done).toBe(false);
  });
});

describe('fingerprints on published examples', () => {
  // FoxIO JA4 spec example (technical_details/JA4.md) as CyberChef's JA4 test encodes it.
  const CHROME_JA4 =
    '1603010200010001fc0303b2c03e7ba990ef540c316a665d4d925f8e9079ac4b15687e587dc99016e75a6c20d0b0099243c9296a0c84153ea4ada7d87ad017f4211c2ea1350b0b3cc5514d5f00205a5a130113021303c02bc02fc02cc030cca9cca8c013c014009c009d002f003501000193fafa000000000024002200001f636f6e74656e742d6175746f66696c6c2e676f6f676c65617069732e636f6d0033002b00293a3a000100001d0020fb2cd8ef3d605b96ab03119ec4f30a6e2088cb1af86c41a81feace8706068c50000d001200100403080404010503080505010806060100230000000b00020100ff01000100000a000a00083a3a001d00170018001b000302000244690005000302683200120000002d000201010010000e000c02683208687474702f312e31000500050100000000002b0007060a0a03040303001700001a1a000100001500b8' +
    '00'.repeat(0xb8);
  const FIREFOX_JA4 =
    '1603010200010001fc0303ecb2691addb2bf6c599c7aaae23de5f42561cc04eb41029acc6fc050a16ac1d22046f8617b580ac9358e2aa44e306d52466bcc989c87c8ca64309f5faf50ba7b4d0022130113031302c02bc02fcca9cca8c02cc030c00ac009c013c014009c009d002f00350100019100000021001f00001c636f6e74696c652e73657276696365732e6d6f7a696c6c612e636f6d00170000ff01000100000a000e000c001d00170018001901000101000b00020100002300000010000e000c02683208687474702f312e310005000501000000000022000a000804030503060302030033006b0069001d00208909858fbeb6ed2f1248ba5b9e2978bead0e840110192c61daed0096798b184400170041044d183d91f5eed35791fa982464e3b0214aaa5f5d1b78616d9b9fbebc22d11f535b2f94c686143136aa795e6e5a875d6c08064ad5b76d44caad766e2483012748002b00050403040303000d0018001604030503060308040805080604010501060102030201002d00020101001c000240010015007a' +
    '00'.repeat(0x7a);
  const hello = (h: string): TlsClientHello => {
    const p = new TlsStreamParser();
    p.push(fromHex(h), 0);
    return p.conn.clientHello!;
  };

  it('JA4 of the FoxIO spec example and a Firefox hello', () => {
    expect(ja4(hello(CHROME_JA4)).ja4).toBe('t13d1516h2_8daaf6152771_e5627efa2ab1');
    expect(ja4(hello(CHROME_JA4)).ja4_o).toBe('t13d1516h2_acb858a92679_5276cb03a33b');
    expect(ja4(hello(FIREFOX_JA4)).ja4).toBe('t13d1715h2_5b57614c22b0_3d5424432f57');
    expect(ja4(hello(FIREFOX_JA4)).ja4_o).toBe('t13d1715h2_5b234860e130_014157ec0da2');
  });

  it('JA4 raw forms of the spec, and a browserleaks JA3/JA4 sample, from their value lists', () => {
    // The spec's lists (JA4.md "Raw Output"), in its original order.
    const spec = parseClientHello(
      clientHello({
        ciphers: [
          0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c,
          0x009d, 0x002f, 0x0035,
        ],
        extensions: [
          empty(0x1b),
          sni('a.example'),
          keyShareCH(29),
          alpn('h2'),
          empty(0x4469),
          empty(0x17),
          empty(0x2d),
          sigAlgs(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601),
          empty(0x05),
          empty(0x23),
          empty(0x12),
          versionsCH(0x0304, 0x0303),
          empty(0xff01),
          pointFormats(0),
          groups(29, 23, 24),
          empty(0x15),
        ],
      }).subarray(4),
    );
    const j = ja4(spec);
    expect(j.ja4).toBe('t13d1516h2_8daaf6152771_e5627efa2ab1');
    expect(j.ja4_r).toBe(
      't13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601',
    );
    expect(j.ja4_o).toBe('t13d1516h2_acb858a92679_18f69afefd3d');
    expect(j.ja4_ro).toBe(
      't13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_0403,0804,0401,0503,0805,0501,0806,0601',
    );

    // A published browserleaks report: ja3_text, ja3_hash, ja4, ja4_o for one Chrome hello.
    const leaks = parseClientHello(
      clientHello({
        ciphers: [
          0x2a2a, 4865, 4866, 4867, 49195, 49199, 49196, 49200, 52393, 52392, 49171, 49172, 156, 157, 47, 53,
        ],
        extensions: [
          empty(0x3a3a),
          ext(45, vec8([1])),
          keyShareCH(4588, 29),
          alpn('h2', 'http/1.1'),
          ext(65037, [0]),
          empty(23),
          ext(17613, [0]),
          sni('tls.browserleaks.com'),
          pointFormats(0),
          groups(0x4a4a, 4588, 29, 23, 24),
          versionsCH(0x0a0a, 0x0304, 0x0303),
          ext(65281, [0]),
          empty(35),
          empty(18),
          ext(5, [1, 0, 0, 0, 0]),
          sigAlgs(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601),
          ext(27, [2, 0, 2]),
          ext(0x1a1a, [0]),
        ],
      }).subarray(4),
    );
    expect(ja3String(leaks)).toBe(
      '771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0',
    );
    expect(ja3(leaks)).toBe('98487aa16281980e7d1120d399efb6a4');
    expect(ja4(leaks).ja4).toBe('t13d1516h2_8daaf6152771_d8a2da3f94cd');
    expect(ja4(leaks).ja4_o).toBe('t13d1516h2_acb858a92679_f96a17c57971');
  });

  it('JA4 edge rules: no ALPN, non-alphanumeric ALPN, no ciphers, no signature algorithms', () => {
    const base = { ciphers: [0x1301], extensions: [versionsCH(0x0303)] };
    expect(ja4(parseClientHello(clientHello(base).subarray(4))).ja4.slice(0, 10)).toBe('t12i010100');
    const odd = parseClientHello(
      clientHello({ ciphers: [], extensions: [ext(16, vec16(vec8([0x30, 0xab])))] }).subarray(4),
    );
    expect(ja4(odd).ja4).toBe(`t12i00013b_000000000000_000000000000`);
    const noSigs = parseClientHello(clientHello({ ciphers: [1], extensions: [empty(0x17)] }).subarray(4));
    expect(ja4(noSigs).ja4_r).toBe('t12i010100_0001_0017');
    expect(ja4(noSigs, 'q').ja4.startsWith('q12')).toBe(true);
  });

  // CyberChef's JA3 / JA3S test vectors (hex of the record).
  const JA3_CASES: [string, string][] = [
    [
      '16030100a4010000a00301543dd2dd48f517ca9a93b1e599f019fdece704a23e86c1dcac588427abbaddf200005cc014c00a0039003800880087c00fc00500350084c012c00800160013c00dc003000ac013c00900330032009a009900450044c00ec004002f009600410007c011c007c00cc002000500040015001200090014001100080006000300ff0100001b000b000403000102000a000600040018001700230000000f000101',
      '503053a0c5b2bd9b9334bf7f3d3b8852',
    ],
    [
      '16030100a4010000a00302543dd2ed907e47d0086f34bee2c52dd6ccd8de63ba9387f5e810b09d9d49b38000005cc014c00a0039003800880087c00fc00500350084c012c00800160013c00dc003000ac013c00900330032009a009900450044c00ec004002f009600410007c011c007c00cc002000500040015001200090014001100080006000300ff0100001b000b000403000102000a000600040018001700230000000f000101',
      'a314eb64cee6cb832aaaa372c8295bab',
    ],
    [
      '1603010102010000fe0303543dd3283283692d85f9416b5ccc65d2aafca45c6530b3c6eafbf6d371b6a015000094c030c02cc028c024c014c00a00a3009f006b006a0039003800880087c032c02ec02ac026c00fc005009d003d00350084c012c00800160013c00dc003000ac02fc02bc027c023c013c00900a2009e0067004000330032009a009900450044c031c02dc029c025c00ec004009c003c002f009600410007c011c007c00cc002000500040015001200090014001100080006000300ff01000041000b000403000102000a000600040018001700230000000d002200200601060206030501050205030401040204030301030203030201020202030101000f000101',
      'c1a36e1a870786cc75edddc0009eaf3a',
    ],
    [
      '1603010200010001fc03034355d402c132771a9386b6e9994ae37069e0621af504c26673b1343843c21d8d0000264a4a130113021303c02bc02fc02cc030cca9cca8cc14cc13c013c014009c009d002f0035000a010001addada0000ff01000100000000180016000013626c6f672e636c6f7564666c6172652e636f6d0017000000230000000d00140012040308040401050308050501080606010201000500050100000000001200000010000e000c02683208687474702f312e3175500000000b000201000028002b00295a5a000100001d0020cf78b9167af054b922a96752b43973107b2a57766357dd288b2b42ab5df30e08002d00020101002b000b0acaca7f12030303020301000a000a00085a5a001d001700180a0a000100001500e4' +
        '00'.repeat(0xe4),
      '4826a90ec2daf4f7b4b64cc1c8bd343b',
    ],
  ];
  const JA3S_CASES: [string, string][] = [
    [
      '160301003d020000390301543dd2ddedbfe33895bd6bc676a3fa6b9fe5773a6e04d5476d1af3bcbc1dcbbb00c011000011ff01000100000b00040300010200230000',
      'bed95e1b525d2f41db3a6d68fac5b566',
    ],
    [
      '160302003d020000390302543dd2ed88131999a0120d36c14a4139671d75aae3d7d7779081d3cf7dd7725a00c013000011ff01000100000b00040300010200230000',
      '130fac2dc19b142500acb0abc63b6379',
    ],
    [
      '160303003d020000390303543dd328b38b445686739d58fab733fa23838f575e0e5ad9a1b9baace6cc3b4100c02f000011ff01000100000b00040300010200230000',
      'ccc514751b175866924439bdbb5bba34',
    ],
  ];
  /**
   * CyberChef's fourth JA3S vector is a TLS 1.3 draft-18 ServerHello (version 0x7f12, which has
   * no session id and no compression method); CyberChef reads it with the TLS 1.2 layout and
   * hashes the misparse, so only the string we derive from the real layout is checked.
   */
  const DRAFT18_SH =
    '16030100520200004e7f123ef1609fd3f4fa8668aac5822d500fb0639b22671d0fb7258597355795511bf61301002800280024001d0020ae0e282a3b7a463e71064ecbaf671586e979b0edbebf7a4735c31678c70f660c';

  it('JA3 on published client hellos', () => {
    for (const [h, want] of JA3_CASES) expect(ja3(hello(h))).toBe(want);
  });

  it('JA3S on published server hellos', () => {
    for (const [h, want] of JA3S_CASES) {
      const { orig, resp } = createTlsPair();
      orig.push(records(22, GREASE_CH), 0);
      resp.push(fromHex(h), 0);
      expect(ja3s(resp.conn.serverHello!)).toBe(want);
    }
    const { orig, resp } = createTlsPair();
    orig.push(records(22, GREASE_CH), 0);
    resp.push(fromHex(DRAFT18_SH), 0);
    expect(ja3sString(resp.conn.serverHello!)).toBe('32530,4865,40');
  });
});

// ---------------------------------------------------------------------------------------------
// Whole handshakes

const CERT = testCertificate();

/** A TLS 1.2 ECDHE handshake with a session ticket: Zeek's history CsxknGIti. */
function tls12Flights(): { o1: Uint8Array; r1: Uint8Array; o2: Uint8Array; r2: Uint8Array } {
  const ch = clientHello({
    ciphers: [0xc02f, 0xc030, 0x009c],
    extensions: [sni('www.example.com'), groups(23, 24), pointFormats(0), alpn('h2', 'http/1.1'), empty(35)],
  });
  const sh = serverHello({ cipher: 0xc02f, extensions: [alpn('h2'), empty(35), ext(65281, [0])] });
  const cert = handshake(11, vec24(vec24(CERT)));
  const ske = handshake(
    12,
    bytes([3], u16(23), vec8(new Uint8Array(65).fill(4)), u16(0x0401), vec16(new Uint8Array(64))),
  );
  const shd = handshake(14, new Uint8Array(0));
  return {
    o1: records(22, ch, 16384, 0x0301),
    // Several messages coalesced, then split across records at odd places.
    r1: records(22, bytes(sh, cert, ske, shd), 37),
    o2: bytes(records(22, handshake(16, vec8(new Uint8Array(65).fill(3)))), ccs(), encrypted(22, 40)),
    r2: bytes(
      records(22, handshake(4, bytes([0, 0, 1, 0], vec16(new Uint8Array(50))))),
      ccs(),
      encrypted(22, 40),
    ),
  };
}

function run(flights: [boolean, Uint8Array][], sink?: (e: ProtocolEvent) => void): TlsLogRecord {
  const { orig, resp } = createTlsPair(sink);
  for (const [fromOrig, b] of flights) (fromOrig ? orig : resp).push(b, 1);
  return tlsLogRecord(orig, resp);
}

describe('sessions', () => {
  it('maps a TLS 1.2 handshake to Zeek ssl.log fields', () => {
    const f = tls12Flights();
    const fp = createHash('sha256').update(CERT).digest('hex');
    const rec = run([
      [true, f.o1],
      [false, f.r1],
      [true, f.o2],
      [false, f.r2],
      [true, encrypted(23, 100)],
    ]);
    expect(rec).toMatchObject({
      version: 'TLSv12',
      cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      curve: 'secp256r1',
      server_name: 'www.example.com',
      resumed: false,
      next_protocol: 'h2',
      established: true,
      ssl_history: 'CsxknGIti',
      cert_chain_fps: [fp],
      client_cert_chain_fps: [],
      subject: '1.2.3.4=#0C0178,emailAddress=admin@example.com,CN=www.example.com+OU=Web,C=US',
      issuer: 'CN=Example CA,L=K\\C3\\B6ln,O=Example\\, Inc.,C=DE',
    });
    expect(rec.ja3).toMatch(/^[0-9a-f]{32}$/);
    expect(rec.ja4).toMatch(/^t12d0305h2_/);
  });

  it('gives the same record whatever the push() boundaries', () => {
    const f = tls12Flights();
    const want = run([
      [true, f.o1],
      [false, f.r1],
      [true, f.o2],
      [false, f.r2],
    ]);
    for (const key of ['o1', 'r1', 'o2', 'r2'] as const) {
      const s = f[key];
      for (let k = 1; k < s.length; k++) {
        const flights: [boolean, Uint8Array][] = [];
        for (const name of ['o1', 'r1', 'o2', 'r2'] as const) {
          const fromOrig = name[0] === 'o';
          if (name === key) flights.push([fromOrig, s.subarray(0, k)], [fromOrig, s.subarray(k)]);
          else flights.push([fromOrig, f[name]]);
        }
        expect(run(flights)).toEqual(want);
      }
    }
    // One byte at a time, every flight.
    const { orig, resp } = createTlsPair();
    for (const [p, s] of [
      [orig, f.o1],
      [resp, f.r1],
      [orig, f.o2],
      [resp, f.r2],
    ] as const)
      for (let i = 0; i < s.length; i++) p.push(s.subarray(i, i + 1), 0);
    expect(tlsLogRecord(orig, resp)).toEqual(want);
  });

  it('reads the certificate fields the way x509.log prints them', () => {
    const x = parseX509(CERT)!;
    expect(x.version).toBe(3);
    expect(x.serial).toBe('9A0102');
    expect(x.notValidBefore).toBe(Date.UTC(2049, 11, 31, 23, 59, 59) / 1000);
    expect(x.notValidAfter).toBe(Date.UTC(2050, 0, 1) / 1000);
    expect(parseX509(CERT.subarray(0, 40))).toBeUndefined();
  });

  it('TLS 1.3: supported_versions, key_share curve, established on application data', () => {
    const ch = clientHello({
      sessionId: new Uint8Array(32).fill(1),
      ciphers: [0x1301, 0x1302],
      extensions: [sni('tls13.example'), versionsCH(0x0304, 0x0303), keyShareCH(29), groups(29, 23)],
    });
    const sh = serverHello({
      sessionId: new Uint8Array(32).fill(1),
      cipher: 0x1301,
      extensions: [ext(43, u16(0x0304)), ext(51, bytes(u16(29), vec16(new Uint8Array(32))))],
    });
    const rec = run([
      [true, records(22, ch, 16384, 0x0301)],
      [false, bytes(records(22, sh), ccs(), encrypted(23, 500), encrypted(23, 300))],
      [true, bytes(ccs(), encrypted(23, 53))],
      [false, encrypted(23, 200)],
    ]);
    // The echoed session id does not make a TLS 1.3 session resumed.
    expect(rec).toMatchObject({
      version: 'TLSv13',
      cipher: 'TLS_AES_128_GCM_SHA256',
      curve: 'x25519',
      server_name: 'tls13.example',
      resumed: false,
      established: true,
      ssl_history: 'CsiI',
    });
    expect(rec.cert_chain_fps).toBeUndefined();
  });

  it('TLS 1.3 resumption by PSK, and a HelloRetryRequest', () => {
    const ch = clientHello({
      ciphers: [0x1301],
      extensions: [versionsCH(0x0304), keyShareCH(23), ext(41, [0, 0])],
    });
    const hrr = serverHello({
      random: fromHex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c'),
      cipher: 0x1301,
      extensions: [ext(43, u16(0x0304)), ext(51, u16(29))],
    });
    const sh = serverHello({
      cipher: 0x1301,
      extensions: [ext(43, u16(0x0304)), ext(51, bytes(u16(29), vec16(new Uint8Array(32)))), ext(41, [0, 0])],
    });
    const rec = run([
      [true, records(22, ch)],
      [false, records(22, hrr)],
      [true, records(22, ch)],
      [false, bytes(records(22, sh), encrypted(23, 100))],
      [true, encrypted(23, 50)],
    ]);
    expect(rec).toMatchObject({ resumed: true, established: true, ssl_history: 'CjCs', curve: 'x25519' });
  });

  it('TLS 1.2 resumption by session id; alerts; flipped direction', () => {
    const sid = new Uint8Array(32).fill(0xab);
    const ch = clientHello({ sessionId: sid, ciphers: [0x002f] });
    const sh = serverHello({ sessionId: sid, cipher: 0x002f });
    expect(
      run([
        [true, records(22, ch)],
        [false, bytes(records(22, sh), ccs(), encrypted(22, 40))],
        [true, bytes(ccs(), encrypted(22, 40))],
      ]),
    ).toMatchObject({
      resumed: true,
      established: true,
      ssl_history: 'CsiI',
      cipher: 'TLS_RSA_WITH_AES_128_CBC_SHA',
    });

    expect(
      run([
        [true, records(22, ch)],
        [false, records(21, Uint8Array.of(2, 40))],
      ]),
    ).toMatchObject({
      last_alert: 'handshake_failure',
      ssl_history: 'Cl',
      established: false,
    });

    // The responder sends the ClientHello (e.g. after STUN): Zeek marks the flip with '^'.
    const flipped = run([
      [false, records(22, ch)],
      [true, records(22, sh)],
    ]);
    expect(flipped.ssl_history).toBe('^Cs');
  });

  it('two independent parsers still give the hello fields', () => {
    const f = tls12Flights();
    const a = new TlsStreamParser({ isOrig: true });
    const b = new TlsStreamParser({ isOrig: false });
    a.push(f.o1, 0);
    b.push(f.r1, 0);
    expect(tlsLogRecord(a, b)).toMatchObject({
      version: 'TLSv12',
      server_name: 'www.example.com',
      established: false,
      ssl_history: '',
    });
  });
});

describe('bounds and violations', () => {
  it('rejects an oversized record, stops both directions, and says so', () => {
    const events: ProtocolEvent[] = [];
    const { orig, resp } = createTlsPair((e) => events.push(e));
    orig.push(bytes([22], u16(0x0303), u16(TLS_MAX_RECORD + 1)), 5);
    expect(events.map((e) => e.name)).toEqual(['tls_record_too_long']);
    expect(events[0]!.ts).toBe(5);
    expect(orig.done && resp.done).toBe(true);
    resp.push(records(22, GREASE_CH), 6);
    expect(resp.conn.clientHello).toBeUndefined();
  });

  it('skips an oversized non-certificate handshake message and stays in sync', () => {
    const events: ProtocolEvent[] = [];
    const p = new TlsStreamParser({ sink: (e) => events.push(e) });
    const huge = handshake(99, new Uint8Array(70_000));
    p.push(records(22, bytes(huge, GREASE_CH)), 0);
    expect(events.map((e) => e.name)).toEqual(['tls_handshake_too_long']);
    expect(p.conn.clientHello?.serverNames).toEqual(['example.com']);
  });

  it('streams a certificate larger than the reassembly bound', () => {
    const big = der(0x30, der(0x30, der(0x02, [1])), new Uint8Array(0)); // unreadable shape, hashed anyway
    const bigger = bytes(CERT.subarray(0, 2), CERT.subarray(2));
    const pad = new Uint8Array(70_000).fill(0x41);
    const msg = handshake(11, vec24(bytes(vec24(bigger), vec24(pad), vec24(big))));
    const { orig, resp } = createTlsPair();
    orig.push(records(22, GREASE_CH), 0);
    resp.push(records(22, bytes(serverHello({ cipher: 0x002f }), msg), 1000), 0);
    const rec = tlsLogRecord(orig, resp);
    expect(rec.cert_chain_fps).toEqual(
      [bigger, pad, big].map((d) => createHash('sha256').update(d).digest('hex')),
    );
    expect(rec.subject).toContain('CN=www.example.com');
    expect(rec.ssl_history).toBe('Csx');
  });

  it('treats non-TLS as a violation', () => {
    const events: ProtocolEvent[] = [];
    const p = new TlsStreamParser({ sink: (e) => events.push(e) });
    p.push(ascii('GET / HTTP/1.1\r\n\r\n'), 0);
    expect(events[0]?.name).toBe('tls_invalid_record');
    expect(p.done).toBe(true);
  });

  it('looksLikeTls: hellos yes, other protocols and short input no', () => {
    expect(looksLikeTls(records(22, GREASE_CH))).toBe(true);
    expect(looksLikeTls(records(22, serverHello({ cipher: 0x1301 })))).toBe(true);
    expect(looksLikeTls(records(22, GREASE_CH).subarray(0, 10))).toBe(false);
    expect(looksLikeTls(ascii('GET / HTTP/1.1\r\nHost: x\r\n'))).toBe(false);
    expect(looksLikeTls(ascii('SSH-2.0-OpenSSH_9.0\r\n'))).toBe(false);
    expect(looksLikeTls(encrypted(23, 40))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Corpus: Zeek's ssl.log / x509.log baselines.

const ZEEK = corpusPath('zeek', 'cases.json') ? corpusPath('zeek') : undefined;

interface Case {
  baseline: string;
  traces: string[];
  files: string[];
}

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

/** Where TLS starts in a stream: at 0, or after a STARTTLS exchange (found by content). */
function tlsStart(s: Uint8Array): number {
  for (let k = 0; k + 11 <= s.length; k++) if (looksLikeTls(s.subarray(k))) return k;
  return -1;
}

/**
 * Feed a connection's TLS to a parser pair in capture order. GridFTP carries TLS base64 in
 * ADAT commands (Zeek's FTP analyzer unwraps it); this test unwraps it the same way.
 */
function feed(c: TcpConnection, sink?: (e: ProtocolEvent) => void): TlsLogRecord {
  const { orig, resp } = createTlsPair(sink);
  if (Buffer.from(c.orig.subarray(0, 11)).toString('latin1') === 'AUTH GSSAPI') {
    const units: { at: number; fromOrig: boolean; data: Uint8Array }[] = [];
    for (const [fromOrig, s] of [
      [true, c.orig],
      [false, c.resp],
    ] as const) {
      const text = Buffer.from(s).toString('latin1');
      for (const m of text.matchAll(/^(?:ADAT |\d{3} ADAT=)([A-Za-z0-9+/=]+)\r?$/gm)) {
        const end = m.index + m[0].length + 1;
        const at = c.segments.findIndex((g) => g.fromOrig === fromOrig && g.offset + g.data.length >= end);
        units.push({ at, fromOrig, data: Uint8Array.from(Buffer.from(m[1]!, 'base64')) });
      }
    }
    units.sort((a, b) => a.at - b.at);
    for (const u of units) (u.fromOrig ? orig : resp).push(u.data, c.segments[u.at]?.ts ?? 0);
    return tlsLogRecord(orig, resp);
  }
  const so = tlsStart(c.orig);
  const sr = so === 0 ? 0 : tlsStart(c.resp);
  for (const seg of c.segments) {
    const start = seg.fromOrig ? so : sr;
    if (start < 0 || seg.offset + seg.data.length <= start) continue;
    const d = seg.offset >= start ? seg.data : seg.data.subarray(start - seg.offset);
    (seg.fromOrig ? orig : resp).push(d, seg.ts);
  }
  return tlsLogRecord(orig, resp);
}

const fmt = (v: unknown): string =>
  v === undefined
    ? '-'
    : typeof v === 'boolean'
      ? v
        ? 'T'
        : 'F'
      : Array.isArray(v)
        ? v.length === 0
          ? '(empty)'
          : v.join(',')
        : String(v);

const KEY_FIELDS = [
  'version',
  'cipher',
  'curve',
  'server_name',
  'resumed',
  'established',
  'next_protocol',
] as const;
const EXTRA_FIELDS = [
  'ssl_history',
  'last_alert',
  'cert_chain_fps',
  'client_cert_chain_fps',
  'subject',
  'issuer',
];

describe.skipIf(!ZEEK)('Zeek corpus', () => {
  it('ssl.log fields agree with the baselines', () => {
    const root = ZEEK!;
    const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[];
    let key = 0;
    let keyTotal = 0;
    let extra = 0;
    let extraTotal = 0;
    let rows = 0;
    const skipped: string[] = [];
    const diffs: string[] = [];
    const seen = new Set<string>();
    for (const cs of cases) {
      if (!cs.files.includes('ssl.log')) continue;
      const trace = cs.traces.find((t) => /\.pcap(ng)?(\.gz)?$/.test(t));
      const path = trace && corpusPath('zeek', 'traces', trace);
      if (!trace || !path) {
        skipped.push(`${cs.baseline} (trace missing)`);
        continue;
      }
      const conns = readTcpConnections(readFileSync(path));
      for (const row of readLog(join(root, 'baselines', cs.baseline, 'ssl.log'))) {
        const c = conns.find(
          (x) =>
            x.origAddr === row['id.orig_h'] &&
            String(x.origPort) === row['id.orig_p'] &&
            String(x.respPort) === row['id.resp_p'],
        );
        if (!c) {
          const why = row['id.orig_h'] ? 'not TCP: DTLS/QUIC' : 'TLS tunnelled in WebSocket, not read';
          skipped.push(`${cs.baseline} ${row['id.orig_h'] ?? row.uid} (${why})`);
          continue;
        }
        // The same trace under two tests (client-dpd, starttls) counts once.
        const id = `${trace}|${c.origPort}|${c.respPort}`;
        if (seen.has(id)) continue;
        seen.add(id);
        rows++;
        const rec = feed(c) as unknown as Record<string, unknown>;
        for (const f of KEY_FIELDS) {
          keyTotal++;
          if (fmt(rec[f]) === row[f]) key++;
          else diffs.push(`${cs.baseline} ${f}: zeek=${row[f]} ours=${fmt(rec[f])}`);
        }
        for (const f of EXTRA_FIELDS) {
          if (row[f] === undefined) continue;
          extraTotal++;
          if (fmt(rec[f]) === row[f]) extra++;
          else diffs.push(`${cs.baseline} ${f}: zeek=${row[f]} ours=${fmt(rec[f])}`);
        }
      }
    }
    console.log(
      `ssl.log agreement over ${rows} TCP connections: key fields ${key}/${keyTotal} (${((100 * key) / keyTotal).toFixed(1)}%), ` +
        `ssl_history/last_alert/cert fps/subject/issuer ${extra}/${extraTotal}; skipped: ${skipped.length}\n  ${[...diffs, ...skipped].join('\n  ')}`,
    );
    expect(rows).toBeGreaterThanOrEqual(25);
    expect(key / keyTotal).toBeGreaterThanOrEqual(0.98);
    expect(extra / extraTotal).toBeGreaterThanOrEqual(0.95);
  });

  it('x509 fields agree with the x509.log baselines', () => {
    const root = ZEEK!;
    const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[];
    const ours = new Map<
      string,
      { subject: string; issuer: string; serial: string; nb: number; na: number; v: number }
    >();
    let total = 0;
    let ok = 0;
    const diffs: string[] = [];
    for (const cs of cases) {
      if (!cs.files.includes('x509.log')) continue;
      const trace = cs.traces.find((t) => /\.pcap(ng)?(\.gz)?$/.test(t));
      const path = trace && corpusPath('zeek', 'traces', trace);
      if (!path) continue;
      for (const c of readTcpConnections(readFileSync(path))) {
        const { orig, resp } = createTlsPair();
        const so = tlsStart(c.orig);
        const sr = so === 0 ? 0 : tlsStart(c.resp);
        if (so >= 0) orig.push(c.orig.subarray(so), 0);
        if (sr >= 0) resp.push(c.resp.subarray(sr), 0);
        for (const x of [...(orig.conn.serverCerts ?? []), ...(orig.conn.clientCerts ?? [])])
          ours.set(x.fingerprint, {
            subject: x.subject,
            issuer: x.issuer,
            serial: x.serial,
            nb: x.notValidBefore,
            na: x.notValidAfter,
            v: x.version,
          });
      }
      for (const row of readLog(join(root, 'baselines', cs.baseline, 'x509.log'))) {
        const x = ours.get(row.fingerprint ?? '');
        if (!x) continue;
        const pairs: [string, string][] = [
          ['certificate.subject', x.subject],
          ['certificate.issuer', x.issuer],
          ['certificate.serial', x.serial],
          ['certificate.not_valid_before', x.nb.toFixed(6)],
          ['certificate.not_valid_after', x.na.toFixed(6)],
          ['certificate.version', String(x.v)],
        ];
        for (const [f, v] of pairs) {
          if (row[f] === undefined) continue;
          total++;
          if (row[f] === v) ok++;
          else diffs.push(`${cs.baseline} ${f}: zeek=${row[f]} ours=${v}`);
        }
      }
    }
    console.log(`x509.log agreement: ${ok}/${total} fields\n  ${diffs.join('\n  ')}`);
    expect(total).toBeGreaterThan(50);
    expect(ok / total).toBeGreaterThanOrEqual(0.98);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing: no throw, no hang, and a fresh parser still reads a clean handshake afterwards.

/** Seeds: the hand-built flights, plus the first flights of a few corpus connections. */
function seeds(): Uint8Array[] {
  const f = tls12Flights();
  const out = [f.o1, f.r1, bytes(f.o2, f.r2), records(22, GREASE_CH, 7)];
  if (ZEEK) {
    for (const name of [
      'tls/tls1.2.pcap',
      'tls/tls13draft23-chrome67.0.3368.0-canary.pcap',
      'tls/dhe.pcap',
    ]) {
      const path = corpusPath('zeek', 'traces', name);
      const c = path && readTcpConnections(readFileSync(path))[0];
      if (c) out.push(c.orig.subarray(0, 2048), c.resp.subarray(0, 6000));
    }
  }
  return out;
}

const mutate = (seed: Uint8Array, edits: { at: number; value: number; cut: boolean }[]): Uint8Array => {
  let b = seed.slice();
  for (const e of edits) {
    if (b.length === 0) break;
    const at = e.at % b.length;
    if (e.cut) b = b.subarray(0, at);
    else b[at] = e.value;
  }
  return b;
};

describe('fuzz', () => {
  const SEEDS = seeds();
  const f = tls12Flights();
  const cleanStillWorks = (): void => {
    const rec = run([
      [true, f.o1],
      [false, f.r1],
      [true, f.o2],
      [false, f.r2],
    ]);
    expect(rec.ssl_history).toBe('CsxknGIti');
  };

  it('random bytes, in random chunks, to both directions', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.uint8Array({ maxLength: 3000 }),
        fc.integer({ min: 1, max: 500 }),
        (a, b, chunk) => {
          const { orig, resp } = createTlsPair(() => {});
          for (let i = 0; i < Math.max(a.length, b.length); i += chunk) {
            orig.push(a.subarray(i, i + chunk), 0);
            resp.push(b.subarray(i, i + chunk), 0);
          }
          tlsLogRecord(orig, resp);
        },
      ),
      { numRuns: 500 },
    );
    cleanStillWorks();
  });

  it('any chunking of a real connection gives the same record', () => {
    const conns: TcpConnection[] = [];
    for (const name of [
      'tls/tls1.2.pcap',
      'tls/ecdhe.pcap',
      'tls/tls13draft23-chrome67.0.3368.0-canary.pcap',
    ]) {
      const path = ZEEK && corpusPath('zeek', 'traces', name);
      const c = path && readTcpConnections(readFileSync(path))[0];
      if (c) conns.push(c);
    }
    if (conns.length === 0) return;
    const wants = conns.map((c) => feed(c));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: conns.length - 1 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 16 }),
        (i, sizes) => {
          const c = conns[i]!;
          const { orig, resp } = createTlsPair();
          let n = 0;
          for (const seg of c.segments) {
            for (let o = 0; o < seg.data.length; ) {
              const k = sizes[n++ % sizes.length]!;
              (seg.fromOrig ? orig : resp).push(seg.data.subarray(o, o + k), seg.ts);
              o += k;
            }
          }
          expect(tlsLogRecord(orig, resp)).toEqual(wants[i]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('mutated real handshakes', () => {
    const edit = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), cut: fc.boolean() });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 97 }),
        (i, j, edits, chunk) => {
          const a = mutate(SEEDS[i]!, edits);
          const b = mutate(SEEDS[j]!, edits.slice().reverse());
          const { orig, resp } = createTlsPair(() => {});
          for (let k = 0; k < Math.max(a.length, b.length); k += chunk) {
            orig.push(a.subarray(k, k + chunk), 0);
            resp.push(b.subarray(k, k + chunk), 0);
          }
          const rec = tlsLogRecord(orig, resp);
          expect(rec.ssl_history.length).toBeLessThanOrEqual(120);
          // Standalone parsers and the hello parser directly, too.
          parseClientHello(a);
          parseX509(b);
          ja4(parseClientHello(a));
        },
      ),
      { numRuns: 1500 },
    );
    cleanStillWorks();
  });
});

describe('leafValidation (validation_status without a trust store)', () => {
  const cert = (subject: string, issuer: string) => ({
    fingerprint: 'f',
    version: 3,
    serial: '01',
    subject,
    issuer,
    notValidBefore: 1_000,
    notValidAfter: 2_000,
  });

  it('says self signed first, then expired or not yet valid, and nothing else', () => {
    expect(leafValidation(cert('CN=a', 'CN=a'), 5_000)).toBe('self signed certificate');
    expect(leafValidation(cert('CN=a', 'CN=ca'), 5_000)).toBe('certificate has expired');
    expect(leafValidation(cert('CN=a', 'CN=ca'), 500)).toBe('certificate is not yet valid');
    expect(leafValidation(cert('CN=a', 'CN=ca'), 1_500)).toBeUndefined();
    expect(leafValidation(cert('CN=a', 'CN=ca'), 2_000)).toBeUndefined();
    // An empty subject and issuer (a malformed certificate) is not "self signed".
    expect(leafValidation(cert('', ''), 1_500)).toBeUndefined();
  });
});
