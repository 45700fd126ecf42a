import { describe, expect, it } from 'vitest';
import type { ShardOutput } from '../../src/detect/analyzer.js';
import {
  type BaselineConfig,
  type BaselinePartial,
  baselineAnalyzer,
  judge,
  profileFor,
  validateBaselineConfig,
} from '../../src/detect/baseline.js';
import type { PersistedEntity } from '../../src/detect/baseline-file.js';
import type { Finding } from '../../src/detect/finding.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import { packState, unpackState } from '../../src/shared/pack.js';
import { type ConnSpec, connBatches, observeAll } from '../helpers/records.js';

const H = 3_600;
/** A Monday 00:00 UTC: bucket boundaries are hours. */
const T0 = 1_710_115_200;
const HOST = '10.0.0.5';

const cfg = (over: Partial<BaselineConfig> = {}): BaselineConfig => validateBaselineConfig(over);

function run(
  specs: readonly ConnSpec[],
  config: BaselineConfig = cfg(),
  sizes: number | number[] = 64,
): ShardOutput {
  const analyzer = baselineAnalyzer.create(0, config);
  observeAll(analyzer, connBatches(specs, sizes));
  return analyzer.finish();
}

const of = (out: ShardOutput, detector: string): Finding[] =>
  out.findings.filter((f) => f.detector === detector);

let uidSeq = 0;
function conn(ts: number, over: Partial<ConnSpec> = {}): ConnSpec {
  uidSeq++;
  return {
    ts,
    orig: HOST,
    origPort: 40_000 + (uidSeq % 20_000),
    resp: '198.18.0.10',
    respPort: 443,
    proto: 'tcp',
    state: 'SF',
    uid: `C${uidSeq}`,
    origBytes: 1_000,
    respBytes: 10_000,
    ...over,
  };
}

/** `hours` hours of `perHour` connections of `bytes` each for `host`, starting at `from`. */
function steady(
  from: number,
  hours: number,
  perHour: number,
  bytes: number,
  host = HOST,
  peers = 10,
): ConnSpec[] {
  const out: ConnSpec[] = [];
  for (let h = 0; h < hours; h++) {
    for (let k = 0; k < perHour; k++) {
      out.push(
        conn(from + h * H + (k * H) / perHour + 1, {
          orig: host,
          resp: `198.18.0.${1 + (k % peers)}`,
          respBytes: bytes,
        }),
      );
    }
  }
  return out;
}

describe('validateBaselineConfig', () => {
  it('fills defaults and refuses bad buckets', () => {
    const c = cfg();
    expect(c.bucketSeconds).toBe(3_600);
    expect(c.alpha).toBe(0.9);
    expect(c.beta).toBe(0.035);
    expect(() => cfg({ bucketSeconds: 7_000 })).toThrow(/bucketSeconds must divide a day/);
    expect(() => cfg({ burstSeconds: 7_00 })).toThrow(/burstSeconds must divide bucketSeconds/);
    expect(() => cfg({ nope: 1 } as never)).toThrow(NetscryError);
  });
});

describe('profiles', () => {
  it('takes the same hour of the week with two weeks, else of the day with two days, else all', () => {
    const week = 168;
    const series = Array.from({ length: 2 * week + 5 }, (_, k) => k);
    const b = 2 * week + 2; // start 0: b − 168 and b − 336 are in the series
    expect(profileFor(series, 0, b, 24)).toEqual({ kind: 'hour-of-week', values: [b - week, b - 2 * week] });
    const days = Array.from({ length: 60 }, (_, k) => k);
    expect(profileFor(days, 0, 50, 24)).toEqual({ kind: 'hour-of-day', values: [26, 2] });
    const short = [1, Number.NaN, 3];
    expect(profileFor(short, 10, 13, 24)).toEqual({ kind: 'run', values: [1, 3] });
  });

  it('judges against the profile maximum and the Holt band', () => {
    const c = cfg();
    const series = [10, 10, 10, 10, 10, 10];
    const j = judge(series, 0, 6, 100, c)!;
    expect(j.profile).toBe('run');
    expect(j.history).toBe(6);
    expect(j.reference).toBeCloseTo(10, 6);
    expect(j.ratio).toBeCloseTo(10, 6);
    expect(j.z).toBeCloseTo(90 / 2.5, 6); // MAD 0: scale floored at a quarter of the median
    expect(judge([], 0, 0, 5, c)).toBeUndefined();
  });
});

describe('anomaly.volume and anomaly.fanout', () => {
  it('reports a quiet host that suddenly moves gigabytes to hundreds of peers', () => {
    const specs = [...steady(T0, 10, 40, 500_000)];
    // Hour 10: 400 transfers of 10 MB to 400 peers.
    for (let k = 0; k < 400; k++) {
      specs.push(conn(T0 + 10 * H + k * 8, { resp: `198.19.${k >> 8}.${k & 255}`, respBytes: 10e6 }));
    }
    specs.push(...steady(T0 + 11 * H, 3, 40, 500_000));
    const out = run(specs);
    const vol = of(out, 'anomaly.volume');
    expect(vol).toHaveLength(1);
    expect(vol[0]!.entities.src).toBe(HOST);
    expect(vol[0]!.attack).toBe('T1105');
    expect(vol[0]!.evidence.bucketStart).toBe(T0 + 10 * H);
    expect(vol[0]!.evidence.profile).toBe('run');
    expect(vol[0]!.evidence.ratio as number).toBeGreaterThan(100);
    expect(vol[0]!.severity).toBe('high');
    expect((vol[0]!.evidence.sampleUids as string[]).length).toBe(10);
    const fan = of(out, 'anomaly.fanout');
    expect(fan).toHaveLength(1);
    expect(fan[0]!.evidence.value).toBe(400);
    expect(fan[0]!.summary).toMatch(/^10\.0\.0\.5 contacted 400 peers in 60 min/);
    // Those peers were contacted, not contacting: no fan-in.
    expect(of(out, 'anomaly.fanin')).toEqual([]);
    // The next hours are back to normal: nothing more.
    expect(out.findings.every((f) => f.evidence.bucketStart === T0 + 10 * H)).toBe(true);
  });

  it('tells fan-in from fan-out: a server suddenly answering hundreds of new clients', () => {
    // A server answering ten regular clients, then, in hour 10, 400 distinct ones.
    const served = (from: number, hours: number, clients: (k: number) => string, perHour: number) => {
      const out: ConnSpec[] = [];
      for (let h = 0; h < hours; h++) {
        for (let k = 0; k < perHour; k++) {
          out.push(
            conn(from + h * H + (k * H) / perHour + 1, { orig: clients(k), resp: HOST, respBytes: 5_000 }),
          );
        }
      }
      return out;
    };
    const regular = (k: number) => `198.18.0.${1 + (k % 10)}`;
    const specs = [
      ...served(T0, 10, regular, 40),
      ...served(T0 + 10 * H, 1, (k) => `198.19.${k >> 8}.${k & 255}`, 400),
      ...served(T0 + 11 * H, 3, regular, 40),
    ];
    const out = run(specs);
    const fanin = of(out, 'anomaly.fanin');
    expect(fanin).toHaveLength(1);
    expect(fanin[0]!.entities).toEqual({ src: HOST, kind: 'host' });
    expect(fanin[0]!.attack).toBe('T1498');
    expect(fanin[0]!.evidence.value).toBe(400);
    expect(fanin[0]!.evidence.bucketStart).toBe(T0 + 10 * H);
    expect(fanin[0]!.summary).toMatch(
      /^10\.0\.0\.5 was contacted by 400 peers in 60 min, \d+(\.\d)?× its usual \(10, run profile\)$/,
    );
    expect(of(out, 'anomaly.fanout')).toEqual([]);
    expect(of(run(specs, cfg({ enableFanin: false })), 'anomaly.fanin')).toEqual([]);
  });

  it('stays quiet for a diurnal host, small volumes and too little history', () => {
    const specs: ConnSpec[] = [];
    // Night hours idle, office hours busy (200 MB/h), for one day.
    for (let h = 0; h < 24; h++) if (h >= 8 && h < 18) specs.push(...steady(T0 + h * H, 1, 100, 2e6));
    expect(run(specs).findings).toEqual([]);
    // Two hours of history only, then 5 GB: too little history to judge.
    const early = [...steady(T0, 2, 10, 1e6), ...steady(T0 + 2 * H, 1, 500, 10e6)];
    expect(run(early).findings).toEqual([]);
    // A big jump that stays below the floor.
    const small = [...steady(T0, 10, 10, 1e5), ...steady(T0 + 10 * H, 1, 100, 3e6)];
    expect(run(small).findings).toEqual([]);
  });

  it('reports a short burst inside an otherwise unremarkable hour', () => {
    const specs = [...steady(T0, 8, 20, 2e6)];
    // 300 MB in two minutes; the hour stays below minBytes.
    for (let k = 0; k < 30; k++) specs.push(conn(T0 + 8 * H + 600 + k * 4, { respBytes: 10e6 }));
    const out = run(specs);
    expect(of(out, 'anomaly.volume')).toEqual([]);
    const burst = of(out, 'anomaly.burst');
    expect(burst).toHaveLength(1);
    expect(burst[0]!.evidence.slotStart).toBe(T0 + 8 * H + 600);
    // Downloads and their requests, without the largest connection of the slot.
    expect(burst[0]!.evidence.value).toBe(300e6 + 30 * 1_000 - 10_001_000);
    // One single 400 MB download is not a burst.
    const single = [...steady(T0, 8, 20, 2e6), conn(T0 + 8 * H + 600, { respBytes: 400e6 })];
    expect(run(single).findings).toEqual([]);
  });

  it('counts an inbound connection for the local responder, and uploads as T1048', () => {
    const server = '10.0.0.7';
    const specs: ConnSpec[] = [];
    for (let h = 0; h < 10; h++) {
      for (let k = 0; k < 20; k++) {
        specs.push(conn(T0 + h * H + k * 100, { orig: `203.0.113.${k + 1}`, resp: server, respBytes: 1e6 }));
      }
    }
    for (let k = 0; k < 20; k++) {
      specs.push(conn(T0 + 10 * H + k * 100, { orig: `203.0.113.${k + 1}`, resp: server, respBytes: 200e6 }));
    }
    const vol = of(run(specs), 'anomaly.volume');
    expect(vol).toHaveLength(1);
    expect(vol[0]!.entities.src).toBe(server);
    expect(vol[0]!.attack).toBe('T1048');
    // The originator-keyed copy of the same records is not counted again.
    const copies = specs.map((s) => ({ ...s, originView: true }));
    expect(run(copies).findings).toEqual([]);
  });

  it('reports a subnet only against a seasonal profile', () => {
    const hosts = Array.from({ length: 8 }, (_, k) => `10.0.1.${k + 10}`);
    const day = (d: number, hour: number, bytes: number): ConnSpec[] =>
      hosts.flatMap((h) => steady(T0 + d * 86_400 + hour * H, 1, 5, bytes, h));
    const specs: ConnSpec[] = [];
    for (let d = 0; d < 3; d++) for (let hour = 0; hour < 24; hour++) specs.push(...day(d, hour, 10e6));
    // Day 3, 10:00: every host moves 400 MB (below the host floor), the subnet 3.2 GB.
    specs.push(...day(3, 10, 80e6));
    const out = run(specs);
    const subnet = of(out, 'anomaly.volume');
    expect(subnet.map((f) => f.entities.src)).toEqual(['10.0.1.0/24']);
    expect(subnet[0]!.evidence.profile).toBe('hour-of-day');
    // The same jump in a single day (run profile only) is not reported for the subnet.
    const oneDay = [...specs.filter((s) => s.ts < T0 + 86_400 - 14 * H), ...day(0, 10, 80e6)];
    expect(of(run(oneDay), 'anomaly.volume')).toEqual([]);
  });
});

describe('anomaly.new-service', () => {
  const server = '10.0.0.9';
  const inbound = (ts: number, port: number, client: string): ConnSpec =>
    conn(ts, { orig: client, resp: server, respPort: port, respBytes: 5_000 });

  it('reports a port first served after the learning period, from two clients', () => {
    const specs: ConnSpec[] = [];
    for (let h = 0; h < 14; h++) specs.push(inbound(T0 + h * H, 22, '203.0.113.5'));
    specs.push(inbound(T0 + 13 * H, 8080, '203.0.113.5'));
    specs.push(inbound(T0 + 13 * H + 10, 8080, '203.0.113.6'));
    specs.push(inbound(T0 + 13 * H + 20, 8080, '203.0.113.6'));
    // A port answered once by one client, and a port seen during the learning period.
    specs.push(inbound(T0 + 13 * H, 9999, '203.0.113.7'));
    specs.push(inbound(T0 + 1 * H, 3389, '203.0.113.7'));
    specs.push(inbound(T0 + 13 * H, 3389, '203.0.113.8'));
    specs.push(inbound(T0 + 13 * H, 3389, '203.0.113.9'));
    // Failed attempts do not count as serving.
    for (let k = 0; k < 5; k++)
      specs.push(
        conn(T0 + 13 * H, { orig: `203.0.113.${20 + k}`, resp: server, respPort: 23, state: 'REJ' }),
      );
    const found = of(run(specs.sort((a, b) => a.ts - b.ts)), 'anomaly.new-service');
    expect(found.map((f) => f.entities.port)).toEqual(['8080']);
    expect(found[0]!.entities.src).toBe(server);
    expect(found[0]!.evidence.clients).toBe(2);
    expect(found[0]!.attack).toBe('T1571');
  });
});

describe('determinism', () => {
  const specs = (() => {
    const s = [...steady(T0, 10, 30, 1e6)];
    for (let k = 0; k < 200; k++)
      s.push(conn(T0 + 10 * H + k * 10, { resp: `198.19.0.${k + 1}`, respBytes: 20e6 }));
    s.push(...steady(T0 + 11 * H, 2, 30, 1e6, '10.0.0.6'));
    return s;
  })();

  it('gives the same findings for any batch split', () => {
    const a = run(specs, cfg(), 1);
    const b = run(specs, cfg(), [7, 3, 100]);
    const c = run(specs, cfg(), 4096);
    expect(a.findings.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('gives the same findings across a snapshot and restore', () => {
    const whole = run(specs);
    for (const cut of [1, 150, 301, specs.length - 1]) {
      const first = baselineAnalyzer.create(0, cfg());
      observeAll(first, connBatches(specs.slice(0, cut), 64));
      const restored = baselineAnalyzer.restore(0, cfg(), unpackState(packState(first.snapshot())));
      observeAll(restored, connBatches(specs.slice(cut), 64));
      expect(restored.finish()).toEqual(whole);
    }
  });

  it('carries outbound destinations through a snapshot (typed columns) and keeps adding to them', () => {
    const dests = ['198.18.0.10', '198.18.7.1', '203.0.113.9', '2001:db8::1'];
    const first = dests.map((resp, k) => conn(T0 + k, { resp, origBytes: 1_000 * (k + 1) }));
    const later = dests.map((resp, k) => conn(T0 + 100 + k, { resp, origBytes: 7 }));
    type Snap = { entities: Array<{ words: number[]; dests: { words: Uint32Array; bytes: Float64Array } }> };
    const hostOf = (snap: Snap) => snap.entities.find((e) => e.dests.words.length > 0)!;
    // A host with a baseline history (learningSeconds of it) tracks bytes per destination;
    // one without only the addresses (nothing reads the rest: the concentration finding
    // needs history).
    for (const history of [true, false]) {
      const make = () => {
        const shard = baselineAnalyzer.create(0, cfg({ maxDestinationsPerHost: 3 }));
        if (history) {
          (shard as unknown as { adopt(list: PersistedEntity[]): void }).adopt([
            {
              kind: 0,
              words: [0, 0, 0xffff, 0x0a000005],
              port: 0,
              proto: 0,
              firstTs: T0 - 2 * 86_400,
              lastTs: T0 - 86_400,
              start: 0,
              bytes: new Float64Array(0),
              outPeers: new Float64Array(0),
              inPeers: new Float64Array(0),
              ports: [],
              nets: [],
            },
          ]);
        }
        return shard;
      };
      const a = make();
      observeAll(a, connBatches(first, 64));
      const snap = a.snapshot() as Snap;
      expect(hostOf(snap).dests.words.length).toBe(12);
      expect(hostOf(snap).dests.bytes.length).toBe(history ? 3 : 0);
      const b = baselineAnalyzer.restore(0, cfg({ maxDestinationsPerHost: 3 }), unpackState(packState(snap)));
      expect(b.snapshot()).toEqual(snap);
      // The restored index finds every destination again: no duplicates, bytes added.
      observeAll(a, connBatches(later, 64));
      observeAll(b, connBatches(later, 64));
      expect(b.snapshot()).toEqual(a.snapshot());
      const host = hostOf(b.snapshot() as Snap);
      expect(Array.from(host.dests.words.subarray(8, 12))).toEqual([0, 0, 0xffff, 0xcb007109]);
      expect(Array.from(host.dests.bytes)).toEqual(history ? [1_007, 2_007, 3_007] : []);
      // The fourth destination is over the cap, in both runs and either mode.
      expect(b.finish().evictions.maxDestinationsPerHost).toBe(2);
    }
  });

  it('refuses snapshots of another version or shard', () => {
    const snap = baselineAnalyzer.create(3, cfg()).snapshot() as Record<string, unknown>;
    expect(() => baselineAnalyzer.restore(4, cfg(), snap)).toThrow(/another virtual shard/);
    expect(() => baselineAnalyzer.restore(3, cfg(), { ...snap, version: 99 })).toThrow(
      expect.objectContaining({ code: ErrorCode.CheckpointMismatch }),
    );
  });
});

describe('bounds', () => {
  it('caps entities and counts late records', () => {
    const hosts = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];
    const specs = hosts.map((h, k) => conn(T0 + k, { orig: h }));
    // With 2 entities at most: host 1 and its subnet; hosts 2 and 3 are counted.
    const out = run(specs, cfg({ maxEntities: 2 }));
    expect(out.evictions.maxEntities).toBe(2);
    // Two open buckets at most: a third closes the oldest, a record for it is late.
    const late = [conn(T0), conn(T0 + H), conn(T0 + 2 * H), conn(T0 + 10)];
    const out2 = run(late, cfg({ maxOpenBuckets: 2 }));
    expect(out2.evictions.lateRecords).toBe(2); // host and subnet
  });

  it('caps the external networks a host remembers, counting the records it drops', () => {
    // Three /16 networks outside; one remembered: the records to the other two are counted.
    const specs = ['198.18.0.1', '198.19.0.1', '203.0.113.1'].map((resp, k) => conn(T0 + k, { resp }));
    const out = run(specs, cfg({ maxNetsPerHost: 1 }));
    expect(out.evictions.maxNetsPerHost).toBe(2);
  });

  it('keeps every one of many hosts apart as its table grows', () => {
    // 40 hosts of one /24, two records each: 40 host entities and their subnet, no duplicates.
    const specs: ConnSpec[] = [];
    for (let round = 0; round < 2; round++)
      for (let k = 1; k <= 40; k++) specs.push(conn(T0 + round * 60 + k, { orig: `10.0.0.${k}` }));
    const out = run(specs, { ...cfg(), persist: true });
    const entities = (out.partial as BaselinePartial).groups[0]!.entities;
    expect(entities.filter((e) => e.kind === 0)).toHaveLength(40);
    expect(entities.filter((e) => e.kind === 1)).toHaveLength(1);
    expect(out.evictions.maxEntities).toBe(0);
  });

  it('keeps at most historyDays of buckets, also across a long silence', () => {
    // historyDays 1 = 24 hourly buckets: three days of steady traffic keep the last 24, and so
    // does a host silent for five days between two connections.
    const busy = steady(T0, 72, 2, 1_000);
    const quiet = [conn(T0, { orig: '10.0.0.6' }), conn(T0 + 5 * 86_400, { orig: '10.0.0.6' })];
    const out = run(
      [...busy, ...quiet].sort((a, b) => a.ts - b.ts),
      { ...cfg({ historyDays: 1 }), persist: true },
    );
    const hosts = (out.partial as BaselinePartial).groups[0]!.entities.filter((e) => e.kind === 0);
    const busyHost = hosts.find((e) => e.words[3] === 0x0a000005)!;
    const quietHost = hosts.find((e) => e.words[3] === 0x0a000006)!;
    expect(busyHost.bytes.length).toBeLessThanOrEqual(24);
    expect(busyHost.bytes.length).toBeGreaterThan(20);
    expect(quietHost.bytes.length).toBeLessThanOrEqual(24);
    expect(quietHost.bytes.at(-1)).toBeGreaterThan(0);
  });

  it('partials are only made when persisting, and merge in shard order', () => {
    expect(run([conn(T0)]).partial).toBeUndefined();
    const a = run([conn(T0)], { ...cfg(), persist: true }).partial as BaselinePartial;
    expect(a.groups[0]!.vshard).toBe(0);
    expect(a.groups[0]!.entities.map((e) => e.kind).sort()).toEqual([0, 1]);
    const b = { groups: [{ vshard: 5, entities: [] }], minTs: T0 - 10, maxTs: T0 + 5 };
    const merged = baselineAnalyzer.merge([b, undefined, a]) as BaselinePartial;
    expect(merged.groups.map((g) => g.vshard)).toEqual([0, 5]);
    expect(merged.minTs).toBe(T0 - 10);
    expect(merged.maxTs).toBe(T0 + 5);
    expect(baselineAnalyzer.merge([undefined])).toBeUndefined();
  });
});

describe('edges', () => {
  it('ignores other record kinds, bad times, copies and non-local traffic', () => {
    const specs: ConnSpec[] = [
      conn(T0, { kind: 2 }),
      conn(Number.NaN),
      conn(T0, { orig: '198.18.0.1', resp: '198.18.0.2' }),
      conn(T0, { orig: HOST, resp: '::1' }),
    ];
    const out = run(specs, { ...cfg(), persist: true });
    const kinds = (out.partial as BaselinePartial).groups[0]!.entities.map((e) => e.kind);
    expect(kinds.sort()).toEqual([0, 1]); // only the last one counts (host and subnet)
  });

  it('reports a service against its hour-of-day profile', () => {
    const server = '10.0.0.7';
    const specs: ConnSpec[] = [];
    for (let d = 0; d < 3; d++) {
      for (let h = 0; h < 24; h++) {
        const bytes = d === 2 && h === 10 ? 300e6 : 1e6;
        for (let k = 0; k < 5; k++) {
          specs.push(
            conn(T0 + d * 86_400 + h * H + k * 60, {
              orig: `203.0.113.${k + 1}`,
              resp: server,
              respBytes: bytes,
            }),
          );
        }
      }
    }
    const found = of(run(specs), 'anomaly.volume');
    const svc = found.find((f) => f.entities.port === '443');
    expect(svc?.entities).toMatchObject({ src: server, proto: 'tcp', kind: 'service' });
    expect(svc?.evidence.profile).toBe('hour-of-day');
    expect(svc?.summary).toMatch(/^service 10\.0\.0\.7:443\/tcp moved/);
  });

  it('caps the ports a host remembers and carries served ports through a snapshot', () => {
    const server = '10.0.0.9';
    const specs: ConnSpec[] = [];
    for (let p = 0; p < 4; p++) {
      for (let k = 0; k < 3; k++)
        specs.push(conn(T0 + p * 10 + k, { orig: `203.0.113.${k + 1}`, resp: server, respPort: 8000 + p }));
    }
    const a = baselineAnalyzer.create(0, { ...cfg({ maxPortsPerHost: 2 }), persist: true });
    observeAll(a, connBatches(specs.slice(0, 5), 4));
    const b = baselineAnalyzer.restore(
      0,
      { ...cfg({ maxPortsPerHost: 2 }), persist: true },
      unpackState(packState(a.snapshot())),
    );
    observeAll(b, connBatches(specs.slice(5), 4));
    const out = b.finish();
    expect(out.evictions.maxPortsPerHost).toBe(2 * 3); // two ports not tracked (3 records each)
    const host = (out.partial as BaselinePartial).groups[0]!.entities.find(
      (e) => e.kind === 0 && e.words[3] === 0x0a000009,
    );
    expect(host?.ports).toEqual([8000 * 4 + 1, 8001 * 4 + 1]);
  });
});
