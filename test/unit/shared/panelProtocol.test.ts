import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PANEL_RUNS, parseFromPanel, parsePanelRequest } from '../../../src/shared/panelProtocol';
import { network } from '../../../src/shared/presets';

const ok = (raw: unknown) => {
  const r = parseFromPanel(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to be accepted: ${r.ok ? '' : r.error}`);
  return r.message;
};
const rejected = (raw: unknown, pattern: RegExp) => {
  const r = parseFromPanel(raw);
  assert.equal(r.ok, false, `expected ${JSON.stringify(raw)?.slice(0, 80)} to be rejected`);
  if (!r.ok) assert.match(r.error, pattern);
};

test('accepts each well-formed message and returns only its known fields', () => {
  assert.deepEqual(ok({ type: 'ready', protocolVersion: 2, extra: 'dropped' }), { type: 'ready', protocolVersion: 2 });
  assert.deepEqual(ok({ type: 'pause' }), { type: 'pause' });
  assert.deepEqual(ok({ type: 'step', count: 5 }), { type: 'step', count: 5 });
  assert.deepEqual(ok({ type: 'setSpeed', stepsPerSecond: null }), { type: 'setSpeed', stepsPerSecond: null });
  const config = network({ weightInit: { kind: 'zeros' } });
  const start = ok({ type: 'start', paused: false, runs: [{ label: 'a', config }] });
  assert.equal(start.type, 'start');
  assert.deepEqual(ok({ type: 'save', format: 'json', suggestedName: 'weights.json', data: '{}' }).type, 'save');
});

test('rejects malformed messages with a reason that names the problem', () => {
  rejected(null, /not an object/);
  rejected([1, 2], /not an object/);
  rejected('ready', /not an object/);
  rejected({ type: 'launchMissiles' }, /unknown message type "launchMissiles"/);
  rejected({ type: 'ready', protocolVersion: '2' }, /protocolVersion/);
  rejected({ type: 'step', count: 0 }, /step.count/);
  rejected({ type: 'step', count: 1e9 }, /step.count/);
  rejected({ type: 'step', count: 1.5 }, /step.count/);
  rejected({ type: 'setSpeed', stepsPerSecond: -1 }, /setSpeed/);
  rejected({ type: 'start', paused: false, runs: [] }, /start.runs/);
  const config = network({ weightInit: { kind: 'zeros' } });
  rejected({ type: 'start', paused: false, runs: Array.from({ length: MAX_PANEL_RUNS + 1 }, () => ({ label: 'x', config })) }, /start.runs/);
  rejected({ type: 'start', paused: false, runs: [{ label: 'x', config: 'zeros' }] }, /runs\[0\]/);
  rejected({ type: 'start', paused: 'no', runs: [{ label: 'x', config }] }, /paused/);
  rejected({ type: 'save', format: 'exe', suggestedName: 'a', data: '' }, /format/);
  rejected({ type: 'save', format: 'json', suggestedName: '../../etc/passwd', data: '{}' }, /file name/);
  rejected({ type: 'save', format: 'png', suggestedName: 'a.png', data: 'data:text/html,<script>' }, /PNG data URL/);
});

test('never throws, whatever arrives', () => {
  const weird: unknown[] = [undefined, 0, NaN, Symbol.iterator, () => 1, { type: { toString: null } }, { type: 'start', runs: { length: 1 } },
    Object.create(null), { type: 'reportError', message: 'x'.repeat(1e6) }];
  for (const w of weird) assert.doesNotThrow(() => parseFromPanel(w));
  const r = parseFromPanel({ type: 'reportError', message: 'x'.repeat(1e6) });
  assert.ok(r.ok && r.message.type === 'reportError' && r.message.message.length <= 2000, 'long error text is cut');
});

test('the open command accepts a preset id or an analyzer request, and nothing else', () => {
  assert.deepEqual(parsePanelRequest(undefined), { ok: true, message: undefined });
  assert.deepEqual(parsePanelRequest('constant05'), { ok: true, message: { presetId: 'constant05' } });
  assert.deepEqual(parsePanelRequest({ kind: 'constant', value: 0.5, layerSizes: [784, 128], activation: 'relu', extra: 1 }),
    { ok: true, message: { visualize: { kind: 'constant', value: 0.5, layerSizes: [784, 128], activation: 'relu' } } });
  for (const bad of ['../x', { kind: 'rm -rf' , activation: 'relu' }, { kind: 'zeros', activation: 'swish' }, { kind: 'zeros', activation: 'relu', value: 'NaN' },
    { kind: 'zeros', activation: 'relu', layerSizes: [1, 2, 3] }, { kind: 'zeros', activation: 'relu', layerSizes: [-1, 2] }, 42, [1]]) {
    assert.equal(parsePanelRequest(bad).ok, false, JSON.stringify(bad));
  }
});
