/**
 * Per-schema compiled column loops for the TSV parser.
 *
 * Why: a generic loop dispatches on the column's action for every field (a jump-table switch,
 * the `term` select, reloading the plan): measured at ~40 % of parse time for conn.log. The
 * compiled function is the same per-action code unrolled for the schema's columns, with the
 * separator, terminators and slots as literals, so V8 sees straight-line code per line.
 *
 * Safety: the generated source interpolates only integers computed here (column indexes,
 * action constants, byte values, slot numbers) — never text from the log — and a plan whose
 * markers are not plain single bytes or the defaults still works through the generic helpers.
 * The generated code and the generic slow path (`slowField`) agree by construction: every fast
 * path either produces what `slowField` would or hands the field to it.
 */
import { parseAddressBytes } from '../../shared/addr.js';
import { Flag } from '../../shared/record.js';
import { connStateOf, protoOf } from './enums.js';
import { Act } from './plan.js';
import { isMarker, POW10, parseIPv6At } from './values.js';
/** An integer as generated source; throws for anything else (only integers are interpolated). */
export const int = (n) => {
    if (!Number.isSafeInteger(n))
        throw new TypeError(`not an integer: ${n}`);
    return String(n);
};
/**
 * Generated source: a dotted quad at i (c = b[i]) into v, unrolled: 1–3 digits per octet, no
 * leading zero, ≤ 255 — the same words and rejections as parseAddressBytes. Declares v and q;
 * q === 4 when four octets were read, with i and c just after them (the caller checks the
 * terminator).
 */
export const DOTTED_QUAD = `
  let v = 0, q = 0;
  for (; q < 4; q++) {
    let d = c - 48;
    if ((d >>> 0) > 9) break;
    let o = d;
    c = b[++i]; d = c - 48;
    if ((d >>> 0) <= 9) {
      if (o === 0) break;
      o = o * 10 + d;
      c = b[++i]; d = c - 48;
      if ((d >>> 0) <= 9) { o = o * 10 + d; c = b[++i]; }
    }
    if (o > 255) break;
    v = (v << 8) | o;
    if (q === 3) { q = 4; break; }
    if (c !== 46) break;
    c = b[++i];
  }`;
/** The generated source for one column; `term` is the byte that ends it (sep or '\n'). */
function columnSource(plan, col, term, unsetByte) {
    const a = plan.actions[col];
    const aux = plan.aux[col];
    const T = int(term);
    const C = int(col);
    const U = int(unsetByte);
    const slow = `{ i = host.slowField(${C}, s); if (i < 0) return i; }`;
    const unsetShortcut = unsetByte >= 0 ? `else if (i === s && c === ${U} && b[s + 1] === ${T}) i = s + 2;` : '';
    const text = 'while (((c - 32) >>> 0) < 95) c = b[++i];';
    switch (a) {
        case Act.Any:
            return `s = i; c = b[i]; ${text} if (c === ${T}) i++; else ${slow}`;
        case Act.Uid:
        case Act.Service:
        case Act.History: {
            const S = int(aux);
            return `s = i; c = b[i]; ${text}
        if (c !== ${T}) ${slow}
        else {
          const n = i - s;
          if (!((n === unsetLen && isMarker(b, s, i, unset)) || (n === emptyLen && isMarker(b, s, i, empty)))) {
            ss[${S}] = s; se[${S}] = i;
          }
          i++;
        }`;
        }
        case Act.Proto:
        case Act.ConnState: {
            const target = a === Act.Proto ? 'row.proto = protoOf(b, s, i);' : 'row.connState = connStateOf(b, s, i);';
            return `s = i; c = b[i]; ${text} if (c === ${T}) { ${target} i++; } else ${slow}`;
        }
        case Act.Ts:
        case Act.Duration:
        case Act.ValTime:
        case Act.ValDouble: {
            const store = a === Act.Ts ? 'row.ts = m / pow10[k];' : a === Act.Duration ? 'row.duration = m / pow10[k];' : '';
            return `s = i; c = b[i]; {
        let m = 0;
        for (let d = c - 48; (d >>> 0) < 10; d = c - 48) { m = m * 10 + d; c = b[++i]; }
        let k = 0;
        if (c === 46 && i > s) {
          const f = i + 1; c = b[++i];
          for (let d = c - 48; (d >>> 0) < 10; d = c - 48) { m = m * 10 + d; c = b[++i]; }
          k = i - f;
        }
        if (c === ${T} && i !== s && m <= 9007199254740992 && k <= 22) { ${store} i++; }
        ${unsetShortcut}
        else ${slow}
      }`;
        }
        case Act.Counter:
        case Act.ValCount: {
            const store = a === Act.Counter ? `counters[${int(aux)}] = m;` : '';
            return `s = i; c = b[i]; {
        let m = 0;
        for (let d = c - 48; (d >>> 0) < 10; d = c - 48) { m = m * 10 + d; c = b[++i]; }
        if (c === ${T} && i !== s && m <= 9007199254740992) { ${store} i++; }
        ${unsetShortcut}
        else ${slow}
      }`;
        }
        case Act.OrigP:
        case Act.RespP:
        case Act.ValPort: {
            const store = a === Act.OrigP ? 'row.origPort = m;' : a === Act.RespP ? 'row.respPort = m;' : '';
            return `s = i; c = b[i]; {
        let m = 0;
        for (let d = c - 48; (d >>> 0) < 10 && i - s < 5; d = c - 48) { m = m * 10 + d; c = b[++i]; }
        if (c === ${T} && i !== s && m <= 65535) { ${store} i++; }
        ${unsetShortcut}
        else ${slow}
      }`;
        }
        case Act.OrigH:
        case Act.RespH:
        case Act.ValAddr: {
            // Dotted quads unrolled inline (1–3 digits per octet, no leading zero, ≤ 255: the same
            // words and rejections as parseAddressBytes), plain IPv6 by parseIPv6At, anything else
            // (zones, embedded IPv4, garbage, markers) through parseAddressBytes and slowField.
            const at = a === Act.RespH ? 4 : 0;
            const AT = int(at);
            const flag = int(a === Act.RespH ? Flag.RespSet : Flag.OrigSet);
            const words = a === Act.ValAddr ? 'host.scratchWords' : 'addr';
            const wordsAt = a === Act.ValAddr ? '0' : AT;
            const v4store = a === Act.ValAddr
                ? ''
                : `addr[${AT}] = 0; addr[${int(at + 1)}] = 0; addr[${int(at + 2)}] = 0xffff; addr[${int(at + 3)}] = v; host.lineFlags |= ${flag};`;
            const setFlag = a === Act.ValAddr ? '' : `host.lineFlags |= ${flag};`;
            const clear = a === Act.ValAddr ? '' : `addr.fill(0, ${AT}, ${int(at + 4)});`;
            return `s = i; c = b[i]; {
        ${DOTTED_QUAD}
        if (q === 4 && c === ${T}) { ${v4store} i++; }
        else {
          const e = parseIPv6At(b, s, ${words}, ${wordsAt});
          if (e >= 0 && b[e] === ${T}) { ${setFlag} i = e + 1; }
          else {
            i = s; c = b[i];
            while (((c - 33) >>> 0) < 94) c = b[++i];
            if (c === ${T} && parseAddressBytes(b, s, i, ${words}, ${wordsAt})) { ${setFlag} i++; }
            else if (i === s + 1 && c === ${T} && b[s] === ${U}) i++;
            else { ${clear} ${slow} }
          }
        }
      }`;
        }
        case Act.ValBool:
            return `s = i; c = b[i]; if ((c === 84 || c === 70) && b[i + 1] === ${T}) i += 2; else ${slow}`;
        default:
            return `s = i; ${slow}`;
    }
}
/**
 * Compiles the column loop of `plan` (fast plans only: a control-byte separator). Returns
 * undefined when code generation is unavailable (e.g. a runtime that forbids `new Function`);
 * the parser then uses its generic loop.
 */
export function compileLineFn(plan) {
    if (!plan.fast || plan.nf === 0)
        return undefined;
    const unsetByte = plan.unset.length === 1 ? plan.unset[0] : -1;
    const parts = [];
    for (let col = 0; col < plan.nf; col++) {
        const term = col === plan.nf - 1 ? 10 : plan.schema.separator;
        parts.push(`// column ${int(col)}\n${columnSource(plan, col, term, unsetByte)}`);
    }
    const body = `
    const { pow10, parseAddressBytes, parseIPv6At, isMarker, protoOf, connStateOf, unset, empty } = deps;
    const unsetLen = unset.length, emptyLen = empty.length;
    return function zeekTsvLine(host, b, i, row) {
      const counters = row.counters, addr = row.addr, ss = row.strStart, se = row.strEnd;
      let s = i, c = 0;
      ${parts.join('\n')}
      return i;
    };`;
    const deps = {
        pow10: POW10,
        parseAddressBytes,
        parseIPv6At,
        isMarker,
        protoOf,
        connStateOf,
        unset: plan.unset,
        empty: plan.empty,
    };
    try {
        // Generated from integers only (see the module comment).
        return new Function('deps', body)(deps);
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=tsv-compile.js.map