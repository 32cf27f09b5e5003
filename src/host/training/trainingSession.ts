// The extension's one training session: the runs the user started (one, or two in lockstep), their
// play/pause/speed state, and every view that watches them (the panel, the Training side view). Each
// view gets the stream with its own flow control. Free of 'vscode' so plain node can test it.
import { ConfigError, validateConfig, type Metrics, type TrainConfig } from '../../core/trainer/index';
import type { PanelActiveRuns, PanelMetrics, PanelRunSpec, PanelSnapshot, ToPanelMessage } from '../../shared/panelProtocol';
import type { RunState } from '../../shared/trainerProtocol';
import type { TrainerClient, TrainerDisposable } from './trainerClient';
import { SnapshotPump, type Post } from './snapshotPump';
import { Emitter, type Listener } from '../../shared/emitter';

/** How often the speed limiter hands out steps (ms). */
const TICK_MS = 50;
/** A crash reason is shown in a one-line banner: an error's message can be arbitrarily long. */
const MAX_REASON = 200;

/** Where log lines go (the extension's output channel in production). */
export interface TrainingLog {
  warn(message: string): void;
  error(message: string): void;
}

/** Commands a view may give (already validated). */
export type TrainingCommand =
  | { type: 'start'; runs: PanelRunSpec[]; paused: boolean }
  | { type: 'pause' | 'resume' | 'reset' }
  | { type: 'step'; count: number }
  | { type: 'setSpeed'; stepsPerSecond: number | null };

/** What is known about one run of the session, for history, status bar and views. */
export interface RunRecord {
  spec: PanelRunSpec;
  state: RunState;
  step: number;
  /** Latest metrics, once the worker reported some. */
  metrics?: Metrics;
  divergedAt?: number;
}

/** A view attached to the session; dispose to detach. */
export interface SessionViewer extends TrainerDisposable {
  /** Hidden views receive no snapshots or metrics; shown again, they get the latest of each run. */
  setVisible(visible: boolean): void;
  /** Re-sends each run's state (after the view's webview reloaded). */
  resendStatus(): void;
}

/** Something that happened to the session's runs as a whole. */
export type SessionChange =
  | { kind: 'started'; runs: RunRecord[] }
  | { kind: 'updated'; runs: RunRecord[] }
  | { kind: 'ended'; runs: RunRecord[] };

/** Owns the runs and fans their stream out to the attached views. */
export class TrainingSession implements TrainerDisposable {
  private runIds: string[] = [];
  private records: RunRecord[] = [];
  private playing = false;
  private stepsPerSecond: number | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private stepBudget = 0;
  private readonly viewers = new Set<Viewer>();
  private readonly changes = new Emitter<SessionChange>((err) => this.log.error(`A training listener failed: ${String(err)}`));
  private readonly subscriptions: TrainerDisposable[];

  constructor(private readonly client: TrainerClient, private readonly log: TrainingLog) {
    this.subscriptions = [
      client.onSnapshot((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run < 0) return;
        const message: PanelSnapshot = { type: 'snapshot', run, step: m.step, layers: m.layers };
        for (const v of this.viewers) v.snapshots.offer(run, message);
      }),
      client.onMetrics((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run < 0) return;
        const state = this.shownState(m.state);
        Object.assign(this.records[run], { metrics: m.metrics, step: m.metrics.step, state });
        const message: PanelMetrics = { type: 'metrics', run, state, stepsPerSecond: m.stepsPerSecond, metrics: m.metrics };
        for (const v of this.viewers) v.metrics.offer(run, message);
        this.fire({ kind: 'updated', runs: this.records });
      }),
      client.onStatus((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run < 0) return;
        const state = this.shownState(m.state);
        Object.assign(this.records[run], { state, step: m.step });
        this.broadcast({ type: 'status', run, state, step: m.step });
        this.fire({ kind: 'updated', runs: this.records });
      }),
      client.onDiverged((m) => {
        const run = this.runIds.indexOf(m.runId);
        if (run < 0) return;
        Object.assign(this.records[run], { state: 'diverged', step: m.step, divergedAt: m.step });
        if (this.records.every((r) => r.state === 'diverged')) this.setPlaying(false);
        this.broadcast({ type: 'diverged', run, step: m.step });
        this.fire({ kind: 'updated', runs: this.records });
      }),
      client.onError((m) => {
        const run = m.runId === null ? -1 : this.runIds.indexOf(m.runId);
        if (m.runId !== null && run < 0) return;
        this.log.error(`Trainer: ${m.message}`);
        this.broadcast({ type: 'error', message: m.message, ...(m.field ? { field: m.field } : {}), ...(run >= 0 ? { run } : {}) });
      }),
      client.onCrash((c) => {
        if (this.runIds.length === 0) return;
        this.log.error(`The trainer worker crashed (${c.reason}); ${c.gaveUp ? 'it kept crashing, so the runs were stopped' : 'it was restarted and the runs start again from step 0'}.`);
        if (c.gaveUp) this.endRuns();
        // The client restarts runs paused (lockstep groups must restart together): resume what was playing.
        else if (this.playing) this.setPlaying(true);
        this.broadcast({ type: 'workerCrashed', restarted: !c.gaveUp, reason: c.reason.slice(0, MAX_REASON) });
      }),
    ];
  }

  /** The runs in progress, for a view that (re)connects; undefined when nothing runs. */
  get active(): PanelActiveRuns | undefined {
    return this.runIds.length ? { runs: this.records.map((r) => r.spec), playing: this.playing, stepsPerSecond: this.stepsPerSecond } : undefined;
  }

  /** The session's runs with their latest state (empty when nothing runs). */
  get runs(): readonly RunRecord[] {
    return this.records;
  }

  /** True while the runs train (flat out or at a limited speed). */
  get isPlaying(): boolean {
    return this.playing;
  }

  /** Subscribes to run changes (started, progress, ended); dispose the result to unsubscribe. */
  onDidChange(listener: Listener<SessionChange>): TrainerDisposable {
    return this.changes.event(listener);
  }

  /** Attaches a view that receives the runs' stream through `post`. */
  attach(post: Post<ToPanelMessage>): SessionViewer {
    const viewer = new Viewer(post, this.log, () => this.records, () => this.viewers.delete(viewer));
    this.viewers.add(viewer);
    return viewer;
  }

  /** Carries out one validated command. Errors go back to `reply` (the view that asked). */
  handle(command: TrainingCommand, reply: Post<ToPanelMessage> = (m) => { this.broadcast(m); return Promise.resolve(true); }): void {
    switch (command.type) {
      case 'start': this.start(command.runs, command.paused, reply); return;
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

  /** Stops the runs, detaches every view and stops listening to the trainer. */
  dispose(): void {
    this.endRuns();
    for (const v of [...this.viewers]) v.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changes.dispose();
  }

  /** The run whose pause/resume/step/reset applies to the whole lockstep group. */
  private get leader(): string | undefined {
    return this.runIds[0];
  }

  private start(specs: PanelRunSpec[], paused: boolean, reply: Post<ToPanelMessage>): void {
    const configs: TrainConfig[] = [];
    for (const [run, spec] of specs.entries()) {
      try {
        configs.push(validateConfig(spec.config));
      } catch (err) {
        const field = err instanceof ConfigError ? err.field : undefined;
        const message: ToPanelMessage = { type: 'error', run, message: `${spec.label}: ${err instanceof Error ? err.message : String(err)}`, ...(field ? { field } : {}) };
        Promise.resolve(reply(message)).then(undefined, () => undefined);
        return;
      }
    }
    this.endRuns();
    this.records = specs.map((spec) => ({ spec, state: 'paused', step: 0 }));
    this.runIds = configs.length === 1 ? [this.client.start(configs[0], { paused: true })] : this.client.startLockstep(configs, { paused: true });
    this.fire({ kind: 'started', runs: this.records });
    this.setPlaying(!paused);
  }

  private setPlaying(playing: boolean): void {
    const wasSpeedLimited = this.playing && this.stepsPerSecond !== null;
    this.playing = playing && this.runIds.length > 0;
    this.stopTicker();
    const leader = this.leader;
    if (!leader) return;
    if (!this.playing) {
      this.client.pause(leader);
      // The worker already held these runs paused, so it reports no change: say it ourselves.
      if (wasSpeedLimited) this.announcePaused();
    } else if (this.stepsPerSecond === null) {
      this.client.resume(leader);
    } else {
      this.client.pause(leader);
      const stepsPerMs = this.stepsPerSecond / 1000;
      let last = performance.now();
      // The budget grows with elapsed time, so late timers on a busy machine do not lose steps.
      this.ticker = setInterval(() => {
        const now = performance.now();
        this.stepBudget += (now - last) * stepsPerMs;
        last = now;
        const count = Math.floor(this.stepBudget);
        if (count < 1) return;
        this.stepBudget -= count;
        this.client.step(leader, count);
      }, TICK_MS);
    }
  }

  private announcePaused(): void {
    for (const [run, r] of this.records.entries()) {
      if (r.state !== 'running') continue;
      r.state = 'paused';
      this.broadcast({ type: 'status', run, state: 'paused', step: r.step });
    }
    this.fire({ kind: 'updated', runs: this.records });
  }

  /** The worker holds speed-limited runs paused between steps; to the user they are running. */
  private shownState(state: RunState): RunState {
    return state === 'paused' && this.playing && this.stepsPerSecond !== null ? 'running' : state;
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.stepBudget = 0;
  }

  private endRuns(): void {
    this.stopTicker();
    for (const id of this.runIds) this.client.stop(id);
    const ended = this.records;
    this.runIds = [];
    this.records = [];
    this.playing = false;
    for (const v of this.viewers) v.clear();
    if (ended.length) this.fire({ kind: 'ended', runs: ended });
  }

  private broadcast(message: ToPanelMessage): void {
    for (const v of this.viewers) v.send(message);
  }

  private fire(change: SessionChange): void {
    this.changes.fire(change);
  }
}

/**
 * Most snapshot bytes per second sent to one view. Each byte crosses the workbench's main thread
 * several times (socket, copies, a structured clone into the webview), the thread the webview's
 * frames are drawn on: small networks stay at the trainer's snapshot rate, 784-256x5-10 (1.9 MB a
 * snapshot) gets about two a second.
 */
export const SNAPSHOT_BYTES_PER_SECOND = 4 * 1024 * 1024;

/** Bytes of weights and biases in a snapshot message. */
export function snapshotBytes(message: PanelSnapshot): number {
  let bytes = 0;
  for (const l of message.layers) bytes += (l.weights?.byteLength ?? 0) + (l.biases?.byteLength ?? 0);
  return bytes;
}

/** One attached view: latest-wins pumps for snapshots and metrics, direct sends for rare messages. */
class Viewer implements SessionViewer {
  readonly snapshots: SnapshotPump<PanelSnapshot>;
  readonly metrics: SnapshotPump<PanelMetrics>;

  constructor(
    private readonly post: Post<ToPanelMessage>,
    private readonly log: TrainingLog,
    private readonly records: () => readonly RunRecord[],
    private readonly detach: () => void,
  ) {
    this.snapshots = new SnapshotPump<PanelSnapshot>(post, { size: snapshotBytes, bytesPerSecond: SNAPSHOT_BYTES_PER_SECOND });
    this.metrics = new SnapshotPump<PanelMetrics>(post);
  }

  setVisible(visible: boolean): void {
    this.snapshots.setVisible(visible);
    this.metrics.setVisible(visible);
  }

  resendStatus(): void {
    for (const [run, r] of this.records().entries()) this.send({ type: 'status', run, state: r.state, step: r.step });
  }

  /** Drops what waits (the runs it belonged to are gone). */
  clear(): void {
    this.snapshots.clear();
    this.metrics.clear();
  }

  send(message: ToPanelMessage): void {
    Promise.resolve(this.post(message)).then(undefined, (err: unknown) => this.log.warn(`Could not reach a view: ${String(err)}`));
  }

  dispose(): void {
    this.snapshots.dispose();
    this.metrics.dispose();
    this.detach();
  }
}
