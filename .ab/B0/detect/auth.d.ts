import { type AnalyzerFactory } from './analyzer.js';
export interface AuthConfig {
    /** Failed logins from conn records (the size/duration heuristic). */
    readonly enableConnHeuristic: boolean;
    /** Failed logins from auth records (ssh, kerberos, ntlm, radius, syslog auth). */
    readonly enableAuthRecords: boolean;
    /** Failed logins (weights) per (source, service) within the window. */
    readonly threshold: number;
    readonly windowSeconds: number;
    readonly maxDurationSeconds: number;
    readonly maxRespBytes: number;
    readonly maxKerberosRespBytes: number;
    readonly maxBytesDispersion: number;
    readonly sprayMinTargets: number;
    readonly sprayMinUsers: number;
    /** A spray of accounts tries few passwords per account: at most this many failures each. */
    readonly sprayMaxAttemptsPerUser: number;
    readonly maxKeys: number;
    /** Bound of the uid, target and user samples in a finding. */
    readonly sampleSize: number;
}
export declare const DEFAULT_AUTH_CONFIG: AuthConfig;
/** Fills defaults and checks every key once, at the edge. Throws InvalidOption. */
export declare function validateAuthConfig(partial?: Readonly<Partial<AuthConfig>>): AuthConfig;
export interface LateralConfig {
    /** New internal hosts reached on admin ports within the window. */
    readonly minTargets: number;
    readonly windowSeconds: number;
    /** From the first record of the virtual shard: contacts only teach what is known. */
    readonly warmupSeconds: number;
    readonly maxSources: number;
    /** Known hosts per source; a source that reaches it is an established fan-out host. */
    readonly maxKnownTargets: number;
    readonly sampleSize: number;
}
export declare const DEFAULT_LATERAL_CONFIG: LateralConfig;
/** Fills defaults and checks every key once, at the edge. Throws InvalidOption. */
export declare function validateLateralConfig(partial?: Readonly<Partial<LateralConfig>>): LateralConfig;
/** Standard port → login service. */
export declare const LOGIN_PORTS: ReadonlyMap<number, string>;
/** Admin ports of lateral movement. */
export declare const ADMIN_PORTS: ReadonlySet<number>;
/** The login service of a conn record's `service` field, or undefined. */
export declare function serviceOfField(field: string): string | undefined;
/** A user name as reported: its first two characters, the rest starred (at most 16). */
export declare function maskUser(user: string): string;
export declare const AUTH_EVICTION_NAMES: readonly ['maxKeys'];
export declare const LATERAL_EVICTION_NAMES: readonly ['maxSources', 'maxKnownTargets'];
export declare const authAnalyzer: AnalyzerFactory<AuthConfig>;
export declare const lateralAnalyzer: AnalyzerFactory<LateralConfig>;
