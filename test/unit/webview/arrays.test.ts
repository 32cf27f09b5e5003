// toFloat32 / toLayers: every form numbers may take after postMessage, and junk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toFloat32, toLayers } from '../../../webview/panel/arrays';

const values = [1.5, -2, 0, 3.25, 1e-3];
const f32 = (a: number[]): number[] => Array.from(Float32Array.from(a));

test('a Float32Array is returned as is (no copy)', () => {
  const a = Float32Array.from(values);
  assert.equal(toFloat32(a), a);
  const sub = a.subarray(1, 3);
  assert.equal(toFloat32(sub), sub);
});

test('an ArrayBuffer is read as float32 bytes', () => {
  const a = Float32Array.from(values);
  assert.deepEqual(Array.from(toFloat32(a.buffer)), f32(values));
});

test('a DataView is read as float32 bytes of its own window', () => {
  const a = Float32Array.from([9, ...values, 9]);
  const view = new DataView(a.buffer, 4, values.length * 4);
  assert.deepEqual(Array.from(toFloat32(view)), f32(values));
});

test('other typed arrays are converted by value, respecting offset and length', () => {
  const ints = [1, 2, 3, 4, 5, 6, 7];
  const kinds = [Float64Array, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array];
  for (const Kind of kinds) {
    const full = Kind.from([0, ...ints, 0]);
    const sub = full.subarray(1, 1 + ints.length);
    assert.deepEqual(Array.from(toFloat32(sub)), ints, Kind.name);
  }
  assert.deepEqual(Array.from(toFloat32(new Float64Array([0.1, -1e10]))), f32([0.1, -1e10]), 'float64 rounds to float32');
});

test('plain arrays are converted; non-number entries become NaN', () => {
  assert.deepEqual(Array.from(toFloat32(values)), f32(values));
  assert.deepEqual(Array.from(toFloat32([])), []);
  const mixed = Array.from(toFloat32([1, '2', null, undefined, {}, 4]));
  assert.deepEqual(mixed.map(Number.isNaN), [false, true, true, true, true, false]);
  assert.equal(mixed[0], 1);
  assert.equal(mixed[5], 4);
});

test('index-keyed objects (a typed array through JSON) are converted', () => {
  const a = Float32Array.from(values);
  const json: unknown = JSON.parse(JSON.stringify(a));
  assert.deepEqual(Array.from(toFloat32(json)), Array.from(a));
  assert.deepEqual(Array.from(toFloat32({ 1: 5, 0: 4 })), [4, 5], 'keys out of order');
});

test('an array-like object with a length gives exactly length entries', () => {
  assert.deepEqual(Array.from(toFloat32({ length: 2, 0: 1, 1: 2 })), [1, 2]);
  assert.deepEqual(Array.from(toFloat32({ 0: 1, 1: 2, length: 2 })), [1, 2]);
  assert.deepEqual(Array.from(toFloat32({ length: 0 })), []);
  // A lying length is never trusted beyond the number of keys (no huge allocation).
  assert.equal(toFloat32({ length: 1e12, 0: 1 }).length, 2);
});

test('junk is rejected as an empty array, never a throw', () => {
  const junk: unknown[] = [
    undefined, null, 0, 42, NaN, 'abc', '', true, Symbol('s'), () => 1, 10n,
    new ArrayBuffer(3), new ArrayBuffer(5), new DataView(new ArrayBuffer(6)),
    new BigInt64Array([1n, 2n]), new BigUint64Array([3n]),
  ];
  for (const x of junk) {
    let out: Float32Array | undefined;
    assert.doesNotThrow(() => { out = toFloat32(x); }, `toFloat32(${String(typeof x === 'symbol' ? 'symbol' : x)})`);
    assert.ok(out instanceof Float32Array);
    assert.equal(out.length, 0, `toFloat32(${Object.prototype.toString.call(x)})`);
  }
  assert.equal(toFloat32(new ArrayBuffer(0)).length, 0);
});

test('toLayers keeps consistent layers in every accepted form and drops the rest', () => {
  const good = { rows: 2, cols: 3, weights: [1, 2, 3, 4, 5, 6], biases: new Float64Array([0.5, -0.5]) };
  const asBuffer = { rows: 1, cols: 2, weights: Float32Array.from([7, 8]).buffer, biases: JSON.parse(JSON.stringify(Float32Array.from([9]))) as unknown };
  const layers = toLayers([
    good,
    { rows: 2, cols: 3, weights: [1, 2, 3], biases: [0, 0] }, // too few weights
    { rows: 2, cols: 3, weights: [1, 2, 3, 4, 5, 6], biases: [0] }, // too few biases
    { rows: 0, cols: 3, weights: [], biases: [] },
    { rows: 1.5, cols: 2, weights: [1, 2, 3], biases: [1, 2] },
    { rows: '2', cols: '1', weights: [1, 2], biases: [3, 4] }, // numeric strings are accepted as sizes
    null, 7, 'layer',
    asBuffer,
  ]);
  assert.deepEqual(layers.map((l) => [l.rows, l.cols]), [[2, 3], [2, 1], [1, 2]]);
  assert.deepEqual(Array.from(layers[0].weights), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(layers[0].biases), [0.5, -0.5]);
  assert.deepEqual(Array.from(layers[2].weights), [7, 8]);
  assert.deepEqual(Array.from(layers[2].biases), [9]);
  for (const l of layers) assert.ok(l.weights instanceof Float32Array && l.biases instanceof Float32Array);
  for (const junk of [undefined, null, {}, 'x', 3, { length: 1, 0: good }]) assert.deepEqual(toLayers(junk), []);
});
