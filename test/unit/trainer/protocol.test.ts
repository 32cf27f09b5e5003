import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS_RATE, SNAPSHOT_RATE, TRAINER_PROTOCOL_VERSION, parseFromWorker, parseToWorker } from '../../../src/shared/trainerProtocol';
import { Trainer } from '../../../src/core/trainer/index';
import { dense, xorConfig } from './helpers';

const config = xorConfig([dense(3, 'tanh', { kind: 'xavierNormal' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]);

test('parseToWorker accepts every control message and clamps rates', () => {
  for (const m of [
    { type: 'start', runId: 'a', config, group: 'g', paused: true, rates: { snapshotsPerSecond: 1000 } },
    { type: 'pause', runId: 'a' }, { type: 'resume', runId: 'a' }, { type: 'step', runId: 'a', count: 3 },
    { type: 'reset', runId: 'a' }, { type: 'updateConfig', runId: 'a', config }, { type: 'stop', runId: 'a' },
    { type: 'setRates', runId: 'a', rates: { metricsPerSecond: 2 } },
  ]) {
    const p = parseToWorker(m);
    assert.ok(p.ok, JSON.stringify(p));
  }
  const p = parseToWorker({ type: 'start', runId: 'a', config, rates: { snapshotsPerSecond: 1000, metricsPerSecond: 1000 } });
  assert.ok(p.ok && p.message.type === 'start');
  assert.deepEqual(p.ok && p.message.type === 'start' && p.message.rates, { snapshotsPerSecond: SNAPSHOT_RATE.max, metricsPerSecond: METRICS_RATE.max });
});

test('parseToWorker rejects malformed messages with a reason', () => {
  for (const [m, why] of [
    [null, 'not an object'], [[], 'not an object'], [{ type: 'start', runId: 'a' }, 'start.config'],
    [{ type: 'pause' }, 'runId'], [{ type: 'step', runId: 'a', count: 0 }, 'step.count'], [{ type: 'step', runId: 'a', count: 1.5 }, 'step.count'],
    [{ type: 'launch', runId: 'a' }, 'unknown message type'], [{ type: 'start', runId: 'a', config, rates: { snapshotsPerSecond: -1 } }, 'snapshotsPerSecond'],
    [{ type: 'pause', runId: 'x'.repeat(500) }, 'runId'],
  ] as const) {
    const p = parseToWorker(m);
    assert.ok(!p.ok && p.error.includes(why), `${JSON.stringify(m)?.slice(0, 80)} -> ${JSON.stringify(p)}`);
  }
});

test('parseFromWorker accepts what the worker sends', () => {
  const t = new Trainer(config);
  const msgs = [
    { type: 'ready', protocolVersion: TRAINER_PROTOCOL_VERSION },
    { type: 'snapshot', runId: 'a', step: 0, layers: t.snapshot() },
    { type: 'metrics', runId: 'a', state: 'running', stepsPerSecond: 10, metrics: t.metrics() },
    { type: 'status', runId: 'a', state: 'paused', step: 3 },
    { type: 'diverged', runId: 'a', step: 7 },
    { type: 'error', runId: null, message: 'x', field: 'optimizer.lr' },
  ];
  for (const m of msgs) assert.ok(parseFromWorker(structuredClone(m)).ok, m.type);
});

test('parseFromWorker rejects wrong shapes and types', () => {
  const t = new Trainer(config);
  const layers = t.snapshot();
  const bad = [
    { type: 'snapshot', runId: 'a', step: 0, layers: [{ ...layers[0], rows: 4 }] },
    { type: 'snapshot', runId: 'a', step: 0, layers: [{ ...layers[0], weights: Array.from(layers[0].weights) }] },
    { type: 'snapshot', runId: 'a', step: -1, layers },
    { type: 'metrics', runId: 'a', state: 'flying', stepsPerSecond: 1, metrics: t.metrics() },
    { type: 'metrics', runId: 'a', state: 'running', stepsPerSecond: 1, metrics: { ...t.metrics(), layers: [{}] } },
    { type: 'status', runId: 'a', state: 'running' },
    { type: 'error', runId: 5, message: 'x' },
    { type: 'hello' },
    'ready',
  ];
  for (const m of bad) assert.ok(!parseFromWorker(m).ok, JSON.stringify(m).slice(0, 100));
});
