import { type AnalyzerFactory } from './analyzer.js';
import { type DestinationEntry } from './content-patterns.js';
/** The options that are plain numbers and switches. */
interface ContentNumbers {
    /** Findings aggregate matches per window of this many seconds (aligned on the epoch). */
    readonly windowSeconds: number;
    readonly enableSensitiveData: boolean;
    /** Long base64/hex runs (part of sensitive data). */
    readonly enableBlobs: boolean;
    /** Characters a base64 or hex run needs to count as a blob. */
    readonly minBlobLength: number;
    /** Shannon entropy (bits/character) a base64 blob needs. */
    readonly minBase64Entropy: number;
    /** Shannon entropy (bits/character) a hex blob needs. */
    readonly minHexEntropy: number;
    readonly enableDestinations: boolean;
    readonly enableCommands: boolean;
    /** Text fields are cut to this many characters before matching. */
    readonly maxFieldLength: number;
    /** Open groups per virtual shard. */
    readonly maxGroups: number;
    /** Bound of the samples (masked values, names, uids) in a finding. */
    readonly sampleSize: number;
    /** `destinations`/`destinationsFile` replace the built-in list instead of extending it. */
    readonly replaceDestinations: boolean;
}
/** The user's options: the numbers above and a destination list as text or as a file path. */
export interface ContentOptions extends Partial<ContentNumbers> {
    /** Destination list contents (the list file format), read as given. */
    readonly destinations?: string;
    /** Path of a destination list file, read once by `validateContentConfig` (on the coordinator). */
    readonly destinationsFile?: string;
}
/** Validated options: plain data (crosses into worker threads), the destination list resolved. */
export interface ContentConfig extends ContentNumbers {
    readonly destinationList: readonly DestinationEntry[];
}
export declare const DEFAULT_CONTENT_NUMBERS: ContentNumbers;
/** A destination list file larger than this is refused (it is read whole, once). */
export declare const MAX_DESTINATIONS_FILE_BYTES: number;
/**
 * Fills defaults, checks every key once (unknown keys refused) and resolves the destination
 * list: the built-in list, extended by (or, with `replaceDestinations`, replaced by) the entries
 * of `destinationsFile` (read here, synchronously) and `destinations`. Throws InvalidOption.
 */
export declare function validateContentConfig(partial?: Readonly<ContentOptions>): ContentConfig;
export declare const CONTENT_EVICTION_NAMES: readonly ['maxGroups', 'maxFieldLength'];
export declare const contentAnalyzer: AnalyzerFactory<ContentConfig>;
export {};
