import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks, parseAddress, subnetHash } from '../../src/shared/addr.js';
import { Flag, isOriginatorDelivery, isPrimaryDelivery, RecordRow } from '../../src/shared/record.js';
import {
  actorOfChunk,
  actorOfVshard,
  newRoute,
  routeRow,
  type ShardingPolicy,
} from '../../src/shared/sharding.js';
import { fillRow } from '../helpers/records.js';

const policy: ShardingPolicy = {
  vshards: 1024,
  v4Prefix: 24,
  v6Prefix: 64,
  local: LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks,
};

function route(orig: string | undefined, resp: string | undefined) {
  const row = new RecordRow();
  const spec = { ts: 1, ...(orig ? { orig } : {}), ...(resp ? { resp } : {}), uid: 'Cabc' };
  row.flags = fillRow(row, spec);
  const r = newRoute();
  routeRow(row, policy, r);
  return { ...r };
}

const shardOf = (addr: string): number => subnetHash(parseAddress(addr)!, 0, 24, 64) % 1024;

describe('sharding policy', () => {
  it('keys an outbound connection by its local originator, once', () => {
    const r = route('10.1.2.3', '198.51.100.1');
    expect(r.primary).toBe(shardOf('10.1.2.3'));
    expect(r.origin).toBe(-1);
    expect(r.flags & Flag.LocalOrig).toBeTruthy();
  });

  it('keys an inbound connection by its local responder and sends an originator copy', () => {
    const r = route('203.0.113.9', '10.1.2.3');
    expect(r.primary).toBe(shardOf('10.1.2.3'));
    expect(r.origin).toBe(shardOf('203.0.113.9'));
    expect(isPrimaryDelivery(r.flags)).toBe(true);
    expect(isOriginatorDelivery(r.flags)).toBe(false);
    expect(isOriginatorDelivery(r.flags | Flag.OriginView)).toBe(true);
  });

  it('keys internal and external-only traffic by the originator', () => {
    expect(route('10.1.2.3', '10.9.9.9')).toMatchObject({ primary: shardOf('10.1.2.3'), origin: -1 });
    expect(route('8.8.8.8', '1.1.1.1')).toMatchObject({ primary: shardOf('8.8.8.8'), origin: -1 });
    expect(route('fd00::1:2', '2001:db8::1')).toMatchObject({ primary: shardOf('fd00::1:2'), origin: -1 });
  });

  it('puts a whole /24 (or /64) in one virtual shard', () => {
    expect(route('10.1.2.3', '8.8.8.8').primary).toBe(route('10.1.2.250', '8.8.4.4').primary);
    expect(route('fd00::1', '8.8.8.8').primary).toBe(route('fd00::ffff:1', '8.8.8.8').primary);
  });

  it('shards address-less records by uid, deterministically', () => {
    const a = route(undefined, undefined);
    expect(a).toEqual(route(undefined, undefined));
    expect(a.primary).toBeGreaterThanOrEqual(0);
    expect(a.primary).toBeLessThan(1024);
  });

  it('deals virtual shards and chunks round-robin', () => {
    expect([0, 1, 2, 3, 4].map((v) => actorOfVshard(v, 2))).toEqual([0, 1, 0, 1, 0]);
    expect([0, 1, 2, 3].map((s) => actorOfChunk(s, 3))).toEqual([0, 1, 2, 0]);
  });
});
