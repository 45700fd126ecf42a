/**
 * Input discovery: files and directories in, an ordered list of readable log files out, each
 * with its compression and format sniffed from content (never from the file name).
 *
 * Directories are walked recursively and contribute Zeek's log files (`*.log`, `*.log.gz`;
 * Zeek names JSON logs `.log` too; syslog files such as `auth.log` come along) and captures
 * (`*.pcap`, `*.pcapng`, `*.cap`, optionally `.gz`), so side files such as labels or notes stay
 * out; a file named explicitly is always taken (raw NetFlow dumps, `messages`, …). Whatever the name, the format is decided by content.
 * The order is the sorted path order, so a run is reproducible whatever the file system says.
 *
 * `-` is standard input; it and any other input that is not a regular file (a named pipe, a
 * process substitution, a character device) is read once and spooled (stream-input.ts), so the
 * run can read it again like a file.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { sniffCaptureFormat } from '../ingest/pcap/capture-file.js';
import type { ChunkFormat } from '../ingest/zeek/types.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { BLOCK_BYTES } from './blocks.js';
import { StreamSpool } from './stream-input.js';

export const SUPPORTED_FORMATS =
  'Zeek TSV logs, Zeek JSON logs (one object per line), pcap/pcapng captures, raw NetFlow v5/v9/IPFIX export datagrams and syslog files (RFC 5424, RFC 3164 or plain log lines), plain or gzip-compressed';

/**
 * What an input holds. Zeek logs and captures are framed and parsed by the actors; the others
 * become Zeek JSON records on the coordinator first (convert.ts): `netflow` raw export
 * datagrams, `netflow-capture` a capture of export traffic (`captureAs: 'netflow'`), `syslog`.
 */
export type InputFormat = ChunkFormat | 'netflow' | 'netflow-capture' | 'syslog' | 'live';

/** Inputs turned into Zeek JSON records on the coordinator; `live` is `netscry watch`'s feed. */
export function isConverted(format: InputFormat): boolean {
  return format === 'netflow' || format === 'netflow-capture' || format === 'syslog' || format === 'live';
}

export interface InputFile {
  readonly path: string;
  readonly sourceId: number;
  readonly gzip: boolean;
  readonly format: InputFormat;
  /** Size on disk (compressed size for gzip). */
  readonly size: number;
  /** Path of a `<file>.sha256` sidecar, when present. */
  readonly checksumFile: string | undefined;
  /** Modification time (unix s): the reference time of converted inputs (syslog years, export time). */
  readonly mtime: number;
  /**
   * A stream input (`-`, a pipe): read through its spool, never by path; `size` is 0 until the
   * run, `bytesRead` after it. Close it when the run ends (`closeInputs`).
   */
  readonly stream?: StreamSpool;
}

/** The path a stream input is named by: `-` is standard input. */
export const STDIN = '-';

/** Releases what the inputs hold (the spools of stream inputs). */
export function closeInputs(inputs: readonly InputFile[]): void {
  for (const input of inputs) input.stream?.close();
}

/** Bytes of an input as read: the file's size, or what a stream input gave. */
export function inputBytes(input: InputFile): number {
  return input.stream?.bytesRead ?? input.size;
}

const INPUT_NAME = /\.(log|pcap|pcapng|cap)(\.gz)?$/;

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && INPUT_NAME.test(e.name)) out.push(p);
  }
}

/** The typed error for a file that cannot be read, with the OS reason in words. */
export function unreadable(path: string, err: unknown): NetscryError {
  const code = (err as { code?: string }).code ?? 'unknown';
  const why =
    code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code;
  return new NetscryError(ErrorCode.UnreadableInput, `cannot read ${path}: ${why}`, { path, code });
}

/**
 * Up to `n` leading bytes of an async byte source. If the source fails, `onError` decides:
 * rethrow, or return what came before (without it, the error is thrown).
 */
async function leading(
  blocks: AsyncIterable<Uint8Array>,
  n: number,
  onError: (err: unknown) => void = (err) => {
    throw err;
  },
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const block of blocks) {
      parts.push(block);
      total += block.length;
      if (total >= n) break;
    }
  } catch (err) {
    onError(err);
  }
  return new Uint8Array(Buffer.concat(parts)).subarray(0, n);
}

/**
 * Up to `n` leading bytes of gzip data read from `raw`, decompressed. A read error throws; a
 * gzip stream broken within its first bytes gives what it decoded.
 */
async function sniffGzip(raw: Readable, n: number): Promise<Uint8Array> {
  const gunzip = createGunzip();
  let readError: unknown;
  raw.on('error', (err) => {
    readError = err;
    gunzip.destroy(err);
  });
  raw.pipe(gunzip);
  try {
    return await leading(gunzip, n, () => {
      if (readError !== undefined) throw readError;
    });
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

/** Up to `n` leading bytes of a stream input's content, gzip undone when `gzip`. */
function sniffStream(spool: StreamSpool, gzip: boolean, n: number): Promise<Uint8Array> {
  return gzip ? sniffGzip(Readable.from(spool.rawBlocks()), n) : leading(spool.rawBlocks(), n);
}

/** Up to `n` leading bytes of a file's content, gzip undone when `gzip`. */
async function sniff(path: string, gzip: boolean, n: number): Promise<Uint8Array> {
  if (gzip) return sniffGzip(createReadStream(path), n);
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const MONTH_START = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d /;
const ISO_START = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

function formatOf(head: Uint8Array): InputFormat | undefined {
  const capture = sniffCaptureFormat(head);
  if (capture === 'pcap' || capture === 'pcapng') return 'pcap';
  // An export datagram starts with its version as a 16-bit number; text never starts with NUL.
  if (head.length >= 4 && head[0] === 0 && (head[1] === 5 || head[1] === 9 || head[1] === 10))
    return 'netflow';
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3; // UTF-8 BOM
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x23) return 'tsv';
  if (head[i] === 0x7b) return 'json';
  const text = Buffer.from(head.subarray(i)).toString('latin1');
  if (/^<\d{1,3}>/.test(text) || MONTH_START.test(text) || ISO_START.test(text)) return 'syslog';
  return undefined;
}

export interface DiscoverOptions {
  /** Read captures as packets (default) or as NetFlow/IPFIX export traffic. */
  readonly captureAs?: 'packets' | 'netflow';
  /** Where stream inputs spool (default: a temporary directory each, removed on close). */
  readonly spoolDir?: string;
  /** What `-` reads (default: process.stdin). */
  readonly stdin?: Readable;
}

export async function discoverInputs(
  paths: readonly string[],
  options: DiscoverOptions = {},
): Promise<InputFile[]> {
  const files: string[] = [];
  /** Stream inputs by path: `-`, pipes and devices, opened here and read once. */
  const streams = new Map<string, Readable>();
  for (const p of paths) {
    if (p === STDIN) {
      files.push(STDIN);
      if (!streams.has(STDIN)) streams.set(STDIN, options.stdin ?? process.stdin);
      continue;
    }
    const abs = resolve(p);
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(abs);
    } catch (err) {
      throw unreadable(p, err);
    }
    if (!s.isDirectory() && !s.isFile()) {
      files.push(abs);
      if (!streams.has(abs)) streams.set(abs, createReadStream(abs, { highWaterMark: BLOCK_BYTES }));
      continue;
    }
    if (s.isDirectory()) {
      const found: string[] = [];
      await walk(abs, found);
      if (found.length === 0) {
        throw new NetscryError(
          ErrorCode.UnsupportedFormat,
          `${p} holds no log files or captures (*.log, *.pcap, *.pcapng, *.cap, optionally .gz)`,
          {
            path: p,
          },
        );
      }
      files.push(...found);
    } else {
      files.push(abs);
    }
  }
  const unique = [...new Set(files)].sort();
  const inputs: InputFile[] = [];
  try {
    for (const path of unique) {
      const stream = streams.get(path);
      inputs.push(
        stream === undefined
          ? await fileInput(path, inputs.length, options)
          : await streamInput(path, stream, inputs.length, options),
      );
    }
  } catch (err) {
    closeInputs(inputs);
    for (const [path, stream] of streams) if (!inputs.some((f) => f.path === path)) stream.destroy();
    throw err;
  }
  return inputs;
}

interface Sniffed {
  /** The content is gzip-compressed (its first two bytes). */
  readonly gzip: boolean;
  /** Its leading bytes, gzip undone. */
  readonly head: Uint8Array;
  /** Not a single byte. */
  readonly empty: boolean;
}

/** What the leading bytes tell: `read(gzip, n)` gives up to n of them (gzip undone when asked). */
async function sniffContent(read: (gzip: boolean, n: number) => Promise<Uint8Array>): Promise<Sniffed> {
  const magic = await read(false, 2);
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  return { gzip, head: await read(gzip, 64), empty: magic.length === 0 };
}

/** The format an input's leading bytes name, captures read as the options ask. */
function inputFormat(head: Uint8Array, options: DiscoverOptions): InputFormat | undefined {
  const format = formatOf(head);
  return format === 'pcap' && options.captureAs === 'netflow' ? 'netflow-capture' : format;
}

function unsupported(path: string, empty: boolean): NetscryError {
  return new NetscryError(
    ErrorCode.UnsupportedFormat,
    `${path}: unsupported format${empty ? ' (empty file)' : ''}; netscry reads ${SUPPORTED_FORMATS}`,
    { path },
  );
}

async function streamInput(
  path: string,
  stream: Readable,
  sourceId: number,
  options: DiscoverOptions,
): Promise<InputFile> {
  const spool = new StreamSpool(stream, String(sourceId), options.spoolDir);
  const name = path === STDIN ? 'standard input' : path;
  try {
    let content: Sniffed;
    try {
      content = await sniffContent((gzip, n) => sniffStream(spool, gzip, n));
    } catch (err) {
      throw unreadable(name, err);
    }
    const { gzip, head, empty } = content;
    const format = inputFormat(head, options);
    if (format === undefined) throw unsupported(name, empty);
    return {
      path,
      sourceId,
      gzip,
      format,
      size: 0,
      checksumFile: undefined,
      mtime: Date.now() / 1000,
      stream: spool,
    };
  } catch (err) {
    spool.close();
    throw err;
  }
}

async function fileInput(path: string, sourceId: number, options: DiscoverOptions): Promise<InputFile> {
  let size: number;
  let mtime: number;
  let content: Sniffed;
  try {
    const st = await stat(path);
    size = st.size;
    mtime = Math.floor(st.mtimeMs) / 1000;
    content = await sniffContent((gzip, n) => sniff(path, gzip, n));
  } catch (err) {
    throw unreadable(path, err);
  }
  const { gzip, head, empty } = content;
  const format = inputFormat(head, options);
  if (format === undefined) throw unsupported(path, empty);
  let checksumFile: string | undefined = `${path}.sha256`;
  try {
    await stat(checksumFile);
  } catch {
    checksumFile = undefined;
  }
  return { path, sourceId, gzip, format, size, checksumFile, mtime };
}

export type ChecksumStatus = 'verified' | 'mismatch' | 'unreadable';

export interface ChecksumResult {
  readonly file: string;
  readonly status: ChecksumStatus;
  readonly expected: string | undefined;
  readonly actual: string;
}

/** Reads the digest from a sha256sum-style sidecar (`<hex>  <name>` or a bare hex digest). */
export async function readExpectedDigest(checksumFile: string): Promise<string | undefined> {
  try {
    const text = await readFile(checksumFile, 'utf8');
    const m = /^\s*([0-9a-fA-F]{64})\b/.exec(text);
    return m ? m[1]!.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
