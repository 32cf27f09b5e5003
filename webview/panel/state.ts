// The panel's small UI state, persisted with the webview API's setState/getState so the panel
// comes back as it was after being hidden or after a window reload.
import type { PanelRunSpec } from '../../src/shared/panelProtocol';

/** What the panel remembers across hide/reload. Weights are not stored: they stream again. */
export interface UiState {
  version: 1;
  /** Preset the runs came from, or null when the user edited them or they came from a code hover. */
  presetId: string | null;
  /** Lesson shown under the header. */
  lesson: string;
  runs: PanelRunSpec[];
  paused: boolean;
  /** Steps per second, or null = as fast as possible. */
  speed: number | null;
  /** Which run the settings section edits. */
  editRun: number;
  settingsOpen: boolean;
}

/** State of a panel opened for the first time. */
export function defaultState(runs: PanelRunSpec[], presetId: string | null, lesson: string): UiState {
  return { version: 1, presetId, lesson, runs, paused: false, speed: null, editRun: 0, settingsOpen: false };
}

/** The persisted state if it looks like ours, else undefined (e.g. after an incompatible update). */
export function restoreState(raw: unknown): UiState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Partial<UiState>;
  if (s.version !== 1 || !Array.isArray(s.runs) || s.runs.length < 1 || s.runs.length > 2) return undefined;
  return {
    version: 1,
    presetId: typeof s.presetId === 'string' ? s.presetId : null,
    lesson: typeof s.lesson === 'string' ? s.lesson : '',
    runs: s.runs,
    paused: s.paused === true,
    speed: typeof s.speed === 'number' ? s.speed : null,
    editRun: s.editRun === 1 && s.runs.length > 1 ? 1 : 0,
    settingsOpen: s.settingsOpen === true,
  };
}
