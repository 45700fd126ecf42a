import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecencyList, type Recent } from '../../src/detect/recency.js';

interface Entry extends Recent<Entry> {
  readonly key: number;
}

/** The idiom RecencyList replaces: a Map's insertion order, delete + set on every touch. */
function mapOrder(ops: ReadonlyArray<readonly [op: 'touch' | 'remove' | 'evict', key: number]>): number[] {
  const m = new Map<number, true>();
  for (const [op, key] of ops) {
    if (op === 'evict') {
      const first = m.keys().next();
      if (!first.done) m.delete(first.value);
    } else if (op === 'remove') m.delete(key);
    else {
      m.delete(key);
      m.set(key, true);
    }
  }
  return [...m.keys()];
}

function listOrder(
  ops: ReadonlyArray<readonly [op: 'touch' | 'remove' | 'evict', key: number]>,
): RecencyList<Entry> {
  const list = new RecencyList<Entry>();
  const byKey = new Map<number, Entry>();
  for (const [op, key] of ops) {
    if (op === 'evict') {
      const oldest = list.oldest;
      if (oldest !== null) {
        list.remove(oldest);
        byKey.delete(oldest.key);
      }
      continue;
    }
    const e = byKey.get(key);
    if (op === 'remove') {
      if (e !== undefined) {
        list.remove(e);
        byKey.delete(key);
      }
    } else if (e === undefined) {
      const fresh: Entry = { key, older: null, newer: null };
      byKey.set(key, fresh);
      list.push(fresh);
    } else list.touch(e);
  }
  return list;
}

const op = fc.tuple(
  fc.constantFrom('touch' as const, 'remove' as const, 'evict' as const),
  fc.integer({ min: 0, max: 9 }),
);

describe('RecencyList', () => {
  it('keeps the order a Map kept by delete + set on every touch', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const list = listOrder(ops);
        const expected = mapOrder(ops);
        expect(list.toArray().map((e) => e.key)).toEqual(expected);
        expect(list.size).toBe(expected.length);
        // Linked both ways: newest back to oldest is the reverse.
        const back: number[] = [];
        for (let e = list.newest; e !== null; e = e.older) back.push(e.key);
        expect(back).toEqual([...expected].reverse());
      }),
    );
  });

  it('lets forEach remove the entry it visits', () => {
    const list = listOrder([1, 2, 3, 4, 5].map((k) => ['touch', k] as const));
    const seen: number[] = [];
    list.forEach((e) => {
      seen.push(e.key);
      if (e.key % 2 === 1) list.remove(e);
    });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(list.toArray().map((e) => e.key)).toEqual([2, 4]);
    expect(list.oldest?.key).toBe(2);
    expect(list.newest?.key).toBe(4);
  });
});
