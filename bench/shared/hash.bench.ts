/**
 * Shard-key hashing (src/shared/addr.ts): subnetHash masks then FNV-1a hashes one address per
 * record on the hot path; fnv1aWords is the raw hash over 1 (IPv4) or 4 (IPv6) words.
 */
import { ADDR_WORDS, fnv1aWords, subnetHash } from '../../src/shared/addr.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

/** Addresses hashed per measured operation. */
const ADDRESSES = 4096;

function addresses(v4: boolean): Uint32Array {
  const out = new Uint32Array(ADDRESSES * ADDR_WORDS);
  let s = v4 ? 0x1234567 : 0x7654321;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let i = 0; i < ADDRESSES; i++) {
    const at = i * ADDR_WORDS;
    if (v4) out.set([0, 0, 0xffff, next()], at);
    else out.set([(0x20010db8 + (next() & 0xff)) >>> 0, next(), next(), next()], at);
  }
  return out;
}

export async function run(): Promise<BenchReport[]> {
  const v4 = addresses(true);
  const v6 = addresses(false);
  let sink = 0;
  const tasks: Array<{ name: string; fn: () => void }> = [
    {
      name: `subnetHash IPv4 /24 ×${ADDRESSES}`,
      fn: () => {
        for (let i = 0; i < ADDRESSES; i++) sink ^= subnetHash(v4, i * ADDR_WORDS, 24, 64);
      },
    },
    {
      name: `subnetHash IPv6 /64 ×${ADDRESSES}`,
      fn: () => {
        for (let i = 0; i < ADDRESSES; i++) sink ^= subnetHash(v6, i * ADDR_WORDS, 24, 64);
      },
    },
    {
      name: `fnv1aWords IPv4 (1 word) ×${ADDRESSES}`,
      fn: () => {
        for (let i = 0; i < ADDRESSES; i++) sink ^= fnv1aWords(v4, i * ADDR_WORDS + 3, 1);
      },
    },
    {
      name: `fnv1aWords IPv6 (4 words) ×${ADDRESSES}`,
      fn: () => {
        for (let i = 0; i < ADDRESSES; i++) sink ^= fnv1aWords(v6, i * ADDR_WORDS, 4);
      },
    },
  ];
  const bench = newBench();
  for (const t of tasks) bench.add(t.name, t.fn);
  await bench.run();
  if (sink === -1) console.log(sink);
  return tasks.map((t) => {
    const { median, samples } = medianMs(bench, t.name);
    return { name: t.name, medianMs: median, throughput: perSecond(ADDRESSES, median, ' hashes'), samples };
  });
}
