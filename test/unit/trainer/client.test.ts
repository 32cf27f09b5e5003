import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TrainerClient } from '../../../src/host/training/trainerClient';
import type { RunSnapshot, RunStatus } from '../../../src/shared/trainerProtocol';
import { dense, xorConfig } from './helpers';
import { buildWorkerBundle } from '../helpers/workerBundle';

let workerScript = '';
let cleanup = () => undefined as void;

before(async () => {
  ({ workerScript, cleanup } = await buildWorkerBundle());
});

after(() => cleanup());

const small = () => xorConfig([dense(8, 'tanh', { kind: 'xavierNormal' }), dense(1, 'sigmoid', { kind: 'xavierNormal' })]);

/** Resolves with the first event of `subscribe` that satisfies `pred`, or rejects after `ms`. */
function next<T>(subscribe: (l: (e: T) => void) => { dispose(): void }, pred: (e: T) => boolean = () => true, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error('timed out waiting for an event')); }, ms);
    const sub = subscribe((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a run trains flat out and streams snapshots (capped) and metrics', async () => {
  const client = new TrainerClient(workerScript);
  try {
    const snaps: RunSnapshot[] = [];
    client.onSnapshot((s) => snaps.push(s));
    const id = client.start(small());
    const m = await next(client.onMetrics, (e) => e.runId === id && e.metrics.step > 100);
    assert.equal(m.state, 'running');
    assert.ok(m.stepsPerSecond > 0);
    const t0 = snaps.length;
    await sleep(1000);
    const perSecond = snaps.length - t0;
    assert.ok(perSecond >= 1 && perSecond <= 36, `${perSecond} snapshots in 1 s (capped at 30/s)`);
    const s = snaps[snaps.length - 1];
    assert.deepEqual(s.layers.map((l) => [l.rows, l.cols]), [[8, 2], [1, 8]]);
    assert.ok(s.layers[0].weights instanceof Float32Array);
    assert.ok(s.step > 5 * snaps.length, `step ${s.step} after ${snaps.length} snapshots: training runs faster than the display rate`);
  } finally {
    client.dispose();
  }
});

test('pause stops training; step(n) advances exactly n steps; reset goes back to 0', async () => {
  const client = new TrainerClient(workerScript);
  try {
    const id = client.start(small(), { paused: true });
    const first = await next(client.onSnapshot, (s) => s.runId === id);
    assert.equal(first.step, 0);
    const late: number[] = [];
    client.step(id, 7);
    assert.equal((await next(client.onSnapshot, (s) => s.runId === id && s.step >= 7)).step, 7);
    const sub = client.onSnapshot((s) => late.push(s.step));
    await sleep(200);
    sub.dispose();
    assert.deepEqual(late, [], 'no steps beyond the requested ones');
    client.resume(id);
    await next(client.onSnapshot, (s) => s.step > 200);
    client.pause(id);
    const paused = await next(client.onStatus, (s: RunStatus) => s.state === 'paused');
    await sleep(200);
    client.step(id, 3);
    assert.equal((await next(client.onSnapshot, (s) => s.step > paused.step)).step, paused.step + 3);
    client.reset(id);
    assert.equal((await next(client.onSnapshot, (s) => s.step === 0)).step, 0);
  } finally {
    client.dispose();
  }
});

test('the speed reported after a resume counts from the resume, not from before the pause', async () => {
  const client = new TrainerClient(workerScript);
  try {
    const id = client.start(small());
    const before = await next(client.onMetrics, (e) => e.runId === id && e.metrics.step > 2000);
    client.pause(id);
    await next(client.onStatus, (s: RunStatus) => s.runId === id && s.state === 'paused');
    await sleep(1500);
    client.resume(id);
    const after = await next(client.onMetrics, (e) => e.runId === id && e.state === 'running');
    assert.ok(after.stepsPerSecond > before.stepsPerSecond / 10, `after the resume ${after.stepsPerSecond.toFixed(0)} steps/s, before the pause ${before.stepsPerSecond.toFixed(0)}`);
  } finally {
    client.dispose();
  }
});

test('a bad config comes back as an error naming the field, without killing the worker', async () => {
  const client = new TrainerClient(workerScript);
  try {
    const crashes: unknown[] = [];
    client.onCrash((c) => crashes.push(c));
    const bad = small();
    bad.optimizer = { kind: 'sgd', lr: -1 };
    client.start(bad);
    const e = await next(client.onError);
    assert.equal(e.field, 'optimizer.lr');
    assert.deepEqual(client.runIds, [], 'a run that never started is forgotten');
    const id = client.start(small(), { paused: true });
    assert.equal((await next(client.onSnapshot, (s) => s.runId === id)).step, 0);
    assert.equal(crashes.length, 0);
  } finally {
    client.dispose();
  }
});

test('lockstep runs see the same data order and stay at equal steps', async () => {
  const client = new TrainerClient(workerScript);
  try {
    const constant = xorConfig([dense(8, 'tanh', { kind: 'constant', value: 0.5 }), dense(1, 'sigmoid', { kind: 'constant', value: 0.5 })]);
    const random = { ...small(), dataSeed: 12345, seed: 3 };
    const statuses: RunStatus[] = [];
    client.onStatus((s) => statuses.push(s));
    const [a, b] = client.startLockstep([constant, random]);
    await next(client.onSnapshot, (s) => s.runId === b && s.step > 500);
    const metricsA = next(client.onMetrics, (e) => e.runId === a && e.state === 'paused');
    client.pause(a);
    await next(client.onStatus, (s) => s.runId === b && s.state === 'paused');
    const pa = statuses.filter((s) => s.runId === a && s.state === 'paused').pop();
    const pb = statuses.filter((s) => s.runId === b && s.state === 'paused').pop();
    assert.ok(pa && pb && pa.step === pb.step && pa.step > 0, JSON.stringify([pa, pb]));
    const m = await metricsA;
    assert.equal(m.metrics.layers[0].symmetry.distinctUnits, 1, 'the constant run stays symmetric');
  } finally {
    client.dispose();
  }
});

test('a crashed worker is restarted, the crash reported and the runs started again', async () => {
  const client = new TrainerClient(workerScript, { resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 } });
  try {
    const id = client.start(small());
    await next(client.onSnapshot, (s) => s.step > 100);
    const worker = (client as unknown as { worker: import('node:worker_threads').Worker }).worker;
    assert.equal(worker.resourceLimits?.maxOldGenerationSizeMb, 96);
    const crash = next(client.onCrash);
    await worker.terminate();
    const report = await crash;
    assert.deepEqual(report.restartedRuns, [id]);
    assert.equal(report.gaveUp, false);
    assert.equal((await next(client.onSnapshot, (s) => s.runId === id)).step, 0, 'restarted from step 0');
    assert.ok((await next(client.onSnapshot, (s) => s.runId === id && s.step > 50)).step > 50, 'and training again');
  } finally {
    client.dispose();
  }
});

test('a worker that keeps crashing is given up after the restart budget', async () => {
  const broken = join(dirname(workerScript), 'broken.js');
  writeFileSync(broken, "throw new Error('boom');\n");
  const client = new TrainerClient(broken, { maxRestarts: 2 });
  try {
    const reports: { gaveUp: boolean; reason: string }[] = [];
    const gaveUp = next(client.onCrash, (c) => c.gaveUp);
    client.onCrash((c) => reports.push(c));
    client.start(small());
    await gaveUp;
    assert.equal(reports.length, 3);
    assert.match(reports[0].reason, /boom/);
  } finally {
    client.dispose();
  }
});

test('dispose terminates the worker and the client refuses further work', async () => {
  const client = new TrainerClient(workerScript);
  client.start(small());
  await next(client.onSnapshot);
  const worker = (client as unknown as { worker: import('node:worker_threads').Worker }).worker;
  const exited = new Promise<number>((r) => worker.once('exit', r));
  client.dispose();
  await exited;
  assert.throws(() => client.start(small()), /disposed/);
});

test('updateConfig restarts a run; inside a lockstep group the data order must stay equal', async () => {
  const client = new TrainerClient(workerScript);
  try {
    const [a, b] = client.startLockstep([small(), small()], { paused: true });
    await next(client.onSnapshot, (s) => s.runId === b);
    client.step(a, 5);
    await next(client.onSnapshot, (s) => s.runId === b && s.step === 5);
    client.updateConfig(a, { ...small(), dataSeed: 999 });
    const e = await next(client.onError);
    assert.equal(e.field, 'dataSeed');
    client.updateConfig(a, { ...small(), seed: 42 });
    const restarted = await Promise.all([next(client.onStatus, (s) => s.runId === a && s.step === 0), next(client.onStatus, (s) => s.runId === b && s.step === 0)]);
    assert.deepEqual(restarted.map((s) => s.state), ['paused', 'paused']);
  } finally {
    client.dispose();
  }
});

test('divergence reaches the host with its step', async () => {
  const client = new TrainerClient(workerScript);
  try {
    const diverged = next(client.onDiverged);
    const status = next(client.onStatus, (s) => s.state === 'diverged');
    const id = client.start({
      dataset: { name: 'regression', samples: 200, noise: 0.1, testFraction: 0.2 },
      layers: [dense(16, 'relu', { kind: 'kaimingNormal' }), dense(1, 'linear', { kind: 'kaimingNormal' })],
      loss: 'mse', optimizer: { kind: 'sgd', lr: 50 }, batchSize: 16, seed: 1, dataSeed: 1,
    });
    const [d, st] = await Promise.all([diverged, status]);
    assert.equal(d.runId, id);
    assert.ok(d.step > 0);
    assert.equal(st.step, d.step);
  } finally {
    client.dispose();
  }
});
