// Diverging, colour-blind-safe colormap (ColorBrewer RdBu, negative = blue, positive = red) as a
// 256-entry lookup table of packed RGBA pixels, with limits symmetric around zero.
import { fmt } from './dom';

/** ColorBrewer RdBu (11 classes), from most negative (blue) to most positive (red). */
const STOPS = ['#053061', '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];

/** Number of entries of the lookup table. */
export const LUT_SIZE = 256;

/** Colour of a non-finite value (NaN, Inf): a neutral mid grey that is not on the map. */
export const NON_FINITE_RGBA = packRgba(128, 128, 128, 255);

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

/** Packs a colour as the Uint32 that ImageData stores for it on little-endian machines. */
export function packRgba(r: number, g: number, b: number, a: number): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The lookup table: entry 0 is -limit, entry 255 is +limit, the middle is white-ish. */
export function buildLut(): Uint32Array {
  const lut = new Uint32Array(LUT_SIZE);
  const rgb = STOPS.map(hex);
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * (rgb.length - 1);
    const k = Math.min(rgb.length - 2, Math.floor(t));
    const f = t - k;
    const [r0, g0, b0] = rgb[k], [r1, g1, b1] = rgb[k + 1];
    lut[i] = packRgba(Math.round(r0 + f * (r1 - r0)), Math.round(g0 + f * (g1 - g0)), Math.round(b0 + f * (b1 - b0)), 255);
  }
  return lut;
}

/** The shared lookup table (built once). */
export const LUT = buildLut();

/** CSS colour of LUT entry i, for colour bars and legends. */
export function lutCss(i: number): string {
  const v = LUT[Math.max(0, Math.min(LUT_SIZE - 1, i))];
  return `rgb(${v & 255}, ${(v >>> 8) & 255}, ${(v >>> 16) & 255})`;
}

/** A "nice" symmetric limit >= maxAbs (1, 2, 2.5 or 5 times a power of ten) so the colour bar stays stable. */
export function niceLimit(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(maxAbs)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= maxAbs * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** Middle of the LUT's index range (value 0). */
const MID = 0.5 * (LUT_SIZE - 1);

/** Index into the LUT of value v for the symmetric limit `limit` (the same arithmetic as fillColors). */
export function lutIndex(v: number, limit: number): number {
  const t = v * (MID / limit) + MID;
  return t <= 0 ? 0 : t >= LUT_SIZE - 1 ? LUT_SIZE - 1 : Math.round(t);
}

/** Packed colour of value v for the symmetric limit `limit`. */
export function colorOf(v: number, limit: number): number {
  return Number.isFinite(v) ? LUT[lutIndex(v, limit)] : NON_FINITE_RGBA;
}

/** The symmetric limit of one layer: weights and biases share it, so the bias column reads on the weights' colour bar. */
export function layerLimit(weights: ArrayLike<number>, biases: ArrayLike<number>): number {
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) {
    const a = Math.abs(weights[i]);
    if (a > maxAbs) maxAbs = a;
  }
  for (let i = 0; i < biases.length; i++) {
    const a = Math.abs(biases[i]);
    if (a > maxAbs) maxAbs = a;
  }
  return niceLimit(maxAbs);
}

/** Fills px[i] with colorOf(values[i], limit) for every i both have: the one way a matrix becomes pixels (hot loop, same result). */
export function fillColors(px: Uint32Array, values: ArrayLike<number>, limit: number): void {
  const scale = MID / limit;
  const n = Math.min(px.length, values.length);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const t = v * scale + MID;
    px[i] = t > 0 && t < LUT_SIZE - 1 ? LUT[Math.round(t)] : colorOf(v, limit);
  }
}

/** Pixels of an ImageData (or any RGBA byte buffer) as packed RGBA words, for fillColors. */
export function pixelsOf(image: { data: Uint8ClampedArray }): Uint32Array {
  return new Uint32Array(image.data.buffer, image.data.byteOffset, image.data.byteLength >>> 2);
}

/** One labelled tick of a colour bar: `at` is the fraction of the bar's height from its top. */
export interface ColorbarTick {
  value: number;
  at: number;
  label: string;
}

/** The colour bar's ticks for `limit`, top to bottom: +limit, 0, −limit (one list for screen and export). */
export function colorbarTicks(limit: number): ColorbarTick[] {
  return [
    { value: limit, at: 0, label: `+${fmt(limit, 2)}` },
    { value: 0, at: 0.5, label: '0' },
    { value: -limit, at: 1, label: `−${fmt(limit, 2)}` },
  ];
}
