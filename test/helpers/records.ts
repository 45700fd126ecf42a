/**
 * Test-only record builders: plain objects in, encoded `BatchView`s out, through the same
 * `RecordRow` → `BatchBuilder` → `BatchView` path the parsers and the rings use. Not a parser:
 * it trusts its input and throws on an address it cannot read.
 */

import type { ShardAnalyzer } from '../../src/detect/analyzer.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks, parseAddress } from '../../src/shared/addr.js';
import {
  BatchBuilder,
  type BatchMeta,
  BatchView,
  CONN_STATE_NAMES,
  type ConnState,
  Counter,
  Flag,
  PROTO_NAMES,
  type Proto,
  RecordKind,
  RecordRow,
  STR_COUNT,
  Str,
} from '../../src/shared/record.js';

/** One record as a test writes it. Only `ts` is required; everything else has a neutral default. */
export interface ConnSpec {
  readonly ts: number;
  /** Originator address; absent leaves the address unset (no OrigSet flag). */
  readonly orig?: string;
  readonly origPort?: number;
  /** Responder address; absent leaves the address unset (no RespSet flag). */
  readonly resp?: string;
  readonly respPort?: number;
  /** Zeek proto name; default tcp. */
  readonly proto?: (typeof PROTO_NAMES)[number];
  /** Zeek conn_state ('S0', 'SF', …); default '-' (unset). */
  readonly state?: string;
  readonly uid?: string;
  readonly history?: string;
  readonly service?: string;
  readonly raw?: string;
  readonly duration?: number;
  readonly origBytes?: number;
  readonly respBytes?: number;
  readonly missedBytes?: number;
  readonly origPkts?: number;
  readonly origIpBytes?: number;
  readonly respPkts?: number;
  readonly respIpBytes?: number;
  /** Default conn. */
  readonly kind?: RecordKind;
  readonly line?: number;
  readonly vshard?: number;
  /** Exact delivery flags; otherwise OrigSet/RespSet by presence plus LocalOrig/LocalResp. */
  readonly flags?: number;
  /** Marks the originator-keyed copy of an inbound record (Flag.OriginView). */
  readonly originView?: boolean;
}

const DEFAULT_LOCAL = LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks;
const encoder = new TextEncoder();

function addressWords(text: string): Uint32Array {
  const words = parseAddress(text);
  if (words === undefined) throw new Error(`test helper: not an address: ${text}`);
  return words;
}

function indexOfName(names: readonly string[], name: string, what: string): number {
  const at = names.indexOf(name);
  if (at < 0) throw new Error(`test helper: unknown ${what}: ${name}`);
  return at;
}

/**
 * Overwrites `row` with `spec` and returns the delivery flags to append it with. Local flags
 * come from `local` (default: RFC 1918 + ULA + link-local, as the engine's default).
 */
export function fillRow(row: RecordRow, spec: ConnSpec, local: LocalNetworks = DEFAULT_LOCAL): number {
  row.reset();
  row.kind = spec.kind ?? RecordKind.Conn;
  row.ts = spec.ts;
  row.duration = spec.duration ?? Number.NaN;
  row.proto = indexOfName(PROTO_NAMES, spec.proto ?? 'tcp', 'proto') as Proto;
  row.connState = indexOfName(CONN_STATE_NAMES, spec.state ?? '-', 'conn_state') as ConnState;
  row.origPort = spec.origPort ?? 0;
  row.respPort = spec.respPort ?? 0;
  row.line = spec.line ?? 0;
  const counters: [number, number | undefined][] = [
    [Counter.OrigBytes, spec.origBytes],
    [Counter.RespBytes, spec.respBytes],
    [Counter.MissedBytes, spec.missedBytes],
    [Counter.OrigPkts, spec.origPkts],
    [Counter.OrigIpBytes, spec.origIpBytes],
    [Counter.RespPkts, spec.respPkts],
    [Counter.RespIpBytes, spec.respIpBytes],
  ];
  for (const [c, v] of counters) row.counters[c] = v ?? Number.NaN;
  let flags = 0;
  if (spec.orig !== undefined) {
    row.addr.set(addressWords(spec.orig), 0);
    flags |= Flag.OrigSet;
    if (local.contains(row.addr, 0)) flags |= Flag.LocalOrig;
  }
  if (spec.resp !== undefined) {
    row.addr.set(addressWords(spec.resp), 4);
    flags |= Flag.RespSet;
    if (local.contains(row.addr, 4)) flags |= Flag.LocalResp;
  }
  if (spec.originView === true) flags |= Flag.OriginView;
  const strings: string[] = [];
  strings[Str.Uid] = spec.uid ?? '';
  strings[Str.Service] = spec.service ?? '';
  strings[Str.History] = spec.history ?? '';
  strings[Str.Raw] = spec.raw ?? '';
  const parts = strings.map((s) => encoder.encode(s));
  const src = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (let s = 0; s < STR_COUNT; s++) {
    const p = parts[s]!;
    src.set(p, at);
    row.strStart[s] = at;
    at += p.length;
    row.strEnd[s] = at;
  }
  row.src = src;
  return spec.flags ?? flags;
}

const DEFAULT_META: BatchMeta = { chunkSeq: 0, part: 0, last: true, sourceId: 0 };

/** Encodes all specs into one batch. */
export function connBatch(specs: readonly ConnSpec[], meta: Partial<BatchMeta> = {}): BatchView {
  const heap = specs.reduce(
    (n, s) =>
      n + encoder.encode((s.uid ?? '') + (s.service ?? '') + (s.history ?? '') + (s.raw ?? '')).length,
    0,
  );
  const builder = new BatchBuilder(Math.max(1, specs.length), Math.max(1, heap));
  const row = new RecordRow();
  for (const spec of specs) {
    const flags = fillRow(row, spec);
    builder.append(row, spec.vshard ?? 0, flags);
  }
  return new BatchView(builder.encode({ ...DEFAULT_META, ...meta }));
}

/**
 * Splits specs into consecutive batches: every `sizes` records, or by the listed sizes in turn
 * (cycled), so a test can show a result does not depend on batch boundaries.
 */
export function connBatches(specs: readonly ConnSpec[], sizes: number | readonly number[]): BatchView[] {
  const list = typeof sizes === 'number' ? [sizes] : sizes;
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('test helper: batch sizes must be positive integers');
  }
  const out: BatchView[] = [];
  let at = 0;
  for (let k = 0; at < specs.length; k++) {
    const size = list[k % list.length]!;
    out.push(connBatch(specs.slice(at, at + size), { chunkSeq: k }));
    at += size;
  }
  return out;
}

/** Feeds every record of every batch, in order. */
export function observeAll(analyzer: ShardAnalyzer, views: Iterable<BatchView>): void {
  for (const view of views) for (let i = 0; i < view.count; i++) analyzer.observe(view, i);
}

/**
 * A Zeek conn record with Zeek's field names (`id.orig_h`, `conn_state`, …), from a JSON log
 * line or a TSV line zipped with its `#fields`, as a ConnSpec. `-`, `(empty)`, null and absent
 * fields are unset; numbers may be given as strings.
 */
export function connSpecFromZeek(fields: Readonly<Record<string, unknown>>): ConnSpec {
  const value = (name: string): string | undefined => {
    const v = fields[name];
    if (v === undefined || v === null || v === '-' || v === '(empty)') return undefined;
    return String(v);
  };
  const num = (name: string): number | undefined => {
    const v = value(name);
    return v === undefined ? undefined : Number(v);
  };
  const spec: Record<string, unknown> = {
    ts: num('ts') ?? Number.NaN,
    orig: value('id.orig_h'),
    origPort: num('id.orig_p'),
    resp: value('id.resp_h'),
    respPort: num('id.resp_p'),
    proto: value('proto'),
    state: value('conn_state'),
    uid: value('uid'),
    history: value('history'),
    service: value('service'),
    duration: num('duration'),
    origBytes: num('orig_bytes'),
    respBytes: num('resp_bytes'),
    missedBytes: num('missed_bytes'),
    origPkts: num('orig_pkts'),
    origIpBytes: num('orig_ip_bytes'),
    respPkts: num('resp_pkts'),
    respIpBytes: num('resp_ip_bytes'),
  };
  for (const k of Object.keys(spec)) if (spec[k] === undefined) delete spec[k];
  return spec as unknown as ConnSpec;
}
