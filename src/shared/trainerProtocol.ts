// Messages between the extension host (TrainerClient) and the trainer worker.
// Both directions are validated: parseToWorker in the worker, parseFromWorker in the host.
// Weights travel as Float32Arrays whose buffers are transferred, never copied twice.
import type { Metrics, TrainConfig } from '../core/trainer/index';
import { isObject, type Parsed } from './validate';

/** Bumped whenever a message changes shape; the worker announces it in `ready`. */
export const TRAINER_PROTOCOL_VERSION = 1;

/** Default and largest snapshot rate per run (snapshots per second). */
export const SNAPSHOT_RATE = { default: 30, max: 60 } as const;

/** Default and largest metrics rate per run (metrics messages per second). */
export const METRICS_RATE = { default: 5, max: 30 } as const;

/** How often snapshots and metrics of a run are sent (per second). */
export interface StreamRates {
  snapshotsPerSecond: number;
  metricsPerSecond: number;
}

/** Create a run and start training it flat out (or paused). Runs with the same `group` step in lockstep. */
export interface StartRun {
  type: 'start';
  runId: string;
  config: TrainConfig;
  /** Runs sharing a group are stepped together and paused/resumed/stepped/reset together. */
  group?: string;
  paused?: boolean;
  rates?: Partial<StreamRates>;
}

/** Stop stepping a run (or its whole group) until resumed. */
export interface PauseRun {
  type: 'pause';
  runId: string;
}

/** Continue training a paused run (or its group) flat out. */
export interface ResumeRun {
  type: 'resume';
  runId: string;
}

/** Advance a paused run (or its group) by exactly `count` steps, then send a snapshot and metrics. */
export interface StepRun {
  type: 'step';
  runId: string;
  count: number;
}

/** Rebuild a run (or its group) from its config: step 0, fresh init, paused. */
export interface ResetRun {
  type: 'reset';
  runId: string;
}

/** Replace a run's config; the run restarts from step 0 with it, keeping its running/paused state. */
export interface UpdateConfig {
  type: 'updateConfig';
  runId: string;
  config: TrainConfig;
}

/** Change how often a run streams snapshots and metrics. */
export interface SetRates {
  type: 'setRates';
  runId: string;
  rates: Partial<StreamRates>;
}

/** Forget a run (only this run, even inside a group). */
export interface StopRun {
  type: 'stop';
  runId: string;
}

/** Messages the host sends to the worker. */
export type ToWorkerMessage = StartRun | PauseRun | ResumeRun | StepRun | ResetRun | UpdateConfig | SetRates | StopRun;

/** The worker is up; first message it sends. */
export interface WorkerReady {
  type: 'ready';
  protocolVersion: number;
}

/** Shape and current values of one layer; weights are rows x cols, row i = unit i's incoming weights. */
export interface LayerWeights {
  rows: number;
  cols: number;
  weights: Float32Array;
  biases: Float32Array;
}

/** The latest weights of a run (sent at most snapshotsPerSecond; older ones are never queued). */
export interface RunSnapshot {
  type: 'snapshot';
  runId: string;
  step: number;
  layers: LayerWeights[];
}

/** Where a run stands. */
export type RunState = 'running' | 'paused' | 'diverged' | 'stopped';

/** Metrics of a run at a step, with its training speed. */
export interface RunMetrics {
  type: 'metrics';
  runId: string;
  state: RunState;
  stepsPerSecond: number;
  metrics: Metrics;
}

/** A run changed state (started, paused, resumed, reset, stopped). */
export interface RunStatus {
  type: 'status';
  runId: string;
  state: RunState;
  step: number;
}

/** A run hit NaN/Inf and stopped at `step`. */
export interface RunDiverged {
  type: 'diverged';
  runId: string;
  step: number;
}

/** A request failed; `field` names the bad config setting when that is the cause. */
export interface WorkerError {
  type: 'error';
  runId: string | null;
  message: string;
  field?: string;
}

/** Messages the worker sends to the host. */
export type FromWorkerMessage = WorkerReady | RunSnapshot | RunMetrics | RunStatus | RunDiverged | WorkerError;


/** Longest accepted run id. */
export const MAX_RUN_ID_LENGTH = 100;
const MAX_MESSAGE_LENGTH = 2000;
const RUN_STATES: readonly RunState[] = ['running', 'paused', 'diverged', 'stopped'];

function isRunId(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= MAX_RUN_ID_LENGTH;
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

function isNumber(x: unknown): x is number {
  return typeof x === 'number';
}

/** Validates optional rates: positive finite numbers, clamped to the maxima. */
function parseRates(x: unknown): Partial<StreamRates> | string {
  if (x === undefined) return {};
  if (!isObject(x)) return 'rates must be an object';
  const out: Partial<StreamRates> = {};
  for (const [key, max] of [['snapshotsPerSecond', SNAPSHOT_RATE.max], ['metricsPerSecond', METRICS_RATE.max]] as const) {
    const v = x[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return `rates.${key} must be a positive number`;
    out[key] = Math.min(v, max);
  }
  return out;
}

/**
 * Validates a message for the worker; never throws. The config is only checked to be an object here:
 * the worker runs the full validateConfig (core) and answers with an error naming the field.
 */
export function parseToWorker(raw: unknown): Parsed<ToWorkerMessage> {
  if (!isObject(raw)) return { ok: false, error: 'message is not an object' };
  const type = raw.type;
  if (!isRunId(raw.runId)) return { ok: false, error: `${String(type)}.runId must be a non-empty string` };
  const runId = raw.runId;
  switch (type) {
    case 'start': {
      if (!isObject(raw.config)) return { ok: false, error: 'start.config must be an object' };
      if (raw.group !== undefined && !isRunId(raw.group)) return { ok: false, error: 'start.group must be a non-empty string' };
      if (raw.paused !== undefined && typeof raw.paused !== 'boolean') return { ok: false, error: 'start.paused must be a boolean' };
      const rates = parseRates(raw.rates);
      if (typeof rates === 'string') return { ok: false, error: `start.${rates}` };
      const message: StartRun = { type, runId, config: raw.config as unknown as TrainConfig, rates, paused: raw.paused === true };
      if (raw.group !== undefined) message.group = raw.group as string;
      return { ok: true, message };
    }
    case 'pause': case 'resume': case 'reset': case 'stop':
      return { ok: true, message: { type, runId } };
    case 'step':
      if (!isCount(raw.count) || raw.count < 1 || raw.count > 1_000_000) return { ok: false, error: 'step.count must be an integer in [1, 1000000]' };
      return { ok: true, message: { type, runId, count: raw.count } };
    case 'updateConfig':
      if (!isObject(raw.config)) return { ok: false, error: 'updateConfig.config must be an object' };
      return { ok: true, message: { type, runId, config: raw.config as unknown as TrainConfig } };
    case 'setRates': {
      const rates = parseRates(raw.rates);
      if (typeof rates === 'string') return { ok: false, error: `setRates.${rates}` };
      return { ok: true, message: { type, runId, rates } };
    }
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(String(type)).slice(0, 60)}` };
  }
}

/** Checks the numeric fields of a metrics object (NaN is allowed: e.g. accuracy of a regression). */
function validMetrics(m: unknown): m is Metrics {
  if (!isObject(m)) return false;
  if (!isCount(m.step)) return false;
  for (const k of ['batchLoss', 'trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy']) if (!isNumber(m[k])) return false;
  if (!Array.isArray(m.layers)) return false;
  return m.layers.every((l: unknown) => {
    if (!isObject(l) || !isObject(l.symmetry)) return false;
    const numbers = ['weightNorm', 'biasNorm', 'gradWeightNorm', 'gradBiasNorm', 'activationMean', 'activationStd', 'saturatedFraction', 'deadFraction'];
    const s = l.symmetry;
    return numbers.every((k) => isNumber(l[k])) && isCount(s.distinctUnits) && isCount(s.distinctUnitsWithinTolerance) && isNumber(s.maxCosineSimilarity) && isCount(s.rank);
  });
}

/** Checks one layer of a snapshot: positive shape and Float32Arrays of matching lengths. */
function validLayer(l: unknown): l is LayerWeights {
  if (!isObject(l) || !isCount(l.rows) || !isCount(l.cols) || l.rows < 1 || l.cols < 1) return false;
  return l.weights instanceof Float32Array && l.biases instanceof Float32Array && l.weights.length === l.rows * l.cols && l.biases.length === l.rows;
}

/** Validates a message from the worker; never throws. */
export function parseFromWorker(raw: unknown): Parsed<FromWorkerMessage> {
  if (!isObject(raw)) return { ok: false, error: 'message is not an object' };
  const type = raw.type;
  if (type === 'ready') {
    if (!isCount(raw.protocolVersion)) return { ok: false, error: 'ready.protocolVersion must be an integer' };
    return { ok: true, message: { type, protocolVersion: raw.protocolVersion } };
  }
  if (type === 'error') {
    if (raw.runId !== null && !isRunId(raw.runId)) return { ok: false, error: 'error.runId must be a string or null' };
    if (typeof raw.message !== 'string') return { ok: false, error: 'error.message must be a string' };
    const message: WorkerError = { type, runId: raw.runId, message: raw.message.slice(0, MAX_MESSAGE_LENGTH) };
    if (typeof raw.field === 'string') message.field = raw.field.slice(0, 200);
    return { ok: true, message };
  }
  if (!isRunId(raw.runId)) return { ok: false, error: `${String(type).slice(0, 60)}.runId must be a non-empty string` };
  const runId = raw.runId;
  switch (type) {
    case 'snapshot':
      if (!isCount(raw.step)) return { ok: false, error: 'snapshot.step must be a non-negative integer' };
      if (!Array.isArray(raw.layers) || raw.layers.length === 0 || !raw.layers.every(validLayer)) return { ok: false, error: 'snapshot.layers must be layers of Float32Arrays with matching shapes' };
      return { ok: true, message: { type, runId, step: raw.step, layers: raw.layers } };
    case 'metrics':
      if (!RUN_STATES.includes(raw.state as RunState)) return { ok: false, error: 'metrics.state is not a run state' };
      if (!isNumber(raw.stepsPerSecond)) return { ok: false, error: 'metrics.stepsPerSecond must be a number' };
      if (!validMetrics(raw.metrics)) return { ok: false, error: 'metrics.metrics is malformed' };
      return { ok: true, message: { type, runId, state: raw.state as RunState, stepsPerSecond: raw.stepsPerSecond, metrics: raw.metrics } };
    case 'status':
      if (!RUN_STATES.includes(raw.state as RunState)) return { ok: false, error: 'status.state is not a run state' };
      if (!isCount(raw.step)) return { ok: false, error: 'status.step must be a non-negative integer' };
      return { ok: true, message: { type, runId, state: raw.state as RunState, step: raw.step } };
    case 'diverged':
      if (!isCount(raw.step)) return { ok: false, error: 'diverged.step must be a non-negative integer' };
      return { ok: true, message: { type, runId, step: raw.step } };
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(String(type)).slice(0, 60)}` };
  }
}
