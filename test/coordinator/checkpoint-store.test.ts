import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../src/coordinator/checkpoint-store.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('CheckpointStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netscry-ck-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has nothing to resume from before a set is saved', async () => {
    const store = new CheckpointStore((name) => join(dir, name));
    expect(await store.load()).toEqual({ seq: 0, states: null });
  });

  it('keeps the last set on disk only, reads it back and removes it on close', async () => {
    const store = new CheckpointStore((name) => join(dir, name));
    store.save(4, [bytes(1, 2, 3), bytes()]);
    store.save(9, [bytes(7), bytes(8, 9), bytes(10, 11, 12, 13)]);
    expect(store.latestSeq).toBe(9);
    const loaded = await store.load();
    expect(loaded.seq).toBe(9);
    expect(loaded.states).toEqual([bytes(7), bytes(8, 9), bytes(10, 11, 12, 13)]);
    // Each state is its own buffer (a worker gets only its own bytes).
    expect(new Set(loaded.states!.map((s) => s.buffer)).size).toBe(3);
    expect(await readdir(dir)).toEqual(['checkpoint-9.bin']);
    await store.close();
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps a set it cannot write in memory, and drops the older file', async () => {
    let writable = true;
    const store = new CheckpointStore((name) => (writable ? join(dir, name) : join(dir, 'gone', name)));
    store.save(3, [bytes(1)]);
    expect((await store.load()).seq).toBe(3);
    writable = false;
    store.save(5, [bytes(2), bytes(3)]);
    expect(await store.load()).toEqual({ seq: 5, states: [bytes(2), bytes(3)] });
    expect(await readdir(dir)).toEqual([]);
    // A directory that cannot be made at all (pathFor throws): in memory too.
    const failing = new CheckpointStore(() => {
      throw new Error('no spool directory');
    });
    failing.save(2, [bytes(4)]);
    expect(await failing.load()).toEqual({ seq: 2, states: [bytes(4)] });
    await failing.close();
    await store.close();
    expect(existsSync(join(dir, 'checkpoint-3.bin'))).toBe(false);
  });
});
