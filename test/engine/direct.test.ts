/**
 * A direct actor's reading (engine/direct.ts): pieces cut at line ends whatever their size,
 * and every condition it must hand back to the coordinator instead of guessing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectAggregator, type DirectSegment, readRanges } from '../../src/engine/direct.js';
import { parseZeekHeader } from '../../src/ingest/zeek/header.js';
import { validateHeatmapConfig } from '../../src/report/heatmap/aggregate.js';
import { LocalNetworks } from '../../src/shared/addr.js';
import { SMALL_CONN_COLUMNS, zeekTsvHeader } from '../helpers/zeek-text.js';

const dir = mkdtempSync(join(tmpdir(), 'netscry-direct-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = zeekTsvHeader('conn', SMALL_CONN_COLUMNS).join('\n');
const header = parseZeekHeader(HEADER).header!;
const local = LocalNetworks.parse(['10.0.0.0/8']) as LocalNetworks;

function line(k: number): string {
  return `${1_700_000_000 + k * 7}.5\tC${k}x\t10.0.${k % 5}.${k % 200}\t${40_000 + k}\t198.51.100.${k % 90}\t443\ttcp\t${k % 3 === 0 ? 'S0' : 'SF'}\t${k * 3}\t${k * 11}`;
}

function file(name: string, body: string): { path: string; start: number; end: number } {
  const path = join(dir, name);
  const head = `${HEADER}\n`;
  writeFileSync(path, `${head}${body}`);
  return { path, start: Buffer.byteLength(head), end: Buffer.byteLength(head) + Buffer.byteLength(body) };
}

function aggregate(segments: DirectSegment[], pieceBytes: number, maxLineBytes = 4096) {
  const aggregator = new DirectAggregator(validateHeatmapConfig(), {}, local);
  readRanges(segments, aggregator, { pieceBytes, maxLineBytes });
  return aggregator.finish();
}

describe('direct reading', () => {
  const body = `${Array.from({ length: 500 }, (_, k) => line(k)).join('\n')}\n`;
  const f = file('conn.log', body);
  const segment = (start = f.start, end = f.end): DirectSegment => ({
    sourceId: 0,
    path: f.path,
    format: 'tsv',
    header,
    start,
    end,
  });

  it('cuts pieces at line ends and gets the same cells for any piece size', () => {
    const whole = aggregate([segment()], 1 << 20, 1 << 20);
    expect(whole.stopped).toBeUndefined();
    expect(whole.records).toBe(500);
    expect(whole.pieces).toHaveLength(1);
    for (const size of [97, 1000, 4096]) {
      const cut = aggregate([segment()], size);
      expect(cut.stopped).toBeUndefined();
      expect(cut.records).toBe(500);
      expect(cut.pieces.length).toBeGreaterThan(1);
      // Pieces tile the segment.
      let at = f.start;
      for (const p of cut.pieces) {
        expect(p.startOffset).toBe(at);
        at += p.length;
      }
      expect(at).toBe(f.end);
      expect(cut.partial).toEqual(whole.partial);
    }
  });

  it('hands back a directive inside the data, an over-long line and a file that shrank', () => {
    const withDirective = file('directive.log', `${line(1)}\n#close\t2024\n${line(2)}\n`);
    expect(
      aggregate([{ ...segment(withDirective.start, withDirective.end), path: withDirective.path }], 4096)
        .stopped,
    ).toBe('directive');
    // A log that does not start with a time: a directive line would parse as a record.
    const other = join(dir, 'names.log');
    const otherHead = `${zeekTsvHeader('names', [
      ['name', 'string'],
      ['n', 'count'],
    ]).join('\n')}\n`;
    writeFileSync(other, `${otherHead}a\t1\n#x\t5\nb\t2\n`);
    const otherHeader = parseZeekHeader(otherHead).header!;
    const segments = [
      {
        sourceId: 0,
        path: other,
        format: 'tsv' as const,
        header: otherHeader,
        start: otherHead.length,
        end: otherHead.length + 13,
      },
    ];
    expect(aggregate(segments, 4096).stopped).toBe('directive');
    const long = file('long.log', `${line(1)}\n${line(2)}${'x'.repeat(6000)}\n${line(3)}\n`);
    const longOut = aggregate([{ ...segment(long.start, long.end), path: long.path }], 1024, 4096);
    expect(longOut.stopped).toBe('long_line');
    expect(longOut.pieces).toEqual([]);
    expect(longOut.partial).toBeUndefined();
    // A line over the piece but within the limit is read whole.
    expect(aggregate([{ ...segment(long.start, long.end), path: long.path }], 1024, 8192).stopped).toBe(
      undefined,
    );
    expect(aggregate([segment(f.start, f.end + 100)], 4096).stopped).toBe('changed');
  });

  it('stops when the cells exceed the budget', () => {
    const aggregator = new DirectAggregator(validateHeatmapConfig({ maxCellsDirect: 16 }), {}, local);
    readRanges([segment()], aggregator, { pieceBytes: 4096, maxLineBytes: 4096 });
    expect(aggregator.stopped).toBe('cells');
    expect(aggregator.finish().partial).toBeUndefined();
  });
});
