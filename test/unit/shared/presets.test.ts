import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trainer, validateConfig } from '../../../src/core/trainer/index';
import { HIDDEN, PRESETS, MAX_REQUEST_WIDTH, presetById, runsForRequest } from '../../../src/shared/presets';

/** Distinct units of each hidden layer after `steps` steps of training. */
function distinctAfter(config: unknown, steps: number): number[] {
  const t = new Trainer(config);
  t.trainSteps(steps);
  const m = t.metrics();
  return m.layers.slice(0, -1).map((l) => l.symmetry.distinctUnits);
}

test('every preset builds configs the trainer accepts', () => {
  assert.ok(PRESETS.length >= 10);
  assert.equal(new Set(PRESETS.map((p) => p.id)).size, PRESETS.length, 'ids are unique');
  for (const p of PRESETS) {
    for (const run of p.runs()) assert.doesNotThrow(() => validateConfig(run.config), `${p.id}: ${run.label}`);
  }
});

test('symmetric presets keep 1 distinct unit per hidden layer; random ones keep all units distinct', () => {
  for (const id of ['constant05', 'zeros', 'onesSigmoid', 'constant01', 'tiledRandom', 'zerosRelu']) {
    assert.deepEqual(distinctAfter(presetById(id)!.runs()[0].config, 200), [1, 1], id);
  }
  assert.deepEqual(distinctAfter(presetById('heNormal')!.runs()[0].config, 200), [HIDDEN, HIDDEN]);
  const dropout = distinctAfter(presetById('constantDropout')!.runs()[0].config, 200);
  assert.ok(dropout.every((d) => d > 1), `dropout breaks symmetry: ${dropout}`);
});

test('compare presets train two runs on the same data in the same order', () => {
  for (const id of ['compare', 'seeds']) {
    const [a, b] = presetById(id)!.runs();
    assert.ok(a && b, `${id} has two runs`);
    assert.equal(a.config.dataSeed, b.config.dataSeed);
    assert.deepEqual(a.config.dataset, b.config.dataset);
    assert.equal(a.config.batchSize, b.config.batchSize);
  }
});

test('a request from the analyzer reproduces the initializer on the width found in the code', () => {
  const [mine, reference] = runsForRequest({ kind: 'constant', value: 0.25, layerSizes: [784, 32], activation: 'relu' });
  assert.deepEqual(mine.config.layers[0].weightInit, { kind: 'constant', value: 0.25 });
  assert.equal(mine.config.layers[0].units, 32);
  assert.equal(mine.config.layers[0].activation, 'relu');
  assert.equal(reference.config.layers[0].weightInit.kind, 'kaimingNormal');
  assert.deepEqual(distinctAfter(mine.config, 50), [1, 1]);

  const [wide] = runsForRequest({ kind: 'zeros', layerSizes: [784, 4096], activation: 'tanh' });
  assert.equal(wide.config.layers[0].units, MAX_REQUEST_WIDTH);
  const [, xavier] = runsForRequest({ kind: 'ones', activation: 'unknown' });
  assert.equal(xavier.config.layers[0].weightInit.kind, 'xavierNormal');
  assert.equal(xavier.config.layers[0].units, HIDDEN);
  const [copied] = runsForRequest({ kind: 'copiedRows', activation: 'tanh' });
  assert.deepEqual(distinctAfter(copied.config, 50), [1, 1], 'copied rows are symmetric too');
});
