/**
 * Heatmap partial aggregation (`observe` per conn record) on synthetic batches shaped like an
 * enterprise day: a few local /24s and a ULA /64 talking to a wide spread of remote /24s.
 */
import { heatmapAnalyzer, validateHeatmapConfig } from '../../src/report/heatmap/aggregate.js';
import {
  BatchBuilder,
  BatchView,
  ConnState,
  Flag,
  Proto,
  RecordKind,
  RecordRow,
} from '../../src/shared/record.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const RECORDS = 200_000;
const BATCH = 2048;

function batches(): BatchView[] {
  const row = new RecordRow();
  let seed = 0x1234567;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const out: BatchView[] = [];
  const builder = new BatchBuilder(BATCH, 1 << 20);
  for (let i = 0; i < RECORDS; i++) {
    row.reset();
    row.kind = RecordKind.Conn;
    row.proto = Proto.Tcp;
    row.ts = 1_710_230_400 + (i / RECORDS) * 86_400;
    row.connState = rand() < 0.02 ? ConnState.S0 : ConnState.SF;
    row.counters[0] = Math.floor(rand() * 5000);
    row.counters[1] = Math.floor(rand() * 50_000);
    const v6 = rand() < 0.1;
    if (v6) row.addr.set([0xfd000000, 0, 0, Math.floor(rand() * 500)], 0);
    else
      row.addr.set(
        [0, 0, 0xffff, (0x0a140000 + Math.floor(rand() * 4) * 256 + Math.floor(rand() * 200)) >>> 0],
        0,
      );
    const remote = Math.floor(rand() ** 3 * 20_000);
    row.addr.set([0, 0, 0xffff, (0xc6000000 + remote * 256 + Math.floor(rand() * 8)) >>> 0], 4);
    row.flags = Flag.OrigSet | Flag.RespSet | Flag.LocalOrig;
    builder.append(row, 0, row.flags);
    if (builder.isFull) {
      out.push(new BatchView(builder.encode({ chunkSeq: 0, part: out.length, last: false, sourceId: 0 })));
      builder.clear();
    }
  }
  if (builder.count > 0)
    out.push(new BatchView(builder.encode({ chunkSeq: 0, part: out.length, last: true, sourceId: 0 })));
  return out;
}

export async function run(): Promise<BenchReport[]> {
  const views = batches();
  const config = validateHeatmapConfig();
  const bench = newBench();
  const name = `heatmap observe + finish, ${RECORDS / 1000}k conn records`;
  bench.add(name, () => {
    const shard = heatmapAnalyzer.create(0, config);
    for (const v of views) for (let i = 0; i < v.count; i++) shard.observe(v, i);
    shard.finish();
  });
  await bench.run();
  const { median, samples } = medianMs(bench, name);
  return [{ name, medianMs: median, throughput: perSecond(RECORDS, median, ' records'), samples }];
}
