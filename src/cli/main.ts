/**
 * The `netscry` command: parses flags, calls the library, prints. Exit codes (stable, in
 * docs/cli.md): 0 ok, 1 internal error, 2 usage, 3 unreadable input, 4 unsupported format,
 * 5 cannot write output, 6 actors kept failing, 7 evaluation below its targets.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { extractFiles } from '../coordinator/extract.js';
import { inputsLabel, runHeatmap } from '../coordinator/heatmap.js';
import { SUPPORTED_FORMATS } from '../coordinator/inputs.js';
import { LiveCollector, listenUrl, parseListenUrl } from '../coordinator/live.js';
import { type AnalysisResult, analyze } from '../coordinator/pipeline.js';
import type { Finding } from '../detect/finding.js';
import { DETECTORS } from '../detect/registry.js';
import {
  DEFAULT_SCORE_FAMILIES,
  evaluateCorpus,
  evaluateGenerated,
  type FamilyScore,
  formatCorpusChecks,
  formatScoreTable,
  generate,
  loadLabels,
  type ScenarioType,
  type ScoreFamily,
  scoreFindings,
} from '../generate/index.js';
import { DEFAULT_ANOMALY_CONFIG } from '../report/heatmap/anomaly.js';
import { localIso } from '../report/heatmap/export.js';
import { parseUtcOffset, type ViewMetric } from '../report/heatmap/view.js';
import { type OutputFiles, writeOutputs } from '../report/output.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { parseSuppressFile, type SuppressRuleInput } from '../triage/suppress.js';

export const ExitCode = {
  Ok: 0,
  Internal: 1,
  Usage: 2,
  Unreadable: 3,
  Unsupported: 4,
  Output: 5,
  ActorFailed: 6,
  BelowTarget: 7,
} as const;

const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.Usage]: ExitCode.Usage,
  [ErrorCode.InvalidOption]: ExitCode.Usage,
  [ErrorCode.UnreadableInput]: ExitCode.Unreadable,
  [ErrorCode.UnsupportedFormat]: ExitCode.Unsupported,
  [ErrorCode.OutputFailed]: ExitCode.Output,
  [ErrorCode.ActorFailed]: ExitCode.ActorFailed,
};

const HELP = `netscry — find the trouble in a day of network logs, on your own machine

usage:
  netscry analyze <files|dirs|-…> [--out DIR] [--actors N] [--local CIDR…] [--json]
        [--bucket SECONDS] [--chunk-bytes N] [--ts-tolerance SECONDS] [--no-checksums]
        [--capture-as packets|netflow] [--stitch] [--enable NAME…] [--disable NAME…]
        [--detector-config FILE] [--suppress FILE…] [--baseline FILE] [--payload-bytes N]
        [--checkpoint-every SECONDS]
      Reads ${SUPPORTED_FORMATS} (- reads standard input; a pipe such as <(zcat …) is read once and
      spooled to a temporary file, removed at the end; captures: connections tracked in the
      actors, --no-checksums is Zeek's -C, --payload-bytes the clear-text bytes per direction
      matched for sensitive data and command lines, default 4096, 0 off; --capture-as netflow decodes captures of export
      traffic instead; --stitch pairs the two directions of NetFlow flows). Detectors:
      ${DETECTORS.map((d) => (d.defaultOn ? d.name : `${d.name} (off by default)`)).join(', ')}; --enable/--disable turn them on or off, --detector-config reads
      their options from a JSON object keyed by detector name (docs/detectors.md); --suppress
      drops findings judged benign by the rules in FILE, one '<detector> <src|dst|either|name>
      <address, CIDR or name>' per line (e.g. 'scan src 10.1.1.5', 'beacon name *.vendor.example';
      the summary counts what each rule dropped). Writes DIR/findings.ndjson, DIR/heatmap.json,
      DIR/heatmap.svg, DIR/heatmap.png, DIR/summary.json (default DIR: netscry-out)
      and prints a short summary (--json: the summary as JSON on stdout). --baseline FILE
      compares traffic with the history kept in FILE and writes it back updated.
      --checkpoint-every: seconds between the actors' checkpoints (default 30): a crashed
      actor's recovery redoes at most about that much work; each checkpoint holds a copy of
      every actor's state.
  netscry watch [--netflow udp://HOST:PORT|tcp://HOST:PORT…] [--syslog udp://…|tcp://…]
        [--out DIR] [--for SECONDS] [--max-records N] [--stitch] [--actors N] [--local CIDR…]
        [--enable NAME…] [--disable NAME…] [--detector-config FILE] [--suppress FILE…]
      Collects NetFlow v5/v9/IPFIX (IPFIX also over TCP) and syslog (RFC 5424/3164; TCP with
      octet-counting or newline framing) live and analyses them like analyze; stops on
      Ctrl-C/SIGTERM, after --for seconds or --max-records records, then writes
      DIR/findings.ndjson, heatmap.json, summary.json and DIR/records/ (default DIR:
      netscry-watch).
  netscry heatmap <inputs…> --out FILE.{svg,png,json,csv}… [--metric M] [--bucket 5m|1h|1d|SECONDS]
        [--prefix auto|N|N,M] [--side source|destination|local] [--view matrix|hilbert] [--tz +02:00]
        [--rows N] [--scale log|linear] [--threshold Z] [--family ipv4|ipv6] [--space CIDR] [--frames]
        [--enable NAME…] [--disable NAME…] [--detector-config FILE] [--suppress FILE…]
      Analyses the inputs (all analyze's input options) and draws the traffic heatmap: blocks ×
      time (matrix; --prefix auto splits busy blocks and merges quiet space under --rows) or an
      address-space map on a Hilbert curve (--prefix is the pixel size: IPv4 16 or 24). Metrics:
      connections, bytes, orig_bytes, resp_bytes, distinct_peers, distinct_ports, failed, findings (of
      the detectors chosen as for analyze, less what --suppress drops). Cells out of character
      for their block (robust z-score ≥ --threshold, default 3.5) are outlined and listed.
  netscry extract <captures…|-> [--out DIR] [--format zeek|zeek-json|ndjson]
        [--no-checksums] [--local CIDR…] [--payload-bytes N]
      Decodes pcap/pcapng captures (gzip too; - reads stdin) and writes Zeek-compatible
      conn.log, weird.log and the app logs found (dns, http, ssl, x509, ssh, dhcp, and
      payload.log: masked sensitive values and command lines in the first --payload-bytes
      bytes, default 4096, of each clear-text direction) to DIR (default netscry-logs).
      --no-checksums is Zeek's -C.
  netscry generate --out DIR [--hosts N] [--hours H] [--seed S] [--scenarios a,b,…]
        [--connections N]
      Writes deterministic synthetic Zeek logs (conn, dns, http, ssl, dhcp, weird) with
      labelled attack scenarios and labels.json.
  netscry evaluate [--seeds 1-5] [--benign-seeds 101-102] [--hosts N] [--hours H]
        [--detector FAMILY|PREFIX] [--min 0.95] [--max-benign 1] [--corpus DIR [--top N]]
  netscry evaluate --labels FILE --findings FILE [--detector FAMILY|PREFIX]
      Precision, recall, F1 and alerts per 10k connections of every detector family (or
      one) on generated, labelled networks (one per seed, every detector on, plus
      benign-only ones for the false-positive rate), or of existing findings against a
      labels.json. --corpus adds the public corpus checks (Stratosphere scans, the iodine
      DNS tunnel, WRCCDC alert rate and top findings). Exit 7 when a target is missed.
  netscry demo [--out DIR]
      Generates a small labelled dataset and analyses it (what \`npm start\` runs).
  netscry help [VERB] | VERB --help      netscry version | --version

exit codes: 0 ok, 1 internal error, 2 usage, 3 unreadable input, 4 unsupported format,
5 cannot write output, 6 actors kept failing, 7 evaluation below target`;

function usage(message: string): never {
  throw new NetscryError(ErrorCode.Usage, `${message}\nrun 'netscry help' for usage`);
}

function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) usage(`--${name} takes a whole number, got '${value}'`);
  return Number(value);
}

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) usage(`--${name} takes a number, got '${value}'`);
  return n;
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    return usage((err as Error).message);
  }
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
/** 12,345,678 (not `toLocaleString`: its first call loads ICU's number data, ≈ 25 ms a run). */
const count = (n: number): string =>
  Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toLocaleString('en-US');

/** What was read and what was wrong with it: the first lines of `analyze` and `heatmap`. */
function readingLines(s: AnalysisResult['summary']): string[] {
  const types = Object.entries(s.records.byType)
    .map(([t, n]) => `${t} ${count(n)}`)
    .join(', ');
  const lines = [
    `read      ${s.inputs.length} file(s), ${mb(s.bytes)}, ${count(s.records.total)} records${types ? ` (${types})` : ''}`,
    `          in ${s.run.wallSeconds.toFixed(2)} s (${s.run.megabytesPerSecond} MB/s, ${s.config.actors === 0 ? 'in-process' : `${s.config.actors} actors`}${s.run.mode === 'direct' ? ', direct' : ''})`,
  ];
  if (s.run.notDirect !== undefined) lines.push(`          not direct: ${s.run.notDirect}`);
  if (s.run.reframed !== undefined) lines.push(`          framed: ${s.run.reframed}`);
  if (s.timeRange) lines.push(`time      ${s.timeRange.first} → ${s.timeRange.last}`);
  const integrity = Object.entries(s.integrity.byCode)
    .map(([c, n]) => `${c} ${count(n)}`)
    .join(', ');
  lines.push(
    `integrity ${s.integrity.total === 0 ? 'no problems found' : `${count(s.integrity.total)} event(s): ${integrity}`}`,
  );
  if (s.integrity.notChecked) lines.push(`          not checked: ${s.integrity.notChecked.join(', ')}`);
  for (const ev of s.integrity.events.slice(0, 5))
    lines.push(`          ${ev.file}:${ev.line} ${ev.code}: ${ev.message}`);
  if (s.protocol && (s.protocol.packets > 0 || s.protocol.total > 0)) {
    const names = Object.entries(s.protocol.byName)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, n]) => `${name} ${count(n)}`)
      .join(', ');
    lines.push(
      `packets   ${count(s.protocol.packets)} (${count(s.protocol.tracked)} deliveries to flow trackers); protocol events ${s.protocol.total === 0 ? 'none' : `${count(s.protocol.total)}: ${names}`}`,
    );
    for (const ev of s.protocol.events.slice(0, 3))
      lines.push(
        `          ${ev.file}${ev.uid === undefined ? `@${ev.offset}` : ` ${ev.uid}`} ${ev.name}: ${ev.detail}`,
      );
    if (s.protocol.checksumHint !== undefined) lines.push(`checksums ${s.protocol.checksumHint}`);
  }
  if (s.netflow) {
    const lost = s.netflow.exporters.filter((e) => e.lost > 0);
    lines.push(
      `netflow   ${count(s.netflow.flows)} flows → ${count(s.netflow.records)} conn records from ${s.netflow.exporters.length} exporter(s); export loss ${lost.length === 0 ? 'none seen' : lost.map((e) => `${e.exporter} ${count(e.lost)}`).join(', ')}`,
    );
  }
  for (const c of s.checksums) lines.push(`checksum  ${c.file}: ${c.status}`);
  const evictions = Object.entries(s.evictions);
  if (evictions.length > 0)
    lines.push(`evictions ${evictions.map(([k, v]) => `${k} ${count(v)}`).join(', ')}`);
  return lines;
}

function printSummary(result: AnalysisResult, files: OutputFiles): void {
  const s = result.summary;
  const lines = readingLines(s);
  const byDetector = Object.entries(s.findings.byDetector)
    .map(([d, n]) => `${d} ${n}`)
    .join(', ');
  if (s.baseline) lines.push(`baseline  ${baselineLine(s.baseline)}`);
  lines.push(`findings  ${s.findings.total}${byDetector ? `: ${byDetector}` : ''}`);
  if (s.suppressed) lines.push(`suppressed ${suppressedLine(s.suppressed)}`);
  for (const f of topFindings(result.findings, 10)) {
    lines.push(`  ${new Date(f.firstTs * 1000).toISOString()}  ${f.severity.padEnd(8)} ${f.summary}`);
  }
  lines.push(
    `wrote     ${[files.findings, files.heatmap, files.heatmapSvg, files.heatmapPng, files.summary].filter(Boolean).join(', ')}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

function suppressedLine(r: NonNullable<AnalysisResult['summary']['suppressed']>): string {
  const rules = r.rules.map((x) => `${count(x.findings)} by ${x.source}`).join(', ');
  return `${count(r.total)} finding(s) by ${r.rules.length} rule(s): ${rules}`;
}

function baselineLine(b: NonNullable<AnalysisResult['summary']['baseline']>): string {
  const read = b.loaded
    ? `${b.file}: compared with ${count(b.entities)} entities from ${b.runs} earlier run(s)${b.learning ? ' (learning: no history yet)' : ''}`
    : `${b.file}: learning, not compared (${b.reason})`;
  const wrote = b.written
    ? `; updated (${count(b.writtenEntities ?? 0)} entities${b.evicted ? `, ${count(b.evicted)} dropped` : ''})`
    : b.writeError !== undefined
      ? `; NOT written: ${b.writeError}`
      : '';
  return read + wrote;
}

const SEVERITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function topFindings(findings: readonly Finding[], n: number): Finding[] {
  return [...findings]
    .sort(
      (a, b) => (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0) || a.firstTs - b.firstTs,
    )
    .slice(0, n);
}

function progressPrinter():
  | ((p: { bytesRead: number; bytesTotal: number; elapsedMs: number }) => void)
  | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    if (p.elapsedMs < 1000) return;
    const done =
      p.bytesTotal > 0
        ? `${((100 * p.bytesRead) / p.bytesTotal).toFixed(0)}% of ${mb(p.bytesTotal)}`
        : mb(p.bytesRead);
    process.stderr.write(`\r${done} read, ${(p.elapsedMs / 1000).toFixed(0)} s `);
  };
}

async function runAnalyze(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    actors: { type: 'string' },
    local: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    bucket: { type: 'string' },
    'chunk-bytes': { type: 'string' },
    'ts-tolerance': { type: 'string' },
    'checkpoint-every': { type: 'string' },
    'no-checksums': { type: 'boolean' },
    'capture-as': { type: 'string' },
    stitch: { type: 'boolean' },
    baseline: { type: 'string' },
    'payload-bytes': { type: 'string' },
    ...DETECTOR_FLAGS,
  });
  if (positionals.length === 0) usage('analyze needs at least one log file, capture or directory');
  const captureAs = values['capture-as'] as string | undefined;
  if (captureAs !== undefined && captureAs !== 'packets' && captureAs !== 'netflow')
    usage(`--capture-as takes packets or netflow, got '${captureAs}'`);
  const out = (values.out as string | undefined) ?? 'netscry-out';
  const suppress = await suppressOption(values);
  const onProgress = progressPrinter();
  const bucket = intFlag('bucket', values.bucket as string | undefined);
  const result = await analyze({
    inputs: positionals,
    ...optional('actors', intFlag('actors', values.actors as string | undefined)),
    ...optional(
      'local',
      (values.local as string[] | undefined)?.flatMap((v) => v.split(',')),
    ),
    ...optional('chunkBytes', intFlag('chunk-bytes', values['chunk-bytes'] as string | undefined)),
    ...optional(
      'tsToleranceSeconds',
      numberFlag('ts-tolerance', values['ts-tolerance'] as string | undefined),
    ),
    ...optional(
      'checkpointEverySeconds',
      numberFlag('checkpoint-every', values['checkpoint-every'] as string | undefined),
    ),
    ...(bucket === undefined ? {} : { heatmap: { bucketSeconds: bucket } }),
    ...(values['no-checksums'] === true ? { verifyChecksums: false } : {}),
    ...optional('payloadBytes', intFlag('payload-bytes', values['payload-bytes'] as string | undefined)),
    ...optional('captureAs', captureAs as 'packets' | 'netflow' | undefined),
    ...(values.stitch === true ? { stitchBiflows: true } : {}),
    detectors: await detectorOptions(values),
    ...optional('baseline', values.baseline as string | undefined),
    ...optional('suppress', suppress),
    ...optional('onProgress', onProgress),
  });
  if (onProgress) process.stderr.write('\r\x1b[K');
  const b = result.summary.baseline;
  if (b?.code !== undefined)
    process.stderr.write(`netscry: warning ${b.code}: ${b.file} not used: ${b.reason}\n`);
  const files = await writeOutputs(out, result, inputsLabel(positionals));
  if (values.json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  else printSummary(result, files);
  return ExitCode.Ok;
}

async function runWatch(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    netflow: { type: 'string', multiple: true },
    syslog: { type: 'string', multiple: true },
    out: { type: 'string' },
    actors: { type: 'string' },
    local: { type: 'string', multiple: true },
    for: { type: 'string' },
    'max-records': { type: 'string' },
    'flush-ms': { type: 'string' },
    stitch: { type: 'boolean' },
    json: { type: 'boolean' },
    ...DETECTOR_FLAGS,
  });
  if (positionals.length > 0)
    usage(`watch takes listeners, not files ('${positionals[0]}'): use analyze for files`);
  const listeners = [
    ...((values.netflow as string[] | undefined) ?? []).map((u) => parseListenUrl('netflow', u)),
    ...((values.syslog as string[] | undefined) ?? []).map((u) => parseListenUrl('syslog', u)),
  ];
  if (listeners.length === 0)
    usage('watch needs at least one --netflow URL or --syslog URL (e.g. --netflow udp://127.0.0.1:2055)');
  const out = (values.out as string | undefined) ?? 'netscry-watch';
  const seconds = numberFlag('for', values.for as string | undefined);
  if (seconds !== undefined && !(seconds > 0)) usage('--for takes a number of seconds > 0');
  const suppress = await suppressOption(values);
  const collector = new LiveCollector({
    listeners,
    ...optional('durationSeconds', seconds),
    ...optional('maxRecords', intFlag('max-records', values['max-records'] as string | undefined)),
    ...optional('flushMs', intFlag('flush-ms', values['flush-ms'] as string | undefined)),
    stitchBiflows: values.stitch === true,
  });
  await collector.start();
  const stop = (): void => collector.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stderr.write(
    `listening on ${collector.addresses.map((a) => `${a.kind} ${listenUrl(a)}`).join(', ')}; Ctrl-C (SIGINT) stops and writes ${out}/\n`,
  );
  const status = process.stderr.isTTY
    ? setInterval(() => {
        const st = collector.stats;
        process.stderr.write(
          `\r${count(st.records)} records (${count(st.flows)} flows, ${count(st.syslogMessages)} syslog messages), ${count(st.datagrams)} datagrams, ${count(st.dropped)} dropped `,
        );
      }, 1000)
    : undefined;
  let result: AnalysisResult;
  try {
    result = await analyze({
      inputs: [],
      live: collector,
      spoolDir: join(out, 'records'),
      detectors: await detectorOptions(values),
      ...optional('suppress', suppress),
      ...optional('actors', intFlag('actors', values.actors as string | undefined)),
      ...optional(
        'local',
        (values.local as string[] | undefined)?.flatMap((v) => v.split(',')),
      ),
    });
  } finally {
    if (status) {
      clearInterval(status);
      process.stderr.write('\r\x1b[K');
    }
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    collector.stop();
  }
  const st = collector.stats;
  const files = await writeOutputs(out, result, collector.name);
  if (values.json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  else {
    process.stdout.write(
      `received  ${count(st.datagrams)} datagrams, ${count(st.tcpConnections)} TCP connections, ${mb(st.bytes)}: ${count(st.flows)} flows, ${count(st.syslogMessages)} syslog messages, ${count(st.dropped)} dropped\n`,
    );
    printSummary(result, files);
    process.stdout.write(`records   ${join(out, 'records')}/ (what was received, as Zeek JSON records)\n`);
  }
  return ExitCode.Ok;
}

const BUCKET_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `300`, `5m`, `1h`, `1d` → seconds. */
function bucketFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)([smhd]?)$/.exec(value);
  if (!m) return usage(`--bucket takes seconds or a duration like 5m, 1h, 1d, got '${value}'`);
  return Number(m[1]) * BUCKET_UNITS[m[2] || 's']!;
}

async function runHeatmapVerb(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', multiple: true },
    metric: { type: 'string' },
    bucket: { type: 'string' },
    prefix: { type: 'string' },
    side: { type: 'string' },
    view: { type: 'string' },
    tz: { type: 'string' },
    rows: { type: 'string' },
    scale: { type: 'string' },
    threshold: { type: 'string' },
    family: { type: 'string' },
    space: { type: 'string' },
    frames: { type: 'boolean' },
    actors: { type: 'string' },
    local: { type: 'string', multiple: true },
    'no-checksums': { type: 'boolean' },
    'capture-as': { type: 'string' },
    stitch: { type: 'boolean' },
    ...DETECTOR_FLAGS,
  });
  if (positionals.length === 0) usage('heatmap needs at least one input file or directory');
  const out = (values.out as string[] | undefined) ?? [];
  if (out.length === 0) usage('heatmap needs --out FILE.svg, .png, .json or .csv (repeatable)');
  const layout = (values.view as string | undefined) ?? 'matrix';
  if (layout !== 'matrix' && layout !== 'hilbert') usage(`--view takes matrix or hilbert, got '${layout}'`);
  const sideText = (values.side as string | undefined) ?? 'source';
  const sides: Record<string, string> = {
    source: 'orig',
    src: 'orig',
    orig: 'orig',
    destination: 'resp',
    dst: 'resp',
    resp: 'resp',
    local: 'local',
  };
  const side = sides[sideText];
  if (side === undefined) usage(`--side takes source, destination or local, got '${sideText}'`);
  const family = (values.family as string | undefined) ?? 'ipv4';
  if (family !== 'ipv4' && family !== 'ipv6') usage(`--family takes ipv4 or ipv6, got '${family}'`);
  const prefixText = values.prefix as string | undefined;
  let prefix: { ipv4: number; ipv6: number } | 'auto' | undefined;
  let pixelPrefix: number | undefined;
  if (prefixText !== undefined && prefixText !== 'auto') {
    const m = /^\/?(\d{1,3})(?:,\/?(\d{1,3}))?$/.exec(prefixText);
    if (!m) usage(`--prefix takes auto, N (IPv4) or N,M (IPv4,IPv6), got '${prefixText}'`);
    prefix = { ipv4: Number(m![1]), ipv6: Number(m![2] ?? 64) };
    pixelPrefix = family === 'ipv4' ? prefix.ipv4 : Number(m![2] ?? m![1]);
  } else if (prefixText === 'auto') prefix = 'auto';
  if (layout === 'hilbert' && prefix === 'auto')
    usage('the Hilbert map needs a fixed --prefix (its pixel size), e.g. 16 or 24');
  const tzText = values.tz as string | undefined;
  const utcOffsetMinutes = tzText === undefined ? undefined : parseUtcOffset(tzText);
  if (tzText !== undefined && utcOffsetMinutes === undefined)
    usage(`--tz takes UTC or an offset like +02:00, got '${tzText}'`);
  const scale = values.scale as string | undefined;
  if (scale !== undefined && scale !== 'log' && scale !== 'linear')
    usage(`--scale takes log or linear, got '${scale}'`);
  const threshold = numberFlag('threshold', values.threshold as string | undefined);
  const captureAs = values['capture-as'] as string | undefined;
  if (captureAs !== undefined && captureAs !== 'packets' && captureAs !== 'netflow')
    usage(`--capture-as takes packets or netflow, got '${captureAs}'`);
  // Detectors run for a view of findings only: their flags elsewhere would be silently moot.
  if (values.metric !== 'findings' && Object.keys(DETECTOR_FLAGS).some((f) => values[f] !== undefined))
    usage('--enable, --disable, --detector-config and --suppress choose the findings of --metric findings');
  const suppress = await suppressOption(values);
  const onProgress = progressPrinter();
  const result = await runHeatmap({
    analyze: {
      inputs: positionals,
      // What --metric findings counts: the detectors chosen, less the suppressed findings.
      detectors: await detectorOptions(values),
      ...optional('suppress', suppress),
      ...optional('onProgress', onProgress),
      ...optional('actors', intFlag('actors', values.actors as string | undefined)),
      ...optional(
        'local',
        (values.local as string[] | undefined)?.flatMap((v) => v.split(',')),
      ),
      ...(values['no-checksums'] === true ? { verifyChecksums: false } : {}),
      ...optional('captureAs', captureAs as 'packets' | 'netflow' | undefined),
      ...(values.stitch === true ? { stitchBiflows: true } : {}),
    },
    out,
    layout: layout as 'matrix' | 'hilbert',
    frames: values.frames === true,
    hilbert: {
      family: family as 'ipv4' | 'ipv6',
      ...optional('pixelPrefix', pixelPrefix),
      ...optional('space', values.space as string | undefined),
    },
    view: {
      ...optional('metric', values.metric as ViewMetric | undefined),
      side: side as 'orig' | 'resp' | 'local',
      ...optional('prefix', prefix),
      ...optional('bucketSeconds', bucketFlag(values.bucket as string | undefined)),
      ...optional('utcOffsetMinutes', utcOffsetMinutes),
      ...optional('maxRows', intFlag('rows', values.rows as string | undefined)),
      ...optional('scale', scale as 'log' | 'linear' | undefined),
      ...(threshold === undefined ? {} : { anomaly: { ...DEFAULT_ANOMALY_CONFIG, threshold } }),
    },
  });
  if (onProgress) process.stderr.write('\r\x1b[K');
  const v = result.view;
  const lines = [
    ...readingLines(result.analysis.summary),
    `${v.grid.title}`,
    `${v.grid.subtitle}`,
    `rows      ${v.rows.length}, buckets ${v.grid.bucketStarts.length}, highlighted cells ${v.anomalies.length}`,
  ];
  for (const a of v.anomalies.slice(0, 10)) {
    lines.push(
      `  ${localIso(a.bucketStart, v.grid.utcOffsetMinutes)}  ${a.block.padEnd(20)} ${v.grid.metric} ${count(a.value)} (median ${count(Math.round(a.median))}, z ${a.score.toFixed(1)})`,
    );
  }
  lines.push(`wrote     ${result.written.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.Ok;
}

async function runExtract(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    format: { type: 'string' },
    'no-checksums': { type: 'boolean' },
    local: { type: 'string', multiple: true },
    'payload-bytes': { type: 'string' },
  });
  if (positionals.length === 0) usage('extract needs at least one capture file (or - for stdin)');
  const summary = await extractFiles({
    inputs: positionals,
    out: (values.out as string | undefined) ?? 'netscry-logs',
    format: ((values.format as string | undefined) ?? 'zeek') as 'zeek',
    verifyChecksums: values['no-checksums'] !== true,
    ...optional('payloadBytes', intFlag('payload-bytes', values['payload-bytes'] as string | undefined)),
    ...optional(
      'localNetworks',
      (values.local as string[] | undefined)?.flatMap((v) => v.split(',')),
    ),
  });
  process.stdout.write(
    `read ${summary.packets} packets from ${summary.files.length} capture(s): ${summary.connections} connections, ${summary.events} protocol events\n${summary.checksumHint === undefined ? '' : `checksums ${summary.checksumHint}\n`}wrote ${summary.written.join(', ')}\n`,
  );
  return ExitCode.Ok;
}

const DETECTOR_FLAGS = {
  enable: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  'detector-config': { type: 'string' },
  suppress: { type: 'string', multiple: true },
} as const;

/** The rules of every --suppress FILE, in the order given (triage/suppress.ts). */
async function suppressOption(values: Record<string, unknown>): Promise<SuppressRuleInput[] | undefined> {
  const files = values.suppress as string[] | undefined;
  if (files === undefined) return undefined;
  const rules: SuppressRuleInput[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      usage(`--suppress ${file}: ${(e as Error).message}`);
    }
    rules.push(...parseSuppressFile(text, file));
  }
  return rules;
}

/**
 * The `detectors` option from --detector-config FILE (a JSON object keyed by detector name),
 * then --enable and --disable (comma lists allowed) on top. Unknown names are refused by the
 * option check, which lists the known ones.
 */
async function detectorOptions(values: Record<string, unknown>): Promise<Record<string, boolean | object>> {
  const out: Record<string, boolean | object> = {};
  const file = values['detector-config'] as string | undefined;
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      usage(`--detector-config ${file}: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      usage(`--detector-config ${file}: expected a JSON object keyed by detector name`);
    Object.assign(out, parsed);
  }
  const names = (key: string): string[] =>
    ((values[key] as string[] | undefined) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
  for (const name of names('enable')) out[name] = typeof out[name] === 'object' ? out[name] : true;
  for (const name of names('disable')) out[name] = false;
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

async function runGenerate(args: string[]): Promise<number> {
  const { values } = parse(args, {
    out: { type: 'string' },
    hosts: { type: 'string' },
    hours: { type: 'string' },
    seed: { type: 'string' },
    scenarios: { type: 'string' },
    connections: { type: 'string' },
  });
  if (!values.out) usage('generate needs --out DIR');
  const report = await generate({
    out: values.out as string,
    ...optional('hosts', intFlag('hosts', values.hosts as string | undefined)),
    ...optional('hours', numberFlag('hours', values.hours as string | undefined)),
    ...optional('seed', intFlag('seed', values.seed as string | undefined)),
    ...optional(
      'scenarios',
      (values.scenarios as string | undefined)?.split(',').filter((s) => s !== '') as
        | ScenarioType[]
        | undefined,
    ),
    ...optional('targetConnections', intFlag('connections', values.connections as string | undefined)),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return ExitCode.Ok;
}

async function readFindings(path: string): Promise<Finding[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new NetscryError(ErrorCode.UnreadableInput, `cannot read ${path}: ${(err as Error).message}`);
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Finding);
}

/** "1-5" or "1,3,9" → [1, 2, 3, 4, 5] / [1, 3, 9]. */
function seedList(name: string, value: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(value);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (to < from || to - from > 1000) usage(`--${name}: bad range '${value}'`);
    return Array.from({ length: to - from + 1 }, (_, k) => from + k);
  }
  if (value === '') return [];
  return value.split(',').map((v) => intFlag(name, v)!);
}

async function runEvaluate(args: string[]): Promise<number> {
  const { values } = parse(args, {
    labels: { type: 'string' },
    findings: { type: 'string' },
    seeds: { type: 'string' },
    'benign-seeds': { type: 'string' },
    hosts: { type: 'string' },
    hours: { type: 'string' },
    detector: { type: 'string' },
    min: { type: 'string' },
    'max-benign': { type: 'string' },
    actors: { type: 'string' },
    corpus: { type: 'string' },
    top: { type: 'string' },
  });
  const name = values.detector as string | undefined;
  // A family name (DEFAULT_SCORE_FAMILIES: detectors scored against the scenarios they should
  // find), a prefix naming both the detectors and the scenario types, or every family.
  const families =
    name === undefined
      ? DEFAULT_SCORE_FAMILIES
      : [
          DEFAULT_SCORE_FAMILIES.find((f) => f.name === name) ?? {
            name,
            detectors: [name],
            scenarioTypes: [name],
          },
        ];
  // A family none of whose detectors exists yet (entity resolution) is shown, not held to targets.
  const built = (f: ScoreFamily): boolean =>
    f.detectors.some((p) =>
      DETECTORS.some((d) => d.produces.some((q) => p.startsWith(q) || q.startsWith(p))),
    );
  if (name !== undefined && !DEFAULT_SCORE_FAMILIES.some((f) => f.name === name) && !built(families[0]!)) {
    usage(
      `--detector takes a family (${DEFAULT_SCORE_FAMILIES.map((f) => f.name).join(', ')}) or the start of a finding name (e.g. exfil.icmp); '${name}' is neither`,
    );
  }
  const min = numberFlag('min', values.min as string | undefined) ?? 0.95;
  const maxBenign = numberFlag('max-benign', values['max-benign'] as string | undefined) ?? 1;
  const meets = (s: FamilyScore): boolean => (s.precision ?? 0) >= min && (s.recall ?? 0) >= min;
  const labelsPath = values.labels as string | undefined;
  const findingsPath = values.findings as string | undefined;
  if ((labelsPath === undefined) !== (findingsPath === undefined))
    usage('give both --labels and --findings, or neither');
  if (labelsPath !== undefined && findingsPath !== undefined) {
    const scores = scoreFindings(await loadLabels(labelsPath), await readFindings(findingsPath), families);
    process.stdout.write(formatScoreTable(scores));
    return scores.every(meets) ? ExitCode.Ok : ExitCode.BelowTarget;
  }
  const evaluation = await evaluateGenerated({
    families,
    seeds: seedList('seeds', (values.seeds as string | undefined) ?? '1-5'),
    benignSeeds: seedList('benign-seeds', (values['benign-seeds'] as string | undefined) ?? '101-102'),
    hosts: intFlag('hosts', values.hosts as string | undefined) ?? 150,
    hours: numberFlag('hours', values.hours as string | undefined) ?? 24,
    ...optional('actors', intFlag('actors', values.actors as string | undefined)),
  });
  const totals = evaluation.families.map((f) => f.total);
  const benign = evaluation.families.map((f) => f.benignAlertsPer10k);
  if (families.length === 1) {
    // One family: every run, then the total.
    const rows = [
      ...evaluation.runs.map((r) => ({ ...r.scores[0]!, family: r.label })),
      { ...totals[0]!, family: 'all runs' },
    ];
    process.stdout.write(formatScoreTable(rows));
    process.stdout.write(
      `benign-only runs: ${benign[0] === null ? '-' : benign[0]!.toFixed(2)} alerts per 10k connections\n`,
    );
  } else {
    process.stdout.write(
      `${evaluation.runs.length} generated networks (${evaluation.runs.filter((r) => !r.benign).length} with every scenario, ${evaluation.runs.filter((r) => r.benign).length} benign-only); alerts/10k over all runs, benign/10k over the benign-only ones\n`,
    );
    process.stdout.write(formatScoreTable(totals, benign));
  }
  const unbuilt = families.filter((f) => !built(f));
  if (unbuilt.length > 0)
    process.stdout.write(`not built yet (no detector): ${unbuilt.map((f) => f.name).join(', ')}\n`);
  const below = families.filter((f, k) => built(f) && (!meets(totals[k]!) || (benign[k] ?? 0) > maxBenign));
  process.stdout.write(
    below.length === 0
      ? `targets met: precision and recall >= ${min}, benign alerts <= ${maxBenign} per 10k\n`
      : `BELOW TARGET (${below.map((f) => f.name ?? f.detectors.join('|')).join(', ')}): precision and recall must be >= ${min}, benign alerts <= ${maxBenign} per 10k\n`,
  );
  let corpusOk = true;
  const corpus = values.corpus as string | undefined;
  if (corpus !== undefined) {
    const checks = await evaluateCorpus(corpus, intFlag('top', values.top as string | undefined) ?? 10);
    process.stdout.write(`\ncorpus ${corpus}:\n${formatCorpusChecks(checks)}`);
    corpusOk = checks.every((c) => c.status !== 'fail');
  }
  return below.length === 0 && corpusOk ? ExitCode.Ok : ExitCode.BelowTarget;
}

async function runDemo(args: string[]): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' } });
  const out = (values.out as string | undefined) ?? 'netscry-demo';
  const data = join(out, 'logs');
  process.stdout.write(`generating a labelled sample network into ${data} …\n`);
  await generate({ out: data, hosts: 60, hours: 6, seed: 7 });
  process.stdout.write(`netscry analyze ${data} --out ${join(out, 'results')}\n\n`);
  return runAnalyze([data, '--out', join(out, 'results')]);
}

/** The usage of one verb: its entries of HELP (each starts with `  netscry VERB`) and the exit codes. */
export function helpFor(verb: string): string | undefined {
  const lines = HELP.split('\n');
  const picked: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (!lines[k]!.startsWith(`  netscry ${verb} `)) continue;
    picked.push(lines[k]!);
    // Its continuation lines are indented further.
    while (lines[k + 1]?.startsWith('      ')) picked.push(lines[++k]!);
  }
  if (picked.length === 0) return undefined;
  const exits = lines.findIndex((l) => l.startsWith('exit codes:'));
  return ['usage:', ...picked, '', ...lines.slice(exits)].join('\n');
}

/** `--help` or `-h` among a verb's options (not after `--`, where it would be a file name). */
function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    // `help VERB`, or `VERB --help` for a verb HELP describes (others go on: `version -h`).
    const asked = verb === 'help' ? rest[0] : verb !== undefined && asksForHelp(rest) ? verb : undefined;
    const verbHelp = asked === undefined ? undefined : helpFor(asked);
    if (verbHelp !== undefined) {
      process.stdout.write(`${verbHelp}\n`);
      return ExitCode.Ok;
    }
    if (verb === 'help' && asked !== undefined) return usage(`unknown command '${asked}'`);
    switch (verb) {
      case 'analyze':
        return await runAnalyze(rest);
      case 'watch':
        return await runWatch(rest);
      case 'heatmap':
        return await runHeatmapVerb(rest);
      case 'extract':
        return await runExtract(rest);
      case 'generate':
        return await runGenerate(rest);
      case 'evaluate':
        return await runEvaluate(rest);
      case 'demo':
        return await runDemo(rest);
      case 'version':
      case '--version': {
        const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
          version: string;
        };
        process.stdout.write(`netscry ${pkg.version}\n`);
        return ExitCode.Ok;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${HELP}\n`);
        return verb === undefined ? ExitCode.Usage : ExitCode.Ok;
      default:
        return usage(`unknown command '${verb}'`);
    }
  } catch (err) {
    if (err instanceof NetscryError) {
      process.stderr.write(`netscry: ${err.message}\n`);
      return EXIT_BY_CODE[err.code] ?? ExitCode.Internal;
    }
    process.stderr.write(`netscry: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return ExitCode.Internal;
  }
}
