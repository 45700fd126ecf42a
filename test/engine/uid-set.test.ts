import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashUid, UidSet } from '../../src/engine/uid-set.js';

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

  it('stays bounded: forgets the oldest uids of a full set and counts them', () => {
    const set = new UidSet(16);
    for (let i = 0; i < 40; i++) expect(add(set, `C${i}`)).toBe(false);
    // 16 fingerprints held: at least 24 of the 40 were pushed out, and each push was counted
    expect(set.evicted).toBeGreaterThanOrEqual(24);
    expect(add(set, 'C39')).toBe(true);
    const forgotten = Array.from({ length: 39 }, (_, i) => `C${i}`).filter((u) => !add(set, u));
    expect(forgotten.length).toBeGreaterThanOrEqual(24);
  });

  it('always finds a repeat within the last four uids, whatever the capacity', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 }),
        (uids) => {
          const set = new UidSet(16);
          for (const u of uids) expect(add(set, u)).toBe(false);
          for (const u of uids) expect(add(set, u)).toBe(true);
        },
      ),
    );
  });

  it('finds every repeat well within its capacity, and survives snapshot/restore', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 100 }), (uids) => {
        let set = new UidSet(1 << 14);
        const seen = new Set<string>();
        uids.forEach((u, i) => {
          if (i === 50) set = UidSet.restore(structuredClone(set.snapshot()));
          expect(add(set, u)).toBe(seen.has(u));
          seen.add(u);
        });
      }),
    );
  });

  it('answers the same through hashUid + addHashed (hashes as uint32 or int32) as through addBytes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 24 }), { maxLength: 200 }), (uids) => {
        const direct = new UidSet(64);
        const split = new UidSet(64);
        const hashes = new Uint32Array(2);
        uids.forEach((u, i) => {
          const b = bytes(u);
          hashUid(b, 0, b.length, hashes, 0);
          expect(hashes[1]).not.toBe(0);
          const [setHash, fingerprint] =
            i % 2 === 0 ? [hashes[0]!, hashes[1]!] : [hashes[0]! | 0, hashes[1]! | 0];
          expect(split.addHashed(setHash, fingerprint)).toBe(direct.addBytes(b, 0, b.length));
        });
        expect(split.evicted).toBe(direct.evicted);
      }),
    );
  });
});
