/**
 * The public iodine capture (corpus `labelled/dns-tunnel-iodine.pcap`): `extract` writes its
 * dns.log, `analyze` reads it, and every tunnelled query's registered domain must be a
 * `dns.tunnel` finding of the querying source. Skipped (with a note) without the corpus.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../../src/coordinator/extract.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { registeredDomain } from '../../src/detect/dns.js';
import { DETECTORS } from '../../src/detect/registry.js';
import { corpusPath } from '../helpers/corpus.js';

const iodine = corpusPath('labelled', 'dns-tunnel-iodine.pcap');
const dir = mkdtempSync(join(tmpdir(), 'netscry-dns-iodine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** (source, query) of every row of a Zeek TSV dns.log. */
function queries(log: string): { src: string; query: string }[] {
  const lines = log.split('\n');
  const fields = lines
    .find((l) => l.startsWith('#fields\t'))!
    .split('\t')
    .slice(1);
  const src = fields.indexOf('id.orig_h');
  const query = fields.indexOf('query');
  return lines
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .map((v) => ({ src: v[src]!, query: v[query]! }));
}

describe('the iodine DNS tunnel capture', () => {
  it.skipIf(iodine === undefined)('flags the domain of every tunnelled query as dns.tunnel', async () => {
    const out = join(dir, 'logs');
    const extracted = await extractFiles({ inputs: [iodine!], out });
    expect(extracted.appRows.dns).toBeGreaterThan(200);
    const rows = queries(readFileSync(join(out, 'dns.log'), 'utf8'));
    expect(rows.length).toBe(extracted.appRows.dns);

    const detectors = Object.fromEntries(DETECTORS.map((d) => [d.name, d.name === 'dns']));
    const { findings } = await analyze({ inputs: [join(out, 'dns.log')], actors: 0, detectors });
    const tunnels = findings.filter((f) => f.detector === 'dns.tunnel');
    const flagged = new Set(tunnels.map((f) => `${f.entities.src} ${f.entities.domain}`));
    const wanted = new Set(rows.map((r) => `${r.src} ${registeredDomain(r.query.toLowerCase())}`));
    expect([...wanted]).toEqual(['10.0.2.30 pirate.sea']);
    for (const w of wanted) expect(flagged.has(w), w).toBe(true);
    // One window, every query in it: the NULL-record tunnel with its numbers.
    expect(tunnels).toHaveLength(1);
    const [f] = tunnels;
    expect(f!.evidence.queries).toBe(rows.length);
    expect(f!.evidence.uniqueSubdomains).toBe(new Set(rows.map((r) => r.query)).size);
    expect(f!.evidence.tunnelTypeShare).toBe(1);
    expect(f!.attack).toBe('T1048.003');
    // Nothing else but the uncommon NULL type is reported.
    expect(findings.map((g) => g.detector).sort()).toEqual(['dns.rare-qtype', 'dns.tunnel']);
  });
});
