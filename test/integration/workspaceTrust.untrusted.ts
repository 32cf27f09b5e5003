import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import type { VisualizeInitApi } from '../../src/host/views';
import { presetById } from '../../src/shared/presets';
import { activeExtension, waitFor } from './util';
import { waitForShown } from './workbenchDom';

const SOURCE = 'Visualize Init';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the Restricted Mode suite runs without a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function codes(uri: vscode.Uri): Array<[string | number | undefined, number]> {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE)
    .map((d) => [typeof d.code === 'object' ? d.code.value : d.code, d.range.start.line]);
}

/** The fixtures write a file named EXECUTED when anything runs them. */
function executedMarkers(): string[] {
  return readdirSync(fixture('.').fsPath, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('EXECUTED'));
}

suite('Untrusted workspace (Restricted Mode)', () => {
  suiteSetup(() => {
    assert.deepEqual(executedMarkers(), [], 'the fixture folder starts clean');
  });

  test('the folder really is untrusted, and the extension activates there', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await waitForShown('.statusbar-item', /Restricted Mode/);
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
    assert.equal((ext.packageJSON.capabilities as { untrustedWorkspaces: { supported: unknown } }).untrustedWorkspaces.supported, true);
  });

  test('analysis still works: diagnostics as you type, the workspace scan and the palette command', async () => {
    const { findings } = (await activeExtension()).exports as VisualizeInitApi;
    const model = fixture('model.py');
    await vscode.window.showTextDocument(model);
    await waitFor('the diagnostic on the np.zeros weights of model.py', () => codes(model).length > 0);
    assert.deepEqual(codes(model), [['VI001', 8]]);
    const tfjs = fixture('tfjs_model.js');
    await vscode.window.showTextDocument(tfjs);
    await waitFor('the diagnostic on the zero kernel of tfjs_model.js', () => codes(tfjs).length > 0);
    assert.deepEqual(codes(tfjs), [['VI004', 8]]);
    assert.equal(await vscode.commands.executeCommand<number>('visualizeInit.analyzeCurrentFile'), 1);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const scan = await findings.scan();
    assert.ok(scan && !scan.cancelled, 'the scan finished');
    assert.deepEqual(findings.results.map((f) => f.path).sort(), [model.toString(), tfjs.toString()]);
    // The user sees them where they look: the Problems view lists both files' findings.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitForShown('.markers-panel .monaco-list-row', /VI001/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the panel trains its own network in Restricted Mode', async () => {
    const { session } = (await activeExtension()).exports as VisualizeInitApi;
    await vscode.commands.executeCommand('visualizeInit.open');
    session.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: false });
    await waitForShown('[data-run-step="0"]', /^step [1-9][\d,]{2,}$/, 30_000);
    session.handle({ type: 'pause' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('nothing in the workspace was executed', () => {
    assert.deepEqual(executedMarkers(), []);
  });
});
