/**
 * Field plans: per schema, what the parser does with each column (one byte per column), so the
 * hot loop dispatches on a small integer instead of comparing field names per record.
 */
import { COUNTER_FIELDS, kindOfPath, RecordKind, Str } from '../../shared/record.js';
import { classifyType, VType } from './values.js';
/** Column actions. Extracting actions also validate; `Val*` only validate. */
export const Act = {
    /** string/enum/pattern (and containers of them): any UTF-8 text without control bytes. */
    Any: 0,
    ValTime: 1,
    ValDouble: 2,
    ValCount: 3,
    ValInt: 4,
    ValPort: 5,
    ValAddr: 6,
    ValSubnet: 7,
    ValBool: 8,
    /** set[...]/vector[...] of a validated element class (aux = VType). */
    Container: 9,
    Ts: 10,
    /** aux = Str slot (also for Service and History) */
    Uid: 11,
    OrigH: 12,
    OrigP: 13,
    RespH: 14,
    RespP: 15,
    Proto: 16,
    Service: 17,
    Duration: 18,
    /** aux = Counter index */
    Counter: 19,
    ConnState: 20,
    History: 21,
    /** aux = DhcpRole */
    DhcpAddr: 22,
    DhcpUids: 23,
};
/** Roles of dhcp.log (Zeek ≥ 3) address columns, in the order orig is chosen. */
export const DhcpRole = { Client: 0, Assigned: 1, Requested: 2, Server: 3 };
const VAL_ACT = [
    Act.Any,
    Act.ValTime,
    Act.ValDouble,
    Act.ValCount,
    Act.ValInt,
    Act.ValPort,
    Act.ValAddr,
    Act.ValSubnet,
    Act.ValBool,
];
const COMMON = {
    ts: { act: Act.Ts, aux: 0, types: ['time'], expect: 'time' },
    uid: { act: Act.Uid, aux: Str.Uid, types: ['string'], expect: 'str' },
    'id.orig_h': { act: Act.OrigH, aux: 0, types: ['addr'], expect: 'addr' },
    'id.orig_p': { act: Act.OrigP, aux: 0, types: ['port'], expect: 'port' },
    'id.resp_h': { act: Act.RespH, aux: 0, types: ['addr'], expect: 'addr' },
    'id.resp_p': { act: Act.RespP, aux: 0, types: ['port'], expect: 'port' },
    proto: { act: Act.Proto, aux: 0, types: ['enum', 'string'], expect: 'str' },
};
const CONN = {
    service: { act: Act.Service, aux: Str.Service, types: ['string'], expect: 'str' },
    duration: { act: Act.Duration, aux: 0, types: ['interval'], expect: 'num' },
    conn_state: { act: Act.ConnState, aux: 0, types: ['string', 'enum'], expect: 'str' },
    history: { act: Act.History, aux: Str.History, types: ['string'], expect: 'str' },
    ...Object.fromEntries(COUNTER_FIELDS.map((name, index) => [
        name,
        { act: Act.Counter, aux: index, types: ['count'], expect: 'count' },
    ])),
};
const DHCP = {
    client_addr: { act: Act.DhcpAddr, aux: DhcpRole.Client, types: ['addr'], expect: 'addr' },
    assigned_addr: { act: Act.DhcpAddr, aux: DhcpRole.Assigned, types: ['addr'], expect: 'addr' },
    requested_addr: { act: Act.DhcpAddr, aux: DhcpRole.Requested, types: ['addr'], expect: 'addr' },
    server_addr: { act: Act.DhcpAddr, aux: DhcpRole.Server, types: ['addr'], expect: 'addr' },
    uids: { act: Act.DhcpUids, aux: 0, types: ['set[string]', 'vector[string]'], expect: 'strlist' },
};
/** The extraction for field `name` in a log of `kind`, if any. */
export function extractionFor(name, kind) {
    const common = COMMON[name];
    if (common)
        return common;
    if (kind === RecordKind.Conn)
        return CONN[name];
    if (kind === RecordKind.Dhcp)
        return DHCP[name];
    return undefined;
}
/**
 * netscry's packet-statistics columns (the conn.log `netscry extract` writes): conn rows of a
 * log with any of them keep their line in `Raw`, so analyzers read those fields by name
 * (detect/fields.ts) as they do from a capture's conn rows. Other conn rows carry no line (the
 * batch columns hold all they need).
 */
const STATS_FIELDS = new Set([
    'orig_entropy',
    'resp_entropy',
    'orig_printable',
    'resp_printable',
    'orig_ip_len',
    'resp_ip_len',
]);
/**
 * Logs whose `ts` is the sensor's wall clock rather than traffic time: Zeek writes
 * packet_filter.log in zeek_init, before the first packet sets network time, so reading a
 * capture from 2018 today stamps it today. Its records count, but do not stretch the run's
 * time range.
 */
const SENSOR_CLOCK_PATHS = new Set(['packet_filter']);
/** Whether a log's `ts` is traffic time (counts towards the run's time range). */
export function isTrafficTime(path) {
    return !SENSOR_CLOCK_PATHS.has(path);
}
/** Whether rows of a log of `kind` with these fields keep their source line in `Raw`. */
export function keepsLine(kind, fields) {
    return kind !== RecordKind.Conn || fields.some((f) => STATS_FIELDS.has(f));
}
const encoder = new TextEncoder();
export function buildTsvPlan(schema) {
    const kind = kindOfPath(schema.path);
    const nf = schema.fields.length;
    const actions = new Uint8Array(nf);
    const aux = new Uint8Array(nf);
    let hasDhcp = false;
    for (let col = 0; col < nf; col++) {
        const name = schema.fields[col];
        const type = schema.types[col] ?? 'string';
        const ex = extractionFor(name, kind);
        if (ex?.types.includes(type)) {
            actions[col] = ex.act;
            aux[col] = ex.aux;
            if (ex.act === Act.DhcpAddr || ex.act === Act.DhcpUids)
                hasDhcp = true;
            continue;
        }
        const { vtype, container } = classifyType(type);
        if (container) {
            actions[col] = vtype === VType.Any ? Act.Any : Act.Container;
            aux[col] = vtype;
        }
        else {
            actions[col] = VAL_ACT[vtype];
        }
    }
    const sep = schema.separator;
    return {
        schema,
        kind,
        isConn: kind === RecordKind.Conn,
        keepLine: keepsLine(kind, schema.fields),
        nf,
        actions,
        aux,
        fast: sep < 0x20 && sep !== 0x0a && sep !== 0x0d,
        unset: encoder.encode(schema.unsetField),
        empty: encoder.encode(schema.emptyField),
        setSep: encoder.encode(schema.setSeparator),
        path: schema.path,
        trafficTime: isTrafficTime(schema.path),
        hasDhcp,
    };
}
//# sourceMappingURL=plan.js.map