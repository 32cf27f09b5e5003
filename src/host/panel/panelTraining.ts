// The training behind one panel: starts its runs in the shared TrainerClient, controls them, and
// streams what they do to the webview with flow control. Free of 'vscode' so plain node can test it.
import { ConfigError, validateConfig, type TrainConfig } from '../../core/trainer/index';
import type { PanelActiveRuns, PanelMetrics, PanelRunSpec, PanelSnapshot, ToPanelMessage } from '../../shared/panelProtocol';
import type { RunState } from '../../shared/trainerProtocol';
import type { TrainerClient, TrainerDisposable } from '../training/trainerClient';
import { SnapshotPump, type Post } from './snapshotPump';

/** How often the speed limiter hands out steps (ms). */
const TICK_MS = 50;

/** Where log lines go (the extension's output channel in production). */
export interface TrainingLog {
  warn(message: string): void;
  error(message: string): void;
}

/** Panel commands the training understands (already validated). */
export type TrainingCommand =
  | { type: 'start'; runs: PanelRunSpec[]; paused: boolean }
  | { type: 'pause' | 'resume' | 'reset' }
  | { type: 'step'; count: number }
  | { type: 'setSpeed'; stepsPerSecond: number | null };

/** Owns the runs of one panel and forwards their snapshots, metrics and states to it. */
export class PanelTraining implements TrainerDisposable {
  private runIds: string[] = [];
  private specs: PanelRunSpec[] = [];
  private playing = false;
  private stepsPerSecond: number | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private stepBudget = 0;
  private readonly lastStatus = new Map<number, { state: RunState; step: number }>();
  private readonly snapshots: SnapshotPump<PanelSnapshot>;
  private readonly metrics: SnapshotPump<PanelMetrics>;
  private readonly subscriptions: TrainerDisposable[];

  constructor(private readonly client: TrainerClient, private readonly post: Post<ToPanelMessage>, private readonly log: TrainingLog) {
    this.snapshots = new SnapshotPump<PanelSnapshot>(post);
    this.metrics = new SnapshotPump<PanelMetrics>(post);
    this.subscriptions = [
      client.onSnapshot((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run >= 0) this.snapshots.offer(run, { type: 'snapshot', run, step: m.step, layers: m.layers });
      }),
      client.onMetrics((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run >= 0) this.metrics.offer(run, { type: 'metrics', run, state: m.state, stepsPerSecond: m.stepsPerSecond, metrics: m.metrics });
      }),
      client.onStatus((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run < 0) return;
        this.lastStatus.set(run, { state: m.state, step: m.step });
        this.send({ type: 'status', run, state: m.state, step: m.step });
      }),
      client.onDiverged((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run < 0) return;
        this.lastStatus.set(run, { state: 'diverged', step: m.step });
        this.stopTicker();
        this.send({ type: 'diverged', run, step: m.step });
      }),
      client.onError((m) => {
        const run = m.runId === null ? -1 : this.runIds.indexOf(m.runId);
        if (m.runId !== null && run < 0) return;
        this.log.error(`Trainer: ${m.message}`);
        this.send({ type: 'error', message: m.message, ...(m.field ? { field: m.field } : {}), ...(run >= 0 ? { run } : {}) });
      }),
      client.onCrash((c) => {
        if (this.runIds.length === 0) return;
        this.log.error(`The trainer worker crashed (${c.reason}); ${c.gaveUp ? 'it kept crashing, so the runs were stopped' : 'it was restarted and the runs start again from step 0'}.`);
        if (c.gaveUp) this.forgetRuns();
        this.send({ type: 'workerCrashed', message: c.gaveUp
          ? `The trainer stopped after repeated crashes (${c.reason}). Start again to retry.`
          : `The trainer crashed (${c.reason}) and was restarted; training starts again from step 0.` });
      }),
    ];
  }

  /** The runs in progress, for a webview that (re)connects; undefined when nothing runs. */
  get active(): PanelActiveRuns | undefined {
    return this.runIds.length ? { runs: this.specs, playing: this.playing, stepsPerSecond: this.stepsPerSecond } : undefined;
  }

  /** Carries out one validated command from the panel. */
  handle(command: TrainingCommand): void {
    switch (command.type) {
      case 'start': this.start(command.runs, command.paused); return;
      case 'pause': this.setPlaying(false); return;
      case 'resume': this.setPlaying(true); return;
      case 'reset':
        this.setPlaying(false);
        if (this.leader) this.client.reset(this.leader);
        return;
      case 'step':
        if (this.leader && !this.playing) this.client.step(this.leader, command.count);
        return;
      case 'setSpeed':
        this.stepsPerSecond = command.stepsPerSecond;
        if (this.playing) this.setPlaying(true);
        return;
    }
  }

  /** A hidden panel receives no snapshots or metrics; when shown, the latest of each run is sent. */
  setVisible(visible: boolean): void {
    this.snapshots.setVisible(visible);
    this.metrics.setVisible(visible);
  }

  /** Re-sends each run's state after a webview (re)connected. */
  resendStatus(): void {
    for (const [run, s] of this.lastStatus) this.send({ type: 'status', run, state: s.state, step: s.step });
  }

  /** Stops the runs and the stream. */
  dispose(): void {
    this.forgetRuns();
    for (const s of this.subscriptions) s.dispose();
    this.snapshots.dispose();
    this.metrics.dispose();
  }

  /** The run whose pause/resume/step/reset applies to the whole lockstep group. */
  private get leader(): string | undefined {
    return this.runIds[0];
  }

  private start(specs: PanelRunSpec[], paused: boolean): void {
    const configs: TrainConfig[] = [];
    for (const [run, spec] of specs.entries()) {
      try {
        configs.push(validateConfig(spec.config));
      } catch (err) {
        const field = err instanceof ConfigError ? err.field : undefined;
        this.send({ type: 'error', run, message: `${spec.label}: ${err instanceof Error ? err.message : String(err)}`, ...(field ? { field } : {}) });
        return;
      }
    }
    this.forgetRuns();
    this.specs = specs;
    this.runIds = configs.length === 1 ? [this.client.start(configs[0], { paused: true })] : this.client.startLockstep(configs, { paused: true });
    this.setPlaying(!paused);
  }

  private setPlaying(playing: boolean): void {
    this.playing = playing && this.runIds.length > 0;
    this.stopTicker();
    const leader = this.leader;
    if (!leader) return;
    if (!this.playing) {
      this.client.pause(leader);
    } else if (this.stepsPerSecond === null) {
      this.client.resume(leader);
    } else {
      this.client.pause(leader);
      const perTick = (this.stepsPerSecond * TICK_MS) / 1000;
      this.ticker = setInterval(() => {
        this.stepBudget += perTick;
        const count = Math.floor(this.stepBudget);
        if (count < 1) return;
        this.stepBudget -= count;
        this.client.step(leader, count);
      }, TICK_MS);
    }
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.stepBudget = 0;
  }

  private forgetRuns(): void {
    this.stopTicker();
    for (const id of this.runIds) this.client.stop(id);
    this.runIds = [];
    this.specs = [];
    this.playing = false;
    this.lastStatus.clear();
    this.snapshots.clear();
    this.metrics.clear();
  }

  private send(message: ToPanelMessage): void {
    Promise.resolve(this.post(message)).then(undefined, (err: unknown) => this.log.warn(`Could not reach the panel: ${String(err)}`));
  }
}
