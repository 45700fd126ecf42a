export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export interface Finding {
    /** sha256 of the canonical content below (detector, entities, window, evidence), 16 hex. */
    readonly id: string;
    /** Detector name, e.g. `scan.horizontal`. */
    readonly detector: string;
    /** MITRE ATT&CK technique id where one fits (e.g. `T1046`). */
    readonly attack: string;
    readonly severity: Severity;
    /** 0..1 */
    readonly confidence: number;
    /** Event time (epoch seconds) of the first and last record behind the finding. */
    readonly firstTs: number;
    readonly lastTs: number;
    /** Entities involved: `src` is the acting address; others as the detector defines. */
    readonly entities: Readonly<Record<string, string | readonly string[]>>;
    /** The numbers that crossed a threshold, the threshold, and bounded samples (uids, targets). */
    readonly evidence: Readonly<Record<string, unknown>>;
    /** One line an analyst can read. */
    readonly summary: string;
}
export type FindingInput = Omit<Finding, 'id'>;
/** JSON with object keys sorted, so equal content gives equal bytes. */
export declare function canonicalJson(value: unknown): string;
export declare function makeFinding(input: FindingInput): Finding;
/** The total order of findings in every output: time, detector, then id. */
export declare function compareFindings(a: Finding, b: Finding): number;
/** `v` rounded to `digits` decimals, as findings print their figures. */
export declare function round(v: number, digits: number): number;
/**
 * Keeps `list` the `n` smallest distinct non-empty values seen, ascending (an evidence sample
 * that does not depend on arrival order).
 */
export declare function addSmallest(list: string[], value: string, n: number): void;
