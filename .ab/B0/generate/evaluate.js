/** One row per detector family netscry ships, each against the scenarios it should catch. */
export const DEFAULT_SCORE_FAMILIES = [
    { name: 'scan', detectors: ['scan.'], scenarioTypes: ['scan.'] },
    { name: 'beacon', detectors: ['beacon'], scenarioTypes: ['beacon'] },
    { name: 'exfil', detectors: ['exfil.'], scenarioTypes: ['exfil.https', 'exfil.icmp'] },
    { name: 'dns-tunnel', detectors: ['dns.tunnel'], scenarioTypes: ['exfil.dns'] },
    { name: 'entity', detectors: ['entity.', 'host.'], scenarioTypes: ['host.readdress'] },
    { name: 'content', detectors: ['content.'], scenarioTypes: ['content.'] },
    { name: 'bruteforce', detectors: ['auth.bruteforce', 'auth.spray'], scenarioTypes: ['bruteforce.'] },
    { name: 'lateral', detectors: ['lateral.'], scenarioTypes: ['lateral.'] },
    { name: 'dns', detectors: ['dns.'], scenarioTypes: ['exfil.dns'] },
    // content.leak's script sends python-requests User-Agents over plain HTTP: a protocol
    // deviation the protocol detector reports too, so it is one of the family's scenarios.
    { name: 'protocol', detectors: ['protocol.'], scenarioTypes: ['deviation.', 'content.leak'] },
    { name: 'anomaly', detectors: ['anomaly.'], scenarioTypes: ['anomaly.'], alsoAccept: ['exfil.https'] },
    { name: 'icmp-tunnel', detectors: ['exfil.icmp-tunnel'], scenarioTypes: ['exfil.icmp'] },
];
const DEFAULT_SLACK_SECONDS = 60;
function matchesPrefix(name, prefixes) {
    for (const p of prefixes)
        if (name.startsWith(p))
            return true;
    return false;
}
function sources(finding) {
    const src = finding.entities.src;
    if (src === undefined)
        return [];
    return typeof src === 'string' ? [src] : src;
}
function matches(finding, scenario, slack) {
    if (finding.lastTs < scenario.start - slack || finding.firstTs > scenario.end + slack)
        return false;
    for (const s of sources(finding)) {
        if (s === scenario.src)
            return true;
        if (scenario.aliases?.includes(s))
            return true;
    }
    return false;
}
/** Harmonic mean of precision and recall; null when either is. */
function f1Of(precision, recall) {
    if (precision === null || recall === null)
        return null;
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
function ratio(a, b) {
    return b === 0 ? null : a / b;
}
export function scoreFindings(labels, findings, families = DEFAULT_SCORE_FAMILIES) {
    const list = Array.isArray(families) ? families : [families];
    return list.map((family) => {
        const slack = family.slackSeconds ?? DEFAULT_SLACK_SECONDS;
        const scenarios = labels.scenarios.filter((s) => matchesPrefix(s.type, family.scenarioTypes));
        const own = findings.filter((f) => matchesPrefix(f.detector, family.detectors));
        const accepted = labels.scenarios.filter((s) => matchesPrefix(s.type, family.alsoAccept ?? []));
        const detected = new Set();
        let tp = 0;
        for (const f of own) {
            let hit = false;
            for (const s of scenarios) {
                if (matches(f, s, slack)) {
                    detected.add(s.id);
                    hit = true;
                }
            }
            if (hit || accepted.some((s) => matches(f, s, slack)))
                tp++;
        }
        const precision = ratio(tp, own.length);
        const recall = ratio(detected.size, scenarios.length);
        const f1 = f1Of(precision, recall);
        return {
            family: family.name ?? family.detectors.join('|'),
            detectors: family.detectors,
            scenarioTypes: family.scenarioTypes,
            findings: own.length,
            tp,
            fp: own.length - tp,
            fn: scenarios.length - detected.size,
            scenarios: scenarios.length,
            detected: detected.size,
            precision,
            recall,
            f1,
            alertsPer10k: labels.counts.conn === 0 ? null : (own.length * 10_000) / labels.counts.conn,
            missed: scenarios.filter((s) => !detected.has(s.id)).map((s) => s.id),
        };
    });
}
function fixed(v, digits) {
    return v === null ? '-' : v.toFixed(digits);
}
/** An aligned plain-text table: text left, numbers right. */
export function formatScoreTable(scores, 
/** Optional last column: the family's findings per 10 k connections on benign-only networks. */
benignPer10k) {
    const header = [
        'family',
        'findings',
        'tp',
        'fp',
        'fn',
        'scenarios',
        'precision',
        'recall',
        'f1',
        'alerts/10k',
        ...(benignPer10k ? ['benign/10k'] : []),
    ];
    const rows = scores.map((s, k) => [
        s.family,
        String(s.findings),
        String(s.tp),
        String(s.fp),
        String(s.fn),
        `${s.detected}/${s.scenarios}`,
        fixed(s.precision, 3),
        fixed(s.recall, 3),
        fixed(s.f1, 3),
        fixed(s.alertsPer10k, 2),
        ...(benignPer10k ? [fixed(benignPer10k[k] ?? null, 2)] : []),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ')
        .trimEnd();
    const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
    return `${lines.join('\n')}\n`;
}
/**
 * Sums the scores of several runs family by family (tp, fp, fn, findings, scenarios) and
 * recomputes the ratios, so a figure over many seeds weighs every scenario and finding once.
 * `connections[k]` is run k's conn.log line count.
 */
export function combineScores(runs, connections) {
    const first = runs[0] ?? [];
    const totalConnections = connections.reduce((a, b) => a + b, 0);
    return first.map((template, f) => {
        const rows = runs.map((r) => r[f]);
        const sum = (pick) => rows.reduce((n, s) => n + pick(s), 0);
        const findings = sum((s) => s.findings);
        const tp = sum((s) => s.tp);
        const scenarios = sum((s) => s.scenarios);
        const detected = sum((s) => s.detected);
        const precision = ratio(tp, findings);
        const recall = ratio(detected, scenarios);
        const f1 = f1Of(precision, recall);
        return {
            ...template,
            findings,
            tp,
            fp: findings - tp,
            fn: scenarios - detected,
            scenarios,
            detected,
            precision,
            recall,
            f1,
            alertsPer10k: totalConnections === 0 ? null : (findings * 10_000) / totalConnections,
            missed: rows.flatMap((s) => s.missed),
        };
    });
}
//# sourceMappingURL=evaluate.js.map