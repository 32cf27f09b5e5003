import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { VisualizeInitApi } from '../../src/host/views';
import { activeExtension, panelTabs, waitFor, watchEventLoop } from './util';
import { waitForShown } from './workbenchDom';

const SOURCE = 'Visualize Init';

/** A file of the test workspace (test/fixtures/workspace). */
function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite runs without a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Our diagnostics on a document. */
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Waits until our diagnostics on `uri` satisfy `check` and returns them. */
function diagnosticsWhere(uri: vscode.Uri, what: string, check: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ours(uri);
    return check(ds) ? ds : undefined;
  }, timeoutMs);
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** The plain text of a hover's markdown parts. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

async function setSetting(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('visualizeInit.analysis').update(name, value, vscode.ConfigurationTarget.Global);
}

/**
 * A training notebook of about `megabytes` MB as Jupyter writes it: code cells with plot outputs
 * (base64 PNG data, most of the bytes), numpy imported in the first cell and one np.zeros weight in the last.
 */
function bigNotebook(megabytes: number): { json: string; cells: number; codeChars: number } {
  const cells: unknown[] = [];
  let bytes = 0;
  let codeChars = 0;
  let seed = 1;
  const png = () => {
    const b = Buffer.alloc(48_000);
    for (let i = 0; i < b.length; i++) b[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16;
    return b.toString('base64');
  };
  for (let i = 0; bytes < megabytes * 1e6; i++) {
    const lines = i === 0 ? ['import numpy as np', 'import torch', 'from torch import nn'] : [];
    for (let j = 0; j < 30; j++) lines.push(`layer_${i}_${j} = nn.Linear(${(i + j) % 500 + 1}, 64)  # block ${i}`, `x_${i}_${j} = torch.relu(layer_${i}_${j}(x))`);
    const source = lines.map((l) => `${l}\n`);
    const outputs = [{ output_type: 'display_data', data: { 'image/png': png(), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {} }];
    const cell = { cell_type: 'code', execution_count: i + 1, id: `c${i}`, metadata: {}, outputs, source };
    codeChars += source.join('').length;
    bytes += JSON.stringify(cell).length;
    cells.push(cell);
  }
  const last = ['W1 = np.zeros((784, 128))\n', 'W2 = np.random.randn(128, 10)'];
  codeChars += last.join('').length;
  cells.push({ cell_type: 'code', execution_count: null, id: 'last', metadata: {}, outputs: [], source: last });
  const json = JSON.stringify({ cells, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
  return { json, cells: cells.length, codeChars };
}

const ZEROS_PY = 'import numpy as np\n\nW1 = np.zeros((784, 128))\nb1 = np.zeros(128)\nW2 = np.random.randn(128, 10) * 0.01\n';

async function untitledPython(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function closeAll(): Promise<void> {
  // Untitled buffers are dirty: revert them first so closing never asks to save.
  for (let i = 0; i < 10 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('Initializer analysis in the editor', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAll();
    for (const name of ['enabled', 'severity', 'exclude', 'maxFileSize']) await setSetting(name, undefined);
  });

  test('model.py: a diagnostic on the np.zeros call with source, rule code and doc link; the bias is left alone', async () => {
    const uri = fixture('model.py');
    await vscode.window.showTextDocument(uri);
    const [d, ...rest] = await diagnosticsWhere(uri, 'the diagnostic on model.py', (ds) => ds.length > 0);
    assert.equal(rest.length, 0, `only W1 is flagged, got ${rest.map((r) => r.message).join('; ')}`);
    assert.equal(d.source, SOURCE);
    assert.equal(codeOf(d), 'VI001');
    assert.ok(typeof d.code === 'object' && d.code.target.path.endsWith('/docs/rules/VI001.md'), `doc link: ${JSON.stringify(d.code)}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    // W1 = np.zeros((784, 128)) on line 5: the range covers exactly the call.
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [4, 5, 4, 25]);
    assert.match(d.message, /All 128 units of this 784x128 layer start identical/);
  });

  test('hover on the flagged call explains this layer, the fix, and links to the panel with trust limited to our command', async () => {
    const uri = fixture('model.py');
    await vscode.window.showTextDocument(uri);
    await diagnosticsWhere(uri, 'the diagnostic on model.py', (ds) => ds.length > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 12));
    const text = hoverText(hovers);
    assert.match(text, /VI001/);
    assert.match(text, /All 128 units of this 784x128 layer start identical \(every weight 0\): same output, same gradient, forever/);
    assert.match(text, /same gradient, so every update keeps them equal/);
    assert.match(text, /np\.random\.default_rng\(\)\.standard_normal\(\(784, 128\)\) \* np\.sqrt\(2\.0 \/ 784\)/);
    assert.match(text, /\[\$\(graph\) Visualize this initializer\]\(command:visualizeInit\.open\?/);
    // The rule's page is the one packaged with the extension, never the analyzer's placeholder address.
    assert.match(text, /\[\$\(book\) About VI001\]\([^)\s]*\/docs\/rules\/VI001\.md\)/);
    assert.doesNotMatch(text, /example\.invalid/);
    const ourHover = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && c.value.includes('Visualize this initializer'));
    if (ourHover?.isTrusted !== undefined) assert.deepEqual(ourHover.isTrusted, { enabledCommands: ['visualizeInit.open'] });
    // Nothing on an unflagged line.
    const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(5, 8));
    assert.doesNotMatch(hoverText(none), /Visualize this initializer/);
  });

  test("the hover's link opens the Visualize Init panel with the finding's visualize request", async () => {
    const uri = fixture('model.py');
    await vscode.window.showTextDocument(uri);
    await diagnosticsWhere(uri, 'the diagnostic on model.py', (ds) => ds.length > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 12));
    const link = /\(command:(visualizeInit\.open)\?([^)\s]+)\)/.exec(hoverText(hovers));
    assert.ok(link, 'the hover has a command link');
    const args = JSON.parse(decodeURIComponent(link[2])) as unknown[];
    assert.deepEqual(args, [{ kind: 'zeros', value: 0, layerSizes: [784, 128], activation: 'unknown' }]);
    await vscode.commands.executeCommand(link[1], ...args);
    await waitFor('the panel tab', () => panelTabs().length === 1);
    assert.equal(panelTabs()[0].label, 'Visualize Init');
  });

  test('the preferred quick fix (He/Kaiming) rewrites the call and the diagnostic goes away', async () => {
    const doc = await untitledPython(ZEROS_PY);
    const [d] = await diagnosticsWhere(doc.uri, 'the diagnostic on the buffer', (ds) => ds.length === 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    // The command's result drops CodeAction.diagnostics, so our actions are told apart by their titles.
    const mine = actions.filter((a) => /Kaiming|Glorot|visualize-init/.test(a.title));
    assert.deepEqual(mine.map((a) => a.title), [
      'Initialize with He/Kaiming (ReLU family)',
      'Initialize with Xavier/Glorot (tanh/sigmoid)',
      'Ignore VI001 on this line (add a visualize-init comment)',
    ]);
    const preferred = mine.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.ok(preferred[0].kind && vscode.CodeActionKind.QuickFix.contains(preferred[0].kind));
    assert.ok(preferred[0].edit && await vscode.workspace.applyEdit(preferred[0].edit));
    assert.equal(doc.lineAt(2).text, 'W1 = np.random.default_rng().standard_normal((784, 128)) * np.sqrt(2.0 / 784)');
    await diagnosticsWhere(doc.uri, 'the diagnostic to clear', (ds) => ds.length === 0);
  });

  test('the ignore-comment fix suppresses the finding; context.only is honoured', async () => {
    const doc = await untitledPython(ZEROS_PY);
    const [d] = await diagnosticsWhere(doc.uri, 'the diagnostic on the buffer', (ds) => ds.length === 1);
    const refactors = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.Refactor.value);
    assert.equal(refactors.filter((a) => a.title.includes('visualize-init') || a.title.includes('Kaiming')).length, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => a.title.startsWith('Ignore VI001'));
    assert.ok(ignore?.edit && await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(doc.lineAt(2).text, 'W1 = np.zeros((784, 128))  # visualize-init: ignore[VI001]');
    await diagnosticsWhere(doc.uri, 'the diagnostic to clear', (ds) => ds.length === 0);
  });

  test('hover and quick fixes asked right after an edit share the one analysis of the new version, and describe the new text', async () => {
    const { analyzer } = (await activeExtension()).exports as VisualizeInitApi;
    const doc = await untitledPython(ZEROS_PY);
    await diagnosticsWhere(doc.uri, 'the diagnostic on the buffer', (ds) => ds.length === 1);
    const analyzed: string[] = [];
    const watch = analyzer.onWillAnalyze((input) => {
      if (input.kind === 'text') analyzed.push(input.text);
    });
    try {
      const before = doc.version;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(2, 20, 2, 23), '256'); // W1 = np.zeros((784, 128)) -> (784, 256)
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('the edit to reach the document', () => doc.version > before);
      const text = doc.getText();
      assert.equal(doc.lineAt(2).text, 'W1 = np.zeros((784, 256))');
      // Both ask before the debounced diagnostics run (300 ms) starts: neither may analyze on its own.
      const [hovers, actions] = await Promise.all([
        vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 12)),
        vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(2, 5, 2, 25), vscode.CodeActionKind.QuickFix.value),
      ]);
      assert.match(hoverText(hovers), /All 256 units of this 784x256 layer start identical/);
      const preferred = actions.filter((a) => a.isPreferred && /Kaiming/.test(a.title));
      assert.equal(preferred.length, 1, `quick fixes: ${actions.map((a) => a.title).join('; ')}`);
      const replacement = preferred[0].edit?.entries().flatMap(([, edits]) => edits.map((e) => e.newText)) ?? [];
      assert.deepEqual(replacement, ['np.random.default_rng().standard_normal((784, 256)) * np.sqrt(2.0 / 784)']);
      // The debounced run publishes that same analysis instead of starting another one.
      await diagnosticsWhere(doc.uri, 'the diagnostic of the edited text', (ds) => ds.length === 1 && /784x256/.test(ds[0].message));
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(analyzed.filter((t) => t === text).length, 1, `analyses of the new version: ${analyzed.filter((t) => t === text).length} (of ${analyzed.length} in all)`);
      assert.equal(doc.version, before + 1);
    } finally {
      watch.dispose();
    }
  });

  test('diagnostics follow typing and disappear when the document closes', async () => {
    const doc = await untitledPython('import numpy as np\n\nW1 = np.random.randn(784, 128) * 0.01\n');
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(ours(doc.uri).length, 0);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === doc);
    // Type a constant input layer in small steps, as a user would: only the final text is reported.
    let column = 0;
    for (const chunk of ['W0 = ', 'np.', 'ones', '((64, 784))']) {
      await editor.edit((e) => e.insert(new vscode.Position(2, column), chunk));
      column += chunk.length;
    }
    await editor.edit((e) => e.insert(new vscode.Position(2, column), '\n'));
    const [d] = await diagnosticsWhere(doc.uri, 'the diagnostic on the typed line', (ds) => ds.length === 1);
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /every weight 1/);
    await closeAll();
    await diagnosticsWhere(doc.uri, 'the diagnostics to be cleared on close', (ds) => ds.length === 0);
  });

  test('the cells of a Jupyter notebook are flagged, with imports from an earlier cell resolved', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(fixture('notebook.ipynb'));
    assert.equal(notebook.notebookType, 'jupyter-notebook');
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(2);
    const [d] = await diagnosticsWhere(cell.document.uri, 'the diagnostic on the third cell', (ds) => ds.length === 1).catch((err: Error) => {
      const all = vscode.languages.getDiagnostics().filter(([u]) => u.scheme === 'vscode-notebook-cell').map(([u, ds]) => `${u.toString()}: ${ds.length}`);
      throw new Error(`${err.message}; cell ${cell.document.uri.toString()}; cell diagnostics: ${all.join(', ') || 'none'}; open notebooks: ${vscode.workspace.notebookDocuments.map((n) => n.uri.toString()).join(', ')}`);
    });
    assert.equal(codeOf(d), 'VI001');
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /every weight 0\.5/);
    assert.equal(ours(notebook.cellAt(1).document.uri).length, 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell.document.uri, d.range.start.translate(0, 3));
    assert.match(hoverText(hovers), /Visualize this initializer/);
    // tanh after this layer: the preferred fix is Xavier/Glorot.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', cell.document.uri, d.range);
    assert.equal(actions.find((a) => a.isPreferred)?.title, 'Initialize with Xavier/Glorot (tanh/sigmoid)');
  });

  test('a notebook made in memory is analyzed too', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import numpy as np', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# weights', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'W1 = np.full((32, 16), 0.1)\nW2 = np.random.randn(16, 4)', 'python'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const [d] = await diagnosticsWhere(notebook.cellAt(2).document.uri, 'the diagnostic on the in-memory cell', (ds) => ds.length === 1);
    assert.equal(codeOf(d), 'VI001');
  });

  test('TensorFlow.js: a zero kernel under ReLU is flagged in a .js file', async () => {
    const uri = fixture('tfjs_model.js');
    await vscode.window.showTextDocument(uri);
    const [d] = await diagnosticsWhere(uri, 'the diagnostic on tfjs_model.js', (ds) => ds.length === 1);
    assert.equal(codeOf(d), 'VI004');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(d.range), "'zeros'");
  });

  test('settings: severity per rule, off, exclude globs and enabled are applied at once', async () => {
    const uri = fixture('model.py');
    await vscode.window.showTextDocument(uri);
    await diagnosticsWhere(uri, 'the warning', (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Warning);
    await setSetting('severity', { VI001: 'error' });
    await diagnosticsWhere(uri, 'the severity to become error', (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Error);
    await setSetting('severity', { VI001: 'off' });
    await diagnosticsWhere(uri, 'VI001 to be switched off', (ds) => ds.length === 0);
    await setSetting('severity', undefined);
    await diagnosticsWhere(uri, 'the diagnostic to come back', (ds) => ds.length === 1);
    await setSetting('exclude', ['**/model.py']);
    await diagnosticsWhere(uri, 'the excluded file to be cleared', (ds) => ds.length === 0);
    await setSetting('exclude', undefined);
    await diagnosticsWhere(uri, 'the diagnostic to come back', (ds) => ds.length === 1);
    await setSetting('enabled', false);
    await diagnosticsWhere(uri, 'analysis off: no diagnostics', (ds) => ds.length === 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 12));
    assert.doesNotMatch(hoverText(hovers), /Visualize this initializer/);
  });

  test('Analyze Initializers in Current File counts the findings, also with analysis switched off', async () => {
    await vscode.window.showTextDocument(fixture('model.py'));
    assert.equal(await vscode.commands.executeCommand<number>('visualizeInit.analyzeCurrentFile'), 1);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await setSetting('enabled', false);
    assert.equal(await vscode.commands.executeCommand<number>('visualizeInit.analyzeCurrentFile'), 1);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const clean = await untitledPython('import numpy as np\nW = np.random.randn(3, 4)\n');
    assert.equal(vscode.window.activeTextEditor?.document, clean);
    assert.equal(await vscode.commands.executeCommand<number>('visualizeInit.analyzeCurrentFile'), 0);
  });

  test('Analyze Initializers in Current File without an editor or in an unsupported language answers with a message', async () => {
    await closeAll();
    assert.equal(await vscode.commands.executeCommand('visualizeInit.analyzeCurrentFile'), undefined);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'W = np.zeros((3, 4))' });
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('visualizeInit.analyzeCurrentFile'), undefined);
  });

  test('a 50,000-line file is analyzed in the worker: the host never stalls, and an edit during the analysis wins over its stale result', async function () {
    this.timeout(180_000);
    await setSetting('maxFileSize', 5_000_000);
    const lines: string[] = ['import numpy as np', 'import torch', 'from torch import nn'];
    for (let i = 0; lines.length < 50_000; i++) lines.push(`layer_${i} = nn.Linear(${i % 500 + 1}, 64)`, `x_${i} = torch.relu(layer_${i}(x))`);
    const flaggedLine = lines.push('W1 = np.zeros((784, 128))', 'W2 = np.random.randn(128, 10)') - 2;
    // How late a 20 ms timer fires. Opening a 1.7 MB buffer costs VS Code itself some time, so only the
    // phase after it is judged: edits while the analysis runs, until its finding is shown. The analyzer
    // needs 4 to 12 s for this file on our 2-core machines: on the host's thread that would stall the host
    // that long (and the workbench would call it unresponsive); in the worker what remains is scheduling
    // noise of a busy shared machine (200-450 ms seen under a load average of 17).
    let worstLag = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      worstLag = Math.max(worstLag, now - last - 20);
      last = now;
    }, 20);
    try {
      const doc = await untitledPython(lines.join('\n'));
      await new Promise((r) => setTimeout(r, 1000));
      const openingLag = worstLag;
      worstLag = 0;
      const started = Date.now();
      // The analysis started when the buffer opened and is still running: this edit makes its result stale.
      await vscode.window.activeTextEditor?.edit((e) => e.insert(new vscode.Position(0, 0), '# edited while analyzing\n'));
      const [d] = await diagnosticsWhere(doc.uri, 'the finding at the end of the 50,000-line buffer', (ds) => ds.length === 1, 150_000);
      assert.equal(d.range.start.line, flaggedLine + 1, 'the finding is placed by the analysis of the edited text');
      console.log(`50,000 lines: finding after ${Date.now() - started} ms; worst event-loop lag ${openingLag} ms while opening, ${worstLag} ms while editing and analyzing`);
      assert.ok(worstLag < 1500, `the extension host's event loop stalled for ${worstLag} ms`);
    } finally {
      clearInterval(ticker);
    }
  });

  test('a 20 MB notebook: not analyzed as you type, with a message saying so; on request in the worker; the host never stalls', async function () {
    this.timeout(180_000);
    const { json, cells, codeChars } = bigNotebook(20);
    assert.ok(codeChars > 300_000, `the notebook's code (${codeChars} characters) is above the default maxFileSize`);
    const dir = mkdtempSync(join(tmpdir(), 'vi-notebook-'));
    const file = join(dir, 'big_training.ipynb');
    writeFileSync(file, json);
    const loop = watchEventLoop();
    try {
      const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
      await vscode.window.showNotebookDocument(notebook);
      assert.equal(notebook.cellCount, cells);
      // Reading and rendering 20 MB is VS Code's own work (its ipynb serializer runs in this host): judged from here on.
      await new Promise((r) => setTimeout(r, 1000));
      const opening = { p99: loop.p99(), worst: loop.worst };
      loop.reset();
      // Read from the notification centre: a toast hides after 15 s, and opening 20 MB can take that long on a busy machine.
      await vscode.commands.executeCommand('notifications.showList');
      const told = await waitForShown('.notifications-center .notification-list-item-message', /big_training\.ipynb is too large to analyze as you type/);
      await vscode.commands.executeCommand('notifications.hideList');
      assert.match(told, /Analyze Initializers in Current File/, 'the message says how to analyze it anyway');
      assert.equal(notebook.getCells().reduce((n, c) => n + ours(c.document.uri).length, 0), 0, 'no diagnostics as you type');
      const asYouType = { p99: loop.p99(), worst: loop.worst };
      loop.reset();
      const started = Date.now();
      assert.equal(await vscode.commands.executeCommand<number>('visualizeInit.analyzeCurrentFile'), 1, 'on request the np.zeros weight in the last cell is found');
      const analysisMs = Date.now() - started;
      const onRequest = { p99: loop.p99(), worst: loop.worst };
      // The findings list previews its first entry: the notebook scrolls to the last cell, far below the viewport.
      const lastCell = cells - 1;
      const lastUri = notebook.cellAt(lastCell).document.uri.toString();
      await waitFor('the notebook to select and show the finding in its last cell', () => vscode.window.activeNotebookEditor?.selections[0]?.start === lastCell
        && vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === lastUri && e.selection.start.line === 0 && !e.selection.isEmpty));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const f = (x: { p99: number; worst: number }) => `p99 ${x.p99.toFixed(0)} ms, worst ${x.worst.toFixed(0)} ms`;
      console.log(`20 MB notebook: ${(json.length / 1e6).toFixed(1)} MB, ${cells} cells, ${codeChars} characters of code; event-loop lag ${f(opening)} while VS Code opens it, ${f(asYouType)} until the too-large message, ${f(onRequest)} during the ${analysisMs} ms analysis on request`);
      assert.ok(asYouType.worst < 1500 && onRequest.worst < 1500, `the extension host's event loop stalled (${f(asYouType)} as you type, ${f(onRequest)} on request)`);
    } finally {
      loop.stop();
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('above visualizeInit.analysis.maxFileSize a file is not analyzed as you type, but on request', async function () {
    this.timeout(60_000);
    await setSetting('maxFileSize', 1_000);
    const lines: string[] = ['import numpy as np'];
    for (let i = 0; lines.length < 100; i++) lines.push(`h_${i} = np.tanh(x @ V_${i % 7})`);
    lines.push('W1 = np.zeros((784, 128))', 'W2 = np.random.randn(128, 10)');
    const doc = await untitledPython(lines.join('\n'));
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(ours(doc.uri).length, 0);
    assert.equal(await vscode.commands.executeCommand<number>('visualizeInit.analyzeCurrentFile'), 1);
  });
});
