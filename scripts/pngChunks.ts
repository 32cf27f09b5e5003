// PNG at the chunk level: split a file into its chunks (checking the signature and every CRC) and
// write a chunk. Enough to reassemble screenshots into an animated PNG without decoding pixels.

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** One chunk: its four-letter type and its data (without length and CRC). */
export interface PngChunk {
  type: string;
  data: Uint8Array;
}

/** CRC-32 (ISO 3309, as PNG uses it) lookup table, built once. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `parts` taken as one byte sequence. */
export function crc32(...parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const bytes of parts) for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const typeBytes = (type: string): Uint8Array => Uint8Array.from(type, (ch) => ch.charCodeAt(0));

/** Splits a PNG file into its chunks, IEND included; throws on a bad signature, a truncated chunk or a CRC mismatch. */
export function readChunks(file: Uint8Array): PngChunk[] {
  if (file.length < 8 || PNG_SIGNATURE.some((b, i) => file[i] !== b)) throw new Error('not a PNG file (bad signature)');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const chunks: PngChunk[] = [];
  let pos = 8;
  while (pos < file.length) {
    if (pos + 12 > file.length) throw new Error(`truncated chunk header at byte ${pos}`);
    const length = view.getUint32(pos);
    if (pos + 12 + length > file.length) throw new Error(`truncated chunk at byte ${pos}`);
    const typeAndData = file.subarray(pos + 4, pos + 8 + length);
    const type = String.fromCharCode(...typeAndData.subarray(0, 4));
    if (crc32(typeAndData) !== view.getUint32(pos + 8 + length)) throw new Error(`CRC mismatch in ${type} chunk at byte ${pos}`);
    chunks.push({ type, data: typeAndData.subarray(4) });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks.at(-1)?.type !== 'IEND') throw new Error('PNG without IEND');
  return chunks;
}

/** One chunk as bytes: length, type, data, CRC of type and data. */
export function writeChunk(type: string, data: Uint8Array): Uint8Array {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`bad chunk type ${JSON.stringify(type)}`);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  const t = typeBytes(type);
  view.setUint32(0, data.length);
  out.set(t, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(t, data));
  return out;
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
