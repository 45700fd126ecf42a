/**
 * A finding is what a detector emits: content-addressed, so the same evidence always gets the
 * same id whatever the number of actors or the batch size.
 */
import { createHash } from 'node:crypto';
/** JSON with object keys sorted, so equal content gives equal bytes. */
export function canonicalJson(value) {
    return JSON.stringify(value, (_key, v) => {
        if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
            const sorted = {};
            for (const k of Object.keys(v).sort())
                sorted[k] = v[k];
            return sorted;
        }
        return v;
    });
}
export function makeFinding(input) {
    const id = createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 16);
    return { id, ...input };
}
/** The total order of findings in every output: time, detector, then id. */
export function compareFindings(a, b) {
    if (a.firstTs !== b.firstTs)
        return a.firstTs < b.firstTs ? -1 : 1;
    if (a.detector !== b.detector)
        return a.detector < b.detector ? -1 : 1;
    if (a.id !== b.id)
        return a.id < b.id ? -1 : 1;
    return 0;
}
/** `v` rounded to `digits` decimals, as findings print their figures. */
export function round(v, digits) {
    const f = 10 ** digits;
    return Math.round(v * f) / f;
}
/**
 * Keeps `list` the `n` smallest distinct non-empty values seen, ascending (an evidence sample
 * that does not depend on arrival order).
 */
export function addSmallest(list, value, n) {
    if (value === '')
        return;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (list[lo] === value || lo >= n)
        return;
    list.splice(lo, 0, value);
    if (list.length > n)
        list.pop();
}
//# sourceMappingURL=finding.js.map