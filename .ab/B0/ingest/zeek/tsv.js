/**
 * Zeek TSV chunk parser: one pass over the bytes, one reused row, no strings on the hot path.
 *
 * The scan relies on one invariant: the region it walks ends with '\n' (a chunk's unterminated
 * last line is copied into a scratch buffer with a '\n' appended), and every loop stops at any
 * byte outside its accepted set, '\n' included. So no loop needs a bounds check of its own.
 *
 * Two column paths. The fast one is per-schema compiled column code (tsv-compile.ts): digits
 * for counts and ports, digits and one dot for times, dotted quads, printable ASCII for
 * strings. Whatever it does not accept outright (markers it cannot see at a glance, non-ASCII
 * text, exponents, a wrong field count, a CR before the '\n') goes to `slowField`, which
 * rescans that field generically (UTF-8 and control-byte checks) and validates it by its
 * declared type. `slowField` alone parses logs with a printable separator, and everything when
 * code generation is unavailable (about 4× slower, same results: a corpus test checks both).
 *
 * Policy for bad input (each an integrity event, the run goes on):
 *  - binary garbage (NUL, control bytes other than TAB, invalid UTF-8): line dropped;
 *  - wrong field count: line dropped;
 *  - unparsable `ts`: line dropped (a record that cannot be placed in time cannot be windowed);
 *  - any other unparsable value (addresses and ports included): the field is left unset and
 *    the record is kept (an unparsable address clears OrigSet/RespSet);
 *  - a line longer than maxLineBytes: dropped;
 *  - blank lines: skipped silently (they count in `lines`).
 */
import { parseAddressBytes } from '../../shared/addr.js';
import { Flag, Str } from '../../shared/record.js';
import { IntegrityCode } from '../events.js';
import { forEachTerminatedRun, resetRow } from './context.js';
import { connStateOf, protoOf } from './enums.js';
import { Act, DhcpRole } from './plan.js';
import { compileLineFn } from './tsv-compile.js';
import { describeBytes, isMarker, isValid, parseCount, parseDecimal, parsePort, utf8SequenceLength, } from './values.js';
const NL = 10;
const CR = 13;
const TAB = 9;
const MAX_PENDING = 8;
export class TsvParser {
    ctx;
    plan;
    b = new Uint8Array(0);
    /** Where the region's bytes sit in the chunk (the tail scratch is not at 0). */
    baseOffset = 0;
    lineNo = 0;
    lineStart = 0;
    /** Unparsable values of the current line: column, start, end (reported if the line is kept). */
    pending = new Int32Array(MAX_PENDING * 3);
    pendingCount = 0;
    tsBad = false;
    /** dhcp address roles parsed on this line (bit per DhcpRole) and their words. */
    dhcpMask = 0;
    dhcpWords = new Uint32Array(16);
    /** `uids` of a dhcp line: its first element becomes the uid. */
    dhcpUidStart = 0;
    dhcpUidEnd = 0;
    /** Scratch for validating addr columns that are not extracted. */
    scratchWords = new Uint32Array(4);
    /** OrigSet/RespSet found on the current line (the compiled code and slowField set them). */
    lineFlags = 0;
    lineFn;
    compiled = new WeakMap();
    /** Off in tests that check the compiled column code against the generic path. */
    compile;
    tail = new Uint8Array(256);
    constructor(ctx, compile = true) {
        this.ctx = ctx;
        this.compile = compile;
    }
    /** Parses every line of `bytes` under `plan`; records go to the context's sink. */
    parse(bytes, plan) {
        this.plan = plan;
        this.lineFn = this.compile ? this.lineFnOf(plan) : undefined;
        this.lineNo = 0;
        if (plan.nf === 0) {
            this.eachLine(bytes, IntegrityCode.FieldCount, 'the header lists no #fields: line skipped');
            return;
        }
        this.tail = forEachTerminatedRun(bytes, this.tail, (buf, start, end, offset) => this.region(buf, start, end, offset));
    }
    lineFnOf(plan) {
        let fn = this.compiled.get(plan);
        if (fn === undefined) {
            fn = compileLineFn(plan) ?? null;
            this.compiled.set(plan, fn);
        }
        return fn ?? undefined;
    }
    /** Lines of a chunk that has no header in force: each is reported and dropped. */
    parseHeaderless(bytes) {
        this.eachLine(bytes, IntegrityCode.MissingHeader, 'data line before any #fields header: skipped');
    }
    /** Reports every non-blank line of `bytes` with `code` and drops it. */
    eachLine(bytes, code, message) {
        const ctx = this.ctx;
        const n = bytes.length;
        let i = 0;
        let line = 0;
        while (i < n) {
            const s = i;
            while (i < n && bytes[i] !== NL)
                i++;
            line++;
            const blank = i === s || (i === s + 1 && bytes[s] === CR);
            if (!blank) {
                ctx.event(code, line, s, () => message);
            }
            i++;
        }
        ctx.lines += line;
    }
    region(b, from, to, baseOffset) {
        this.b = b;
        this.baseOffset = baseOffset;
        const ctx = this.ctx;
        const plan = this.plan;
        const row = ctx.row;
        const nf = plan.nf;
        const isConn = plan.isConn;
        const keepLine = plan.keepLine;
        const hasDhcp = plan.hasDhcp;
        const trafficTime = plan.trafficTime;
        const ss = row.strStart;
        const se = row.strEnd;
        const rawSlot = Str.Raw;
        const lineFn = this.lineFn;
        const maxLine = ctx.maxLineBytes;
        let records = 0;
        let i = from;
        lines: while (i < to) {
            const ls = i;
            const lineNo = ++this.lineNo;
            this.lineStart = ls;
            const c = b[i];
            if (c === NL || (c === CR && b[i + 1] === NL)) {
                i += c === NL ? 1 : 2;
                continue;
            }
            resetRow(row);
            this.pendingCount = 0;
            this.tsBad = false;
            this.lineFlags = 0;
            if (hasDhcp) {
                this.dhcpMask = 0;
                this.dhcpUidEnd = 0;
            }
            if (lineFn !== undefined) {
                i = lineFn(this, b, i, row);
                if (i < 0) {
                    i = ~i;
                    continue;
                }
            }
            else {
                for (let col = 0; col < nf; col++) {
                    i = this.slowField(col, i);
                    if (i < 0) {
                        i = ~i;
                        continue lines;
                    }
                }
            }
            // i is one past the line's '\n'.
            let le = i - 1;
            if (le > ls && b[le - 1] === CR)
                le--;
            if (le - ls > maxLine) {
                ctx.event(IntegrityCode.LineTooLong, lineNo, this.baseOffset + ls, () => {
                    return `line of ${le - ls} bytes exceeds the ${maxLine}-byte limit: skipped`;
                });
                continue;
            }
            if (this.pendingCount > 0)
                this.reportPending();
            if (this.tsBad)
                continue;
            let flags = this.lineFlags;
            if (hasDhcp)
                flags |= this.resolveDhcp(row.addr, flags);
            row.kind = plan.kind;
            row.schema = plan.schema;
            row.line = lineNo;
            row.lineOffset = this.baseOffset + ls;
            row.src = b;
            row.flags = flags;
            if (keepLine) {
                ss[rawSlot] = ls;
                se[rawSlot] = le;
            }
            const ts = row.ts;
            const d = row.duration;
            ctx.emit(row, isConn && !Number.isNaN(d) ? ts + d : ts, this.baseOffset + ls, trafficTime);
            records++;
        }
        ctx.addPathRecords(plan.path, records);
        // region() runs for the body and then the tail; lineNo carries on across both.
        ctx.lines = this.lineNo;
    }
    /**
     * Rescans the field at `s` generically: returns the index after its terminator, or the bitwise
     * complement of the next line's start when the line is dropped (an event was recorded).
     */
    slowField(col, s) {
        const b = this.b;
        const plan = this.plan;
        const sep = plan.schema.separator;
        let i = s;
        let c = 0;
        for (;;) {
            c = b[i];
            if (c === sep)
                break;
            if (c >= 32 && c < 127) {
                i++;
                continue;
            }
            if (c === NL)
                break;
            if (c === CR && b[i + 1] === NL)
                break;
            if (c === TAB) {
                i++;
                continue;
            }
            if (c >= 0x80) {
                const n = utf8SequenceLength(b, i, b.length);
                if (n > 0) {
                    i += n;
                    continue;
                }
            }
            return this.dropGarbage(col, i);
        }
        const e = i;
        const atEnd = c !== sep;
        const last = plan.nf - 1;
        if (atEnd && col !== last)
            return this.dropFieldCount(col + 1, e);
        if (!atEnd && col === last)
            return this.dropFieldCount(-1, e);
        this.value(col, s, e);
        if (!atEnd)
            return e + 1;
        return c === CR ? e + 2 : e + 1;
    }
    /** Applies the value b[s,e) of column `col` (markers mean unset). */
    value(col, s, e) {
        const b = this.b;
        const plan = this.plan;
        if (isMarker(b, s, e, plan.unset) || isMarker(b, s, e, plan.empty))
            return;
        const row = this.ctx.row;
        const act = plan.actions[col];
        switch (act) {
            case Act.Any:
                return;
            case Act.Ts: {
                const v = parseDecimal(b, s, e);
                if (!Number.isNaN(v))
                    row.ts = v;
                else {
                    this.tsBad = true;
                    this.addPending(col, s, e);
                }
                return;
            }
            case Act.Duration: {
                const v = parseDecimal(b, s, e);
                if (!Number.isNaN(v))
                    row.duration = v;
                else
                    this.addPending(col, s, e);
                return;
            }
            case Act.Uid:
                row.strStart[Str.Uid] = s;
                row.strEnd[Str.Uid] = e;
                return;
            case Act.Service:
                row.strStart[Str.Service] = s;
                row.strEnd[Str.Service] = e;
                return;
            case Act.History:
                row.strStart[Str.History] = s;
                row.strEnd[Str.History] = e;
                return;
            case Act.Proto:
                row.proto = protoOf(b, s, e);
                return;
            case Act.ConnState:
                row.connState = connStateOf(b, s, e);
                return;
            case Act.OrigH:
            case Act.RespH: {
                const at = act === Act.OrigH ? 0 : 4;
                if (!parseAddressBytes(b, s, e, row.addr, at)) {
                    for (let w = at; w < at + 4; w++)
                        row.addr[w] = 0;
                    this.addPending(col, s, e);
                }
                else if (act === Act.OrigH)
                    this.lineFlags |= Flag.OrigSet;
                else
                    this.lineFlags |= Flag.RespSet;
                return;
            }
            case Act.OrigP:
            case Act.RespP: {
                const p = parsePort(b, s, e);
                if (p < 0)
                    this.addPending(col, s, e);
                else if (act === Act.OrigP)
                    row.origPort = p;
                else
                    row.respPort = p;
                return;
            }
            case Act.Counter: {
                const v = parseCount(b, s, e);
                if (!Number.isNaN(v))
                    row.counters[plan.aux[col]] = v;
                else
                    this.addPending(col, s, e);
                return;
            }
            case Act.DhcpAddr: {
                const role = plan.aux[col];
                if (parseAddressBytes(b, s, e, this.dhcpWords, role * 4))
                    this.dhcpMask |= 1 << role;
                else
                    this.addPending(col, s, e);
                return;
            }
            case Act.DhcpUids: {
                const sepBytes = plan.setSep;
                let end = e;
                if (sepBytes.length > 0) {
                    for (let i = s; i + sepBytes.length <= e; i++) {
                        if (isMarker(b, i, i + sepBytes.length, sepBytes)) {
                            end = i;
                            break;
                        }
                    }
                }
                this.dhcpUidStart = s;
                this.dhcpUidEnd = end;
                return;
            }
            case Act.Container:
                if (!this.validContainer(plan.aux[col], s, e))
                    this.addPending(col, s, e);
                return;
            default:
                if (!isValid(VAL_VTYPE[act], b, s, e))
                    this.addPending(col, s, e);
                return;
        }
    }
    validContainer(vt, s, e) {
        const b = this.b;
        const plan = this.plan;
        const sepBytes = plan.setSep;
        const sl = sepBytes.length;
        let start = s;
        if (sl === 0)
            return this.validElement(vt, s, e);
        for (let i = s; i + sl <= e;) {
            if (isMarker(b, i, i + sl, sepBytes)) {
                if (!this.validElement(vt, start, i))
                    return false;
                i += sl;
                start = i;
            }
            else
                i++;
        }
        return this.validElement(vt, start, e);
    }
    validElement(vt, s, e) {
        if (isMarker(this.b, s, e, this.plan.unset))
            return true;
        return isValid(vt, this.b, s, e);
    }
    addPending(col, s, e) {
        const k = this.pendingCount;
        if (k < MAX_PENDING) {
            this.pending[k * 3] = col;
            this.pending[k * 3 + 1] = s;
            this.pending[k * 3 + 2] = e;
        }
        this.pendingCount = k + 1;
    }
    reportPending() {
        const ctx = this.ctx;
        const plan = this.plan;
        const n = Math.min(this.pendingCount, MAX_PENDING);
        for (let k = 0; k < n; k++) {
            const col = this.pending[k * 3];
            const s = this.pending[k * 3 + 1];
            const e = this.pending[k * 3 + 2];
            ctx.event(IntegrityCode.UnparsableValue, this.lineNo, this.baseOffset + s, () => {
                const name = plan.schema.fields[col] ?? `#${col}`;
                const type = plan.schema.types[col] ?? '?';
                const what = plan.actions[col] === Act.Ts ? ': record dropped' : ': field left unset';
                return `${plan.path || 'log'} field '${name}' (${type}): unparsable value '${describeBytes(this.b, s, e)}'${what}`;
            });
        }
    }
    /** Fills orig/resp from dhcp roles when the id.* columns gave none; returns flags to add. */
    resolveDhcp(addr, flags) {
        let add = 0;
        const mask = this.dhcpMask;
        const words = this.dhcpWords;
        if ((flags & Flag.OrigSet) === 0) {
            for (const role of ORIG_ROLES) {
                if ((mask & (1 << role)) !== 0) {
                    for (let w = 0; w < 4; w++)
                        addr[w] = words[role * 4 + w];
                    add |= Flag.OrigSet;
                    break;
                }
            }
        }
        if ((flags & Flag.RespSet) === 0 && (mask & (1 << DhcpRole.Server)) !== 0) {
            for (let w = 0; w < 4; w++)
                addr[4 + w] = words[DhcpRole.Server * 4 + w];
            add |= Flag.RespSet;
        }
        if (this.dhcpUidEnd > 0 && this.ctx.row.strEnd[Str.Uid] === 0) {
            this.ctx.row.strStart[Str.Uid] = this.dhcpUidStart;
            this.ctx.row.strEnd[Str.Uid] = this.dhcpUidEnd;
        }
        return add;
    }
    dropGarbage(col, at) {
        const b = this.b;
        const next = skipLine(b, at);
        const ls = this.lineStart;
        this.ctx.event(IntegrityCode.BinaryGarbage, this.lineNo, this.baseOffset + at, () => {
            const name = this.plan.schema.fields[col] ?? `#${col}`;
            return `binary garbage (byte 0x${b[at].toString(16).padStart(2, '0')} at column ${at - ls + 1}, field '${name}'): line skipped`;
        });
        return ~next;
    }
    /** `fields` = count seen when the line ended early, or -1 when it has too many. */
    dropFieldCount(fields, at) {
        const b = this.b;
        const plan = this.plan;
        const sep = plan.schema.separator;
        let next;
        let count = fields;
        if (fields < 0) {
            // Count the remaining separators for the message; the line is skipped either way.
            count = plan.nf;
            let i = at;
            while (b[i] !== NL) {
                if (b[i] === sep)
                    count++;
                i++;
            }
            next = i + 1;
        }
        else {
            next = b[at] === CR ? at + 2 : at + 1;
        }
        const ls = this.lineStart;
        this.ctx.event(IntegrityCode.FieldCount, this.lineNo, this.baseOffset + ls, () => {
            return `line has ${count} fields, the ${plan.path || 'log'} header has ${plan.nf}: skipped`;
        });
        return ~next;
    }
}
const VAL_VTYPE = {
    [Act.ValTime]: 1,
    [Act.ValDouble]: 2,
    [Act.ValCount]: 3,
    [Act.ValInt]: 4,
    [Act.ValPort]: 5,
    [Act.ValAddr]: 6,
    [Act.ValSubnet]: 7,
    [Act.ValBool]: 8,
};
const ORIG_ROLES = [DhcpRole.Client, DhcpRole.Assigned, DhcpRole.Requested];
function skipLine(b, i) {
    while (b[i] !== NL)
        i++;
    return i + 1;
}
//# sourceMappingURL=tsv.js.map