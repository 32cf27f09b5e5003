// Assembles PNG files of equal size into one animated PNG (APNG). The frames' compressed pixel data
// is reused as it is: frame 0's IDAT chunks stay IDAT (a viewer without APNG support shows frame 0),
// every later frame's IDAT data becomes fdAT chunks. Layout: IHDR, acTL (frame count, plays), the
// first frame's colour chunks, then per frame an fcTL (size, delay) and its data; fcTL and fdAT share
// one sequence counter starting at 0.
import { PNG_SIGNATURE, concatBytes, readChunks, writeChunk, type PngChunk } from './pngChunks';

/** How the animation plays. */
export interface ApngOptions {
  /** Display time of each frame in milliseconds (1..65535): one value for all, or one per frame. */
  delayMs: number | readonly number[];
  /** How many times the animation plays; 0 (the default) loops forever. */
  plays?: number;
}

/** Chunks before the first IDAT that describe colour and apply to every frame. */
const SHARED_CHUNKS = new Set(['PLTE', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs']);

const u32 = (view: DataView, at: number, v: number): void => view.setUint32(at, v);
const u16 = (view: DataView, at: number, v: number): void => view.setUint16(at, v);

/** acTL: number of frames and plays. */
function actl(frames: number, plays: number): Uint8Array {
  const data = new Uint8Array(8);
  const view = new DataView(data.buffer);
  u32(view, 0, frames);
  u32(view, 4, plays);
  return writeChunk('acTL', data);
}

/** fcTL for a full-size frame shown `delayMs`, replacing the previous one (dispose none, blend source). */
function fctl(sequence: number, width: number, height: number, delayMs: number): Uint8Array {
  const data = new Uint8Array(26);
  const view = new DataView(data.buffer);
  u32(view, 0, sequence);
  u32(view, 4, width);
  u32(view, 8, height);
  u32(view, 12, 0); // x offset
  u32(view, 16, 0); // y offset
  u16(view, 20, delayMs);
  u16(view, 22, 1000);
  data[24] = 0; // APNG_DISPOSE_OP_NONE
  data[25] = 0; // APNG_BLEND_OP_SOURCE: the frame replaces the canvas, no alpha compositing
  return writeChunk('fcTL', data);
}

/** fdAT: sequence number followed by a piece of zlib stream, exactly as an IDAT would hold it. */
function fdat(sequence: number, idat: Uint8Array): Uint8Array {
  const data = new Uint8Array(4 + idat.length);
  new DataView(data.buffer).setUint32(0, sequence);
  data.set(idat, 4);
  return writeChunk('fdAT', data);
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/** The animated PNG of `frames` (PNG files with identical IHDR, and palette if any). */
export function encodeApng(frames: readonly Uint8Array[], options: ApngOptions): Uint8Array {
  if (frames.length === 0) throw new Error('an animation needs at least one frame');
  const delays = typeof options.delayMs === 'number' ? frames.map(() => options.delayMs as number) : [...options.delayMs];
  if (delays.length !== frames.length) throw new Error(`${frames.length} frames but ${delays.length} delays`);
  for (const d of delays) if (!Number.isInteger(d) || d < 1 || d > 65535) throw new Error(`frame delay ${d} ms is outside 1..65535`);
  const plays = options.plays ?? 0;
  if (!Number.isInteger(plays) || plays < 0) throw new Error(`plays must be a non-negative integer, not ${plays}`);

  const parsed = frames.map((f, i) => {
    const chunks = readChunks(f);
    if (chunks[0]?.type !== 'IHDR') throw new Error(`frame ${i}: IHDR is not the first chunk`);
    if (chunks.some((c) => c.type === 'acTL')) throw new Error(`frame ${i} is already animated`);
    const firstIdat = chunks.findIndex((c) => c.type === 'IDAT');
    if (firstIdat < 0) throw new Error(`frame ${i} has no IDAT`);
    return { ihdr: chunks[0].data, shared: chunks.slice(1, firstIdat).filter((c) => SHARED_CHUNKS.has(c.type)), idat: chunks.filter((c) => c.type === 'IDAT').map((c) => c.data) };
  });
  const { ihdr, shared } = parsed[0];
  const palette = (s: PngChunk[]) => s.find((c) => c.type === 'PLTE')?.data;
  parsed.forEach((p, i) => {
    if (!sameBytes(p.ihdr, ihdr)) throw new Error(`frame ${i} differs from frame 0 in size or pixel format (IHDR)`);
    if (!sameBytes(palette(p.shared), palette(shared))) throw new Error(`frame ${i} has another palette than frame 0`);
  });
  const ihdrView = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  const width = ihdrView.getUint32(0), height = ihdrView.getUint32(4);

  const out: Uint8Array[] = [PNG_SIGNATURE, writeChunk('IHDR', ihdr), actl(frames.length, plays), ...shared.map((c) => writeChunk(c.type, c.data))];
  let sequence = 0;
  parsed.forEach((p, i) => {
    out.push(fctl(sequence++, width, height, delays[i]));
    for (const data of p.idat) out.push(i === 0 ? writeChunk('IDAT', data) : fdat(sequence++, data));
  });
  out.push(writeChunk('IEND', new Uint8Array(0)));
  return concatBytes(out);
}
