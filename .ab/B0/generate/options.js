/**
 * Generator options, validated once into a frozen `ResolvedGenerateOptions`; nothing downstream
 * re-checks them.
 */
import { ErrorCode, NetscryError } from '../shared/errors.js';
export const SCENARIO_TYPES = [
    'scan.horizontal',
    'scan.vertical',
    'scan.inbound',
    'beacon',
    'exfil.https',
    'exfil.dns',
    'host.readdress',
    'content.leak',
    'bruteforce.ssh',
    'lateral.admin',
    'deviation.protocol',
    'anomaly.burst',
    'beacon.cdn',
    'exfil.icmp',
    'deviation.smuggling',
];
/** Scenarios acting from outside: they need no internal host of their own. */
const EXTERNAL_SCENARIOS = new Set(['scan.inbound', 'deviation.smuggling']);
/**
 * Scenarios run by an internal host of their own, in the order hosts are dealt to them
 * (scenarios.ts `planScenarios`).
 */
export const INTERNAL_SCENARIOS = SCENARIO_TYPES.filter((t) => !EXTERNAL_SCENARIOS.has(t));
/** 2024-03-12T08:00:00Z. */
export const DEFAULT_START = 1710230400;
export const MAX_HOSTS = 50_000;
/** One leap year: the generator is for days and weeks, a year is already a stress case. */
export const MAX_HOURS = 8784;
/** UIDs embed a 32-bit permutation of the connection counter; beyond that they could repeat. */
export const MAX_TARGET_CONNECTIONS = 4_000_000_000;
function invalid(option, value, expected) {
    return new NetscryError(ErrorCode.InvalidOption, `invalid generator option ${option}: expected ${expected}`, {
        option,
        value: typeof value === 'object' ? JSON.stringify(value) : String(value),
    });
}
function integerIn(option, value, lo, hi) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
        throw invalid(option, value, `an integer in [${lo}, ${hi}]`);
    }
    return value;
}
export function resolveGenerateOptions(input) {
    if (typeof input !== 'object' || input === null)
        throw invalid('options', input, 'an object');
    if (typeof input.out !== 'string' || input.out.length === 0)
        throw invalid('out', input.out, 'a directory path');
    const hosts = integerIn('hosts', input.hosts ?? 50, 1, MAX_HOSTS);
    const hours = input.hours ?? 24;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS) {
        throw invalid('hours', hours, `a number in (0, ${MAX_HOURS}]`);
    }
    if (hours * 3600 < 60)
        throw invalid('hours', hours, 'at least one minute');
    const seed = integerIn('seed', input.seed ?? 1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const start = integerIn('start', input.start ?? DEFAULT_START, 0, 32503680000);
    const scenarios = resolveScenarios(input.scenarios);
    const internalScenarios = scenarios.filter((s) => INTERNAL_SCENARIOS.includes(s)).length;
    if (internalScenarios > 0 && hosts < internalScenarios + 2) {
        throw invalid('hosts', hosts, `at least ${internalScenarios + 2} hosts for ${internalScenarios} internal scenarios`);
    }
    let targetConnections;
    if (input.targetConnections !== undefined) {
        targetConnections = integerIn('targetConnections', input.targetConnections, 1, MAX_TARGET_CONNECTIONS);
    }
    return Object.freeze({ out: input.out, hosts, hours, seed, start, scenarios, targetConnections });
}
function resolveScenarios(value) {
    if (value === undefined)
        return SCENARIO_TYPES;
    if (!Array.isArray(value))
        throw invalid('scenarios', value, `an array of ${SCENARIO_TYPES.join(', ')}`);
    const known = new Set(SCENARIO_TYPES);
    const seen = new Set();
    for (const s of value) {
        if (typeof s !== 'string' || !known.has(s)) {
            throw invalid('scenarios', s, `one of ${SCENARIO_TYPES.join(', ')}`);
        }
        if (seen.has(s))
            throw invalid('scenarios', s, 'each scenario at most once');
        seen.add(s);
    }
    // Canonical order, so the same set in another order gives the same files.
    return Object.freeze(SCENARIO_TYPES.filter((s) => seen.has(s)));
}
//# sourceMappingURL=options.js.map