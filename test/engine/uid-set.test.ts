import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UidSet } from '../../src/engine/uid-set.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const add = (set: UidSet, uid: string) => {
  const b = bytes(uid);
  return set.addBytes(b, 0, b.length);
};

describe('uid set', () => {
  it('reports a repeat, not a first sighting', () => {
    const set = new UidSet(64);
    expect(add(set, 'CfykLO1IT1nVRJhLA3')).toBe(false);
    expect(add(set, 'Cbv8yQ1SWqf3kRDvie')).toBe(false);
    expect(add(set, 'CfykLO1IT1nVRJhLA3')).toBe(true);
  });

  it('stays bounded: forgets the oldest generation and counts what it forgot', () => {
    const set = new UidSet(16);
    for (let i = 0; i < 40; i++) expect(add(set, `C${i}`)).toBe(false);
    // 8 per generation: after 40 inserts the first ones are gone
    expect(set.evicted).toBeGreaterThan(0);
    expect(add(set, 'C0')).toBe(false);
    expect(add(set, 'C39')).toBe(true);
  });

  it('finds every repeat within its capacity, and survives snapshot/restore', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 100 }), (uids) => {
        const set = new UidSet(512);
        const seen = new Set<string>();
        uids.forEach((u, i) => {
          const s = i === 50 ? UidSet.restore(structuredClone(set.snapshot())) : set;
          expect(add(s, u)).toBe(seen.has(u));
          if (s !== set) Object.assign(set, s);
          seen.add(u);
        });
      }),
    );
  });
});
