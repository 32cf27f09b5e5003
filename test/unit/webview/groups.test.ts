// Symmetry groups of the heatmap, against a brute-force pairwise reference and the core's distinctUnits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetryGroups } from '../../../webview/panel/groups';
import type { Layer } from '../../../webview/panel/arrays';
import { Rng, Trainer } from '../../../src/core/trainer/index';
import { PRESETS, presetById } from '../../../src/shared/presets';

function layer(rows: number, cols: number, w: number[] | Float32Array, b: number[] | Float32Array): Layer {
  return { rows, cols, weights: Float32Array.from(w), biases: Float32Array.from(b) };
}

/** Reference: units i and j are the same when row, bias and outgoing column compare equal as numbers. */
function referenceGroups(l: Layer, next: Layer | null): number[] {
  const sig = (i: number): number[] => [
    ...Array.from(l.weights.subarray(i * l.cols, (i + 1) * l.cols)), l.biases[i],
    ...(next ? Array.from({ length: next.rows }, (_, r) => next.weights[r * next.cols + i]) : []),
  ];
  const reps: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < l.rows; i++) {
    const s = sig(i);
    const g = reps.findIndex((r) => sig(r).every((v, k) => v === s[k]));
    if (g >= 0) group.push(g);
    else { group.push(reps.length); reps.push(i); }
  }
  return group;
}

function check(l: Layer, next: Layer | null, label = ''): void {
  const got = symmetryGroups(l, next);
  const want = referenceGroups(l, next);
  assert.deepEqual(Array.from(got.group), want, `groups ${label}`);
  assert.equal(got.distinct, new Set(want).size, `distinct ${label}`);
  assert.equal(got.sizes.length, got.distinct);
  assert.deepEqual(got.sizes, Array.from({ length: got.distinct }, (_, g) => want.filter((x) => x === g).length), `sizes ${label}`);
}

test('identical rows, biases and outgoing columns form one group', () => {
  const l = layer(4, 3, [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], [0.5, 0.5, 0.5, 0.5]);
  const next = layer(2, 4, [7, 7, 7, 7, -1, -1, -1, -1], [0, 0]);
  const g = symmetryGroups(l, next);
  assert.equal(g.distinct, 1);
  assert.deepEqual(Array.from(g.group), [0, 0, 0, 0]);
  assert.deepEqual(g.sizes, [4]);
});

test('equal rows but different outgoing columns are different units', () => {
  const l = layer(3, 2, [1, 1, 1, 1, 1, 1], [0, 0, 0]);
  const next = layer(1, 3, [0.3, 0.3, 0.4], [0]);
  const g = symmetryGroups(l, next);
  assert.equal(g.distinct, 2);
  assert.deepEqual(Array.from(g.group), [0, 0, 1]);
  assert.deepEqual(g.sizes, [2, 1]);
  // Without a next layer (the output layer) only rows and biases count.
  assert.equal(symmetryGroups(l, null).distinct, 1);
});

test('equal rows but different biases are different units', () => {
  const l = layer(2, 2, [1, 2, 1, 2], [0, 1e-7]);
  assert.equal(symmetryGroups(l, null).distinct, 2);
});

test('rows that differ only after the first eight weights are told apart', () => {
  const cols = 12;
  const w = new Float32Array(3 * cols).fill(0.25);
  w[1 * cols + 11] = 0.5; // unit 1 differs in its last weight only
  w[2 * cols + 9] = -0.25; // unit 2 differs at index 9
  const l = layer(3, cols, w, [0, 0, 0]);
  assert.equal(symmetryGroups(l, null).distinct, 3);
  check(l, null);
});

test('+0 and -0 count as equal, as in the core', () => {
  const l = layer(2, 2, [0, 1, -0, 1], [-0, 0]);
  const next = layer(1, 2, [0, -0], [0]);
  assert.equal(symmetryGroups(l, next).distinct, 1);
  check(l, next);
});

test('groups are numbered by first member; matches a brute-force reference on random tied layers', () => {
  const rng = new Rng(12345);
  for (let trial = 0; trial < 200; trial++) {
    const rows = 1 + Math.floor(rng.nextFloat() * 12), cols = 1 + Math.floor(rng.nextFloat() * 12), outs = Math.floor(rng.nextFloat() * 4);
    // Few distinct prototypes, copied to random units, with small values drawn from a tiny set so ties are common.
    const protos = 1 + Math.floor(rng.nextFloat() * 4);
    const pick = () => [0, 0.5, -0.5, 1][Math.floor(rng.nextFloat() * 4)];
    const protoRows = Array.from({ length: protos }, () => Array.from({ length: cols + 1 }, pick));
    const w: number[] = [], b: number[] = [];
    const which: number[] = [];
    for (let i = 0; i < rows; i++) {
      const p = Math.floor(rng.nextFloat() * protos);
      which.push(p);
      w.push(...protoRows[p].slice(0, cols));
      b.push(protoRows[p][cols]);
    }
    const l = layer(rows, cols, w, b);
    const next = outs ? layer(outs, rows, Array.from({ length: outs * rows }, (_, k) => (rng.nextFloat() < 0.8 ? which[k % rows] : pick())), new Array(outs).fill(0)) : null;
    check(l, next, `trial ${trial}`);
  }
});

test('distinct count equals the core distinctUnits for every preset, at init and after training', () => {
  for (const preset of PRESETS) {
    for (const spec of preset.runs()) {
      const trainer = new Trainer(spec.config);
      for (const steps of [0, 25]) {
        trainer.trainSteps(steps);
        const snap = trainer.snapshot();
        const metrics = trainer.metrics();
        snap.forEach((l, i) => {
          const g = symmetryGroups(l, snap[i + 1] ?? null);
          assert.equal(g.distinct, metrics.layers[i].symmetry.distinctUnits, `${preset.id} / ${spec.label} layer ${i} after ${steps} steps`);
        });
      }
    }
  }
});

test('constant05: one group per hidden layer, as the preset promises', () => {
  const preset = presetById('constant05');
  assert.ok(preset);
  const trainer = new Trainer(preset.runs()[0].config);
  trainer.trainSteps(50);
  const snap = trainer.snapshot();
  for (let i = 0; i < snap.length - 1; i++) {
    const g = symmetryGroups(snap[i], snap[i + 1]);
    assert.equal(g.distinct, 1, `hidden layer ${i}`);
    assert.deepEqual(g.sizes, [snap[i].rows]);
    assert.equal(trainer.metrics().layers[i].symmetry.distinctUnits, 1);
  }
});
