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
import { type LocalNetworks } from './addr.js';
import { type RecordRow } from './record.js';
export interface ShardingPolicy {
    readonly vshards: number;
    readonly v4Prefix: number;
    readonly v6Prefix: number;
    readonly local: LocalNetworks;
}
/** Result slots written by `routeRow` (reused; no allocation per record). */
export interface Route {
    /** Virtual shard of the primary delivery. */
    primary: number;
    /** Virtual shard of the originator-keyed copy, or -1 when the primary is already keyed by it. */
    origin: number;
    /** Flag.LocalOrig / Flag.LocalResp / Flag.OrigSet / Flag.RespSet as decided here. */
    flags: number;
}
export declare function newRoute(): Route;
/** Decides where a parsed row goes. Records without addresses shard by a hash of their uid or line. */
export declare function routeRow(row: RecordRow, policy: ShardingPolicy, out: Route): void;
/** The row's OrigSet/RespSet with LocalOrig/LocalResp for the endpoints inside `local`. */
export declare function endpointFlags(row: RecordRow, local: LocalNetworks): number;
/**
 * Where a captured packet goes: to the virtual shards of both endpoints' subnets (once when they
 * are the same), because the connection's originator — which decides the originator-keyed copy —
 * is only known to the flow tracker. Each shard tracks the flow and keeps the record it would
 * have received from `routeRow`. `primary` is the local endpoint's shard (the lower of the two
 * when both or neither are local, so both directions agree): protocol events are reported there
 * only. `origin` holds the other shard, or -1. Cost: packets between subnets are tracked twice.
 */
export declare function routePacket(addr: Uint32Array, policy: ShardingPolicy, out: Route): void;
/** Virtual shard → actor. Round-robin dealing keeps neighbouring hashes apart. */
export declare function actorOfVshard(vshard: number, actors: number): number;
/** Chunk → the actor that parses it: round-robin in chunk sequence order. */
export declare function actorOfChunk(seq: number, actors: number): number;
