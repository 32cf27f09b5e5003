import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VisualizeInitApi } from '../../src/host/views';
import { MAX_HISTORY } from '../../src/host/views/runHistory';
import { TrainingViewProvider } from '../../src/host/views/trainingView';
import type { SessionChange, TrainingSession } from '../../src/host/training/trainingSession';
import { Emitter } from '../../src/shared/emitter';
import { presetById } from '../../src/shared/presets';
import { activeExtension, waitFor } from './util';

async function api(): Promise<VisualizeInitApi> {
  return (await activeExtension()).exports as VisualizeInitApi;
}

const fixtureFile = (name: string): string => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name).toString();

suite('Side views', () => {
  test('the container contributes Training (webview), Runs and Initializer Findings, and a 4-step walkthrough', async () => {
    const ext = await activeExtension();
    const views = ext.packageJSON.contributes.views.visualizeInit as Array<{ id: string; type?: string }>;
    assert.deepEqual(views.map((v) => v.id), ['visualizeInit.training', 'visualizeInit.runs', 'visualizeInit.findings']);
    assert.equal(views[0].type, 'webview');
    const walkthrough = ext.packageJSON.contributes.walkthroughs[0] as { steps: Array<{ media: { image: string } }> };
    assert.equal(walkthrough.steps.length, 4);
    for (const s of walkthrough.steps) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, s.media.image));
    }
  });

  test('the Findings scan lists the fixture workspace findings grouped by file, with rule codes', async () => {
    const { findings } = await api();
    const result = await findings.scan();
    assert.ok(result && !result.cancelled);
    const model = findings.results.find((f) => f.path === fixtureFile('model.py'));
    assert.ok(model, `model.py is listed (got ${findings.results.map((f) => f.path).join(', ')})`);
    assert.deepEqual(model.findings.map((f) => [f.code, f.range.start.line]), [['VI001', 4]]);
    const root = findings.getChildren();
    assert.equal(root.length, findings.results.length);
    const item = findings.getTreeItem(findings.getChildren(root.find((n) => n.file.path === model.path))[0]);
    assert.match(String(item.label), /^VI001 W1: /);
    assert.equal(item.description, 'line 5');
  });

  test('clicking a finding opens the file at its line', async () => {
    const { findings } = await api();
    await findings.scan();
    const model = findings.results.find((f) => f.path === fixtureFile('model.py'))!;
    const item = findings.getTreeItem({ kind: 'finding', file: model, finding: model.findings[0] });
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = await waitFor('model.py in the editor', () => vscode.window.activeTextEditor?.document.uri.toString() === model.path && vscode.window.activeTextEditor);
    assert.equal(editor.selection.start.line, 4);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('clicking a notebook finding opens the notebook at its cell', async () => {
    const { findings } = await api();
    await findings.scan();
    const notebook = findings.results.find((f) => f.path === fixtureFile('notebook.ipynb'));
    assert.ok(notebook, 'the fixture notebook has a finding');
    const finding = notebook.findings[0];
    assert.equal(typeof finding.cell, 'number');
    const item = findings.getTreeItem({ kind: 'finding', file: notebook, finding });
    assert.match(String(item.description), new RegExp(`^cell ${finding.cell! + 1}, line `));
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = await waitFor('the notebook editor', () => vscode.window.activeNotebookEditor?.notebook.uri.toString() === notebook.path && vscode.window.activeNotebookEditor);
    assert.equal(editor.selection.start, finding.cell);
    await waitFor('the cell editor at the line', () => vscode.window.activeTextEditor?.document.uri.scheme === 'vscode-notebook-cell'
      && vscode.window.activeTextEditor.selection.start.line === finding.range.start.line);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a scan can be cancelled: it stops and says so', async () => {
    const { findings } = await api();
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    const result = await findings.scan({ token: source.token });
    assert.equal(result?.cancelled, true);
    assert.equal(result?.scanned, 0);
    await findings.scan();
  });

  test('the analysis exclude setting and the rule severities apply to the scan', async () => {
    const { findings } = await api();
    const config = vscode.workspace.getConfiguration('visualizeInit.analysis');
    try {
      await config.update('exclude', ['**/model.py'], vscode.ConfigurationTarget.Global);
      await findings.scan();
      assert.ok(!findings.results.some((f) => f.path === fixtureFile('model.py')), 'model.py is excluded');
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Global);
      await config.update('severity', { VI001: 'off' }, vscode.ConfigurationTarget.Global);
      await findings.scan();
      assert.ok(!findings.results.some((f) => f.findings.some((x) => x.code === 'VI001')), 'VI001 is off');
    } finally {
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Global);
      await config.update('severity', undefined, vscode.ConfigurationTarget.Global);
    }
    await findings.scan();
    assert.ok(findings.results.some((f) => f.path === fixtureFile('model.py')));
  });

  test('saving a file updates its findings', async () => {
    const { findings } = await api();
    await findings.scan();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'scratch_views_test.py');
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('import numpy as np\nW1 = np.random.randn(10, 20)\nW2 = np.random.randn(20, 5)\n'));
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.replace(new vscode.Range(1, 0, 1, 100), 'W1 = np.ones((10, 20))'));
      await doc.save();
      await waitFor('the saved file in the findings', () => findings.results.some((f) => f.path === uri.toString()));
      await editor.edit((e) => e.replace(new vscode.Range(1, 0, 1, 100), 'W1 = np.random.randn(10, 20)'));
      await doc.save();
      await waitFor('the fixed file to leave the findings', () => !findings.results.some((f) => f.path === uri.toString()));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('runs the user starts enter the history, update while training, and the history stays bounded', async () => {
    const { session, runHistory } = await api();
    runHistory.clear();
    session.handle({ type: 'start', runs: presetById('constant05')!.runs(), paused: false });
    const entry = await waitFor('a history entry that trained', () => runHistory.list[0]?.outcome.steps > 5 && runHistory.list[0], 20_000);
    assert.equal(entry.label, 'constant 0.5');
    assert.deepEqual(runHistory.liveIds, [entry.id]);
    await waitFor('distinct units in the outcome', () => runHistory.list[0].outcome.distinct.length === 3, 10_000);
    assert.equal(runHistory.list[0].outcome.distinct[0].k, 1, 'constant init: one distinct unit');
    // Start more runs than the history keeps: the oldest drop out.
    for (let i = 0; i < MAX_HISTORY + 3; i++) session.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: true });
    assert.equal(runHistory.list.length, MAX_HISTORY);
    assert.ok(!runHistory.list.some((e) => e.id === entry.id), 'the first run was dropped');
    assert.ok(runHistory.list.slice(1).every((e) => e.endedAt !== undefined), 'replaced runs are marked ended');
    session.handle({ type: 'pause' });
    runHistory.clear();
    assert.equal(runHistory.list.length, 0);
  });

  test('Runs commands: compare two runs trains them as a lockstep pair, open one trains it alone, delete removes them', async () => {
    const { session, runHistory } = await api();
    runHistory.clear();
    session.handle({ type: 'start', runs: presetById('constant05')!.runs(), paused: true });
    session.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: true });
    const [he, constant] = runHistory.list;
    const node = (e: typeof he) => ({ kind: 'run', entry: e });
    await vscode.commands.executeCommand('visualizeInit.compareRuns', node(constant), [node(constant), node(he)]);
    assert.deepEqual(session.runs.map((r) => r.spec.label), ['constant 0.5', 'He normal']);
    assert.equal(runHistory.list[0].partnerId, runHistory.list[1].id, 'the pair is recorded as partners');
    await waitFor('the panel to show the pair', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Visualize Init')));
    await vscode.commands.executeCommand('visualizeInit.openRun', node(he));
    assert.deepEqual(session.runs.map((r) => r.spec.label), ['He normal']);
    const before = runHistory.list.length;
    await vscode.commands.executeCommand('visualizeInit.deleteRun', node(he), [node(he), node(constant)]);
    assert.equal(runHistory.list.length, before - 2);
    assert.ok(!runHistory.list.some((e) => e.id === he.id || e.id === constant.id));
    session.handle({ type: 'pause' });
    runHistory.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open Sample opens an untitled Python file with np.zeros weights', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('visualizeInit.openSample');
    const doc = await waitFor('the sample', () => vscode.window.activeTextEditor?.document);
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'python');
    assert.match(doc.getText(), /W1 = np\.zeros\(\(784, 128\)\)/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

/** A fake vscode event that counts its live subscriptions. */
function countingEvent<T>(): { event: vscode.Event<T>; fire(e: T): void; readonly live: number } {
  const listeners = new Set<(e: T) => unknown>();
  return {
    event: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    fire: (e) => {
      for (const l of [...listeners]) l(e);
    },
    get live() {
      return listeners.size;
    },
  };
}

/** A TrainingSession stand-in that counts its change listeners and attached viewers. */
function countingSession(): { session: TrainingSession; readonly listeners: number; readonly viewers: number } {
  const changes = new Emitter<SessionChange>();
  let listeners = 0;
  let viewers = 0;
  const session = {
    onDidChange: (l: (c: SessionChange) => void) => {
      listeners++;
      const d = changes.event(l);
      return { dispose: () => { listeners--; d.dispose(); } };
    },
    attach: () => {
      viewers++;
      let attached = true;
      return { setVisible: () => undefined, resendStatus: () => undefined, dispose: () => { if (attached) viewers--; attached = false; } };
    },
    active: undefined,
    handle: () => undefined,
  };
  return { session: session as unknown as TrainingSession, get listeners() { return listeners; }, get viewers() { return viewers; } };
}

/** A WebviewView stand-in whose events count their subscriptions. */
function fakeWebviewView(): { view: vscode.WebviewView; readonly live: number; dispose(): void } {
  const visibility = countingEvent<void>();
  const messages = countingEvent<unknown>();
  const disposed = countingEvent<void>();
  const webview = {
    options: {}, html: '', cspSource: 'https://example.invalid',
    asWebviewUri: (u: vscode.Uri) => u,
    onDidReceiveMessage: messages.event,
    postMessage: () => Promise.resolve(true),
  };
  const view = { webview, visible: true, onDidChangeVisibility: visibility.event, onDidDispose: disposed.event };
  return {
    view: view as unknown as vscode.WebviewView,
    get live() { return visibility.live + messages.live + disposed.live; },
    dispose: () => disposed.fire(),
  };
}

suite('Training view provider', () => {
  const log = { warn: () => undefined } as unknown as vscode.LogOutputChannel;

  test('disposing the provider removes its session listeners, detaches its view and drops the view\'s subscriptions', async () => {
    const { extensionUri } = await activeExtension();
    const fake = countingSession();
    const provider = new TrainingViewProvider(extensionUri, fake.session, () => undefined, log);
    assert.equal(fake.listeners, 1, 'the provider listens to the session');
    const view = fakeWebviewView();
    provider.resolveWebviewView(view.view);
    assert.equal(fake.viewers, 1, 'the view is attached to the session');
    assert.equal(view.live, 3, 'visibility, messages and dispose of the view');
    provider.dispose();
    assert.equal(fake.listeners, 0);
    assert.equal(fake.viewers, 0);
    assert.equal(view.live, 0);
  });

  test('a disposed view releases what it held; a replaced view too; the provider keeps its session listener', async () => {
    const { extensionUri } = await activeExtension();
    const fake = countingSession();
    const provider = new TrainingViewProvider(extensionUri, fake.session, () => undefined, log);
    const first = fakeWebviewView();
    provider.resolveWebviewView(first.view);
    first.dispose();
    assert.equal(fake.viewers, 0);
    assert.equal(first.live, 0);
    assert.equal(fake.listeners, 1);
    const second = fakeWebviewView();
    const third = fakeWebviewView();
    provider.resolveWebviewView(second.view);
    provider.resolveWebviewView(third.view);
    assert.equal(fake.viewers, 1, 'only the newest view is attached');
    assert.equal(second.live, 0);
    assert.equal(third.live, 3);
    provider.dispose();
    assert.deepEqual([fake.listeners, fake.viewers, third.live], [0, 0, 0]);
  });
});
