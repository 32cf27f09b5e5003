import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, calculateGain, initialize, type InitializerSpec } from '../../../src/core/trainer/index';

const rows = 256, cols = 784;
const fans = { fanIn: cols, fanOut: rows };

function draw(spec: InitializerSpec, r = rows, c = cols, seed = 3): Float32Array {
  const out = new Float32Array(r * c);
  initialize(spec, out, r, c, { fanIn: c, fanOut: r }, new Rng(seed));
  return out;
}

function moments(a: Float32Array): { mean: number; variance: number } {
  let s = 0, s2 = 0;
  for (const v of a) { s += v; s2 += v * v; }
  const mean = s / a.length;
  return { mean, variance: s2 / a.length - mean * mean };
}

/** Sample variance of N = 200704 draws has relative standard error sqrt(2/N) ~ 0.3%; allow 2%. */
function assertVariance(spec: InitializerSpec, expected: number): void {
  const { mean, variance } = moments(draw(spec));
  assert.ok(Math.abs(mean) < 4 * Math.sqrt(expected / (rows * cols)), `mean ${mean}`);
  assert.ok(Math.abs(variance / expected - 1) < 0.02, `variance ${variance}, expected ${expected}`);
}

test('Xavier uniform and normal variance 2 / (fanIn + fanOut) on 784x256', () => {
  assertVariance({ kind: 'xavierUniform' }, 2 / (fans.fanIn + fans.fanOut));
  assertVariance({ kind: 'xavierNormal' }, 2 / (fans.fanIn + fans.fanOut));
  assertVariance({ kind: 'xavierNormal', gain: 2 }, (4 * 2) / (fans.fanIn + fans.fanOut));
});

test('He/Kaiming uniform and normal variance gain^2 / fan on 784x256', () => {
  assertVariance({ kind: 'kaimingNormal' }, 2 / fans.fanIn);
  assertVariance({ kind: 'kaimingUniform' }, 2 / fans.fanIn);
  assertVariance({ kind: 'kaimingNormal', mode: 'fanOut' }, 2 / fans.fanOut);
  assertVariance({ kind: 'kaimingUniform', nonlinearity: 'tanh' }, (25 / 9) / fans.fanIn);
  assertVariance({ kind: 'lecunNormal' }, 1 / fans.fanIn);
});

test('the variance check can fail: He variance is not Xavier variance', () => {
  const { variance } = moments(draw({ kind: 'kaimingNormal' }));
  assert.ok(Math.abs(variance / (2 / (fans.fanIn + fans.fanOut)) - 1) > 0.2);
});

test('gains follow torch.nn.init.calculate_gain', () => {
  assert.equal(calculateGain('relu'), Math.SQRT2);
  assert.equal(calculateGain('tanh'), 5 / 3);
  assert.equal(calculateGain('sigmoid'), 1);
  assert.ok(Math.abs(calculateGain('leakyRelu') - Math.sqrt(2 / (1 + 0.0001))) < 1e-12);
});

test('uniform, normal and truncated normal match their parameters', () => {
  const u = draw({ kind: 'uniform', low: -0.5, high: 1.5 });
  assert.ok(u.every((v) => v >= -0.5 && v < 1.5));
  assert.ok(Math.abs(moments(u).variance / (4 / 12) - 1) < 0.02);
  const n = draw({ kind: 'normal', mean: 1, std: 0.1 });
  assert.ok(Math.abs(moments(n).mean - 1) < 0.001);
  const t = draw({ kind: 'truncatedNormal', mean: 0, std: 1 });
  assert.ok(t.every((v) => Math.abs(v) <= 2));
  assert.ok(Math.abs(moments(t).variance - 0.7737) < 0.02, 'variance of a standard normal truncated at +-2');
});

test('constants, identity, tiled random and explicit', () => {
  assert.ok(draw({ kind: 'zeros' }, 3, 4).every((v) => v === 0));
  assert.ok(draw({ kind: 'ones' }, 3, 4).every((v) => v === 1));
  assert.ok(draw({ kind: 'constant', value: 0.25 }, 3, 4).every((v) => v === 0.25));
  assert.deepEqual(Array.from(draw({ kind: 'identity', gain: 2 }, 2, 3)), [2, 0, 0, 0, 2, 0]);
  const tiled = draw({ kind: 'tiledRandom' }, 5, 7);
  for (let i = 1; i < 5; i++) assert.deepEqual(Array.from(tiled.subarray(i * 7, i * 7 + 7)), Array.from(tiled.subarray(0, 7)));
  assert.ok(new Set(tiled.subarray(0, 7)).size === 7, 'the tiled row itself is random');
  assert.deepEqual(Array.from(draw({ kind: 'explicit', values: [1, 2, 3, 4, 5, 6] }, 2, 3)), [1, 2, 3, 4, 5, 6]);
});

test('orthogonal: orthonormal rows (rows <= cols) or columns (rows > cols), times gain', () => {
  for (const [r, c] of [[4, 9], [9, 4], [6, 6]]) {
    const w = draw({ kind: 'orthogonal', gain: 1.5 }, r, c);
    const byRows = r <= c;
    const count = byRows ? r : c, len = byRows ? c : r;
    for (let a = 0; a < count; a++) {
      for (let b = 0; b < count; b++) {
        let dot = 0;
        for (let e = 0; e < len; e++) dot += (byRows ? w[a * c + e] * w[b * c + e] : w[e * c + a] * w[e * c + b]);
        assert.ok(Math.abs(dot - (a === b ? 2.25 : 0)) < 1e-5, `(${a},${b}) of ${r}x${c}: ${dot}`);
      }
    }
  }
});

test('same seed, same draws; different seed, different draws', () => {
  assert.deepEqual(draw({ kind: 'kaimingNormal' }, 8, 8, 1), draw({ kind: 'kaimingNormal' }, 8, 8, 1));
  assert.notDeepEqual(draw({ kind: 'kaimingNormal' }, 8, 8, 1), draw({ kind: 'kaimingNormal' }, 8, 8, 2));
});
