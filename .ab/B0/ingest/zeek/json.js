/**
 * Zeek JSON chunk parser (one flat object per line, as `LogAscii::use_json=T` writes), byte by
 * byte, without JSON.parse and without a string per key or value.
 *
 * Per line: a structural scan validates the JSON and records, per top-level key, its interned
 * key id and the kind and byte span of its value (nested arrays/objects are validated and
 * skipped). Keys are recognised by predicting each key from the one that followed the previous
 * key last time (Zeek writes keys in a fixed order, leaving out unset ones), so the common case
 * is a byte compare against the predicted key; a miss hashes the key into a bounded table. The
 * line's key sequence (its shape) then selects a cached plan: log path (from `_path`, else
 * inferred from the keys), schema (format 'json', fields = keys) and one action per key.
 *
 * That is the generic path. A plan that parsed `COMPILE_AFTER` lines cleanly gets its shape
 * compiled (json-compile.ts), merged with the compiled key order in use when both are of one
 * log path and kind: the order is tried first on every next line; it takes the lines that
 * need none of the generic path's checks and events, names the keys they held (their plan)
 * and hands back anything else, which the generic path then parses from the line's start.
 *
 * Policy for bad input: not an object / broken JSON → bad_json, line skipped; NUL, control
 * bytes, invalid UTF-8 → binary_garbage, line skipped; an unparsable `ts` (neither an epoch
 * number nor an ISO 8601 string) → the record is dropped; any other extracted value of the
 * wrong kind or unparsable → unparsable_value, field left unset. String slots (uid, service,
 * history) hold the JSON text between the quotes: escapes, if any, are left as written.
 */
import { parseAddressBytes } from '../../shared/addr.js';
import { Flag, kindOfPath, RecordKind, Str } from '../../shared/record.js';
import { IntegrityCode } from '../events.js';
import { forEachTerminatedRun, resetRow } from './context.js';
import { connStateOf, protoOf } from './enums.js';
import { compileJsonLine, MAX_COMPILED_KEYS, mergeKeyOrders, ValueKind, } from './json-compile.js';
import { Act, DhcpRole, extractionFor, isTrafficTime, keepsLine } from './plan.js';
import { describeBytes, isMarker, parseCount, parseDecimal, parseIsoTime, parsePort, utf8SequenceLength, } from './values.js';
const NL = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const { Str: V_STR, Num: V_NUM, True: V_TRUE, False: V_FALSE, Null: V_NULL, Arr: V_ARR, Obj: V_OBJ, } = ValueKind;
/** Keys per line; a Zeek log has a few dozen. */
const MAX_KEYS = 1024;
const MAX_DEPTH = 64;
/** Soft bounds of the key and shape caches, checked between lines (a miss only costs speed). */
const MAX_KEY_IDS = 4096;
const MAX_KEY_BYTES = 256 * 1024;
const MAX_SHAPES = 2048;
const KEY_SLOTS = 16384;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const ERR_NONE = 0;
const ERR_JSON = 1;
const ERR_GARBAGE = 2;
const textDecoder = new TextDecoder();
/** Interned top-level keys: id per distinct key bytes, with the predicted next key. */
class KeyTable {
    slots = new Int32Array(KEY_SLOTS);
    hashes = new Int32Array(MAX_KEY_IDS + MAX_KEYS);
    offs = new Int32Array(MAX_KEY_IDS + MAX_KEYS);
    lens = new Int32Array(MAX_KEY_IDS + MAX_KEYS);
    /** Predicted next key id after each id (-1 unknown); `first` for the line's first key. */
    next = new Int32Array(MAX_KEY_IDS + MAX_KEYS).fill(-1);
    first = -1;
    bytes = new Uint8Array(4096);
    used = 0;
    names = [];
    /** Incremented on reset: shapes built on older ids are void. */
    generation = 0;
    get count() {
        return this.names.length;
    }
    get overLimit() {
        return this.names.length >= MAX_KEY_IDS || this.used >= MAX_KEY_BYTES;
    }
    reset() {
        this.slots.fill(0);
        this.next.fill(-1);
        this.first = -1;
        this.used = 0;
        this.names = [];
        this.generation++;
    }
    intern(b, s, e, hash) {
        const mask = KEY_SLOTS - 1;
        const len = e - s;
        let slot = hash & mask;
        for (;;) {
            const v = this.slots[slot];
            if (v === 0)
                break;
            const id = v - 1;
            if (this.hashes[id] === hash && this.lens[id] === len && this.sameBytes(id, b, s))
                return id;
            slot = (slot + 1) & mask;
        }
        const id = this.names.length;
        if (this.used + len > this.bytes.length) {
            const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + len));
            grown.set(this.bytes.subarray(0, this.used));
            this.bytes = grown;
        }
        this.bytes.set(b.subarray(s, e), this.used);
        this.offs[id] = this.used;
        this.lens[id] = len;
        this.hashes[id] = hash;
        this.used += len;
        this.names.push(textDecoder.decode(b.subarray(s, e)));
        this.slots[slot] = id + 1;
        return id;
    }
    sameBytes(id, b, s) {
        const off = this.offs[id];
        const len = this.lens[id];
        const kb = this.bytes;
        for (let k = 0; k < len; k++)
            if (kb[off + k] !== b[s + k])
                return false;
        return true;
    }
}
/** What a line that names its log first starts with: `{"_path":"`. */
const PATH_PREFIX = new TextEncoder().encode('{"_path":"');
/** Paths whose compiled orders are kept for lines that name their path (`pathOrders`). */
const MAX_PATH_ORDERS = 64;
/** Clean lines of a plan before its shape is compiled (rare shapes stay generic). */
const COMPILE_AFTER = 4;
export class JsonParser {
    ctx;
    /** Whether plans get compiled line functions (false: the generic path only, for tests). */
    compile;
    /** The compiled order of the last line parsed through one: tried first on the next line. */
    fast;
    /**
     * The compiled orders of lines with a `_path` (at most one per path, the newest): a stream
     * that interleaves logs (`{"_path":"conn",…}` then `{"_path":"dns",…}`) would defeat the
     * previous line's order, so a line that starts with `_path` picks its path's order.
     */
    pathOrders = [];
    /** Set by a compiled line function: the keys of its order the line held. */
    maskLo = 0;
    maskHi = 0;
    schemas;
    keys = new KeyTable();
    shapes = new Map();
    shapeCount = 0;
    shapeGeneration = 0;
    b = new Uint8Array(0);
    baseOffset = 0;
    lineNo = 0;
    tail = new Uint8Array(256);
    // Per-line scan results.
    ids = new Int32Array(MAX_KEYS);
    kinds = new Uint8Array(MAX_KEYS);
    vs = new Int32Array(MAX_KEYS);
    ve = new Int32Array(MAX_KEYS);
    /** First string element of a top-level array value, per key (-1 none). */
    fs = new Int32Array(MAX_KEYS);
    fe = new Int32Array(MAX_KEYS);
    nk = 0;
    err = ERR_NONE;
    errAt = 0;
    errWhat = '';
    stack = new Uint8Array(MAX_DEPTH);
    firstElemStart = -1;
    firstElemEnd = -1;
    dhcpWords = new Uint32Array(16);
    constructor(ctx, schemas, compile = true) {
        this.ctx = ctx;
        this.schemas = schemas;
        this.compile = compile;
    }
    parse(bytes) {
        this.lineNo = 0;
        this.tail = forEachTerminatedRun(bytes, this.tail, (buf, start, end, offset) => this.region(buf, start, end, offset));
        this.ctx.lines = this.lineNo;
    }
    region(b, from, to, baseOffset) {
        this.b = b;
        // The compiled line functions read key bytes four at a time through it.
        const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
        this.baseOffset = baseOffset;
        const ctx = this.ctx;
        const row = ctx.row;
        const maxLine = ctx.maxLineBytes;
        let i = from;
        while (i < to) {
            const ls = i;
            this.lineNo++;
            if (this.keys.overLimit)
                this.keys.reset();
            if (this.shapeCount >= MAX_SHAPES || this.shapeGeneration !== this.keys.generation) {
                this.shapes = new Map();
                this.shapeCount = 0;
                this.shapeGeneration = this.keys.generation;
                this.fast = undefined;
                this.pathOrders = [];
            }
            // The compiled order of the lines before: a line it accepts is parsed (json-compile.ts).
            const fast = this.pathOrders.length > 1 ? (this.orderOfPath(b, ls) ?? this.fast) : this.fast;
            if (fast !== undefined) {
                resetRow(row);
                const end = fast.fn(this, b, dv, ls, row);
                if (end >= 0 && end - ls <= maxLine) {
                    const plan = this.planOfMask(fast);
                    if (plan !== undefined) {
                        this.finish(plan, ls, end, row.flags);
                        i = end + 1;
                        continue;
                    }
                }
            }
            this.err = ERR_NONE;
            const end = this.scanLine(ls);
            if (this.err !== ERR_NONE) {
                i = skipLine(b, this.errAt);
                this.reportError(ls);
                continue;
            }
            if (end < 0) {
                // Blank line.
                i = ~end;
                continue;
            }
            // end is the index of the line's '\n'.
            const next = end + 1;
            let le = end;
            if (le > ls && b[le - 1] === CR)
                le--;
            if (le - ls > maxLine) {
                ctx.event(IntegrityCode.LineTooLong, this.lineNo, baseOffset + ls, () => {
                    return `line of ${le - ls} bytes exceeds the ${maxLine}-byte limit: skipped`;
                });
                i = next;
                continue;
            }
            const plan = this.planFor();
            const clean = this.record(plan, ls, le);
            if (clean && this.compile) {
                if (plan.order === undefined && ++plan.uses >= COMPILE_AFTER)
                    plan.order = this.compileOrder(plan) ?? null;
                if (plan.order) {
                    this.fast = plan.order;
                    if (plan.order.pathValue !== undefined)
                        this.keepPathOrder(plan.order);
                }
            }
            i = next;
        }
    }
    /** The order of the path a line starting `{"_path":"…"` names, if one is compiled. */
    orderOfPath(b, ls) {
        for (let k = 0; k < PATH_PREFIX.length; k++)
            if (b[ls + k] !== PATH_PREFIX[k])
                return undefined;
        const s = ls + PATH_PREFIX.length;
        let e = s;
        while (b[e] !== QUOTE && b[e] !== NL)
            e++;
        for (const order of this.pathOrders)
            if (isMarker(b, s, e, order.pathValue))
                return order;
        return undefined;
    }
    /** Makes `order` its path's order in `pathOrders` (replacing the one it grew from). */
    keepPathOrder(order) {
        const orders = this.pathOrders;
        const value = order.pathValue;
        const at = orders.findIndex((o) => isMarker(value, 0, value.length, o.pathValue));
        if (at >= 0)
            orders[at] = order;
        else if (orders.length < MAX_PATH_ORDERS)
            orders.push(order);
    }
    /**
     * The plan of the line a compiled order just parsed, from the keys it held; undefined when
     * that shape's plan is of another path or kind than the order's (the generic path parses it).
     */
    planOfMask(order) {
        const lo = this.maskLo;
        const hi = this.maskHi;
        if (lo === order.lastLo && hi === order.lastHi && order.lastPlan !== undefined)
            return order.lastPlan;
        const key = hi * 2 ** 32 + (lo >>> 0);
        let plan = order.plans.get(key);
        if (plan === undefined) {
            let nk = 0;
            for (let k = 0; k < order.ids.length; k++) {
                const bit = k < 32 ? (lo >>> k) & 1 : (hi >>> (k - 32)) & 1;
                if (bit === 1)
                    this.ids[nk++] = order.ids[k];
            }
            const shape = this.shapeOf(nk);
            plan =
                shape.pathAt >= 0 && order.pathValue !== undefined
                    ? this.planByPath(shape, order.path)
                    : this.inferredPlan(shape);
            if (plan.kind !== order.kind || plan.path !== order.path)
                return undefined;
            order.plans.set(key, plan);
            plan.order ??= order;
        }
        order.lastLo = lo;
        order.lastHi = hi;
        order.lastPlan = plan;
        return plan;
    }
    /**
     * Compiles the key order of `plan`'s shape from the line just scanned (its keys and their
     * values' kinds; the `_path` value as a literal: the plan is that path's), merged into the
     * order in use when that one is of the same path and kind and the two orders agree.
     */
    compileOrder(plan) {
        if (plan.hasDhcp)
            return undefined;
        const nk = this.nk;
        let pathValue;
        const pathAt = plan.schema.fields.indexOf('_path');
        if (pathAt >= 0) {
            if (this.kinds[pathAt] !== V_STR)
                return undefined;
            pathValue = this.b.slice(this.vs[pathAt], this.ve[pathAt]);
        }
        const lineIds = Array.from(this.ids.subarray(0, nk));
        const line = {
            kinds: Array.from(this.kinds.subarray(0, nk)),
            acts: Array.from(plan.acts),
            aux: Array.from(plan.aux),
        };
        let ids = lineIds;
        let columns = line;
        const base = this.fast;
        if (base !== undefined &&
            base.kind === plan.kind &&
            base.path === plan.path &&
            (base.pathValue === undefined) === (pathValue === undefined)) {
            const merged = mergeKeyOrders(base.ids, lineIds);
            const agree = lineIds.every((id, k) => {
                const at = base.ids.indexOf(id);
                return at < 0 || base.kinds[at] === line.kinds[k];
            });
            if (merged !== undefined && merged.length <= MAX_COMPILED_KEYS && agree) {
                // Each key's kind, action and aux from the order it came from.
                const pick = (id, of) => {
                    const at = base.ids.indexOf(id);
                    return at >= 0 ? base[of][at] : line[of][lineIds.indexOf(id)];
                };
                ids = merged;
                columns = {
                    kinds: merged.map((id) => pick(id, 'kinds')),
                    acts: merged.map((id) => pick(id, 'acts')),
                    aux: merged.map((id) => pick(id, 'aux')),
                };
            }
        }
        const keys = this.keys;
        const shapeKeys = ids.map((id, k) => ({
            key: keys.bytes.slice(keys.offs[id], keys.offs[id] + keys.lens[id]),
            act: columns.acts[k],
            aux: columns.aux[k],
            kind: columns.kinds[k],
            ...(keys.names[id] === '_path' && pathValue !== undefined ? { literal: pathValue } : {}),
        }));
        const fn = compileJsonLine(shapeKeys);
        if (fn === undefined)
            return undefined;
        const order = {
            fn,
            ids,
            ...columns,
            pathValue,
            kind: plan.kind,
            path: plan.path,
            plans: new Map(),
            lastLo: 0,
            lastHi: 0,
            lastPlan: undefined,
        };
        // The plans of the order it grew from now belong to this one (their masks differ here).
        if (ids !== lineIds && base !== undefined)
            for (const p of base.plans.values())
                p.order = order;
        return order;
    }
    reportError(ls) {
        const code = this.err === ERR_GARBAGE ? IntegrityCode.BinaryGarbage : IntegrityCode.BadJson;
        const at = this.errAt;
        const b = this.b;
        this.ctx.event(code, this.lineNo, this.baseOffset + ls, () => {
            if (code === IntegrityCode.BinaryGarbage) {
                return `binary garbage (byte 0x${b[at].toString(16).padStart(2, '0')} at column ${at - ls + 1}): line skipped`;
            }
            const c = b[at];
            const shown = c === NL ? 'end of line' : `'${describeBytes(b, at, at + 1)}'`;
            return `not a JSON object line: ${this.errWhat}, found ${shown} at column ${at - ls + 1}: line skipped`;
        });
    }
    fail(kind, at, what) {
        if (this.err === ERR_NONE) {
            this.err = kind;
            this.errAt = at;
            this.errWhat = what;
        }
        return -1;
    }
    /**
     * Scans one line starting at ls. Returns the index of its '\n' (keys recorded), the bitwise
     * complement of the next line's start for a blank line, or any value with `err` set.
     */
    scanLine(ls) {
        const b = this.b;
        const keys = this.keys;
        let i = skipWs(b, ls);
        let c = b[i];
        if (c === NL)
            return ~(i + 1);
        if (c !== 0x7b)
            return this.fail(ERR_JSON, i, "expected '{'");
        i = skipWs(b, i + 1);
        let nk = 0;
        if (b[i] === 0x7d) {
            i++;
        }
        else {
            let prev = -1;
            for (;;) {
                if (b[i] !== QUOTE)
                    return this.fail(this.classify(i), i, 'expected a key string');
                i++;
                const ks = i;
                // Predicted key: compare bytes against the stored key.
                let id = -1;
                const pred = prev < 0 ? keys.first : keys.next[prev];
                if (pred >= 0) {
                    const off = keys.offs[pred];
                    const len = keys.lens[pred];
                    const kb = keys.bytes;
                    let k = 0;
                    while (k < len && b[i + k] === kb[off + k])
                        k++;
                    if (k === len && b[i + len] === QUOTE) {
                        id = pred;
                        i += len;
                    }
                }
                if (id < 0) {
                    let h = FNV_OFFSET;
                    for (;;) {
                        c = b[i];
                        if (c === QUOTE)
                            break;
                        if (c >= 32 && c < 127 && c !== BACKSLASH) {
                            h = Math.imul(h ^ c, FNV_PRIME);
                            i++;
                            continue;
                        }
                        const j = this.stringSlow(i);
                        if (j < 0)
                            return -1;
                        for (let k = i; k < j; k++)
                            h = Math.imul(h ^ b[k], FNV_PRIME);
                        i = j;
                    }
                    id = keys.intern(b, ks, i, h);
                    if (prev < 0)
                        keys.first = id;
                    else
                        keys.next[prev] = id;
                }
                i++; // closing quote
                i = skipWs(b, i);
                if (b[i] !== 0x3a)
                    return this.fail(this.classify(i), i, "expected ':'");
                i = skipWs(b, i + 1);
                if (nk === MAX_KEYS)
                    return this.fail(ERR_JSON, i, `more than ${MAX_KEYS} keys`);
                this.ids[nk] = id;
                this.fs[nk] = -1;
                c = b[i];
                if (c === QUOTE) {
                    const s = i + 1;
                    i = s;
                    for (;;) {
                        c = b[i];
                        if (c === QUOTE)
                            break;
                        if (c >= 32 && c < 127 && c !== BACKSLASH) {
                            i++;
                            continue;
                        }
                        i = this.stringSlow(i);
                        if (i < 0)
                            return -1;
                    }
                    this.kinds[nk] = V_STR;
                    this.vs[nk] = s;
                    this.ve[nk] = i;
                    i++;
                }
                else if (c === 45 || (c >= 48 && c <= 57)) {
                    const s = i;
                    i = this.scanNumber(i);
                    if (i < 0)
                        return -1;
                    this.kinds[nk] = V_NUM;
                    this.vs[nk] = s;
                    this.ve[nk] = i;
                }
                else if (c === 0x5b || c === 0x7b) {
                    const s = i;
                    this.firstElemStart = -1;
                    i = this.skipNested(i);
                    if (i < 0)
                        return -1;
                    this.kinds[nk] = c === 0x5b ? V_ARR : V_OBJ;
                    this.vs[nk] = s;
                    this.ve[nk] = i;
                    this.fs[nk] = this.firstElemStart;
                    this.fe[nk] = this.firstElemEnd;
                }
                else {
                    const s = i;
                    const kind = this.literal(i);
                    if (kind === 0)
                        return -1;
                    i += kind === V_FALSE ? 5 : 4;
                    this.kinds[nk] = kind;
                    this.vs[nk] = s;
                    this.ve[nk] = i;
                }
                nk++;
                prev = id;
                i = skipWs(b, i);
                c = b[i];
                if (c === 0x2c) {
                    i = skipWs(b, i + 1);
                    continue;
                }
                if (c === 0x7d) {
                    i++;
                    break;
                }
                return this.fail(this.classify(i), i, "expected ',' or '}'");
            }
        }
        this.nk = nk;
        i = skipWs(b, i);
        if (b[i] !== NL)
            return this.fail(this.classify(i), i, 'expected the end of the line after the object');
        return i;
    }
    /** Bad byte at i: binary garbage when it is a control byte or invalid UTF-8, else bad JSON. */
    classify(i) {
        const c = this.b[i];
        if (c === NL)
            return ERR_JSON;
        if (c < 32 || c === 127)
            return ERR_GARBAGE;
        if (c >= 0x80 && utf8SequenceLength(this.b, i, this.b.length) === 0)
            return ERR_GARBAGE;
        return ERR_JSON;
    }
    /**
     * Inside a string at a byte the fast loop did not take: an escape, UTF-8, or an error.
     * Returns the index after it, or -1 with err set.
     */
    stringSlow(i) {
        const b = this.b;
        const c = b[i];
        if (c === BACKSLASH) {
            const e = b[i + 1];
            if (e === QUOTE ||
                e === BACKSLASH ||
                e === 47 ||
                e === 98 ||
                e === 102 ||
                e === 110 ||
                e === 114 ||
                e === 116) {
                return i + 2;
            }
            if (e === 117) {
                for (let k = 2; k < 6; k++) {
                    const h = b[i + k];
                    const hex = (h >= 48 && h <= 57) || ((h | 32) >= 97 && (h | 32) <= 102);
                    if (!hex)
                        return this.fail(this.classify(i + k), i + k, 'bad \\u escape');
                }
                return i + 6;
            }
            return this.fail(this.classify(i + 1), i + 1, 'bad escape');
        }
        if (c >= 0x80) {
            const n = utf8SequenceLength(b, i, b.length);
            if (n > 0)
                return i + n;
            return this.fail(ERR_GARBAGE, i, 'invalid UTF-8');
        }
        if (c === NL)
            return this.fail(ERR_JSON, i, 'unterminated string');
        // Raw control bytes: TAB is merely bad JSON, the rest is garbage.
        if (c === 9)
            return this.fail(ERR_JSON, i, 'raw TAB in a string');
        return this.fail(ERR_GARBAGE, i, 'control byte');
    }
    /** JSON number grammar; returns the index after it or -1. */
    scanNumber(i) {
        const b = this.b;
        if (b[i] === 45)
            i++;
        let c = b[i];
        if (c === 48) {
            i++;
        }
        else if (c >= 49 && c <= 57) {
            do
                c = b[++i];
            while (c >= 48 && c <= 57);
        }
        else
            return this.fail(this.classify(i), i, 'bad number');
        c = b[i];
        if (c === 46) {
            c = b[++i];
            if (c < 48 || c > 57)
                return this.fail(this.classify(i), i, 'bad number');
            do
                c = b[++i];
            while (c >= 48 && c <= 57);
        }
        if (c === 101 || c === 69) {
            c = b[++i];
            if (c === 43 || c === 45)
                c = b[++i];
            if (c < 48 || c > 57)
                return this.fail(this.classify(i), i, 'bad number exponent');
            do
                c = b[++i];
            while (c >= 48 && c <= 57);
        }
        return i;
    }
    /** true/false/null at i → value kind, or 0 with err set. */
    literal(i) {
        const b = this.b;
        const c = b[i];
        if (c === 116 && b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101)
            return V_TRUE;
        if (c === 102 && b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101)
            return V_FALSE;
        if (c === 110 && b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108)
            return V_NULL;
        this.fail(this.classify(i), i, 'expected a value');
        return 0;
    }
    /**
     * Validates and skips a nested array/object at i without recursion (depth ≤ MAX_DEPTH).
     * Records in firstElemStart/End the span of the outer array's first element when it is a
     * string (dhcp `uids`).
     */
    skipNested(i) {
        const b = this.b;
        const stack = this.stack;
        let depth = 0;
        let wantFirst = false;
        for (;;) {
            // A value starts at i.
            let c = b[i];
            if (c === 0x5b || c === 0x7b) {
                if (depth === MAX_DEPTH)
                    return this.fail(ERR_JSON, i, `nesting deeper than ${MAX_DEPTH}`);
                wantFirst = depth === 0 && c === 0x5b;
                stack[depth++] = c;
                i = skipWs(b, i + 1);
                if (b[i] !== (c === 0x5b ? 0x5d : 0x7d)) {
                    if (c === 0x7b) {
                        i = this.memberKey(i);
                        if (i < 0)
                            return -1;
                    }
                    continue;
                }
                i++;
                depth--;
            }
            else {
                const s = i + 1;
                i = this.scalar(i);
                if (i < 0)
                    return -1;
                if (wantFirst && depth === 1 && c === QUOTE) {
                    this.firstElemStart = s;
                    this.firstElemEnd = i - 1;
                }
            }
            if (depth === 1)
                wantFirst = false;
            // After a value: ',' then the next value, or closers.
            for (;;) {
                if (depth === 0)
                    return i;
                i = skipWs(b, i);
                c = b[i];
                const top = stack[depth - 1];
                if (c === 0x2c) {
                    i = skipWs(b, i + 1);
                    if (top === 0x7b) {
                        i = this.memberKey(i);
                        if (i < 0)
                            return -1;
                    }
                    break;
                }
                if (c === (top === 0x5b ? 0x5d : 0x7d)) {
                    i++;
                    depth--;
                    continue;
                }
                return this.fail(this.classify(i), i, "expected ',' or a closing bracket");
            }
        }
    }
    /** `"key" :` of a nested object member at i; returns the index of its value or -1. */
    memberKey(i) {
        const b = this.b;
        if (b[i] !== QUOTE)
            return this.fail(this.classify(i), i, 'expected a key string');
        i = this.skipString(i + 1);
        if (i < 0)
            return -1;
        i = skipWs(b, i);
        if (b[i] !== 0x3a)
            return this.fail(this.classify(i), i, "expected ':'");
        return skipWs(b, i + 1);
    }
    /** A string, number or literal at i; returns the index after it or -1. */
    scalar(i) {
        const c = this.b[i];
        if (c === QUOTE)
            return this.skipString(i + 1);
        if (c === 45 || (c >= 48 && c <= 57))
            return this.scanNumber(i);
        const kind = this.literal(i);
        if (kind === 0)
            return -1;
        return i + (kind === V_FALSE ? 5 : 4);
    }
    /** From just inside a string to just after its closing quote, or -1. */
    skipString(i) {
        const b = this.b;
        for (;;) {
            const c = b[i];
            if (c === QUOTE)
                return i + 1;
            if (c >= 32 && c < 127 && c !== BACKSLASH) {
                i++;
                continue;
            }
            i = this.stringSlow(i);
            if (i < 0)
                return -1;
        }
    }
    /** The plan for the line just scanned (shape lookup, then `_path`). */
    planFor() {
        const shape = this.shapeOf(this.nk);
        if (shape.pathAt >= 0) {
            const k = shape.pathAt;
            if (this.kinds[k] === V_STR) {
                const s = this.vs[k];
                const e = this.ve[k];
                const last = shape.lastPathBytes;
                if (last !== undefined && shape.lastPathPlan !== undefined && isMarker(this.b, s, e, last)) {
                    return shape.lastPathPlan;
                }
                const plan = this.planByPath(shape, textDecoder.decode(this.b.subarray(s, e)));
                shape.lastPathBytes = this.b.slice(s, e);
                shape.lastPathPlan = plan;
                return plan;
            }
        }
        return this.inferredPlan(shape);
    }
    /** The plan of a shape whose path comes from its keys. */
    inferredPlan(shape) {
        shape.inferred ??= this.buildPlan(shape.names, inferPath(shape.names));
        return shape.inferred;
    }
    /** The shape of the key ids `this.ids[0, nk)`, made when new. */
    shapeOf(nk) {
        const ids = this.ids;
        let h = FNV_OFFSET;
        for (let k = 0; k < nk; k++)
            h = Math.imul(h ^ ids[k], FNV_PRIME);
        let shape = this.shapes.get(h);
        while (shape !== undefined && !sameIds(shape.ids, ids, nk))
            shape = shape.chain;
        return shape ?? this.newShape(h, nk);
    }
    /** The plan of a shape with a `_path` key under the path it names. */
    planByPath(shape, path) {
        let plan = shape.byPath.get(path);
        if (plan === undefined) {
            if (shape.byPath.size >= 64)
                shape.byPath.clear();
            plan = this.buildPlan(shape.names, path);
            shape.byPath.set(path, plan);
        }
        return plan;
    }
    newShape(hash, nk) {
        const ids = this.ids.slice(0, nk);
        const names = Array.from(ids, (id) => this.keys.names[id]);
        const shape = {
            ids,
            hash,
            names,
            pathAt: names.indexOf('_path'),
            inferred: undefined,
            byPath: new Map(),
            lastPathBytes: undefined,
            lastPathPlan: undefined,
            chain: this.shapes.get(hash),
        };
        this.shapes.set(hash, shape);
        this.shapeCount++;
        return shape;
    }
    buildPlan(names, path) {
        const kind = kindOfPath(path);
        const n = names.length;
        const acts = new Uint8Array(n);
        const aux = new Uint8Array(n);
        const expects = [];
        const types = [];
        let hasDhcp = false;
        for (let k = 0; k < n; k++) {
            const ex = extractionFor(names[k], kind);
            if (ex) {
                acts[k] = ex.act;
                aux[k] = ex.aux;
                expects.push(ex.expect);
                types.push(ex.types[0]);
                if (ex.act === Act.DhcpAddr || ex.act === Act.DhcpUids)
                    hasDhcp = true;
            }
            else {
                acts[k] = Act.Any;
                expects.push(undefined);
                types.push('json');
            }
        }
        const schema = this.schemas.intern({
            path,
            format: 'json',
            fields: names,
            types,
            separator: 0x09,
            setSeparator: ',',
            emptyField: '(empty)',
            unsetField: '-',
        });
        return {
            schema,
            kind,
            isConn: kind === RecordKind.Conn,
            keepLine: keepsLine(kind, names),
            path,
            trafficTime: isTrafficTime(path),
            acts,
            aux,
            expects,
            hasDhcp,
            uses: 0,
            order: undefined,
        };
    }
    /** Fills the row from the scanned values and emits it; whether no value was unparsable. */
    record(plan, ls, le) {
        const ctx = this.ctx;
        const row = ctx.row;
        const b = this.b;
        resetRow(row);
        let flags = 0;
        let dhcpMask = 0;
        let uidS = 0;
        let uidE = 0;
        let tsBad = false;
        let clean = true;
        const nk = this.nk;
        const acts = plan.acts;
        for (let k = 0; k < nk; k++) {
            const act = acts[k];
            if (act === Act.Any)
                continue;
            const kind = this.kinds[k];
            if (kind === V_NULL)
                continue;
            const s = this.vs[k];
            const e = this.ve[k];
            let ok = true;
            switch (act) {
                case Act.Ts: {
                    const v = kind === V_NUM ? parseDecimal(b, s, e) : kind === V_STR ? parseIsoTime(b, s, e) : Number.NaN;
                    if (!Number.isNaN(v))
                        row.ts = v;
                    else {
                        ok = false;
                        tsBad = true;
                    }
                    break;
                }
                case Act.Uid:
                case Act.Service:
                case Act.History: {
                    if (kind !== V_STR) {
                        ok = false;
                        break;
                    }
                    const slot = act === Act.Uid ? Str.Uid : act === Act.Service ? Str.Service : Str.History;
                    row.strStart[slot] = s;
                    row.strEnd[slot] = e;
                    break;
                }
                case Act.Proto:
                    if (kind === V_STR)
                        row.proto = protoOf(b, s, e);
                    else
                        ok = false;
                    break;
                case Act.ConnState:
                    if (kind === V_STR)
                        row.connState = connStateOf(b, s, e);
                    else
                        ok = false;
                    break;
                case Act.OrigH:
                case Act.RespH: {
                    const at = act === Act.OrigH ? 0 : 4;
                    if (kind === V_STR && parseAddressBytes(b, s, e, row.addr, at)) {
                        flags |= act === Act.OrigH ? Flag.OrigSet : Flag.RespSet;
                    }
                    else {
                        row.addr.fill(0, at, at + 4);
                        ok = false;
                    }
                    break;
                }
                case Act.OrigP:
                case Act.RespP: {
                    const p = kind === V_NUM ? parsePort(b, s, e) : -1;
                    if (p < 0)
                        ok = false;
                    else if (act === Act.OrigP)
                        row.origPort = p;
                    else
                        row.respPort = p;
                    break;
                }
                case Act.Duration: {
                    const v = kind === V_NUM ? parseDecimal(b, s, e) : Number.NaN;
                    if (!Number.isNaN(v))
                        row.duration = v;
                    else
                        ok = false;
                    break;
                }
                case Act.Counter: {
                    const v = kind === V_NUM ? parseCount(b, s, e) : Number.NaN;
                    if (!Number.isNaN(v))
                        row.counters[plan.aux[k]] = v;
                    else
                        ok = false;
                    break;
                }
                case Act.DhcpAddr: {
                    const role = plan.aux[k];
                    if (kind === V_STR && parseAddressBytes(b, s, e, this.dhcpWords, role * 4))
                        dhcpMask |= 1 << role;
                    else
                        ok = false;
                    break;
                }
                case Act.DhcpUids: {
                    if (kind === V_STR) {
                        uidS = s;
                        uidE = e;
                    }
                    else if (kind === V_ARR) {
                        if (this.fs[k] >= 0) {
                            uidS = this.fs[k];
                            uidE = this.fe[k];
                        }
                    }
                    else
                        ok = false;
                    break;
                }
                default:
                    break;
            }
            if (!ok) {
                this.unparsable(plan, k, act === Act.Ts);
                clean = false;
            }
        }
        if (tsBad)
            return false;
        if (plan.hasDhcp) {
            const words = this.dhcpWords;
            if ((flags & Flag.OrigSet) === 0) {
                for (const role of ORIG_ROLES) {
                    if ((dhcpMask & (1 << role)) !== 0) {
                        for (let w = 0; w < 4; w++)
                            row.addr[w] = words[role * 4 + w];
                        flags |= Flag.OrigSet;
                        break;
                    }
                }
            }
            if ((flags & Flag.RespSet) === 0 && (dhcpMask & (1 << DhcpRole.Server)) !== 0) {
                for (let w = 0; w < 4; w++)
                    row.addr[4 + w] = words[DhcpRole.Server * 4 + w];
                flags |= Flag.RespSet;
            }
            if (uidE > uidS && row.strEnd[Str.Uid] === 0) {
                row.strStart[Str.Uid] = uidS;
                row.strEnd[Str.Uid] = uidE;
            }
        }
        this.finish(plan, ls, le, flags);
        return clean;
    }
    /** Completes the row of the line [ls, le) under `plan` and emits it. */
    finish(plan, ls, le, flags) {
        const ctx = this.ctx;
        const row = ctx.row;
        row.kind = plan.kind;
        row.schema = plan.schema;
        row.line = this.lineNo;
        row.lineOffset = this.baseOffset + ls;
        row.src = this.b;
        row.flags = flags;
        if (plan.keepLine) {
            row.strStart[Str.Raw] = ls;
            row.strEnd[Str.Raw] = le;
        }
        const ts = row.ts;
        const d = row.duration;
        ctx.emit(row, plan.isConn && !Number.isNaN(d) ? ts + d : ts, this.baseOffset + ls, plan.trafficTime);
        ctx.addPathRecords(plan.path, 1);
    }
    unparsable(plan, k, dropped) {
        const b = this.b;
        const s = this.vs[k];
        const e = this.ve[k];
        const kind = this.kinds[k];
        this.ctx.event(IntegrityCode.UnparsableValue, this.lineNo, this.baseOffset + (kind === V_STR ? s - 1 : s), () => {
            const name = plan.schema.fields[k] ?? `#${k}`;
            const shown = kind === V_STR ? `"${describeBytes(b, s, e)}"` : describeBytes(b, s, e);
            const want = EXPECT_TEXT[plan.expects[k] ?? 'str'];
            const what = dropped ? 'record dropped' : 'field left unset';
            return `${plan.path || 'log'} key '${name}': unparsable value ${shown} (expected ${want}): ${what}`;
        });
    }
}
const EXPECT_TEXT = {
    time: 'epoch seconds or an ISO 8601 string',
    str: 'a string',
    addr: 'an IP address string',
    port: 'a port number 0-65535',
    num: 'a number',
    count: 'a non-negative integer',
    strlist: 'an array of strings',
};
const ORIG_ROLES = [DhcpRole.Client, DhcpRole.Assigned, DhcpRole.Requested];
function skipWs(b, i) {
    for (;;) {
        const c = b[i];
        if (c === 32 || c === 9 || c === CR)
            i++;
        else
            return i;
    }
}
function skipLine(b, i) {
    while (b[i] !== NL)
        i++;
    return i + 1;
}
function sameIds(a, ids, n) {
    if (a.length !== n)
        return false;
    for (let k = 0; k < n; k++)
        if (a[k] !== ids[k])
            return false;
    return true;
}
/**
 * Log path from the key set when a line has no `_path` (a log written one file per path).
 * Checked in this order; the first match wins; '' when nothing matches.
 */
export function inferPath(names) {
    const has = new Set(names);
    const any = (...k) => k.some((x) => has.has(x));
    if (any('conn_state', 'history', 'orig_bytes'))
        return 'conn';
    if (any('query', 'qtype', 'trans_id', 'rcode'))
        return 'dns';
    if (any('method', 'uri', 'status_code', 'user_agent'))
        return 'http';
    if (any('server_name', 'cipher') || (has.has('version') && has.has('established')))
        return 'ssl';
    if (any('msg_types', 'assigned_addr', 'lease_time', 'mac'))
        return 'dhcp';
    if (any('certificate.subject', 'fingerprint'))
        return 'x509';
    if (any('note', 'msg'))
        return 'notice';
    if (has.has('name') && (has.has('addl') || has.has('notice')))
        return 'weird';
    if (has.has('request_type') || (has.has('client') && has.has('service') && !has.has('server')))
        return 'kerberos';
    if (any('username', 'domainname', 'server_nb_computer_name'))
        return 'ntlm';
    if (any('auth_success', 'auth_attempts') || (has.has('client') && has.has('server')))
        return 'ssh';
    if (any('fuid', 'mime_type'))
        return 'files';
    return '';
}
//# sourceMappingURL=json.js.map