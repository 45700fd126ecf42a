/**
 * Typed errors with stable codes (undici's habit). An error that crosses a thread boundary
 * travels as `{code, message, detail}` and is rebuilt on the other side with `fromWire`.
 * Input problems are *not* errors: they are integrity/protocol events (see ingest/events.ts).
 */
export const ErrorCode = {
    Usage: 'NETSCRY_E_USAGE',
    InvalidOption: 'NETSCRY_E_INVALID_OPTION',
    UnreadableInput: 'NETSCRY_E_UNREADABLE_INPUT',
    UnsupportedFormat: 'NETSCRY_E_UNSUPPORTED_FORMAT',
    InvalidAddress: 'NETSCRY_E_INVALID_ADDRESS',
    MalformedBatch: 'NETSCRY_E_MALFORMED_BATCH',
    RingMessageTooLarge: 'NETSCRY_E_RING_MESSAGE_TOO_LARGE',
    ActorFailed: 'NETSCRY_E_ACTOR_FAILED',
    CheckpointMismatch: 'NETSCRY_E_CHECKPOINT_MISMATCH',
    OutputFailed: 'NETSCRY_E_OUTPUT_FAILED',
    /** A baseline file (analyze --baseline) that cannot be used: the run goes on without it. */
    BaselineUnusable: 'NETSCRY_E_BASELINE_UNUSABLE',
    Internal: 'NETSCRY_E_INTERNAL',
};
export class NetscryError extends Error {
    code;
    detail;
    constructor(code, message, detail) {
        super(message);
        this.name = 'NetscryError';
        this.code = code;
        this.detail = detail;
    }
    toWire() {
        return this.detail === undefined
            ? { code: this.code, message: this.message }
            : { code: this.code, message: this.message, detail: this.detail };
    }
    static fromWire(wire) {
        return new NetscryError(wire.code, wire.message, wire.detail);
    }
}
/** Normalises anything thrown into a wire error (unknown throwables become Internal). */
export function toWireError(err) {
    if (err instanceof NetscryError)
        return err.toWire();
    const message = err instanceof Error ? err.message : String(err);
    return { code: ErrorCode.Internal, message };
}
//# sourceMappingURL=errors.js.map