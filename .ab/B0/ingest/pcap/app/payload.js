/**
 * Clear-text payload inspection: the first bytes of each direction of a connection whose content
 * is not encrypted, matched against the sensitive-data and command-line patterns of
 * shared/sensitive-patterns.ts (card numbers, SSNs, API keys, JWTs, private-key headers, long
 * base64/hex blobs; reverse shells, download-and-run, encoded PowerShell). Each match is one
 * payload.log record (`PayloadLogRecord`).
 *
 * - TCP: the in-order stream bytes of a direction (after reassembly) are collected up to
 *   `budget` bytes and matched once, as one text — so a pattern split across segments is found
 *   — when the budget is full, the direction has a gap, the connection turns out encrypted (TLS
 *   or SSH detected: what came before, e.g. an SMTP dialogue before STARTTLS, is matched, nothing
 *   after), or the connection ends. At most `budget` bytes per direction are held, only while the
 *   prefix is being collected; a connection found encrypted at its first bytes holds nothing.
 * - UDP: each datagram's payload is matched on its own as it comes (no buffering), until the
 *   direction's budget is spent (the datagram crossing it is cut).
 *
 * Bytes are read as Latin-1 (one character per byte, so offsets are byte offsets). A second pass
 * matches the text with its percent-escapes undone and `+` read as a space (form bodies, query
 * strings) when it has an escape; its matches are reported at the stream offset of their first
 * raw byte, and a value both passes find is reported once.
 *
 * Values are masked inside the matchers (`mask`: at most the last four characters): no
 * unmasked sensitive byte leaves this module. At most `MAX_PAYLOAD_RECORDS` records per
 * connection; the rest are counted in one `payload_match_limit` protocol event.
 */
import { COMMAND_FAMILY, findCommands, findSensitive, SENSITIVE_FAMILY, } from '../../../shared/sensitive-patterns.js';
/** Bytes of each direction inspected by default. */
export const DEFAULT_PAYLOAD_BYTES = 4096;
/** Largest accepted budget. */
export const MAX_PAYLOAD_BYTES = 1 << 20;
/** Records per connection (both directions). */
export const MAX_PAYLOAD_RECORDS = 16;
/** Payload matching with blobs (the content detector's default blob rules). */
export const PAYLOAD_RULES_BLOBS = {
    blobs: { minLength: 128, minBase64Entropy: 4.8, minHexEntropy: 3.5 },
};
/**
 * Payload matching without blobs, the default: certificates (GSI/GridFTP, LDAP), SASL and NTLM
 * exchanges, cookies and page assets carry long base64 in clear-text payloads routinely (47 of
 * the corpus's 52 payload matches with blobs on, all benign: docs/detectors.md).
 */
export const PAYLOAD_RULES = { blobs: undefined };
const ESCAPE = /%[0-9A-Fa-f]{2}/;
function hexValue(c) {
    if (c >= 0x30 && c <= 0x39)
        return c - 0x30;
    const l = c | 0x20;
    return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}
/**
 * `text` with `%XX` escapes undone (one character per byte) and `+` read as a space, and for
 * each character of the result the index of its first character in `text` (`map[length]` is
 * `text.length`).
 */
export function decodeMapped(text) {
    const out = new Uint8Array(text.length);
    const map = new Int32Array(text.length + 1);
    let n = 0;
    for (let i = 0; i < text.length;) {
        const c = text.charCodeAt(i);
        map[n] = i;
        if (c === 0x25 && i + 2 < text.length) {
            const hi = hexValue(text.charCodeAt(i + 1));
            const lo = hexValue(text.charCodeAt(i + 2));
            if (hi >= 0 && lo >= 0) {
                out[n++] = (hi << 4) | lo;
                i += 3;
                continue;
            }
        }
        out[n++] = c === 0x2b ? 0x20 : c & 0xff;
        i++;
    }
    map[n] = text.length;
    return { text: Buffer.from(out.buffer, 0, n).toString('latin1'), map: map.subarray(0, n + 1) };
}
/**
 * Every sensitive value and command line in `bytes` (Latin-1), masked, in order of their first
 * byte (ties: sensitive values first, then commands in pattern order). Pure; never throws.
 */
export function matchPayload(bytes, rules = PAYLOAD_RULES) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    const out = [];
    const seen = new Set();
    const collect = (t, map) => {
        const at = (k) => (map === undefined ? k : map[k]);
        for (const m of findSensitive(t, rules)) {
            const start = at(m.start);
            const key = `${m.kind}@${start}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            out.push({
                start,
                end: at(m.end),
                kind: SENSITIVE_FAMILY[m.kind],
                pattern: m.kind,
                value: m.masked,
                length: m.length,
            });
        }
        for (const m of findCommands(t)) {
            const start = at(m.start);
            const key = `${m.kind}@${start}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            const end = at(Math.min(t.length, m.start + m.snippet.length));
            out.push({
                start,
                end,
                kind: COMMAND_FAMILY[m.kind],
                pattern: m.kind,
                value: m.snippet,
                length: m.snippet.length,
            });
        }
    };
    collect(text, undefined);
    if (ESCAPE.test(text)) {
        const d = decodeMapped(text);
        collect(d.text, d.map);
    }
    // Stable: equal starts keep their order of discovery.
    return out.sort((a, b) => a.start - b.start);
}
/** One direction's prefix being collected (TCP) or budget being spent (UDP). */
class Direction {
    done = false;
    /** Bytes taken so far (the stream offset of the next byte). */
    taken = 0;
    buf;
    /** Per delivered piece: the offset it starts at and its time. */
    starts = [];
    times = [];
}
/** Inspects one connection's payload (created by the app layer for a connection it reads). */
export class PayloadInspector {
    budget;
    emit;
    onEvent;
    uid;
    rules;
    dirs = [new Direction(), new Direction()];
    records = 0;
    dropped = 0;
    constructor(budget, emit, onEvent, uid, rules = PAYLOAD_RULES) {
        this.budget = budget;
        this.emit = emit;
        this.onEvent = onEvent;
        this.uid = uid;
        this.rules = rules;
    }
    /** Whether stream bytes of the direction are still wanted. */
    wants(isOrig) {
        return !this.dirs[isOrig ? 0 : 1].done;
    }
    /** In-order TCP stream bytes (a view valid during the call). */
    push(isOrig, bytes, ts) {
        const d = this.dirs[isOrig ? 0 : 1];
        if (d.done || bytes.length === 0)
            return;
        const take = Math.min(bytes.length, this.budget - d.taken);
        if (d.taken === 0 && take === this.budget) {
            // The first piece fills the budget: matched in place, nothing copied.
            d.taken = take;
            d.done = true;
            this.report(isOrig, bytes.subarray(0, take), 0, () => ts);
            return;
        }
        // A small first piece (a request line, a banner) gets a small buffer; a second one, or a
        // full-sized segment, the whole budget at once: at most two allocations per direction.
        if (d.buf === undefined)
            d.buf = new Uint8Array(take < 1024 ? Math.min(this.budget, 1024) : this.budget);
        else if (d.buf.length < d.taken + take) {
            const grown = new Uint8Array(this.budget);
            grown.set(d.buf.subarray(0, d.taken));
            d.buf = grown;
        }
        d.buf.set(bytes.subarray(0, take), d.taken);
        d.starts.push(d.taken);
        d.times.push(ts);
        d.taken += take;
        if (d.taken >= this.budget)
            this.end(isOrig);
    }
    /** The direction's stream has a hole: what came before it is matched, nothing after. */
    gap(isOrig) {
        this.end(isOrig);
    }
    /** The content is encrypted from here on: what was collected is matched, nothing after. */
    stop() {
        this.end(true);
        this.end(false);
    }
    /** The connection ended. */
    close(ts) {
        this.stop();
        if (this.dropped > 0) {
            this.onEvent({
                name: 'payload_match_limit',
                ts,
                fileOffset: -1,
                detail: `${this.uid}: ${this.dropped} payload matches beyond the ${MAX_PAYLOAD_RECORDS} logged`,
            });
            this.dropped = 0;
        }
    }
    /** One UDP payload: matched at once, within the direction's budget. */
    datagram(isOrig, bytes, ts) {
        const d = this.dirs[isOrig ? 0 : 1];
        if (d.done)
            return;
        const take = Math.min(bytes.length, this.budget - d.taken);
        const offset = d.taken;
        d.taken += take;
        if (d.taken >= this.budget)
            d.done = true;
        if (take > 0)
            this.report(isOrig, bytes.subarray(0, take), offset, () => ts);
    }
    end(isOrig) {
        const d = this.dirs[isOrig ? 0 : 1];
        if (d.done)
            return;
        d.done = true;
        const buf = d.buf;
        const { starts, times } = d;
        d.buf = undefined;
        d.starts = [];
        d.times = [];
        if (buf === undefined || d.taken === 0)
            return;
        // A match's time: that of the piece holding its last byte.
        this.report(isOrig, buf.subarray(0, d.taken), 0, (lastByte) => {
            let k = starts.length - 1;
            while (k > 0 && starts[k] > lastByte)
                k--;
            return times[k];
        });
    }
    report(isOrig, bytes, base, timeOf) {
        for (const f of matchPayload(bytes, this.rules)) {
            if (this.records >= MAX_PAYLOAD_RECORDS) {
                this.dropped++;
                continue;
            }
            this.records++;
            this.emit(timeOf(Math.max(f.start, f.end - 1)), {
                isOrig,
                kind: f.kind,
                pattern: f.pattern,
                value: f.value,
                length: f.length,
                offset: base + f.start,
            });
        }
    }
}
//# sourceMappingURL=payload.js.map