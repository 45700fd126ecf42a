/**
 * One way for detectors to take their options: every key checked once, at the edge, against a
 * rule (a boolean, or a whole or real number within bounds), unknown keys refused so a typo is
 * not silently ignored, defaults filled in. Cross-key constraints stay with each detector.
 */
import { ErrorCode, NetscryError } from '../shared/errors.js';
export function describeRule(rule) {
    if (rule.type === 'boolean')
        return 'must be true or false';
    if (rule.type === 'integer')
        return `must be a whole number from ${rule.min} to ${rule.max}`;
    return rule.open === true
        ? `must be a number strictly between ${rule.min} and ${rule.max}`
        : `must be a number from ${rule.min} to ${rule.max}`;
}
export function fitsRule(rule, value) {
    if (rule.type === 'boolean')
        return typeof value === 'boolean';
    if (typeof value !== 'number' || !Number.isFinite(value))
        return false;
    if (rule.type === 'integer' && !Number.isInteger(value))
        return false;
    if (rule.type === 'number' && rule.open === true)
        return value > rule.min && value < rule.max;
    return value >= rule.min && value <= rule.max;
}
/** The error a bad option of detector `name` throws: `InvalidOption`, naming `name.key`. */
export function optionError(name, key, why, value) {
    return new NetscryError(ErrorCode.InvalidOption, `${name}.${key} ${why}`, { key, value });
}
/**
 * `partial` checked against `rules` and laid over `defaults` (not frozen: the caller adds its
 * cross-key checks, then freezes). Throws `optionError` for the first bad or unknown key.
 */
export function checkOptions(name, rules, defaults, partial) {
    if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
        throw optionError(name, '(config)', 'must be an object', partial);
    }
    const out = { ...defaults };
    for (const key of Object.keys(partial)) {
        const value = partial[key];
        if (!Object.hasOwn(rules, key))
            throw optionError(name, key, `is not a ${name} option`, value);
        if (value === undefined)
            continue;
        const rule = rules[key];
        if (!fitsRule(rule, value))
            throw optionError(name, key, describeRule(rule), value);
        out[key] = value;
    }
    return out;
}
//# sourceMappingURL=options.js.map