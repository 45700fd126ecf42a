/**
 * Inputs read once — standard input, a named pipe, `<(zcat …)` — analysed as their file would
 * be: the spool gives every reader the bytes from the start (stream-input.ts), so format
 * sniffing, a direct run that falls back and an actor's recovery all see the same input.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeOptions } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { StreamSpool } from '../../src/coordinator/stream-input.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { generate } from '../../src/generate/index.js';
import { findingsNdjson } from '../../src/report/output.js';

let dir: string;
let connLog: string;
let connBytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-stream-'));
  await generate({ out: join(dir, 'gen'), hosts: 30, hours: 2, seed: 5, scenarios: ['scan.horizontal'] });
  connLog = join(dir, 'gen', 'conn.log');
  connBytes = readFileSync(connLog);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stream giving `bytes` in blocks of `block`, one per tick (as a slow producer would). */
function slowStream(bytes: Uint8Array, block: number, failAfter?: number): Readable {
  async function* blocks(): AsyncGenerator<Buffer> {
    for (let at = 0, k = 0; at < bytes.length; at += block, k++) {
      if (failAfter !== undefined && k === failAfter) throw new Error('producer died');
      await new Promise((r) => setImmediate(r));
      yield Buffer.from(bytes.subarray(at, Math.min(bytes.length, at + block)));
    }
  }
  return Readable.from(blocks(), { objectMode: false });
}

async function collect(blocks: AsyncIterable<Uint8Array>, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const b of blocks) {
    parts.push(b);
    if (++n >= limit) break;
  }
  return Buffer.concat(parts);
}

describe('StreamSpool', () => {
  it('gives every reader the whole stream from its first byte, reading the stream once', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, k) => k % 251));
    let pulled = 0;
    const stream = slowStream(bytes, 700);
    stream.on('data', (b: Buffer) => {
      pulled += b.length;
    });
    stream.pause();
    const spool = new StreamSpool(stream, 'a', join(dir, 'spool-a'));
    try {
      // A reader that stops early (format sniffing) leaves the stream to the next one.
      expect(await collect(spool.rawBlocks(), 2)).toEqual(bytes.subarray(0, 1400));
      expect(spool.bytesRead).toBe(1400);
      // Two readers at once, one ahead of the other: each block is pulled once.
      const [first, second] = await Promise.all([collect(spool.rawBlocks()), collect(spool.rawBlocks())]);
      expect(first).toEqual(bytes);
      expect(second).toEqual(bytes);
      expect(pulled).toBe(bytes.length);
      expect(spool.bytesRead).toBe(bytes.length);
      // After the end, a reader replays the spool.
      expect(await collect(spool.rawBlocks())).toEqual(bytes);
    } finally {
      spool.close();
    }
    expect(existsSync(join(dir, 'spool-a', 'stream-a'))).toBe(false);
  });

  it('hands on what came before a failing stream, then its error, to every reader', async () => {
    const bytes = Buffer.alloc(3000, 7);
    const spool = new StreamSpool(slowStream(bytes, 1000, 2), 'b');
    try {
      for (let reader = 0; reader < 2; reader++) {
        const got: Uint8Array[] = [];
        await expect(
          (async () => {
            for await (const b of spool.rawBlocks()) got.push(b);
          })(),
        ).rejects.toThrow('producer died');
        expect(Buffer.concat(got)).toEqual(bytes.subarray(0, 2000));
      }
    } finally {
      spool.close();
    }
    expect(existsSync(spool.path)).toBe(false);
  });
});

describe('analyze over a stream', () => {
  let reference: { findings: string; heatmap: string; summary: Record<string, unknown> };

  async function run(inputs: string[], options: Omit<AnalyzeOptions, 'inputs'> = {}) {
    const result = await analyze({ inputs, ...options });
    // run (timing) and config (the actor count) differ by design; inputs name the file.
    const {
      run: _run,
      config: _config,
      inputs: files,
      ...summary
    } = result.summary as unknown as Record<string, unknown>;
    return {
      findings: findingsNdjson(result.findings),
      heatmap: canonicalJson(result.heatmap),
      summary,
      files: files as Array<{ file: string; gzip: boolean; sizeBytes: number }>,
      recoveries: result.summary.run.recoveries,
      mode: result.summary.run.mode,
    };
  }

  beforeAll(async () => {
    reference = await run([connLog], { actors: 0 });
    expect(reference.findings).toContain('scan.horizontal');
  });

  it('reads standard input (`-`), plain or gzip, to the same output as the file', async () => {
    const plain = await run(['-'], { actors: 2, stdin: slowStream(connBytes, 64 * 1024) });
    expect(plain.files).toEqual([{ file: '-', format: 'tsv', gzip: false, sizeBytes: connBytes.length }]);
    const gz = gzipSync(connBytes);
    const zipped = await run(['-'], { actors: 2, stdin: slowStream(gz, 10_000) });
    expect(zipped.files).toEqual([{ file: '-', format: 'tsv', gzip: true, sizeBytes: gz.length }]);
    for (const out of [plain, zipped]) {
      expect(out.findings).toBe(reference.findings);
      expect(out.heatmap).toBe(reference.heatmap);
      expect(canonicalJson(out.summary)).toBe(canonicalJson(reference.summary));
    }
  });

  it('recovers a killed actor from the spool (the stream cannot be read again)', async () => {
    const out = await run(['-'], {
      actors: 2,
      chunkBytes: 16 * 1024,
      checkpointEveryChunks: 3,
      crashActor: { actor: 1, afterChunks: 6 },
      stdin: slowStream(connBytes, 32 * 1024),
    });
    expect(out.recoveries).toHaveLength(1);
    expect(out.recoveries[0]!.resumedAtChunk).toBeGreaterThan(0);
    expect(out.findings).toBe(reference.findings);
    expect(out.heatmap).toBe(reference.heatmap);
  });

  it('draws the heatmap alone from a stream (framed direct run) and falls back when it must', async () => {
    const heatmapOnly = await run([connLog], { actors: 2, detect: false });
    const direct = await run(['-'], { actors: 2, detect: false, stdin: slowStream(connBytes, 50_000) });
    expect(direct.mode).toBe('direct');
    expect(direct.heatmap).toBe(heatmapOnly.heatmap);
    // Over the direct cell budget: the sharded pipeline reads the stream again, from the spool.
    const budget = { maxCellsDirect: 16 };
    const capped = await run([connLog], { actors: 2, detect: false, heatmap: budget });
    const fallback = await run(['-'], {
      actors: 2,
      detect: false,
      heatmap: budget,
      stdin: slowStream(connBytes, 50_000),
    });
    expect(fallback.mode).toBe('sharded');
    expect(fallback.heatmap).toBe(capped.heatmap);
    expect(fallback.files[0]!.sizeBytes).toBe(connBytes.length);
  });

  it('takes a named pipe as a stream, and leaves no spool behind', async (ctx) => {
    const fifo = join(dir, 'conn.fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) ctx.skip('mkfifo (coreutils) is not available');
    const spools = join(dir, 'spools');
    // The writer's open completes when the run opens the pipe for reading.
    createWriteStream(fifo)
      .on('error', () => {})
      .end(connBytes);
    const out = await run([fifo], { actors: 1, spoolDir: spools });
    expect(out.findings).toBe(reference.findings);
    expect(readdirSync(spools).filter((f) => f.startsWith('stream-'))).toEqual([]);
  });

  it('says which input it could not read: an empty or unknown stream', async () => {
    await expect(analyze({ inputs: ['-'], stdin: Readable.from([]) })).rejects.toThrow(
      /standard input: unsupported format \(empty file\)/,
    );
    await expect(
      analyze({ inputs: ['-'], stdin: Readable.from([Buffer.from('hello world\n')]) }),
    ).rejects.toThrow(/standard input: unsupported format; netscry reads Zeek TSV logs/);
    await expect(analyze({ inputs: ['-'], stdin: slowStream(connBytes, 100, 0) })).rejects.toThrow(
      /cannot read standard input/,
    );
  });
});
