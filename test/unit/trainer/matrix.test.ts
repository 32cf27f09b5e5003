import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Arena, Rng, addBias, matmulAB, simdAvailable, sumRows, transpose, type FloatArray, type SimdKernel } from '../../../src/core/trainer/index';

/** Reference: float32 multiply and add, in order p = 0..k-1. */
function reference(a: FloatArray, b: FloatArray, m: number, n: number, k: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s = Math.fround(s + Math.fround(a[i * k + p] * b[p * n + j]));
    c[i * n + j] = s;
  }
  return c;
}

const shapes = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [4, 8, 3], [9, 70, 13], [17, 130, 33], [128, 10, 784], [6, 13, 1]];

/** Runs matmulAB with operands in an arena (SIMD when available) or in plain arrays (JS). */
function run(useSimd: boolean, a0: Float32Array, b0: Float32Array, m: number, n: number, k: number): { c: Float32Array; kernel: SimdKernel | null } {
  const arena = new Arena(Arena.padded(a0.length) + Arena.padded(b0.length) + Arena.padded(m * n), useSimd);
  const a = arena.alloc(a0.length), b = arena.alloc(b0.length), c = arena.alloc(m * n);
  a.set(a0);
  b.set(b0);
  matmulAB(a, b, c, m, n, k, arena.kernel);
  return { c: Float32Array.from(c), kernel: arena.kernel };
}

test('matmulAB (SIMD and JS paths) equals float32 in-order arithmetic bit for bit, for every edge tile', () => {
  const rng = new Rng(1);
  for (const [m, n, k] of shapes) {
    const a = Float32Array.from({ length: m * k }, () => rng.normal());
    const b = Float32Array.from({ length: k * n }, () => rng.normal());
    const ref = reference(a, b, m, n, k);
    const simd = run(true, a, b, m, n, k);
    const js = run(false, a, b, m, n, k);
    assert.equal(js.kernel, null);
    assert.deepEqual(simd.c, ref, `SIMD ${m}x${n}x${k}`);
    assert.deepEqual(js.c, ref, `JS ${m}x${n}x${k}`);
  }
});

test('the SIMD kernel is available in this runtime (else the JS path carries the engine)', (t) => {
  if (!simdAvailable()) {
    console.log('skipped: WebAssembly SIMD is not available in this runtime');
    t.skip('no WebAssembly SIMD');
    return;
  }
  assert.notEqual(new Arena(16).kernel, null);
});

test('matmulAB in float64 matches a float64 product', () => {
  const rng = new Rng(4);
  const m = 5, n = 6, k = 7;
  const a = Float64Array.from({ length: m * k }, () => rng.normal());
  const b = Float64Array.from({ length: k * n }, () => rng.normal());
  const c = new Float64Array(m * n);
  matmulAB(a, b, c, m, n, k, null);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
    assert.equal(c[i * n + j], s);
  }
});

test('equal columns of B give bit-identical outputs wherever they fall in the tiling', () => {
  const rng = new Rng(2);
  const m = 11, n = 71, k = 29;
  const a = Float32Array.from({ length: m * k }, () => rng.normal());
  const col = Float32Array.from({ length: k }, () => rng.normal());
  const b = new Float32Array(k * n);
  for (let p = 0; p < k; p++) b.fill(col[p], p * n, (p + 1) * n);
  const { c } = run(true, a, b, m, n, k);
  for (let i = 0; i < m; i++) for (let j = 1; j < n; j++) assert.ok(Object.is(c[i * n + j], c[i * n]));
});

test('arena allocations are disjoint views and overflow is refused', () => {
  const arena = new Arena(Arena.padded(5) + Arena.padded(3));
  const x = arena.alloc(5), y = arena.alloc(3);
  x.fill(1);
  assert.ok(y.every((v) => v === 0));
  assert.throws(() => arena.alloc(1), /Arena overflow/);
});

test('transpose, addBias and sumRows', () => {
  const src = Float32Array.from({ length: 6 }, (_, i) => i);
  const dst = new Float32Array(6);
  transpose(src, 2, 3, dst);
  assert.deepEqual(Array.from(dst), [0, 3, 1, 4, 2, 5]);
  const out = new Float32Array(3);
  sumRows(src, 2, 3, out, new Float64Array(3));
  assert.deepEqual(Array.from(out), [3, 5, 7]);
  addBias(src, Float32Array.of(10, 20, 30), 2, 3);
  assert.deepEqual(Array.from(src), [10, 21, 32, 13, 24, 35]);
});
