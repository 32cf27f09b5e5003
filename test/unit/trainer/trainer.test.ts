import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATASET_NAMES, Trainer, datasetShape, generateDataset, type DatasetName, type TrainConfig } from '../../../src/core/trainer/index';
import { bits, dense, xorConfig } from './helpers';

test('same config -> bit-identical run (with dropout and Adam)', () => {
  const config = xorConfig([dense(16, 'relu', { kind: 'kaimingNormal' }, { kind: 'zeros' }, 0.2), dense(1, 'sigmoid', { kind: 'xavierUniform' })], { kind: 'adam', lr: 0.01 });
  const a = new Trainer(config), b = new Trainer(structuredClone(config));
  a.trainSteps(300);
  b.trainSteps(300);
  a.mlp.layers.forEach((l, i) => {
    assert.deepEqual(bits(l.weights.data as Float32Array), bits(b.mlp.layers[i].weights.data as Float32Array));
    assert.deepEqual(bits(l.biases as Float32Array), bits(b.mlp.layers[i].biases as Float32Array));
  });
  const c = new Trainer({ ...config, seed: config.seed + 1 });
  c.trainSteps(300);
  assert.notDeepEqual(bits(a.mlp.layers[0].weights.data as Float32Array), bits(c.mlp.layers[0].weights.data as Float32Array));
});

test('the SIMD and the plain-JS kernels train bit-identically (same run on any platform)', () => {
  const config: TrainConfig = {
    dataset: { name: 'digits', samples: 300, noise: 0.1, testFraction: 0.2 },
    layers: [dense(37, 'gelu', { kind: 'kaimingUniform' }, { kind: 'uniform', low: -0.1, high: 0.1 }, 0.1), dense(19, 'tanh', { kind: 'orthogonal' }), dense(10, 'linear', { kind: 'xavierNormal' })],
    loss: 'softmaxCrossEntropy', optimizer: { kind: 'adam', lr: 0.003 }, batchSize: 30, seed: 5, dataSeed: 6, l2: 0.001,
  };
  const simd = new Trainer(config), js = new Trainer(config, { simd: false });
  simd.trainSteps(40);
  js.trainSteps(40);
  simd.mlp.layers.forEach((l, i) => {
    assert.deepEqual(bits(l.weights.data as Float32Array), bits(js.mlp.layers[i].weights.data as Float32Array), `layer ${i}`);
  });
  assert.equal(simd.batchLoss, js.batchLoss);
});

test('runs with equal dataSeed see the same batches (lockstep) whatever their init', () => {
  const a = new Trainer(xorConfig([dense(4, 'tanh', { kind: 'zeros' }), dense(1, 'sigmoid', { kind: 'zeros' })]));
  const b = new Trainer(xorConfig([dense(4, 'tanh', { kind: 'xavierNormal' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })], { kind: 'adam', lr: 0.01 }, { seed: 99 }));
  for (let s = 0; s < 30; s++) {
    a.trainStep();
    b.trainStep();
    assert.deepEqual(a['batchX'], b['batchX']);
  }
});

test('small nets learn every 2-D dataset', () => {
  const cases: [DatasetName, number][] = [['xor', 0.9], ['circles', 0.9], ['moons', 0.9], ['spiral', 0.7], ['blobs', 0.9]];
  for (const [name, minAccuracy] of cases) {
    const { outputSize, task } = datasetShape({ name, samples: 10, noise: 0, testFraction: 0 });
    const config: TrainConfig = {
      dataset: { name, samples: 600, noise: 0.05, testFraction: 0.25 },
      layers: [dense(32, 'tanh', { kind: 'xavierNormal' }), dense(32, 'tanh', { kind: 'xavierNormal' }),
        dense(outputSize, task === 'binary' ? 'sigmoid' : 'linear', { kind: 'xavierNormal' })],
      loss: task === 'binary' ? 'bce' : 'softmaxCrossEntropy', optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 32, seed: 1, dataSeed: 2,
    };
    const t = new Trainer(config);
    t.trainSteps(1500);
    const m = t.metrics();
    assert.ok(m.testAccuracy >= minAccuracy, `${name}: test accuracy ${m.testAccuracy}`);
  }
});

test('regression and the 784-dimensional sets train', () => {
  const reg = new Trainer({
    dataset: { name: 'regression', samples: 500, noise: 0.01, testFraction: 0.2 },
    layers: [dense(32, 'tanh', { kind: 'xavierNormal' }), dense(1, 'linear', { kind: 'xavierNormal' })],
    loss: 'mse', optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 32, seed: 1, dataSeed: 1,
  });
  const start = reg.metrics().testLoss;
  reg.trainSteps(1500);
  assert.ok(reg.metrics().testLoss < start / 4, `regression test loss ${start} -> ${reg.metrics().testLoss}`);
  for (const name of ['digits', 'teacher'] as const) {
    const t = new Trainer({
      dataset: { name, samples: 1500, noise: 0.1, testFraction: 0.2 },
      layers: [dense(64, 'relu', { kind: 'kaimingNormal' }), dense(10, 'linear', { kind: 'xavierNormal' })],
      loss: 'softmaxCrossEntropy', optimizer: { kind: 'adam', lr: 0.002 }, batchSize: 64, seed: 1, dataSeed: 1,
    });
    t.trainSteps(200);
    const m = t.metrics();
    assert.ok(m.trainAccuracy > 0.5, `${name}: train accuracy ${m.trainAccuracy}`);
    assert.equal(m.layers[0].symmetry.distinctUnits, 64);
  }
});

test('datasets are seeded, shaped and split', () => {
  for (const name of DATASET_NAMES) {
    const cfg = { name, samples: 200, noise: 0.1, testFraction: 0.25 };
    const a = generateDataset(cfg, 5), b = generateDataset(cfg, 5), c = generateDataset(cfg, 6);
    const shape = datasetShape(cfg);
    assert.equal(a.train.n, 150);
    assert.equal(a.test.n, 50);
    assert.equal(a.train.x.length, 150 * shape.inputSize);
    assert.equal(a.test.y.length, 50 * shape.outputSize);
    assert.deepEqual(a.train.x, b.train.x);
    assert.notDeepEqual(a.train.x, c.train.x);
    assert.ok(a.train.x.every(Number.isFinite));
  }
});

test('a too large learning rate diverges and reports the step', () => {
  const t = new Trainer({
    dataset: { name: 'regression', samples: 200, noise: 0.1, testFraction: 0.2 },
    layers: [dense(16, 'relu', { kind: 'kaimingNormal' }), dense(1, 'linear', { kind: 'kaimingNormal' })],
    loss: 'mse', optimizer: { kind: 'sgd', lr: 50 }, batchSize: 16, seed: 1, dataSeed: 1,
  });
  const done = t.trainSteps(10_000);
  assert.equal(t.state, 'diverged');
  assert.ok(done < 10_000);
  assert.equal(t.divergedAt, done + 1);
  assert.equal(t.trainStep(), false);
  assert.equal(t.step, done + 1);
});

test('metrics report dead ReLU units and saturated sigmoids', () => {
  const dead = new Trainer(xorConfig([dense(8, 'relu', { kind: 'zeros' }, { kind: 'constant', value: -1 }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]));
  assert.equal(dead.metrics().layers[0].deadFraction, 1);
  const sat = new Trainer(xorConfig([dense(8, 'sigmoid', { kind: 'constant', value: 20 }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]));
  assert.ok(sat.metrics().layers[0].saturatedFraction > 0.5);
  const fine = new Trainer(xorConfig([dense(8, 'tanh', { kind: 'xavierNormal' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]));
  const m = fine.metrics().layers[0];
  assert.ok(m.saturatedFraction < 0.1 && m.deadFraction === 0 && m.activationStd > 0 && m.weightNorm > 0);
});

test('snapshots are float32 copies with explicit shapes', () => {
  const t = new Trainer(xorConfig([dense(3, 'tanh', { kind: 'xavierNormal' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]));
  const s = t.snapshot();
  assert.deepEqual(s.map((l) => [l.rows, l.cols]), [[3, 2], [1, 3]]);
  s[0].weights[0] = 1234;
  assert.notEqual(t.mlp.layers[0].weights.data[0], 1234);
});
