import { describe, expect, it } from 'vitest';
import { canonicalJson, compareFindings, type FindingInput, makeFinding } from '../../src/detect/finding.js';

const base: FindingInput = {
  detector: 'scan.vertical',
  attack: 'T1046',
  severity: 'medium',
  confidence: 0.8,
  firstTs: 100,
  lastTs: 200,
  entities: { src: '10.0.0.1', dst: '10.0.0.2' },
  evidence: { distinctPorts: 20, samplePorts: [22, 80] },
  summary: '10.0.0.1 probed 20 ports on 10.0.0.2',
};

describe('findings', () => {
  it('get an id from their content only, whatever the key order', () => {
    const reordered = {
      summary: base.summary,
      evidence: { samplePorts: [22, 80], distinctPorts: 20 },
      entities: { dst: '10.0.0.2', src: '10.0.0.1' },
      lastTs: 200,
      firstTs: 100,
      confidence: 0.8,
      severity: 'medium',
      attack: 'T1046',
      detector: 'scan.vertical',
    } as const;
    expect(makeFinding(reordered).id).toBe(makeFinding(base).id);
    expect(makeFinding({ ...base, lastTs: 201 }).id).not.toBe(makeFinding(base).id);
    expect(makeFinding(base).id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('serialise canonically: sorted keys at every depth, arrays kept in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('sort by time, then detector, then id', () => {
    const a = makeFinding(base);
    const b = makeFinding({ ...base, detector: 'scan.horizontal' });
    const c = makeFinding({ ...base, firstTs: 50 });
    const d = makeFinding({ ...base, summary: 'same time and detector, other content' });
    const sorted = [a, b, c, d].sort(compareFindings);
    expect(sorted[0]).toBe(c);
    expect(sorted[1]).toBe(b);
    expect(sorted.slice(2).map((f) => f.id)).toEqual([a.id, d.id].sort());
    expect(compareFindings(a, a)).toBe(0);
  });
});
