/**
 * The coordinator's book of chunks: what each sequence number covers (so a crashed generation
 * can re-read it), what its parse reported, and the integrity events that only a view across
 * chunks can produce — file line numbers, time steps across chunk boundaries, file-level events.
 * It holds a few numbers per chunk, never chunk bytes.
 */
import type { HostProtocolEvent } from '../engine/shard-flows.js';
import type { HostEvent } from '../engine/shard-host.js';
import { IntegrityCode, type IntegrityEvent } from '../ingest/events.js';
import type { ProtocolEvent } from '../ingest/pcap/packet.js';
import type { ChunkFormat, ChunkParseResult, ZeekChunk, ZeekHeader } from '../ingest/zeek/types.js';
import type { InputFile } from './inputs.js';
export interface ChunkEntry {
    readonly seq: number;
    readonly sourceId: number;
    readonly format: ChunkFormat;
    readonly header: ZeekHeader | undefined;
    readonly startOffset: number;
    readonly length: number;
    /** 0-based index of the chunk within its file. */
    readonly indexInFile: number;
    /** Lines of the file before this chunk that belong to no chunk (directives, dropped lines). */
    readonly nonDataLinesBefore: number;
}
/**
 * An event from framing or reading a file, on a line that belongs to no chunk. Its line is
 * nonDataLinesBefore + the data lines of the file's first `chunksBefore` chunks + 1; `whole`
 * events concern the whole file (line 0); `atEnd` ones sit on the file's last line.
 */
export interface SourceEvent {
    readonly code: IntegrityCode;
    readonly sourceId: number;
    readonly offset: number;
    readonly chunksBefore: number;
    readonly nonDataLinesBefore: number;
    readonly position: 'line' | 'whole' | 'atEnd';
    readonly message: string;
}
export declare class ChunkLedger {
    private readonly inputs;
    private readonly entries;
    private readonly results;
    private readonly sourceEvents;
    /** Protocol events of capture files found while reading them (the shards report the rest). */
    readonly captureEvents: {
        counts: Record<string, number>;
        kept: HostProtocolEvent[];
    };
    private readonly sourceCounts;
    private readonly maxEventsPerCode;
    private readonly tsTolerance;
    constructor(inputs: readonly InputFile[], maxEventsPerCode: number, tsToleranceSeconds: number);
    get count(): number;
    register(chunk: Omit<ZeekChunk, 'seq'>, indexInFile: number, nonDataLinesBefore: number): ZeekChunk;
    /** Books a chunk by its place in the file (direct runs read it themselves); returns its seq. */
    registerRange(chunk: Pick<ChunkEntry, 'sourceId' | 'format' | 'header' | 'startOffset' | 'length'>, indexInFile: number, nonDataLinesBefore: number): number;
    entry(seq: number): ChunkEntry;
    recordParse(seq: number, result: ChunkParseResult): void;
    get parsedCount(): number;
    addCaptureEvent(sourceId: number, event: ProtocolEvent): void;
    /** Adds a kept event; counts come separately from `addSourceCounts` (all events, kept or not). */
    addSourceEvent(event: SourceEvent): void;
    addSourceCounts(counts: Readonly<Partial<Record<IntegrityCode, number>>>): void;
    /** Totals over every chunk's parse report. */
    totals(): {
        records: number;
        recordsByPath: Record<string, number>;
        bytes: number;
        minTs: number;
        maxTs: number;
    };
    /**
     * Every integrity event with file and line, in (file, line) order, the first
     * `maxEventsPerCode` of each code, plus the count of all events by code.
     */
    resolveEvents(hostEvents: readonly HostEvent[], hostCounts: Readonly<Record<string, number>>): {
        events: IntegrityEvent[];
        counts: Record<string, number>;
    };
}
