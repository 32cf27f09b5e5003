// Messages between the extension host and the Training side view's webview. The view also
// receives the training session's stream (snapshot, metrics, status, diverged, error, workerCrashed)
// exactly as the panel does; anything it sends is untrusted and validated by parseFromTrainingView.
import type { ToPanelMessage } from './panelProtocol';
import { describe, isObject } from './validate';

/** What the view needs to lay out a run: its label and the units of each layer. */
export interface TrainingViewRun {
  label: string;
  units: number[];
}

/** The session's runs changed (started, ended): lay out these runs, or the empty state for none. */
export interface TrainingViewRuns {
  type: 'runs';
  runs: TrainingViewRun[];
  playing: boolean;
  /** Title of the preset Play starts when nothing runs. */
  defaultTitle: string;
}

/** Messages the host sends to the Training view. */
export type ToTrainingViewMessage = TrainingViewRuns | ToPanelMessage;

/** Messages the Training view sends: handshake and the transport buttons. */
export type FromTrainingViewMessage = { type: 'ready' | 'play' | 'pause' | 'step' | 'reset' | 'openPanel' };

const TYPES: readonly FromTrainingViewMessage['type'][] = ['ready', 'play', 'pause', 'step', 'reset', 'openPanel'];

/** Validates a message from the Training view; never throws. */
export function parseFromTrainingView(raw: unknown): { ok: true; message: FromTrainingViewMessage } | { ok: false; error: string } {
  if (!isObject(raw)) return { ok: false, error: 'message is not an object' };
  if (!(TYPES as readonly unknown[]).includes(raw.type)) return { ok: false, error: `unknown message type ${describe(raw.type)}` };
  return { ok: true, message: { type: raw.type as FromTrainingViewMessage['type'] } };
}
