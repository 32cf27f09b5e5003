// The webview's thumbnail forward pass against the core MLP on the same weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation, forwardAll, planeGrid } from '../../../webview/panel/forward';
import { ACTIVATIONS, Trainer, activate, type ActivationName, type TrainConfig } from '../../../src/core/trainer/index';
import { PRESETS } from '../../../src/shared/presets';
import { dense, xorConfig } from '../trainer/helpers';

const he = { kind: 'kaimingNormal' } as const;

/** |a - b| <= atol + rtol * |b| for every entry. */
function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, label: string, rtol = 1e-5, atol = 1e-5): void {
  assert.equal(got.length, want.length, `${label}: length`);
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    assert.ok(d <= atol + rtol * Math.abs(want[i]), `${label}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

/** Runs the core network on the test split (Trainer.evaluate) and compares every layer's activations. */
function compareWithCore(config: TrainConfig, label: string, trainSteps = 0): void {
  const trainer = new Trainer(config);
  trainer.trainSteps(trainSteps);
  const split = trainer.dataset.test;
  trainer.evaluate(split);
  const n = Math.min(split.n, 512);
  const points = Float32Array.from(split.x.subarray(0, n * trainer.dataset.inputSize));
  const acts = trainer.config.layers.map((l) => l.activation);
  const out = forwardAll(trainer.snapshot(), acts, points, n);
  assert.equal(out.length, trainer.mlp.layers.length);
  out.forEach((a, l) => {
    const units = trainer.mlp.layers[l].units;
    assert.equal(a.length, n * units);
    assertClose(a, trainer.mlp.activations(l).subarray(0, n * units), `${label} layer ${l}`);
  });
}

test('activation() agrees with the core activate() for every activation', () => {
  const zs = Float64Array.from({ length: 2001 }, (_, i) => (i - 1000) / 50);
  zs[0] = -1e4; zs[2000] = 1e4;
  for (const name of ACTIVATIONS) {
    const want = new Float64Array(zs.length);
    activate(name, zs, want, zs.length);
    const got = Array.from(zs, (z) => activation(name, z));
    assertClose(got, want, name, 0, 0);
  }
});

test('forwardAll matches the core forward pass for every activation', () => {
  for (const act of ACTIVATIONS) {
    const config = xorConfig([dense(6, act, he, { kind: 'normal', mean: 0, std: 0.3 }), dense(5, act, he), dense(1, 'sigmoid', he)]);
    compareWithCore(config, act);
    compareWithCore(config, `${act} trained`, 40);
  }
});

test('forwardAll matches the core on every preset (after some training)', () => {
  for (const preset of PRESETS) {
    for (const spec of preset.runs()) compareWithCore(spec.config, `${preset.id}/${spec.label}`, 30);
  }
});

test('forwardAll matches the core on a multiclass network with several outputs and float64 weights', () => {
  const config: TrainConfig = {
    ...xorConfig([dense(7, 'gelu', he), dense(3, 'linear', he)], { kind: 'adam', lr: 0.01 }),
    dataset: { name: 'spiral', samples: 300, noise: 0.1, testFraction: 0.3, classes: 3 },
    loss: 'softmaxCrossEntropy',
  };
  compareWithCore(config, 'spiral float32', 20);
  // Snapshots are float32 copies of float64 weights, so allow the float32 rounding of the weights.
  compareWithCore({ ...config, precision: 'float64' }, 'spiral float64', 20);
});

test('a missing activation name means linear', () => {
  const layers = [{ rows: 1, cols: 2, weights: Float32Array.from([2, -3]), biases: Float32Array.from([0.5]) }];
  const [a] = forwardAll(layers, [] as ActivationName[], Float32Array.from([1, 1, -1, 2]), 2);
  assert.deepEqual(Array.from(a), [2 - 3 + 0.5, -2 - 6 + 0.5]);
});

test('planeGrid covers the square with cell centres, row 0 at the top', () => {
  const g = 5, lo = -2, hi = 3;
  const p = planeGrid(g, lo, hi);
  assert.equal(p.length, g * g * 2);
  const step = (hi - lo) / g;
  for (let r = 0; r < g; r++) {
    for (let c = 0; c < g; c++) {
      const x = p[2 * (r * g + c)], y = p[2 * (r * g + c) + 1];
      assert.ok(Math.abs(x - (lo + (c + 0.5) * step)) < 1e-6, `x at ${r},${c}`);
      assert.ok(Math.abs(y - (hi - (r + 0.5) * step)) < 1e-6, `y at ${r},${c}`);
      assert.ok(x > lo && x < hi && y > lo && y < hi);
    }
  }
  // The grid is symmetric about the centre of the square.
  for (let i = 0; i < g * g; i++) {
    const j = g * g - 1 - i;
    assert.ok(Math.abs(p[2 * i] + p[2 * j] - (lo + hi)) < 1e-6);
    assert.ok(Math.abs(p[2 * i + 1] + p[2 * j + 1] - (lo + hi)) < 1e-6);
  }
});
