/**
 * Compiled line functions for the Zeek JSON parser.
 *
 * Why: Zeek writes a log's keys in one fixed order and leaves out only unset ones. The generic
 * parser (json.ts) scans a line into per-key spans, predicts and compares each key byte by
 * byte, looks the line's shape (its key sequence) up and then extracts the values in a second
 * pass: ≈ 2 µs for a 400-byte conn line. A compiled function walks a key order — the union of
 * the shapes seen of one log, in Zeek's order — checking the bytes `"key":` of each key four at
 * a time against constants; a key that is not there is skipped (an unset field), one that is
 * has its value parsed straight into the row. It returns which keys it saw (`maskLo`/`maskHi`),
 * from which json.ts finds the line's plan: one function serves every shape of a conn log
 * (with or without `service`, `duration`, the byte counts, …).
 *
 * A compiled function only accepts a line the generic path would parse to the same row with
 * no event: keys of its order, in order, no whitespace, each value of the kind compiled for and
 * parsing cleanly (numbers without exponent where they are extracted, strings of printable
 * ASCII without escapes, addresses that parse), `}` and '\n' at the end. Anything else — an
 * unknown or repeated key, an escape, a null, a bad value — returns -1 and the generic path
 * parses the line from its start, with all its checks and events. So the two agree by
 * construction; property tests parse mutated lines both ways (test/ingest/zeek/json.test.ts).
 *
 * Safety: the generated source interpolates only integers computed here (key bytes as int32
 * words, lengths, slots), never text from the log.
 */
import { parseAddressBytes } from '../../shared/addr.js';
import { Flag } from '../../shared/record.js';
import { connStateOf, protoOf } from './enums.js';
import { Act } from './plan.js';
import { DOTTED_QUAD, int } from './tsv-compile.js';
import { MAX_EXACT, POW10, parseIsoTime } from './values.js';
/** Keys a compiled order may hold (two 32-bit masks). */
export const MAX_COMPILED_KEYS = 64;
/** JSON value kinds, as json.ts's scan records them and a compiled key expects them. */
export const ValueKind = { Str: 1, Num: 2, True: 3, False: 4, Null: 5, Arr: 6, Obj: 7 };
/** Bytes a string value may hold on the fast path: printable ASCII but '"' and '\'. */
const PLAIN = new Uint8Array(256);
for (let c = 32; c < 127; c++)
    PLAIN[c] = c === 34 || c === 92 ? 0 : 1;
/**
 * A condition: the bytes of `literal` are at `at` (an expression), compared as little-endian
 * int32 words, the last one masked. False as well where the words would run past the buffer.
 */
function literalTest(literal, at) {
    const words = Math.ceil(literal.length / 4);
    const parts = [`${at} + ${int(words * 4)} <= n`];
    for (let w = 0; w < words; w++) {
        let word = 0;
        let mask = 0;
        for (let k = 0; k < 4 && 4 * w + k < literal.length; k++) {
            word |= literal[4 * w + k] << (8 * k);
            mask |= 0xff << (8 * k);
        }
        const read = `dv.getInt32(${at} + ${int(4 * w)}, true)`;
        parts.push(mask === -1 ? `${read} === ${int(word | 0)}` : `(${read} & ${int(mask)}) === ${int(word | 0)}`);
    }
    return parts.join(' && ');
}
/** Checks the bytes of `literal` at i (bails when they are not there), then skips them. */
function literalSource(literal) {
    return `if (!(${literalTest(literal, 'i')})) return -1; i += ${int(literal.length)};`;
}
/**
 * Digits of a JSON number at i with no sign and no exponent into m (k fraction digits), as
 * parseDecimal reads them; bails on a leading zero before a digit (not JSON) and on anything
 * parseDecimal would need its slow path for.
 */
const UNSIGNED_DECIMAL = `
  c = b[i];
  if (((c - 48) >>> 0) > 9 || (c === 48 && ((b[i + 1] - 48) >>> 0) <= 9)) return -1;
  m = 0; k = 0;
  do { m = m * 10 + (c - 48); c = b[++i]; } while (((c - 48) >>> 0) <= 9);
  if (c === 46) {
    const f = i + 1; c = b[++i];
    if (((c - 48) >>> 0) > 9) return -1;
    do { m = m * 10 + (c - 48); c = b[++i]; } while (((c - 48) >>> 0) <= 9);
    k = i - f;
  }
  if (c === 101 || c === 69 || m > maxExact || k > 22) return -1;`;
/** Digits only (a count or port), at most `maxDigits`: m. */
const unsignedInteger = (maxDigits) => `
  s = i; c = b[i];
  if (((c - 48) >>> 0) > 9 || (c === 48 && ((b[i + 1] - 48) >>> 0) <= 9)) return -1;
  m = 0;
  do { m = m * 10 + (c - 48); c = b[++i]; } while (((c - 48) >>> 0) <= 9);
  if (c === 46 || c === 101 || c === 69 || i - s > ${int(maxDigits)}) return -1;`;
/** Any JSON number (validated only). */
const ANY_NUMBER = `
  if (b[i] === 45) i++;
  c = b[i];
  if (c === 48) c = b[++i];
  else if (((c - 49) >>> 0) <= 8) { do c = b[++i]; while (((c - 48) >>> 0) <= 9); }
  else return -1;
  if (c === 46) {
    c = b[++i];
    if (((c - 48) >>> 0) > 9) return -1;
    do c = b[++i]; while (((c - 48) >>> 0) <= 9);
  }
  if (c === 101 || c === 69) {
    c = b[++i];
    if (c === 43 || c === 45) c = b[++i];
    if (((c - 48) >>> 0) > 9) return -1;
    do c = b[++i]; while (((c - 48) >>> 0) <= 9);
  }`;
/** A string value's bytes: s at its first byte, i at its closing quote. */
const PLAIN_STRING = `
  if (b[i] !== 34) return -1;
  s = ++i;
  while (plain[b[i]] === 1) i++;
  if (b[i] !== 34) return -1;`;
/** The value source of one key, or undefined when the shape is not worth compiling. */
function valueSource(k) {
    const { act, aux, kind } = k;
    if (k.literal !== undefined)
        return act === Act.Any ? literalSource([0x22, ...k.literal, 0x22]) : undefined;
    switch (kind) {
        case ValueKind.Str: {
            let use;
            switch (act) {
                case Act.Any:
                    use = '';
                    break;
                case Act.Uid:
                case Act.Service:
                case Act.History:
                    use = `ss[${int(aux)}] = s; se[${int(aux)}] = i;`;
                    break;
                case Act.Proto:
                    use = 'row.proto = protoOf(b, s, i);';
                    break;
                case Act.ConnState:
                    use = 'row.connState = connStateOf(b, s, i);';
                    break;
                case Act.OrigH:
                case Act.RespH: {
                    // A dotted quad inline (tsv-compile.ts), anything else through parseAddressBytes.
                    const at = act === Act.OrigH ? 0 : 4;
                    const flag = int(act === Act.OrigH ? Flag.OrigSet : Flag.RespSet);
                    return `if (b[i] !== 34) return -1;
            s = ++i; c = b[i];
            { ${DOTTED_QUAD}
              if (q === 4 && c === 34) {
                addr[${int(at)}] = 0; addr[${int(at + 1)}] = 0; addr[${int(at + 2)}] = 0xffff; addr[${int(at + 3)}] = v;
              } else {
                i = s;
                while (plain[b[i]] === 1) i++;
                if (b[i] !== 34 || !parseAddressBytes(b, s, i, addr, ${int(at)})) return -1;
              }
            }
            row.flags |= ${flag}; i++;`;
                }
                case Act.Ts:
                    use = 'v = parseIsoTime(b, s, i); if (v !== v) return -1; row.ts = v;';
                    break;
                default:
                    // A string where the plan wants a number (or a dhcp role): the generic path's event.
                    return undefined;
            }
            return `${PLAIN_STRING} ${use} i++;`;
        }
        case ValueKind.Num:
            switch (act) {
                case Act.Any:
                    return ANY_NUMBER;
                case Act.Ts:
                    return `${UNSIGNED_DECIMAL} row.ts = m / pow10[k];`;
                case Act.Duration:
                    return `${UNSIGNED_DECIMAL} row.duration = m / pow10[k];`;
                case Act.Counter:
                    return `${unsignedInteger(20)} if (m > maxExact) return -1; counters[${int(aux)}] = m;`;
                case Act.OrigP:
                case Act.RespP:
                    return `${unsignedInteger(5)} if (m > 65535) return -1; row.${act === Act.OrigP ? 'origPort' : 'respPort'} = m;`;
                default:
                    return undefined;
            }
        case ValueKind.True:
        case ValueKind.False:
            if (act !== Act.Any)
                return undefined;
            return `
        if (b[i] === 116 && b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101) i += 4;
        else if (b[i] === 102 && b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101) i += 5;
        else return -1;`;
        case ValueKind.Arr:
        case ValueKind.Obj:
            if (act !== Act.Any)
                return undefined;
            return `if (b[i] !== ${kind === ValueKind.Arr ? 91 : 123}) return -1; i = host.skipNested(i); if (i < 0) return -1;`;
        default:
            // null: the generic path leaves the field unset; Zeek does not write it.
            return undefined;
    }
}
/**
 * Compiles the line function of a key order: each key optional, in this order, with the kind
 * its value must have. Undefined when a key's value would need the generic path every time (a
 * kind the plan reports as unparsable, a null), for more than MAX_COMPILED_KEYS keys, or when
 * code generation is unavailable.
 */
export function compileJsonLine(keys) {
    if (keys.length === 0 || keys.length > MAX_COMPILED_KEYS)
        return undefined;
    const parts = [];
    for (let k = 0; k < keys.length; k++) {
        const key = keys[k];
        const value = valueSource(key);
        if (value === undefined)
            return undefined;
        // `"key":` right after '{' (the first key present) or after ',' (any later one).
        const test = literalTest([0x22, ...key.key, 0x22, 0x3a], 'p');
        const bit = k < 32 ? `lo |= ${int((1 << k) | 0)};` : `hi |= ${int((1 << (k - 32)) | 0)};`;
        parts.push(`// key ${int(k)}
      p = lo === 0 && hi === 0 ? i : b[i] === 44 ? i + 1 : -1;
      if (p >= 0 && ${test}) {
        i = p + ${int(key.key.length + 3)};
        ${value}
        ${bit}
      }`);
    }
    const body = `
    const { pow10, maxExact, plain, parseAddressBytes, parseIsoTime, protoOf, connStateOf } = deps;
    return function zeekJsonLine(host, b, dv, i, row) {
      const n = b.length, counters = row.counters, addr = row.addr, ss = row.strStart, se = row.strEnd;
      let s = 0, c = 0, m = 0, k = 0, v = 0, p = 0, lo = 0, hi = 0;
      if (b[i] !== 123) return -1;
      i++;
      ${parts.join('\n')}
      if ((lo === 0 && hi === 0) || b[i] !== 125 || b[i + 1] !== 10) return -1;
      host.maskLo = lo;
      host.maskHi = hi;
      return i + 1;
    };`;
    const deps = {
        pow10: POW10,
        maxExact: MAX_EXACT,
        plain: PLAIN,
        parseAddressBytes,
        parseIsoTime,
        protoOf,
        connStateOf,
    };
    try {
        // Generated from integers only (see the module comment).
        return new Function('deps', body)(deps);
    }
    catch {
        return undefined;
    }
}
/**
 * The key order that holds both orders a and b (key ids), each in its own order — the union
 * of two shapes of one log — or undefined when they order two keys differently. Shortest:
 * their longest common subsequence once.
 */
export function mergeKeyOrders(a, b) {
    const n = a.length;
    const m = b.length;
    // lcs[i][j]: LCS length of a[i..] and b[j..].
    const lcs = new Int32Array((n + 1) * (m + 1));
    const at = (i, j) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            lcs[at(i, j)] =
                a[i] === b[j] ? lcs[at(i + 1, j + 1)] + 1 : Math.max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
        }
    }
    const out = [];
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] === b[j]) {
            out.push(a[i++]);
            j++;
        }
        else if (j >= m || (i < n && lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]))
            out.push(a[i++]);
        else
            out.push(b[j++]);
    }
    // A key in both but not matched up (the orders disagree) would now appear twice.
    return new Set(out).size === out.length ? out : undefined;
}
//# sourceMappingURL=json-compile.js.map