/**
 * Detectors against the public corpus (`../shared/corpus`, see its README): the labelled
 * Stratosphere port-scan logs, the iodine DNS-tunnel capture, and the unlabelled WRCCDC logs,
 * where only the alert rate and the top findings can be reported for a human to judge.
 *
 * Each check names its ground truth from the corpus README; a missing corpus file makes the
 * check `skipped` with the path, never a failure of the evaluation itself.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDomain } from 'tldts';
import { extractFiles } from '../coordinator/extract.js';
import { analyze } from '../coordinator/pipeline.js';
import { ALL_DETECTORS } from './evaluate-run.js';
/** tldts refuses names with invalid labels (iodine's are): then the last two labels. */
function registeredDomain(name) {
    return (getDomain(name) ??
        name
            .split('.')
            .filter((l) => l !== '')
            .slice(-2)
            .join('.'));
}
const SEVERITY_RANK = {
    critical: 0,
    high: 1,
    medium: 2,
    low: 3,
    info: 4,
};
function srcOf(f) {
    const s = f.entities.src;
    return s === undefined ? [] : typeof s === 'string' ? [s] : s;
}
function countBy(items, key) {
    const counts = new Map();
    for (const it of items)
        counts.set(key(it), (counts.get(key(it)) ?? 0) + 1);
    return [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
}
/** A labelled scan log: the expected finding is there, and how many other findings came with it. */
async function scanCheck(name, path, expected, hit) {
    if (!existsSync(path))
        return { name, expected, status: 'skipped', lines: [`missing ${path}`] };
    const { findings } = await analyze({ inputs: [path], actors: 0, detectors: ALL_DETECTORS });
    const scans = findings.filter((f) => f.detector.startsWith('scan.'));
    const hits = scans.filter(hit);
    return {
        name,
        expected,
        status: hits.length > 0 ? 'pass' : 'fail',
        lines: [
            `expected finding ${hits.length > 0 ? 'found' : 'NOT found'} (${hits.length} matching of ${scans.length} scan findings)`,
            `all findings: ${findings.length === 0 ? 'none' : countBy(findings, (f) => f.detector)}`,
        ],
    };
}
/**
 * The iodine capture: every query is tunnelled (one apex domain). A query counts as flagged
 * when a `dns.tunnel` finding names its source and registered domain. The capture is analysed
 * directly (app-layer records from the shards' flow trackers); the queries to score come from
 * the dns.log `extract` writes of the same capture.
 */
async function iodineCheck(path) {
    const name = 'iodine DNS tunnel (capture)';
    const expected = 'every tunnelled query flagged';
    if (!existsSync(path))
        return { name, expected, status: 'skipped', lines: [`missing ${path}`] };
    const work = await mkdtemp(join(tmpdir(), 'netscry-iodine-'));
    try {
        await extractFiles({ inputs: [path], out: join(work, 'logs'), format: 'zeek-json' });
        const queries = [];
        const dnsLog = join(work, 'logs', 'dns.json');
        if (existsSync(dnsLog)) {
            for (const line of (await readFile(dnsLog, 'utf8')).split('\n')) {
                if (line === '')
                    continue;
                const r = JSON.parse(line);
                const q = r.query;
                if (typeof q !== 'string')
                    continue;
                queries.push({ src: String(r['id.orig_h']), domain: registeredDomain(q) });
            }
        }
        const { findings } = await analyze({ inputs: [path], actors: 0, detectors: ALL_DETECTORS });
        const flagged = new Set();
        for (const f of findings) {
            if (f.detector !== 'dns.tunnel')
                continue;
            const domain = f.entities.domain;
            for (const s of srcOf(f)) {
                for (const d of typeof domain === 'string' ? [domain] : (domain ?? []))
                    flagged.add(`${s} ${d}`);
            }
        }
        const hit = queries.filter((q) => flagged.has(`${q.src} ${q.domain}`)).length;
        return {
            name,
            expected,
            status: queries.length > 0 && hit === queries.length ? 'pass' : 'fail',
            lines: [
                `queries flagged: ${hit}/${queries.length} (domains: ${countBy(queries, (q) => q.domain)})`,
                `all findings: ${findings.length === 0 ? 'none' : countBy(findings, (f) => f.detector)}`,
            ],
        };
    }
    finally {
        await rm(work, { recursive: true, force: true });
    }
}
/** Unlabelled logs: alert rate per detector and the top findings, for a human to judge. */
async function reportCheck(name, dir, top) {
    const expected = 'unlabelled: alert rate and top findings for a human to judge';
    if (!existsSync(dir))
        return { name, expected, status: 'skipped', lines: [`missing ${dir}`] };
    const { findings, summary } = await analyze({ inputs: [dir], actors: 0, detectors: ALL_DETECTORS });
    // Rates per 10 k connections; a log set without conn.log (the WRCCDC sample) per 10 k records.
    const conns = summary.records.byType.conn ?? 0;
    const base = conns > 0 ? conns : summary.records.total;
    const unit = conns > 0 ? 'connections' : 'records (no conn log)';
    const per10k = (n) => (base === 0 ? '-' : ((n * 10_000) / base).toFixed(2));
    const ranked = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        b.confidence - a.confidence ||
        (a.id < b.id ? -1 : 1));
    const byDetector = new Map();
    for (const f of findings)
        byDetector.set(f.detector, (byDetector.get(f.detector) ?? 0) + 1);
    return {
        name,
        expected,
        status: 'report',
        lines: [
            `${findings.length} findings over ${base} ${unit}: ${per10k(findings.length)} per 10k`,
            ...[...byDetector]
                .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
                .map(([d, n]) => `  ${d}: ${n} (${per10k(n)} per 10k)`),
            `top ${Math.min(top, ranked.length)}:`,
            ...ranked.slice(0, top).map((f) => `  [${f.severity}] ${f.detector}: ${f.summary}`),
        ],
    };
}
export async function evaluateCorpus(corpus, top = 10) {
    const scans = join(corpus, 'labelled', 'stratosphere', 'port-scans');
    return [
        await scanCheck('Stratosphere horizontal scan', join(scans, 'horizontal', 'conn.log'), 'scan.horizontal from 10.0.2.112 on 80/tcp', (f) => f.detector === 'scan.horizontal' &&
            srcOf(f).includes('10.0.2.112') &&
            String(f.entities.port) === '80'),
        await scanCheck('Stratosphere vertical scan', join(scans, 'vertical', 'conn.log'), 'scan.vertical of 45.33.32.156 from 192.168.1.9', (f) => f.detector === 'scan.vertical' &&
            srcOf(f).includes('192.168.1.9') &&
            f.entities.dst === '45.33.32.156'),
        await iodineCheck(join(corpus, 'labelled', 'dns-tunnel-iodine.pcap')),
        await reportCheck('WRCCDC Zeek logs', join(corpus, 'zeek-logs', 'wrccdc'), top),
    ];
}
export function formatCorpusChecks(checks) {
    const out = [];
    for (const c of checks) {
        out.push(`${c.name} — ${c.expected}: ${c.status.toUpperCase()}`);
        for (const l of c.lines)
            out.push(`  ${l}`);
    }
    return `${out.join('\n')}\n`;
}
//# sourceMappingURL=evaluate-corpus.js.map