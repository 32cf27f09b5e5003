import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, matmulABt, sumRows, transpose } from '../../../src/core/trainer/index';

test('matmulABt matches a naive float64 product for shapes that exercise every edge tile', () => {
  const rng = new Rng(1);
  for (const [m, n, k] of [[1, 1, 1], [3, 5, 7], [4, 4, 4], [9, 70, 13], [17, 130, 33], [128, 10, 784]]) {
    const a = Float32Array.from({ length: m * k }, () => rng.normal());
    const b = Float32Array.from({ length: n * k }, () => rng.normal());
    const bias = Float32Array.from({ length: n }, () => rng.normal());
    const c = new Float32Array(m * n);
    matmulABt(a, b, c, m, n, k, bias);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
        assert.equal(c[i * n + j], Math.fround(s + bias[j]), `(${i},${j}) of ${m}x${n}x${k}`);
      }
    }
  }
});

test('matmulABt gives bit-identical outputs for equal rows wherever they fall in the tiling', () => {
  const rng = new Rng(2);
  const m = 11, n = 71, k = 29;
  const a = Float32Array.from({ length: m * k }, () => rng.normal());
  const row = Float32Array.from({ length: k }, () => rng.normal());
  const b = new Float32Array(n * k);
  for (let j = 0; j < n; j++) b.set(row, j * k);
  const c = new Float32Array(m * n);
  matmulABt(a, b, c, m, n, k, null);
  for (let i = 0; i < m; i++) for (let j = 1; j < n; j++) assert.ok(Object.is(c[i * n + j], c[i * n]));
});

test('transpose and sumRows', () => {
  const src = Float32Array.from({ length: 6 }, (_, i) => i);
  const dst = new Float32Array(6);
  transpose(src, 2, 3, dst);
  assert.deepEqual(Array.from(dst), [0, 3, 1, 4, 2, 5]);
  const out = new Float32Array(3);
  sumRows(src, 2, 3, out, new Float64Array(3));
  assert.deepEqual(Array.from(out), [3, 5, 7]);
});
