import { type ScenarioType } from './options.js';
export declare const LABELS_VERSION = 1;
export interface ScenarioLabel {
    /** Unique within the file, e.g. `beacon-1`. */
    readonly id: string;
    readonly type: ScenarioType;
    readonly src: string;
    readonly aliases?: readonly string[];
    /** Addresses acted upon (probed hosts, the C2 server, the exfiltration endpoint, the resolver). */
    readonly targets?: readonly string[];
    readonly ports?: readonly number[];
    /** Domain involved (beacon C2 name, exfiltration SNI, tunnel apex). */
    readonly domain?: string;
    readonly mac?: string;
    readonly hostName?: string;
    readonly start: number;
    readonly end: number;
    /** conn.log lines the scenario produced. */
    readonly connections: number;
    readonly description: string;
    /** Scenario-specific numbers: beacon interval and jitter, bytes sent, queries made… */
    readonly params?: Readonly<Record<string, number | string>>;
}
export interface InventoryEntry {
    readonly name: string;
    readonly mac: string;
    readonly kind: 'client' | 'server';
    readonly os?: string;
    /** Every address the device used during the run, IPv4 first. */
    readonly addresses: readonly string[];
}
export interface LabelCounts {
    readonly conn: number;
    readonly dns: number;
    readonly http: number;
    readonly ssl: number;
    readonly dhcp: number;
    /** Absent from labels written before weird.log was generated: read as 0. */
    readonly weird: number;
}
export interface Labels {
    readonly version: typeof LABELS_VERSION;
    readonly generator: string;
    readonly seed: number;
    readonly start: number;
    readonly end: number;
    /** Client hosts (servers not included). */
    readonly hosts: number;
    readonly networks: {
        readonly internal: readonly string[];
        readonly servers: string;
        readonly clients: readonly string[];
        readonly ula: string;
    };
    readonly counts: LabelCounts;
    readonly scenarios: readonly ScenarioLabel[];
    readonly inventory: readonly InventoryEntry[];
}
/** Validates parsed JSON as labels; throws NETSCRY_E_UNREADABLE_INPUT naming the bad field. */
export declare function parseLabels(value: unknown, source?: string): Labels;
/** Reads and validates a labels.json file. */
export declare function loadLabels(path: string): Promise<Labels>;
