/**
 * Syslog parse + security-event extraction, one thread, over the loghub OpenSSH_2k corpus
 * (NETSCRY_CORPUS, default ../shared/corpus): the 2000 lines as strings, as byte lines, and the
 * whole file through the RFC 6587 framer. Reports lines/s (target ≥ 500 k lines/s per core).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  extractSecurityEvent,
  parseSyslog,
  type SyslogContext,
  SyslogFramer,
} from '../../src/ingest/syslog/index.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const CORPUS = resolve(process.env.NETSCRY_CORPUS ?? '../shared/corpus');
const FILE = join(CORPUS, 'syslog', 'loghub', 'OpenSSH_OpenSSH_2k.log');
/** Passes over the corpus per benchmark iteration, so one sample is long enough to time well. */
const REPEAT = 10;

export async function run(): Promise<BenchReport[]> {
  if (!existsSync(FILE)) {
    console.error(`syslog bench skipped: ${FILE} missing (set NETSCRY_CORPUS)`);
    return [];
  }
  const file = new Uint8Array(readFileSync(FILE));
  const text = new TextDecoder().decode(file);
  const strings = text.split('\n').filter((l) => l.length > 0);
  const byteLines = strings.map((l) => new TextEncoder().encode(l));
  const ctx: SyslogContext = { source: 'bench', year: 2026 };
  const bench = newBench();
  let auth = 0;
  const count = (n: number): void => {
    if (n === 0) throw new Error('no auth events extracted');
  };
  const cases: Array<{ name: string; lines: number; bytes: number }> = [];

  const s = `parse + extract, ${strings.length} OpenSSH lines as strings ×${REPEAT}`;
  bench.add(s, () => {
    let n = 0;
    for (let r = 0; r < REPEAT; r++) {
      for (const line of strings)
        if (extractSecurityEvent(parseSyslog(line, ctx).record).kind === 'auth') n++;
    }
    count(n);
    auth = n;
  });
  cases.push({ name: s, lines: strings.length * REPEAT, bytes: file.length * REPEAT });

  const b = `parse + extract, ${byteLines.length} OpenSSH lines as bytes ×${REPEAT}`;
  bench.add(b, () => {
    let n = 0;
    for (let r = 0; r < REPEAT; r++) {
      for (const line of byteLines)
        if (extractSecurityEvent(parseSyslog(line, ctx).record).kind === 'auth') n++;
    }
    count(n);
  });
  cases.push({ name: b, lines: byteLines.length * REPEAT, bytes: file.length * REPEAT });

  const f = `frame (64 KiB pushes) + parse + extract, OpenSSH file ×${REPEAT}`;
  bench.add(f, () => {
    let n = 0;
    for (let r = 0; r < REPEAT; r++) {
      const framer = new SyslogFramer({ source: 'bench' });
      for (let off = 0; off < file.length; off += 65536) {
        for (const m of framer.push(file.subarray(off, Math.min(file.length, off + 65536))).messages) {
          if (extractSecurityEvent(parseSyslog(m.bytes, ctx).record).kind === 'auth') n++;
        }
      }
      for (const m of framer.end().messages) {
        if (extractSecurityEvent(parseSyslog(m.bytes, ctx).record).kind === 'auth') n++;
      }
    }
    count(n);
  });
  cases.push({ name: f, lines: strings.length * REPEAT, bytes: file.length * REPEAT });

  await bench.run();
  if (auth === 0) throw new Error('unreachable');
  return cases.map(({ name, lines, bytes }) => {
    const { median, samples } = medianMs(bench, name);
    return {
      name,
      medianMs: median,
      throughput: `${perSecond(lines, median, 'lines', 1e3, 'k ')}, ${perSecond(bytes, median, 'B')}`,
      samples,
    };
  });
}
