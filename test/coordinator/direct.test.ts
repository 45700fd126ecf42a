/**
 * Direct aggregation (coordinator/direct.ts): a heatmap-only run over plain Zeek TSV logs reads
 * byte ranges in the actors and skips the shuffle. What users rely on: the same heatmap and
 * the same summary (integrity events with their file lines included) as the sharded pipeline,
 * whatever the actors and piece sizes; and the sharded pipeline whenever the input needs it.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeOptions } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { generate } from '../../src/generate/index.js';
import { zeekColumns } from '../helpers/zeek-text.js';

let dir: string;
let conn: string;
let dns: string;
/** conn.log with bad lines of every kind the parser reports, still one header and a #close. */
let damaged: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-direct-'));
  await generate({ out: join(dir, 'gen'), hosts: 30, hours: 2, seed: 5 });
  conn = join(dir, 'gen', 'conn.log');
  dns = join(dir, 'gen', 'dns.log');
  const lines = readFileSync(conn, 'utf8').split('\n');
  const data = lines.filter((l) => l.length > 0 && !l.startsWith('#'));
  const header = lines.filter((l) => l.startsWith('#'));
  const spoiled = data.map((line, k) => {
    const f = line.split('\t');
    switch (k % 97) {
      case 3:
        return `${line}\textra`; // wrong field count
      case 11:
        return `${line.slice(0, 25)}\u0001${line.slice(25)}`; // control byte
      case 19:
        f[8] = 'soon'; // unparsable duration: reported, record kept
        return f.join('\t');
      case 29:
        f[4] = '300.1.2.3'; // unparsable address
        return f.join('\t');
      case 41:
        f[0] = String(Number(f[0]) - 7200); // time runs backwards
        return f.join('\t');
      case 53:
        return '';
      default:
        return line;
    }
  });
  damaged = join(dir, 'damaged.log');
  writeFileSync(damaged, `${[...header.slice(0, -1), ...spoiled, header.at(-1)!].join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A Zeek TSV log as Zeek JSON (one object per line; unset fields left out, numbers as numbers). */
function zeekJson(tsv: string): string {
  const lines = tsv.split('\n');
  const { fields, types } = zeekColumns(tsv);
  const numeric = new Set(['time', 'interval', 'count', 'port', 'int', 'double']);
  const out: string[] = [];
  for (const line of lines) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const record: Record<string, unknown> = {};
    line.split('\t').forEach((value, k) => {
      if (value === '-' || value === '(empty)') return;
      const type = types[k]!;
      record[fields[k]!] = numeric.has(type) ? Number(value) : type === 'bool' ? value === 'T' : value;
    });
    out.push(JSON.stringify(record));
  }
  return `${out.join('\n')}\n`;
}

interface Seen {
  readonly mode: string;
  readonly heatmap: string;
  /** summary.json without what varies by design: timing, actors, and the uid sets' evictions. */
  readonly summary: string;
}

async function run(inputs: string[], options: Omit<AnalyzeOptions, 'inputs'>): Promise<Seen> {
  const result = await analyze({ inputs, detect: false, ...options });
  const { run: timing, config, evictions, integrity, ...summary } = result.summary;
  const { uids: _uids, ...otherEvictions } = evictions;
  const { notChecked, ...checked } = integrity;
  expect(notChecked).toEqual(timing.mode === 'direct' ? ['duplicate_uid'] : undefined);
  // What a direct run does not check is left out of the comparison (see the last test).
  const { duplicate_uid: duplicates = 0, ...byCode } = checked.byCode;
  return {
    mode: timing.mode,
    heatmap: canonicalJson(result.heatmap),
    summary: canonicalJson({
      ...summary,
      integrity: {
        total: checked.total - duplicates,
        byCode,
        events: checked.events.filter((e) => e.code !== 'duplicate_uid'),
      },
      config: { ...config, actors: 0 },
      evictions: otherEvictions,
    }),
  };
}

describe('direct aggregation', () => {
  it('gives the sharded pipeline’s heatmap and summary for any actors and piece size', async () => {
    const inputs = [damaged, dns];
    const sharded = await run(inputs, { actors: 0, direct: false });
    expect(sharded.mode).toBe('sharded');
    const summary = JSON.parse(sharded.summary);
    // Every kind of damage is there to be reported the same way.
    expect(Object.keys(summary.integrity.byCode).sort()).toEqual([
      'binary_garbage',
      'field_count',
      'ts_backwards',
      'unparsable_value',
    ]);
    for (const options of [
      { actors: 0 },
      { actors: 1 },
      { actors: 2, chunkBytes: 64 * 1024 },
      { actors: 4, chunkBytes: 4096 },
      { actors: 3, chunkBytes: 10_007 },
    ]) {
      const direct = await run(inputs, options);
      expect(direct.mode, JSON.stringify(options)).toBe('direct');
      expect(direct.heatmap, JSON.stringify(options)).toBe(sharded.heatmap);
      expect(direct.summary, JSON.stringify(options)).toBe(sharded.summary);
    }
  });

  it('keeps the local side and distinct-port views equal too', async () => {
    const heatmap = { localSide: true, portSketches: true };
    const sharded = await run([conn], { actors: 0, direct: false, heatmap });
    for (const actors of [0, 2]) {
      const direct = await run([conn], { actors, heatmap });
      expect(direct.mode).toBe('direct');
      expect(direct.heatmap).toBe(sharded.heatmap);
    }
  });

  it('runs the sharded pipeline only when detectors run or it is asked to', async () => {
    const detected = await analyze({ inputs: [conn], actors: 0, detectors: {} });
    expect(detected.summary.run.mode).toBe('sharded');
    expect((await run([conn], { actors: 0, direct: false })).mode).toBe('sharded');
  });

  it('frames gzip and JSON logs on the coordinator and still aggregates directly', async () => {
    const gz = join(dir, 'damaged.log.gz');
    writeFileSync(gz, gzipSync(readFileSync(damaged)));
    const json = join(dir, 'conn.json');
    writeFileSync(json, zeekJson(readFileSync(conn, 'utf8')));
    const inputs = [gz, json];
    const sharded = await run(inputs, { actors: 0, direct: false });
    expect(JSON.parse(sharded.summary).records.byType.conn).toBeGreaterThan(1000);
    for (const options of [{ actors: 0 }, { actors: 2 }, { actors: 3, chunkBytes: 8192 }]) {
      const direct = await run(inputs, options);
      expect(direct.mode, JSON.stringify(options)).toBe('direct');
      expect(direct.heatmap, JSON.stringify(options)).toBe(sharded.heatmap);
      expect(direct.summary, JSON.stringify(options)).toBe(sharded.summary);
    }
  });

  it('leaves to the framer what only it handles (a second header, a long line), and reports a missing #close alike', async () => {
    const text = readFileSync(conn, 'utf8');
    const concatenated = join(dir, 'concatenated.log');
    writeFileSync(concatenated, text.replace(/#close[^\n]*\n$/, '') + text);
    const longLine = join(dir, 'long-line.log');
    const lines = text.split('\n');
    lines.splice(40, 0, `${lines[40]!}${'x'.repeat(5000)}`);
    writeFileSync(longLine, lines.join('\n'));
    const unclosed = join(dir, 'unclosed.log');
    writeFileSync(unclosed, text.replace(/#close[^\n]*\n$/, ''));
    // The concatenation repeats the same header: no event, but directives inside the data.
    const cases: Array<[string, Omit<AnalyzeOptions, 'inputs'>, string | undefined]> = [
      [concatenated, {}, undefined],
      [longLine, { maxLineBytes: 4096 }, 'line_too_long'],
      [unclosed, {}, 'missing_close'],
    ];
    for (const [file, options, code] of cases) {
      const sharded = await run([file], { actors: 0, chunkBytes: 8192, direct: false, ...options });
      for (const actors of [0, 2]) {
        const seen = await run([file], { actors, chunkBytes: 8192, ...options });
        expect(seen.mode, file).toBe('direct');
        expect(seen.heatmap).toBe(sharded.heatmap);
        expect(seen.summary).toBe(sharded.summary);
        if (code !== undefined) expect(JSON.parse(seen.summary).integrity.byCode[code]).toBeGreaterThan(0);
      }
    }
  });

  it('falls back when the merged cells exceed the budget, for any number of actors', async () => {
    const whole = await analyze({ inputs: [conn], actors: 0, detect: false });
    const count = whole.heatmapPartial!.cells.count;
    expect(count).toBeGreaterThan(100);
    // A budget the pieces of 2 or 4 actors each fit in, but not all the cells together.
    const budget = count - 1;
    const gz = join(dir, 'conn.log.gz');
    writeFileSync(gz, gzipSync(readFileSync(conn)));
    for (const actors of [0, 1, 2, 4]) {
      // Ranges over the plain log, framed chunks over the gzip one: the same rule.
      for (const input of [conn, gz]) {
        const seen = await run([input], { actors, chunkBytes: 65536, heatmap: { maxCellsDirect: budget } });
        expect(seen.mode, `${input}, actors ${actors}`).toBe('sharded');
      }
    }
    expect((await run([conn], { actors: 2, heatmap: { maxCellsDirect: count } })).mode).toBe('direct');
    // The summary (and the command's output) says why the run was not direct.
    const told = await analyze({
      inputs: [conn],
      actors: 2,
      detect: false,
      heatmap: { maxCellsDirect: budget },
    });
    expect(told.summary.run.notDirect).toBe(
      `the heatmap needs more than ${budget.toLocaleString('en-US')} cells (heatmap.maxCellsDirect)`,
    );
    expect(whole.summary.run.notDirect).toBeUndefined();
  });

  it('reads a header longer than its first read', async () => {
    const long = join(dir, 'long-header.log');
    const text = readFileSync(conn, 'utf8').replace(/^#open\t[^\n]*/m, `#open\t${'2024'.repeat(20_000)}`);
    writeFileSync(long, text);
    const sharded = await run([long], { actors: 0, direct: false });
    const direct = await run([long], { actors: 2 });
    expect(direct.mode).toBe('direct');
    expect(direct.summary).toBe(sharded.summary);
    // Read by ranges (one contiguous half per actor), not framed on the coordinator.
    const ranged = await analyze({ inputs: [long], actors: 2, detect: false });
    const [first, second] = ranged.summary.run.actors;
    expect(first!.bytesParsed + second!.bytesParsed).toBe(ranged.summary.bytes);
    expect(Math.abs(first!.bytesParsed - second!.bytesParsed)).toBeLessThan(1000);
  });

  it('reads several files as one sequence cut at line starts', async () => {
    const copy = join(dir, 'copy.log');
    copyFileSync(conn, copy);
    const inputs = [conn, dns, copy];
    const sharded = await run(inputs, { actors: 0, direct: false });
    for (const options of [{ actors: 2 }, { actors: 4, chunkBytes: 5000 }]) {
      const direct = await run(inputs, options);
      expect(direct.mode).toBe('direct');
      expect(direct.heatmap).toBe(sharded.heatmap);
      expect(direct.summary).toBe(sharded.summary);
    }
    // The copy repeats every uid: the sharded pipeline says so; a direct run says it did not look.
    const full = await analyze({ inputs, actors: 0, detect: false, direct: false });
    expect(full.summary.integrity.byCode.duplicate_uid).toBeGreaterThan(0);
    const direct = await analyze({ inputs, actors: 0, detect: false });
    expect(direct.summary.integrity.byCode.duplicate_uid).toBeUndefined();
    expect(direct.summary.integrity.notChecked).toEqual(['duplicate_uid']);
  });
});
