// Messages between the extension host and the Visualize Init panel webview.
// Anything that arrives from the webview is untrusted: parseFromPanel validates it before use.

/** Bumped whenever a message changes shape; host and webview compare it in the handshake. */
export const PANEL_PROTOCOL_VERSION = 1;

/** The webview has loaded its script and can receive messages. */
export interface PanelReady {
  type: 'ready';
  protocolVersion: number;
}

/** The webview asks the host to show an error it could not handle itself. */
export interface PanelReportError {
  type: 'reportError';
  message: string;
}

/** Messages the panel webview sends to the host. */
export type FromPanelMessage = PanelReady | PanelReportError;

/** The host's answer to `ready`: who it is and what the panel should show first. */
export interface PanelInit {
  type: 'init';
  protocolVersion: number;
  extensionVersion: string;
}

/** Messages the host sends to the panel webview. */
export type ToPanelMessage = PanelInit;

/** Result of validating an untrusted message: the typed message, or why it was rejected. */
export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

const MAX_ERROR_LENGTH = 2000;

/** Validates a message from the panel webview; never throws. */
export function parseFromPanel(raw: unknown): Parsed<FromPanelMessage> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'message is not an object' };
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      if (!Number.isInteger(m.protocolVersion)) return { ok: false, error: 'ready.protocolVersion must be an integer' };
      return { ok: true, message: { type: 'ready', protocolVersion: m.protocolVersion as number } };
    case 'reportError':
      if (typeof m.message !== 'string') return { ok: false, error: 'reportError.message must be a string' };
      return { ok: true, message: { type: 'reportError', message: m.message.slice(0, MAX_ERROR_LENGTH) } };
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(String(m.type)).slice(0, 60)}` };
  }
}
