/**
 * One syslog line → one record: RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`),
 * RFC 3164 (`<PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG`) and the variants seen in practice:
 * ISO 8601 timestamps in BSD framing (rsyslog's file format), no hostname, no PRI (plain log
 * files). Pure and total: any input gives a record; problems are events.
 */
import { DEFAULT_SYSLOG_LIMITS, SyslogEventCode, } from './types.js';
const NO_EVENTS = Object.freeze([]);
const NO_SD = Object.freeze([]);
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');
/** Month abbreviations as RFC 3164 writes them (any case), keyed by their three lower-cased chars. */
const MONTHS = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, k) => [
    (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2),
    k,
]));
/** 0–11 for a month abbreviation at i, else -1. */
function monthAt(s, i) {
    if (i + 3 > s.length)
        return -1;
    const key = ((s.charCodeAt(i) | 32) << 16) | ((s.charCodeAt(i + 1) | 32) << 8) | (s.charCodeAt(i + 2) | 32);
    return MONTHS.get(key) ?? -1;
}
/** Epoch seconds of a UTC day's start; the last day asked is cached (log lines come in order). */
let cachedDayKey = -1;
let cachedDayStart = 0;
function dayStart(year, month, day) {
    const key = (year * 16 + month) * 32 + day;
    if (key !== cachedDayKey) {
        cachedDayKey = key;
        cachedDayStart = Date.UTC(year, month, day) / 1000;
    }
    return cachedDayStart;
}
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** RFC 5424 §6: maximum lengths of the header fields. */
const MAX_HOSTNAME = 255;
const MAX_APP = 48;
const MAX_PROCID = 128;
const MAX_MSGID = 32;
const MAX_SD_NAME = 32;
class Problems {
    source;
    base;
    events;
    constructor(source, base) {
        this.source = source;
        this.base = base;
    }
    add(code, at, message) {
        const e = { code, source: this.source, offset: this.base + at, message };
        if (this.events === undefined)
            this.events = [e];
        else
            this.events.push(e);
    }
}
function isDigit(c) {
    return c >= 48 && c <= 57;
}
/** Reads exactly n digits at i, or -1. */
function digits(s, i, n) {
    if (i + n > s.length)
        return -1;
    let v = 0;
    for (let k = 0; k < n; k++) {
        const c = s.charCodeAt(i + k);
        if (!isDigit(c))
            return -1;
        v = v * 10 + c - 48;
    }
    return v;
}
function validDate(year, month, day) {
    if (month < 0 || month > 11 || day < 1 || day > DAYS_IN_MONTH[month])
        return false;
    if (month === 1 && day === 29)
        return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return true;
}
/**
 * `hh:mm:ss[.frac]` at i: seconds of the day plus fraction, or undefined. Writes the end index
 * into `out.end`.
 */
function timeOfDay(s, i, out) {
    const hh = digits(s, i, 2);
    const mm = digits(s, i + 3, 2);
    const ss = digits(s, i + 6, 2);
    if (hh < 0 || mm < 0 || ss < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58)
        return undefined;
    if (hh > 23 || mm > 59 || ss > 60)
        return undefined;
    let j = i + 8;
    let frac = 0;
    if (s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
        j++;
        let scale = 0.1;
        // RFC 5424 allows 6 fraction digits; more are read (bounded) and ignored past 9.
        const stop = Math.min(s.length, j + 12);
        while (j < stop && isDigit(s.charCodeAt(j))) {
            frac += (s.charCodeAt(j) - 48) * scale;
            scale /= 10;
            j++;
        }
    }
    out.end = j;
    return hh * 3600 + mm * 60 + Math.min(ss, 59) + frac;
}
/**
 * RFC 3339 (`YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`) at i. Without a zone, `defaultOffsetMin`
 * applies (3164 framing with ISO times from some senders); `requireZone` reports that as bad.
 */
function parseIso(s, i, defaultOffsetMin, out) {
    const year = digits(s, i, 4);
    const month = digits(s, i + 5, 2);
    const day = digits(s, i + 8, 2);
    if (year < 0 || month < 0 || day < 0 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) {
        return false;
    }
    const t = s.charCodeAt(i + 10);
    if (t !== 84 && t !== 116)
        return false; // 'T' / 't'
    if (!validDate(year, month - 1, day))
        return false;
    const sod = timeOfDay(s, i + 11, out);
    if (sod === undefined)
        return false;
    let j = out.end;
    let offsetMin = defaultOffsetMin;
    const z = s.charCodeAt(j);
    if (z === 90 || z === 122) {
        offsetMin = 0;
        j++;
    }
    else if (z === 43 || z === 45) {
        const oh = digits(s, j + 1, 2);
        const om = digits(s, j + 4, 2);
        if (oh < 0 || om < 0 || s.charCodeAt(j + 3) !== 58 || oh > 23 || om > 59)
            return false;
        offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
        j += 6;
    }
    out.ts = Date.UTC(year, month - 1, day) / 1000 + sod - offsetMin * 60;
    out.end = j;
    return true;
}
/** End of the space-delimited token starting at i. */
function tokenEnd(s, i) {
    const sp = s.indexOf(' ', i);
    return sp < 0 ? s.length : sp;
}
function printUsAscii(s, from, to) {
    for (let k = from; k < to; k++) {
        const c = s.charCodeAt(k);
        if (c < 33 || c > 126)
            return false;
    }
    return true;
}
function decodeBytes(bytes, max) {
    let truncated = false;
    if (bytes.length > max) {
        let cut = max;
        // Back off to a character boundary so the cut does not itself make invalid UTF-8.
        while (cut > 0 && cut > max - 3 && (bytes[cut] & 0xc0) === 0x80)
            cut--;
        bytes = bytes.subarray(0, cut);
        truncated = true;
    }
    let ascii = true;
    for (let k = 0; k < bytes.length; k++) {
        if (bytes[k] >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return { text: lenientDecoder.decode(bytes), truncated, invalid: false };
    try {
        return { text: fatalDecoder.decode(bytes), truncated, invalid: false };
    }
    catch {
        return { text: lenientDecoder.decode(bytes), truncated, invalid: true };
    }
}
/** Strips the line's trailer: any run of CR, LF and NUL at the end. */
function stripTrailer(s) {
    let end = s.length;
    while (end > 0) {
        const c = s.charCodeAt(end - 1);
        if (c !== 10 && c !== 13 && c !== 0)
            break;
        end--;
    }
    return end === s.length ? s : s.slice(0, end);
}
function nil(v) {
    return v === '-' ? null : v;
}
/** RFC 5424 after `<PRI>VERSION SP`, from index i. */
function parse5424(s, i, h, p, ctx, tp) {
    const limits = ctx.limits ?? DEFAULT_SYSLOG_LIMITS;
    h.format = '5424';
    const fields = [];
    const starts = [];
    for (let f = 0; f < 5; f++) {
        if (i > s.length)
            break;
        const end = tokenEnd(s, i);
        starts.push(i);
        fields.push(s.slice(i, end));
        i = end + 1;
    }
    if (fields.length < 5) {
        p.add(SyslogEventCode.BadHeader, s.length, `RFC 5424 header has ${fields.length} of 5 fields`);
    }
    const [tsField = '-', host = '-', app = '-', procid = '-', msgid = '-'] = fields;
    if (tsField !== '-') {
        if (parseIso(tsField, 0, 0, tp) && tp.end === tsField.length)
            h.ts = tp.ts;
        else
            p.add(SyslogEventCode.BadTimestamp, starts[0] ?? 0, `not an RFC 3339 timestamp: ${clip(tsField)}`);
    }
    const checks = [
        [host, MAX_HOSTNAME, 'HOSTNAME'],
        [app, MAX_APP, 'APP-NAME'],
        [procid, MAX_PROCID, 'PROCID'],
        [msgid, MAX_MSGID, 'MSGID'],
    ];
    for (let k = 0; k < checks.length; k++) {
        const [v, max, name] = checks[k];
        if (v.length === 0 || v.length > max || !printUsAscii(v, 0, v.length)) {
            p.add(SyslogEventCode.BadHeader, starts[k + 1] ?? s.length, `${name} empty, over ${max} or not printable`);
        }
    }
    h.hostname = nil(host) || null;
    h.app = nil(app) || null;
    h.procid = nil(procid) || null;
    h.msgid = nil(msgid) || null;
    if (i > s.length)
        return;
    // STRUCTURED-DATA
    if (s.charCodeAt(i) === 45 && (i + 1 === s.length || s.charCodeAt(i + 1) === 32)) {
        i += 1;
    }
    else if (s.charCodeAt(i) === 91) {
        const r = parseSd(s, i, p, limits.maxSdElements, limits.maxSdParams);
        h.structuredData = r.elements;
        if (r.ok)
            i = r.end;
        else {
            h.message = s.slice(r.end);
            return;
        }
    }
    else {
        p.add(SyslogEventCode.BadStructuredData, i, 'STRUCTURED-DATA is neither "-" nor "["');
        h.message = s.slice(i);
        return;
    }
    if (i < s.length) {
        if (s.charCodeAt(i) !== 32) {
            p.add(SyslogEventCode.BadHeader, i, 'no space between STRUCTURED-DATA and MSG');
            h.message = s.slice(i);
        }
        else
            h.message = s.slice(i + 1);
    }
    if (h.message.charCodeAt(0) === 0xfeff) {
        h.message = h.message.slice(1);
        h.bom = true;
    }
}
function parseSd(s, i, p, maxElements, maxParams) {
    const elements = [];
    let nParams = 0;
    let limited = false;
    const bad = (at, why, start) => {
        p.add(SyslogEventCode.BadStructuredData, at, why);
        return { elements, ok: false, end: start };
    };
    while (s.charCodeAt(i) === 91) {
        const start = i;
        i++;
        let j = i;
        while (j < s.length && j - i <= MAX_SD_NAME) {
            const c = s.charCodeAt(j);
            if (c < 33 || c > 126 || c === 61 || c === 93 || c === 34 || c === 32)
                break;
            j++;
        }
        if (j === i || j - i > MAX_SD_NAME)
            return bad(i, 'bad SD-ID', start);
        const id = s.slice(i, j);
        i = j;
        const params = [];
        for (;;) {
            const c = s.charCodeAt(i);
            if (c === 93) {
                i++;
                break;
            }
            if (c !== 32)
                return bad(i, 'expected " " or "]" in SD-ELEMENT', start);
            i++;
            j = i;
            while (j < s.length && j - i <= MAX_SD_NAME) {
                const d = s.charCodeAt(j);
                if (d < 33 || d > 126 || d === 61 || d === 93 || d === 34 || d === 32)
                    break;
                j++;
            }
            if (j === i || j - i > MAX_SD_NAME || s.charCodeAt(j) !== 61 || s.charCodeAt(j + 1) !== 34) {
                return bad(i, 'expected PARAM-NAME="…"', start);
            }
            const name = s.slice(i, j);
            i = j + 2;
            let value = '';
            let from = i;
            for (;;) {
                if (i >= s.length)
                    return bad(i, 'unterminated PARAM-VALUE', start);
                const d = s.charCodeAt(i);
                if (d === 34)
                    break;
                if (d === 92) {
                    const e = s.charCodeAt(i + 1);
                    if (e === 34 || e === 92 || e === 93) {
                        value += s.slice(from, i);
                        from = i + 1;
                        i += 2;
                        continue;
                    }
                }
                i++;
            }
            value += s.slice(from, i);
            i++;
            if (nParams < maxParams)
                params.push({ name, value });
            else
                limited = true;
            nParams++;
        }
        if (elements.length < maxElements)
            elements.push({ id, params });
        else
            limited = true;
    }
    if (limited) {
        p.add(SyslogEventCode.StructuredDataLimit, i, `over ${maxElements} SD elements or ${maxParams} parameters: the rest dropped`);
    }
    return { elements, ok: true, end: i };
}
/**
 * `Mmm dd hh:mm:ss[.frac]` (day space- or zero-padded, or one digit) at i; the year is the
 * context's. Returns false when it is not there.
 */
function parseBsdTime(s, i, ctx, tp) {
    if (s.charCodeAt(i + 3) !== 32)
        return false;
    const month = monthAt(s, i);
    if (month < 0)
        return false;
    let j = i + 4;
    if (s.charCodeAt(j) === 32)
        j++;
    let day = digits(s, j, 2);
    if (day >= 0)
        j += 2;
    else {
        day = digits(s, j, 1);
        if (day < 0)
            return false;
        j += 1;
    }
    if (s.charCodeAt(j) !== 32)
        return false;
    const sod = timeOfDay(s, j + 1, tp);
    if (sod === undefined)
        return false;
    const explicitYear = ctx.year;
    const ref = ctx.referenceTs;
    let year = explicitYear ??
        (ref !== undefined && Number.isFinite(ref) ? new Date(ref * 1000).getUTCFullYear() : 1970);
    const offset = (ctx.utcOffsetMinutes ?? 0) * 60;
    // Feb 29 in a non-leap year still gives a time (the next day), as a device would have meant.
    if (day < 1 || day > DAYS_IN_MONTH[month])
        return false;
    let ts = dayStart(year, month, day) + sod - offset;
    if (explicitYear === undefined && ref !== undefined && ts > ref + 7 * 86400) {
        year--;
        ts = dayStart(year, month, day) + sod - offset;
    }
    tp.ts = ts;
    return true;
}
/**
 * The TAG at i when the token there is one: `name:`, `name[pid]:` or `name[pid]`. Sets app and
 * procid and returns the index after the tag and one space, or -1.
 */
function parseTag(s, i, h) {
    const end = tokenEnd(s, i);
    if (end === i)
        return -1;
    let tagEnd = end;
    const last = s.charCodeAt(end - 1);
    if (last === 58)
        tagEnd = end - 1;
    else if (last !== 93)
        return -1;
    if (tagEnd === i)
        return -1;
    const open = s.indexOf('[', i);
    if (open >= 0 && open < tagEnd) {
        if (s.charCodeAt(tagEnd - 1) !== 93 || open === i) {
            if (last !== 58)
                return -1;
            h.app = s.slice(i, tagEnd);
        }
        else {
            h.app = s.slice(i, open);
            h.procid = s.slice(open + 1, tagEnd - 1) || null;
        }
    }
    else {
        if (last !== 58)
            return -1;
        h.app = s.slice(i, tagEnd);
    }
    return end < s.length ? end + 1 : end;
}
/** Is the token at i a TAG rather than a hostname? */
function looksLikeTag(s, i) {
    const end = tokenEnd(s, i);
    if (end === i)
        return false;
    const last = s.charCodeAt(end - 1);
    if (last === 58)
        return true;
    if (last !== 93)
        return false;
    const open = s.indexOf('[', i);
    return open > i && open < end;
}
function parseBsd(s, i, h, ctx, tp) {
    let stamped = false;
    if (parseBsdTime(s, i, ctx, tp) || parseIso(s, i, ctx.utcOffsetMinutes ?? 0, tp)) {
        if (tp.end === s.length || s.charCodeAt(tp.end) === 32) {
            stamped = true;
            h.ts = tp.ts;
            i = Math.min(s.length, tp.end + 1);
        }
    }
    if (stamped) {
        if (i < s.length && !looksLikeTag(s, i)) {
            const end = tokenEnd(s, i);
            h.hostname = s.slice(i, end);
            i = end < s.length ? end + 1 : end;
        }
        const after = parseTag(s, i, h);
        if (after >= 0)
            i = after;
    }
    else if (h.format === '3164') {
        // A PRI without timestamp: RFC 3164 §4.3.3 takes everything as MSG, but `app[pid]: msg`
        // is what such senders mean.
        const after = parseTag(s, i, h);
        if (after >= 0)
            i = after;
    }
    h.message = s.slice(i);
}
function clip(v) {
    return v.length > 64 ? `${v.slice(0, 64)}…` : v;
}
/**
 * Parses one syslog message or log-file line (without or with its trailing CR/LF/NUL).
 * Never throws: malformed parts are reported as events and left unset.
 */
export function parseSyslog(line, context) {
    const limits = context.limits ?? DEFAULT_SYSLOG_LIMITS;
    const p = new Problems(context.source, context.offset ?? 0);
    let s;
    let truncated = false;
    if (typeof line === 'string') {
        s = line;
        if (s.length > limits.maxMessageBytes) {
            let cut = limits.maxMessageBytes;
            const c = s.charCodeAt(cut - 1);
            if (c >= 0xd800 && c <= 0xdbff)
                cut--;
            s = s.slice(0, cut);
            truncated = true;
        }
    }
    else {
        const d = decodeBytes(line, limits.maxMessageBytes);
        s = d.text;
        truncated = d.truncated;
        if (d.invalid)
            p.add(SyslogEventCode.InvalidUtf8, 0, 'invalid UTF-8 replaced by U+FFFD');
    }
    if (truncated) {
        p.add(SyslogEventCode.MessageTooLong, limits.maxMessageBytes, `over ${limits.maxMessageBytes}: cut`);
    }
    s = stripTrailer(s);
    const h = {
        format: 'plain',
        ts: Number.NaN,
        facility: null,
        severity: null,
        hostname: null,
        app: null,
        procid: null,
        msgid: null,
        structuredData: NO_SD,
        message: '',
        bom: false,
    };
    const tp = { ts: 0, end: 0 };
    let i = 0;
    if (s.charCodeAt(0) === 60) {
        let j = 1;
        let v = 0;
        while (j < s.length && j <= 4 && isDigit(s.charCodeAt(j))) {
            v = v * 10 + s.charCodeAt(j) - 48;
            j++;
        }
        const n = j - 1;
        if (n >= 1 && n <= 3 && s.charCodeAt(j) === 62 && v <= 191 && !(n > 1 && s.charCodeAt(1) === 48)) {
            h.facility = v >> 3;
            h.severity = v & 7;
            h.format = '3164';
            i = j + 1;
        }
        else {
            p.add(SyslogEventCode.BadPri, 0, `not a PRI: ${clip(s.slice(0, j + 1))}`);
        }
    }
    if (h.format === '3164') {
        // VERSION: 1–2 digits (NONZERO-DIGIT 0*2DIGIT in the ABNF, but only "1" exists) then SP.
        const c = s.charCodeAt(i);
        if (c >= 49 && c <= 57) {
            let j = i + 1;
            if (isDigit(s.charCodeAt(j)))
                j++;
            if (s.charCodeAt(j) === 32) {
                parse5424(s, j + 1, h, p, context, tp);
                return result(h, truncated, p);
            }
        }
    }
    parseBsd(s, i, h, context, tp);
    return result(h, truncated, p);
}
function result(h, truncated, p) {
    const record = {
        format: h.format,
        ts: h.ts,
        facility: h.facility,
        severity: h.severity,
        hostname: h.hostname,
        app: h.app,
        procid: h.procid,
        msgid: h.msgid,
        structuredData: h.structuredData,
        message: h.message,
        bom: h.bom,
        truncated,
    };
    return { record, events: p.events ?? NO_EVENTS };
}
//# sourceMappingURL=parse.js.map