// The pure helpers of dom.ts and export.ts (their DOM parts are only touched when called).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt } from '../../../webview/panel/dom';
import { weightsJson } from '../../../webview/panel/export';
import { toLayers } from '../../../webview/panel/arrays';
import { Trainer } from '../../../src/core/trainer/index';
import { presetById } from '../../../src/shared/presets';

test('fmt: non-numbers and NaN show as NaN, infinities as signs, zero as 0', () => {
  for (const v of [NaN, null, undefined, '1', {}]) assert.equal(fmt(v), 'NaN');
  assert.equal(fmt(Infinity), '∞');
  assert.equal(fmt(-Infinity), '−∞');
  assert.equal(fmt(0), '0');
  assert.equal(fmt(-0), '0');
});

test('fmt: the printed number reads back within its significant digits', () => {
  for (const v of [1, -1, 0.5, 3.14159, -2.71828, 123.456, 9999, 0.001234, 1e-3, 12345, -6.02e23, 1.6e-19, 7e-5]) {
    for (const digits of [2, 3, 4]) {
      const s = fmt(v, digits);
      const back = Number(s.replace('−', '-'));
      assert.ok(Number.isFinite(back), `fmt(${v}, ${digits}) = ${s} parses`);
      assert.equal(Math.sign(back), Math.sign(v));
      // Fixed notation keeps `digits` significant digits, exponent notation one fewer (at least one).
      const a = Math.abs(v);
      const significant = a >= 1e4 || a < 1e-3 ? Math.max(1, digits - 1) : digits;
      const halfUlp = 0.5 * Math.pow(10, Math.floor(Math.log10(a)) - significant + 1);
      assert.ok(Math.abs(back - v) <= halfUlp * (1 + 1e-9), `fmt(${v}, ${digits}) = ${s}`);
    }
  }
});

test('fmt: very large and very small magnitudes use exponent notation without a plus sign', () => {
  assert.match(fmt(12345), /^1\.2e4$/);
  assert.match(fmt(0.0001234), /^1\.2e-4$/);
  assert.ok(!fmt(1e20).includes('+'));
});

test('weightsJson: the exported layers read back through toLayers to the same float32 weights', () => {
  const spec = presetById('heNormal')!.runs()[0];
  const trainer = new Trainer(spec.config);
  trainer.trainSteps(10);
  const layers = trainer.snapshot();
  const doc = JSON.parse(weightsJson([{ spec, step: trainer.step, layers }])) as {
    format: string; version: number; runs: { label: string; step: number; config: unknown; layers: unknown }[];
  };
  assert.equal(doc.format, 'visualize-init-weights');
  assert.equal(doc.version, 1);
  assert.equal(doc.runs.length, 1);
  assert.equal(doc.runs[0].label, spec.label);
  assert.equal(doc.runs[0].step, 10);
  assert.deepEqual(doc.runs[0].config, JSON.parse(JSON.stringify(spec.config)));
  const back = toLayers(doc.runs[0].layers);
  assert.equal(back.length, layers.length);
  back.forEach((l, i) => {
    assert.equal(l.rows, layers[i].rows);
    assert.equal(l.cols, layers[i].cols);
    assert.deepEqual(Array.from(l.weights), Array.from(layers[i].weights));
    assert.deepEqual(Array.from(l.biases), Array.from(layers[i].biases));
  });
});
