export declare const SCENARIO_TYPES: readonly ['scan.horizontal', 'scan.vertical', 'scan.inbound', 'beacon', 'exfil.https', 'exfil.dns', 'host.readdress', 'content.leak', 'bruteforce.ssh', 'lateral.admin', 'deviation.protocol', 'anomaly.burst', 'beacon.cdn', 'exfil.icmp', 'deviation.smuggling'];
export type ScenarioType = (typeof SCENARIO_TYPES)[number];
/**
 * Scenarios run by an internal host of their own, in the order hosts are dealt to them
 * (scenarios.ts `planScenarios`).
 */
export declare const INTERNAL_SCENARIOS: readonly ScenarioType[];
export interface GenerateOptions {
    /** Output directory (created if missing; the seven files in it are overwritten). */
    readonly out: string;
    /** Internal client hosts (servers come on top). Default 50. */
    readonly hosts?: number;
    /** Length of the capture in hours (fractions allowed). Default 24. */
    readonly hours?: number;
    /** Any safe integer. Default 1. */
    readonly seed?: number;
    /** Capture start, epoch seconds. Default 2024-03-12T08:00:00Z (a Tuesday morning). */
    readonly start?: number;
    /** Attack scenarios to plant, one of each listed. Default all. */
    readonly scenarios?: readonly ScenarioType[];
    /**
     * Scale benign activity so that conn.log ends near this many lines (within a few percent):
     * for benchmarks. Without it a host makes ~3 000 connections per office day.
     */
    readonly targetConnections?: number;
}
export interface ResolvedGenerateOptions {
    readonly out: string;
    readonly hosts: number;
    readonly hours: number;
    readonly seed: number;
    readonly start: number;
    readonly scenarios: readonly ScenarioType[];
    readonly targetConnections: number | undefined;
}
/** 2024-03-12T08:00:00Z. */
export declare const DEFAULT_START = 1710230400;
export declare const MAX_HOSTS = 50000;
/** One leap year: the generator is for days and weeks, a year is already a stress case. */
export declare const MAX_HOURS = 8784;
/** UIDs embed a 32-bit permutation of the connection counter; beyond that they could repeat. */
export declare const MAX_TARGET_CONNECTIONS = 4000000000;
export declare function resolveGenerateOptions(input: GenerateOptions): ResolvedGenerateOptions;
