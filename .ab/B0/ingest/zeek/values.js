/**
 * Byte-level value parsers and validators shared by the TSV and JSON chunk parsers.
 *
 * Every function reads `b[s, e)` only, allocates nothing on success and never throws. Numbers
 * take Clinger's fast path (all digits as one integer m ≤ 2^53, then one exact division or
 * multiplication by 10^k ≤ 10^22: a single rounding, so the result equals `Number(text)`);
 * anything outside it falls back to `Number()` on the text, which is rare and bounded by the
 * field length.
 */
import { parseAddressBytes } from '../../shared/addr.js';
export const MAX_EXACT = 9007199254740992; // 2^53
export const POW10 = new Float64Array(23);
for (let k = 0, p = 1; k < 23; k++, p *= 10)
    POW10[k] = p;
/** Validation classes of Zeek `#types`. */
export const VType = {
    Any: 0,
    Time: 1,
    Double: 2,
    Count: 3,
    Int: 4,
    Port: 5,
    Addr: 6,
    Subnet: 7,
    Bool: 8,
};
/** Zeek type name → validation class; containers give their element's class. */
export function classifyType(type) {
    const open = type.indexOf('[');
    if (open > 0 && type.endsWith(']')) {
        const outer = type.slice(0, open);
        if (outer === 'set' || outer === 'vector') {
            return { vtype: scalarVType(type.slice(open + 1, -1)), container: true };
        }
        return { vtype: VType.Any, container: false };
    }
    return { vtype: scalarVType(type), container: false };
}
function scalarVType(t) {
    switch (t) {
        case 'time':
            return VType.Time;
        case 'interval':
        case 'double':
            return VType.Double;
        case 'count':
        case 'counter':
            return VType.Count;
        case 'int':
            return VType.Int;
        case 'port':
            return VType.Port;
        case 'addr':
            return VType.Addr;
        case 'subnet':
            return VType.Subnet;
        case 'bool':
            return VType.Bool;
        default:
            // string, enum, pattern, and anything unknown: any UTF-8 text.
            return VType.Any;
    }
}
const latin1 = new TextDecoder('latin1');
/** The bytes as a latin1 string; only for short ASCII-ish slow paths. */
export function asciiText(b, s, e) {
    return latin1.decode(b.subarray(s, e));
}
/**
 * Decimal number: [-]digits[.digits][(e|E)[+-]digits] (digits may be omitted on one side of
 * the dot). Returns NaN when `b[s,e)` is not one or overflows a double. Negative values are allowed for every type,
 * time included: Zeek writes NTP era timestamps before 1970 as negative times (WRCCDC ntp.log).
 */
export function parseDecimal(b, s, e) {
    let i = s;
    let neg = false;
    if (i < e && b[i] === 45) {
        neg = true;
        i++;
    }
    let m = 0;
    let digits = 0;
    let frac = 0;
    let c = 0;
    while (i < e) {
        c = b[i];
        if (c < 48 || c > 57)
            break;
        m = m * 10 + (c - 48);
        digits++;
        i++;
    }
    if (i < e && b[i] === 46) {
        i++;
        while (i < e) {
            c = b[i];
            if (c < 48 || c > 57)
                break;
            m = m * 10 + (c - 48);
            digits++;
            frac++;
            i++;
        }
    }
    if (digits === 0)
        return Number.NaN;
    let exp = 0;
    if (i < e && (b[i] === 101 || b[i] === 69)) {
        i++;
        let eneg = false;
        if (i < e && (b[i] === 45 || b[i] === 43)) {
            eneg = b[i] === 45;
            i++;
        }
        const es = i;
        while (i < e) {
            c = b[i];
            if (c < 48 || c > 57)
                break;
            if (exp < 100000)
                exp = exp * 10 + (c - 48);
            i++;
        }
        if (i === es)
            return Number.NaN;
        if (eneg)
            exp = -exp;
    }
    if (i !== e)
        return Number.NaN;
    const k = exp - frac;
    let v;
    if (m <= MAX_EXACT && k >= -22 && k <= 22)
        v = k < 0 ? m / POW10[-k] : m * POW10[k];
    else {
        v = Number(asciiText(b, neg ? s + 1 : s, e));
        // Beyond the double range: not a usable time, interval or double.
        if (v === Number.POSITIVE_INFINITY)
            return Number.NaN;
    }
    return neg ? -v : v;
}
function isInfNan(b, i, e) {
    const n = e - i;
    if (n !== 3 && n !== 8)
        return false;
    const t = asciiText(b, i, e).toLowerCase();
    return t === 'inf' || t === 'nan' || t === 'infinity';
}
/**
 * Whether b[s,e) is a valid decimal (see parseDecimal); with `special` also the forms C's
 * printf writes for doubles that are not finite: inf, -inf, nan, -nan, infinity.
 */
export function isDecimal(b, s, e, special) {
    if (!Number.isNaN(parseDecimal(b, s, e)))
        return true;
    if (!special)
        return false;
    const i = s < e && b[s] === 45 ? s + 1 : s;
    return isInfNan(b, i, e);
}
/** Unsigned integer (at most 20 digits: Zeek's count is 64-bit); NaN when invalid. */
export function parseCount(b, s, e) {
    const n = e - s;
    if (n <= 0 || n > 20)
        return Number.NaN;
    let m = 0;
    for (let i = s; i < e; i++) {
        const d = b[i] - 48;
        if (d < 0 || d > 9)
            return Number.NaN;
        m = m * 10 + d;
    }
    return m <= MAX_EXACT ? m : Number(asciiText(b, s, e));
}
/** Signed integer (Zeek's int is 64-bit); validity only. */
export function isInt(b, s, e) {
    const from = s < e && b[s] === 45 ? s + 1 : s;
    const n = e - from;
    if (n <= 0 || n > 19)
        return false;
    for (let i = from; i < e; i++) {
        const d = b[i] - 48;
        if (d < 0 || d > 9)
            return false;
    }
    return true;
}
/** Port number 0–65535; -1 when invalid. */
export function parsePort(b, s, e) {
    const n = e - s;
    if (n <= 0 || n > 5)
        return -1;
    let v = 0;
    for (let i = s; i < e; i++) {
        const d = b[i] - 48;
        if (d < 0 || d > 9)
            return -1;
        v = v * 10 + d;
    }
    return v <= 65535 ? v : -1;
}
export function isBool(b, s, e) {
    return e - s === 1 && (b[s] === 84 || b[s] === 70);
}
const addrScratch = new Uint32Array(4);
export function isAddr(b, s, e) {
    return parseAddressBytes(b, s, e, addrScratch, 0);
}
/** `addr/len`, len ≤ 32 for IPv4 and ≤ 128 for IPv6. */
export function isSubnet(b, s, e) {
    let slash = -1;
    for (let i = e - 1; i >= s && i >= e - 4; i--) {
        if (b[i] === 47) {
            slash = i;
            break;
        }
    }
    if (slash < 0)
        return false;
    const bits = parsePort(b, slash + 1, e);
    if (bits < 0 || !parseAddressBytes(b, s, slash, addrScratch, 0))
        return false;
    const v4 = addrScratch[0] === 0 && addrScratch[1] === 0 && addrScratch[2] === 0xffff;
    // An IPv4-mapped IPv6 text would also read as v4 here; Zeek writes v4 subnets in dotted form.
    return bits <= (v4 && !hasColon(b, s, slash) ? 32 : 128);
}
function hasColon(b, s, e) {
    for (let i = s; i < e; i++)
        if (b[i] === 58)
            return true;
    return false;
}
/** Validates one scalar value of class `vt` (markers are handled by the caller). */
export function isValid(vt, b, s, e) {
    switch (vt) {
        case VType.Any:
            return true;
        case VType.Time:
            return isDecimal(b, s, e, false);
        case VType.Double:
            return isDecimal(b, s, e, true);
        case VType.Count:
            return !Number.isNaN(parseCount(b, s, e));
        case VType.Int:
            return isInt(b, s, e);
        case VType.Port:
            return parsePort(b, s, e) >= 0;
        case VType.Addr:
            return isAddr(b, s, e);
        case VType.Subnet:
            return isSubnet(b, s, e);
        case VType.Bool:
            return isBool(b, s, e);
    }
    return true;
}
/** Whether b[s,e) holds exactly the bytes of `marker` (an unset or empty field marker, a key, a path). */
export function isMarker(b, s, e, marker) {
    const n = marker.length;
    if (e - s !== n)
        return false;
    for (let k = 0; k < n; k++)
        if (b[s + k] !== marker[k])
            return false;
    return true;
}
/**
 * Length of the valid UTF-8 sequence of 2–4 bytes at b[i], or 0 when it is not one (overlong
 * forms, surrogates and code points above U+10FFFF are invalid, as in the WHATWG decoder).
 * Reads at most b[i + 3] and stops at the first byte that is not a continuation, so a
 * terminator ('\n', '"') is never read past.
 */
export function utf8SequenceLength(b, i, end) {
    const c = b[i];
    if (c < 0xc2 || c > 0xf4)
        return 0;
    if (i + 1 >= end)
        return 0;
    const c1 = b[i + 1];
    if (c < 0xe0)
        return c1 >= 0x80 && c1 <= 0xbf ? 2 : 0;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi)
        return 0;
    if (i + 2 >= end)
        return 0;
    const c2 = b[i + 2];
    if (c2 < 0x80 || c2 > 0xbf)
        return 0;
    if (c < 0xf0)
        return 3;
    if (i + 3 >= end)
        return 0;
    const c3 = b[i + 3];
    return c3 >= 0x80 && c3 <= 0xbf ? 4 : 0;
}
function twoDigits(b, i) {
    const d0 = b[i] - 48;
    const d1 = b[i + 1] - 48;
    if (d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9)
        return -1;
    return d0 * 10 + d1;
}
/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y, m, d) {
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/**
 * ISO 8601 / RFC 3339 timestamp `YYYY-MM-DDTHH:MM:SS[.frac][Z|±HH:MM|±HHMM]` (a space may
 * replace the 'T'; no zone means UTC, as Zeek's `JSON::TS_ISO8601` always writes 'Z') → epoch
 * seconds; NaN when invalid.
 */
export function parseIsoTime(b, s, e) {
    if (e - s < 19 || e - s > 40)
        return Number.NaN;
    const y0 = twoDigits(b, s);
    const y1 = twoDigits(b, s + 2);
    const mo = twoDigits(b, s + 5);
    const d = twoDigits(b, s + 8);
    const h = twoDigits(b, s + 11);
    const mi = twoDigits(b, s + 14);
    const sec = twoDigits(b, s + 17);
    if (y0 < 0 || y1 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59)
        return Number.NaN;
    if (sec < 0 || sec > 60)
        return Number.NaN;
    if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 13] !== 58 || b[s + 16] !== 58)
        return Number.NaN;
    const t = b[s + 10];
    if (t !== 84 && t !== 116 && t !== 32)
        return Number.NaN;
    const year = y0 * 100 + y1;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (d > DAYS_IN_MONTH[mo - 1] || (mo === 2 && d === 29 && !leap))
        return Number.NaN;
    let i = s + 19;
    let fracDigits = 0;
    let frac = 0;
    if (i < e && b[i] === 46) {
        i++;
        while (i < e) {
            const c = b[i] - 48;
            if (c < 0 || c > 9)
                break;
            if (fracDigits < 15) {
                frac = frac * 10 + c;
                fracDigits++;
            }
            i++;
        }
        if (fracDigits === 0)
            return Number.NaN;
    }
    let offset = 0;
    if (i < e) {
        const z = b[i];
        if (z === 90 || z === 122)
            i++;
        else if (z === 43 || z === 45) {
            const oh = twoDigits(b, i + 1);
            let om;
            let next;
            if (b[i + 3] === 58) {
                om = twoDigits(b, i + 4);
                next = i + 6;
            }
            else {
                om = twoDigits(b, i + 3);
                next = i + 5;
            }
            if (oh < 0 || oh > 23 || om < 0 || om > 59 || next > e)
                return Number.NaN;
            offset = (z === 45 ? -1 : 1) * (oh * 3600 + om * 60);
            i = next;
        }
        else
            return Number.NaN;
    }
    if (i !== e)
        return Number.NaN;
    const whole = daysFromCivil(year, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
    if (fracDigits === 0)
        return whole;
    const scaled = whole * POW10[fracDigits] + frac;
    // Exact integer arithmetic when it fits (microseconds since 1970 do): one rounding, like Number().
    return Math.abs(scaled) <= MAX_EXACT ? scaled / POW10[fracDigits] : whole + frac / POW10[fracDigits];
}
/** A short, printable rendering of b[s,e) for event messages (non-printables as \xHH). */
export function describeBytes(b, s, e, max = 48) {
    let out = '';
    const stop = Math.min(e, s + max);
    for (let i = s; i < stop; i++) {
        const c = b[i];
        out +=
            c >= 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
    }
    return e > stop ? `${out}…` : out;
}
const v6Groups = new Int32Array(8);
/**
 * One-pass IPv6 parser for the plain forms Zeek writes (1–4 hex digits per group, at most one
 * '::'), writing the same four words as `parseAddressBytes`. Reads from `s` while the bytes
 * look like such an address and returns the index of the first byte after it, or -1 when the
 * text is not one. The caller checks that the returned index holds its terminator; any other
 * byte there ('.' of an embedded IPv4, '%' of a zone, garbage) means: ask parseAddressBytes.
 * Never reads past the first byte that is neither a hex digit nor ':'.
 */
export function parseIPv6At(b, s, out, at) {
    const g = v6Groups;
    let count = 0;
    let gap = -1;
    let i = s;
    let c = b[i];
    if (c === 58) {
        if (b[i + 1] !== 58)
            return -1;
        gap = 0;
        i += 2;
        c = b[i];
    }
    for (;;) {
        let value = 0;
        let digits = 0;
        for (;;) {
            let h = c - 48;
            if (h < 0 || h > 9) {
                h = (c | 0x20) - 87;
                if (h < 10 || h > 15)
                    break;
            }
            if (digits === 4)
                return -1;
            value = (value << 4) | h;
            digits++;
            c = b[++i];
        }
        if (digits === 0) {
            // Only right after a leading '::' ("::" alone) may a group be absent.
            if (gap === 0 && count === 0 && i === s + 2)
                break;
            return -1;
        }
        if (count === 8)
            return -1;
        g[count++] = value;
        if (c !== 58)
            break;
        if (b[i + 1] === 58) {
            if (gap >= 0)
                return -1;
            gap = count;
            i += 2;
            c = b[i];
            const h = c - 48;
            // A trailing '::' ends the address.
            if (!((h >= 0 && h <= 9) || ((c | 0x20) >= 97 && (c | 0x20) <= 102)))
                break;
        }
        else {
            c = b[++i];
        }
    }
    if (gap < 0 ? count !== 8 : count > 7)
        return -1;
    const fill = gap < 0 ? 0 : 8 - count;
    let hi = 0;
    for (let k = 0, src = 0; k < 8; k++) {
        let v;
        if (gap >= 0 && k >= gap && k < gap + fill)
            v = 0;
        else
            v = g[src++];
        if ((k & 1) === 0)
            hi = v;
        else
            out[at + (k >> 1)] = ((hi << 16) | v) >>> 0;
    }
    return i;
}
//# sourceMappingURL=values.js.map