// Reads an 8-bit, non-interlaced RGB or RGBA PNG (what a canvas exports) into RGBA pixels, and finds
// the vertical colour ramps of the panel's colour bars in it, so the e2e test can check the exported file.
import { inflateSync } from 'node:zlib';
import { LUT, LUT_SIZE } from '../../webview/panel/colormap';

/** Decoded image: RGBA bytes, row-major. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decodes a PNG; throws on anything but 8-bit RGB/RGBA without interlacing. */
export function decodePng(file: Uint8Array): Rgba {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let pos = 8, width = 0, height = 0, colourType = 0;
  const idat: Uint8Array[] = [];
  while (pos < file.length) {
    const len = view.getUint32(pos), type = String.fromCharCode(...file.subarray(pos + 4, pos + 8));
    const body = file.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      colourType = body[9];
      if (body[8] !== 8 || (colourType !== 2 && colourType !== 6) || body[12] !== 0) throw new Error(`unsupported PNG: depth ${body[8]}, colour type ${colourType}, interlace ${body[12]}`);
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = colourType === 6 ? 4 : 3, stride = width * bpp;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      out[i] = (src[i] + pred) & 255;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) data[i * 4 + k] = rows[i * bpp + k];
    data[i * 4 + 3] = bpp === 4 ? rows[i * bpp + 3] : 255;
  }
  return { width, height, data };
}

/** Colormap index per RGB colour seen (images hold few distinct colours). */
const seenColours = new Map<number, number>();

/** Index of the colormap entry a pixel shows, or -1 when it is not (within a small tolerance) on the map. */
function lutIndexOf(img: Rgba, x: number, y: number): number {
  const o = (y * img.width + x) * 4;
  const key = (img.data[o] << 16) | (img.data[o + 1] << 8) | img.data[o + 2];
  const cached = seenColours.get(key);
  if (cached !== undefined) return cached;
  let best = -1, bestD = 12;
  for (let i = 0; i < LUT_SIZE; i++) {
    const v = LUT[i];
    const d = Math.abs((v & 255) - img.data[o]) + Math.abs(((v >>> 8) & 255) - img.data[o + 1]) + Math.abs(((v >>> 16) & 255) - img.data[o + 2]);
    if (d < bestD) { bestD = d; best = i; }
  }
  seenColours.set(key, best);
  return best;
}

/**
 * Counts colour bars: groups of adjacent columns holding a vertical ramp at least `minHeight` tall that
 * runs smoothly from the map's positive end (top) through white to its negative end (bottom).
 */
export function colourBars(img: Rgba, minHeight: number): number {
  const rampColumns: number[] = [];
  for (let x = 0; x < img.width; x++) {
    let start = -1, prev = -1;
    for (let y = 0; y < img.height; y++) {
      const i = lutIndexOf(img, x, y);
      if (i >= LUT_SIZE - 4 && (start < 0 || prev >= LUT_SIZE - 4)) { start = y; prev = i; continue; }
      if (start >= 0 && i >= 0 && i <= prev && prev - i <= 16) {
        prev = i;
        if (i <= 3 && y - start + 1 >= minHeight) { rampColumns.push(x); break; }
        continue;
      }
      start = -1;
      prev = -1;
    }
  }
  return rampColumns.filter((x, k) => k === 0 || rampColumns[k - 1] !== x - 1).length;
}
