// Messages between the extension host and the Visualize Init panel webview.
// Anything that arrives from the webview is untrusted: parseFromPanel validates it before use
// (training configs are validated again, field by field, by the trainer's validateConfig).
import type { Metrics, TrainConfig } from '../core/trainer/index';
import type { VisualizeRequest } from '../core/analyzer/index';
import type { LayerWeights, RunState } from './trainerProtocol';
import { describe, isIntegerIn, isObject, isShortString, type Parsed } from './validate';

/** Bumped whenever a message changes shape; host and webview compare it in the handshake. */
export const PANEL_PROTOCOL_VERSION = 3;

/** At most this many runs train side by side in the panel (compare mode uses two). */
export const MAX_PANEL_RUNS = 2;

/** Largest payload the panel may ask the host to save (bytes of text or data URL). */
export const MAX_SAVE_LENGTH = 32 * 1024 * 1024;

/** One run of the panel: a label the user reads and the network it trains. */
export interface PanelRunSpec {
  label: string;
  config: TrainConfig;
}

/** The webview has loaded its script and can receive messages. */
export interface PanelReady {
  type: 'ready';
  protocolVersion: number;
}

/** Train these runs (one, or two in lockstep for comparison) from step 0; replaces what was running. */
export interface PanelStart {
  type: 'start';
  runs: PanelRunSpec[];
  paused: boolean;
}

/** Pause, resume or reset (back to step 0, paused) every run of the panel. */
export interface PanelControl {
  type: 'pause' | 'resume' | 'reset';
}

/** Advance paused runs by `count` steps. */
export interface PanelStep {
  type: 'step';
  count: number;
}

/** Training speed: steps per second, or null for as fast as the worker can. */
export interface PanelSetSpeed {
  type: 'setSpeed';
  stepsPerSecond: number | null;
}

/** Ask the host to save an export: PNG (as a data URL) or JSON text, via a save dialog. */
export interface PanelSave {
  type: 'save';
  format: 'png' | 'json';
  suggestedName: string;
  data: string;
}

/** The webview asks the host to show an error it could not handle itself. */
export interface PanelReportError {
  type: 'reportError';
  message: string;
}

/** Messages the panel webview sends to the host. */
export type FromPanelMessage = PanelReady | PanelStart | PanelControl | PanelStep | PanelSetSpeed | PanelSave | PanelReportError;

/** What the panel should show when it opens: a preset, or an initializer found in the user's code. */
export interface PanelRequest {
  presetId?: string;
  visualize?: VisualizeRequest;
}

/** Runs the host is already training for this panel (after the webview was hidden or reloaded). */
export interface PanelActiveRuns {
  runs: PanelRunSpec[];
  playing: boolean;
  stepsPerSecond: number | null;
}

/** The host's answer to `ready`. */
export interface PanelInit {
  type: 'init';
  protocolVersion: number;
  extensionVersion: string;
  request?: PanelRequest;
  /** Present when runs are in progress: show them instead of starting new ones. */
  active?: PanelActiveRuns;
}

/** The user asked for something new (e.g. "Visualize this initializer") while the panel was open. */
export interface PanelLoad {
  type: 'load';
  request: PanelRequest;
}

/** Latest weights of run `run` (an index into the started runs). */
export interface PanelSnapshot {
  type: 'snapshot';
  run: number;
  step: number;
  layers: LayerWeights[];
}

/** Metrics of run `run` at a step. */
export interface PanelMetrics {
  type: 'metrics';
  run: number;
  state: RunState;
  stepsPerSecond: number;
  metrics: Metrics;
}

/** Run `run` changed state. */
export interface PanelStatus {
  type: 'status';
  run: number;
  state: RunState;
  step: number;
}

/** Run `run` hit NaN/Inf at `step` and stopped. */
export interface PanelDiverged {
  type: 'diverged';
  run: number;
  step: number;
}

/** Something failed; `field` names the bad setting when a config was rejected. */
export interface PanelError {
  type: 'error';
  message: string;
  field?: string;
  run?: number;
}

/** The trainer worker crashed: the host restarted its runs from step 0, or (restarted false) gave up and stopped them. */
export interface PanelWorkerCrashed {
  type: 'workerCrashed';
  restarted: boolean;
  /** How the worker ended (e.g. "exited with code 1"), for the message; the view words the rest. */
  reason: string;
}

/** Messages the host sends to the panel webview. */
export type ToPanelMessage = PanelInit | PanelLoad | PanelSnapshot | PanelMetrics | PanelStatus | PanelDiverged | PanelError | PanelWorkerCrashed;


const MAX_TEXT = 2000;
const MAX_LABEL = 200;

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/**
 * Validates a message from the panel webview; never throws. Training configs are checked only for
 * being objects here; the trainer's validateConfig checks every field before anything is allocated.
 */
export function parseFromPanel(raw: unknown): Parsed<FromPanelMessage> {
  if (!isObject(raw)) return fail('message is not an object');
  switch (raw.type) {
    case 'ready':
      if (!Number.isInteger(raw.protocolVersion)) return fail('ready.protocolVersion must be an integer');
      return { ok: true, message: { type: 'ready', protocolVersion: raw.protocolVersion as number } };
    case 'start': {
      if (!Array.isArray(raw.runs) || raw.runs.length < 1 || raw.runs.length > MAX_PANEL_RUNS) return fail(`start.runs must hold 1 to ${MAX_PANEL_RUNS} runs`);
      const runs: PanelRunSpec[] = [];
      for (const [i, r] of raw.runs.entries()) {
        if (!isObject(r) || !isShortString(r.label, MAX_LABEL) || !isObject(r.config)) return fail(`start.runs[${i}] must have a label and a config object`);
        runs.push({ label: r.label, config: r.config as unknown as TrainConfig });
      }
      if (typeof raw.paused !== 'boolean') return fail('start.paused must be a boolean');
      return { ok: true, message: { type: 'start', runs, paused: raw.paused } };
    }
    case 'pause':
    case 'resume':
    case 'reset':
      return { ok: true, message: { type: raw.type } };
    case 'step':
      if (!isIntegerIn(raw.count, 1, 100_000)) return fail('step.count must be an integer in [1, 100000]');
      return { ok: true, message: { type: 'step', count: raw.count } };
    case 'setSpeed':
      if (raw.stepsPerSecond !== null && !isIntegerIn(raw.stepsPerSecond, 1, 10_000)) return fail('setSpeed.stepsPerSecond must be null or an integer in [1, 10000]');
      return { ok: true, message: { type: 'setSpeed', stepsPerSecond: raw.stepsPerSecond } };
    case 'save':
      if (raw.format !== 'png' && raw.format !== 'json') return fail("save.format must be 'png' or 'json'");
      if (!isShortString(raw.suggestedName, 200) || !/^[\w.-]+$/.test(raw.suggestedName)) return fail('save.suggestedName must be a plain file name');
      if (!isShortString(raw.data, MAX_SAVE_LENGTH)) return fail(`save.data must be a string of at most ${MAX_SAVE_LENGTH} characters`);
      if (raw.format === 'png' && !raw.data.startsWith('data:image/png;base64,')) return fail('save.data must be a PNG data URL');
      return { ok: true, message: { type: 'save', format: raw.format, suggestedName: raw.suggestedName, data: raw.data } };
    case 'reportError':
      if (typeof raw.message !== 'string') return fail('reportError.message must be a string');
      return { ok: true, message: { type: 'reportError', message: raw.message.slice(0, MAX_TEXT) } };
    default:
      return fail(`unknown message type ${describe(raw.type)}`);
  }
}

const INIT_KINDS: readonly VisualizeRequest['kind'][] = ['zeros', 'ones', 'constant', 'copiedRows', 'degenerateRandom', 'uninitialized'];
const REQUEST_ACTIVATIONS: readonly VisualizeRequest['activation'][] = ['relu', 'tanh', 'sigmoid', 'linear', 'unknown'];

/**
 * Validates the argument of the visualizeInit.open command (a hover link carries an analyzer
 * VisualizeRequest; a preset id also works). Returns undefined for "no request", never throws.
 */
export function parsePanelRequest(raw: unknown): Parsed<PanelRequest | undefined> {
  if (raw === undefined || raw === null) return { ok: true, message: undefined };
  if (typeof raw === 'string') return /^\w{1,40}$/.test(raw) ? { ok: true, message: { presetId: raw } } : fail('preset id must be a short word');
  if (!isObject(raw)) return fail('the request must be an object');
  if (raw.presetId !== undefined) {
    if (typeof raw.presetId !== 'string' || !/^\w{1,40}$/.test(raw.presetId)) return fail('presetId must be a short word');
    return { ok: true, message: { presetId: raw.presetId } };
  }
  const v = isObject(raw.visualize) ? raw.visualize : raw;
  if (!(INIT_KINDS as readonly unknown[]).includes(v.kind)) return fail(`unknown initializer kind ${describe(v.kind)}`);
  if (!(REQUEST_ACTIVATIONS as readonly unknown[]).includes(v.activation)) return fail(`unknown activation ${describe(v.activation)}`);
  const visualize: VisualizeRequest = { kind: v.kind as VisualizeRequest['kind'], activation: v.activation as VisualizeRequest['activation'] };
  if (v.value !== undefined) {
    if (typeof v.value !== 'number' || !Number.isFinite(v.value) || Math.abs(v.value) > 1e6) return fail('value must be a finite number');
    visualize.value = v.value;
  }
  if (v.layerSizes !== undefined) {
    if (!Array.isArray(v.layerSizes) || v.layerSizes.length > 2 || !v.layerSizes.every((n) => isIntegerIn(n, 1, 1_000_000))) return fail('layerSizes must be up to two positive integers');
    visualize.layerSizes = v.layerSizes as number[];
  }
  return { ok: true, message: { visualize } };
}
