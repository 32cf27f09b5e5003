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
