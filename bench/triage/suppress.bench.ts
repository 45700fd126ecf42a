/**
 * Suppression over a large allow-list: 5 000 network rules (a cloud provider's published ranges
 * are thousands of prefixes) and 500 name rules against 5 000 findings, none of them covered —
 * the worst case, every finding looks up every candidate and keeps going. `RuleIndex`
 * (triage/suppress.ts) is what keeps this from being rules × findings checks.
 */
import { type Finding, makeFinding } from '../../src/detect/finding.js';
import { applySuppression, compileSuppressRules, type SuppressRuleInput } from '../../src/triage/suppress.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const RULES = 5000;
const NAME_RULES = 500;
const FINDINGS = 5000;

export async function run(): Promise<BenchReport[]> {
  const inputs: SuppressRuleInput[] = [];
  for (let k = 0; k < RULES; k++) {
    inputs.push({
      detector: k % 2 ? '*' : 'exfil',
      track: (['dst', 'either', 'src'] as const)[k % 3]!,
      value: k % 5 === 0 ? `2001:db8:${k.toString(16)}::/48` : `100.${k >> 8}.${k & 255}.0/${20 + (k % 5)}`,
    });
  }
  for (let k = 0; k < NAME_RULES; k++)
    inputs.push({ detector: 'beacon', track: 'name', value: `*.cdn${k}.example` });
  const rules = compileSuppressRules(inputs);
  const findings: Finding[] = [];
  for (let k = 0; k < FINDINGS; k++) {
    findings.push(
      makeFinding({
        detector: ['exfil.upload', 'scan.horizontal', 'beacon.domain'][k % 3]!,
        attack: '',
        severity: 'low',
        confidence: 0.5,
        firstTs: k,
        lastTs: k,
        entities: {
          src: `10.0.${k >> 8}.${k & 255}`,
          dst: [`198.18.${k >> 8}.${k & 255}`, `2001:db8:ffff::${k.toString(16)}`],
          domain: `host${k}.cdn${k % 700}.example.org`,
        },
        evidence: {},
        summary: '',
      }),
    );
  }
  const bench = newBench();
  const name = `applySuppression: ${RULES + NAME_RULES} rules × ${FINDINGS} findings, none suppressed`;
  bench.add(name, () => {
    if (applySuppression(findings, rules).report!.total !== 0) throw new Error('suppressed a finding');
  });
  await bench.run();
  const { median, samples } = medianMs(bench, name);
  return [
    { name, medianMs: median, throughput: perSecond(FINDINGS, median, ' findings', 1e3, 'k'), samples },
  ];
}
