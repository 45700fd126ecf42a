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
import { DETECTORS } from '../detect/registry.js';
import { formatAddress, inNetwork, maskBits, type Network, parseCidr } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';

export const SUPPRESS_TRACKS = ['src', 'dst', 'either', 'name'] as const;
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
  /** `file:line`, or `suppress[k]` for the k-th rule of a list given to the library. */
  readonly source: string;
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
    readonly source: string;
    readonly findings: number;
  }>;
}

/** Finding families: the first segment of what each detector produces (`anomaly`, `scan`, …). */
const FAMILIES = new Set(DETECTORS.flatMap((d) => d.produces.map((p) => p.split('.')[0]!)));

/** A bad rule, named by where it was written (`file:line`, `suppress[k]`). */
function invalid(source: string, why: string): never {
  throw new NetscryError(ErrorCode.InvalidOption, `${source}: suppress rule: ${why}`, {
    option: 'suppress',
    source,
  });
}

function detectorsOf(
  input: SuppressRuleInput & { source: string },
): Pick<SuppressRule, 'anyDetector' | 'kinds' | 'prefixes'> {
  const kinds: string[] = [];
  const prefixes: string[] = [];
  let anyDetector = false;
  for (const raw of input.detector.split(',')) {
    const p = raw.trim();
    const entry = DETECTORS.find((d) => d.name === p);
    if (p === '*') anyDetector = true;
    else if (entry !== undefined) prefixes.push(...entry.produces);
    else if (/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(p) && FAMILIES.has(p.split('.')[0]!)) {
      // A family or a kind: the name itself, and the kinds under it.
      kinds.push(p);
      prefixes.push(`${p}.`);
    } else {
      invalid(
        input.source,
        `unknown detector '${p}' (use *, a detector — ${DETECTORS.map((d) => d.name).join(', ')} — or a finding family or kind such as anomaly or scan.horizontal)`,
      );
    }
  }
  return { anyDetector, kinds, prefixes };
}

const NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** Checks and compiles rules; throws InvalidOption (naming the rule's source) on the first bad one. */
export function compileSuppressRules(inputs: readonly SuppressRuleInput[]): readonly SuppressRule[] {
  return inputs.map((given, k) => {
    if (given === null || typeof given !== 'object') invalid(`suppress[${k}]`, 'not an object');
    // Library rules are named by their place in the list; a file's by file and line.
    const source = given.source ?? `suppress[${k}]`;
    const input = { ...given, source };
    if (typeof input.detector !== 'string' || typeof input.value !== 'string')
      invalid(source, 'detector and value must be strings');
    if (!(SUPPRESS_TRACKS as readonly string[]).includes(input.track))
      invalid(source, `unknown track '${String(input.track)}' (one of ${SUPPRESS_TRACKS.join(', ')})`);
    const detectors = detectorsOf(input);
    const value = input.value.trim();
    const detector = input.detector.trim();
    if (input.track === 'name') {
      const lower = value.toLowerCase().replace(/\.$/, '');
      const subdomains = lower.startsWith('*.');
      const name = subdomains ? lower.slice(2) : lower;
      if (!NAME.test(name) || name.length > 253)
        invalid(source, `'${value}' is not a host name or *.domain pattern`);
      return {
        text: `${detector} name ${subdomains ? '*.' : ''}${name}`,
        source,
        ...detectors,
        track: input.track,
        network: undefined,
        name,
        subdomains,
      };
    }
    const network = parseCidr(value);
    if (network === undefined) invalid(source, `'${value}' is not an address or a network in CIDR notation`);
    return {
      // A host as its address, a network in CIDR notation.
      text: `${detector} ${input.track} ${network.bits === 128 ? formatAddress(network.words) : network.text}`,
      source,
      ...detectors,
      track: input.track,
      network,
      name: '',
      subdomains: false,
    };
  });
}

/**
 * The rules of a suppress file: one per line, `<detector> <track> <value>`, whitespace between
 * them; `#` starts a comment, blank lines are skipped. Throws InvalidOption naming `file:line`.
 */
export function parseSuppressFile(text: string, file: string): SuppressRuleInput[] {
  const rules: SuppressRuleInput[] = [];
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const hash = lines[k]!.indexOf('#');
    const line = (hash < 0 ? lines[k]! : lines[k]!.slice(0, hash)).trim();
    if (line === '') continue;
    const source = `${file}:${k + 1}`;
    const fields = line.split(/\s+/);
    if (fields.length !== 3) {
      invalid(source, `expected '<detector> <track> <value>', got ${fields.length} field(s)`);
    }
    const [detector, track, value] = fields as [string, string, string];
    const rule = { detector, track: track as SuppressTrack, value, source };
    compileSuppressRules([rule]);
    rules.push(rule);
  }
  return rules;
}

/** An entity's values (a string or a list of them). */
function values(f: Finding, key: string): string[] {
  const v = f.entities[key];
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : [...v];
}

/**
 * What the tracks read from one finding, parsed once for all rules: its sources and its
 * destinations as networks (undefined for a value that is not an address, which no rule
 * covers), and its names lower-cased without a trailing dot.
 */
interface Tracked {
  readonly src: readonly (Network | undefined)[];
  readonly dst: readonly (Network | undefined)[];
  readonly names: readonly string[];
}

function tracked(f: Finding): Tracked {
  const dst = values(f, 'dst').map((v) => ({ v, n: parseCidr(v) }));
  return {
    src: values(f, 'src').map(parseCidr),
    dst: [...dst.filter((x) => x.n !== undefined).map((x) => x.n), ...values(f, 'targets').map(parseCidr)],
    names: [
      ...values(f, 'domain'),
      ...values(f, 'server'),
      ...dst.filter((x) => x.n === undefined).map((x) => x.v),
    ].map((v) => v.toLowerCase().replace(/\.$/, '')),
  };
}

function covers(rule: Network, list: readonly (Network | undefined)[]): boolean {
  return (
    list.length > 0 &&
    list.every((n) => n !== undefined && rule.bits <= n.bits && inNetwork(n.words, 0, rule))
  );
}

function detectorMatches(rule: SuppressRule, d: string): boolean {
  return rule.anyDetector || rule.kinds.includes(d) || rule.prefixes.some((p) => d.startsWith(p));
}

function matches(rule: SuppressRule, t: Tracked): boolean {
  if (rule.track === 'name') {
    const { name, subdomains } = rule;
    return t.names.length > 0 && t.names.every((n) => n === name || (subdomains && n.endsWith(`.${name}`)));
  }
  const net = rule.network!;
  const src = rule.track !== 'dst' && covers(net, t.src);
  if (src || rule.track === 'src') return src;
  return covers(net, t.dst);
}

/**
 * The rules indexed by what a finding's first value must hit: networks by prefix length and
 * masked address, names by the name (`*.domain` rules under `*.` + domain). A rule can match a
 * finding only if it covers the finding's first source, destination or name, so a finding
 * looks up its candidates (a map probe per prefix length in use and per label of its name)
 * instead of trying every rule (`npm run bench -- triage`: 5 500 rules over 5 000 findings).
 */
class RuleIndex {
  private readonly nets = new Map<string, number[]>();
  private readonly masked = new Uint32Array(4);
  private readonly lengths: number[];
  private readonly names = new Map<string, number[]>();

  constructor(rules: readonly SuppressRule[]) {
    const lengths = new Set<number>();
    rules.forEach((r, k) => {
      const key = r.network
        ? this.netKey(r.network.words, r.network.bits)
        : `${r.subdomains ? '*.' : ''}${r.name}`;
      const map = r.network ? this.nets : this.names;
      if (r.network) lengths.add(r.network.bits);
      const list = map.get(key);
      if (list === undefined) map.set(key, [k]);
      else list.push(k);
    });
    this.lengths = [...lengths];
  }

  /** `words` masked to `bits` (of the 128-bit space), as an index key. */
  private netKey(words: Uint32Array, bits: number): string {
    const m = this.masked;
    maskBits(words, 0, bits, m, 0);
    return `${bits}:${m[0]}:${m[1]}:${m[2]}:${m[3]}`;
  }

  /** Rule indexes (ascending, maybe repeated) whose network or name covers the finding's first values. */
  candidates(t: Tracked): number[] {
    const out: number[] = [];
    for (const n of [t.src[0], t.dst[0]]) {
      if (n === undefined) continue;
      for (const bits of this.lengths)
        if (bits <= n.bits) out.push(...(this.nets.get(this.netKey(n.words, bits)) ?? []));
    }
    const name = t.names[0];
    if (name !== undefined) {
      out.push(...(this.names.get(name) ?? []));
      // `*.` rules of the name itself and of each domain above it.
      for (let at = 0; ; ) {
        out.push(...(this.names.get(`*.${name.slice(at)}`) ?? []));
        const dot = name.indexOf('.', at);
        if (dot < 0) break;
        at = dot + 1;
      }
    }
    return out.sort((a, b) => a - b);
  }
}

/**
 * Drops the findings a rule matches (order kept) and reports per rule how many it took. With
 * no rules the findings come back as they are and the report is undefined.
 */
export function applySuppression(
  findings: readonly Finding[],
  rules: readonly SuppressRule[],
): { readonly findings: Finding[]; readonly report: SuppressionReport | undefined } {
  if (rules.length === 0) return { findings: [...findings], report: undefined };
  const index = new RuleIndex(rules);
  const counts = new Array<number>(rules.length).fill(0);
  const kept = findings.filter((f) => {
    const t = tracked(f);
    const k = index
      .candidates(t)
      .find((k) => detectorMatches(rules[k]!, f.detector) && matches(rules[k]!, t));
    if (k === undefined) return true;
    counts[k]!++;
    return false;
  });
  return {
    findings: kept,
    report: {
      total: findings.length - kept.length,
      rules: rules.map((r, k) => ({ rule: r.text, source: r.source, findings: counts[k]! })),
    },
  };
}
