import * as vscode from 'vscode';

/** The extension's id: publisher.name from package.json. */
export const EXTENSION_ID = 'visualize-init.visualize-init';

/** The extension under test, activated. Fails the test when activation throws. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this extension host`);
  await ext.activate();
  return ext;
}

/** Polls `check` until it returns a value (not undefined/false) or the time runs out. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Tabs showing our panel's webview. */
export function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('visualizeInit.panel'));
}

/** How late a 20 ms timer fires on the extension host's thread: what a user feels as a stalled host. */
export interface EventLoopWatch {
  /** The worst lag (ms) since the start or the last reset. */
  readonly worst: number;
  /** The 99th percentile of the lags (ms) since the start or the last reset. */
  p99(): number;
  reset(): void;
  stop(): void;
}

/** Starts measuring the extension host's event-loop lag; stop() it in a finally. */
export function watchEventLoop(intervalMs = 20): EventLoopWatch {
  let lags: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - intervalMs));
    last = now;
  }, intervalMs);
  return {
    get worst() {
      return lags.reduce((a, b) => Math.max(a, b), 0);
    },
    p99: () => [...lags].sort((a, b) => a - b)[Math.floor(lags.length * 0.99)] ?? 0,
    reset: () => { lags = []; },
    stop: () => clearInterval(timer),
  };
}
