// The recorded snapshot timeline: bounded memory, first and latest frames kept, order preserved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TIMELINE_BYTES, TIMELINE_CAPACITY, Timeline } from '../../../webview/panel/timeline';
import type { Layer } from '../../../webview/panel/arrays';

const layerOf = (rows: number, cols: number): Layer => ({ rows, cols, weights: new Float32Array(rows * cols), biases: new Float32Array(rows) });
const small = [layerOf(4, 2), layerOf(1, 4)];
const bytesOf = (runs: (Layer[] | null)[]): number => runs.reduce((t, ls) => t + (ls ?? []).reduce((s, l) => s + l.weights.byteLength + l.biases.byteLength, 0), 0);

function steps(t: Timeline): number[] {
  return Array.from({ length: t.length }, (_, i) => t.at(i)!.step);
}

function assertIncreasing(s: number[]): void {
  for (let i = 1; i < s.length; i++) assert.ok(s[i] > s[i - 1], `order at ${i}: ${s[i - 1]} then ${s[i]}`);
}

test('records frames in order and keeps what it was given', () => {
  const t = new Timeline();
  const runs = [small, null];
  assert.equal(t.record(1, runs, 0), true);
  assert.equal(t.record(2, runs, 1000), true);
  assert.deepEqual(steps(t), [1, 2]);
  assert.equal(t.at(0)!.runs, runs);
  assert.equal(t.at(5), undefined);
});

test('skips a frame that comes too soon unless forced, and never repeats a step', () => {
  const t = new Timeline();
  assert.equal(t.record(1, [small], 0), true);
  assert.equal(t.record(2, [small], 10), false, 'too soon');
  assert.equal(t.record(2, [small], 10, true), true, 'forced');
  assert.equal(t.record(2, [small], 10_000, true), false, 'same step as the last frame');
  assert.equal(t.record(3, [small], 10_000), true);
  assert.deepEqual(steps(t), [1, 2, 3]);
});

test('after many frames the count stays bounded, the first and latest are kept, order is preserved', () => {
  const t = new Timeline();
  const n = 10_000;
  let maxLength = 0;
  for (let s = 1; s <= n; s++) {
    assert.equal(t.record(s, [small, small], s * 1000), true);
    maxLength = Math.max(maxLength, t.length);
    assert.equal(t.at(t.length - 1)!.step, s, 'the latest frame is always there');
  }
  assert.ok(maxLength <= TIMELINE_CAPACITY, `at most ${TIMELINE_CAPACITY} frames, saw ${maxLength}`);
  assert.ok(t.length >= TIMELINE_CAPACITY / 2, `still a useful number of frames: ${t.length}`);
  const s = steps(t);
  assert.equal(s[0], 1, 'the first frame is kept');
  assert.equal(s[s.length - 1], n);
  assertIncreasing(s);
  // Oldest thinned: the recent end is denser than the old end.
  const oldGap = s[1] - s[0], newGap = s[s.length - 1] - s[s.length - 2];
  assert.ok(oldGap > newGap, `old gap ${oldGap} > recent gap ${newGap}`);
});

test('big networks keep fewer frames so the recorded weights stay within the byte budget', () => {
  // One run of about 3 MB per frame: the budget allows 16 frames. The same arrays are reused; the
  // timeline counts their sizes per frame all the same.
  const big = [layerOf(512, 1536)];
  const perFrame = bytesOf([big]);
  const t = new Timeline();
  for (let s = 1; s <= 500; s++) {
    t.record(s, [big], s * 1000);
    assert.ok(t.length * perFrame <= TIMELINE_BYTES, `${t.length} frames of ${perFrame} bytes`);
  }
  assert.ok(t.length >= 8);
  assert.equal(t.at(0)!.step, 1);
  assert.equal(t.at(t.length - 1)!.step, 500);
  assertIncreasing(steps(t));
});

test('a huge network still keeps at least a few frames', () => {
  const huge = [layerOf(4096, 4096)]; // 64 MB a frame, over the whole budget
  const t = new Timeline();
  for (let s = 1; s <= 100; s++) t.record(s, [huge], s * 1000);
  assert.ok(t.length >= 2 && t.length <= 8, `${t.length} frames`);
  assert.equal(t.at(0)!.step, 1);
  assert.equal(t.at(t.length - 1)!.step, 100);
});

test('clear forgets every frame and the rate limit', () => {
  const t = new Timeline();
  t.record(1, [small], 0);
  t.record(2, [small], 1000);
  t.clear();
  assert.equal(t.length, 0);
  assert.equal(t.record(1, [small], 1001), true, 'a new run records at once, even step 1 again');
});
