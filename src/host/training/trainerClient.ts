// Host side of the trainer: owns the worker thread, validates everything it says, and restarts it
// after a crash. Deliberately free of 'vscode' so that it runs in plain node tests.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TrainConfig } from '../../core/trainer/index';
import {
  TRAINER_PROTOCOL_VERSION, parseFromWorker,
  type FromWorkerMessage, type RunDiverged, type RunMetrics, type RunSnapshot, type RunStatus, type StreamRates,
  type ToWorkerMessage, type WorkerError,
} from '../../shared/trainerProtocol';
import { Emitter, type DisposableLike } from '../../shared/emitter';

/** Something to dispose; matches vscode.Disposable so owners can push it into their subscriptions. */
export type TrainerDisposable = DisposableLike;

/** What a crash report says: how the worker ended, which runs were restarted, and whether it gave up. */
export interface WorkerCrash {
  reason: string;
  restartedRuns: string[];
  /** True when the restart budget is spent: the runs are dropped and the next start() tries again. */
  gaveUp: boolean;
}

/** Options of a TrainerClient. */
export interface TrainerClientOptions {
  /** Heap limits of the worker (typed-array storage is bounded separately by the config LIMITS). */
  resourceLimits?: ResourceLimits;
  /** Crashes tolerated within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
}

/** Options of one run. */
export interface RunOptions {
  paused?: boolean;
  rates?: Partial<StreamRates>;
}

/** Default heap limits of the worker. */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };

/** What the client remembers of a run so it can restart it after a crash. */
interface RunRecord {
  config: TrainConfig;
  group: string | undefined;
  options: RunOptions;
  /** The worker has confirmed the run (a status arrived); until then a config error drops the record. */
  started: boolean;
  /** A config sent by updateConfig, adopted once the worker confirms the restart. */
  pendingConfig: TrainConfig | null;
}

/**
 * Trains runs in one worker thread. The worker is started lazily by the first start() and terminated
 * by dispose(). Lockstep: startLockstep() gives every run the first run's dataSeed (hence the same data
 * and minibatch order) and puts them in one group of the same worker, which steps the members one step
 * each in turn and applies pause/resume/step/reset to the whole group, so their step counts stay equal.
 */
export class TrainerClient implements TrainerDisposable {
  private worker: Worker | null = null;
  private ready = false;
  private queue: ToWorkerMessage[] = [];
  private readonly runs = new Map<string, RunRecord>();
  private crashTimes: number[] = [];
  private disposed = false;
  private nextId = 1;
  private readonly options: Required<TrainerClientOptions>;

  private readonly snapshotEmitter = new Emitter<RunSnapshot>(logListenerError);
  private readonly metricsEmitter = new Emitter<RunMetrics>(logListenerError);
  private readonly statusEmitter = new Emitter<RunStatus>(logListenerError);
  private readonly divergedEmitter = new Emitter<RunDiverged>(logListenerError);
  private readonly errorEmitter = new Emitter<WorkerError>(logListenerError);
  private readonly crashEmitter = new Emitter<WorkerCrash>(logListenerError);

  /** Latest weights of a run (at most ~30/s per run; Float32Arrays owned by the listener). */
  readonly onSnapshot = this.snapshotEmitter.event;
  /** Metrics of a run at a steady rate. */
  readonly onMetrics = this.metricsEmitter.event;
  /** A run started, paused, resumed, was reset or stopped. */
  readonly onStatus = this.statusEmitter.event;
  /** A run produced NaN/Inf and stopped at the given step. */
  readonly onDiverged = this.divergedEmitter.event;
  /** A request failed (bad config: `field` names the setting) or the worker sent something invalid. */
  readonly onError = this.errorEmitter.event;
  /** The worker died; it was restarted with the runs it had (from step 0) unless gaveUp. */
  readonly onCrash = this.crashEmitter.event;

  /** `workerScript` is the path of the bundled worker (dist/trainerWorker.js). */
  constructor(private readonly workerScript: string, options: TrainerClientOptions = {}) {
    this.options = {
      resourceLimits: options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
      maxRestarts: options.maxRestarts ?? 3,
      restartWindowMs: options.restartWindowMs ?? 60_000,
    };
  }

  /** Ids of the runs the client currently owns. */
  get runIds(): string[] {
    return [...this.runs.keys()];
  }

  /** Starts a run; returns its id. Its config is validated by the worker (errors arrive on onError). */
  start(config: TrainConfig, options: RunOptions = {}, runId = `run-${this.nextId++}`): string {
    this.runs.set(runId, { config, group: undefined, options, started: false, pendingConfig: null });
    this.post(startMessage(runId, config, undefined, options));
    return runId;
  }

  /** Starts several runs that train in lockstep on the same data order (the first config's dataSeed). */
  startLockstep(configs: TrainConfig[], options: RunOptions = {}): string[] {
    if (configs.length === 0) return [];
    const group = `group-${this.nextId++}`;
    const dataSeed = configs[0].dataSeed;
    const ids = configs.map(() => `run-${this.nextId++}`);
    ids.forEach((id, i) => {
      const config = { ...configs[i], dataSeed };
      this.runs.set(id, { config, group, options, started: false, pendingConfig: null });
      this.post(startMessage(id, config, group, { ...options, paused: true }));
    });
    if (!options.paused) this.post({ type: 'resume', runId: ids[0] });
    return ids;
  }

  /** Pauses a run (its whole lockstep group). */
  pause(runId: string): void {
    this.post({ type: 'pause', runId });
  }

  /** Resumes a paused run (its whole lockstep group). */
  resume(runId: string): void {
    this.post({ type: 'resume', runId });
  }

  /** Advances a paused run (its group) by exactly `count` steps. */
  step(runId: string, count = 1): void {
    this.post({ type: 'step', runId, count });
  }

  /** Re-initializes a run (its group) from its config at step 0, paused. */
  reset(runId: string): void {
    this.post({ type: 'reset', runId });
  }

  /** Replaces a run's config; it restarts from step 0. */
  updateConfig(runId: string, config: TrainConfig): void {
    const record = this.runs.get(runId);
    if (record) record.pendingConfig = config;
    this.post({ type: 'updateConfig', runId, config });
  }

  /** Changes how often a run streams snapshots and metrics. */
  setRates(runId: string, rates: Partial<StreamRates>): void {
    const record = this.runs.get(runId);
    if (record) record.options = { ...record.options, rates: { ...record.options.rates, ...rates } };
    this.post({ type: 'setRates', runId, rates });
  }

  /** Stops and forgets a run. */
  stop(runId: string): void {
    this.runs.delete(runId);
    if (this.worker) this.post({ type: 'stop', runId });
  }

  /** Terminates the worker and drops every listener; the client cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const w = this.worker;
    this.worker = null;
    this.queue = [];
    this.runs.clear();
    void w?.terminate();
    for (const e of [this.snapshotEmitter, this.metricsEmitter, this.statusEmitter, this.divergedEmitter, this.errorEmitter, this.crashEmitter]) e.dispose();
  }

  /** Sends now, or queues until the worker has said `ready`; starts the worker if needed. */
  private post(message: ToWorkerMessage): void {
    if (this.disposed) throw new Error('TrainerClient is disposed');
    const worker = this.ensureWorker();
    if (this.ready) worker.postMessage(message);
    else this.queue.push(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript, { resourceLimits: this.options.resourceLimits });
    this.worker = worker;
    this.ready = false;
    worker.on('message', (raw: unknown) => {
      if (worker === this.worker) this.receive(raw);
    });
    worker.on('error', (err: Error) => {
      if (worker === this.worker) this.crashed(worker, `${err.name}: ${err.message}`);
    });
    worker.on('exit', (code: number) => {
      if (worker === this.worker) this.crashed(worker, `exited with code ${code}`);
    });
    return worker;
  }

  private receive(raw: unknown): void {
    const parsed = parseFromWorker(raw);
    if (!parsed.ok) {
      this.errorEmitter.fire({ type: 'error', runId: null, message: `invalid message from the trainer worker: ${parsed.error}` });
      return;
    }
    const m: FromWorkerMessage = parsed.message;
    switch (m.type) {
      case 'ready':
        if (m.protocolVersion !== TRAINER_PROTOCOL_VERSION) {
          this.errorEmitter.fire({ type: 'error', runId: null, message: `trainer worker speaks protocol ${m.protocolVersion}, expected ${TRAINER_PROTOCOL_VERSION}` });
          const w = this.worker;
          this.worker = null;
          this.queue = [];
          void w?.terminate();
          return;
        }
        this.ready = true;
        for (const q of this.queue.splice(0)) this.worker?.postMessage(q);
        return;
      case 'snapshot': this.snapshotEmitter.fire(m); return;
      case 'metrics': this.metricsEmitter.fire(m); return;
      case 'status': {
        const record = this.runs.get(m.runId);
        if (record) {
          record.started = true;
          if (m.step === 0 && record.pendingConfig) {
            record.config = record.pendingConfig;
            record.pendingConfig = null;
          }
        }
        if (m.state === 'stopped') this.runs.delete(m.runId);
        this.statusEmitter.fire(m);
        return;
      }
      case 'diverged': this.divergedEmitter.fire(m); return;
      case 'error': {
        const record = m.runId !== null && m.field !== undefined ? this.runs.get(m.runId) : undefined;
        if (record && m.runId !== null) {
          if (!record.started) this.runs.delete(m.runId);
          record.pendingConfig = null;
        }
        this.errorEmitter.fire(m);
        return;
      }
    }
  }

  /** The worker died unexpectedly: restart it with the known runs unless it keeps crashing. */
  private crashed(worker: Worker, reason: string): void {
    this.worker = null;
    this.ready = false;
    this.queue = [];
    void worker.terminate();
    if (this.disposed) return;
    const now = Date.now();
    this.crashTimes = this.crashTimes.filter((t) => now - t < this.options.restartWindowMs);
    this.crashTimes.push(now);
    const gaveUp = this.crashTimes.length > this.options.maxRestarts;
    const restartedRuns = gaveUp ? [] : [...this.runs.keys()];
    if (gaveUp) {
      this.runs.clear();
      this.crashTimes = [];
    } else {
      for (const [id, r] of this.runs) this.post(startMessage(id, r.config, r.group, r.group ? { ...r.options, paused: true } : r.options));
      const groups = new Set([...this.runs.entries()].filter(([, r]) => r.group && !r.options.paused).map(([, r]) => r.group));
      for (const g of groups) {
        const first = [...this.runs.entries()].find(([, r]) => r.group === g);
        if (first) this.post({ type: 'resume', runId: first[0] });
      }
    }
    this.crashEmitter.fire({ reason, restartedRuns, gaveUp });
  }
}

/** A throwing listener is logged and the others still hear the event. */
function logListenerError(err: unknown): void {
  console.error('[visualize-init] trainer listener failed', err);
}

function startMessage(runId: string, config: TrainConfig, group: string | undefined, options: RunOptions): ToWorkerMessage {
  const m: ToWorkerMessage = { type: 'start', runId, config, paused: options.paused === true };
  if (group !== undefined) m.group = group;
  if (options.rates) m.rates = options.rates;
  return m;
}
