/**
 * The synthetic enterprise: servers, client hosts, and the internet sites they visit.
 *
 * Address plan (documentation and reserved ranges only, so nothing here is anybody's network):
 *   10.10.0.0/24        servers (DNS/AD, DHCP, files, intranet, SSH bastion)
 *   10.20.k.0/24        client subnets, gateway .1, DHCP pool .20–.249
 *   fd00::/64           ULA for dual-stack clients (SLAAC EUI-64 from the MAC)
 *   198.18.0.0/15       benign internet sites (RFC 2544 benchmarking space)
 *   192.0.2/24, 198.51.100/24, 203.0.113/24   .1–.199 benign sites, .200–.254 attacker infrastructure
 *   2001:db8::/32       IPv6 internet sites
 */
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { Rng, Stream } from './prng.js';
/** Addresses are built once and compared by identity on the hot path. */
export function makeAddr(text) {
    const v6 = text.includes(':');
    const local = v6 ? text.startsWith('fd') : text.startsWith('10.');
    return { text, bytes: Buffer.from(text, 'latin1'), v6, local };
}
export function v4Text(value) {
    return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}
export function v4Value(text) {
    const p = text.split('.').map(Number);
    return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}
export const CLIENT_POOL_FIRST = 20;
export const CLIENT_POOL_LAST = 249;
const HOSTS_PER_SUBNET = 120;
/** Popular sites first (Zipf puts most traffic on them); `h` marks plain-HTTP ones, `b` background. */
const KNOWN_SITES = [
    'www.google.com b',
    'www.gstatic.com',
    'fonts.googleapis.com',
    'login.microsoftonline.com b',
    'outlook.office365.com b',
    'teams.microsoft.com b',
    'graph.microsoft.com b',
    'corp-my.sharepoint.com',
    'www.office.com',
    'www.youtube.com',
    'i.ytimg.com',
    'slack.com',
    'app.slack.com',
    'edgeapi.slack.com b',
    'github.com',
    'api.github.com',
    'www.linkedin.com',
    'zoom.us',
    'accounts.google.com',
    'mail.google.com',
    'docs.google.com',
    'drive.google.com',
    'clients4.google.com b',
    'www.bing.com',
    'en.wikipedia.org',
    'upload.wikimedia.org',
    'cdn.jsdelivr.net',
    'cdnjs.cloudflare.com',
    'www.googletagmanager.com',
    'www.google-analytics.com',
    'stackoverflow.com',
    'www.reddit.com',
    'news.ycombinator.com',
    'www.bbc.co.uk',
    'www.nytimes.com',
    'www.amazon.com',
    's3.amazonaws.com',
    'www.dropbox.com',
    'www.salesforce.com',
    'corp.atlassian.net',
    'www.apple.com',
    'settings-win.data.microsoft.com b',
    'v10.events.data.microsoft.com b',
    'self.events.data.microsoft.com b',
    'officecdn.microsoft.com b',
    'clientservices.googleapis.com b',
    'update.googleapis.com b',
    'api.segment.io',
    'connect.facebook.net',
    'www.wikipedia.org',
    'ctldl.windowsupdate.com h b',
    'ocsp.digicert.com h b',
    'crl3.digicert.com h b',
    'ocsp.pki.goog h b',
    'r3.o.lencr.org h b',
    'ocsp.sectigo.com h b',
    'download.windowsupdate.com h b',
    'www.msftconnecttest.com h b',
    'detectportal.firefox.com h',
    'archive.ubuntu.com h b',
    'security.ubuntu.com h b',
];
const SYLLABLES = [
    'ar',
    'bel',
    'cor',
    'dan',
    'el',
    'fin',
    'gor',
    'hal',
    'is',
    'jun',
    'kel',
    'lum',
    'mar',
    'nor',
    'ol',
    'pra',
    'quin',
    'ros',
    'sal',
    'tor',
    'ul',
    'ven',
    'wes',
    'xen',
    'yor',
    'zan',
    'tek',
    'nova',
    'data',
    'cloud',
    'soft',
    'byte',
    'link',
    'hub',
    'net',
    'sys',
    'flow',
    'grid',
    'wave',
    'star',
];
const TLDS = ['com', 'com', 'com', 'net', 'org', 'io', 'co', 'de', 'fr', 'co.uk', 'info'];
const CDN_SUFFIXES = ['edgekey.net', 'akamaiedge.net', 'cloudfront.net', 'fastly.net', 'azureedge.net'];
const TTL_CHOICES = [20, 60, 60, 300, 300, 300, 600, 3600];
const FIRST_NAMES = [
    'adams',
    'baker',
    'chen',
    'diaz',
    'evans',
    'fischer',
    'garcia',
    'hughes',
    'ito',
    'jones',
    'khan',
    'lopez',
    'meyer',
    'nguyen',
    'okafor',
    'patel',
    'quinn',
    'rossi',
    'smith',
    'tanaka',
    'usman',
    'varga',
    'weber',
    'young',
];
const USER_AGENTS = {
    windows: [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.80',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0',
    ],
    macos: [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3.1 Safari/605.1.15',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
    ],
    linux: [
        'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
        'Debian APT-HTTP/1.3 (2.6.1)',
    ],
};
const OUIS = {
    windows: ['f8:bc:12', '54:e1:ad', '3c:52:82', '98:fa:9b'],
    macos: ['a4:83:e7', 'f0:18:98', '3c:22:fb'],
    linux: ['3c:58:c2', '00:16:3e', '8c:16:45'],
};
function hex2(n) {
    return n.toString(16).padStart(2, '0');
}
function pad(n, width) {
    return String(n).padStart(width, '0');
}
/** SLAAC modified EUI-64 interface id from a MAC, in the fd00::/64 ULA. */
function eui64Address(mac) {
    const b = mac.split(':').map((x) => Number.parseInt(x, 16));
    const g = [((b[0] ^ 2) << 8) | b[1], (b[2] << 8) | 0xff, 0xfe00 | b[3], (b[4] << 8) | b[5]];
    return `fd00::${g.map((x) => x.toString(16)).join(':')}`;
}
function randomHex(rng, chars) {
    let s = '';
    while (s.length < chars)
        s += rng.u32().toString(16).padStart(8, '0');
    return s.slice(0, chars);
}
export function randomWord(rng, syllables) {
    let w = '';
    for (let i = 0; i < syllables; i++)
        w += rng.pick(SYLLABLES);
    return w;
}
function server(name, domain, ip, mac, ports) {
    return { name, fqdn: `${name}.${domain}`, addr: makeAddr(ip), mac, openPorts: ports };
}
export function clientSubnetBase(k) {
    return v4Value(`10.${20 + Math.floor(k / 256)}.${k % 256}.0`);
}
export function buildWorld(seed, hostCount) {
    const rng = new Rng(seed, Stream.World);
    const domain = 'corp.example';
    const dc = server('dc1', domain, '10.10.0.10', '00:50:56:0a:00:0a', [53, 88, 135, 139, 389, 445, 464, 636, 3268, 3389]);
    const dhcp = server('dhcp1', domain, '10.10.0.5', '00:50:56:0a:00:05', []);
    const files = server('files', domain, '10.10.0.20', '00:50:56:0a:00:14', [135, 139, 445, 3389]);
    const intranet = server('intranet', domain, '10.10.0.30', '00:50:56:0a:00:1e', [80, 443]);
    const bastion = server('bastion', domain, '10.10.0.40', '00:50:56:0a:00:28', [22]);
    const servers = [dc, dhcp, files, intranet, bastion];
    const subnetCount = Math.max(3, Math.ceil(hostCount / HOSTS_PER_SUBNET));
    const clientSubnets = [];
    const gateways = [];
    for (let k = 0; k < subnetCount; k++) {
        const base = clientSubnetBase(k);
        clientSubnets.push(`${v4Text(base)}/24`);
        gateways.push(makeAddr(v4Text(base + 1)));
    }
    const sites = buildSites(rng, Math.min(3000, Math.max(300, 150 + hostCount)));
    const siteWeights = new Float64Array(sites.length);
    let acc = 0;
    for (let i = 0; i < sites.length; i++) {
        acc += 1 / (i + 1) ** 0.9;
        siteWeights[i] = acc;
    }
    const httpSites = sites.filter((s) => s.http).map((s) => s.index);
    const backgroundSites = sites.filter((s) => s.background && !s.http).map((s) => s.index);
    const takenV4 = new Set();
    const live = new Map();
    for (const s of servers) {
        takenV4.add(v4Value(s.addr.text));
        live.set(s.addr.text, { openPorts: s.openPorts, firewalled: false });
    }
    for (const g of gateways) {
        takenV4.add(v4Value(g.text));
        live.set(g.text, { openPorts: [], firewalled: true });
    }
    // Free pool offsets per subnet, shuffled so addresses do not follow host numbering.
    const pools = [];
    for (let k = 0; k < subnetCount; k++) {
        const offsets = [];
        for (let o = CLIENT_POOL_FIRST; o <= CLIENT_POOL_LAST; o++)
            offsets.push(o);
        pools.push(rng.shuffle(offsets));
    }
    const macs = new Set();
    const hosts = [];
    for (let i = 0; i < hostCount; i++) {
        const osRoll = rng.float();
        const os = osRoll < 0.75 ? 'windows' : osRoll < 0.9 ? 'macos' : 'linux';
        let mac;
        do {
            mac = `${rng.pick(OUIS[os])}:${hex2(rng.int(256))}:${hex2(rng.int(256))}:${hex2(rng.int(256))}`;
        } while (macs.has(mac));
        macs.add(mac);
        const subnet = i % subnetCount;
        const offset = pools[subnet].pop();
        const ip = clientSubnetBase(subnet) + offset;
        takenV4.add(ip);
        const laptop = rng.chance(0.4);
        const name = os === 'windows'
            ? `${laptop ? 'LT' : 'WS'}-${pad(i + 1, 4)}`
            : os === 'macos'
                ? `mbp-${rng.pick(FIRST_NAMES)}-${pad(i + 1, 3)}`
                : `dev-${pad(i + 1, 3)}`;
        const favourites = new Uint16Array(8 + rng.int(10));
        for (let f = 0; f < favourites.length; f++)
            favourites[f] = rng.weighted(siteWeights);
        const openPorts = os === 'windows' ? (rng.chance(0.3) ? [135, 139, 445] : []) : os === 'linux' ? [22] : [];
        const firewalled = os === 'windows' ? openPorts.length === 0 || rng.chance(0.5) : rng.chance(0.3);
        const addr = makeAddr(v4Text(ip));
        live.set(addr.text, { openPorts, firewalled });
        hosts.push({
            index: i,
            name,
            mac,
            os,
            subnet,
            addr,
            v6: rng.chance(0.35) ? makeAddr(eui64Address(mac)) : undefined,
            alwaysOn: rng.chance(0.2),
            admin: os === 'linux' || rng.chance(0.05),
            favourites,
            userAgent: rng.pick(USER_AGENTS[os]),
            ephemeralBase: os === 'windows' ? 49152 : os === 'macos' ? 49152 : 32768,
            ephemeralSpan: os === 'linux' ? 28232 : 16384,
            openPorts,
            firewalled,
        });
    }
    return {
        domain,
        serverSubnet: '10.10.0.0/24',
        clientSubnets,
        ulaPrefix: 'fd00::/64',
        dns: dc,
        dhcp,
        dc,
        files,
        intranet,
        bastion,
        servers,
        gateways,
        hosts,
        sites,
        siteWeights,
        httpSites,
        backgroundSites,
        live,
        takenV4,
    };
}
function buildSites(rng, count) {
    const names = new Set();
    const specs = [];
    for (const line of KNOWN_SITES) {
        const [domain, ...flags] = line.split(' ');
        names.add(domain);
        specs.push({ domain: domain, http: flags.includes('h'), background: flags.includes('b') });
    }
    while (specs.length < count) {
        const base = `${randomWord(rng, 2 + rng.int(2))}.${rng.pick(TLDS)}`;
        const domain = rng.chance(0.5)
            ? `www.${base}`
            : rng.chance(0.5)
                ? base
                : `${rng.pick(['api', 'cdn', 'static', 'app'])}.${base}`;
        if (names.has(domain))
            continue;
        names.add(domain);
        specs.push({ domain, http: rng.chance(0.06), background: false });
    }
    const usedBlocks = new Set();
    const usedDoc = new Set();
    const docRanges = [v4Value('192.0.2.0'), v4Value('198.51.100.0'), v4Value('203.0.113.0')];
    const benchBase = v4Value('198.18.0.0');
    return specs.map((spec, index) => {
        const v4 = [];
        if (rng.chance(0.12)) {
            let a;
            do
                a = docRanges[rng.int(3)] + 1 + rng.int(199);
            while (usedDoc.has(a));
            usedDoc.add(a);
            v4.push(makeAddr(v4Text(a)));
        }
        else {
            // One /28 per site inside 198.18.0.0/15 (8192 blocks, far more than sites).
            let block;
            do
                block = rng.int(8192);
            while (usedBlocks.has(block));
            usedBlocks.add(block);
            const n = 1 + rng.int(index < 60 ? 4 : 2);
            for (let k = 0; k < n; k++)
                v4.push(makeAddr(v4Text(benchBase + block * 16 + 1 + k * 3)));
        }
        const v6 = [];
        if (rng.chance(index < 60 ? 0.7 : 0.3)) {
            const n = 1 + rng.int(2);
            for (let k = 0; k < n; k++)
                v6.push(makeAddr(`2001:db8:${(index + 1).toString(16)}::${(k + 1).toString(16)}`));
        }
        const ttl = rng.pick(TTL_CHOICES);
        const cname = rng.chance(0.25) ? `${spec.domain}.${rng.pick(CDN_SUFFIXES)}` : undefined;
        const cnameTtl = rng.pick([300, 3600, 21600]);
        const answers = (addrs) => {
            const a = addrs.map((x) => x.text);
            const t = addrs.map(() => `${ttl}.000000`);
            if (cname) {
                a.unshift(cname);
                t.unshift(`${cnameTtl}.000000`);
            }
            return [a.length ? a.join(',') : '-', t.length ? t.join(',') : '-'];
        };
        const [answersA, ttlsA] = answers(v4);
        const [answersAAAA, ttlsAAAA] = v6.length
            ? answers(v6)
            : cname
                ? [cname, `${cnameTtl}.000000`]
                : ['-', '-'];
        const question = (qtype, qtypeName, ans, ttls) => ({
            query: spec.domain,
            qtype,
            qtypeName,
            rcode: 0,
            rcodeName: 'NOERROR',
            authoritative: false,
            answers: ans,
            ttls,
        });
        return {
            index,
            domain: spec.domain,
            v4,
            v6,
            ttl,
            a: question(1, 'A', answersA, ttlsA),
            aaaa: question(28, 'AAAA', answersAAAA, ttlsAAAA),
            http: spec.http,
            tls13: rng.chance(0.7),
            certFp: randomHex(rng, 64),
            background: spec.background,
        };
    });
}
/** A free client address in a subnet other than `avoidSubnet` (for re-addressing). */
export function freeClientAddress(world, rng, avoidSubnet) {
    const subnets = world.clientSubnets.length;
    for (let attempt = 0; attempt < 10_000; attempt++) {
        const subnet = (avoidSubnet + 1 + rng.int(subnets - 1)) % subnets;
        const ip = clientSubnetBase(subnet) + CLIENT_POOL_FIRST + rng.int(CLIENT_POOL_LAST - CLIENT_POOL_FIRST + 1);
        if (!world.takenV4.has(ip)) {
            world.takenV4.add(ip);
            return { addr: makeAddr(v4Text(ip)), subnet };
        }
    }
    throw new NetscryError(ErrorCode.Internal, 'no free client address for re-addressing');
}
//# sourceMappingURL=network.js.map