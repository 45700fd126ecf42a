import type { RingReader, RingWriter } from '../../src/shared/ring.js';

export interface TrafficPause {
  /** Pause when seq % every === offset (never before the first message). */
  readonly every: number;
  readonly offset?: number;
  readonly ms: number;
}

export interface TrafficOptions {
  readonly seed: number;
  readonly count: number;
  /** Largest message; at least MESSAGE_HEADER_BYTES and at most the ring's maxMessageBytes. */
  readonly maxSize: number;
  readonly mode: 'sync' | 'async';
  readonly waitTimeoutMs: number;
  readonly pause?: TrafficPause;
}

export interface TrafficResult {
  readonly messages: number;
  readonly bytes: number;
  /** Times this side found the ring full (producer) or empty (consumer) and waited. */
  readonly waits: number;
}

export const MESSAGE_HEADER_BYTES: number;
export function messageSize(seed: number, seq: number, maxSize: number): number;
export function writeMessage(dst: Uint8Array, seed: number, seq: number): void;
export function verifyMessage(
  bytes: Uint8Array,
  seed: number,
  seq: number,
  maxSize: number,
): string | undefined;
export function produce(writer: RingWriter, options: TrafficOptions): Promise<TrafficResult>;
export function consume(reader: RingReader, options: TrafficOptions): Promise<TrafficResult>;
