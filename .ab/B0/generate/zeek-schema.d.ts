/**
 * The six Zeek 6 TSV logs the generator writes, with Zeek's default field lists and types
 * (conn as Zeek ≤ 6 writes it, 21 fields ending in tunnel_parents; dns and ssl as Zeek 6.2 wrote
 * the WRCCDC logs; http, dhcp and weird as the base scripts define them).
 */
export type ZeekPath = 'conn' | 'dns' | 'http' | 'ssl' | 'dhcp' | 'weird';
export interface ZeekLogSchema {
    readonly path: ZeekPath;
    readonly fields: readonly string[];
    readonly types: readonly string[];
}
export declare const CONN_SCHEMA: ZeekLogSchema;
export declare const DNS_SCHEMA: ZeekLogSchema;
export declare const HTTP_SCHEMA: ZeekLogSchema;
export declare const SSL_SCHEMA: ZeekLogSchema;
export declare const DHCP_SCHEMA: ZeekLogSchema;
export declare const WEIRD_SCHEMA: ZeekLogSchema;
export declare const ZEEK_SCHEMAS: readonly ZeekLogSchema[];
/** Zeek's `#open`/`#close` stamp (`%Y-%m-%d-%H-%M-%S`), in UTC so output never depends on TZ. */
export declare function zeekStamp(epochSeconds: number): string;
export declare function zeekHeader(s: ZeekLogSchema, openEpochSeconds: number): string;
export declare function zeekClose(closeEpochSeconds: number): string;
