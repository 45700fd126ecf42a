/** NetFlow v5 / v9 / IPFIX decoding (pure): see decode.ts for the field mapping, conn.ts for conn records. */
export { biflowConnLine, DatagramSplitter, NetflowConnConverter, splitDatagrams, tcpConnState, tcpFlagsText, } from './conn.js';
export { NetflowDecoder } from './decode.js';
export { BiflowStitcher, stitchBiflows } from './stitch.js';
export * from './types.js';
//# sourceMappingURL=index.js.map