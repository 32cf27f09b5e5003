// The wording after a trainer crash: a restart says training goes on and offers nothing to press;
// only a host that gave up says the runs stopped and offers "Start again".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashNotice } from '../../../webview/crashNotice';
import { setBundle } from '../../../webview/l10n';

test('a restarted run: one statement that the runs are back at step 0 (playing or paused as before), no Start again', () => {
  setBundle(undefined);
  const n = crashNotice({ type: 'workerCrashed', restarted: true, reason: 'exited with code 1' });
  assert.equal(n.text, 'The trainer crashed (exited with code 1) and was restarted: the runs are back at step 0.');
  assert.equal(n.startAgain, false);
  assert.doesNotMatch(n.text, /stopped|start again/i, 'nothing suggests the run ended');
});

test('a host that gave up: the runs stopped, and Start again is offered', () => {
  setBundle(undefined);
  const n = crashNotice({ type: 'workerCrashed', restarted: false, reason: 'exited with code 1' });
  assert.match(n.text, /stopped/);
  assert.doesNotMatch(n.text, /continues|restarted/);
  assert.equal(n.startAgain, true);
});

test('a malformed message never reads as a restart and never shows "undefined"', () => {
  setBundle(undefined);
  const n = crashNotice({ type: 'workerCrashed' } as never);
  assert.equal(n.startAgain, true);
  assert.doesNotMatch(n.text, /undefined/);
});

test('the wording is translated through the bundle', () => {
  setBundle({ 'The trainer crashed ({0}) and was restarted: the runs are back at step 0.': 'Neu gestartet ({0}), weiter ab Schritt 0.' });
  try {
    assert.equal(crashNotice({ type: 'workerCrashed', restarted: true, reason: 'x' }).text, 'Neu gestartet (x), weiter ab Schritt 0.');
  } finally {
    setBundle(undefined);
  }
});
