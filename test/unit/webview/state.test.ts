// Persisted panel state: what restoreState accepts back, and what it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultState, restoreState } from '../../../webview/panel/state';
import { presetById } from '../../../src/shared/presets';

const runs = presetById('compare')!.runs();

test('a default state survives a JSON round trip unchanged (setState stores a clone)', () => {
  const s = defaultState(runs, 'compare', 'a lesson');
  assert.deepEqual(restoreState(JSON.parse(JSON.stringify(s))), s);
  const edited = { ...s, presetId: null, paused: true, speed: 30, editRun: 1 as const, settingsOpen: true };
  assert.deepEqual(restoreState(structuredClone(edited)), edited);
});

test('anything that is not a version-1 state with one or two runs is refused', () => {
  const s = defaultState(runs, 'compare', 'x');
  for (const raw of [undefined, null, 1, 'state', [], {}, { ...s, version: 2 }, { ...s, version: '1' }, { ...s, runs: [] },
    { ...s, runs: [...runs, ...runs] }, { ...s, runs: 'two' }]) {
    assert.equal(restoreState(raw), undefined, JSON.stringify(raw)?.slice(0, 60));
  }
});

test('bad fields fall back to their defaults', () => {
  const one = runs.slice(0, 1);
  const restored = restoreState({ version: 1, runs: one, presetId: 5, lesson: {}, paused: 'yes', speed: '10', editRun: 1, settingsOpen: 1 });
  assert.deepEqual(restored, { version: 1, presetId: null, lesson: '', runs: one, paused: false, speed: null, editRun: 0, settingsOpen: false });
  // editRun 1 needs a second run; anything else is 0.
  assert.equal(restoreState({ version: 1, runs, editRun: 1 })!.editRun, 1);
  assert.equal(restoreState({ version: 1, runs, editRun: 2 })!.editRun, 0);
});
