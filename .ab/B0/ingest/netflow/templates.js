/**
 * Templates (NetFlow v9 FlowSet 0/1, IPFIX set 2/3) compiled for the record loop, and their
 * bounded cache per exporter. Parsing never throws: it returns a template or a reason.
 */
import { enterpriseRole, IANA_ROLES, Role, VARLEN } from './fields.js';
const MAX_RECORD = 65535 - 16 - 4;
/** Reads one field specifier list starting at `p`; shared by both versions. */
function compile(buf, p, end, id, domain, options, scopeCount, fieldCount, ipfix) {
    const ids = new Uint16Array(fieldCount);
    const pens = new Uint32Array(fieldCount);
    const lengths = new Uint16Array(fieldCount);
    const roles = new Uint8Array(fieldCount);
    const start = p;
    let minLength = 0;
    let fixed = true;
    let hasUnmapped = false;
    for (let f = 0; f < fieldCount; f++) {
        if (p + 4 > end)
            return { ok: false, reason: `template ${id}: field list cut short`, next: end };
        let type = (buf[p] << 8) | buf[p + 1];
        const length = (buf[p + 2] << 8) | buf[p + 3];
        p += 4;
        let pen = 0;
        if (ipfix && type & 0x8000) {
            if (p + 4 > end)
                return { ok: false, reason: `template ${id}: enterprise number cut short`, next: end };
            pen = ((buf[p] << 24) | (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]) >>> 0;
            type &= 0x7fff;
            p += 4;
        }
        if (length === VARLEN) {
            // IPFIX variable length; H3C NetStream uses the same escape in NetFlow v9 templates.
            fixed = false;
            minLength += 1;
        }
        else
            minLength += length;
        ids[f] = type;
        pens[f] = pen;
        lengths[f] = length;
        // Scope fields of options templates are never flow fields (their ids overlap, e.g. v9 scope 1 = System).
        const role = options && f < scopeCount && !ipfix
            ? Role.None
            : pen === 0
                ? IANA_ROLES[type]
                : enterpriseRole(pen, type);
        roles[f] = role;
        if (role === Role.None)
            hasUnmapped = true;
    }
    if (minLength === 0)
        return { ok: false, reason: `template ${id}: records of length 0`, next: p };
    if (minLength > MAX_RECORD)
        return { ok: false, reason: `template ${id}: record length ${minLength} exceeds a datagram`, next: p };
    let signature = `${options ? 'o' : 't'}${scopeCount}:`;
    for (let i = start; i < p; i++)
        signature += String.fromCharCode(buf[i]);
    return {
        ok: true,
        next: p,
        template: {
            id,
            domain,
            options,
            scopeCount,
            fieldCount,
            ids,
            pens,
            lengths,
            roles,
            minLength,
            fixed,
            hasUnmapped,
            signature,
        },
    };
}
/**
 * NetFlow v9 template record at `p` (FlowSet 0): id, count, count × (type, length).
 * Field count 0 or above `maxFields`, or id < 256, make the rest of the FlowSet unusable.
 */
export function parseV9Template(buf, p, end, domain, maxFields) {
    const id = (buf[p] << 8) | buf[p + 1];
    const count = (buf[p + 2] << 8) | buf[p + 3];
    if (id < 256)
        return { ok: false, reason: `template id ${id} < 256`, next: end };
    if (count === 0 || count > maxFields)
        return { ok: false, reason: `template ${id}: field count ${count}`, next: end };
    return compile(buf, p + 4, end, id, domain, false, 0, count, false);
}
/**
 * NetFlow v9 options template at `p` (FlowSet 1): id, scope length (bytes), option length
 * (bytes), then the scope and option (type, length) pairs.
 */
export function parseV9OptionsTemplate(buf, p, end, domain, maxFields) {
    if (p + 6 > end)
        return { ok: false, reason: 'options template header cut short', next: end };
    const id = (buf[p] << 8) | buf[p + 1];
    const scopeBytes = (buf[p + 2] << 8) | buf[p + 3];
    const optionBytes = (buf[p + 4] << 8) | buf[p + 5];
    if (id < 256)
        return { ok: false, reason: `options template id ${id} < 256`, next: end };
    if (scopeBytes % 4 !== 0 || optionBytes % 4 !== 0)
        return { ok: false, reason: `options template ${id}: lengths not multiples of 4`, next: end };
    const scopeCount = scopeBytes / 4;
    const count = scopeCount + optionBytes / 4;
    if (count === 0 || count > maxFields)
        return { ok: false, reason: `options template ${id}: field count ${count}`, next: end };
    return compile(buf, p + 6, end, id, domain, true, scopeCount, count, false);
}
/**
 * IPFIX template record (set 2) or options template record (set 3) at `p`. Field count 0 is a
 * withdrawal (RFC 7011 §8.1); id 2 / 3 with count 0 withdraws every template of the set kind.
 */
export function parseIpfixTemplate(buf, p, end, domain, options, maxFields) {
    const id = (buf[p] << 8) | buf[p + 1];
    const count = (buf[p + 2] << 8) | buf[p + 3];
    if (count === 0) {
        if (id >= 256 || id === 2 || id === 3)
            return { ok: 'withdraw', id, next: p + 4 };
        return { ok: false, reason: `withdrawal of template id ${id}`, next: end };
    }
    if (id < 256)
        return { ok: false, reason: `template id ${id} < 256`, next: end };
    if (count > maxFields)
        return { ok: false, reason: `template ${id}: field count ${count}`, next: end };
    let scopeCount = 0;
    let q = p + 4;
    if (options) {
        if (q + 2 > end)
            return { ok: false, reason: `options template ${id} cut short`, next: end };
        scopeCount = (buf[q] << 8) | buf[q + 1];
        q += 2;
        if (scopeCount === 0 || scopeCount > count)
            return { ok: false, reason: `options template ${id}: scope field count ${scopeCount}`, next: end };
    }
    return compile(buf, q, end, id, domain, options, scopeCount, count, true);
}
//# sourceMappingURL=templates.js.map