/**
 * Sharded runs read plain TSV logs in ranges (the actors read the bytes; the coordinator only
 * cuts them at line starts): same bytes out as framing the same log, problems reported on the
 * same lines; and a log that holds what only the framer handles is framed after all, saying so.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInputs } from '../../src/coordinator/inputs.js';
import { layoutOf } from '../../src/coordinator/layout.js';
import { ChunkLedger } from '../../src/coordinator/ledger.js';
import { type AnalyzeOptions, planRun } from '../../src/coordinator/options.js';
import { type AnalysisResult, analyze } from '../../src/coordinator/pipeline.js';
import { ChunkSource } from '../../src/coordinator/source.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { SchemaCache } from '../../src/ingest/zeek/header.js';
import type { ZeekChunk } from '../../src/ingest/zeek/types.js';
import { findingsNdjson } from '../../src/report/output.js';
import { SMALL_CONN_COLUMNS, zeekTsvHeader } from '../helpers/zeek-text.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-ranges-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = zeekTsvHeader('conn', SMALL_CONN_COLUMNS);
const CLOSE = '#close\t2024-01-01-01-00-00';

/** A conn line of SMALL_CONN_COLUMNS. */
function conn(ts: number, uid: string, orig: string, resp: string, port: number, state = 'S0'): string {
  return [ts.toFixed(6), uid, orig, 50000, resp, port, 'tcp', state, 0, 0].join('\t');
}

/** A day's worth of lines: a horizontal scan among ordinary traffic, ~40 KB. */
function traffic(from: number, count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = 1_700_000_000 + from + i;
    lines.push(
      i % 3 === 0
        ? conn(t, `Cs${from + i}`, '10.0.0.66', `10.0.${(i >> 8) & 255}.${i & 255}`, 445)
        : conn(t, `Cb${from + i}`, `10.0.1.${i % 50}`, '198.51.100.7', 443, 'SF'),
    );
  }
  return lines;
}

/** Writes the lines as `name` and as `name.gz` (a gzip log is always framed). */
async function writeBoth(name: string, lines: string[]): Promise<{ plain: string; gzip: string }> {
  const text = `${lines.join('\n')}\n`;
  const plain = join(dir, name);
  const gzip = `${plain}.gz`;
  await writeFile(plain, text);
  await writeFile(gzip, gzipSync(text));
  return { plain, gzip };
}

/** What must not depend on how the log was read: outputs, and every event but its file name. */
function comparable(result: AnalysisResult) {
  return {
    findings: findingsNdjson(result.findings),
    heatmap: canonicalJson(result.heatmap),
    events: result.summary.integrity.events.map(({ file: _file, ...rest }) => rest),
    byCode: result.summary.integrity.byCode,
    records: result.summary.records,
  };
}

async function chunksOf(input: string, options: Partial<AnalyzeOptions> = {}): Promise<ZeekChunk[]> {
  const plan = planRun({ inputs: [input], actors: 0, ...options });
  const files = await discoverInputs(plan.inputs, {});
  const ledger = new ChunkLedger(files, plan.engine.maxEventsPerCode, plan.engine.parse.tsToleranceSeconds);
  const source = new ChunkSource(files, plan, ledger, true);
  const chunks: ZeekChunk[] = [];
  try {
    for (let c = await source.next(); c; c = await source.next()) chunks.push(c);
  } finally {
    source.close();
  }
  return chunks;
}

describe('sharded runs over plain TSV logs: ranges', () => {
  it('cuts a closed plain log into ranges at line starts, and frames a gzip one', async () => {
    const { plain, gzip } = await writeBoth('cut.log', [...HEADER, ...traffic(0, 600), CLOSE]);
    const ranges = await chunksOf(plain, { chunkBytes: 4096 });
    expect(ranges.length).toBeGreaterThan(5);
    const headerBytes = `${HEADER.join('\n')}\n`.length;
    let next = headerBytes;
    for (const [k, c] of ranges.entries()) {
      expect(c.bytes).toHaveLength(0);
      expect(c.startOffset).toBe(next);
      if (k < ranges.length - 1) expect(c.rangeLength).toBeGreaterThanOrEqual(4096);
      next += c.rangeLength!;
    }
    expect(next).toBe(statSync(plain).size - CLOSE.length - 1);
    const framed = await chunksOf(gzip, { chunkBytes: 4096 });
    expect(framed.every((c) => c.rangeLength === undefined && c.bytes.length > 0)).toBe(true);
  });

  it('gives the framed log’s bytes and events, problems on the same lines, for 0 and 2 actors', async () => {
    const lines = [...HEADER, ...traffic(0, 300)];
    lines.push('garbage\twith\ttoo\tfew\tfields'); // field_count
    lines.push(conn(1_700_000_400, 'Cb5', '10.0.1.5', '198.51.100.7', 443, 'SF')); // duplicate uid
    lines.push(conn(1_699_990_000, 'Cback', '10.0.1.5', '198.51.100.7', 443)); // ts_backwards
    lines.push(conn(1_700_000_401, 'Cbad', '10.0.1.5', 'not-an-address', 443)); // unparsable
    lines.push('');
    lines.push(...traffic(500, 300), CLOSE);
    const { plain, gzip } = await writeBoth('damaged.log', lines);
    for (const options of [
      { actors: 0, chunkBytes: 4096 },
      { actors: 2, chunkBytes: 4096, batchRecords: 7 },
    ]) {
      const ranged = await analyze({ inputs: [plain], tsToleranceSeconds: 900, ...options });
      const framed = await analyze({ inputs: [gzip], tsToleranceSeconds: 900, ...options });
      expect(ranged.summary.run.reframed).toBeUndefined();
      expect(comparable(ranged)).toEqual(comparable(framed));
      const at = (code: string) =>
        ranged.summary.integrity.events.filter((e) => e.code === code).map((e) => e.line);
      expect(at('field_count')).toEqual([HEADER.length + 301]);
      expect(at('duplicate_uid')).toEqual([HEADER.length + 302]);
      expect(at('unparsable_value')).toEqual([HEADER.length + 304]);
      // A duplicate uid (found by a shard, not the parser) points at its line's first byte.
      const duplicate = ranged.summary.integrity.events.find((e) => e.code === 'duplicate_uid')!;
      expect(duplicate.offset).toBe(Buffer.byteLength(lines.slice(0, duplicate.line - 1).join('\n')) + 1);
      expect(ranged.findings.some((f) => f.detector.startsWith('scan.'))).toBe(true);
    }
  });

  it('reads a log without #close in ranges too, with the framer’s missing_close on its last line', async () => {
    const lines = [...HEADER, ...traffic(0, 400)];
    const { plain, gzip } = await writeBoth('open.log', lines);
    expect((await chunksOf(plain, { chunkBytes: 4096 })).every((c) => c.rangeLength !== undefined)).toBe(
      true,
    );
    for (const options of [{ actors: 0 }, { actors: 2 }, { actors: 2, detect: false }]) {
      const ranged = await analyze({ inputs: [plain], chunkBytes: 4096, ...options });
      const framed = await analyze({ inputs: [gzip], chunkBytes: 4096, ...options });
      expect(comparable(ranged)).toEqual(comparable(framed));
      const missing = ranged.summary.integrity.events.filter((e) => e.code === 'missing_close');
      expect(missing.map((e) => [e.line, e.offset])).toEqual([
        [lines.length, `${lines.join('\n')}\n`.length],
      ]);
      expect(ranged.summary.run.mode).toBe(options.detect === false ? 'direct' : 'sharded');
    }
    // A last line cut short is the framer's: framed, and its events stay the framer's.
    const cut = join(dir, 'cut-line.log');
    await writeFile(cut, `${lines.join('\n')}\n${lines.at(-1)!.slice(0, 20)}`);
    expect((await chunksOf(cut)).every((c) => c.rangeLength === undefined)).toBe(true);
  });

  it('reads a plain Zeek JSON log in ranges, sharded and direct: the framed log’s bytes; a long line reframes it', async () => {
    const json = traffic(0, 500).map((line) => {
      const [ts, uid, oh, op, rh, rp, proto, state, ob, rb] = line.split('\t');
      return JSON.stringify({
        ts: Number(ts),
        uid,
        'id.orig_h': oh,
        'id.orig_p': Number(op),
        'id.resp_h': rh,
        'id.resp_p': Number(rp),
        proto,
        conn_state: state,
        orig_bytes: Number(ob),
        resp_bytes: Number(rb),
      });
    });
    json.splice(250, 0, '{"ts":"not a time","uid":"Cbad"}');
    const { plain, gzip } = await writeBoth('conn.json.log', json);
    const chunks = await chunksOf(plain, { chunkBytes: 4096 });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => c.rangeLength !== undefined && c.format === 'json')).toBe(true);
    for (const options of [
      { actors: 0 },
      { actors: 2, batchRecords: 7 },
      { actors: 0, detect: false },
      { actors: 2, detect: false },
    ]) {
      const ranged = await analyze({ inputs: [plain], chunkBytes: 4096, ...options });
      const framed = await analyze({ inputs: [gzip], chunkBytes: 4096, ...options });
      expect(ranged.summary.run.reframed).toBeUndefined();
      expect(ranged.summary.run.mode).toBe(options.detect === false ? 'direct' : 'sharded');
      expect(comparable(ranged)).toEqual(comparable(framed));
      expect(ranged.summary.records.total).toBeGreaterThanOrEqual(500);
    }
    const long = [...json];
    long.splice(100, 0, JSON.stringify({ ts: 1_700_000_100, uid: `C${'x'.repeat(1500)}` }));
    const withLong = await writeBoth('long.json.log', long);
    const ranged = await analyze({
      inputs: [withLong.plain],
      actors: 2,
      chunkBytes: 4096,
      maxLineBytes: 1024,
    });
    const framed = await analyze({
      inputs: [withLong.gzip],
      actors: 2,
      chunkBytes: 4096,
      maxLineBytes: 1024,
    });
    expect(ranged.summary.run.reframed).toMatch(/^a line over the length limit/);
    expect(comparable(ranged)).toEqual(comparable(framed));
    // A last line cut short: framed from the start.
    const cut = join(dir, 'cut.json.log');
    await writeFile(cut, `${json.join('\n')}\n{"ts":17000`);
    expect((await chunksOf(cut)).every((c) => c.rangeLength === undefined)).toBe(true);
  });

  it('leaves a log gone since it was found to framing, which reports it', async () => {
    const { plain } = await writeBoth('gone.log', [...HEADER, ...traffic(0, 10), CLOSE]);
    const plan = planRun({ inputs: [plain], actors: 0 });
    const [input] = await discoverInputs(plan.inputs, {});
    await rm(plain);
    expect(layoutOf(input!, plan, new SchemaCache())).toBeUndefined();
    expect(layoutOf({ ...input!, path: dir }, plan, new SchemaCache())).toBeUndefined();
  });

  it('frames the run after all when a range holds a directive line, and says so', async () => {
    // Two logs in one file: the second header sits inside what was laid out as data.
    const lines = [...HEADER, ...traffic(0, 300), CLOSE, ...HEADER, ...traffic(300, 300), CLOSE];
    const { plain, gzip } = await writeBoth('concatenated.log', lines);
    for (const actors of [0, 2]) {
      const ranged = await analyze({ inputs: [plain], actors, chunkBytes: 4096 });
      const framed = await analyze({ inputs: [gzip], actors, chunkBytes: 4096 });
      expect(ranged.summary.run.reframed).toMatch(
        /^a directive line inside the data \(.*concatenated\.log at byte \d+\)$/,
      );
      expect(framed.summary.run.reframed).toBeUndefined();
      expect(comparable(ranged)).toEqual(comparable(framed));
      expect(ranged.summary.records.total).toBe(600);
    }
  });

  it('frames the run after all when a line is over the length limit', async () => {
    const long = conn(1_700_000_300, `C${'x'.repeat(1500)}`, '10.0.1.1', '198.51.100.7', 443);
    const lines = [...HEADER, ...traffic(0, 300), long, ...traffic(301, 100), CLOSE];
    const { plain, gzip } = await writeBoth('long-line.log', lines);
    const options = { actors: 2, chunkBytes: 4096, maxLineBytes: 1024 };
    const ranged = await analyze({ inputs: [plain], ...options });
    const framed = await analyze({ inputs: [gzip], ...options });
    expect(ranged.summary.run.reframed).toMatch(/^a line over the length limit/);
    expect(comparable(ranged)).toEqual(comparable(framed));
    expect(ranged.summary.integrity.byCode.line_too_long).toBe(1);
  });
});
