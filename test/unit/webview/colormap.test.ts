// The panel's diverging colormap, checked against properties of a diverging map (not its own table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endianness } from 'node:os';
import { LUT, LUT_SIZE, NON_FINITE_RGBA, colorOf, fillColors, layerLimit, lutCss, lutIndex, niceLimit, packRgba, pixelsOf } from '../../../webview/panel/colormap';

const rgb = (p: number): [number, number, number] => [p & 255, (p >>> 8) & 255, (p >>> 16) & 255];
const alpha = (p: number): number => p >>> 24;
/** Relative luminance weights (Rec. 709) on the 0..255 channels. */
const luminance = (p: number): number => { const [r, g, b] = rgb(p); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };

test('packRgba matches the bytes ImageData stores (RGBA byte order read as one little-endian word)', () => {
  assert.equal(endianness(), 'LE', 'the panel assumes a little-endian machine');
  for (const [r, g, b, a] of [[0, 0, 0, 0], [255, 255, 255, 255], [1, 2, 3, 4], [200, 17, 99, 128], [5, 48, 97, 255]]) {
    const word = new Uint32Array(new Uint8ClampedArray([r, g, b, a]).buffer)[0];
    assert.equal(packRgba(r, g, b, a), word);
  }
});

test('the table has LUT_SIZE opaque entries', () => {
  assert.equal(LUT.length, LUT_SIZE);
  for (const p of LUT) assert.equal(alpha(p), 255);
});

test('a constant matrix maps to a single colour (with the limit the panel would pick for it)', () => {
  for (const c of [0.5, -0.5, 0.1, 3, -1e-3, 0]) {
    const values = new Float32Array(64).fill(c);
    const limit = niceLimit(Math.max(...Array.from(values, Math.abs)));
    const colours = new Set(Array.from(values, (v) => colorOf(v, limit)));
    assert.equal(colours.size, 1, `constant ${c}`);
  }
});

test('zero maps to the neutral middle: near-white, no hue', () => {
  for (const limit of [1, 0.25, 5, 1e-3]) {
    const [r, g, b] = rgb(colorOf(0, limit));
    assert.ok(Math.min(r, g, b) >= 235, `light: ${r},${g},${b}`);
    assert.ok(Math.max(r, g, b) - Math.min(r, g, b) <= 4, `grey: ${r},${g},${b}`);
    assert.ok(Math.abs(lutIndex(0, limit) - (LUT_SIZE - 1) / 2) <= 0.5);
  }
});

test('+limit and -limit map to the two ends (red and blue), beyond them clamps', () => {
  for (const limit of [1, 2.5, 0.01]) {
    assert.equal(lutIndex(limit, limit), LUT_SIZE - 1);
    assert.equal(lutIndex(-limit, limit), 0);
    assert.equal(colorOf(10 * limit, limit), LUT[LUT_SIZE - 1]);
    assert.equal(colorOf(-10 * limit, limit), LUT[0]);
    assert.equal(colorOf(Number.MAX_VALUE, limit), LUT[LUT_SIZE - 1]);
    assert.equal(colorOf(-Number.MAX_VALUE, limit), LUT[0]);
  }
  const [r0, , b0] = rgb(LUT[0]);
  const [r1, , b1] = rgb(LUT[LUT_SIZE - 1]);
  assert.ok(b0 > r0, 'negative end is blue');
  assert.ok(r1 > b1, 'positive end is red');
  // ColorBrewer RdBu's published end colours.
  assert.equal(lutCss(0), 'rgb(5, 48, 97)');
  assert.equal(lutCss(LUT_SIZE - 1), 'rgb(103, 0, 31)');
  assert.equal(lutCss(-7), lutCss(0), 'lutCss clamps below');
  assert.equal(lutCss(10_000), lutCss(LUT_SIZE - 1), 'lutCss clamps above');
});

test('+v and -v land on mirrored entries (within the one-entry tie of an even-sized table)', () => {
  for (let i = 0; i <= 1000; i++) {
    const v = (i / 1000) * 1.3;
    const sum = lutIndex(v, 1) + lutIndex(-v, 1);
    assert.ok(Math.abs(sum - (LUT_SIZE - 1)) <= 1, `v=${v}: ${lutIndex(v, 1)} + ${lutIndex(-v, 1)}`);
  }
});

test('the index is monotonic in the value', () => {
  let prev = -1;
  for (let i = -2000; i <= 2000; i++) {
    const k = lutIndex(i / 1000, 1.5);
    assert.ok(k >= prev, `at ${i / 1000}`);
    prev = k;
  }
});

test('negative half is blue, positive half red; lightness rises to the middle and falls after it', () => {
  const mid = (LUT_SIZE - 1) / 2;
  for (let i = 0; i < LUT_SIZE; i++) {
    const [r, , b] = rgb(LUT[i]);
    if (i < mid - 1) assert.ok(b > r, `entry ${i} should be bluish: r=${r} b=${b}`);
    if (i > mid + 1) assert.ok(r > b, `entry ${i} should be reddish: r=${r} b=${b}`);
  }
  // Channel rounding may wiggle the luminance by a fraction of a level; allow one level.
  for (let i = 1; i < LUT_SIZE; i++) {
    const d = luminance(LUT[i]) - luminance(LUT[i - 1]);
    if (i <= Math.floor(mid)) assert.ok(d >= -1, `lightness should rise at ${i}: ${d}`);
    if (i > Math.ceil(mid)) assert.ok(d <= 1, `lightness should fall at ${i}: ${d}`);
  }
  assert.ok(luminance(LUT[Math.round(mid)]) > luminance(LUT[0]) + 150);
  assert.ok(luminance(LUT[Math.round(mid)]) > luminance(LUT[LUT_SIZE - 1]) + 150);
});

test('non-finite values get the off-map grey', () => {
  for (const v of [NaN, Infinity, -Infinity]) assert.equal(colorOf(v, 1), NON_FINITE_RGBA);
  assert.ok(!LUT.includes(NON_FINITE_RGBA), 'the grey is not a colour of the map');
});

test('niceLimit: a 1/2/2.5/5 x 10^k limit that covers maxAbs without more than doubling it', () => {
  const nice = (x: number): boolean => {
    const p = Math.pow(10, Math.floor(Math.log10(x) + 1e-12));
    return [1, 2, 2.5, 5, 10].some((m) => Math.abs(x / p - m) < 1e-9);
  };
  for (let e = -6; e <= 6; e++) {
    for (const m of [1, 1.0001, 1.5, 1.999, 2, 2.2, 2.5, 3, 4.9, 5, 7, 9.99]) {
      const x = m * Math.pow(10, e);
      const L = niceLimit(x);
      assert.ok(L >= x * (1 - 1e-9), `niceLimit(${x}) = ${L} covers it`);
      assert.ok(L <= 2 * x * (1 + 1e-9), `niceLimit(${x}) = ${L} is at most twice`);
      assert.ok(nice(L), `niceLimit(${x}) = ${L} is a nice number`);
    }
  }
  for (const bad of [0, -1, NaN, Infinity, -Infinity]) assert.equal(niceLimit(bad), 1, `niceLimit(${bad})`);
});

test('with the nice limit, the largest magnitude falls in the outer half of its side', () => {
  for (const x of [0.013, 0.7, 1, 3.3, 42]) {
    const L = niceLimit(x);
    assert.ok(lutIndex(x, L) >= 0.75 * (LUT_SIZE - 1) - 1);
    assert.ok(lutIndex(-x, L) <= 0.25 * (LUT_SIZE - 1) + 1);
  }
});

/** Deterministic values in [-2, 2] (a small LCG), so the test needs no randomness. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = (x / 2 ** 32) * 4 - 2;
  }
  return out;
}

test('fillColors paints an ImageData-like buffer with exactly colorOf of each value (RGBA bytes per pixel)', () => {
  const special = [0, -0, 1, -1, 0.5, -0.5, 1e-9, -1e-9, 7, -7, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE];
  for (const limit of [1, 0.25, 2.5, 1e-3]) {
    const v = new Float32Array([...special, ...values(4096, 7)].map((x) => (Number.isFinite(x) && Math.abs(x) <= 2 ? x * limit : x)));
    // Every half-way point between two LUT entries, where rounding could differ between two formulas.
    const halves = Array.from({ length: LUT_SIZE - 1 }, (_, k) => ((k + 0.5) / ((LUT_SIZE - 1) / 2) - 1) * limit);
    const all = [...v, ...halves];
    const image = { data: new Uint8ClampedArray(all.length * 4) };
    fillColors(pixelsOf(image), all, limit);
    for (let i = 0; i < all.length; i++) {
      const want = colorOf(all[i], limit);
      const got = [image.data[4 * i], image.data[4 * i + 1], image.data[4 * i + 2], image.data[4 * i + 3]];
      assert.deepEqual(got, [want & 255, (want >>> 8) & 255, (want >>> 16) & 255, want >>> 24], `value ${all[i]} at limit ${limit}`);
    }
  }
});

test('fillColors fills only the pixels both arrays have; pixelsOf honours a view into a larger buffer', () => {
  const backing = new Uint8ClampedArray(4 * 6);
  const image = { data: backing.subarray(8, 20) }; // pixels 2..4 of the backing store
  fillColors(pixelsOf(image), [1, -1, 0, 5, 5], 1);
  const words = new Uint32Array(backing.buffer);
  assert.deepEqual(Array.from(words), [0, 0, LUT[LUT_SIZE - 1], LUT[0], colorOf(0, 1), 0]);
  const px = new Uint32Array(4);
  fillColors(px, [-1], 1);
  assert.deepEqual(Array.from(px), [LUT[0], 0, 0, 0]);
});

test('layerLimit: one nice limit over the weights and the bias column', () => {
  assert.equal(layerLimit([0.3, -0.1], [0, 0]), niceLimit(0.3));
  assert.equal(layerLimit([0.3, -0.1], [0.9, 0]), 1, 'a larger bias widens the limit the weights are painted with');
  assert.equal(layerLimit([0.01], [-4.2]), 5);
  assert.equal(layerLimit([0, 0], [0]), 1, 'all zero: the default limit');
  assert.equal(layerLimit([NaN, 0.2], [NaN]), niceLimit(0.2), 'NaN is ignored');
  // A constant layer (weights 0.5, biases 0) paints one colour, the end colour of its limit's map.
  const w = new Float32Array(12).fill(0.5);
  const limit = layerLimit(w, new Float32Array(3));
  const px = new Uint32Array(12);
  fillColors(px, w, limit);
  assert.equal(new Set(px).size, 1);
  assert.equal(px[0], LUT[LUT_SIZE - 1]);
});
