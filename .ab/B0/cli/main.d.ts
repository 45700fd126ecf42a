export declare const ExitCode: {
    readonly Ok: 0;
    readonly Internal: 1;
    readonly Usage: 2;
    readonly Unreadable: 3;
    readonly Unsupported: 4;
    readonly Output: 5;
    readonly ActorFailed: 6;
    readonly BelowTarget: 7;
};
/** The usage of one verb: its entries of HELP (each starts with `  netscry VERB`) and the exit codes. */
export declare function helpFor(verb: string): string | undefined;
export declare function main(argv: readonly string[]): Promise<number>;
