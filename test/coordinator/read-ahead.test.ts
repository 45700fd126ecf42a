/**
 * Reading gzip logs ahead: blocks come out in order, an error after the blocks before it, no
 * more than the bound is pulled from a source nobody reads, and a cancelled read-ahead closes
 * its source. End to end, a rotated set of gzip logs — one of them cut short — gives the same
 * outputs as the same lines in plain logs, with the cut reported where it is.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../../src/coordinator/blocks.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { findingsNdjson } from '../../src/report/output.js';
import { type ZeekColumn, zeekTsv } from '../../src/report/zeek-log.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** A source of `n` blocks of `size` bytes (block k filled with k), throwing after `failAfter` if set. */
function source(n: number, size: number, failAfter?: number) {
  const state = { pulled: 0, closed: false };
  async function* gen(): AsyncGenerator<Uint8Array> {
    try {
      for (let k = 0; k < n; k++) {
        if (failAfter !== undefined && k === failAfter) throw new Error('broken stream');
        await tick();
        state.pulled++;
        yield new Uint8Array(size).fill(k & 255);
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, blocks: gen() };
}

async function drain(blocks: AsyncIterable<Uint8Array>): Promise<number[]> {
  const got: number[] = [];
  for await (const b of blocks) got.push(b[0]!);
  return got;
}

describe('ReadAhead', () => {
  it('gives every block in order, and a failure after the blocks before it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 64 }),
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        fc.integer({ min: 0, max: 40 }),
        async (n, bound, failAfter, head) => {
          const { blocks } = source(n, 8, failAfter);
          const ahead = new ReadAhead(blocks, bound);
          // Let it read ahead before anyone asks.
          for (let k = 0; k < head; k++) await tick();
          const got: number[] = [];
          let error: unknown;
          try {
            for await (const b of ahead.blocks()) got.push(b[0]!);
          } catch (err) {
            error = err;
          }
          const fails = failAfter !== undefined && failAfter < n;
          const expected = Array.from({ length: fails ? failAfter : n }, (_, k) => k);
          expect(got).toEqual(expected);
          expect(error === undefined).toBe(!fails);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads ahead up to its bound while nobody reads, then waits', async () => {
    const { state, blocks } = source(100, 1024);
    const ahead = new ReadAhead(blocks, 10 * 1024);
    for (let k = 0; k < 50; k++) await tick();
    expect(state.pulled).toBe(10);
    expect(await drain(ahead.blocks())).toEqual(Array.from({ length: 100 }, (_, k) => k));
    expect(state.closed).toBe(true);
  });

  it('closes its source when cancelled, read or not', async () => {
    const unread = source(100, 1024);
    new ReadAhead(unread.blocks, 4 * 1024).cancel();
    for (let k = 0; k < 20; k++) await tick();
    expect(unread.state.closed).toBe(true);
    expect(unread.state.pulled).toBeLessThanOrEqual(4);
    const partly = source(100, 1024);
    const ahead = new ReadAhead(partly.blocks, 4 * 1024);
    for await (const _ of ahead.blocks()) break;
    for (let k = 0; k < 20; k++) await tick();
    expect(partly.state.closed).toBe(true);
  });
});

describe('rotated gzip logs', () => {
  it('give the outputs of the same lines in plain logs, and report a cut file where it is cut', async () => {
    const dir = join(tmpdir(), `netscry-read-ahead-${process.pid}`);
    await mkdir(join(dir, 'plain'), { recursive: true });
    await mkdir(join(dir, 'gz'), { recursive: true });
    try {
      // Five hourly conn.logs; one host sweeps port 22 in each hour (a scan per file).
      const columns: readonly ZeekColumn<readonly [number, string, string, number]>[] = [
        { name: 'ts', type: 'time', get: (r) => r[0] },
        { name: 'uid', type: 'string', get: (r) => `C${r[0]}` },
        { name: 'id.orig_h', type: 'addr', get: (r) => r[1] },
        { name: 'id.orig_p', type: 'port', get: (r) => 40_000 + (r[0] % 1000) },
        { name: 'id.resp_h', type: 'addr', get: (r) => r[2] },
        { name: 'id.resp_p', type: 'port', get: (r) => r[3] },
        { name: 'proto', type: 'enum', get: () => 'tcp' },
        { name: 'conn_state', type: 'string', get: () => 'REJ' },
        { name: 'history', type: 'string', get: () => 'Sr' },
      ];
      const files: string[] = [];
      for (let f = 0; f < 5; f++) {
        const start = 1_710_230_400 + f * 3600;
        const rows = Array.from({ length: 3000 }, (_, k) => {
          const scanner = k % 3 === 0;
          return [
            start + k,
            scanner ? '10.1.0.66' : `10.1.${f}.${k % 200}`,
            scanner ? `10.9.${f}.${((k / 3) | 0) % 250}` : `10.9.0.${k % 50}`,
            scanner ? 22 : k % 30,
          ] as const;
        });
        files.push(zeekTsv('conn', columns, rows, [start, start + 3600]));
      }
      for (const [f, text] of files.entries()) {
        const name = `conn.${String(f).padStart(2, '0')}:00:00-${String(f + 1).padStart(2, '0')}:00:00.log`;
        await writeFile(join(dir, 'plain', name), text);
        await writeFile(join(dir, 'gz', `${name}.gz`), gzipSync(text));
      }
      const plain = await analyze({ inputs: [join(dir, 'plain')], actors: 2 });
      const gz = await analyze({ inputs: [join(dir, 'gz')], actors: 2 });
      expect(plain.findings.length).toBeGreaterThan(0);
      expect(findingsNdjson(gz.findings)).toBe(findingsNdjson(plain.findings));
      expect(canonicalJson(gz.heatmap)).toBe(canonicalJson(plain.heatmap));
      expect(gz.summary.records).toEqual(plain.summary.records);

      // Cut the third file's gzip stream in the middle: what came before it and every other file
      // are analysed, and the cut is a truncated_gzip event of that file.
      const third = join(dir, 'gz', 'conn.02:00:00-03:00:00.log.gz');
      const whole = await readFile(third);
      await writeFile(third, whole.subarray(0, whole.length >> 1));
      const cut = await analyze({ inputs: [join(dir, 'gz')], actors: 2 });
      expect(cut.summary.integrity.byCode.truncated_gzip).toBe(1);
      expect(cut.summary.integrity.events.find((e) => e.code === 'truncated_gzip')?.file).toBe(third);
      const conns = cut.summary.records.byType.conn ?? 0;
      expect(conns).toBeGreaterThan(4 * 3000);
      expect(conns).toBeLessThan(5 * 3000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
