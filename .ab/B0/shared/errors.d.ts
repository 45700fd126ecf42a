/**
 * Typed errors with stable codes (undici's habit). An error that crosses a thread boundary
 * travels as `{code, message, detail}` and is rebuilt on the other side with `fromWire`.
 * Input problems are *not* errors: they are integrity/protocol events (see ingest/events.ts).
 */
export declare const ErrorCode: {
    readonly Usage: 'NETSCRY_E_USAGE';
    readonly InvalidOption: 'NETSCRY_E_INVALID_OPTION';
    readonly UnreadableInput: 'NETSCRY_E_UNREADABLE_INPUT';
    readonly UnsupportedFormat: 'NETSCRY_E_UNSUPPORTED_FORMAT';
    readonly InvalidAddress: 'NETSCRY_E_INVALID_ADDRESS';
    readonly MalformedBatch: 'NETSCRY_E_MALFORMED_BATCH';
    readonly RingMessageTooLarge: 'NETSCRY_E_RING_MESSAGE_TOO_LARGE';
    readonly ActorFailed: 'NETSCRY_E_ACTOR_FAILED';
    readonly CheckpointMismatch: 'NETSCRY_E_CHECKPOINT_MISMATCH';
    readonly OutputFailed: 'NETSCRY_E_OUTPUT_FAILED';
    /** A baseline file (analyze --baseline) that cannot be used: the run goes on without it. */
    readonly BaselineUnusable: 'NETSCRY_E_BASELINE_UNUSABLE';
    readonly Internal: 'NETSCRY_E_INTERNAL';
};
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export interface WireError {
    readonly code: ErrorCode;
    readonly message: string;
    readonly detail?: Record<string, unknown>;
}
export declare class NetscryError extends Error {
    readonly code: ErrorCode;
    readonly detail: Record<string, unknown> | undefined;
    constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>);
    toWire(): WireError;
    static fromWire(wire: WireError): NetscryError;
}
/** Normalises anything thrown into a wire error (unknown throwables become Internal). */
export declare function toWireError(err: unknown): WireError;
