import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, Trainer, validateConfig } from '../../../src/core/trainer/index';
import { dense, xorConfig } from './helpers';

const good = () => xorConfig([dense(4, 'tanh', { kind: 'xavierNormal' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]);

/** An untyped view of a config, to build the malformed ones a webview could send. */
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Asserts that validateConfig rejects `mutate(good config)` with an error naming `field`. */
function rejects(field: string, mutate: (c: Loose) => void): void {
  const c: Loose = structuredClone(good());
  mutate(c);
  assert.throws(() => validateConfig(c), (e: unknown) => e instanceof ConfigError && e.field === field && e.message.includes(field));
  assert.throws(() => new Trainer(c), ConfigError);
}

test('a good config passes', () => {
  assert.doesNotThrow(() => validateConfig(good()));
});

test('bad configs are rejected with the field named', () => {
  rejects('layers[0].units', (c) => { c.layers[0].units = -3; });
  rejects('layers[0].units', (c) => { c.layers[0].units = 1e9; });
  rejects('layers[0].units', (c) => { c.layers[0].units = 2.5; });
  rejects('layers[1].units', (c) => { c.layers[1].units = 2; });
  rejects('layers[0].weightInit.kind', (c) => { c.layers[0].weightInit = { kind: 'glorious' }; });
  rejects('layers[0].biasInit', (c) => { c.layers[0].biasInit = 'zeros'; });
  rejects('layers[0].weightInit.values', (c) => { c.layers[0].weightInit = { kind: 'explicit', values: [1, 2, 3] }; });
  rejects('layers[0].weightInit.std', (c) => { c.layers[0].weightInit = { kind: 'normal', mean: 0, std: -1 }; });
  rejects('layers[0].activation', (c) => { c.layers[0].activation = 'swish'; });
  rejects('layers[0].dropout', (c) => { c.layers[0].dropout = 1; });
  rejects('optimizer.lr', (c) => { c.optimizer.lr = 0; });
  rejects('optimizer.lr', (c) => { c.optimizer.lr = -0.1; });
  rejects('optimizer.lr', (c) => { c.optimizer.lr = Number.NaN; });
  rejects('optimizer.kind', (c) => { c.optimizer.kind = 'lbfgs'; });
  rejects('batchSize', (c) => { c.batchSize = 0; });
  rejects('batchSize', (c) => { c.batchSize = 100_000; });
  rejects('dataset.samples', (c) => { c.dataset.samples = 10_000_000; });
  rejects('dataset.name', (c) => { c.dataset.name = 'mnist'; });
  rejects('loss', (c) => { c.loss = 'softmaxCrossEntropy'; });
  rejects('seed', (c) => { c.seed = -1; });
  rejects('layers', (c) => { c.layers = []; });
  rejects('layers', (c) => { c.layers = [dense(4096, 'relu', { kind: 'zeros' }), dense(4096, 'relu', { kind: 'zeros' }), dense(1, 'sigmoid', { kind: 'zeros' })]; });
});

test('a huge network is rejected before anything is allocated', () => {
  const c = good();
  c.layers = [dense(4096, 'relu', { kind: 'zeros' }), dense(4096, 'relu', { kind: 'zeros' }), dense(1, 'sigmoid', { kind: 'zeros' })];
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(() => new Trainer(c), /layers: too many parameters/);
  assert.ok(process.memoryUsage().arrayBuffers - before < 1_000_000);
});

test('datasets and activation workspaces that would not fit the worker are rejected', () => {
  const digits = {
    dataset: { name: 'digits', samples: 50_000, noise: 0.1, testFraction: 0.2 },
    layers: [dense(32, 'relu', { kind: 'kaimingNormal' }), dense(10, 'linear', { kind: 'xavierNormal' })],
    loss: 'softmaxCrossEntropy', optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 64, seed: 1, dataSeed: 1,
  } as const;
  assert.throws(() => validateConfig(structuredClone(digits)), (e: unknown) => e instanceof ConfigError && e.field === 'dataset.samples');
  const wide = { ...structuredClone(digits), dataset: { name: 'digits', samples: 8000, noise: 0.1, testFraction: 0.2 }, batchSize: 4096,
    layers: [dense(1024, 'relu', { kind: 'zeros' }), dense(1024, 'relu', { kind: 'zeros' }), dense(10, 'linear', { kind: 'zeros' })] };
  assert.throws(() => validateConfig(wide), (e: unknown) => e instanceof ConfigError && e.field === 'batchSize');
});
