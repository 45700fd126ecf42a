/**
 * App-layer records of captures reach the analyzers: analysing a capture delivers, per record
 * kind, the same rows — kind, role, virtual shard, ts, uid, addresses, ports, proto, and every
 * field FieldReader reads through the row's schema — as analysing the logs `netscry extract`
 * writes from it, with 1 and 2 in-process actors and any batch size (a probe analyzer records
 * what each virtual shard sees). Threaded runs (`npm run build` first) give the same summary
 * and outputs as in-process ones.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../../src/coordinator/extract.js';
import { discoverInputs } from '../../src/coordinator/inputs.js';
import { ChunkLedger } from '../../src/coordinator/ledger.js';
import { type AnalyzeOptions, planRun } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { ChunkSource } from '../../src/coordinator/source.js';
import type { AnalyzerFactory, ShardAnalyzer } from '../../src/detect/analyzer.js';
import { FieldReader } from '../../src/detect/fields.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { ActorCore, type InboundRing, type OutboundRing } from '../../src/engine/actor-core.js';
import { buildRuntime, type EngineRuntime } from '../../src/engine/config.js';
import { mergeHostOutputs } from '../../src/engine/shard-host.js';
import { findingsNdjson } from '../../src/report/output.js';
import { formatAddress } from '../../src/shared/addr.js';
import {
  type BatchView,
  CONN_STATE_NAMES,
  COUNTER_COUNT,
  isOriginatorDelivery,
  isPrimaryDelivery,
  PROTO_NAMES,
  RECORD_KIND_NAMES,
  RecordKind,
  Str,
} from '../../src/shared/record.js';
import { actorOfChunk } from '../../src/shared/sharding.js';
import { corpusPath } from '../helpers/corpus.js';

interface Seen {
  readonly vshard: number;
  /** Position in the virtual shard's sequence of rows of this kind. */
  readonly n: number;
  readonly kind: string;
  readonly text: string;
}

/** Every row a virtual shard's analyzers are given, as text (all FieldReader fields included). */
function describeRow(view: BatchView, i: number, readers: Map<string, FieldReader>): string {
  const a = new Uint32Array(4);
  view.copyAddr(i, 0, a, 0);
  const orig = formatAddress(a);
  view.copyAddr(i, 1, a, 0);
  const resp = formatAddress(a);
  const flags = view.flags[i]!;
  const parts = [
    `role=${isPrimaryDelivery(flags) ? 'P' : ''}${isOriginatorDelivery(flags) ? 'O' : ''}`,
    `flags=${flags}`,
    `ts=${view.ts[i]!.toFixed(6)}`,
    `uid=${view.str(i, Str.Uid)}`,
    `${orig}:${view.origPort[i]} > ${resp}:${view.respPort[i]}`,
    `proto=${PROTO_NAMES[view.proto[i]!]}`,
  ];
  const schema = view.schemaOf(i);
  if (view.kind[i] === RecordKind.Conn) {
    const counters: number[] = [];
    for (let c = 0; c < COUNTER_COUNT; c++) counters.push(view.counter(i, c));
    parts.push(
      `state=${CONN_STATE_NAMES[view.connState[i]!]}`,
      `service=${view.str(i, Str.Service)}`,
      `history=${view.str(i, Str.History)}`,
      // Conn rows of captures carry the tracker's full-precision duration, conn.log six decimals.
      `duration=${view.duration[i]!.toFixed(6)}`,
      `counters=${counters.join(',')}`,
    );
  } else if (schema !== undefined) {
    let reader = readers.get(schema.path);
    if (reader === undefined) {
      reader = new FieldReader(schema.fields);
      readers.set(schema.path, reader);
    }
    parts.push(`path=${schema.path}`, `read=${reader.read(view, i)}`);
    reader.names.forEach((name, k) => {
      parts.push(`${name}=${JSON.stringify(reader.list(k))}`);
    });
  }
  return parts.join(' ');
}

/** A test-only analyzer: its partial lists every row each virtual shard saw, in order. */
const probe: AnalyzerFactory = {
  name: 'probe',
  create(vshard: number): ShardAnalyzer {
    const seen: Seen[] = [];
    const perKind = new Map<string, number>();
    const readers = new Map<string, FieldReader>();
    const observe = (view: BatchView, i: number): void => {
      const kind = RECORD_KIND_NAMES[view.kind[i]!]!;
      const n = perKind.get(kind) ?? 0;
      perKind.set(kind, n + 1);
      seen.push({ vshard, n, kind, text: describeRow(view, i, readers) });
    };
    return {
      observe,
      observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++) observe(view, rows[k]!);
      },
      finish: () => ({ findings: [], partial: seen, evictions: {} }),
      snapshot: () => seen,
    };
  },
  restore(vshard: number): ShardAnalyzer {
    return this.create(vshard, undefined);
  },
  merge(parts: readonly unknown[]): unknown {
    return (parts.filter((p) => p !== undefined) as Seen[][])
      .flat()
      .sort((x, y) => x.vshard - y.vshard || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0) || x.n - y.n);
  },
};

/** An in-memory ring that never fills (the in-process actors of the harness). */
class QueueRing implements OutboundRing, InboundRing {
  private readonly queue: Uint8Array[] = [];
  tryWrite(size: number, fill: (dst: Uint8Array) => void): boolean {
    const bytes = new Uint8Array(new ArrayBuffer((size + 7) & ~7), 0, size);
    fill(bytes);
    this.queue.push(bytes);
    return true;
  }
  peek(): Uint8Array | undefined {
    return this.queue[0];
  }
  release(): void {
    this.queue.shift();
  }
}

/**
 * Runs `inputs` through `actors` in-process ActorCores (the code each worker thread runs) with
 * the probe added to the runtime; returns what every virtual shard saw and the summary counts.
 */
async function probeRun(
  inputs: readonly string[],
  actors: number,
  options: Partial<AnalyzeOptions> = {},
): Promise<{ seen: Seen[]; captureRecords: Record<string, number> }> {
  const plan = planRun({ inputs, actors: 0, ...options });
  const files = await discoverInputs(plan.inputs, { captureAs: plan.captureAs });
  const base = buildRuntime(plan.engine);
  const runtime: EngineRuntime = { ...base, analyzers: [...base.analyzers, { factory: probe, config: {} }] };
  const ledger = new ChunkLedger(files, plan.engine.maxEventsPerCode, plan.engine.parse.tsToleranceSeconds);
  const source = new ChunkSource(files, plan, ledger);
  const rings = Array.from({ length: actors * actors }, (_, k) =>
    Math.floor(k / actors) === k % actors ? undefined : new QueueRing(),
  );
  const cores = Array.from(
    { length: actors },
    (_, a) =>
      new ActorCore({
        actorId: a,
        actors,
        runtime,
        outbound: Array.from({ length: actors }, (_, d) => rings[a * actors + d]),
        inbound: Array.from({ length: actors }, (_, p) => rings[p * actors + a]),
        notify: () => {},
      }),
  );
  const pumpAll = (): void => {
    for (let moved = true; moved; ) {
      moved = false;
      for (const c of cores) moved = c.pump() || moved;
    }
  };
  try {
    for (let chunk = await source.next(); chunk; chunk = await source.next()) {
      ledger.recordParse(chunk.seq, cores[actorOfChunk(chunk.seq, actors)]!.parseChunk(chunk).result);
      pumpAll();
    }
  } finally {
    source.close();
  }
  for (const c of cores) expect(c.nextSeq).toBe(ledger.count);
  const output = mergeHostOutputs(
    runtime,
    cores.map((c) => c.host.finish()),
  );
  return { seen: output.partials.probe as Seen[], captureRecords: output.captureRecordsByPath };
}

/**
 * Rows by kind, each kind's rows as a sorted list. x509 rows without their virtual shard: the
 * log path hashes an x509 line to any shard, a capture's shards deliver it where its connection
 * is reported (shard-flows.ts).
 */
function byKind(seen: readonly Seen[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of seen) {
    const list = out[s.kind] ?? [];
    out[s.kind] = list;
    list.push(s.kind === 'x509' ? s.text : `vshard=${s.vshard} ${s.text}`);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** Kinds delivered exactly as from the logs, in the same order per virtual shard. */
const EXACT = new Set(['conn', 'dns', 'http', 'tls', 'auth', 'weird']);
const CAPTURES: ReadonlyArray<readonly string[]> = [
  ['zeek', 'traces', 'wikipedia.pcap'],
  ['zeek', 'traces', 'http', 'get.pcap'],
  ['zeek', 'traces', 'http', 'methods.pcap'],
  ['zeek', 'traces', 'tls', 'ecdhe.pcap'],
  ['zeek', 'traces', 'tls', 'google-cert-repeat.pcap'],
  ['zeek', 'traces', 'tls', 'tls-conn-with-extensions.pcap'],
  ['zeek', 'traces', 'dns', 'mdns.pcap'],
  ['zeek', 'traces', 'dns', 'tkey.pcap'],
  ['zeek', 'traces', 'ssh', 'sshguess.pcap'],
  ['zeek', 'traces', 'dhcp', 'dhcp.pcap'],
  ['labelled', 'dns-tunnel-iodine.pcap'],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-capture-records-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(CAPTURES.map((parts) => [parts.join('/'), parts] as const))('capture %s', (name, parts) => {
  const capture = corpusPath(...parts);
  it.skipIf(capture === undefined)(
    'delivers the records of the logs extract writes, field for field, for 1 and 2 actors',
    async () => {
      const out = join(dir, name.replaceAll('/', '_'));
      const extracted = await extractFiles({ inputs: [capture!], out });
      // weird.log: the events found on a connection reach the analyzers as weird rows; those of
      // the packet path and the file (no uid) are reported in summary.json instead.
      const weirdLog = join(out, 'weird.log');
      const connWeirds = (await readFile(weirdLog, 'utf8').catch(() => ''))
        .split('\n')
        .filter((l) => l.startsWith('#') || (l !== '' && l.split('\t')[1] !== '-'));
      const weirds = connWeirds.filter((l) => !l.startsWith('#')).length;
      if (connWeirds.length > 0) await writeFile(weirdLog, `${connWeirds.join('\n')}\n`);
      const logs = (await readdir(out))
        .filter((f) => f !== 'weird.log' || weirds > 0)
        .map((f) => join(out, f));
      const viaLogs = await probeRun(logs, 1);
      const viaCapture = await probeRun([capture!], 1);
      const expected = byKind(viaLogs.seen);
      const got = byKind(viaCapture.seen);
      const exact = (kinds: Record<string, string[]>) =>
        Object.fromEntries(Object.entries(kinds).filter(([k]) => EXACT.has(k)));
      expect(exact(got)).toEqual(exact(expected));
      expect(got.x509).toEqual(expected.x509);
      // Each virtual shard sees each kind's rows in the order of the log.
      const sequence = (seen: readonly Seen[]) =>
        seen.filter((s) => EXACT.has(s.kind)).map((s) => [s.vshard, s.kind, s.n, s.text]);
      expect(sequence(viaCapture.seen)).toEqual(sequence(viaLogs.seen));
      // One primary delivery per record of the logs (dhcp: at most, see shard-flows.ts).
      const primaries: Record<string, number> = {};
      for (const s of viaCapture.seen) {
        if (s.text.startsWith('role=P')) primaries[s.kind] = (primaries[s.kind] ?? 0) + 1;
      }
      const rows = extracted.appRows;
      const logged: Record<string, number> = {
        conn: extracted.connections,
        dns: rows.dns,
        http: rows.http,
        tls: rows.ssl,
        x509: rows.x509,
        auth: rows.ssh,
        weird: weirds,
      };
      const { dhcp, ...exactPrimaries } = primaries;
      expect(exactPrimaries).toEqual(Object.fromEntries(Object.entries(logged).filter(([, n]) => n > 0)));
      expect(dhcp ?? 0).toBeLessThanOrEqual(rows.dhcp);
      const { dhcp: dhcpCounted, ...counted } = viaCapture.captureRecords;
      expect(dhcpCounted).toBe(dhcp);
      expect(counted).toEqual(
        Object.fromEntries(
          Object.entries({ ...rows, dhcp: 0, conn: extracted.connections, weird: weirds })
            .filter(([, n]) => n > 0)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        ),
      );
      const twoActors = await probeRun([capture!], 2, { batchRecords: 3 });
      expect(twoActors.seen).toEqual(viaCapture.seen);
    },
  );
});

describe('summary and threaded runs', () => {
  const iodine = corpusPath('labelled', 'dns-tunnel-iodine.pcap');
  const wikipedia = corpusPath('zeek', 'traces', 'wikipedia.pcap');

  it.skipIf(iodine === undefined)(
    'delivers every DNS query of the iodine tunnel as a dns record',
    async () => {
      const extracted = await extractFiles({ inputs: [iodine!], out: join(dir, 'iodine-logs') });
      const { seen } = await probeRun([iodine!], 1);
      const queries = seen.filter((s) => s.kind === 'dns' && s.text.startsWith('role=P'));
      expect(queries.length).toBe(extracted.appRows.dns);
      expect(queries.length).toBeGreaterThan(100);
      expect(new Set(queries.map((q) => /query=(\S+)/.exec(q.text)?.[1])).size).toBeGreaterThan(100);
    },
  );

  it.skipIf(iodine === undefined || wikipedia === undefined)(
    'counts the records of captures by log path in summary.json, alike for 0 and 2 actors',
    async () => {
      for (const capture of [iodine!, wikipedia!]) {
        const out = join(dir, `summary-${capture.replaceAll('/', '_')}`);
        const extracted = await extractFiles({ inputs: [capture], out });
        const inProcess = await analyze({ inputs: [capture], actors: 0 });
        const threaded = await analyze({ inputs: [capture], actors: 2, batchRecords: 5 });
        const byType = inProcess.summary.records.byType;
        expect(byType).toEqual({
          ...Object.fromEntries(Object.entries(extracted.appRows).filter(([, n]) => n > 0)),
          conn: extracted.connections,
          packet: extracted.packets,
        });
        expect(Object.keys(byType)).toEqual(Object.keys(byType).sort());
        expect(inProcess.summary.records.total).toBe(Object.values(byType).reduce((a, b) => a + b, 0));
        expect(threaded.summary.records).toEqual(inProcess.summary.records);
        expect(findingsNdjson(threaded.findings)).toBe(findingsNdjson(inProcess.findings));
        expect(canonicalJson(threaded.heatmap)).toBe(canonicalJson(inProcess.heatmap));
        // The heatmap reads conn records only: the app rows leave it as the conn.log alone makes it.
        const viaConnLog = await analyze({ inputs: [join(out, 'conn.log')], actors: 0 });
        expect(canonicalJson(inProcess.heatmap)).toBe(canonicalJson(viaConnLog.heatmap));
        // The detectors find what they find in the logs extract writes (weird.log aside).
        const logs = (await readdir(out)).filter((f) => f !== 'weird.log').map((f) => join(out, f));
        const viaLogs = await analyze({ inputs: logs, actors: 0 });
        expect(findingsNdjson(inProcess.findings)).toBe(findingsNdjson(viaLogs.findings));
      }
    },
  );
});
