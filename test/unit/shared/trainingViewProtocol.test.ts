import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromTrainingView } from '../../../src/shared/trainingViewProtocol';

test('the Training view may send only its handshake and transport commands', () => {
  for (const type of ['ready', 'play', 'pause', 'step', 'reset', 'openPanel']) {
    assert.deepEqual(parseFromTrainingView({ type, extra: 'ignored' }), { ok: true, message: { type } });
  }
  for (const raw of [null, 42, 'play', {}, { type: 'start', runs: [] }, { type: 'PLAY' }, { type: ['play'] }]) {
    assert.equal(parseFromTrainingView(raw).ok, false, JSON.stringify(raw));
  }
});
