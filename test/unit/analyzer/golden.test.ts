import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { actualForFile, expectedForFile, fixtureFiles, measureQuality } from '../../../scripts/analyzer-quality';

const files = fixtureFiles();

test('the fixture corpus covers every framework, notebooks and the leave-alone cases', () => {
  const names = files.map((f) => f.split('/').pop());
  for (const n of ['numpy_mlp.py', 'numpy_leave_alone.py', 'pytorch_flag.py', 'pytorch_leave_alone.py', 'keras_tf.py', 'jax_family.py', 'tfjs_model.js', 'tfjs_model.ts', 'notebook_mlp.ipynb', 'single_layer.py']) {
    assert.ok(names.includes(n), `missing fixture ${n}`);
  }
});

for (const path of files) {
  test(`golden findings (code + line) of ${path}`, () => {
    const text = readFileSync(path, 'utf8');
    const expected = expectedForFile(path, text).sort();
    const actual = actualForFile(path, text).sort();
    assert.deepEqual(actual, expected);
  });
}

test('precision >= 0.95 and recall >= 0.90 over the fixture corpus', () => {
  const q = measureQuality();
  assert.ok(q.tp >= 60, `corpus too small to mean anything: ${q.tp} true positives`);
  assert.ok(q.precision >= 0.95, `precision ${q.precision}`);
  assert.ok(q.recall >= 0.9, `recall ${q.recall}`);
});
