// The webview side of the VS Code API, typed to our protocol.
import type { FromPanelMessage } from '../../src/shared/panelProtocol';

interface VsCodeApi<State> {
  postMessage(message: FromPanelMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** Acquires the API once (VS Code allows a single call per webview). */
export function getVsCodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
