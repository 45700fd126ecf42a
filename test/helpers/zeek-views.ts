/**
 * Test driver for detectors that read non-conn records: Zeek log text (TSV with its header, or
 * JSON lines) → the real framer and parser → the real sharding policy → encoded `BatchView`s,
 * one delivery per row exactly as an actor's ScatterSink would append it (the originator-keyed
 * copy of inbound records included). Feed the views to an analyzer with `observeAll`.
 */
import { ZeekChunkParser, ZeekFramer } from '../../src/ingest/zeek/index.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../../src/shared/addr.js';
import { BatchBuilder, BatchView, Flag, type RecordRow } from '../../src/shared/record.js';
import { newRoute, routeRow, type ShardingPolicy } from '../../src/shared/sharding.js';

export interface ZeekViewOptions {
  /** Local networks (default: RFC 1918 + ULA + link-local). */
  readonly local?: readonly string[];
  /** Rows per batch; default 64 (several batches for longer inputs). */
  readonly batchRecords?: number;
  /** Keep only the deliveries to this virtual shard (default: all, in row order). */
  readonly vshard?: number;
}

const encoder = new TextEncoder();

export function zeekViews(text: string, options: ZeekViewOptions = {}): BatchView[] {
  const local = LocalNetworks.parse(options.local ?? DEFAULT_LOCAL_NETWORKS);
  if (!(local instanceof LocalNetworks)) throw new Error(`test helper: not a network: ${local.invalid}`);
  const policy: ShardingPolicy = { vshards: 1024, v4Prefix: 24, v6Prefix: 64, local };
  const framer = new ZeekFramer({ file: 'test.log' });
  const chunks = [...framer.push(encoder.encode(text)).chunks, ...framer.end().chunks];
  const parser = new ZeekChunkParser();
  const builder = new BatchBuilder(options.batchRecords ?? 64, 1 << 20);
  const views: BatchView[] = [];
  const route = newRoute();
  const flush = (): void => {
    if (builder.count === 0) return;
    views.push(new BatchView(builder.encode({ chunkSeq: 0, part: views.length, last: false, sourceId: 0 })));
    builder.clear();
  };
  const append = (row: RecordRow, vshard: number, flags: number): void => {
    if (options.vshard !== undefined && options.vshard !== vshard) return;
    if (builder.isFull || !builder.fitsHeap(BatchBuilder.rowHeapBytes(row))) flush();
    builder.append(row, vshard, flags);
  };
  for (const chunk of chunks) {
    parser.parse(chunk, {
      push(row: RecordRow): void {
        routeRow(row, policy, route);
        append(row, route.primary, route.flags);
        if (route.origin >= 0) append(row, route.origin, route.flags | Flag.OriginView);
      },
    });
  }
  flush();
  return views;
}
