/**
 * MD5 (RFC 1321) of a string's UTF-8 bytes, as lower-case hex. Pure TypeScript so that browser bundles
 * need no `node:crypto`; only used for protocol signatures, never for security.
 */

const shifts = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** K[i] = floor(abs(sin(i + 1)) * 2^32). */
const constants = Array.from({ length: 64 }, (_, index) => Math.floor(Math.abs(Math.sin(index + 1)) * 2 ** 32) >>> 0);

const encoder = new TextEncoder();

/** The message padded to a multiple of 64 bytes, its bit length appended little-endian. */
function padded(bytes: Uint8Array): Uint8Array {
  const length = (((bytes.length + 8) >>> 6) + 1) << 6;
  const block = new Uint8Array(length);
  block.set(bytes);
  block[bytes.length] = 0x80;
  const view = new DataView(block.buffer);
  const bits = bytes.length * 8;
  view.setUint32(length - 8, bits >>> 0, true);
  view.setUint32(length - 4, Math.floor(bits / 2 ** 32) >>> 0, true);
  return block;
}

function roundValue(round: number, b: number, c: number, d: number): number {
  if (round < 16) return (b & c) | (~b & d);
  if (round < 32) return (d & b) | (~d & c);
  if (round < 48) return b ^ c ^ d;
  return c ^ (b | ~d);
}

function wordIndex(round: number): number {
  if (round < 16) return round;
  if (round < 32) return (5 * round + 1) % 16;
  if (round < 48) return (3 * round + 5) % 16;
  return (7 * round) % 16;
}

function rotateLeft(value: number, count: number): number {
  return (value << count) | (value >>> (32 - count));
}

function processBlock(state: Uint32Array, view: DataView, offset: number): void {
  let a = state[0] ?? 0;
  let b = state[1] ?? 0;
  let c = state[2] ?? 0;
  let d = state[3] ?? 0;
  for (let round = 0; round < 64; round += 1) {
    const word = view.getUint32(offset + wordIndex(round) * 4, true);
    const sum = (a + roundValue(round, b, c, d) + (constants[round] ?? 0) + word) | 0;
    const shift = shifts[(round >>> 4) * 4 + (round % 4)] ?? 0;
    a = d;
    d = c;
    c = b;
    b = (b + rotateLeft(sum, shift)) | 0;
  }
  state[0] = (state[0] ?? 0) + a;
  state[1] = (state[1] ?? 0) + b;
  state[2] = (state[2] ?? 0) + c;
  state[3] = (state[3] ?? 0) + d;
}

export function md5Bytes(bytes: Uint8Array): string {
  const block = padded(bytes);
  const view = new DataView(block.buffer);
  const state = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  for (let offset = 0; offset < block.length; offset += 64) processBlock(state, view, offset);
  let hex = "";
  for (const word of state) {
    // The digest is each state word's bytes, least significant first.
    for (let shift = 0; shift < 32; shift += 8) hex += ((word >>> shift) & 0xff).toString(16).padStart(2, "0");
  }
  return hex;
}

export function md5(text: string): string {
  return md5Bytes(encoder.encode(text));
}
