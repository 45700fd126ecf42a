/**
 * Test driver: frames a whole decompressed file the way the coordinator does (blocks of a
 * chosen size), parses every chunk, and turns chunk-relative positions into file lines.
 */

import {
  type FramedChunk,
  type FramerEvent,
  fileLine,
  orderingStepBack,
  type UnsupportedZeekFormat,
  ZeekChunkParser,
  ZeekFramer,
  type ZeekFramerOptions,
} from '../../../src/ingest/zeek/index.js';
import type { ChunkParseResult, ZeekParseOptions } from '../../../src/ingest/zeek/types.js';
import { formatAddress } from '../../../src/shared/addr.js';
import {
  CONN_STATE_NAMES,
  Flag,
  PROTO_NAMES,
  RECORD_KIND_NAMES,
  type RecordRow,
  STR_COUNT,
  Str,
} from '../../../src/shared/record.js';

export interface Rec {
  line: number;
  kind: string;
  path: string;
  format: string;
  /** The schema's fields (a JSON line's keys, in order). */
  fields: string;
  ts: number;
  duration: number;
  uid: string;
  service: string;
  history: string;
  raw: string;
  orig: string | undefined;
  resp: string | undefined;
  origPort: number;
  respPort: number;
  proto: string;
  connState: string;
  counters: number[];
}

export interface FileEvent {
  code: string;
  line: number;
  message: string;
}

const dec = new TextDecoder();

function str(row: RecordRow, slot: number): string {
  return dec.decode(row.src.subarray(row.strStart[slot]!, row.strEnd[slot]!));
}

export function snapshot(row: RecordRow, lineBase: number): Rec {
  return {
    line: lineBase + row.line,
    kind: RECORD_KIND_NAMES[row.kind],
    path: row.schema?.path ?? '?',
    format: row.schema?.format ?? '?',
    fields: row.schema?.fields.join(',') ?? '',
    ts: row.ts,
    duration: row.duration,
    uid: str(row, Str.Uid),
    service: str(row, Str.Service),
    history: str(row, Str.History),
    raw: str(row, Str.Raw),
    orig: row.flags & Flag.OrigSet ? formatAddress(row.addr, 0) : undefined,
    resp: row.flags & Flag.RespSet ? formatAddress(row.addr, 4) : undefined,
    origPort: row.origPort,
    respPort: row.respPort,
    proto: PROTO_NAMES[row.proto],
    connState: CONN_STATE_NAMES[row.connState],
    counters: Array.from(row.counters),
  };
}
void STR_COUNT;

export interface RunOptions {
  file?: string;
  chunkBytes?: number;
  maxLineBytes?: number;
  blockSize?: number;
  parse?: Partial<ZeekParseOptions>;
  parser?: ZeekChunkParser;
  /** Keep records (off for big corpus files to save memory). */
  keepRecords?: boolean;
}

export interface RunResult {
  records: Rec[];
  recordCount: number;
  events: FileEvent[];
  chunks: FramedChunk[];
  results: ChunkParseResult[];
  framerEvents: FramerEvent[];
  unsupported: UnsupportedZeekFormat | undefined;
  lines: number;
  recordsByPath: Record<string, number>;
}

export function frameAll(bytes: Uint8Array, opts: RunOptions = {}) {
  const framerOptions: ZeekFramerOptions = {
    file: opts.file ?? 'test.log',
    ...(opts.chunkBytes === undefined ? {} : { chunkBytes: opts.chunkBytes }),
    ...(opts.maxLineBytes === undefined ? {} : { maxLineBytes: opts.maxLineBytes }),
    maxEventsPerCode: 1_000_000,
  };
  const framer = new ZeekFramer(framerOptions);
  const chunks: FramedChunk[] = [];
  const events: FramerEvent[] = [];
  let unsupported: UnsupportedZeekFormat | undefined;
  const block = opts.blockSize ?? 65536;
  for (let off = 0; off < bytes.length; off += block) {
    const out = framer.push(bytes.subarray(off, Math.min(bytes.length, off + block)));
    chunks.push(...out.chunks);
    events.push(...out.events);
    unsupported ??= out.unsupported;
  }
  const out = framer.end();
  chunks.push(...out.chunks);
  events.push(...out.events);
  return { chunks, events, unsupported, framer };
}

export function runFile(bytes: Uint8Array, opts: RunOptions = {}): RunResult {
  const { chunks, events: framerEvents, unsupported } = frameAll(bytes, opts);
  const parser =
    opts.parser ??
    new ZeekChunkParser({
      maxEventsPerCode: 1_000_000,
      ...(opts.parse ?? {}),
      ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}),
    });
  const keep = opts.keepRecords ?? true;
  const records: Rec[] = [];
  const results: ChunkParseResult[] = [];
  const events: FileEvent[] = [];
  const recordsByPath: Record<string, number> = {};
  let dataLines = 0;
  let recordCount = 0;
  let prevLast = Number.NaN;
  const dataLinesBefore: number[] = [];
  for (const chunk of chunks) {
    const base = fileLine(chunk, dataLines, 0);
    const r = parser.parse(chunk, {
      push(row) {
        recordCount++;
        if (keep) records.push(snapshot(row, base));
      },
    });
    results.push(r);
    for (const e of r.events) events.push({ code: e.code, line: base + e.lineInChunk, message: e.message });
    if (!Number.isNaN(r.firstOrderTs)) {
      if (orderingStepBack(prevLast, r.firstOrderTs, parser.options.tsToleranceSeconds)) {
        events.push({ code: 'ts_backwards', line: base + r.firstRecordLine, message: 'across chunks' });
      }
      prevLast = r.lastOrderTs;
    }
    for (const [p, n] of Object.entries(r.recordsByPath)) recordsByPath[p] = (recordsByPath[p] ?? 0) + n;
    dataLinesBefore.push(dataLines);
    dataLines += r.lines;
  }
  for (const e of framerEvents) {
    let before = 0;
    for (let k = 0; k < e.chunksBefore; k++) before += results[k]!.lines;
    events.push({ code: e.code, line: e.wholeFile ? 0 : fileLine(e, before), message: e.message });
  }
  events.sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
  let directive = 0;
  let dropped = 0;
  const last = chunks[chunks.length - 1];
  if (last) {
    directive = last.directiveLinesBefore;
    dropped = last.droppedLinesBefore;
  }
  return {
    records,
    recordCount,
    events,
    chunks,
    results,
    framerEvents,
    unsupported,
    lines: dataLines + directive + dropped,
    recordsByPath,
  };
}

export const enc = new TextEncoder();
export const bytesOf = (s: string): Uint8Array => enc.encode(s);
