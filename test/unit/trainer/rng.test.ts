import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, deriveSeed } from '../../../src/core/trainer/index';

test('xoshiro128** is deterministic per seed and differs across seeds', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const sa = Array.from({ length: 100 }, () => a.nextUint32());
  const sb = Array.from({ length: 100 }, () => b.nextUint32());
  const sc = Array.from({ length: 100 }, () => c.nextUint32());
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
  assert.ok(sa.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32));
});

test('uniform and normal draws have the right moments', () => {
  const r = new Rng(9);
  const n = 200_000;
  let su = 0, sn = 0, sn2 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.nextFloat();
    assert.ok(u >= 0 && u < 1);
    su += u;
    const z = r.normal();
    sn += z;
    sn2 += z * z;
  }
  assert.ok(Math.abs(su / n - 0.5) < 0.005);
  assert.ok(Math.abs(sn / n) < 0.01);
  assert.ok(Math.abs(sn2 / n - 1) < 0.02);
});

test('nextInt is in range and roughly uniform; shuffle is a permutation', () => {
  const r = new Rng(3);
  const counts = new Array(7).fill(0);
  for (let i = 0; i < 70_000; i++) counts[r.nextInt(7)]++;
  assert.ok(counts.every((c) => Math.abs(c - 10_000) < 500), String(counts));
  const a = Int32Array.from({ length: 50 }, (_, i) => i);
  r.shuffle(a);
  assert.deepEqual(Array.from(a).sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
});

test('derived streams are distinct and stable', () => {
  assert.equal(deriveSeed(1, 'init'), deriveSeed(1, 'init'));
  assert.notEqual(deriveSeed(1, 'init'), deriveSeed(1, 'data'));
  assert.notEqual(deriveSeed(1, 'init'), deriveSeed(2, 'init'));
});
