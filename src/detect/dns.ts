/**
 * DNS abuse over one virtual shard's dns records, per querying source (`id.orig_h`; each record
 * counted once, on its originator-keyed delivery). Five finding kinds:
 *
 * - `dns.tunnel` (ATT&CK T1071.004; T1048.003 when most queries ask for TXT/NULL, the types
 *   that carry data back): per (source, registered domain, window) the distinct subdomains,
 *   their mean length and the Shannon entropy of their characters, the share of TXT/NULL/CNAME/MX
 *   queries and the query volume. A window is reported when the distinct subdomains reach
 *   `minUniqueSubdomains` (RITA's first tier, 100; severity by RITA's tiers 100/500/800/1000),
 *   the character entropy reaches `minEntropy` and either the mean subdomain length reaches
 *   `minMeanSubdomainLength` or the TXT/NULL/CNAME/MX share reaches `minTunnelTypeShare`. The
 *   content conditions keep resolvers' CDN fan-out (many short names), reverse lookups and
 *   DNSBL-style lookups (digits and dots) out.
 * - `dns.long-name`: per (source, registered domain, window), queries whose name is longer than
 *   `maxNameLength`, has a label longer than `maxLabelLength` or more than `maxLabels` labels
 *   (tunnels that split a payload into many short labels), reported from `minLongNames` on —
 *   not when the same window is already a tunnel finding.
 * - `dns.rare-qtype`: per (source, query type, window), query types outside `commonQtypes`,
 *   from `minRareQtypeQueries` on (T1071.004).
 * - `dns.nxdomain`: per (source, window), NXDOMAIN answers: at least `minNxdomain` of them, at
 *   least `minNxdomainRate` of the source's queries and over at least `minNxdomainNames`
 *   distinct names (T1568).
 * - `dns.dga`: per (source, window), registered domains whose own label looks algorithmic
 *   (length, consonant runs, vowel and digit shares, character entropy: `looksAlgorithmic`) and
 *   were answered NXDOMAIN: at least `minDgaDomains` such domains, which are at least
 *   `minDgaNxShare` of the algorithmic-looking domains the source asked for (T1568.002).
 *
 * Records to NetBIOS-NS (port 137), mDNS (5353) and LLMNR (5355), which Zeek also writes to
 * dns.log, and names under `.local` (mDNS's domain, RFC 6762: Avahi probes it with ANY queries
 * over unicast DNS too) are skipped; Zeek's type name `*` is ANY.
 *
 * Registered domains come from the public suffix list (`tldts`, private suffixes included, so
 * `x.cloudfront.net` customers are separate domains), falling back to the last two labels;
 * addresses, single labels and `.arpa` names have no registered domain. Domains in
 * `allowDomains` (or under them) are ignored by the domain findings.
 *
 * Windows are event time and anchored at an entry's first record: a record at or beyond
 * `start + windowSeconds` closes the entry's window (reports it) and opens the next one. A sweep
 * every eighth of a window closes every entry whose window has passed, so memory follows the
 * live window, not the run.
 *
 * Memory: at most `maxDomainEntries` (source, domain) and `maxSourceEntries` source entries per
 * virtual shard (the least recently touched is closed, reported if it qualifies, and dropped;
 * counted under those names). Distinct names are counted exactly up to `maxExactNames`, then by
 * a bottom-k (KMV) estimate over 53-bit hashes keeping the k smallest (error ≈ 1/√k); the
 * names that fall out are counted under `maxExactNames`. Length and entropy are taken over
 * the distinct subdomains that entered the bottom-k sample (all of them while the count is
 * exact, a hash-uniform sample after that).
 *
 * Every decision follows the shard's record order (which does not depend on the number of
 * actors or the batch split), so the findings do not either.
 */
import { parse as parseDomain } from 'tldts';
import { type BatchView, Flag, isOriginatorDelivery, RecordKind, Str } from '../shared/record.js';
import { shannonEntropy } from '../shared/sensitive-patterns.js';
import { type AnalyzerFactory, checkSnapshot, type ShardAnalyzer, type ShardOutput } from './analyzer.js';
import { FieldReader } from './fields.js';
import { compareFindings, type Finding, makeFinding, round, type Severity } from './finding.js';
import { checkOptions, type OptionRule, optionError } from './options.js';
import { RecencyList, type Recent } from './recency.js';

// ─── configuration ──────────────────────────────────────────────────────────────────────────

export interface DnsConfig {
  /** Event-time window per entry (seconds). */
  readonly windowSeconds: number;
  readonly enableTunnel: boolean;
  /** Distinct subdomains per (source, domain, window) to report a tunnel (RITA tier 1). */
  readonly minUniqueSubdomains: number;
  /** RITA's further tiers: medium, high, critical severity. */
  readonly mediumUniqueSubdomains: number;
  readonly highUniqueSubdomains: number;
  readonly criticalUniqueSubdomains: number;
  /** Mean length (characters) of the distinct subdomains. */
  readonly minMeanSubdomainLength: number;
  /** Shannon entropy (bits per character) of the subdomains' characters. */
  readonly minEntropy: number;
  /** Share of TXT/NULL/CNAME/MX queries that stands in for the length condition. */
  readonly minTunnelTypeShare: number;
  readonly enableLongName: boolean;
  readonly maxNameLength: number;
  readonly maxLabelLength: number;
  readonly maxLabels: number;
  readonly minLongNames: number;
  readonly enableRareQtype: boolean;
  /** Query types (names, upper case) that are never rare. */
  readonly commonQtypes: readonly string[];
  readonly minRareQtypeQueries: number;
  readonly enableNxdomain: boolean;
  readonly minNxdomain: number;
  readonly minNxdomainRate: number;
  readonly minNxdomainNames: number;
  readonly enableDga: boolean;
  readonly minDgaDomains: number;
  readonly minDgaNxShare: number;
  /** Shortest registered-domain label judged by `looksAlgorithmic`. */
  readonly minDgaLabelLength: number;
  /** Registered domains (and everything under them) the domain findings ignore. */
  readonly allowDomains: readonly string[];
  readonly maxDomainEntries: number;
  readonly maxSourceEntries: number;
  /** Distinct names counted exactly per entry; beyond it, a bottom-k estimate with this k. */
  readonly maxExactNames: number;
  /** Bound of the name and uid samples in a finding. */
  readonly sampleSize: number;
}

export const DEFAULT_COMMON_QTYPES: readonly string[] = Object.freeze([
  'A',
  'NS',
  'CNAME',
  'SOA',
  'PTR',
  'MX',
  'TXT',
  'AAAA',
  'SRV',
  'NAPTR',
  'DS',
  'DNSKEY',
  'SVCB',
  'HTTPS',
  'CAA',
]);

export const DEFAULT_DNS_CONFIG: DnsConfig = Object.freeze({
  windowSeconds: 3_600,
  enableTunnel: true,
  minUniqueSubdomains: 100,
  mediumUniqueSubdomains: 500,
  highUniqueSubdomains: 800,
  criticalUniqueSubdomains: 1_000,
  minMeanSubdomainLength: 24,
  minEntropy: 3.5,
  minTunnelTypeShare: 0.5,
  enableLongName: true,
  maxNameLength: 100,
  maxLabelLength: 50,
  maxLabels: 10,
  minLongNames: 5,
  enableRareQtype: true,
  commonQtypes: DEFAULT_COMMON_QTYPES,
  minRareQtypeQueries: 3,
  enableNxdomain: true,
  minNxdomain: 50,
  minNxdomainRate: 0.3,
  minNxdomainNames: 20,
  enableDga: true,
  minDgaDomains: 8,
  minDgaNxShare: 0.5,
  minDgaLabelLength: 8,
  allowDomains: Object.freeze([]) as readonly string[],
  maxDomainEntries: 8_192,
  maxSourceEntries: 4_096,
  maxExactNames: 1_024,
  sampleSize: 5,
});

type ListKey = 'commonQtypes' | 'allowDomains';
type ScalarKey = Exclude<keyof DnsConfig, ListKey>;

const RULES: { readonly [K in ScalarKey]: OptionRule } = {
  windowSeconds: { type: 'number', min: 1, max: 30 * 86_400 },
  enableTunnel: { type: 'boolean' },
  minUniqueSubdomains: { type: 'integer', min: 2, max: 1 << 24 },
  mediumUniqueSubdomains: { type: 'integer', min: 2, max: 1 << 24 },
  highUniqueSubdomains: { type: 'integer', min: 2, max: 1 << 24 },
  criticalUniqueSubdomains: { type: 'integer', min: 2, max: 1 << 24 },
  minMeanSubdomainLength: { type: 'number', min: 0, max: 255 },
  minEntropy: { type: 'number', min: 0, max: 8 },
  minTunnelTypeShare: { type: 'number', min: 0, max: 1 },
  enableLongName: { type: 'boolean' },
  maxNameLength: { type: 'integer', min: 1, max: 10_000 },
  maxLabelLength: { type: 'integer', min: 1, max: 10_000 },
  maxLabels: { type: 'integer', min: 1, max: 128 },
  minLongNames: { type: 'integer', min: 1, max: 1 << 24 },
  enableRareQtype: { type: 'boolean' },
  minRareQtypeQueries: { type: 'integer', min: 1, max: 1 << 24 },
  enableNxdomain: { type: 'boolean' },
  minNxdomain: { type: 'integer', min: 1, max: 1 << 24 },
  minNxdomainRate: { type: 'number', min: 0, max: 1 },
  minNxdomainNames: { type: 'integer', min: 1, max: 1 << 24 },
  enableDga: { type: 'boolean' },
  minDgaDomains: { type: 'integer', min: 1, max: 1 << 24 },
  minDgaNxShare: { type: 'number', min: 0, max: 1 },
  minDgaLabelLength: { type: 'integer', min: 1, max: 63 },
  maxDomainEntries: { type: 'integer', min: 1, max: 1 << 24 },
  maxSourceEntries: { type: 'integer', min: 1, max: 1 << 24 },
  maxExactNames: { type: 'integer', min: 16, max: 1 << 20 },
  sampleSize: { type: 'integer', min: 1, max: 1000 },
};

function stringList(key: string, value: unknown, upper: boolean): readonly string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw optionError('dns', key, 'must be a list of non-empty strings', value);
  }
  const norm = (value as string[]).map((v) => {
    const t = v.trim().replace(/^\.+|\.+$/g, '');
    return upper ? t.toUpperCase() : t.toLowerCase();
  });
  return Object.freeze([...new Set(norm)].sort());
}

/**
 * Fills defaults and checks every key once, at the edge. Throws InvalidOption naming the first
 * bad key (unknown keys included).
 */
export function validateDnsConfig(partial: unknown = {}): DnsConfig {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    throw optionError('dns', '(config)', 'must be an object', partial);
  }
  const { commonQtypes, allowDomains, ...scalars } = partial as Record<string, unknown>;
  const c = {
    ...checkOptions<Omit<DnsConfig, ListKey>>('dns', RULES, DEFAULT_DNS_CONFIG, scalars),
    commonQtypes:
      commonQtypes === undefined ? DEFAULT_COMMON_QTYPES : stringList('commonQtypes', commonQtypes, true),
    allowDomains:
      allowDomains === undefined
        ? DEFAULT_DNS_CONFIG.allowDomains
        : stringList('allowDomains', allowDomains, false),
  };
  const tiers: [keyof DnsConfig, number, number][] = [
    ['mediumUniqueSubdomains', c.minUniqueSubdomains, c.mediumUniqueSubdomains],
    ['highUniqueSubdomains', c.mediumUniqueSubdomains, c.highUniqueSubdomains],
    ['criticalUniqueSubdomains', c.highUniqueSubdomains, c.criticalUniqueSubdomains],
  ];
  for (const [key, below, value] of tiers) {
    if (value < below) throw optionError('dns', key, 'must not be below the tier before it', value);
  }
  return Object.freeze(c);
}

// ─── name analysis (pure) ───────────────────────────────────────────────────────────────────

/** Query type names by number, for logs that only carry `qtype`. */
const QTYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  10: 'NULL',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  35: 'NAPTR',
  43: 'DS',
  48: 'DNSKEY',
  64: 'SVCB',
  65: 'HTTPS',
  252: 'AXFR',
  255: 'ANY',
  257: 'CAA',
};

/**
 * NetBIOS name service, mDNS and LLMNR: Zeek logs them in dns.log too, but their names,
 * types (NBSTAT, ANY probes) and volumes are link-local chatter, not DNS.
 */
const OTHER_NAME_SERVICES = new Set([137, 5353, 5355]);

/** Types that carry data in tunnels (RITA and the tunnelling tools' choices). */
const TUNNEL_TYPES = new Set(['TXT', 'NULL', 'CNAME', 'MX']);
/** Types whose answers carry the most data back: T1048.003 rather than T1071.004. */
const EXFIL_TYPES = new Set(['TXT', 'NULL']);

/** Bucket of a character for the entropy histogram (case folded: DNS is case-insensitive). */
export const HIST_BUCKETS = 64;
function bucketOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 48 && code <= 57) return 26 + code - 48;
  if (code === 45) return 36;
  if (code === 95) return 37;
  if (code === 46) return 38;
  if (code < 128) return 39;
  return 40 + (code % 24);
}

/** Shannon entropy (bits) of a histogram of counts. */
export function entropyOf(hist: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < hist.length; k++) total += hist[k]!;
  if (total === 0) return 0;
  let h = 0;
  for (let k = 0; k < hist.length; k++) {
    const n = hist[k]!;
    if (n > 0) h -= (n / total) * Math.log2(n / total);
  }
  return h;
}

export interface LabelTraits {
  readonly length: number;
  readonly entropy: number;
  readonly longestConsonantRun: number;
  /** Vowels (a e i o u y) over letters. */
  readonly vowelShare: number;
  readonly digitShare: number;
  /** How many of the four signs of an algorithm hold. */
  readonly points: number;
  readonly algorithmic: boolean;
}

/**
 * Whether a registered domain's own label (`google` of `www.google.com`) looks generated: at
 * least `minLength` characters of [a-z0-9-] (no `xn--` punycode) and at least two of: a run of
 * ≥ 4 consonants, a vowel share below 0.25 (or no letters), digits mixed with letters (a digit
 * share from 0.15 to 0.85), nearly all characters different (entropy ≥ 0.9 · log2(length), from
 * 10 characters on) and hex (digits and a–f only, both present). On 263 popular site labels,
 * 7 score 2 (msftncsi, wordpress, crowdstrike…: consonant runs with few vowels); random
 * lowercase labels of 8–16 characters score 2 or more 43–68 % of the time, random
 * alphanumerics 50–87 %, hex 65–100 % — enough over the dozens of names a DGA tries per hour.
 */
export function labelTraits(label: string, minLength = 8): LabelTraits {
  const length = label.length;
  let letters = 0;
  let vowels = 0;
  let digits = 0;
  let run = 0;
  let longest = 0;
  let plain = true;
  let hex = true;
  for (let k = 0; k < length; k++) {
    const c = label.charCodeAt(k);
    if (c >= 97 && c <= 122) {
      letters++;
      if (c > 102) hex = false;
      // a e i o u y
      if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121) {
        vowels++;
        run = 0;
      } else if (++run > longest) longest = run;
    } else if (c >= 48 && c <= 57) {
      digits++;
      run = 0;
    } else if (c === 45) {
      run = 0;
      hex = false;
    } else plain = false;
  }
  const entropy = shannonEntropy(label);
  const vowelShare = letters === 0 ? 0 : vowels / letters;
  const digitShare = length === 0 ? 0 : digits / length;
  let points = 0;
  if (longest >= 4) points++;
  if (vowelShare < 0.25) points++;
  if (digitShare >= 0.15 && digitShare <= 0.85) points++;
  // Nearly every character different: random text does that up to ~12 characters, words not.
  if (length >= 10 && entropy >= 0.9 * Math.log2(length)) points++;
  // Hex digests: digits mixed with a–f only.
  if (hex && digits > 0 && digits < length) points++;
  const algorithmic = plain && length >= minLength && !label.startsWith('xn--') && points >= 2;
  return { length, entropy, longestConsonantRun: longest, vowelShare, digitShare, points, algorithmic };
}

/** cyrb53: a 53-bit string hash (exact in a double), seeded for independence from others. */
export function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let k = 0; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const HASH_SPACE = 2 ** 53;

/**
 * Distinct count: exact while at most k values were seen, then a bottom-k (KMV) estimate from
 * the k smallest hashes. `add` says whether the value entered the sample (new and small
 * enough) and whether a kept hash was pushed out.
 */
export class Distinct {
  private readonly kept: Set<number>;
  /** Largest kept hash (meaningful once saturated). */
  private max = -1;
  saturated = false;

  constructor(
    private readonly k: number,
    hashes: readonly number[] = [],
    saturated = false,
  ) {
    this.kept = new Set(hashes);
    this.saturated = saturated;
    for (const h of hashes) if (h > this.max) this.max = h;
  }

  /** 0: not new (or too large to keep); 1: entered the sample; 2: entered and pushed one out. */
  add(h: number): 0 | 1 | 2 {
    const kept = this.kept;
    if (this.saturated && h >= this.max) return 0;
    if (kept.has(h)) return 0;
    kept.add(h);
    if (h > this.max) this.max = h;
    if (kept.size <= this.k) return 1;
    this.saturated = true;
    kept.delete(this.max);
    let m = -1;
    for (const v of kept) if (v > m) m = v;
    this.max = m;
    return 2;
  }

  get exact(): boolean {
    return !this.saturated;
  }

  /** The count (exact) or its estimate, rounded. */
  count(): number {
    if (!this.saturated) return this.kept.size;
    return Math.round(((this.k - 1) * HASH_SPACE) / (this.max + 1));
  }

  hashes(): number[] {
    return [...this.kept];
  }
}

// ─── per-shard state ────────────────────────────────────────────────────────────────────────

export const DNS_EVICTION_NAMES = ['maxDomainEntries', 'maxSourceEntries', 'maxExactNames'] as const;
type EvictionName = (typeof DNS_EVICTION_NAMES)[number];

/** 2: long names' `mostLabels`. */
const SNAPSHOT_VERSION = 2;
const FIELDS = ['query', 'qtype_name', 'qtype', 'rcode_name', 'rcode'] as const;
const F_QUERY = 0;
const F_QTYPE_NAME = 1;
const F_QTYPE = 2;
const F_RCODE_NAME = 3;
const F_RCODE = 4;
/** Seed of the name hashes the distinct counts keep (exported for tests that replay them). */
export const NAME_SEED = 0x5eed;

/** (source, registered domain) in one window. */
interface DomainState {
  /** The map key: source address words and domain. */
  readonly key: string;
  readonly src: string;
  readonly domain: string;
  readonly resolver: string;
  start: number;
  firstTs: number;
  lastTs: number;
  queries: number;
  /** TXT/NULL/CNAME/MX queries and the TXT/NULL part of them. */
  tunnelTypes: number;
  exfilTypes: number;
  /** Per type name (bounded: the few tunnel types). */
  types: Record<string, number>;
  /** Over the subdomains that entered the distinct sample. */
  sampledNames: number;
  lengthSum: number;
  hist: number[] | null;
  hashes: number[];
  saturated: boolean;
  longNames: number;
  longestName: number;
  /** The most labels of a long name. */
  mostLabels: number;
  sampleNames: string[];
  sampleUids: string[];
  longSamples: string[];
}

interface DomainEntry extends DomainState, Recent<DomainEntry> {
  distinct: Distinct | null;
  /** The source's cache that holds this entry (it leaves that cache when it closes). */
  keys: SourceKeys | undefined;
}

interface RareType {
  count: number;
  firstTs: number;
  lastTs: number;
  names: string[];
  uids: string[];
}

/** A source in one window. */
interface SourceState {
  /** The map key: source address words. */
  readonly key: string;
  readonly src: string;
  start: number;
  firstTs: number;
  lastTs: number;
  queries: number;
  nx: number;
  nxHashes: number[];
  nxSaturated: boolean;
  nxSamples: string[];
  nxUids: string[];
  dgaHashes: number[];
  dgaSaturated: boolean;
  dgaNxHashes: number[];
  dgaNxSaturated: boolean;
  dgaSamples: string[];
  rare: Record<string, RareType>;
}

interface SourceEntry extends SourceState, Recent<SourceEntry> {
  nxNames: Distinct | null;
  dga: Distinct | null;
  dgaNx: Distinct | null;
  /** False once closed (a source's cache may still hold it). */
  open: boolean;
}

interface DnsSnapshot {
  readonly version: number;
  readonly vshard: number;
  readonly sweepAt: number | null;
  readonly evictions: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  /** In least-recently-touched order. */
  readonly domains: readonly DomainState[];
  readonly sources: readonly SourceState[];
}

/** A name for a finding: long subdomains cut (they are the payload of a tunnel). */
export function maskName(name: string, domain: string, keep = 16): string {
  const sub =
    domain !== '' && name.length > domain.length ? name.slice(0, name.length - domain.length - 1) : '';
  if (sub.length <= keep) return name;
  return `${sub.slice(0, keep)}…(${sub.length})${domain === '' ? '' : `.${domain}`}`;
}

/**
 * Names seen recently → their registered domain. The public-suffix lookup costs ≈ 1–2 µs and
 * benign DNS asks for the same few thousand names all day; a pure function of the name, so one
 * cache per thread serves every shard. Bounded: cleared when full (cheaper than LRU upkeep).
 */
const domainCache = new Map<string, string>();
const DOMAIN_CACHE_ENTRIES = 16_384;

/**
 * Whether a registered domain's own label looks generated (labelTraits), cached like
 * `domainCache`: the traits (an entropy with a Map of characters among them) were computed for
 * every query of every source. A pure function of (domain, minLength); one minLength at a time.
 */
const dgaCache = { minLength: -1, algorithmic: new Map<string, boolean>() };

function algorithmicDomain(domain: string, minLength: number): boolean {
  if (dgaCache.minLength !== minLength) {
    dgaCache.algorithmic.clear();
    dgaCache.minLength = minLength;
  }
  const cached = dgaCache.algorithmic.get(domain);
  if (cached !== undefined) return cached;
  const dot = domain.indexOf('.');
  const label = dot < 0 ? domain : domain.slice(0, dot);
  const algorithmic = label.length >= minLength && labelTraits(label, minLength).algorithmic;
  if (dgaCache.algorithmic.size >= DOMAIN_CACHE_ENTRIES) dgaCache.algorithmic.clear();
  dgaCache.algorithmic.set(domain, algorithmic);
  return algorithmic;
}

/** Registered domain of a normalised name; '' for addresses, single labels and .arpa names. */
export function registeredDomain(name: string): string {
  const cached = domainCache.get(name);
  if (cached !== undefined) return cached;
  const domain = lookupRegisteredDomain(name);
  if (domainCache.size >= DOMAIN_CACHE_ENTRIES) domainCache.clear();
  domainCache.set(name, domain);
  return domain;
}

function lookupRegisteredDomain(name: string): string {
  if (name === '' || name.endsWith('.arpa') || name === 'arpa') return '';
  const r = parseDomain(name, {
    allowPrivateDomains: true,
    extractHostname: false,
    validateHostname: false,
    detectIp: true,
  });
  if (r.isIp === true) return '';
  if (r.domain !== null && r.domain !== '') return r.domain;
  const labels = name.split('.').filter((l) => l !== '');
  return labels.length >= 2 ? labels.slice(-2).join('.') : '';
}

function tunnelSeverity(unique: number, c: DnsConfig): Severity {
  if (unique >= c.criticalUniqueSubdomains) return 'critical';
  if (unique >= c.highUniqueSubdomains) return 'high';
  if (unique >= c.mediumUniqueSubdomains) return 'medium';
  return 'low';
}

function pushBounded(list: string[], value: string, max: number): void {
  if (list.length < max && value !== '' && !list.includes(value)) list.push(value);
}

/**
 * A source's map key, its address text (set when first needed), its open entry and its open
 * (source, domain) entries by domain: a record finds its entries here with one lookup in a
 * small map and builds no key or address strings (the shard's maps, keyed by those strings,
 * are consulted only when an entry is opened or closed, or after this cache was cleared).
 * Holds open entries only: a domain entry leaves its source's map when it closes.
 */
interface SourceKeys {
  readonly key: string;
  src: string | undefined;
  source: SourceEntry | undefined;
  readonly domains: Map<string, DomainEntry>;
}
const SOURCE_KEY_ENTRIES = 4_096;

class DnsShard implements ShardAnalyzer {
  /** By IPv4 address (a number) or the key text (IPv6). Bounded: cleared when full. */
  private readonly keys = new Map<number | string, SourceKeys>();
  private readonly reader = new FieldReader(FIELDS);
  /**
   * Open entries by key, and the same entries least recently touched first (the cap evicts the
   * first).
   */
  private readonly domains = new Map<string, DomainEntry>();
  private readonly domainOrder = new RecencyList<DomainEntry>();
  private readonly sources = new Map<string, SourceEntry>();
  private readonly sourceOrder = new RecencyList<SourceEntry>();
  private readonly findings: Finding[] = [];
  private readonly evicted: Record<EvictionName, number> = {
    maxDomainEntries: 0,
    maxSourceEntries: 0,
    maxExactNames: 0,
  };
  private sweepAt = Number.NaN;
  /** The resolver address last formatted, and its text (a network has a few resolvers). */
  private readonly resolverWords = new Uint32Array(4);
  private resolver: string | undefined;
  private readonly common: ReadonlySet<string>;
  private readonly allow: readonly string[];
  /** `.${d}` of each allowed domain d (built once, not per query). */
  private readonly allowDotted: readonly string[];

  constructor(
    private readonly vshard: number,
    private readonly c: DnsConfig,
  ) {
    this.common = new Set(c.commonQtypes);
    this.allow = c.allowDomains;
    this.allowDotted = c.allowDomains.map((d) => `.${d}`);
  }

  observeRows(view: BatchView, rows: Int32Array, from: number, to: number): void {
    for (let k = from; k < to; k++) this.observe(view, rows[k]!);
  }

  observe(view: BatchView, i: number): void {
    if (view.kind[i] !== RecordKind.Dns) return;
    const flags = view.flags[i]!;
    if ((flags & Flag.OrigSet) === 0 || !isOriginatorDelivery(flags)) return;
    const ts = view.ts[i]!;
    if (!Number.isFinite(ts)) return;
    if (OTHER_NAME_SERVICES.has(view.respPort[i]!)) return;
    const r = this.reader;
    if (!r.read(view, i)) return;
    let name = (r.text(F_QUERY) ?? '').toLowerCase();
    while (name.endsWith('.')) name = name.slice(0, -1);
    if (name === '' || name.endsWith('.local')) return;
    let qtype = (r.text(F_QTYPE_NAME) ?? '').toUpperCase();
    if (qtype === '*') qtype = 'ANY';
    else if (qtype === '' || qtype === '-') {
      const n = r.number(F_QTYPE);
      qtype = Number.isInteger(n) ? (QTYPE_NAMES[n] ?? `TYPE${n}`) : '';
    }
    const rcodeName = (r.text(F_RCODE_NAME) ?? '').toUpperCase();
    const nx = rcodeName === 'NXDOMAIN' || (rcodeName === '' && r.number(F_RCODE) === 3);

    if (Number.isNaN(this.sweepAt)) this.sweepAt = ts + this.c.windowSeconds;
    else if (ts >= this.sweepAt) this.sweep(ts);

    const keys = this.sourceKeys(view, i);
    const domain = registeredDomain(name);
    const allowed = domain !== '' && this.isAllowed(domain);

    this.observeSource(view, i, keys, ts, name, qtype, nx, allowed ? '' : domain);
    if (domain !== '' && !allowed) this.observeDomain(view, i, keys, ts, name, domain, qtype);
  }

  /** The source's key text `w0,w1,w2,w3` (and its domain keys), from the cache when seen. */
  private sourceKeys(view: BatchView, i: number): SourceKeys {
    const n = view.count;
    const a = view.addr;
    const w0 = a[i]!;
    const w1 = a[n + i]!;
    const w2 = a[2 * n + i]!;
    const w3 = a[3 * n + i]!;
    const v4 = w0 === 0 && w1 === 0 && w2 === 0xffff;
    const text = v4 ? '' : `${w0},${w1},${w2},${w3}`;
    const id: number | string = v4 ? w3 : text;
    let keys = this.keys.get(id);
    if (keys === undefined) {
      if (this.keys.size >= SOURCE_KEY_ENTRIES) this.keys.clear();
      keys = {
        key: v4 ? `${w0},${w1},${w2},${w3}` : text,
        src: undefined,
        source: undefined,
        domains: new Map(),
      };
      this.keys.set(id, keys);
    }
    return keys;
  }

  /** formatResp through a one-entry cache. */
  private resolverText(view: BatchView, i: number): string {
    if ((view.flags[i]! & Flag.RespSet) === 0) return '';
    const n = view.count;
    const a = view.addr;
    const w = this.resolverWords;
    if (
      this.resolver === undefined ||
      w[0] !== a[4 * n + i] ||
      w[1] !== a[5 * n + i] ||
      w[2] !== a[6 * n + i] ||
      w[3] !== a[7 * n + i]
    ) {
      for (let k = 0; k < 4; k++) w[k] = a[(4 + k) * n + i]!;
      this.resolver = formatResp(view, i);
    }
    return this.resolver;
  }

  /** Counts a name pushed out of a bottom-k sample; true when the name entered it. */
  private counted(added: 0 | 1 | 2): boolean {
    if (added === 2) this.evicted.maxExactNames++;
    return added !== 0;
  }

  private isAllowed(domain: string): boolean {
    const allow = this.allow;
    for (let k = 0; k < allow.length; k++) {
      if (domain === allow[k] || domain.endsWith(this.allowDotted[k]!)) return true;
    }
    return false;
  }

  private uid(view: BatchView, i: number): string {
    return view.str(i, Str.Uid);
  }

  // ── per source ──

  private observeSource(
    view: BatchView,
    i: number,
    keys: SourceKeys,
    ts: number,
    name: string,
    qtype: string,
    nx: boolean,
    domain: string,
  ): void {
    const c = this.c;
    let s = keys.source;
    if (s === undefined || !s.open) {
      // Opened before this cache entry was made (or reopened since): the shard's map has it.
      s = this.sources.get(keys.key);
      keys.source = s;
    }
    if (s !== undefined && ts >= s.start + c.windowSeconds) {
      this.endSource(s);
      s = undefined;
    }
    if (s === undefined) {
      const oldest = this.sourceOrder.oldest;
      if (oldest !== null && this.sourceOrder.size >= c.maxSourceEntries) {
        this.evicted.maxSourceEntries++;
        this.endSource(oldest);
      }
      s = newSource(keys.key, sourceText(keys, view, i), ts);
      this.sources.set(s.key, s);
      this.sourceOrder.push(s);
      keys.source = s;
    } else this.sourceOrder.touch(s);
    s.queries++;
    if (ts < s.firstTs) s.firstTs = ts;
    if (ts > s.lastTs) s.lastTs = ts;
    if (c.enableRareQtype && qtype !== '' && !this.common.has(qtype)) {
      let t = s.rare[qtype];
      if (t === undefined) {
        // Bounded: types beyond 16 per source and window are folded into OTHER.
        const k = Object.keys(s.rare).length < 16 ? qtype : 'OTHER';
        t = s.rare[k] ??= { count: 0, firstTs: ts, lastTs: ts, names: [], uids: [] };
      }
      t.count++;
      if (ts < t.firstTs) t.firstTs = ts;
      if (ts > t.lastTs) t.lastTs = ts;
      if (t.names.length < c.sampleSize) {
        pushBounded(t.names, maskName(name, domain), c.sampleSize);
        pushBounded(t.uids, this.uid(view, i), c.sampleSize);
      }
    }
    if (nx && c.enableNxdomain) {
      s.nx++;
      s.nxNames ??= new Distinct(Math.min(c.maxExactNames, 256));
      const added = this.counted(s.nxNames.add(hash53(name, NAME_SEED)));
      if (added && s.nxSamples.length < c.sampleSize) {
        pushBounded(s.nxSamples, maskName(name, domain), c.sampleSize);
        pushBounded(s.nxUids, this.uid(view, i), c.sampleSize);
      }
    }
    if (c.enableDga && domain !== '' && algorithmicDomain(domain, c.minDgaLabelLength)) {
      const h = hash53(domain, NAME_SEED);
      s.dga ??= new Distinct(Math.min(c.maxExactNames, 256));
      this.counted(s.dga.add(h));
      if (nx) {
        s.dgaNx ??= new Distinct(Math.min(c.maxExactNames, 256));
        if (this.counted(s.dgaNx.add(h))) pushBounded(s.dgaSamples, domain, c.sampleSize);
      }
    }
  }

  /** Removes an open source entry and reports its window. */
  private endSource(s: SourceEntry): void {
    this.sources.delete(s.key);
    this.sourceOrder.remove(s);
    s.open = false;
    this.closeSource(s);
  }

  private closeSource(s: SourceEntry): void {
    const c = this.c;
    const entities = { src: s.src };
    for (const type of Object.keys(s.rare).sort()) {
      const t = s.rare[type]!;
      if (t.count < c.minRareQtypeQueries) continue;
      this.findings.push(
        makeFinding({
          detector: 'dns.rare-qtype',
          attack: 'T1071.004',
          severity: type === 'ANY' || type === 'AXFR' || type === 'IXFR' ? 'medium' : 'low',
          confidence: round(Math.min(0.9, 0.4 + 0.05 * Math.log2(t.count)), 2),
          firstTs: t.firstTs,
          lastTs: t.lastTs,
          entities: { src: s.src, qtype: type },
          evidence: {
            queries: t.count,
            sourceQueries: s.queries,
            minRareQtypeQueries: c.minRareQtypeQueries,
            windowSeconds: c.windowSeconds,
            sampleNames: [...t.names].sort(),
            sampleUids: [...t.uids].sort(),
          },
          summary: `${s.src} sent ${t.count} DNS queries of the uncommon type ${type}`,
        }),
      );
    }
    // An estimate past the exact range can exceed what it estimates (KMV's error is ~6 % at
    // k = 256): never more distinct names than NXDOMAIN answers.
    const nxNames = Math.min(s.nxNames?.count() ?? 0, s.nx);
    const rate = s.queries === 0 ? 0 : s.nx / s.queries;
    if (
      c.enableNxdomain &&
      s.nx >= c.minNxdomain &&
      rate >= c.minNxdomainRate &&
      nxNames >= c.minNxdomainNames
    ) {
      this.findings.push(
        makeFinding({
          detector: 'dns.nxdomain',
          attack: 'T1568',
          severity: rate >= 0.8 && s.nx >= 4 * c.minNxdomain ? 'medium' : 'low',
          confidence: round(Math.min(0.9, 0.3 + 0.6 * rate), 2),
          firstTs: s.firstTs,
          lastTs: s.lastTs,
          entities,
          evidence: {
            nxdomain: s.nx,
            queries: s.queries,
            rate: round(rate, 3),
            distinctNames: nxNames,
            distinctExact: s.nxNames?.exact ?? true,
            thresholds: {
              minNxdomain: c.minNxdomain,
              minNxdomainRate: c.minNxdomainRate,
              minNxdomainNames: c.minNxdomainNames,
            },
            windowSeconds: c.windowSeconds,
            sampleNames: [...s.nxSamples].sort(),
            sampleUids: [...s.nxUids].sort(),
          },
          summary: `${s.src} got NXDOMAIN for ${s.nx} of ${s.queries} DNS queries (${s.nxNames?.exact === false ? '≈ ' : ''}${nxNames} distinct names)`,
        }),
      );
    }
    const dgaDomains = s.dga?.count() ?? 0;
    const dgaNx = Math.min(s.dgaNx?.count() ?? 0, s.nx);
    const share = dgaDomains === 0 ? 0 : Math.min(1, dgaNx / dgaDomains);
    if (c.enableDga && dgaNx >= c.minDgaDomains && share >= c.minDgaNxShare) {
      this.findings.push(
        makeFinding({
          detector: 'dns.dga',
          attack: 'T1568.002',
          severity: dgaNx >= 4 * c.minDgaDomains ? 'high' : 'medium',
          confidence: round(
            Math.min(0.95, 0.5 + 0.4 * share * Math.min(1, dgaNx / (4 * c.minDgaDomains))),
            2,
          ),
          firstTs: s.firstTs,
          lastTs: s.lastTs,
          entities,
          evidence: {
            algorithmicDomains: dgaDomains,
            nxdomainDomains: dgaNx,
            nxShare: round(share, 3),
            queries: s.queries,
            thresholds: { minDgaDomains: c.minDgaDomains, minDgaNxShare: c.minDgaNxShare },
            windowSeconds: c.windowSeconds,
            sampleDomains: [...s.dgaSamples].sort(),
          },
          summary: `${s.src} asked for ${dgaDomains} algorithmic-looking domains, ${dgaNx} of them NXDOMAIN (DGA)`,
        }),
      );
    }
  }

  // ── per (source, domain) ──

  private observeDomain(
    view: BatchView,
    i: number,
    keys: SourceKeys,
    ts: number,
    name: string,
    domain: string,
    qtype: string,
  ): void {
    const c = this.c;
    let d = keys.domains.get(domain);
    const key = d?.key ?? `${keys.key}|${domain}`;
    if (d === undefined) {
      // Not opened since this source's cache entry was made: the shard's map may have it.
      d = this.domains.get(key);
      if (d !== undefined) this.cacheDomain(keys, d);
    }
    if (d !== undefined && ts >= d.start + c.windowSeconds) {
      this.endDomain(d);
      d = undefined;
    }
    if (d === undefined) {
      const oldest = this.domainOrder.oldest;
      if (oldest !== null && this.domainOrder.size >= c.maxDomainEntries) {
        this.evicted.maxDomainEntries++;
        this.endDomain(oldest);
      }
      d = newDomain(key, sourceText(keys, view, i), domain, this.resolverText(view, i), ts);
      this.domains.set(d.key, d);
      this.domainOrder.push(d);
      this.cacheDomain(keys, d);
    } else this.domainOrder.touch(d);
    d.queries++;
    if (ts < d.firstTs) d.firstTs = ts;
    if (ts > d.lastTs) d.lastTs = ts;
    if (TUNNEL_TYPES.has(qtype)) {
      d.tunnelTypes++;
      d.types[qtype] = (d.types[qtype] ?? 0) + 1;
      if (EXFIL_TYPES.has(qtype)) d.exfilTypes++;
    }
    if (c.enableLongName) {
      let long = name.length > c.maxNameLength;
      let labels = 0;
      let start = 0;
      for (let k = 0; k <= name.length; k++) {
        if (k === name.length || name.charCodeAt(k) === 46) {
          labels++;
          if (k - start > c.maxLabelLength) long = true;
          start = k + 1;
        }
      }
      if (labels > c.maxLabels) long = true;
      if (long) {
        d.longNames++;
        if (name.length > d.longestName) d.longestName = name.length;
        if (labels > d.mostLabels) d.mostLabels = labels;
        if (d.longSamples.length < c.sampleSize)
          pushBounded(d.longSamples, maskName(name, domain), c.sampleSize);
      }
    }
    if (!c.enableTunnel || name.length <= domain.length) return;
    const sub = name.slice(0, name.length - domain.length - 1);
    d.distinct ??= new Distinct(c.maxExactNames);
    if (!this.counted(d.distinct.add(hash53(sub, NAME_SEED)))) return;
    d.sampledNames++;
    d.lengthSum += sub.length;
    if (d.hist === null) d.hist = new Array<number>(HIST_BUCKETS).fill(0);
    const hist = d.hist;
    for (let k = 0; k < sub.length; k++) hist[bucketOf(sub.charCodeAt(k))]!++;
    // Samples near the threshold: the names that made the window reportable.
    if (d.sampleNames.length < c.sampleSize && d.sampledNames + c.sampleSize > c.minUniqueSubdomains) {
      pushBounded(d.sampleNames, maskName(name, domain), c.sampleSize);
      pushBounded(d.sampleUids, this.uid(view, i), c.sampleSize);
    }
  }

  /** Puts an open domain entry in its source's cache (the current one for that source). */
  private cacheDomain(keys: SourceKeys, d: DomainEntry): void {
    keys.domains.set(d.domain, d);
    d.keys = keys;
  }

  /** Removes an open domain entry (from its source's cache too) and reports its window. */
  private endDomain(d: DomainEntry): void {
    this.domains.delete(d.key);
    this.domainOrder.remove(d);
    const keys = d.keys;
    if (keys !== undefined && keys.domains.get(d.domain) === d) keys.domains.delete(d.domain);
    d.keys = undefined;
    this.closeDomain(d);
  }

  private closeDomain(d: DomainEntry): void {
    const c = this.c;
    // An estimate can overshoot; there are never more distinct names than queries.
    const unique = Math.min(d.distinct?.count() ?? 0, d.queries);
    const meanLength = d.sampledNames === 0 ? 0 : d.lengthSum / d.sampledNames;
    const entropy = d.hist === null ? 0 : entropyOf(d.hist);
    const typeShare = d.queries === 0 ? 0 : d.tunnelTypes / d.queries;
    const exfilShare = d.queries === 0 ? 0 : d.exfilTypes / d.queries;
    const entities = { src: d.src, domain: d.domain, resolver: d.resolver };
    const tunnel =
      c.enableTunnel &&
      unique >= c.minUniqueSubdomains &&
      entropy >= c.minEntropy &&
      (meanLength >= c.minMeanSubdomainLength || typeShare >= c.minTunnelTypeShare);
    if (tunnel) {
      let confidence = 0.6;
      if (meanLength >= c.minMeanSubdomainLength) confidence += 0.1;
      if (typeShare >= c.minTunnelTypeShare) confidence += 0.1;
      if (entropy >= 4.5) confidence += 0.1;
      if (unique >= c.criticalUniqueSubdomains) confidence += 0.05;
      const types: Record<string, number> = {};
      for (const k of Object.keys(d.types).sort()) types[k] = d.types[k]!;
      const shareText = `${Math.round(typeShare * 100)} % TXT/NULL/CNAME/MX`;
      this.findings.push(
        makeFinding({
          detector: 'dns.tunnel',
          attack: exfilShare >= 0.5 ? 'T1048.003' : 'T1071.004',
          severity: tunnelSeverity(unique, c),
          confidence: round(Math.min(0.95, confidence), 2),
          firstTs: d.firstTs,
          lastTs: d.lastTs,
          entities,
          evidence: {
            queries: d.queries,
            uniqueSubdomains: unique,
            uniqueExact: d.distinct?.exact ?? true,
            meanSubdomainLength: round(meanLength, 1),
            entropyBits: round(entropy, 3),
            tunnelTypeShare: round(typeShare, 3),
            types,
            longNames: d.longNames,
            thresholds: {
              minUniqueSubdomains: c.minUniqueSubdomains,
              tiers: [
                c.minUniqueSubdomains,
                c.mediumUniqueSubdomains,
                c.highUniqueSubdomains,
                c.criticalUniqueSubdomains,
              ],
              minEntropy: c.minEntropy,
              minMeanSubdomainLength: c.minMeanSubdomainLength,
              minTunnelTypeShare: c.minTunnelTypeShare,
            },
            windowSeconds: c.windowSeconds,
            sampleNames: [...d.sampleNames].sort(),
            sampleUids: [...d.sampleUids].sort(),
          },
          summary:
            `${d.src} sent ${d.queries} DNS queries with ${unique} distinct subdomains of ${d.domain} ` +
            `(mean length ${round(meanLength, 1)}, entropy ${round(entropy, 2)} bits, ${shareText}): DNS tunnel`,
        }),
      );
      return;
    }
    if (c.enableLongName && d.longNames >= c.minLongNames) {
      this.findings.push(
        makeFinding({
          detector: 'dns.long-name',
          attack: 'T1071.004',
          severity: 'low',
          confidence: round(Math.min(0.8, 0.3 + 0.05 * Math.log2(d.longNames)), 2),
          firstTs: d.firstTs,
          lastTs: d.lastTs,
          entities,
          evidence: {
            longNames: d.longNames,
            queries: d.queries,
            longestName: d.longestName,
            mostLabels: d.mostLabels,
            thresholds: {
              maxNameLength: c.maxNameLength,
              maxLabelLength: c.maxLabelLength,
              maxLabels: c.maxLabels,
              minLongNames: c.minLongNames,
            },
            windowSeconds: c.windowSeconds,
            sampleNames: [...d.longSamples].sort(),
          },
          summary: `${d.src} sent ${d.longNames} DNS queries with over-long or many-labelled names under ${d.domain} (longest ${d.longestName} characters, up to ${d.mostLabels} labels)`,
        }),
      );
    }
  }

  private sweep(ts: number): void {
    const w = this.c.windowSeconds;
    this.domainOrder.forEach((d) => {
      if (ts >= d.start + w) this.endDomain(d);
    });
    this.sourceOrder.forEach((s) => {
      if (ts >= s.start + w) this.endSource(s);
    });
    this.sweepAt = ts + w / 8;
  }

  finish(): ShardOutput {
    this.domainOrder.forEach((d) => {
      this.endDomain(d);
    });
    this.sourceOrder.forEach((s) => {
      this.endSource(s);
    });
    this.keys.clear();
    const findings = [...this.findings].sort(compareFindings);
    return { findings, partial: undefined, evictions: { ...this.evicted } };
  }

  snapshot(): DnsSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      vshard: this.vshard,
      sweepAt: Number.isNaN(this.sweepAt) ? null : this.sweepAt,
      evictions: { ...this.evicted },
      findings: [...this.findings],
      domains: this.domainOrder.toArray().map(domainState),
      sources: this.sourceOrder.toArray().map(sourceState),
    };
  }

  static restore(vshard: number, config: DnsConfig, snapshot: unknown): DnsShard {
    const full = checkSnapshot<DnsSnapshot>('dns', snapshot, SNAPSHOT_VERSION, vshard);
    const shard = new DnsShard(vshard, config);
    shard.sweepAt = full.sweepAt ?? Number.NaN;
    for (const name of DNS_EVICTION_NAMES) shard.evicted[name] = full.evictions[name] ?? 0;
    for (const f of full.findings) shard.findings.push(f);
    const k = config.maxExactNames;
    const small = Math.min(k, 256);
    for (const d of full.domains) {
      const e: DomainEntry = {
        ...cloneDomain(d),
        distinct: d.hashes.length === 0 && !d.saturated ? null : new Distinct(k, d.hashes, d.saturated),
        older: null,
        newer: null,
        keys: undefined,
      };
      shard.domains.set(d.key, e);
      shard.domainOrder.push(e);
    }
    for (const s of full.sources) {
      const e: SourceEntry = {
        ...cloneSource(s),
        nxNames: s.nxHashes.length === 0 ? null : new Distinct(small, s.nxHashes, s.nxSaturated),
        dga: s.dgaHashes.length === 0 ? null : new Distinct(small, s.dgaHashes, s.dgaSaturated),
        dgaNx: s.dgaNxHashes.length === 0 ? null : new Distinct(small, s.dgaNxHashes, s.dgaNxSaturated),
        older: null,
        newer: null,
        open: true,
      };
      shard.sources.set(s.key, e);
      shard.sourceOrder.push(e);
    }
    return shard;
  }
}

/** The source's address text (record i's originator), formatted once per SourceKeys. */
function sourceText(keys: SourceKeys, view: BatchView, i: number): string {
  if (keys.src === undefined) keys.src = view.addrText(i, 0);
  return keys.src;
}

function formatResp(view: BatchView, i: number): string {
  if ((view.flags[i]! & Flag.RespSet) === 0) return '';
  return view.addrText(i, 1);
}

function newDomain(key: string, src: string, domain: string, resolver: string, ts: number): DomainEntry {
  return {
    key,
    src,
    domain,
    resolver,
    start: ts,
    firstTs: ts,
    lastTs: ts,
    queries: 0,
    tunnelTypes: 0,
    exfilTypes: 0,
    types: {},
    sampledNames: 0,
    lengthSum: 0,
    hist: null,
    hashes: [],
    saturated: false,
    longNames: 0,
    longestName: 0,
    mostLabels: 0,
    sampleNames: [],
    sampleUids: [],
    longSamples: [],
    distinct: null,
    older: null,
    newer: null,
    keys: undefined,
  };
}

function newSource(key: string, src: string, ts: number): SourceEntry {
  return {
    key,
    src,
    start: ts,
    firstTs: ts,
    lastTs: ts,
    queries: 0,
    nx: 0,
    nxHashes: [],
    nxSaturated: false,
    nxSamples: [],
    nxUids: [],
    dgaHashes: [],
    dgaSaturated: false,
    dgaNxHashes: [],
    dgaNxSaturated: false,
    dgaSamples: [],
    rare: {},
    nxNames: null,
    dga: null,
    dgaNx: null,
    older: null,
    newer: null,
    open: true,
  };
}

function cloneDomain(d: DomainState): DomainState {
  return {
    key: d.key,
    src: d.src,
    domain: d.domain,
    resolver: d.resolver,
    start: d.start,
    firstTs: d.firstTs,
    lastTs: d.lastTs,
    queries: d.queries,
    tunnelTypes: d.tunnelTypes,
    exfilTypes: d.exfilTypes,
    types: { ...d.types },
    sampledNames: d.sampledNames,
    lengthSum: d.lengthSum,
    hist: d.hist === null ? null : [...d.hist],
    hashes: [...d.hashes],
    saturated: d.saturated,
    longNames: d.longNames,
    longestName: d.longestName,
    mostLabels: d.mostLabels,
    sampleNames: [...d.sampleNames],
    sampleUids: [...d.sampleUids],
    longSamples: [...d.longSamples],
  };
}

function domainState(d: DomainEntry): DomainState {
  return cloneDomain({
    ...d,
    hashes: d.distinct?.hashes() ?? [],
    saturated: d.distinct?.saturated ?? false,
  });
}

function cloneSource(s: SourceState): SourceState {
  const rare: Record<string, RareType> = {};
  for (const [k, t] of Object.entries(s.rare)) rare[k] = { ...t, names: [...t.names], uids: [...t.uids] };
  return {
    key: s.key,
    src: s.src,
    start: s.start,
    firstTs: s.firstTs,
    lastTs: s.lastTs,
    queries: s.queries,
    nx: s.nx,
    nxHashes: [...s.nxHashes],
    nxSaturated: s.nxSaturated,
    nxSamples: [...s.nxSamples],
    nxUids: [...s.nxUids],
    dgaHashes: [...s.dgaHashes],
    dgaSaturated: s.dgaSaturated,
    dgaNxHashes: [...s.dgaNxHashes],
    dgaNxSaturated: s.dgaNxSaturated,
    dgaSamples: [...s.dgaSamples],
    rare,
  };
}

function sourceState(s: SourceEntry): SourceState {
  return cloneSource({
    ...s,
    nxHashes: s.nxNames?.hashes() ?? [],
    nxSaturated: s.nxNames?.saturated ?? false,
    dgaHashes: s.dga?.hashes() ?? [],
    dgaSaturated: s.dga?.saturated ?? false,
    dgaNxHashes: s.dgaNx?.hashes() ?? [],
    dgaNxSaturated: s.dgaNx?.saturated ?? false,
  });
}

export const dnsAnalyzer: AnalyzerFactory<DnsConfig> = {
  name: 'dns',
  create(vshard: number, config: DnsConfig): ShardAnalyzer {
    return new DnsShard(vshard, config);
  },
  restore(vshard: number, config: DnsConfig, snapshot: unknown): ShardAnalyzer {
    return DnsShard.restore(vshard, config, snapshot);
  },
  // No cross-shard aggregate: every source's records meet in its own shard.
  merge(parts: readonly unknown[]): unknown {
    return parts.find((p) => p !== undefined);
  },
};
