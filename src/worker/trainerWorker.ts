// worker_threads entry of the trainer: glue between the message port and core/trainer.
// Training runs flat out in slices of about SLICE_MS; between slices the event loop handles control
// messages. Snapshots (transferred Float32Arrays) and metrics are sent at capped rates, always of the
// latest state, so nothing queues up when the host is slow.
import { parentPort } from 'node:worker_threads';
import { ConfigError, Trainer, type TrainConfig } from '../core/trainer/index';
import {
  METRICS_RATE, SNAPSHOT_RATE, TRAINER_PROTOCOL_VERSION, parseToWorker,
  type FromWorkerMessage, type RunState, type StreamRates, type ToWorkerMessage,
} from '../shared/trainerProtocol';

/** Time spent stepping before yielding to the event loop. */
const SLICE_MS = 8;

/** Metrics may take at most this share of the worker's time; the metrics rate drops below its target otherwise. */
const METRICS_TIME_SHARE = 0.1;

interface Run {
  id: string;
  group: string;
  config: TrainConfig;
  trainer: Trainer;
  state: RunState;
  /** Steps still owed to a `step` request while paused. */
  pendingSteps: number;
  rates: StreamRates;
  lastSnapshotAt: number;
  lastMetricsAt: number;
  metricsCost: number;
  speedSince: { time: number; step: number };
  /** Step of the last snapshot, to skip sending unchanged weights. */
  snapshotStep: number;
}

/** Sends to the host, transferring the given buffers. */
function send(message: FromWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

/** All runs of this worker and the scheduling loop that steps them. */
class Scheduler {
  private readonly runs = new Map<string, Run>();
  private scheduled = false;

  /** Handles one validated message. */
  handle(m: ToWorkerMessage): void {
    if (m.type === 'start') {
      this.start(m.runId, m.config, m.group ?? m.runId, m.paused === true, m.rates ?? {});
      return;
    }
    const run = this.runs.get(m.runId);
    if (!run) {
      send({ type: 'error', runId: m.runId, message: `no run ${m.runId}` });
      return;
    }
    switch (m.type) {
      case 'pause':
        for (const r of this.members(run)) {
          if (r.state !== 'running') continue;
          this.setState(r, 'paused');
          this.publish(r, true);
        }
        break;
      case 'resume': this.members(run).forEach((r) => { if (r.state === 'paused') this.setState(r, 'running'); }); break;
      case 'step': this.members(run).forEach((r) => { if (r.state === 'paused') r.pendingSteps += m.count; }); break;
      case 'reset': this.members(run).forEach((r) => this.rebuild(r, r.config, 'paused')); break;
      case 'updateConfig': this.updateConfig(run, m.config); break;
      case 'setRates': run.rates = { ...run.rates, ...m.rates }; break;
      case 'stop':
        this.runs.delete(run.id);
        send({ type: 'status', runId: run.id, state: 'stopped', step: run.trainer.step });
        break;
    }
    this.schedule();
  }

  /** Runs of the same lockstep group as `run` (itself included). */
  private members(run: Run): Run[] {
    return [...this.runs.values()].filter((r) => r.group === run.group);
  }

  private start(id: string, config: TrainConfig, group: string, paused: boolean, rates: Partial<StreamRates>): void {
    const trainer = this.createTrainer(id, config);
    if (!trainer) return;
    const peer = [...this.runs.values()].find((r) => r.group === group && r.id !== id);
    if (peer && !sameDataOrder(peer.config, trainer.config)) {
      send({ type: 'error', runId: id, message: `run ${id} cannot join lockstep group ${group}: dataset, dataSeed and batchSize must match`, field: 'dataSeed' });
      return;
    }
    const now = performance.now();
    const run: Run = {
      id, group, config: trainer.config, trainer, state: paused ? 'paused' : 'running', pendingSteps: 0,
      rates: { snapshotsPerSecond: SNAPSHOT_RATE.default, metricsPerSecond: METRICS_RATE.default, ...rates },
      lastSnapshotAt: -Infinity, lastMetricsAt: -Infinity, metricsCost: 0, speedSince: { time: now, step: 0 }, snapshotStep: -1,
    };
    this.runs.set(id, run);
    send({ type: 'status', runId: id, state: run.state, step: 0 });
    this.publish(run, true);
    if (peer) {
      // Joining a group restarts every member from step 0 so that all of them see the same batches.
      for (const r of this.members(run)) if (r !== run) this.rebuild(r, r.config, run.state);
    }
    this.schedule();
  }

  /** Restarts a run with a new config; inside a lockstep group the data order must still match and every member restarts. */
  private updateConfig(run: Run, config: TrainConfig): void {
    const state = run.state === 'running' ? 'running' : 'paused';
    const peers = this.members(run).filter((r) => r !== run);
    const trainer = this.createTrainer(run.id, config);
    if (!trainer) return;
    if (peers.length > 0 && !sameDataOrder(peers[0].config, trainer.config)) {
      send({ type: 'error', runId: run.id, message: `run ${run.id} is in lockstep group ${run.group}: dataset, dataSeed and batchSize must stay equal`, field: 'dataSeed' });
      return;
    }
    this.rebuild(run, config, state);
    for (const r of peers) this.rebuild(r, r.config, state);
  }

  /** Builds a Trainer, reporting a config error (with its field) instead of throwing. */
  private createTrainer(id: string, config: unknown): Trainer | null {
    try {
      return new Trainer(config);
    } catch (e) {
      if (e instanceof ConfigError) send({ type: 'error', runId: id, message: e.message, field: e.field });
      else send({ type: 'error', runId: id, message: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  private rebuild(run: Run, config: TrainConfig, state: RunState): void {
    const trainer = this.createTrainer(run.id, config);
    if (!trainer) return;
    run.trainer = trainer;
    run.config = trainer.config;
    run.pendingSteps = 0;
    run.speedSince = { time: performance.now(), step: 0 };
    run.state = state;
    send({ type: 'status', runId: run.id, state, step: 0 });
    this.publish(run, true);
  }

  private setState(run: Run, state: RunState): void {
    if (run.state === state) return;
    run.state = state;
    if (state !== 'paused') run.pendingSteps = 0;
    // The speed counts from the resume: time spent paused is not time spent training.
    if (state === 'running') run.speedSince = { time: performance.now(), step: run.trainer.step };
    send({ type: 'status', runId: run.id, state, step: run.trainer.step });
  }

  private schedule(): void {
    if (this.scheduled) return;
    const busy = [...this.runs.values()].some((r) => r.state === 'running' || r.pendingSteps > 0);
    if (!busy) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.slice();
      this.schedule();
    });
  }

  /** Steps every active group for about SLICE_MS (groups in lockstep: one step of each member at a time). */
  private slice(): void {
    const groups = new Map<string, Run[]>();
    for (const r of this.runs.values()) {
      if (r.state !== 'running' && r.pendingSteps === 0) continue;
      const g = groups.get(r.group);
      if (g) g.push(r); else groups.set(r.group, [r]);
    }
    const deadline = performance.now() + SLICE_MS;
    const active = [...groups.values()];
    let progress = true;
    while (progress && performance.now() < deadline) {
      progress = false;
      for (const members of active) {
        for (const r of members) {
          if (r.state !== 'running' && r.pendingSteps === 0) continue;
          if (!r.trainer.trainStep()) {
            r.state = 'diverged';
            r.pendingSteps = 0;
            send({ type: 'diverged', runId: r.id, step: r.trainer.divergedAt ?? r.trainer.step });
            send({ type: 'status', runId: r.id, state: 'diverged', step: r.trainer.step });
            this.publish(r, true);
            continue;
          }
          progress = true;
          if (r.pendingSteps > 0 && --r.pendingSteps === 0) this.publish(r, true);
        }
      }
    }
    for (const members of active) for (const r of members) this.publish(r, false);
  }

  /** Sends a snapshot and metrics when their intervals have passed (or now, when forced). */
  private publish(run: Run, force: boolean): void {
    if (!this.runs.has(run.id)) return;
    const now = performance.now();
    const t = run.trainer;
    if ((force || now - run.lastSnapshotAt >= 1000 / run.rates.snapshotsPerSecond) && (force || run.snapshotStep !== t.step)) {
      run.lastSnapshotAt = now;
      run.snapshotStep = t.step;
      const layers = t.snapshot();
      send({ type: 'snapshot', runId: run.id, step: t.step, layers }, layers.flatMap((l) => [l.weights.buffer as ArrayBuffer, l.biases.buffer as ArrayBuffer]));
    }
    const interval = Math.max(1000 / run.rates.metricsPerSecond, run.metricsCost / METRICS_TIME_SHARE);
    if (force || now - run.lastMetricsAt >= interval) {
      const metrics = t.metrics();
      const after = performance.now();
      run.metricsCost = after - now;
      run.lastMetricsAt = after;
      const seconds = (after - run.speedSince.time) / 1000;
      const stepsPerSecond = seconds > 0 ? (t.step - run.speedSince.step) / seconds : 0;
      run.speedSince = { time: after, step: t.step };
      send({ type: 'metrics', runId: run.id, state: run.state, stepsPerSecond, metrics });
    }
  }
}

/** Lockstep needs the same data, the same batches and the same order. */
function sameDataOrder(a: TrainConfig, b: TrainConfig): boolean {
  return a.dataSeed === b.dataSeed && a.batchSize === b.batchSize && JSON.stringify(a.dataset) === JSON.stringify(b.dataset);
}

if (parentPort) {
  const scheduler = new Scheduler();
  parentPort.on('message', (raw: unknown) => {
    const parsed = parseToWorker(raw);
    if (!parsed.ok) {
      send({ type: 'error', runId: null, message: parsed.error });
      return;
    }
    scheduler.handle(parsed.message);
  });
  send({ type: 'ready', protocolVersion: TRAINER_PROTOCOL_VERSION });
}
