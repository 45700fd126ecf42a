import { authAnalyzer, lateralAnalyzer, validateAuthConfig, validateLateralConfig } from './auth.js';
import { baselineAnalyzer, validateBaselineConfig } from './baseline.js';
import { beaconAnalyzer, validateBeaconConfig } from './beacon.js';
import { contentAnalyzer, validateContentConfig } from './content.js';
import { dnsAnalyzer, validateDnsConfig } from './dns.js';
import { exfilAnalyzer, validateExfilConfig } from './exfil.js';
import { icmpTunnelAnalyzer, validateIcmpTunnelConfig } from './icmp-tunnel.js';
import { protocolAnalyzer, validateProtocolConfig } from './protocol.js';
import { scanAnalyzer, validateScanConfig } from './scan.js';
export const DETECTORS = [
    {
        name: 'scan',
        factory: scanAnalyzer,
        validate: (p) => validateScanConfig(p),
        defaultOn: true,
        produces: ['scan.'],
        describe: 'port scans: TRW per source, horizontal and vertical thresholds',
    },
    {
        name: 'beacon',
        factory: beaconAnalyzer,
        validate: (p) => validateBeaconConfig(p),
        defaultOn: false,
        produces: ['beacon'],
        describe: 'beaconing, strobes, long connections per (source, destination); per (source, SNI/Host)',
    },
    {
        name: 'dns',
        factory: dnsAnalyzer,
        validate: (p) => validateDnsConfig(p),
        defaultOn: true,
        produces: ['dns.'],
        describe: 'DNS tunnelling, long names, rare query types, NXDOMAIN floods and DGA per source',
    },
    {
        name: 'content',
        factory: contentAnalyzer,
        validate: (p) => validateContentConfig(p),
        defaultOn: true,
        produces: ['content.'],
        describe: 'sensitive data, command lines and suspicious destinations in clear-text fields',
    },
    {
        name: 'exfil',
        factory: exfilAnalyzer,
        validate: (p) => validateExfilConfig(p),
        defaultOn: true,
        produces: ['exfil.'],
        describe: 'exfiltration: volume to rare destinations, first-seen uploads, PCR shifts, HTTP POST volume',
    },
    {
        name: 'auth',
        factory: authAnalyzer,
        validate: (p) => validateAuthConfig(p),
        defaultOn: true,
        produces: ['auth.'],
        describe: 'password guessing and spraying per source (conn heuristic, auth logs)',
    },
    {
        name: 'lateral',
        factory: lateralAnalyzer,
        validate: (p) => validateLateralConfig(p),
        defaultOn: true,
        produces: ['lateral.'],
        describe: 'an internal host opening admin sessions to many internal hosts new to it',
    },
    {
        name: 'baseline',
        factory: baselineAnalyzer,
        validate: (p) => validateBaselineConfig(p),
        defaultOn: true,
        produces: ['anomaly.'],
        describe: 'traffic anomalies against each host, subnet and service history (--baseline FILE)',
    },
    {
        name: 'protocol',
        factory: protocolAnalyzer,
        validate: (p) => validateProtocolConfig(p),
        defaultOn: true,
        produces: ['protocol.'],
        describe: 'protocol deviations: service/port mismatch, TCP probes, RST storms, odd HTTP and TLS',
    },
    {
        name: 'icmp',
        factory: icmpTunnelAnalyzer,
        validate: (p) => validateIcmpTunnelConfig(p),
        defaultOn: true,
        produces: ['exfil.icmp-tunnel'],
        describe: 'ICMP tunnelling per (source, destination): payload sizes, asymmetry, entropy, volume',
    },
];
export function detectorNamed(name) {
    return DETECTORS.find((d) => d.name === name);
}
//# sourceMappingURL=registry.js.map