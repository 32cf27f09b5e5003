// The per-run metrics history of the charts: bounded, first and latest kept, arrays stay aligned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HISTORY_CAPACITY, MetricsHistory } from '../../../webview/panel/history';
import type { LayerMetrics, Metrics } from '../../../src/core/trainer/metrics';

/** Metrics whose every field is a known function of the step, so alignment can be checked. */
function metricsAt(step: number, layers = 2): Metrics {
  const layer = (l: number): LayerMetrics => ({
    weightNorm: 0, biasNorm: 0, gradWeightNorm: step * 10 + l, gradBiasNorm: 0, activationMean: 0, activationStd: 0,
    saturatedFraction: 0, deadFraction: 0,
    symmetry: { distinctUnits: (step % 7) + l, distinctUnitsWithinTolerance: 0, maxCosineSimilarity: 0, rank: 0 },
  });
  return {
    step, batchLoss: 0, trainLoss: 1 / step, testLoss: 2 / step, trainAccuracy: 0, testAccuracy: 0,
    layers: Array.from({ length: layers }, (_, l) => layer(l)),
  };
}

function assertAligned(h: MetricsHistory, layers = 2): void {
  const n = h.steps.length;
  assert.equal(h.trainLoss.length, n);
  assert.equal(h.testLoss.length, n);
  assert.equal(h.distinct.length, layers);
  assert.equal(h.gradNorm.length, layers);
  h.steps.forEach((s, i) => {
    assert.equal(h.trainLoss[i], 1 / s);
    assert.equal(h.testLoss[i], 2 / s);
    for (let l = 0; l < layers; l++) {
      assert.equal(h.distinct[l][i], (s % 7) + l);
      assert.equal(h.gradNorm[l][i], s * 10 + l);
    }
  });
}

test('appends points in order', () => {
  const h = new MetricsHistory();
  for (const s of [1, 2, 5]) h.push(metricsAt(s));
  assert.deepEqual(h.steps, [1, 2, 5]);
  assertAligned(h);
});

test('a repeated step is ignored; an older step means a new run and starts over', () => {
  const h = new MetricsHistory();
  h.push(metricsAt(3));
  h.push(metricsAt(4));
  h.push(metricsAt(4));
  assert.deepEqual(h.steps, [3, 4]);
  h.push(metricsAt(1));
  assert.deepEqual(h.steps, [1]);
  assertAligned(h);
});

test('after many pushes memory stays bounded, the first and latest points are kept and aligned', () => {
  const h = new MetricsHistory();
  const n = 50_000;
  let max = 0;
  for (let s = 1; s <= n; s++) {
    h.push(metricsAt(s));
    max = Math.max(max, h.steps.length);
    assert.equal(h.steps[h.steps.length - 1], s);
  }
  assert.ok(max <= HISTORY_CAPACITY, `at most ${HISTORY_CAPACITY} points, saw ${max}`);
  assert.ok(h.steps.length >= HISTORY_CAPACITY / 2, `${h.steps.length} points`);
  assert.equal(h.steps[0], 1, 'the first point is kept');
  assert.equal(h.steps[h.steps.length - 1], n);
  for (let i = 1; i < h.steps.length; i++) assert.ok(h.steps[i] > h.steps[i - 1]);
  assertAligned(h);
  const gapOld = h.steps[1] - h.steps[0], gapNew = h.steps[h.steps.length - 1] - h.steps[h.steps.length - 2];
  assert.ok(gapOld > gapNew, 'the oldest points are the thinned ones');
});

test('clear empties every series', () => {
  const h = new MetricsHistory();
  for (let s = 1; s <= 10; s++) h.push(metricsAt(s));
  h.clear();
  assert.deepEqual([h.steps, h.trainLoss, h.testLoss, h.distinct, h.gradNorm], [[], [], [], [], []]);
  h.push(metricsAt(1));
  assertAligned(h);
});
