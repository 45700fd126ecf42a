import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import {
  type BaselinePartial,
  baselineAnalyzer,
  finishBaseline,
  prepareBaseline,
  validateBaselineConfig,
} from '../../src/detect/baseline.js';
import {
  BASELINE_VERSION,
  checkEntity,
  decodeBaseline,
  encodeBaseline,
  entitiesForShard,
  openBaselineFile,
  type PersistedEntity,
  vshardOfWords,
  writeBaselineFile,
} from '../../src/detect/baseline-file.js';
import { generate } from '../../src/generate/generate.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { type ConnSpec, connBatches, observeAll } from '../helpers/records.js';

const H = 3_600;
const DAY = 86_400;
const T0 = 1_710_115_200;
const HOST = '10.0.0.5';
const SHARDING = { vshards: 1024, v4Prefix: 24, v6Prefix: 64 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-baseline-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entity(over: Partial<PersistedEntity> = {}): PersistedEntity {
  return {
    kind: 0,
    words: [0, 0, 0xffff, 0x0a000005],
    port: 0,
    proto: 0,
    firstTs: T0,
    lastTs: T0 + DAY,
    start: T0 / H,
    bytes: Float64Array.of(1, Number.NaN, 3),
    outPeers: Float64Array.of(2, Number.NaN, 4),
    inPeers: Float64Array.of(5, Number.NaN, 0),
    ports: [22 * 4 + 1],
    nets: [0xc612],
    ...over,
  };
}

const META = { bucketSeconds: 3_600, sharding: SHARDING, runs: 1, lastTs: T0 + DAY, entities: 1 };

describe('baseline file format', () => {
  it('round-trips entities through encode and decode', () => {
    const e = entity();
    const bytes = encodeBaseline(META, new Map([[7, [e]]]));
    const d = decodeBaseline(bytes);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.meta).toEqual(META);
    expect(d.groups.map((g) => g.vshard)).toEqual([7]);
  });

  it('refuses wrong magic, other versions, truncation and corruption with a reason', () => {
    const bytes = encodeBaseline(META, new Map([[7, [entity()]]]));
    const magic = Uint8Array.from(bytes);
    magic[0] = 0x58;
    expect(decodeBaseline(magic)).toEqual({ ok: false, reason: 'not a netscry baseline file (wrong magic)' });
    const version = Uint8Array.from(bytes);
    new DataView(version.buffer).setUint32(4, BASELINE_VERSION + 1, true);
    expect(decodeBaseline(version)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/version 2 is not supported/),
    });
    expect(decodeBaseline(bytes.subarray(0, bytes.length - 3))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/truncated/),
    });
    expect(decodeBaseline(bytes.subarray(0, 10))).toMatchObject({
      reason: expect.stringMatching(/truncated/),
    });
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 5]! ^= 0xff;
    expect(decodeBaseline(flipped)).toMatchObject({ ok: false, reason: expect.stringMatching(/checksum/) });
  });

  it('refuses a payload that passes the checksum but is not a baseline', async () => {
    const { createHash } = await import('node:crypto');
    const { packState } = await import('../../src/shared/pack.js');
    const wrap = (payload: Uint8Array): Uint8Array => {
      const out = new Uint8Array(44 + payload.length);
      out.set(Buffer.from('NSBL', 'latin1'), 0);
      new DataView(out.buffer).setUint32(4, BASELINE_VERSION, true);
      new DataView(out.buffer).setUint32(8, payload.length, true);
      out.set(createHash('sha256').update(payload).digest(), 12);
      out.set(payload, 44);
      return out;
    };
    expect(decodeBaseline(wrap(Uint8Array.of(0xc1)))).toMatchObject({
      reason: expect.stringMatching(/corrupt/),
    });
    expect(decodeBaseline(wrap(packState({ meta: 1, groups: [] })))).toMatchObject({
      reason: 'file is corrupt (unexpected content)',
    });
    expect(decodeBaseline(wrap(packState({ meta: META, groups: [{ vshard: 'x' }] })))).toMatchObject({
      reason: 'file is corrupt (unexpected group)',
    });
    // A group that does not decode to entities yields none.
    const path = join(dir, 'badgroup.bin');
    await writeFile(
      path,
      wrap(
        packState({
          meta: META,
          groups: [
            { vshard: 3, data: Uint8Array.of(0xc1) },
            { vshard: 4, data: packState(5) },
          ],
        }),
      ),
    );
    const opened = await openBaselineFile(path, 3_600);
    expect(entitiesForShard(opened.ref!, SHARDING, 3)).toEqual([]);
    expect(entitiesForShard(opened.ref!, SHARDING, 4)).toEqual([]);
  });

  it('checks entities field by field', () => {
    expect(checkEntity(entity())).toBeDefined();
    expect(checkEntity({ ...entity(), kind: 7 })).toBeUndefined();
    expect(checkEntity({ ...entity(), bytes: [1, 2] })).toBeUndefined();
    expect(checkEntity(null)).toBeUndefined();
    expect(checkEntity({ ...entity(), inPeers: undefined })).toBeUndefined();
  });

  it('reads entities of files written before fan-in was told from fan-out: their mixed peers unknown', () => {
    const { outPeers: _o, inPeers: _i, ...rest } = entity();
    const old = checkEntity({ ...rest, peers: Float64Array.of(7, 8, 9) });
    expect(old).toBeDefined();
    expect(old!.bytes).toEqual(Float64Array.of(1, Number.NaN, 3));
    expect(Array.from(old!.outPeers)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(Array.from(old!.inPeers)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(checkEntity({ ...rest, peers: [7, 8, 9] })).toBeUndefined();
  });
});

describe('opening and writing baseline files', () => {
  it('says a missing file means learning, and a broken one is unusable (with a stable code)', async () => {
    const missing = await openBaselineFile(join(dir, 'none.bin'), 3_600);
    expect(missing.status).toMatchObject({ loaded: false, learning: true, written: false });
    expect(missing.status.code).toBeUndefined();
    expect(missing.status.reason).toMatch(/no baseline yet/);
    const junk = join(dir, 'junk.bin');
    await writeFile(junk, 'hello, this is not a baseline at all, really');
    const bad = await openBaselineFile(junk, 3_600);
    expect(bad.status).toMatchObject({ loaded: false, code: ErrorCode.BaselineUnusable });
    expect(bad.ref).toBeUndefined();
    const good = join(dir, 'good.bin');
    await writeFile(good, encodeBaseline(META, new Map([[7, [entity()]]])));
    const other = await openBaselineFile(good, 900);
    expect(other.status.reason).toMatch(/buckets are 3600 s, this run uses 900 s/);
    const ok = await openBaselineFile(good, 3_600);
    expect(ok.status).toMatchObject({ loaded: true, runs: 1, entities: 1, learning: false });
    expect(ok.ref?.digest).toMatch(/^[0-9a-f]{64}$/);
    const dirAsFile = await openBaselineFile(dir, 3_600);
    expect(dirAsFile.status.code).toBe(ErrorCode.BaselineUnusable);
  });

  it('writes atomically, keeps the most recently seen entities, and regroups on new sharding', async () => {
    const path = join(dir, 'written.bin');
    const list = [1, 2, 3].map((k) => ({
      vshard: vshardOfWords([0, 0, 0xffff, 0x0a000000 + k * 256], SHARDING),
      entity: entity({ words: [0, 0, 0xffff, 0x0a000000 + k * 256 + 5], lastTs: T0 + k }),
    }));
    const res = await writeBaselineFile(
      path,
      list,
      { bucketSeconds: 3_600, sharding: SHARDING, runs: 2, lastTs: T0 + 3 },
      2,
    );
    expect(res).toEqual({ written: 2, evicted: 1 });
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const opened = await openBaselineFile(path, 3_600);
    expect(opened.status).toMatchObject({ loaded: true, runs: 2, entities: 2 });
    const ref = opened.ref!;
    const kept = list.slice(1);
    for (const { vshard, entity: e } of kept) {
      const got = entitiesForShard(ref, SHARDING, vshard);
      expect(got).toHaveLength(1);
      expect(got[0]).toEqual(e);
    }
    // Another shard count: entities are found where the new sharding puts them.
    const other = { vshards: 16, v4Prefix: 24, v6Prefix: 64 };
    for (const { entity: e } of kept) {
      const v = vshardOfWords(e.words, other);
      expect(entitiesForShard(ref, other, v).some((x) => x.lastTs === e.lastTs)).toBe(true);
    }
    // A file changed after the check is not used.
    expect(entitiesForShard({ path, digest: '0'.repeat(64) }, SHARDING, kept[0]!.vshard)).toEqual([]);
    expect(entitiesForShard({ path: join(dir, 'gone.bin'), digest: 'x' }, SHARDING, 0)).toEqual([]);
  });
});

let uidSeq = 0;
const conn = (ts: number, over: Partial<ConnSpec> = {}): ConnSpec => ({
  ts,
  orig: HOST,
  origPort: 40_000 + (uidSeq++ % 20_000),
  resp: '198.18.0.10',
  respPort: 443,
  proto: 'tcp',
  state: 'SF',
  uid: `C${uidSeq}`,
  origBytes: 1_000,
  respBytes: 1e6,
  ...over,
});

/** One day of a host's office traffic, plus `extra`. */
function day(d: number, extra: ConnSpec[] = []): ConnSpec[] {
  // A connection at midnight: the run covers the night hours (which are then 0, not unknown).
  const out: ConnSpec[] = [conn(T0 + d * DAY + 60, { respBytes: 100 })];
  for (let h = 8; h < 18; h++) for (let k = 0; k < 20; k++) out.push(conn(T0 + d * DAY + h * H + k * 60));
  return [...out, ...extra].sort((a, b) => a.ts - b.ts);
}

describe('two runs: day 2 compared with day 1', () => {
  it('learns on day 1, then reports a new network and uses the hour-of-day profile', async () => {
    const path = join(dir, 'days.bin');
    const engine = {
      vshards: 1024,
      v4Prefix: 24,
      v6Prefix: 64,
      detectors: [{ name: 'baseline', config: validateBaselineConfig() }],
    };
    const vshard = vshardOfWords([0, 0, 0xffff, 0x0a000005], SHARDING);
    const once = async (specs: ConnSpec[]) => {
      const prepared = await prepareBaseline(engine, path);
      const cfg = prepared.engine.detectors[0]!.config as Parameters<typeof baselineAnalyzer.create>[1];
      const shard = baselineAnalyzer.create(vshard, cfg);
      observeAll(shard, connBatches(specs, 50));
      const out = shard.finish();
      const status = await finishBaseline(prepared, baselineAnalyzer.merge([out.partial]));
      return { out, status: status!, prepared };
    };
    const upload = (d: number): ConnSpec[] =>
      [0, 1, 2].map((k) =>
        conn(T0 + d * DAY + 14 * H + k, { resp: '192.0.2.77', origBytes: 40e6, respBytes: 1e4 }),
      );
    // Day 1 (with the same upload): learning, nothing reported, file written.
    const first = await once(
      day(
        0,
        upload(0).map((s) => ({ ...s, resp: '192.0.2.78' })),
      ),
    );
    expect(first.status).toMatchObject({ loaded: false, learning: true, written: true, writtenEntities: 2 });
    expect(first.out.findings).toEqual([]);
    // Day 2: loaded; 120 MB to 192.0.2.0/16? No: 192.0.0.0/16 was seen on day 1 — still quiet.
    const second = await once(day(1, upload(1)));
    expect(second.status).toMatchObject({ loaded: true, runs: 1, entities: 2, written: true });
    expect(second.out.findings).toEqual([]);
    // Day 3: a /16 never seen before gets 120 MB.
    const third = await once(
      day(
        2,
        upload(2).map((s) => ({ ...s, resp: '203.0.113.77' })),
      ),
    );
    expect(third.status).toMatchObject({ loaded: true, runs: 2 });
    const found = third.out.findings.filter((f) => f.detector === 'anomaly.new-network');
    expect(found).toHaveLength(1);
    expect(found[0]!.entities).toMatchObject({ src: HOST, network: '203.0.0.0/16' });
    // Day 4: 10 GB at 03:00 compared with the same hour of the previous days (both 0).
    const big = [0, 1, 2, 3, 4].map((k) => conn(T0 + 3 * DAY + 3 * H + k, { respBytes: 2e9 }));
    const fourth = await once(day(3, big));
    const vol = fourth.out.findings.filter((f) => f.detector === 'anomaly.volume');
    // The host and its subnet (the only host in it).
    expect(vol.map((f) => f.entities.src).sort()).toEqual(['10.0.0.0/24', HOST]);
    expect(vol.map((f) => f.evidence.profile)).toEqual(['hour-of-day', 'hour-of-day']);
    // Day 5: 1.2 GB, nearly all to one destination in a network never seen: concentration.
    const fifth = await once(
      day(
        4,
        [0, 1, 2].map((k) => conn(T0 + 4 * DAY + 15 * H + k * 600, { resp: '100.64.3.3', origBytes: 400e6 })),
      ),
    );
    const conc = fifth.out.findings.filter((f) => f.detector === 'anomaly.concentration');
    expect(conc).toHaveLength(1);
    expect(conc[0]!.entities).toMatchObject({ src: HOST, dst: '100.64.3.3' });
    expect(conc[0]!.evidence.share as number).toBeGreaterThan(0.9);
    // Persisted state round trip: what the shard handed back is what the next run reads.
    const partial = fifth.out.partial as BaselinePartial;
    const opened = await openBaselineFile(path, 3_600);
    const back = entitiesForShard(opened.ref!, SHARDING, vshard);
    expect(back).toEqual(partial.groups[0]!.entities);
  });

  it('keeps entities of shards the run never touched, expires old ones, reports write errors', async () => {
    const path = join(dir, 'carry.bin');
    const recent = entity({ lastTs: T0 + 100 * DAY });
    const old = entity({ words: [0, 0, 0xffff, 0x0b000005], lastTs: T0 });
    const engine = { ...SHARDING, detectors: [{ name: 'baseline', config: validateBaselineConfig() }] };
    await writeFile(
      path,
      encodeBaseline(
        { ...META, lastTs: T0 + 100 * DAY, entities: 2 },
        new Map([
          [vshardOfWords(recent.words, SHARDING), [recent]],
          [vshardOfWords(old.words, SHARDING), [old]],
        ]),
      ),
    );
    const prepared = await prepareBaseline(engine, path);
    const status = await finishBaseline(prepared, undefined);
    expect(status).toMatchObject({ loaded: true, written: true, writtenEntities: 1, evicted: 1 });
    const unwritable = await prepareBaseline(engine, join(dir, 'no', 'such', 'dir.bin'));
    const failed = await finishBaseline(unwritable, undefined);
    expect(failed).toMatchObject({ written: false, writeError: expect.stringMatching(/ENOENT/) });
  });

  it('without the detector the file is neither read nor written', async () => {
    const prepared = await prepareBaseline(
      { vshards: 4, v4Prefix: 24, v6Prefix: 64, detectors: [] },
      join(dir, 'off.bin'),
    );
    const status = await finishBaseline(prepared, undefined);
    expect(status).toMatchObject({
      loaded: false,
      written: false,
      reason: expect.stringMatching(/detector is off/),
    });
    expect(
      await finishBaseline(await prepareBaseline({ ...SHARDING, detectors: [] }, undefined), undefined),
    ).toBeUndefined();
  });
});

describe('analyze --baseline end to end', () => {
  it('learns on day 1, compares day 2 with it, and survives a corrupt file', async () => {
    const day1 = join(dir, 'gen1');
    const day2 = join(dir, 'gen2');
    await generate({ out: day1, hosts: 12, hours: 24, seed: 7, scenarios: [] });
    await generate({ out: day2, hosts: 12, hours: 24, seed: 7, scenarios: [], start: 1_710_230_400 + DAY });
    const file = join(dir, 'e2e.bin');
    const logs = (d: string) => [join(d, 'conn.log')];
    const r1 = await analyze({ inputs: logs(day1), actors: 0, baseline: file });
    expect(r1.summary.baseline).toMatchObject({ loaded: false, learning: true, written: true });
    expect(r1.summary.baseline!.reason).toMatch(/no baseline yet/);
    const size1 = (await readFile(file)).length;
    const r2 = await analyze({ inputs: logs(day2), actors: 0, baseline: file });
    expect(r2.summary.baseline).toMatchObject({ loaded: true, runs: 1, learning: false, written: true });
    expect(r2.findings.filter((f) => f.detector.startsWith('anomaly.'))).toEqual([]);
    expect((await readFile(file)).length).toBeGreaterThan(size1 * 0.5);
    // Corrupt it: the run goes on without it and says why; the file is rewritten fresh.
    const bytes = await readFile(file);
    bytes[bytes.length - 1]! ^= 0x55;
    await writeFile(file, bytes);
    const r3 = await analyze({ inputs: logs(day2), actors: 0, baseline: file });
    expect(r3.summary.baseline).toMatchObject({
      loaded: false,
      code: ErrorCode.BaselineUnusable,
      reason: expect.stringMatching(/corrupt/),
      written: true,
    });
    expect(r3.summary.records.total).toBe(r2.summary.records.total);
    await expect(analyze({ inputs: logs(day2), actors: 0, baseline: '' })).rejects.toMatchObject({
      code: ErrorCode.InvalidOption,
    });
  }, 120_000);
});
