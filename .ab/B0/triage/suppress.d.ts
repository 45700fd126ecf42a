/**
 * Suppression: rules an analyst writes to drop findings already judged benign — the
 * vulnerability scanner's scans, backups to a known site, telemetry polled on a timer. The
 * model is Suricata's threshold.config `suppress` (by signature, `track by_src | by_dst |
 * by_either`, an address or network), with one track more for the names netscry's findings
 * carry (TLS SNI, HTTP Host, DNS domains, exfiltration servers), the way RITA filters domains.
 *
 * A pure policy over the merged findings, applied once on the coordinator: the detectors still
 * see every record, so prevalence, baselines and scores are what they are without a rule and a
 * suppressed finding is exactly one that would have been reported. That is the difference from
 * RITA's never-include lists, which drop the traffic before analysis (so a never-included
 * destination also stops counting towards another's rarity). Nothing is dropped silently: each
 * rule counts the findings it suppressed (the summary lists every rule, a stale one with 0), and
 * a finding several rules match is counted by the first, in the order given.
 *
 * A rule suppresses a finding when its detector pattern matches the finding's `detector` and
 * every value the track takes from the finding's entities is covered by the rule's value:
 *  - `src`: `entities.src` (an address, a list of them, or a subnet);
 *  - `dst`: the addresses among `entities.dst` and `entities.targets`;
 *  - `either`: `src` or `dst` as above;
 *  - `name`: `entities.domain`, `entities.server` and the names among `entities.dst`.
 * A track that takes no value from a finding does not match it (a `dst` rule never suppresses
 * `scan.trw`, which names no destination). "Every value" keeps a finding about several
 * destinations — a scan's targets, a CDN-fronted beacon's addresses — unless all are allowed.
 *
 * Cost: each finding's values are parsed once and look up the rules that can match them
 * (`RuleIndex`); only those are checked.
 */
import type { Finding } from '../detect/finding.js';
import { type Network } from '../shared/addr.js';
export declare const SUPPRESS_TRACKS: readonly ['src', 'dst', 'either', 'name'];
export type SuppressTrack = (typeof SUPPRESS_TRACKS)[number];
/** A rule as the user gives it (library option `suppress`, or one line of a suppress file). */
export interface SuppressRuleInput {
    /**
     * `*`, a detector (`scan`, `baseline`, `icmp`: what it produces), a finding family
     * (`anomaly`) or kind (`scan.horizontal`); several joined by commas.
     */
    readonly detector: string;
    readonly track: SuppressTrack;
    /** src/dst/either: an address or a network (CIDR); name: `host.example` or `*.example`. */
    readonly value: string;
    /** Where the rule was written, e.g. `allow.txt:3` (errors and the summary name it). */
    readonly source?: string;
}
/** A checked rule: what `applySuppression` runs. */
export interface SuppressRule {
    /** The rule in the file's notation, normalised (`exfil dst 192.0.2.0/24`). */
    readonly text: string;
    readonly source: string | undefined;
    /** Every detector (`*`); otherwise the finding's `detector` is one of `kinds` or starts with a prefix. */
    readonly anyDetector: boolean;
    readonly kinds: readonly string[];
    readonly prefixes: readonly string[];
    readonly track: SuppressTrack;
    readonly network: Network | undefined;
    /** name track: the lower-case name, and whether names under it match too (`*.`). */
    readonly name: string;
    readonly subdomains: boolean;
}
/** What the summary reports: every rule with the findings it suppressed. */
export interface SuppressionReport {
    readonly total: number;
    readonly rules: ReadonlyArray<{
        readonly rule: string;
        readonly source?: string;
        readonly findings: number;
    }>;
}
/** Checks and compiles rules; throws InvalidOption (naming the rule's source) on the first bad one. */
export declare function compileSuppressRules(inputs: readonly SuppressRuleInput[]): readonly SuppressRule[];
/**
 * The rules of a suppress file: one per line, `<detector> <track> <value>`, whitespace between
 * them; `#` starts a comment, blank lines are skipped. Throws InvalidOption naming `file:line`.
 */
export declare function parseSuppressFile(text: string, file: string): SuppressRuleInput[];
/**
 * Drops the findings a rule matches (order kept) and reports per rule how many it took. With
 * no rules the findings come back as they are and the report is undefined.
 */
export declare function applySuppression(findings: readonly Finding[], rules: readonly SuppressRule[]): {
    readonly findings: Finding[];
    readonly report: SuppressionReport | undefined;
};
