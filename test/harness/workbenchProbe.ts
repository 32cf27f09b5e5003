// Integration tests run inside the extension host and cannot see the workbench. They ask the harness's
// browser what the user sees: the question travels as one line on the host's console (which reaches
// the harness through codeAutomationLog), the answer comes back as a JSON file in VI_PROBE_DIR.
// No Node built-ins at the top level: the host side bundles the protocol part of this file.

/** Prefix of a question line on the extension host's console. */
export const PROBE_MARKER = 'vi-probe:';

/** The environment variable naming the folder the answers are written to. */
export const PROBE_DIR_ENV = 'VI_PROBE_DIR';

/** A question: which elements match `selector`, in the workbench page and in every (nested) webview frame. */
export interface ProbeQuestion {
  id: string;
  selector: string;
}

/** One matching element: its text, whether it is rendered, and whether it lives inside a webview. */
export interface ProbeElement {
  text: string;
  visible: boolean;
  inWebview: boolean;
}

/** The answer file's content. */
export type ProbeAnswer = { elements: ProbeElement[] } | { error: string };

/** The question a console line carries, or undefined when the line is not one. */
export function parseProbe(line: string): ProbeQuestion | undefined {
  if (!line.startsWith(PROBE_MARKER)) return undefined;
  try {
    const q = JSON.parse(line.slice(PROBE_MARKER.length)) as Partial<ProbeQuestion>;
    return typeof q.id === 'string' && /^[\w-]+$/.test(q.id) && typeof q.selector === 'string' ? { id: q.id, selector: q.selector } : undefined;
  } catch {
    return undefined;
  }
}
