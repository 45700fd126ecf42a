/**
 * Every detector netscry ships, in one table: the option key that configures it (also the
 * analyzer's name), its factory, the validator of its options (run once, at the edge) and
 * whether it runs when the user says nothing about it. `coordinator/options.ts` turns the user's
 * `detectors` option into the engine's list; `engine/config.ts` rebuilds the analyzers from it
 * in each actor. Adding a detector is one entry here.
 *
 * Order matters only for cost: analyzers of a virtual shard see each batch in this order.
 */
import type { AnalyzerFactory } from './analyzer.js';
export interface DetectorEntry {
    /** Option key, analyzer name and the prefix of its findings' `detector` names. */
    readonly name: string;
    readonly factory: AnalyzerFactory;
    /** The user's options for it, checked and completed with defaults; throws InvalidOption. */
    readonly validate: (partial: unknown) => unknown;
    /** Runs unless turned off; otherwise only when turned on. */
    readonly defaultOn: boolean;
    /** Prefixes of the `detector` names of its findings (evaluation families match on them). */
    readonly produces: readonly string[];
    /** One line for `--help` and the docs. */
    readonly describe: string;
}
export declare const DETECTORS: readonly DetectorEntry[];
export declare function detectorNamed(name: string): DetectorEntry | undefined;
/** A detector turned on in the engine config: its name and validated options (plain data). */
export interface EnabledDetector {
    readonly name: string;
    readonly config: unknown;
}
