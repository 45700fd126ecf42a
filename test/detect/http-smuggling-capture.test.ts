/**
 * HTTP request smuggling signals from a capture, end to end: a synthetic capture of classic
 * desync requests (CL.TE, TE.CL with an obfuscated coding, a space before the colon, a chunked
 * coding in HTTP/1.0) next to ordinary requests, analysed directly (0 and 2 actors) and through
 * the logs `netscry extract` writes — whose weird.log now names each event's connection, as
 * Zeek's does — with the same findings either way. Then Zeek's own request-smuggling traces
 * (its issue 261 tests) against the weirds Zeek's baselines record for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../../src/coordinator/extract.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import type { Finding } from '../../src/detect/finding.js';
import { findingsNdjson } from '../../src/report/output.js';
import { corpusPath } from '../helpers/corpus.js';
import { tcpTalk } from '../helpers/payload-captures.js';
import { buildPcap, type PcapRecordSpec } from '../helpers/pcap.js';

const T0 = 1_700_000_000;
const ATTACKER = '198.51.100.66';
const SERVER = '10.7.0.80';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const BAD_REQUEST = enc('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
const OK = enc('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');

/** The requests of the attack, each on its own connection (a server closes after a 400). */
const DESYNC = [
  // CL.TE: the front end reads 6 bytes, the back end a chunked body ending at "0", then "G…".
  'POST / HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG',
  // TE.CL with an obfuscated coding one hop ignores.
  'POST / HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 4\r\nTransfer-Encoding: xchunked\r\n\r\n5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: shop.example\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n',
  'POST / HTTP/1.0\r\nHost: shop.example\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
];

function scenario(): PcapRecordSpec[] {
  const r: PcapRecordSpec[] = [];
  DESYNC.forEach((request, k) => {
    tcpTalk(
      {
        client: ATTACKER,
        server: SERVER,
        clientPort: 50_000 + k,
        serverPort: 80,
        t0: T0 + k,
        turns: [enc(request), BAD_REQUEST],
      },
      r,
    );
  });
  // Ordinary requests: a GET, a POST with Content-Length, a chunked upload.
  const ordinary = [
    'GET /index.html HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n\r\n',
    'POST /cart HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nContent-Length: 3\r\n\r\na=1',
    'PUT /upload HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  ];
  ordinary.forEach((request, k) => {
    tcpTalk(
      {
        client: '10.7.0.20',
        server: SERVER,
        clientPort: 40_000 + k,
        serverPort: 80,
        t0: T0 + 10 + k,
        turns: [enc(request), OK],
      },
      r,
    );
  });
  return r.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
}

let dir: string;
let capture: string;
let direct: Finding[];
const smuggling = (findings: readonly Finding[]) =>
  findings.filter((f) => f.detector === 'protocol.http-smuggling');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-smuggling-'));
  capture = join(dir, 'desync.pcap');
  await writeFile(capture, buildPcap(scenario()));
  direct = [...(await analyze({ inputs: [capture], actors: 0 })).findings];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HTTP request smuggling in a capture', () => {
  it('reports the desync requests as one finding for the pair, and nothing for ordinary requests', () => {
    const found = smuggling(direct);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.entities).toEqual({ src: ATTACKER, dst: SERVER, port: '80' });
    expect(f.severity).toBe('high');
    expect(f.evidence.signals).toEqual({
      HTTP_bad_transfer_encoding: 2,
      HTTP_content_length_and_chunked: 1,
      HTTP_whitespace_before_colon: 1,
    });
    expect((f.evidence.sampleUids as string[]).length).toBe(4);
  });

  it('gives the same bytes with 2 actors', async () => {
    const sharded = await analyze({ inputs: [capture], actors: 2 });
    expect(findingsNdjson(sharded.findings)).toBe(findingsNdjson(direct));
  });

  it("writes the events with their connection to extract's weird.log, and its logs give the same findings", async () => {
    const out = join(dir, 'logs');
    await extractFiles({ inputs: [capture], out });
    const weird = readFileSync(join(out, 'weird.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('HTTP_content_length_and_chunked'));
    expect(weird).toHaveLength(1);
    const [, uid, origH, origP, respH, respP] = weird[0]!.split('\t');
    expect([origH, origP, respH, respP]).toEqual([ATTACKER, '50000', SERVER, '80']);
    const conn = readFileSync(join(out, 'conn.log'), 'utf8');
    expect(conn).toContain(`\t${uid}\t${ATTACKER}\t50000\t`);
    const viaLogs = await analyze({ inputs: readdirSync(out).map((f) => join(out, f)), actors: 0 });
    expect(findingsNdjson(smuggling(viaLogs.findings))).toBe(findingsNdjson(smuggling(direct)));
  });
});

/** Zeek's smuggling test traces, the baseline that holds Zeek's weird.log for each, and whether it is reported. */
const ZEEK_261: ReadonlyArray<readonly [trace: string, baseline: string, reported: boolean]> = [
  // A chunk size past 2^64: a bad chunk size, which packet loss gives too (weak: one is not enough).
  ['variant-01-chunk_2pow64_overflow.pcap', 'chunk-2pow64-overflow', false],
  ['variant-02-cl_uint64max.pcap', 'cl-uint64max', true],
  ['variant-03-cl_negative.pcap', 'cl-negative', true],
  // Expect: 100-continue with Content-Length 0 desyncs a monitor, not two hops: not a framing fault.
  ['variant-07-expect_100_cl0.pcap', 'cl-0-expect-100', false],
  ['variant-10-multi_value_te.pcap', 'chunked-rest', true],
];

const TRACES = corpusPath('zeek', 'traces', 'http', '261');
const BASELINES = corpusPath('zeek', 'baselines');

describe.skipIf(TRACES === undefined || BASELINES === undefined)("Zeek's request-smuggling traces", () => {
  it.each(ZEEK_261)(
    '%s (baseline %s): reported %s, with the weirds Zeek logs',
    async (trace, baseline, reported) => {
      const pcap = join(TRACES!, trace);
      const weird = join(BASELINES!, `scripts.base.protocols.http.261.${baseline}`, 'weird.log');
      // The baseline keeps a few columns, named on its second line: `uid name addl notice source`.
      const [, header, ...rows] = readFileSync(weird, 'utf8').trimEnd().split('\n');
      const nameAt = header!.split('\t').indexOf('name');
      const zeekNames = rows.map((r) => r.split('\t')[nameAt]!);
      expect(zeekNames.length).toBeGreaterThan(0);
      const found = smuggling((await analyze({ inputs: [pcap], actors: 0 })).findings);
      expect(found.length).toBe(reported ? 1 : 0);
      if (reported) {
        const signals = found[0]!.evidence.signals as Record<string, number>;
        for (const name of zeekNames) expect(signals[name], name).toBeGreaterThanOrEqual(1);
      }
    },
  );
});
