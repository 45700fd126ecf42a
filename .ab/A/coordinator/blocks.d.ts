import type { InputFile } from './inputs.js';
export declare const BLOCK_BYTES: number;
export declare function decompressedBlocks(input: InputFile, onRaw: (n: number) => void): AsyncGenerator<Uint8Array>;
