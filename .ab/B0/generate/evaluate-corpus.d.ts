export interface CorpusCheck {
    readonly name: string;
    /** What the corpus README says should be found. */
    readonly expected: string;
    readonly status: 'pass' | 'fail' | 'report' | 'skipped';
    /** One line per measured number. */
    readonly lines: readonly string[];
}
export declare function evaluateCorpus(corpus: string, top?: number): Promise<CorpusCheck[]>;
export declare function formatCorpusChecks(checks: readonly CorpusCheck[]): string;
