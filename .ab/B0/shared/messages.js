/**
 * Every message between the coordinator and an actor, in one place. Data plane: chunks go to an
 * actor as transferred ArrayBuffers on its port (or as byte ranges of a file it reads itself),
 * records between actors over SharedArrayBuffer rings. Control plane: comlink over a dedicated MessagePort (`ActorControl`). Findings,
 * partials and checkpoints travel msgpackr-packed.
 */
export {};
//# sourceMappingURL=messages.js.map