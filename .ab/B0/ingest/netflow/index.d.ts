/** NetFlow v5 / v9 / IPFIX decoding (pure): see decode.ts for the field mapping, conn.ts for conn records. */
export { biflowConnLine, type ConvertResult, DatagramSplitter, NetflowConnConverter, type NetflowConnOptions, splitDatagrams, tcpConnState, tcpFlagsText, } from './conn.js';
export { NetflowDecoder } from './decode.js';
export { type BiflowRecord, BiflowStitcher, type StitchOptions, stitchBiflows } from './stitch.js';
export * from './types.js';
