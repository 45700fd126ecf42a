/**
 * A finding is what a detector emits: content-addressed, so the same evidence always gets the
 * same id whatever the number of actors or the batch size.
 */
import { createHash } from 'node:crypto';

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
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort())
        sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

export function makeFinding(input: FindingInput): Finding {
  const id = createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 16);
  return { id, ...input };
}

/** The total order of findings in every output: time, detector, then id. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.firstTs !== b.firstTs) return a.firstTs < b.firstTs ? -1 : 1;
  if (a.detector !== b.detector) return a.detector < b.detector ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** `v` rounded to `digits` decimals, as findings print their figures. */
export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * Keeps `list` the `n` smallest distinct non-empty values seen, ascending (an evidence sample
 * that does not depend on arrival order).
 */
export function addSmallest(list: string[], value: string, n: number): void {
  if (value === '') return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] === value || lo >= n) return;
  list.splice(lo, 0, value);
  if (list.length > n) list.pop();
}
