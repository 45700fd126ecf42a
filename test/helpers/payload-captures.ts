/**
 * Synthetic captures for the payload-statistics detectors (protocol payload deviations, ICMP
 * tunnels): ICMP echo exchanges (tunnel-like and benign pings), whole TCP conversations with
 * chosen payloads, built with test/helpers/pcap.ts. Deterministic.
 */
import { TcpFlag } from '../../src/ingest/pcap/packet.js';
import { be16, concatBytes, EtherType, ethernet, icmp, ipv4, type PcapRecordSpec, tcp } from './pcap.js';

/** A deterministic byte generator (mulberry32). */
export function randomBytes(n: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const text = new TextEncoder();

/** Plain English-like text of n bytes. */
export function plainText(n: number): Uint8Array {
  const words =
    'the quick brown fox jumps over the lazy dog while a status report lists every open ticket and its owner\r\n';
  let s = '';
  while (s.length < n) s += words;
  return text.encode(s.slice(0, n));
}

export interface EchoSpec {
  readonly client: string;
  readonly server: string;
  readonly t0: number;
  readonly count: number;
  /** Request payload of exchange k. */
  readonly request: (k: number) => Uint8Array;
  /** Reply payload of exchange k (default: the request's, as an echo reply repeats it). */
  readonly reply?: (k: number) => Uint8Array | undefined;
  readonly interval?: number;
  /** ICMP type of the requests (default 8, echo request) and of the replies (default 0). */
  readonly type?: number;
  readonly replyType?: number;
}

/** ICMP echo exchanges as pcap records. */
export function echoExchange(spec: EchoSpec, records: PcapRecordSpec[]): void {
  const dt = spec.interval ?? 0.2;
  for (let k = 0; k < spec.count; k++) {
    const t = spec.t0 + k * dt;
    const head = concatBytes(be16(0x1234), be16(k));
    const req = spec.request(k);
    records.push({
      ts: t,
      data: ethernet(
        EtherType.Ipv4,
        ipv4(
          { src: spec.client, dst: spec.server, ttl: 64 },
          icmp(spec.type ?? 8, 0, concatBytes(head, req)),
        ),
      ),
    });
    const rep = spec.reply === undefined ? req : spec.reply(k);
    if (rep === undefined) continue;
    records.push({
      ts: t + 0.01,
      data: ethernet(
        EtherType.Ipv4,
        ipv4(
          { src: spec.server, dst: spec.client, ttl: 55 },
          icmp(spec.replyType ?? 0, 0, concatBytes(head, rep)),
        ),
      ),
    });
  }
}

/** Linux ping's payload of `size` bytes: a 16-byte timeval, then bytes counting from 0x10. */
export function linuxPing(k: number, size = 56): Uint8Array {
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 1_700_000_000 + k, true);
  view.setUint32(8, (k * 7919) % 1_000_000, true);
  for (let i = 16; i < size; i++) out[i] = i & 0xff;
  return out;
}

/** Windows ping's 32-byte payload. */
export const WINDOWS_PING = text.encode('abcdefghijklmnopqrstuvwabcdefghi');

export interface TcpTalkSpec {
  readonly client: string;
  readonly server: string;
  readonly clientPort: number;
  readonly serverPort: number;
  readonly t0: number;
  /** Payloads in turn: client, server, client, … */
  readonly turns: readonly Uint8Array[];
  /** Leave out the handshake (a capture that starts mid-stream). */
  readonly midStream?: boolean;
}

/** A whole TCP conversation: handshake, the turns (segments of ≤ 1400 bytes), FINs. */
export function tcpTalk(spec: TcpTalkSpec, records: PcapRecordSpec[]): void {
  let t = spec.t0;
  let cseq = 1000;
  let sseq = 9000;
  const push = (fromClient: boolean, flags: number, payload?: Uint8Array) => {
    t += 0.005;
    const seq = fromClient ? cseq : sseq;
    const ack = fromClient ? sseq : cseq;
    records.push({
      ts: t,
      data: ethernet(
        EtherType.Ipv4,
        ipv4(
          { src: fromClient ? spec.client : spec.server, dst: fromClient ? spec.server : spec.client },
          tcp({
            srcPort: fromClient ? spec.clientPort : spec.serverPort,
            dstPort: fromClient ? spec.serverPort : spec.clientPort,
            seq,
            ack,
            flags,
            ...(payload === undefined ? {} : { payload }),
          }),
        ),
      ),
    });
    const advance = (payload?.length ?? 0) + ((flags & (TcpFlag.Syn | TcpFlag.Fin)) !== 0 ? 1 : 0);
    if (fromClient) cseq += advance;
    else sseq += advance;
  };
  if (!spec.midStream) {
    push(true, TcpFlag.Syn);
    push(false, TcpFlag.Syn | TcpFlag.Ack);
    push(true, TcpFlag.Ack);
  }
  spec.turns.forEach((payload, k) => {
    for (let at = 0; at < payload.length; at += 1400) {
      push(k % 2 === 0, TcpFlag.Ack | TcpFlag.Psh, payload.subarray(at, at + 1400));
    }
  });
  push(true, TcpFlag.Fin | TcpFlag.Ack);
  push(false, TcpFlag.Fin | TcpFlag.Ack);
  push(true, TcpFlag.Ack);
}
