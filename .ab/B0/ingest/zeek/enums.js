/** Byte-level mapping of Zeek's proto and conn_state text to the record enums. */
import { ConnState, Proto } from '../../shared/record.js';
/** tcp/udp/icmp by length and bytes; anything else (unknown_transport) is Unknown. */
export function protoOf(b, s, e) {
    const n = e - s;
    if (n === 3) {
        if (b[s + 1] === 99 && b[s + 2] === 112) {
            if (b[s] === 116)
                return Proto.Tcp; // tcp
        }
        else if (b[s] === 117 && b[s + 1] === 100 && b[s + 2] === 112)
            return Proto.Udp;
        return Proto.Unknown;
    }
    if (n === 4 && b[s] === 105 && b[s + 1] === 99 && b[s + 2] === 109 && b[s + 3] === 112)
        return Proto.Icmp;
    return Proto.Unknown;
}
/** Zeek conn_state text → enum; unrecognised text is Unknown (conn_state is free text to Zeek). */
export function connStateOf(b, s, e) {
    const n = e - s;
    const c0 = b[s];
    const c1 = b[s + 1];
    if (n === 2) {
        if (c0 !== 83)
            return ConnState.Unknown; // 'S'
        switch (c1) {
            case 48:
                return ConnState.S0;
            case 49:
                return ConnState.S1;
            case 70:
                return ConnState.SF;
            case 50:
                return ConnState.S2;
            case 51:
                return ConnState.S3;
            case 72:
                return ConnState.SH;
            default:
                return ConnState.Unknown;
        }
    }
    if (n === 3) {
        const c2 = b[s + 2];
        if (c0 === 82 && c1 === 69 && c2 === 74)
            return ConnState.REJ;
        if (c0 === 79 && c1 === 84 && c2 === 72)
            return ConnState.OTH;
        if (c0 === 83 && c1 === 72 && c2 === 82)
            return ConnState.SHR;
        return ConnState.Unknown;
    }
    // RSTO, RSTR, RSTRH, RSTOS0
    if (n < 4 || n > 6 || c0 !== 82 || c1 !== 83 || b[s + 2] !== 84)
        return ConnState.Unknown;
    const c3 = b[s + 3];
    if (n === 4)
        return c3 === 79 ? ConnState.RSTO : c3 === 82 ? ConnState.RSTR : ConnState.Unknown;
    if (n === 5)
        return c3 === 82 && b[s + 4] === 72 ? ConnState.RSTRH : ConnState.Unknown;
    return c3 === 79 && b[s + 4] === 83 && b[s + 5] === 48 ? ConnState.RSTOS0 : ConnState.Unknown;
}
//# sourceMappingURL=enums.js.map