/**
 * NetFlow over loopback: a sender thread paces NetFlow v9 export datagrams (~28 flows each, the
 * bench/ingest layouts, sequence-numbered) to 127.0.0.1 at a target flow rate, and we count
 * what arrived.
 *
 * 1. collector: netscry's `LiveCollector` in this process (decode → conn records), the sender in
 *    a worker thread.
 * 2. watch: `netscry watch --netflow udp://127.0.0.1:PORT --actors 2` as a child process — the
 *    whole path, records analysed by two actors — the sender in this process's worker.
 *
 * Loss is what the exporter's sequence numbers say was lost (the collector counts gaps) plus
 * datagrams the collector dropped itself; both must be 0. The rate is the flows received over
 * the time from the first to the last datagram sent.
 *
 * usage: node build/bench/e2e/netflow-loopback.js [--flows N] [--rates 100000,200000]
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { LiveCollector } from '../../src/coordinator/live.js';
import { v9Datagrams } from '../ingest/netflow-datagrams.js';

interface SendJob {
  readonly port: number;
  readonly rate: number;
  readonly flowsPerDatagram: number;
  readonly datagrams: Uint8Array[];
}

interface SendResult {
  readonly sent: number;
  readonly errors: number;
  readonly ms: number;
}

/** Worker side: send the datagrams paced to `rate` flows/s, in 2 ms steps. */
async function sender(job: SendJob): Promise<SendResult> {
  const socket = createSocket('udp4');
  const perMs = job.rate / job.flowsPerDatagram / 1000;
  let sent = 0;
  let done = 0;
  let errors = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const step = (): void => {
      const due = Math.min(job.datagrams.length, Math.floor((performance.now() - start) * perMs) + 1);
      while (sent < due) {
        socket.send(job.datagrams[sent++]!, job.port, '127.0.0.1', (err) => {
          if (err) errors++;
          if (++done === job.datagrams.length) resolve();
        });
      }
      if (sent < job.datagrams.length) setTimeout(step, 2);
    };
    step();
  });
  const ms = performance.now() - start;
  socket.close();
  return { sent, errors, ms };
}

if (!isMainThread) {
  sender(workerData as SendJob).then((r) => parentPort!.postMessage(r));
}

function send(job: SendJob): Promise<SendResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job });
    w.once('message', (r: SendResult) => {
      resolve(r);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Row {
  readonly path: string;
  readonly rate: number;
  readonly sentFlows: number;
  readonly receivedFlows: number;
  readonly lost: number;
  readonly dropped: number;
  readonly seconds: number;
}

async function collectorRun(rate: number, datagrams: Uint8Array[], perDatagram: number): Promise<Row> {
  const collector = new LiveCollector({
    listeners: [{ kind: 'netflow', transport: 'udp', host: '127.0.0.1', port: 0 }],
    flushMs: 100,
  });
  await collector.start();
  // Drain the records as the pipeline would take them (the pipeline itself is the watch run).
  const reading = (async () => {
    for await (const _ of collector.blocks(() => {})) {
    }
  })();
  const result = await send({
    port: collector.addresses[0]!.port,
    rate,
    flowsPerDatagram: perDatagram,
    datagrams,
  });
  for (let waited = 0; collector.stats.datagrams < result.sent && waited < 3000; waited += 20)
    await sleep(20);
  collector.stop();
  await reading;
  const stats = collector.netflow.decoder.stats();
  return {
    path: 'collector (decode → conn records)',
    rate,
    sentFlows: result.sent * perDatagram,
    receivedFlows: collector.stats.flows,
    lost: stats.exporters.reduce((n, e) => n + e.lost, 0) * perDatagram,
    dropped: collector.stats.dropped,
    seconds: result.ms / 1000,
  };
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function watchRun(rate: number, datagrams: Uint8Array[], perDatagram: number): Promise<Row> {
  const port = await freeUdpPort();
  const out = mkdtempSync(join(tmpdir(), 'netscry-watch-bench-'));
  const flows = datagrams.length * perDatagram;
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '..', '..', '..', 'dist', 'cli', 'bin.js'),
      'watch',
      '--netflow',
      `udp://127.0.0.1:${port}`,
      '--actors',
      '2',
      '--max-records',
      String(flows),
      '--for',
      String(Math.ceil(flows / rate) + 20),
      '--json',
      '--out',
      out,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  const listening = new Promise<void>((resolve) =>
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('listening on')) resolve();
    }),
  );
  await listening;
  const result = await send({ port, rate, flowsPerDatagram: perDatagram, datagrams });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  rmSync(out, { recursive: true, force: true });
  if (code !== 0) throw new Error(`watch exited ${code}: ${stderr}`);
  const summary = JSON.parse(stdout) as {
    records: { total: number };
    netflow?: { flows: number; exporters: Array<{ lost: number }> };
    protocol?: { byName: Record<string, number> };
  };
  return {
    path: 'netscry watch --actors 2 (whole pipeline)',
    rate,
    sentFlows: result.sent * perDatagram,
    receivedFlows: summary.netflow?.flows ?? 0,
    lost: (summary.netflow?.exporters ?? []).reduce((n, e) => n + e.lost, 0) * perDatagram,
    dropped: summary.protocol?.byName.live_dropped ?? 0,
    seconds: result.ms / 1000,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { flows: { type: 'string' }, rates: { type: 'string' } },
  });
  const wanted = Number(values.flows ?? 1_000_000);
  const rates = (values.rates ?? '100000,200000').split(',').map(Number);
  const probe = v9Datagrams(1);
  const perDatagram = probe.flows;
  const { datagrams } = v9Datagrams(Math.ceil(wanted / perDatagram), 42);
  console.log(
    `netflow loopback: ${datagrams.length} v9 datagrams × ${perDatagram} flows; ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  const rows: Row[] = [];
  for (const rate of rates) {
    rows.push(await collectorRun(rate, datagrams, perDatagram));
    rows.push(await watchRun(rate, datagrams, perDatagram));
  }
  console.log('| path | target flows/s | sent | received | lost (sequence) | dropped | achieved flows/s |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.path} | ${r.rate.toLocaleString('en-US')} | ${r.sentFlows.toLocaleString('en-US')} | ${r.receivedFlows.toLocaleString('en-US')} | ${r.lost} | ${r.dropped} | ${Math.round(r.receivedFlows / r.seconds).toLocaleString('en-US')} |`,
    );
  }
}

if (isMainThread) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
