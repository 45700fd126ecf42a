/**
 * NetFlow v9 and IPFIX decoding, one thread: 2000 export datagrams each (the templates in the
 * first one), corpus-like layouts (Cisco-style v9 template of 18 fields, IPFIX with
 * millisecond times, one datagram in ten IPv6), ~1400-byte datagrams. Reports M flows/s.
 */
import { NetflowDecoder } from '../../src/ingest/netflow/decode.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';
import { ipfixDatagrams, v9Datagrams } from './netflow-datagrams.js';

const DATAGRAMS = 2000;

export async function run(): Promise<BenchReport[]> {
  const bench = newBench();
  const cases: Array<{ name: string; flows: number; bytes: number }> = [];
  for (const [label, make] of [
    ['v9', v9Datagrams],
    ['IPFIX', ipfixDatagrams],
  ] as const) {
    const { datagrams, flows } = make();
    const bytes = datagrams.reduce((n, d) => n + d.length, 0);
    const name = `${label}: ${DATAGRAMS} datagrams, ${flows} flows`;
    cases.push({ name, flows, bytes });
    bench.add(name, () => {
      const d = new NetflowDecoder();
      let n = 0;
      for (const dg of datagrams) {
        const r = d.decode(dg, '192.0.2.1', 0);
        n += r.flows.length;
        if (r.events.length > 0) throw new Error(`unexpected event ${r.events[0]!.code}`);
      }
      if (n !== flows) throw new Error(`decoded ${n} flows, expected ${flows}`);
    });
  }
  await bench.run();
  return cases.map(({ name, flows, bytes }) => {
    const { median, samples } = medianMs(bench, name);
    return {
      name,
      medianMs: median,
      throughput: `${perSecond(flows, median, 'flows', 1e6, 'M ')}, ${perSecond(bytes, median, 'B')}`,
      samples,
    };
  });
}
