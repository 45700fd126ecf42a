/**
 * The coordinator's side of gzip logs: a rotated set (eight `conn.*.log.gz`, 32 MiB of lines in
 * all) decompressed and framed into chunks by `ChunkSource`, which decompresses the next two
 * files ahead of the one it frames (coordinator/blocks.ts `ReadAhead`), against the same with
 * none ahead and the reference of the files only decompressed, one after another. On a
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
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const FILES = 8;
const FILE_BYTES = 4 << 20;
const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2024-03-12-08-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring',
].join('\n');

/** A conn.log of about FILE_BYTES, its lines varied like a day's (deterministic). */
function conn(file: number): string {
  const lines: string[] = [HEADER];
  let size = HEADER.length;
  for (let k = 0; size < FILE_BYTES; k++) {
    const h = Math.imul(k + file * 1_000_003, 2_654_435_761) >>> 0;
    const line = `${1_710_230_400 + file * 3600 + k / 300}\tC${h.toString(36)}x${k}\t10.20.${h & 3}.${h % 250}\t${40_000 + (h % 20_000)}\t${(h >>> 8) % 223}.${(h >>> 4) % 250}.${h % 199}.${k % 250}\t${[443, 80, 53, 22][h & 3]}\ttcp\t${['ssl', 'http', 'dns', '-'][h & 3]}\t${((h % 9000) / 1000).toFixed(6)}\t${h % 5000}\t${h % 90_000}\tSF`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('#close\t2024-03-12-09-00-00');
  return `${lines.join('\n')}\n`;
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
