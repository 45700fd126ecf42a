/**
 * The sharding policy, a pure function (piscina balancer habit): which virtual shard owns a
 * record, and which actor owns a virtual shard.
 *
 * Shard key = FNV-1a of the local endpoint's subnet (IPv4 /24, IPv6 /64 by default). The local
 * endpoint is the side inside the configured local networks; when both or neither side is local
 * it is the originator. State lives per *virtual* shard (a fixed count, 1024 by default) and
 * virtual shards are dealt to actors, so results cannot depend on the number of actors; the same
 * function can later partition a Kafka/NATS topic (NATS `partition()` is FNV-1a mod n).
 */
import { fnv1aBytes, subnetHash } from './addr.js';
import { Flag, Str } from './record.js';
export function newRoute() {
    return { primary: 0, origin: -1, flags: 0 };
}
/** Decides where a parsed row goes. Records without addresses shard by a hash of their uid or line. */
export function routeRow(row, policy, out) {
    const flags = endpointFlags(row, policy.local);
    const origSet = (flags & Flag.OrigSet) !== 0;
    const respSet = (flags & Flag.RespSet) !== 0;
    const origLocal = (flags & Flag.LocalOrig) !== 0;
    const respLocal = (flags & Flag.LocalResp) !== 0;
    out.flags = flags;
    out.origin = -1;
    if (!origSet && !respSet) {
        const slot = row.strEnd[Str.Uid] > row.strStart[Str.Uid] ? Str.Uid : Str.Raw;
        out.primary = fnv1aBytes(row.src, row.strStart[slot], row.strEnd[slot]) % policy.vshards;
        return;
    }
    const keyedByResp = respSet && (!origSet || (respLocal && !origLocal));
    const origShard = origSet ? subnetHash(row.addr, 0, policy.v4Prefix, policy.v6Prefix) % policy.vshards : -1;
    if (keyedByResp) {
        out.primary = subnetHash(row.addr, 4, policy.v4Prefix, policy.v6Prefix) % policy.vshards;
        out.origin = origShard;
    }
    else {
        out.primary = origShard;
    }
}
/** The row's OrigSet/RespSet with LocalOrig/LocalResp for the endpoints inside `local`. */
export function endpointFlags(row, local) {
    let flags = row.flags & (Flag.OrigSet | Flag.RespSet);
    if ((flags & Flag.OrigSet) !== 0 && local.contains(row.addr, 0))
        flags |= Flag.LocalOrig;
    if ((flags & Flag.RespSet) !== 0 && local.contains(row.addr, 4))
        flags |= Flag.LocalResp;
    return flags;
}
/**
 * Where a captured packet goes: to the virtual shards of both endpoints' subnets (once when they
 * are the same), because the connection's originator — which decides the originator-keyed copy —
 * is only known to the flow tracker. Each shard tracks the flow and keeps the record it would
 * have received from `routeRow`. `primary` is the local endpoint's shard (the lower of the two
 * when both or neither are local, so both directions agree): protocol events are reported there
 * only. `origin` holds the other shard, or -1. Cost: packets between subnets are tracked twice.
 */
export function routePacket(addr, policy, out) {
    const src = subnetHash(addr, 0, policy.v4Prefix, policy.v6Prefix) % policy.vshards;
    const dst = subnetHash(addr, 4, policy.v4Prefix, policy.v6Prefix) % policy.vshards;
    const srcLocal = policy.local.contains(addr, 0);
    const dstLocal = policy.local.contains(addr, 4);
    out.flags = Flag.PacketPrimary;
    out.primary = srcLocal === dstLocal ? Math.min(src, dst) : srcLocal ? src : dst;
    out.origin = src === dst ? -1 : out.primary === src ? dst : src;
}
/** Virtual shard → actor. Round-robin dealing keeps neighbouring hashes apart. */
export function actorOfVshard(vshard, actors) {
    return vshard % actors;
}
/** Chunk → the actor that parses it: round-robin in chunk sequence order. */
export function actorOfChunk(seq, actors) {
    return seq % actors;
}
//# sourceMappingURL=sharding.js.map