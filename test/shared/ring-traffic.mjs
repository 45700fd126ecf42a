/**
 * Seeded ring traffic shared by the main-thread tests and the worker (which cannot load .ts).
 * Message `seq` is [seq u32 LE][size u32 LE][FNV-1a of body u32 LE][body]; its size and body are
 * pure functions of (seed, seq), so the consumer regenerates what it must receive: a gap, a
 * duplicate, a reorder, a torn or overwritten byte all fail the check.
 */

export const MESSAGE_HEADER_BYTES = 12;
/** One message in this many gets a size up to the ring's maximum; the rest stay small. */
const LARGE_ONE_IN = 8;
const SMALL_BODY_MAX = 200;

/** murmur3 fmix32. */
function mix32(x) {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export function messageSize(seed, seq, maxSize) {
  const r = mix32(seed ^ Math.imul(seq + 1, 0x9e3779b9));
  const bodyMax = maxSize - MESSAGE_HEADER_BYTES;
  const span = r % LARGE_ONE_IN === 0 ? bodyMax : Math.min(bodyMax, SMALL_BODY_MAX);
  return MESSAGE_HEADER_BYTES + ((r >>> 3) % (span + 1));
}

/** Non-zero xorshift32 seed for the body of message `seq`. */
function bodyState(seed, seq) {
  return mix32((seed + Math.imul(seq, 2) + 1) >>> 0) | 1;
}

function fnv1a(bytes, start, end) {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

function put32(dst, at, v) {
  dst[at] = v & 255;
  dst[at + 1] = (v >>> 8) & 255;
  dst[at + 2] = (v >>> 16) & 255;
  dst[at + 3] = v >>> 24;
}

function get32(src, at) {
  return (src[at] | (src[at + 1] << 8) | (src[at + 2] << 16) | (src[at + 3] << 24)) >>> 0;
}

/** Fills `dst` (whose length is `messageSize(seed, seq, …)`) with message `seq`. */
export function writeMessage(dst, seed, seq) {
  let s = bodyState(seed, seq);
  for (let i = MESSAGE_HEADER_BYTES; i < dst.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    dst[i] = s & 255;
  }
  put32(dst, 0, seq);
  put32(dst, 4, dst.length);
  put32(dst, 8, fnv1a(dst, MESSAGE_HEADER_BYTES, dst.length));
}

/** Undefined when `bytes` is exactly message `seq`; otherwise what is wrong with it. */
export function verifyMessage(bytes, seed, seq, maxSize) {
  if (bytes.byteOffset % 8 !== 0) return `message ${seq} payload is not 8-byte aligned (${bytes.byteOffset})`;
  if (bytes.length < MESSAGE_HEADER_BYTES)
    return `message ${seq} is ${bytes.length} bytes, shorter than its header`;
  const got = get32(bytes, 0);
  if (got !== seq) return `${got < seq ? 'duplicate' : 'gap'}: expected message ${seq}, got ${got}`;
  const size = messageSize(seed, seq, maxSize);
  if (bytes.length !== size || get32(bytes, 4) !== size) {
    return `message ${seq}: length ${bytes.length}, header says ${get32(bytes, 4)}, expected ${size}`;
  }
  if (get32(bytes, 8) !== fnv1a(bytes, MESSAGE_HEADER_BYTES, size))
    return `message ${seq}: checksum mismatch`;
  let s = bodyState(seed, seq);
  for (let i = MESSAGE_HEADER_BYTES; i < size; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    if (bytes[i] !== (s & 255)) return `message ${seq}: byte ${i} is ${bytes[i]}, expected ${s & 255}`;
  }
  return undefined;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function pauseHere(pause, seq) {
  return pause !== undefined && seq > 0 && seq % pause.every === (pause.offset ?? 0);
}

async function doPause(mode, ms) {
  if (mode === 'sync') Atomics.wait(sleeper, 0, 0, ms);
  else await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Writes messages 0..count-1, waiting (sync: Atomics.wait, async: waitAsync) when full. */
export async function produce(writer, options) {
  const { seed, count, maxSize, mode, waitTimeoutMs, pause } = options;
  let waits = 0;
  let bytes = 0;
  for (let seq = 0; seq < count; seq++) {
    if (pauseHere(pause, seq)) await doPause(mode, pause.ms);
    const size = messageSize(seed, seq, maxSize);
    while (!writer.tryWrite(size, (dst) => writeMessage(dst, seed, seq))) {
      waits++;
      const ok =
        mode === 'sync'
          ? writer.waitForSpaceSync(size, waitTimeoutMs)
          : await writer.waitForSpace(size, waitTimeoutMs);
      if (!ok)
        throw new Error(
          `producer stalled at message ${seq}: no room for ${size} bytes in ${waitTimeoutMs} ms`,
        );
    }
    bytes += size;
  }
  return { messages: count, bytes, waits };
}

/** Reads and verifies messages 0..count-1, then checks that nothing else arrived. */
export async function consume(reader, options) {
  const { seed, count, maxSize, mode, waitTimeoutMs, pause } = options;
  let waits = 0;
  let bytes = 0;
  for (let seq = 0; seq < count; ) {
    const msg = reader.peek();
    if (msg === undefined) {
      waits++;
      const ok =
        mode === 'sync' ? reader.waitForDataSync(waitTimeoutMs) : await reader.waitForData(waitTimeoutMs);
      if (!ok) throw new Error(`consumer stalled at message ${seq}: nothing arrived in ${waitTimeoutMs} ms`);
      continue;
    }
    const error = verifyMessage(msg, seed, seq, maxSize);
    if (error !== undefined) throw new Error(error);
    bytes += msg.length;
    reader.release();
    seq++;
    if (pauseHere(pause, seq)) await doPause(mode, pause.ms);
  }
  if (reader.hasData()) throw new Error(`a message arrived after the last one (${count})`);
  return { messages: count, bytes, waits };
}
