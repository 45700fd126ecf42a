export interface Template {
    readonly id: number;
    readonly domain: number;
    readonly options: boolean;
    /** Leading scope fields (options templates), else 0. */
    readonly scopeCount: number;
    readonly fieldCount: number;
    readonly ids: Uint16Array;
    readonly pens: Uint32Array;
    /** Field lengths; `VARLEN` (65535) for IPFIX variable-length fields. */
    readonly lengths: Uint16Array;
    readonly roles: Uint8Array;
    /** Smallest record length (a variable field counts 1 byte). Always ≥ 1. */
    readonly minLength: number;
    /** True when every field is fixed-length. */
    readonly fixed: boolean;
    /** True when some field is enterprise-specific or unmapped (for `keepUnmapped`). */
    readonly hasUnmapped: boolean;
    /** Raw definition bytes, to tell a refresh from a replacement. */
    readonly signature: string;
}
export type TemplateParse = {
    readonly ok: true;
    readonly template: Template;
    readonly next: number;
} | {
    readonly ok: false;
    readonly reason: string;
    readonly next: number;
};
/**
 * NetFlow v9 template record at `p` (FlowSet 0): id, count, count × (type, length).
 * Field count 0 or above `maxFields`, or id < 256, make the rest of the FlowSet unusable.
 */
export declare function parseV9Template(buf: Uint8Array, p: number, end: number, domain: number, maxFields: number): TemplateParse;
/**
 * NetFlow v9 options template at `p` (FlowSet 1): id, scope length (bytes), option length
 * (bytes), then the scope and option (type, length) pairs.
 */
export declare function parseV9OptionsTemplate(buf: Uint8Array, p: number, end: number, domain: number, maxFields: number): TemplateParse;
export type IpfixTemplateParse = TemplateParse | {
    readonly ok: 'withdraw';
    readonly id: number;
    readonly next: number;
};
/**
 * IPFIX template record (set 2) or options template record (set 3) at `p`. Field count 0 is a
 * withdrawal (RFC 7011 §8.1); id 2 / 3 with count 0 withdraws every template of the set kind.
 */
export declare function parseIpfixTemplate(buf: Uint8Array, p: number, end: number, domain: number, options: boolean, maxFields: number): IpfixTemplateParse;
