/**
 * One way for detectors to take their options: every key checked once, at the edge, against a
 * rule (a boolean, or a whole or real number within bounds), unknown keys refused so a typo is
 * not silently ignored, defaults filled in. Cross-key constraints stay with each detector.
 */
import { NetscryError } from '../shared/errors.js';
export type OptionRule = {
    readonly type: 'boolean';
} | {
    readonly type: 'integer';
    readonly min: number;
    readonly max: number;
} | {
    readonly type: 'number';
    readonly min: number;
    readonly max: number;
    readonly open?: boolean;
};
export declare function describeRule(rule: OptionRule): string;
export declare function fitsRule(rule: OptionRule, value: unknown): boolean;
/** The error a bad option of detector `name` throws: `InvalidOption`, naming `name.key`. */
export declare function optionError(name: string, key: string, why: string, value: unknown): NetscryError;
/**
 * `partial` checked against `rules` and laid over `defaults` (not frozen: the caller adds its
 * cross-key checks, then freezes). Throws `optionError` for the first bad or unknown key.
 */
export declare function checkOptions<T extends object>(name: string, rules: {
    readonly [K in keyof T]: OptionRule;
}, defaults: T, partial: unknown): T;
