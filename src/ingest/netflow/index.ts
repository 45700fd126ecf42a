/** NetFlow v5 / v9 / IPFIX decoding (pure): see decode.ts for the field mapping. */
export { NetflowDecoder } from './decode.js';
export { type BiflowRecord, stitchBiflows } from './stitch.js';
export * from './types.js';
