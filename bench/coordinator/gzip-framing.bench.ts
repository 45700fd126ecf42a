/**
 * The coordinator's side of gzip logs: a rotated set (eight hourly `conn.*.log.gz`, about 28 MB
 * of lines in all) decompressed and framed into chunks by `ChunkSource`, which decompresses the
 * next two files ahead of the one it frames (coordinator/blocks.ts `ReadAhead`), against the
 * same with none ahead and the reference of the files only decompressed, one after another. On a
 * machine with more cores than actors this is the coordinator's ceiling for gzip inputs.
 * Reports MB/s of decompressed bytes.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decompressedBlocks } from '../../src/coordinator/blocks.js';
import { discoverInputs } from '../../src/coordinator/inputs.js';
import { ChunkLedger } from '../../src/coordinator/ledger.js';
import { planRun } from '../../src/coordinator/options.js';
import { ChunkSource } from '../../src/coordinator/source.js';
import { type ZeekColumn, zeekTsv } from '../../src/report/zeek-log.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const FILES = 8;
const FILE_BYTES = 4 << 20;
interface Conn {
  readonly ts: number;
  readonly uid: string;
  readonly orig: string;
  readonly origPort: number;
  readonly resp: string;
  readonly respPort: number;
  readonly service: string | undefined;
  readonly duration: number;
  readonly origBytes: number;
  readonly respBytes: number;
}
const COLUMNS: readonly ZeekColumn<Conn>[] = [
  { name: 'ts', type: 'time', get: (c) => c.ts },
  { name: 'uid', type: 'string', get: (c) => c.uid },
  { name: 'id.orig_h', type: 'addr', get: (c) => c.orig },
  { name: 'id.orig_p', type: 'port', get: (c) => c.origPort },
  { name: 'id.resp_h', type: 'addr', get: (c) => c.resp },
  { name: 'id.resp_p', type: 'port', get: (c) => c.respPort },
  { name: 'proto', type: 'enum', get: () => 'tcp' },
  { name: 'service', type: 'string', get: (c) => c.service },
  { name: 'duration', type: 'interval', get: (c) => c.duration },
  { name: 'orig_bytes', type: 'count', get: (c) => c.origBytes },
  { name: 'resp_bytes', type: 'count', get: (c) => c.respBytes },
  { name: 'conn_state', type: 'string', get: () => 'SF' },
];
/** Conn lines per file: about FILE_BYTES of text. */
const LINES = Math.round(FILE_BYTES / 115);

/** Hour `file` of a conn.log, its lines varied like a day's (deterministic). */
function conn(file: number): string {
  const start = 1_710_230_400 + file * 3600;
  const rows = Array.from({ length: LINES }, (_, k): Conn => {
    const h = Math.imul(k + file * 1_000_003, 2_654_435_761) >>> 0;
    return {
      ts: start + (k * 3600) / LINES,
      uid: `C${h.toString(36)}x${k}`,
      orig: `10.20.${h & 3}.${h % 250}`,
      origPort: 40_000 + (h % 20_000),
      resp: `${(h >>> 8) % 223}.${(h >>> 4) % 250}.${h % 199}.${k % 250}`,
      respPort: [443, 80, 53, 22][h & 3]!,
      service: ['ssl', 'http', 'dns', undefined][h & 3],
      duration: (h % 9000) / 1000,
      origBytes: h % 5000,
      respBytes: h % 90_000,
    };
  });
  return zeekTsv('conn', COLUMNS, rows, [start, start + 3600]);
}

export async function run(): Promise<BenchReport[]> {
  const dir = join(tmpdir(), `netscry-bench-gzip-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    let bytes = 0;
    for (let f = 0; f < FILES; f++) {
      const text = conn(f);
      bytes += Buffer.byteLength(text);
      writeFileSync(
        join(dir, `conn.${String(f).padStart(2, '0')}:00:00-${String(f + 1).padStart(2, '0')}:00:00.log.gz`),
        gzipSync(text, { level: 6 }),
      );
    }
    const plan = planRun({ inputs: [dir], actors: 0 });
    const inputs = await discoverInputs(plan.inputs);
    const bench = newBench();
    const frame = (ahead: number) => async () => {
      const source = new ChunkSource(inputs, plan, new ChunkLedger(inputs, 100, 900), false, ahead);
      let n = 0;
      for (let c = await source.next(); c !== undefined; c = await source.next()) n += c.bytes.length;
      source.close();
      if (n < bytes * 0.99) throw new Error(`framed ${n} of ${bytes} bytes`);
    };
    const names = [
      `ChunkSource: ${FILES} rotated gzip logs decompressed and framed, two ahead (default)`,
      'ChunkSource: the same, none ahead (one file after another)',
      'reference: the same files only decompressed, one after another',
    ];
    bench.add(names[0]!, frame(2));
    bench.add(names[1]!, frame(0));
    bench.add(names[2]!, async () => {
      let n = 0;
      for (const input of inputs)
        for await (const block of decompressedBlocks(input, () => {})) n += block.length;
      if (n !== bytes) throw new Error(`decompressed ${n} of ${bytes} bytes`);
    });
    await bench.run();
    return names.map((name) => {
      const { median, samples } = medianMs(bench, name);
      return { name, medianMs: median, throughput: perSecond(bytes, median, 'B', 1e6, 'M'), samples };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
