import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MLP, Rng, Trainer, lossAndGradient, type LayerConfig, type OptimizerConfig, type Precision, type TrainConfig } from '../../../src/core/trainer/index';
import { dense } from './helpers';

const script = join(import.meta.dirname, 'reference', 'mlp_reference.py');
const numpyCheck = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const numpyMissing = numpyCheck.status === 0 ? null : `python3 with numpy is not available (${numpyCheck.error?.message ?? numpyCheck.stderr.trim()})`;

test('hand-computed: one SGD step of a 1-1 linear unit under MSE', () => {
  const layers = [dense(1, 'linear', { kind: 'constant', value: 0.5 }, { kind: 'zeros' })];
  const mlp = new MLP(1, layers, 1, 'float64');
  mlp.initialize(layers, new Rng(0));
  const x = Float64Array.of(2), y = Float64Array.of(3);
  mlp.forward(x, 1, null);
  const loss = lossAndGradient('mse', 'linear', mlp.preActivations(0), mlp.activations(0), y, 1, 1, mlp.outputGradient, mlp.outputScratch);
  mlp.backward(x, 1);
  // z = 0.5 * 2 = 1, loss = (1 - 3)^2 = 4, dL/dz = 2 (1 - 3) = -4, dL/dw = -4 * 2 = -8, dL/db = -4.
  assert.equal(loss, 4);
  assert.equal(mlp.layers[0].gradWeights.data[0], -8);
  assert.equal(mlp.layers[0].gradBiases[0], -4);
});

interface Reference { losses: number[]; layers: { W: number[][]; b: number[] }[] }

/** A tiny net with explicit weights so that both engines start from the same numbers. */
function tinyProblem(loss: TrainConfig['loss'], hidden: LayerConfig['activation'], optimizer: OptimizerConfig, precision: Precision, l2 = 0, l1 = 0): TrainConfig {
  const w1 = [0.3, -0.2, 0.5, 0.1, -0.4, 0.25, 0.05, 0.6, -0.35];
  const w2 = loss === 'softmaxCrossEntropy' ? [0.2, -0.3, 0.4, -0.1, 0.5, 0.3] : [0.7, -0.5, 0.3];
  const out = loss === 'softmaxCrossEntropy' ? 2 : 1;
  return {
    dataset: loss === 'softmaxCrossEntropy' ? { name: 'blobs', samples: 12, noise: 0.1, testFraction: 0, classes: 2 }
      : loss === 'bce' ? { name: 'xor', samples: 12, noise: 0.1, testFraction: 0 } : { name: 'regression', samples: 12, noise: 0.1, testFraction: 0 },
    layers: [
      { units: 3, activation: hidden, weightInit: { kind: 'explicit', values: w1.slice(0, 6) }, biasInit: { kind: 'explicit', values: [0.1, -0.1, 0.05] } },
      { units: out, activation: loss === 'bce' ? 'sigmoid' : 'linear', weightInit: { kind: 'explicit', values: w2.slice(0, out * 3) }, biasInit: { kind: 'zeros' } },
    ],
    loss, optimizer, batchSize: 12, seed: 0, dataSeed: 4, precision, l2, l1,
  };
}

function reference(config: TrainConfig, steps: number): Reference {
  const t = new Trainer(config);
  const { train, inputSize, outputSize } = t.dataset;
  const rows = (a: Float32Array | Float64Array, w: number) => Array.from({ length: a.length / w }, (_, i) => Array.from(a.subarray(i * w, (i + 1) * w)));
  const layers = t.mlp.layers.map((l) => ({ W: rows(l.weights.data, l.fanIn), b: Array.from(l.biases), activation: l.activation }));
  const input = JSON.stringify({ x: rows(train.x, inputSize), y: rows(train.y, outputSize), layers, loss: config.loss, optimizer: config.optimizer, l2: config.l2 ?? 0, l1: config.l1 ?? 0, steps });
  const r = spawnSync('python3', [script], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Reference;
}

const cases: [string, TrainConfig['loss'], LayerConfig['activation'], OptimizerConfig, number, number][] = [
  ['mse, tanh, sgd', 'mse', 'tanh', { kind: 'sgd', lr: 0.1 }, 0, 0],
  ['bce, relu, momentum', 'bce', 'relu', { kind: 'momentum', lr: 0.1, momentum: 0.9 }, 0, 0],
  ['bce, sigmoid, nesterov + L2', 'bce', 'sigmoid', { kind: 'momentum', lr: 0.2, momentum: 0.8, nesterov: true }, 0.01, 0],
  ['softmax CE, gelu, adam', 'softmaxCrossEntropy', 'gelu', { kind: 'adam', lr: 0.05 }, 0, 0],
  ['mse, leakyRelu, adam + L2', 'mse', 'leakyRelu', { kind: 'adam', lr: 0.05 }, 0.1, 0],
  ['mse, linear, sgd + L1', 'mse', 'linear', { kind: 'sgd', lr: 0.05 }, 0, 0.02],
];

/**
 * Tolerances: float64 runs must agree with NumPy (float64) to 1e-12; float32 runs (float32 storage and
 * arithmetic, against a float64 reference) to 2e-6 relative on the loss and 2e-5 absolute on weights.
 */
for (const [name, loss, hidden, optimizer, l2, l1] of cases) {
  for (const precision of ['float64', 'float32'] as const) {
    test(`golden numbers vs the NumPy reference: ${name} (${precision})`, (t: TestContext) => {
      if (numpyMissing) {
        console.log(`skipped: ${numpyMissing}`);
        t.skip(numpyMissing);
        return;
      }
      const steps = 5;
      const config = tinyProblem(loss, hidden, optimizer, precision, l2, l1);
      const ref = reference(config, steps);
      const run = new Trainer(config);
      const tol = precision === 'float64' ? 1e-12 : 2e-6;
      for (let s = 0; s < steps; s++) {
        run.trainStep();
        assert.ok(Math.abs(run.batchLoss - ref.losses[s]) <= tol * Math.max(1, Math.abs(ref.losses[s])), `step ${s + 1}: loss ${run.batchLoss} vs ${ref.losses[s]}`);
      }
      run.mlp.layers.forEach((l, i) => {
        ref.layers[i].W.flat().forEach((w, k) => assert.ok(Math.abs(l.weights.data[k] - w) <= tol * 10, `layer ${i} W[${k}]: ${l.weights.data[k]} vs ${w}`));
        ref.layers[i].b.forEach((b, k) => assert.ok(Math.abs(l.biases[k] - b) <= tol * 10, `layer ${i} b[${k}]: ${l.biases[k]} vs ${b}`));
      });
    });
  }
}
