import { formatAddress, isV4, parseCidr } from '../../shared/addr.js';
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { sketchEstimate } from './aggregate.js';
import { DEFAULT_ANOMALY_CONFIG, scoreCells } from './anomaly.js';
import { META_LOCAL, META_OTHER, META_PORTS, META_RESP, META_SIDE, METRIC_COUNT, Metric, } from './cell-table.js';
export const VIEW_METRICS = [
    'connections',
    'bytes',
    'orig_bytes',
    'resp_bytes',
    'distinct_peers',
    'failed',
    'distinct_ports',
    'findings',
];
const SIDE_NAMES = {
    orig: 'source',
    resp: 'destination',
    local: 'local endpoint',
};
export const DEFAULT_VIEW_OPTIONS = Object.freeze({
    metric: 'connections',
    side: 'orig',
    prefix: 'auto',
    bucketSeconds: 300,
    utcOffsetMinutes: 0,
    maxRows: 64,
    maxColumns: 5000,
    scale: 'log',
    anomaly: DEFAULT_ANOMALY_CONFIG,
    source: '',
});
/** Bucket widths a view may pick by itself, shortest first (all divide a day). */
const BUCKET_LADDER = [60, 300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];
/**
 * The shortest bucket of the ladder (a multiple of the aggregation's) whose view of the records'
 * time range fits `maxColumns`; undefined when not even a day does.
 */
export function fittingBucket(partial, maxColumns) {
    const cols = partial?.cells;
    if (!cols || cols.count === 0)
        return Math.max(60, partial?.bucketSeconds ?? 300);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < cols.count; c++) {
        min = Math.min(min, cols.buckets[c]);
        max = Math.max(max, cols.buckets[c]);
    }
    const span = (max - min + 1) * partial.bucketSeconds;
    for (const b of BUCKET_LADDER) {
        if (b % partial.bucketSeconds !== 0)
            continue;
        if (Math.ceil(span / b) + 1 <= maxColumns)
            return b;
    }
    return undefined;
}
/** `+02:00`-style name of an offset; `UTC` for 0. */
export function timeZoneName(offsetMinutes) {
    if (offsetMinutes === 0)
        return 'UTC';
    const sign = offsetMinutes < 0 ? '-' : '+';
    const m = Math.abs(offsetMinutes);
    return `UTC${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
/** Parses `UTC`, `Z`, `+02:00`, `-0530`, `+2` into minutes east of UTC. */
export function parseUtcOffset(text) {
    if (/^(utc|z|gmt)$/i.test(text))
        return 0;
    const m = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
    if (!m)
        return undefined;
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    if (minutes > 14 * 60)
        return undefined;
    return m[1] === '-' ? -minutes : minutes;
}
/** Leading bits of a family's address words (IPv4 in ::ffff:0:0/96: the last word only). */
function maskWords(words, family, prefix) {
    const out = new Uint32Array(words);
    const bits = family === 'ipv4' ? 96 + prefix : prefix;
    for (let w = 0; w < 4; w++) {
        const keep = Math.max(0, Math.min(32, bits - 32 * w));
        out[w] = keep === 0 ? 0 : keep === 32 ? out[w] : (out[w] & ((~0 << (32 - keep)) >>> 0)) >>> 0;
    }
    if (family === 'ipv4') {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0xffff;
    }
    return out;
}
function label(b) {
    return b.other ? `other-${b.family}` : `${formatAddress(b.words, 0)}/${b.prefix}`;
}
function compareWords(a, b) {
    for (let w = 0; w < 4; w++)
        if (a[w] !== b[w])
            return a[w] < b[w] ? -1 : 1;
    return 0;
}
/** Merges two ascending bottom-k sketches (duplicates once), keeping the k smallest. */
function mergeSketch(into, add, k) {
    if (into === undefined || into.length === 0)
        return Array.from({ length: Math.min(k, add.length) }, (_, i) => add[i]);
    const out = [];
    let i = 0;
    let j = 0;
    while (out.length < k && (i < into.length || j < add.length)) {
        const a = i < into.length ? into[i] : Number.POSITIVE_INFINITY;
        const b = j < add.length ? add[j] : Number.POSITIVE_INFINITY;
        if (a === b) {
            out.push(a);
            i++;
            j++;
        }
        else if (a < b) {
            out.push(a);
            i++;
        }
        else {
            out.push(b);
            j++;
        }
    }
    return out;
}
function metricOf(acc, metric, k) {
    switch (metric) {
        case 'connections':
            return acc.connections;
        case 'bytes':
            return acc.origBytes + acc.respBytes;
        case 'orig_bytes':
            return acc.origBytes;
        case 'resp_bytes':
            return acc.respBytes;
        case 'failed':
            return acc.failed;
        case 'distinct_peers':
            return acc.sketch === undefined ? 0 : sketchEstimate(acc.sketch, k);
        case 'distinct_ports':
            return acc.ports === undefined ? 0 : sketchEstimate(acc.ports, k);
        case 'findings':
            return acc.findings;
    }
}
function emptyAcc() {
    return {
        connections: 0,
        origBytes: 0,
        respBytes: 0,
        failed: 0,
        findings: 0,
        sketch: undefined,
        ports: undefined,
    };
}
export function validateViewOptions(options, partialBucketSeconds) {
    const o = { ...DEFAULT_VIEW_OPTIONS, ...options };
    const bad = (key, why) => {
        throw new NetscryError(ErrorCode.InvalidOption, `heatmap ${key} ${why}`, { option: key });
    };
    if (!VIEW_METRICS.includes(o.metric))
        bad('metric', `must be one of ${VIEW_METRICS.join(', ')}`);
    if (o.side !== 'orig' && o.side !== 'resp' && o.side !== 'local') {
        bad('side', 'must be orig (source), resp (destination) or local');
    }
    if (o.prefix !== 'auto') {
        const { ipv4, ipv6 } = o.prefix;
        if (!Number.isInteger(ipv4) || ipv4 < 8 || ipv4 > 32)
            bad('prefix', 'for IPv4 must be /8 … /32');
        if (!Number.isInteger(ipv6) || ipv6 < 16 || ipv6 > 128)
            bad('prefix', 'for IPv6 must be /16 … /128');
    }
    if (!Number.isInteger(o.bucketSeconds) ||
        o.bucketSeconds < 60 ||
        o.bucketSeconds > 86_400 ||
        o.bucketSeconds % partialBucketSeconds !== 0) {
        bad('bucket', `must be 60 … 86400 s and a multiple of the aggregation's ${partialBucketSeconds} s`);
    }
    if (!Number.isInteger(o.utcOffsetMinutes) || Math.abs(o.utcOffsetMinutes) > 14 * 60) {
        bad('time zone', 'must be an offset within ±14:00');
    }
    if (o.utcOffsetMinutes % (partialBucketSeconds / 60) !== 0 && partialBucketSeconds <= 3600) {
        bad('time zone', `offset must be a multiple of the aggregation's ${partialBucketSeconds / 60}-minute buckets`);
    }
    if (!Number.isInteger(o.maxRows) || o.maxRows < 1 || o.maxRows > 100_000)
        bad('rows', 'must be 1 … 100000');
    if (!Number.isInteger(o.maxColumns) || o.maxColumns < 1 || o.maxColumns > 1_000_000) {
        bad('maxColumns', 'must be 1 … 1000000');
    }
    return Object.freeze(o);
}
/**
 * Builds the grid of one metric. The partial's prefixes must be at least as fine as the view's
 * (analyze aggregates at /24 and /64; `netscry heatmap` at the view's prefix, or /32 and /128
 * for `auto`).
 */
export function buildView(partial, options, findings = []) {
    const base = { ipv4: partial?.v4Prefix ?? 24, ipv6: partial?.v6Prefix ?? 64 };
    const fixed = options.prefix === 'auto' ? undefined : options.prefix;
    if (fixed && (fixed.ipv4 > base.ipv4 || fixed.ipv6 > base.ipv6)) {
        throw new NetscryError(ErrorCode.InvalidOption, `heatmap prefix /${fixed.ipv4} and /${fixed.ipv6} is finer than the aggregation's /${base.ipv4} and /${base.ipv6}`, { option: 'prefix' });
    }
    const k = partial?.peerSketchSize ?? 64;
    const B = options.bucketSeconds;
    const offset = options.utcOffsetMinutes * 60;
    const side = options.side === 'resp' ? META_RESP : options.side === 'local' ? META_LOCAL : 0;
    if (partial && options.side === 'local' && !partial.localSide) {
        throw new NetscryError(ErrorCode.InvalidOption, 'the local side needs an aggregation with heatmap.localSide', {
            option: 'side',
        });
    }
    if (partial && options.metric === 'distinct_ports' && !partial.portSketches) {
        throw new NetscryError(ErrorCode.InvalidOption, 'distinct ports need an aggregation with heatmap.portSketches', {
            option: 'metric',
        });
    }
    // 1. The partial's blocks of the chosen side, with their cells regrouped into view buckets.
    const blocks = new Map();
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    /** The accumulator of (block `words`, the view bucket holding `ts`), created on first use. */
    const cellAt = (words, family, other, ts) => {
        const key = other ? `other-${family}` : words.join('.');
        let entry = blocks.get(key);
        if (entry === undefined) {
            const prefix = family === 'ipv4' ? base.ipv4 : base.ipv6;
            entry = { block: { words: new Uint32Array(words), prefix, family, other }, cells: new Map(), total: 0 };
            blocks.set(key, entry);
        }
        const bucket = Math.floor((ts + offset) / B) * B - offset;
        first = Math.min(first, bucket);
        last = Math.max(last, bucket);
        let acc = entry.cells.get(bucket);
        if (acc === undefined) {
            acc = emptyAcc();
            entry.cells.set(bucket, acc);
        }
        return acc;
    };
    const cols = partial?.cells;
    for (let c = 0; c < (cols?.count ?? 0); c++) {
        const meta = cols.meta[c];
        if ((meta & META_SIDE) !== side)
            continue;
        const words = cols.keys.subarray(c * 4, c * 4 + 4);
        if ((meta & META_PORTS) !== 0) {
            // The shadow cell holding the port sketch of the cell with the same key.
            if (options.metric !== 'distinct_ports')
                continue;
            const acc = cellAt(words, isV4(words, 0) ? 'ipv4' : 'ipv6', false, cols.buckets[c] * partial.bucketSeconds);
            acc.ports = mergeSketch(acc.ports, cols.sketches.subarray(cols.sketchOffsets[c], cols.sketchOffsets[c + 1]), k);
            continue;
        }
        const acc = cellAt(words, isV4(words, 0) ? 'ipv4' : 'ipv6', (meta & META_OTHER) !== 0, cols.buckets[c] * partial.bucketSeconds);
        const m = c * METRIC_COUNT;
        acc.connections += cols.metrics[m + Metric.Connections];
        acc.origBytes += cols.metrics[m + Metric.OrigBytes];
        acc.respBytes += cols.metrics[m + Metric.RespBytes];
        acc.failed += cols.metrics[m + Metric.Failed];
        if (options.metric === 'distinct_peers') {
            acc.sketch = mergeSketch(acc.sketch, cols.sketches.subarray(cols.sketchOffsets[c], cols.sketchOffsets[c + 1]), k);
        }
    }
    // Findings go to the block of their source (destination) address, at their first time.
    if (options.metric === 'findings') {
        for (const f of findings) {
            const addr = f.entities[options.side === 'orig' ? 'src' : 'dst'];
            const net = typeof addr === 'string' ? parseCidr(addr) : undefined;
            if (!net || !Number.isFinite(f.firstTs))
                continue;
            const family = isV4(net.words, 0) ? 'ipv4' : 'ipv6';
            const words = maskWords(net.words, family, family === 'ipv4' ? base.ipv4 : base.ipv6);
            cellAt(words, family, false, f.firstTs).findings++;
        }
    }
    const columns = Number.isFinite(first) ? Math.round((last - first) / B) + 1 : 0;
    if (columns > options.maxColumns) {
        throw new NetscryError(ErrorCode.InvalidOption, `the records span ${localTime(first, offset)} → ${localTime(last + B, offset)}: ${columns} ${bucketName(B)} buckets, more than the ${options.maxColumns} a view draws; choose a longer bucket`, { option: 'bucket' });
    }
    const bucketStarts = Array.from({ length: columns }, (_, i) => first + i * B);
    // 2. Rows: fixed prefixes group blocks by their covering block; auto picks blocks from a tree.
    const entries = [...blocks.values()];
    for (const e of entries)
        e.total = totalOf(e.cells, options.metric, k);
    const groups = fixed ? groupFixed(entries, fixed) : groupAuto(entries, options.maxRows);
    let rows = groups.map((g) => mergeRow(g.block, g.members, options.metric, k));
    if (fixed && rows.length > options.maxRows)
        rows = foldBusiest(rows, options.maxRows, options.metric, k);
    rows.sort(compareRows);
    // 3. The grid and its anomalies.
    const values = rows.map((r) => {
        const v = new Float64Array(columns).fill(Number.NaN);
        for (const [bucket, acc] of r.cells)
            v[Math.round((bucket - first) / B)] = metricOf(acc, options.metric, k);
        return v;
    });
    const bucketOfDay = new Int32Array(columns);
    const perDay = Math.max(1, Math.round(86_400 / B));
    for (let i = 0; i < columns; i++) {
        const local = bucketStarts[i] + offset;
        bucketOfDay[i] = Math.floor((((local % 86_400) + 86_400) % 86_400) / B) % perDay;
    }
    const days = columns === 0 ? 0 : (columns * B) / 86_400;
    // Byte counts are heavy-tailed (one download outweighs a day of chatter): they are scored on a
    // log scale, where a factor is a distance; counts are scored as they are.
    const logScored = options.metric === 'bytes' || options.metric === 'orig_bytes' || options.metric === 'resp_bytes';
    const scored = logScored ? values.map((v) => v.map((x) => (Number.isNaN(x) ? x : Math.log1p(x)))) : values;
    const scores = scoreCells(scored, bucketOfDay, Math.floor(days), logScored ? { ...options.anomaly, minSigmaFraction: 0 } : options.anomaly).map((s) => (logScored ? { ...s, value: Math.expm1(s.value), median: Math.expm1(s.median) } : s));
    const labels = rows.map((r) => label(r.block));
    const anomalies = scores.map((s) => ({
        ...s,
        block: labels[s.row],
        bucketStart: bucketStarts[s.column],
    }));
    const zone = timeZoneName(options.utcOffsetMinutes);
    const grid = {
        title: `${options.metric.replace('_', ' ')} by ${SIDE_NAMES[options.side]} block${options.source ? ` — ${options.source}` : ''}`,
        subtitle: columns === 0
            ? 'no records'
            : `${localTime(first, offset)} → ${localTime(last + B, offset)} (${zone}), ${bucketName(B)} buckets, ${fixed
                ? `/${fixed.ipv4} and /${fixed.ipv6} blocks`
                : `blocks chosen automatically (≤ ${options.maxRows} rows)`}`,
        metric: options.metric.replace('_', ' '),
        bucketSeconds: B,
        bucketStarts,
        utcOffsetMinutes: options.utcOffsetMinutes,
        rows: rows.map((_, i) => ({ label: labels[i], values: values[i] })),
        highlights: anomalies.map((a) => ({ row: a.row, column: a.column, score: a.score })),
        scale: options.scale,
    };
    return {
        grid,
        anomalies,
        rows: rows.map((r, i) => ({ block: labels[i], family: r.block.family, total: r.total })),
        timeZone: zone,
    };
}
function localTime(ts, offset) {
    return new Date((ts + offset) * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
function bucketName(seconds) {
    if (seconds % 86_400 === 0)
        return `${seconds / 86_400}-day`;
    if (seconds % 3600 === 0)
        return `${seconds / 3600}-hour`;
    if (seconds % 60 === 0)
        return `${seconds / 60}-minute`;
    return `${seconds}-second`;
}
function totalOf(cells, metric, k) {
    // Distinct counts over the run merge the cells' sketches: a peer or port seen in several
    // buckets counts once.
    if (metric === 'distinct_peers' || metric === 'distinct_ports') {
        let sketch;
        for (const acc of cells.values()) {
            const cell = metric === 'distinct_peers' ? acc.sketch : acc.ports;
            if (cell)
                sketch = mergeSketch(sketch, cell, k);
        }
        return sketch === undefined ? 0 : sketchEstimate(sketch, k);
    }
    let t = 0;
    for (const acc of cells.values())
        t += metricOf(acc, metric, k);
    return t;
}
function mergeRow(block, members, metric, k) {
    if (members.length === 1)
        return { block, cells: members[0].cells, total: members[0].total };
    const cells = new Map();
    for (const m of members) {
        for (const [bucket, acc] of m.cells) {
            const into = cells.get(bucket);
            if (into === undefined) {
                cells.set(bucket, { ...acc, sketch: acc.sketch?.slice(), ports: acc.ports?.slice() });
                continue;
            }
            into.connections += acc.connections;
            into.origBytes += acc.origBytes;
            into.respBytes += acc.respBytes;
            into.failed += acc.failed;
            into.findings += acc.findings;
            if (acc.sketch)
                into.sketch = mergeSketch(into.sketch, acc.sketch, k);
            if (acc.ports)
                into.ports = mergeSketch(into.ports, acc.ports, k);
        }
    }
    return { block, cells, total: totalOf(cells, metric, k) };
}
function compareRows(a, b) {
    const rank = (r) => (r.block.family === 'ipv6' ? 2 : 0) + (r.block.other ? 1 : 0);
    return rank(a) - rank(b) || compareWords(a.block.words, b.block.words) || a.block.prefix - b.block.prefix;
}
function groupFixed(entries, prefix) {
    const groups = new Map();
    for (const e of entries) {
        const b = e.block;
        const p = b.family === 'ipv4' ? prefix.ipv4 : prefix.ipv6;
        const words = b.other ? b.words : maskWords(b.words, b.family, p);
        const key = b.other ? `other-${b.family}` : `${b.family}|${words.join('.')}`;
        let g = groups.get(key);
        if (g === undefined) {
            g = { block: { words, prefix: p, family: b.family, other: b.other }, members: [] };
            groups.set(key, g);
        }
        g.members.push(e);
    }
    return [...groups.values()];
}
/**
 * Keeps the `max − 1` busiest rows and folds the others (and the aggregation's own overflow
 * rows) into one "other" row per family.
 */
function foldBusiest(rows, max, metric, k) {
    const byTotal = rows.filter((r) => !r.block.other).sort((a, b) => b.total - a.total || compareRows(a, b));
    const keep = byTotal.slice(0, Math.max(1, max - 1));
    const rest = [...byTotal.slice(keep.length), ...rows.filter((r) => r.block.other)];
    const folded = [];
    for (const family of ['ipv4', 'ipv6']) {
        const members = rest.filter((r) => r.block.family === family);
        if (members.length === 0)
            continue;
        const block = { words: new Uint32Array(4), prefix: 0, family, other: true };
        folded.push(mergeRow(block, members.map((m) => ({ ...m })), metric, k));
    }
    return [...keep, ...folded];
}
/** Number of leading bits two address words agree on (0–128). */
function commonBits(a, b) {
    for (let w = 0; w < 4; w++) {
        const x = (a[w] ^ b[w]) >>> 0;
        if (x !== 0)
            return 32 * w + Math.clz32(x);
    }
    return 128;
}
/**
 * `auto`: a compressed binary trie over each family's blocks (sorted by address, so a node is a
 * range and its prefix the bits its first and last block share). Start from each family's
 * root; while rows remain in the budget, split the busiest node that has two halves. A node
 * whose blocks all share a longer prefix is labelled with that longer prefix, so a lone busy
 * host shows as its /32 without spending a split.
 */
function groupAuto(entries, maxRows) {
    const out = [];
    const others = entries.filter((e) => e.block.other);
    for (const e of others)
        out.push({ block: e.block, members: [e] });
    const budget = Math.max(1, maxRows - others.length);
    const nodes = [];
    for (const family of ['ipv4', 'ipv6']) {
        const list = entries.filter((e) => !e.block.other && e.block.family === family);
        if (list.length === 0)
            continue;
        list.sort((a, b) => compareWords(a.block.words, b.block.words));
        // Prefix sums of the totals: a range's total in O(1), so a split costs a binary search.
        const sums = new Float64Array(list.length + 1);
        for (let i = 0; i < list.length; i++)
            sums[i + 1] = sums[i] + list[i].total;
        nodes.push({ family, list, sums, lo: 0, hi: list.length, total: sums[list.length] });
    }
    const split = (n) => {
        if (n.hi - n.lo < 2)
            return undefined;
        const bits = commonBits(n.list[n.lo].block.words, n.list[n.hi - 1].block.words);
        // The first block whose bit `bits` is set starts the upper half.
        const w = bits >> 5;
        const mask = 1 << (31 - (bits & 31));
        let lo = n.lo;
        let hi = n.hi - 1;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if ((n.list[mid].block.words[w] & mask) !== 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        const { family, list, sums } = n;
        return [
            { family, list, sums, lo: n.lo, hi: lo, total: sums[lo] - sums[n.lo] },
            { family, list, sums, lo, hi: n.hi, total: sums[n.hi] - sums[lo] },
        ];
    };
    let leaves = nodes;
    while (leaves.length < budget) {
        let best = -1;
        for (let i = 0; i < leaves.length; i++) {
            const n = leaves[i];
            if (n.hi - n.lo < 2)
                continue;
            if (best < 0 || n.total > leaves[best].total)
                best = i;
        }
        if (best < 0)
            break;
        const halves = split(leaves[best]);
        leaves = [...leaves.slice(0, best), ...halves, ...leaves.slice(best + 1)];
    }
    for (const n of leaves) {
        const firstBlock = n.list[n.lo].block;
        const lastBlock = n.list[n.hi - 1].block;
        const familyBits = n.family === 'ipv4' ? 96 : 0;
        const finest = firstBlock.prefix;
        const prefix = Math.min(finest, commonBits(firstBlock.words, lastBlock.words) - familyBits);
        out.push({
            block: { words: maskWords(firstBlock.words, n.family, prefix), prefix, family: n.family, other: false },
            members: n.list.slice(n.lo, n.hi),
        });
    }
    return out;
}
//# sourceMappingURL=view.js.map