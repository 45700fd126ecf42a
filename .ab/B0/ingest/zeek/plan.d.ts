/**
 * Field plans: per schema, what the parser does with each column (one byte per column), so the
 * hot loop dispatches on a small integer instead of comparing field names per record.
 */
import { RecordKind, type Schema } from '../../shared/record.js';
/** Column actions. Extracting actions also validate; `Val*` only validate. */
export declare const Act: {
    /** string/enum/pattern (and containers of them): any UTF-8 text without control bytes. */
    readonly Any: 0;
    readonly ValTime: 1;
    readonly ValDouble: 2;
    readonly ValCount: 3;
    readonly ValInt: 4;
    readonly ValPort: 5;
    readonly ValAddr: 6;
    readonly ValSubnet: 7;
    readonly ValBool: 8;
    /** set[...]/vector[...] of a validated element class (aux = VType). */
    readonly Container: 9;
    readonly Ts: 10;
    /** aux = Str slot (also for Service and History) */
    readonly Uid: 11;
    readonly OrigH: 12;
    readonly OrigP: 13;
    readonly RespH: 14;
    readonly RespP: 15;
    readonly Proto: 16;
    readonly Service: 17;
    readonly Duration: 18;
    /** aux = Counter index */
    readonly Counter: 19;
    readonly ConnState: 20;
    readonly History: 21;
    /** aux = DhcpRole */
    readonly DhcpAddr: 22;
    readonly DhcpUids: 23;
};
export type Act = (typeof Act)[keyof typeof Act];
/** Roles of dhcp.log (Zeek ≥ 3) address columns, in the order orig is chosen. */
export declare const DhcpRole: {
    readonly Client: 0;
    readonly Assigned: 1;
    readonly Requested: 2;
    readonly Server: 3;
};
/** JSON value kind an extracted field needs ('num' for numbers; ts also takes an ISO string). */
export type Expect = 'time' | 'str' | 'addr' | 'port' | 'num' | 'count' | 'strlist';
interface Extraction {
    readonly act: Act;
    readonly aux: number;
    /** Zeek types under which the TSV column is extracted (otherwise only validated). */
    readonly types: readonly string[];
    readonly expect: Expect;
}
/** The extraction for field `name` in a log of `kind`, if any. */
export declare function extractionFor(name: string, kind: RecordKind): Extraction | undefined;
/** Whether a log's `ts` is traffic time (counts towards the run's time range). */
export declare function isTrafficTime(path: string): boolean;
/** Whether rows of a log of `kind` with these fields keep their source line in `Raw`. */
export declare function keepsLine(kind: RecordKind, fields: readonly string[]): boolean;
export interface TsvPlan {
    readonly schema: Schema;
    readonly kind: RecordKind;
    readonly isConn: boolean;
    /** Rows keep their line in `Raw` (`keepsLine`). */
    readonly keepLine: boolean;
    readonly nf: number;
    readonly actions: Uint8Array;
    readonly aux: Uint8Array;
    /** Fast loops assume a control-byte separator (TAB); a printable one takes the slow path. */
    readonly fast: boolean;
    readonly unset: Uint8Array;
    readonly empty: Uint8Array;
    readonly setSep: Uint8Array;
    /** Record key for recordsByPath. */
    readonly path: string;
    /** `isTrafficTime(path)`: the records' ts count towards the time range. */
    readonly trafficTime: boolean;
    readonly hasDhcp: boolean;
}
export declare function buildTsvPlan(schema: Schema): TsvPlan;
export {};
