import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SNAPSHOT_BYTES_PER_SECOND, TrainingSession, snapshotBytes } from '../../../src/host/training/trainingSession';
import { TrainerClient } from '../../../src/host/training/trainerClient';
import type { PanelMetrics, PanelWorkerCrashed, ToPanelMessage } from '../../../src/shared/panelProtocol';
import { presetById } from '../../../src/shared/presets';
import { buildWorkerBundle } from '../helpers/workerBundle';

let bundle: Awaited<ReturnType<typeof buildWorkerBundle>>;
before(async () => { bundle = await buildWorkerBundle(); });
after(() => bundle.cleanup());

/** A panel stand-in that records every message and takes deliveries at once. */
function recorder() {
  const messages: ToPanelMessage[] = [];
  const waiters: Array<{ pred: (m: ToPanelMessage) => boolean; resolve: (m: ToPanelMessage) => void }> = [];
  const post = (m: ToPanelMessage) => {
    messages.push(m);
    for (const w of [...waiters]) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
    return Promise.resolve(true);
  };
  const next = <T extends ToPanelMessage>(pred: (m: ToPanelMessage) => m is T, ms = 15_000): Promise<T> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for a panel message')), ms);
    waiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m as T); } });
  });
  return { messages, post, next };
}

const silent = { warn: () => undefined, error: () => undefined };
const isMetrics = (run: number, minStep = 0) => (m: ToPanelMessage): m is PanelMetrics => m.type === 'metrics' && m.run === run && m.metrics.step >= minStep;

test('a constant preset trains and reports 1 distinct unit per hidden layer; He normal keeps all 16', async () => {
  const client = new TrainerClient(bundle.workerScript);
  const panel = recorder();
  const training = new TrainingSession(client, silent);
  training.attach(panel.post);
  try {
    training.handle({ type: 'start', runs: presetById('compare')!.runs(), paused: false });
    const [constant, he] = await Promise.all([panel.next(isMetrics(0, 300)), panel.next(isMetrics(1, 300))]);
    assert.deepEqual(constant.metrics.layers.slice(0, -1).map((l) => l.symmetry.distinctUnits), [1, 1]);
    assert.deepEqual(he.metrics.layers.slice(0, -1).map((l) => l.symmetry.distinctUnits), [16, 16]);
    const snapshot = panel.messages.find((m) => m.type === 'snapshot' && m.run === 0);
    assert.ok(snapshot && snapshot.type === 'snapshot');
    assert.deepEqual(snapshot.layers.map((l) => [l.rows, l.cols]), [[16, 2], [16, 16], [1, 16]]);
    assert.ok(training.active?.playing);
  } finally {
    training.dispose();
    client.dispose();
  }
});

test('pause stops both runs in lockstep; step advances them by exactly that many steps', async () => {
  const client = new TrainerClient(bundle.workerScript);
  const panel = recorder();
  const training = new TrainingSession(client, silent);
  training.attach(panel.post);
  try {
    training.handle({ type: 'start', runs: presetById('seeds')!.runs(), paused: true });
    await panel.next((m): m is ToPanelMessage => m.type === 'status' && m.state === 'paused');
    training.handle({ type: 'step', count: 7 });
    const [a, b] = await Promise.all([panel.next(isMetrics(0, 7)), panel.next(isMetrics(1, 7))]);
    assert.equal(a.metrics.step, 7);
    assert.equal(b.metrics.step, 7);
    training.handle({ type: 'step', count: 3 });
    const a2 = await panel.next(isMetrics(0, 10));
    assert.equal(a2.metrics.step, 10);
  } finally {
    training.dispose();
    client.dispose();
  }
});

test('a speed limit trains at about that many steps per second', async () => {
  const client = new TrainerClient(bundle.workerScript);
  const panel = recorder();
  const training = new TrainingSession(client, silent);
  training.attach(panel.post);
  try {
    training.handle({ type: 'setSpeed', stepsPerSecond: 40 });
    training.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: false });
    await new Promise((r) => setTimeout(r, 2000));
    training.handle({ type: 'pause' });
    await new Promise((r) => setTimeout(r, 300));
    const steps = Math.max(...panel.messages.filter((m): m is PanelMetrics => m.type === 'metrics').map((m) => m.metrics.step));
    assert.ok(steps >= 40 && steps <= 100, `${steps} steps in ~2 s at 40 steps/s`);
  } finally {
    training.dispose();
    client.dispose();
  }
});

test('a bad config is refused before anything starts, naming the field', () => {
  const client = new TrainerClient(bundle.workerScript);
  const panel = recorder();
  const training = new TrainingSession(client, silent);
  training.attach(panel.post);
  try {
    const [spec] = presetById('heNormal')!.runs();
    const bad = { ...spec, config: { ...spec.config, optimizer: { kind: 'sgd' as const, lr: -1 } } };
    training.handle({ type: 'start', runs: [bad], paused: false });
    const error = panel.messages.find((m) => m.type === 'error');
    assert.ok(error && error.type === 'error');
    assert.equal(error.field, 'optimizer.lr');
    assert.equal(client.runIds.length, 0, 'no run was started');
    assert.equal(training.active, undefined);
  } finally {
    training.dispose();
    client.dispose();
  }
});

test('two views watch the same runs; a hidden one gets no snapshots; changes are announced', async () => {
  const client = new TrainerClient(bundle.workerScript);
  const panel = recorder();
  const side = recorder();
  const session = new TrainingSession(client, silent);
  const changes: string[] = [];
  session.onDidChange((c) => changes.push(c.kind));
  try {
    session.attach(panel.post);
    const sideViewer = session.attach(side.post);
    sideViewer.setVisible(false);
    session.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: false });
    await panel.next(isMetrics(0, 50));
    assert.equal(side.messages.filter((m) => m.type === 'snapshot' || m.type === 'metrics').length, 0, 'the hidden view got no bulk data');
    sideViewer.setVisible(true);
    await side.next(isMetrics(0, 1));
    assert.ok(session.runs[0].metrics && session.runs[0].step > 0);
    session.handle({ type: 'start', runs: presetById('zeros')!.runs(), paused: true });
    assert.deepEqual(changes.filter((c) => c !== 'updated'), ['started', 'ended', 'started']);
    sideViewer.dispose();
    const before = side.messages.length;
    session.handle({ type: 'resume' });
    await panel.next(isMetrics(0, 20));
    assert.equal(side.messages.length, before, 'a detached view receives nothing');
  } finally {
    session.dispose();
    client.dispose();
  }
});

test('after a worker crash the session tells its views and keeps playing runs playing (also in lockstep)', async () => {
  const client = new TrainerClient(bundle.workerScript);
  const panel = recorder();
  const session = new TrainingSession(client, silent);
  session.attach(panel.post);
  try {
    session.handle({ type: 'start', runs: presetById('compare')!.runs(), paused: false });
    await panel.next(isMetrics(0, 50));
    const worker = (client as unknown as { worker: import('node:worker_threads').Worker }).worker;
    const crashed = panel.next((m): m is ToPanelMessage => m.type === 'workerCrashed');
    await worker.terminate();
    const crash = (await crashed) as PanelWorkerCrashed;
    assert.equal(crash.restarted, true, 'within the restart budget the host restarts the runs');
    assert.match(crash.reason, /exited with code/);
    const restartedAt = panel.messages.length;
    // Restarted from step 0, then training again without anyone pressing play.
    const [a, b] = await Promise.all([panel.next(isMetrics(0, 50)), panel.next(isMetrics(1, 50))]);
    assert.ok(a.metrics.step >= 50 && b.metrics.step >= 50);
    assert.ok(panel.messages.slice(restartedAt).some((m) => m.type === 'status' && m.step === 0), 'the restart is visible as step 0');
    assert.equal(session.isPlaying, true);
  } finally {
    session.dispose();
    client.dispose();
  }
});

test('a worker that crashes beyond the restart budget: the session says it did not restart, stops the runs and plays nothing', async () => {
  const client = new TrainerClient(bundle.workerScript, { maxRestarts: 0 });
  const panel = recorder();
  const session = new TrainingSession(client, silent);
  session.attach(panel.post);
  try {
    session.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: false });
    await panel.next(isMetrics(0, 20));
    const worker = (client as unknown as { worker: import('node:worker_threads').Worker }).worker;
    const crashed = panel.next((m): m is PanelWorkerCrashed => m.type === 'workerCrashed');
    await worker.terminate();
    const crash = await crashed;
    assert.equal(crash.restarted, false);
    assert.match(crash.reason, /exited with code/);
    assert.equal(session.isPlaying, false);
    assert.equal(session.active, undefined, 'no runs are left to show');
  } finally {
    session.dispose();
    client.dispose();
  }
});

test('a speed-limited run is shown as running although the worker holds it between steps', async () => {
  const client = new TrainerClient(bundle.workerScript);
  const panel = recorder();
  const session = new TrainingSession(client, silent);
  session.attach(panel.post);
  try {
    session.handle({ type: 'setSpeed', stepsPerSecond: 100 });
    session.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: false });
    const m = await panel.next(isMetrics(0, 5));
    assert.equal(m.state, 'running');
    assert.equal(session.runs[0].state, 'running');
    const before = panel.messages.length;
    session.handle({ type: 'pause' });
    assert.ok(panel.messages.slice(before).some((x) => x.type === 'status' && x.state === 'paused'), 'pausing is announced at once');
    assert.equal(session.runs[0].state, 'paused');
  } finally {
    session.dispose();
    client.dispose();
  }
});

test('the snapshot byte budget: the default comparison is never held back, 784-256x5-10 gets about two snapshots a second', () => {
  const layer = (rows: number, cols: number) => ({ rows, cols, weights: new Float32Array(rows * cols), biases: new Float32Array(rows) });
  const small = snapshotBytes({ type: 'snapshot', run: 0, step: 1, layers: [layer(16, 2), layer(16, 16), layer(1, 16)] });
  assert.equal(small, (32 + 16 + 256 + 16 + 16 + 1) * 4);
  assert.ok(SNAPSHOT_BYTES_PER_SECOND / small > 1000, 'far above the 30 snapshots a second the trainer sends');
  const big = snapshotBytes({ type: 'snapshot', run: 0, step: 1, layers: [layer(256, 784), ...[1, 2, 3, 4].map(() => layer(256, 256)), layer(10, 256)] });
  assert.equal(big, (256 * 784 + 4 * 256 * 256 + 10 * 256 + 5 * 256 + 10) * 4);
  const perSecond = SNAPSHOT_BYTES_PER_SECOND / big;
  assert.ok(perSecond >= 2 && perSecond < 3, `${perSecond} snapshots a second`);
});
