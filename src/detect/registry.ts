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
import { authAnalyzer, lateralAnalyzer, validateAuthConfig, validateLateralConfig } from './auth.js';
import { baselineAnalyzer, validateBaselineConfig } from './baseline.js';
import { beaconAnalyzer, validateBeaconConfig } from './beacon.js';
import { contentAnalyzer, validateContentConfig } from './content.js';
import { dnsAnalyzer, validateDnsConfig } from './dns.js';
import { exfilAnalyzer, validateExfilConfig } from './exfil.js';
import { icmpTunnelAnalyzer, validateIcmpTunnelConfig } from './icmp-tunnel.js';
import { protocolAnalyzer, validateProtocolConfig } from './protocol.js';
import { scanAnalyzer, validateScanConfig } from './scan.js';

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

export const DETECTORS: readonly DetectorEntry[] = [
  {
    name: 'scan',
    factory: scanAnalyzer as AnalyzerFactory,
    validate: (p) => validateScanConfig(p as Parameters<typeof validateScanConfig>[0]),
    defaultOn: true,
    produces: ['scan.'],
    describe: 'port scans: TRW per source, horizontal and vertical thresholds',
  },
  {
    name: 'beacon',
    factory: beaconAnalyzer as AnalyzerFactory,
    validate: (p) => validateBeaconConfig(p as Parameters<typeof validateBeaconConfig>[0]),
    defaultOn: false,
    produces: ['beacon'],
    describe: 'beaconing, strobes, long connections per (source, destination); per (source, SNI/Host)',
  },
  {
    name: 'dns',
    factory: dnsAnalyzer as AnalyzerFactory,
    validate: (p) => validateDnsConfig(p),
    defaultOn: true,
    produces: ['dns.'],
    describe: 'DNS tunnelling, long names, rare query types, NXDOMAIN floods and DGA per source',
  },
  {
    name: 'content',
    factory: contentAnalyzer as AnalyzerFactory,
    validate: (p) => validateContentConfig(p as Parameters<typeof validateContentConfig>[0]),
    defaultOn: true,
    produces: ['content.'],
    describe: 'sensitive data, command lines and suspicious destinations in clear-text fields',
  },
  {
    name: 'exfil',
    factory: exfilAnalyzer as AnalyzerFactory,
    validate: (p) => validateExfilConfig(p as Parameters<typeof validateExfilConfig>[0]),
    defaultOn: true,
    produces: ['exfil.'],
    describe: 'exfiltration: volume to rare destinations, first-seen uploads, PCR shifts, HTTP POST volume',
  },
  {
    name: 'auth',
    factory: authAnalyzer as AnalyzerFactory,
    validate: (p) => validateAuthConfig(p as Parameters<typeof validateAuthConfig>[0]),
    defaultOn: true,
    produces: ['auth.'],
    describe: 'password guessing and spraying per source (conn heuristic, auth logs)',
  },
  {
    name: 'lateral',
    factory: lateralAnalyzer as AnalyzerFactory,
    validate: (p) => validateLateralConfig(p as Parameters<typeof validateLateralConfig>[0]),
    defaultOn: true,
    produces: ['lateral.'],
    describe: 'an internal host opening admin sessions to many internal hosts new to it',
  },
  {
    name: 'baseline',
    factory: baselineAnalyzer as AnalyzerFactory,
    validate: (p) => validateBaselineConfig(p as Parameters<typeof validateBaselineConfig>[0]),
    defaultOn: true,
    produces: ['anomaly.'],
    describe: 'traffic anomalies against each host, subnet and service history (--baseline FILE)',
  },
  {
    name: 'protocol',
    factory: protocolAnalyzer as AnalyzerFactory,
    validate: (p) => validateProtocolConfig(p),
    defaultOn: true,
    produces: ['protocol.'],
    describe: 'protocol deviations: service/port mismatch, TCP probes, RST storms, odd HTTP and TLS',
  },
  {
    name: 'icmp',
    factory: icmpTunnelAnalyzer as AnalyzerFactory,
    validate: (p) => validateIcmpTunnelConfig(p),
    defaultOn: true,
    produces: ['exfil.icmp-tunnel'],
    describe: 'ICMP tunnelling per (source, destination): payload sizes, asymmetry, entropy, volume',
  },
];

export function detectorNamed(name: string): DetectorEntry | undefined {
  return DETECTORS.find((d) => d.name === name);
}

/** A detector turned on in the engine config: its name and validated options (plain data). */
export interface EnabledDetector {
  readonly name: string;
  readonly config: unknown;
}
