/**
 * Fuzzing: corpus datagrams (when present) and hand-built ones, mutated at the byte level, and
 * random bytes behind a valid version number must give events only — no throw — with the
 * template and pending counts under their caps, and the same decoder must still decode a valid
 * datagram exactly afterwards.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetflowDecoder } from '../../../src/ingest/netflow/decode.js';
import { NetflowEventCode, type NetflowLimits } from '../../../src/ingest/netflow/types.js';
import { corpusPath } from '../../helpers/corpus.js';
import {
  BASIC_FIELDS,
  basicRecord,
  concat,
  ipfix,
  ipfixOptionsTemplateRecord,
  set,
  templateRecord,
  v5,
  v9,
} from './build.js';

const LIMITS: Partial<NetflowLimits> = {
  maxExporters: 4,
  maxTemplatesPerExporter: 8,
  maxPendingSets: 4,
  maxPendingBytes: 8192,
  maxFieldsPerTemplate: 64,
  keepUnmapped: true,
};

function seeds(): Uint8Array[] {
  const out: Uint8Array[] = [
    v5({ seq: 1, uptime: 5000, secs: 1_700_000_000 }, [
      {
        src: '10.0.0.1',
        dst: '10.0.0.2',
        srcPort: 1,
        dstPort: 2,
        proto: 6,
        packets: 1,
        bytes: 40,
        first: 1,
        last: 2,
      },
    ]),
    v9({ seq: 1, uptime: 5000, secs: 1_700_000_000, sourceId: 1 }, [
      set(0, templateRecord(256, BASIC_FIELDS)),
      set(256, basicRecord('10.0.0.1', '10.0.0.2', 1, 2, 6, 1, 40)),
    ]),
    ipfix({ seq: 1, secs: 1_700_000_000, domain: 1 }, [
      set(2, templateRecord(256, [...BASIC_FIELDS, [82, 65535], [100, 2, 9]], true)),
      set(3, ipfixOptionsTemplateRecord(257, [[149, 4]], [[34, 4]])),
      set(
        256,
        concat(basicRecord('10.0.0.1', '10.0.0.2', 1, 2, 6, 1, 40), Uint8Array.from([2, 97, 98, 0, 1])),
      ),
    ]),
  ];
  const dir = corpusPath('netflow', 'logstash');
  if (dir !== undefined && existsSync(dir))
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.dat'))
      .sort())
      out.push(new Uint8Array(readFileSync(join(dir, f))));
  return out;
}

const SEEDS = seeds();
const CHECK = v9({ seq: 0, uptime: 100_000, secs: 1_700_000_000, sourceId: 4242 }, [
  set(0, templateRecord(999, BASIC_FIELDS)),
  set(
    999,
    concat(
      basicRecord('10.1.2.3', '10.3.2.1', 1234, 80, 6, 3, 180),
      basicRecord('10.1.2.4', '10.3.2.1', 1235, 80, 6, 4, 240),
    ),
  ),
]);
const KNOWN = new Set<string>(Object.values(NetflowEventCode));

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
);

function mutate(seed: Uint8Array, ms: Mutation[]): Uint8Array {
  let b: Uint8Array = seed.slice();
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] = m.value;
    else if (m.kind === 'cut') b = b.slice(0, at);
    else b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
  }
  return b;
}

function checkStillDecodes(d: NetflowDecoder): void {
  for (const exporter of ['check-exporter', 'e1']) {
    const r = d.decode(CHECK, exporter, 2);
    for (const e of r.events)
      expect([
        NetflowEventCode.SequenceGap,
        NetflowEventCode.SequenceReset,
        NetflowEventCode.TemplateEvicted,
      ]).toContain(e.code);
    expect(r.flows.map((f) => [f.srcAddr, f.srcPort, f.packets, f.bytes])).toEqual([
      ['10.1.2.3', 1234, 3, 180],
      ['10.1.2.4', 1235, 4, 240],
    ]);
  }
}

function checkBounds(d: NetflowDecoder): void {
  const s = d.stats();
  expect(s.exporters.length).toBeLessThanOrEqual(LIMITS.maxExporters!);
  for (const e of s.exporters) expect(e.templates).toBeLessThanOrEqual(LIMITS.maxTemplatesPerExporter!);
  expect(s.pendingSets).toBeLessThanOrEqual(LIMITS.maxPendingSets!);
  expect(s.pendingBytes).toBeLessThanOrEqual(LIMITS.maxPendingBytes!);
}

describe('NetFlow / IPFIX fuzz', () => {
  it('mutated datagrams give events only and leave a working, bounded decoder', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            seed: fc.nat({ max: SEEDS.length - 1 }),
            ms: fc.array(mutation, { minLength: 1, maxLength: 6 }),
            exporter: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5'),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (inputs) => {
          const d = new NetflowDecoder(LIMITS);
          for (const { seed, ms, exporter } of inputs) {
            const r = d.decode(mutate(SEEDS[seed]!, ms), exporter, 1);
            for (const e of r.events) expect(KNOWN.has(e.code)).toBe(true);
            expect(r.events.length).toBeLessThanOrEqual(33);
            checkBounds(d);
          }
          checkStillDecodes(d);
          checkBounds(d);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random bytes behind a valid version number give events only', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(5, 9, 10, 1, 0), fc.uint8Array({ maxLength: 1500 })), {
          maxLength: 20,
        }),
        (datagrams) => {
          const d = new NetflowDecoder(LIMITS);
          for (const [version, body] of datagrams) {
            const b = concat(Uint8Array.from([0, version]), body);
            d.decode(b, 'e1', 1);
            checkBounds(d);
          }
          checkStillDecodes(d);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a template flood stays under the caps', () => {
    const d = new NetflowDecoder(LIMITS);
    for (let round = 0; round < 50; round++) {
      const tpls = [];
      for (let id = 256 + round * 40; id < 296 + round * 40; id++)
        tpls.push(templateRecord(id, BASIC_FIELDS));
      d.decode(
        v9({ seq: round, uptime: 1, secs: 1, sourceId: round }, [set(0, concat(...tpls))]),
        `e${round % 7}`,
        1,
      );
      for (let k = 0; k < 10; k++)
        d.decode(
          v9({ seq: round, uptime: 1, secs: 1, sourceId: 77 }, [set(5000 + k, new Uint8Array(1000))]),
          'e1',
          1,
        );
      checkBounds(d);
    }
    checkStillDecodes(d);
  });
});
