import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trainer, distinctUnits, type OptimizerConfig } from '../../../src/core/trainer/index';
import { bits, dense, xorConfig } from './helpers';

/** True when every row of a float32 weight matrix is bit-identical to row 0. */
function rowsBitIdentical(data: Float32Array | Float64Array, rows: number, cols: number): boolean {
  const b = bits(data);
  const wordsPerRow = b.length / rows;
  for (let i = 1; i < rows; i++) {
    for (let k = 0; k < wordsPerRow; k++) if (b[i * wordsPerRow + k] !== b[k]) return false;
  }
  return cols > 0;
}

const constantLayers = () => [
  dense(8, 'tanh', { kind: 'constant', value: 0.5 }, { kind: 'constant', value: 0.1 }),
  dense(8, 'tanh', { kind: 'constant', value: 0.25 }, { kind: 'zeros' }),
  dense(1, 'sigmoid', { kind: 'constant', value: 0.3 }),
];

const cases: [string, OptimizerConfig, { l1?: number; l2?: number }][] = [
  ['sgd', { kind: 'sgd', lr: 0.1 }, {}],
  ['momentum', { kind: 'momentum', lr: 0.05, momentum: 0.9 }, {}],
  ['nesterov', { kind: 'momentum', lr: 0.05, momentum: 0.9, nesterov: true }, {}],
  ['adam', { kind: 'adam', lr: 0.01 }, {}],
  ['sgd + L2', { kind: 'sgd', lr: 0.1 }, { l2: 0.01 }],
  ['adam + L1', { kind: 'adam', lr: 0.01 }, { l1: 0.001 }],
];

for (const [name, optimizer, reg] of cases) {
  test(`constant init stays bit-identical for 1000 steps: ${name}`, () => {
    const t = new Trainer(xorConfig(constantLayers(), optimizer, reg));
    const before = Float32Array.from(t.mlp.layers[0].weights.data);
    assert.equal(t.trainSteps(1000), 1000);
    assert.equal(t.state, 'ready');
    const [l0, l1, l2] = t.mlp.layers;
    assert.notDeepEqual(Array.from(l0.weights.data), Array.from(before), 'the weights did move');
    assert.ok(rowsBitIdentical(l0.weights.data, l0.units, l0.fanIn));
    assert.ok(rowsBitIdentical(l1.weights.data, l1.units, l1.fanIn));
    assert.ok(rowsBitIdentical(l0.biases, l0.units, 1));
    assert.equal(distinctUnits(l0, l1).exact, 1);
    assert.equal(distinctUnits(l1, l2).exact, 1);
    const m = t.metrics();
    assert.equal(m.layers[0].symmetry.distinctUnits, 1);
    assert.equal(m.layers[0].symmetry.rank, 1);
    assert.ok(m.layers[0].symmetry.maxCosineSimilarity > 0.999999);
  });
}

test('random init gives distinct units that stay distinct', () => {
  const t = new Trainer(xorConfig([dense(8, 'tanh', { kind: 'xavierNormal' }), dense(8, 'tanh', { kind: 'xavierNormal' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]));
  t.trainSteps(200);
  const m = t.metrics();
  assert.equal(m.layers[0].symmetry.distinctUnits, 8);
  assert.equal(m.layers[1].symmetry.distinctUnits, 8);
  assert.equal(m.layers[0].symmetry.rank, 2);
});

test('dropout parts rows that start constant', () => {
  const layers = constantLayers();
  layers[0] = dense(8, 'tanh', { kind: 'constant', value: 0.5 }, { kind: 'constant', value: 0.1 }, 0.2);
  const t = new Trainer(xorConfig(layers));
  assert.equal(t.metrics().layers[0].symmetry.distinctUnits, 1);
  t.trainSteps(20);
  assert.ok(t.metrics().layers[0].symmetry.distinctUnits > 1);
  assert.ok(!rowsBitIdentical(t.mlp.layers[0].weights.data, 8, 2));
});

test('a constant layer with a random next layer parts after one step', () => {
  const t = new Trainer(xorConfig([dense(8, 'tanh', { kind: 'constant', value: 0.5 }, { kind: 'constant', value: 0.1 }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]));
  assert.ok(rowsBitIdentical(t.mlp.layers[0].weights.data, 8, 2));
  t.trainSteps(1);
  assert.ok(!rowsBitIdentical(t.mlp.layers[0].weights.data, 8, 2));
  assert.equal(t.metrics().layers[0].symmetry.distinctUnits, 8);
});

test('tiled random rows are as symmetric as constants', () => {
  const t = new Trainer(xorConfig([dense(8, 'tanh', { kind: 'tiledRandom' }), dense(8, 'tanh', { kind: 'constant', value: 0.3 }), dense(1, 'sigmoid', { kind: 'constant', value: 0.2 })]));
  t.trainSteps(300);
  assert.equal(t.metrics().layers[0].symmetry.distinctUnits, 1);
  assert.equal(t.metrics().layers[1].symmetry.distinctUnits, 1);
});

test('zero weights and zero bias under ReLU: first layer gradient exactly zero forever', () => {
  const t = new Trainer(xorConfig([dense(8, 'relu', { kind: 'zeros' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })], { kind: 'momentum', lr: 0.1, momentum: 0.9 }));
  const l0 = t.mlp.layers[0];
  for (let s = 0; s < 300; s++) {
    t.trainStep();
    assert.ok(l0.gradWeights.data.every((g) => g === 0), `gradient non-zero at step ${s}`);
    assert.ok(l0.gradBiases.every((g) => g === 0));
  }
  assert.ok(l0.weights.data.every((w) => w === 0));
  assert.ok(t.mlp.layers[1].gradWeights.data.every((g) => g === 0));
});

test('zero weights under tanh escape through the random next layer (control for the ReLU test)', () => {
  const t = new Trainer(xorConfig([dense(8, 'tanh', { kind: 'zeros' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]));
  t.trainStep();
  assert.ok(t.mlp.layers[0].gradWeights.data.some((g) => g !== 0));
});
