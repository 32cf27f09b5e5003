import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, panelTabs, waitFor } from './util';

suite('Extension', () => {
  test('activates in the real extension host', async () => {
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
  });

  test('measures its activation time (printed here; the figure is a benchmark, not an assertion)', async () => {
    const ext = await activeExtension();
    const { activation } = ext.exports as { activation: { loadMs: number; activateMs: number } };
    assert.ok(Number.isFinite(activation.activateMs) && activation.activateMs >= 0);
    assert.ok(Number.isFinite(activation.loadMs) && activation.loadMs >= 0);
    console.log(`ACTIVATION activate() ${activation.activateMs.toFixed(1)} ms, bundle load ${activation.loadMs.toFixed(1)} ms (target <= 30 ms)`);
  });

  test('contributes the palette commands with their titles', async () => {
    const ext = await activeExtension();
    const commands = (ext.packageJSON.contributes.commands as Array<{ command: string; title: string }>);
    const nls = JSON.parse(readFileSync(join(ext.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const localized = (s: string) => nls[s.replace(/^%(.*)%$/, '$1')] ?? s;
    const titles = new Map(commands.map((c) => [c.command, localized(c.title)]));
    assert.equal(titles.get('visualizeInit.open'), 'Visualize Init');
    assert.equal(titles.get('visualizeInit.analyzeCurrentFile'), 'Analyze Initializers in Current File');
  });

  test('registers every contributed command', async () => {
    const ext = await activeExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of ext.packageJSON.contributes.commands as Array<{ command: string }>) {
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
    }
  });

  test('ships the trainer worker bundle', async () => {
    const ext = await activeExtension();
    const worker = join(ext.extensionPath, 'dist', 'trainerWorker.js');
    assert.ok(existsSync(worker), `${worker} is missing from the build`);
  });
});

suite('Visualize Init panel', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the command opens one panel and reveals it instead of opening another', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('visualizeInit.open');
    await waitFor('the panel tab', () => panelTabs().length === 1);
    await vscode.commands.executeCommand('visualizeInit.open');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(panelTabs().length, 1);
    assert.equal(panelTabs()[0].label, 'Visualize Init');
  });

  test('closing the panel disposes it; the command opens a fresh one', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('visualizeInit.open');
    await waitFor('the panel tab', () => panelTabs().length === 1);
    await vscode.window.tabGroups.close(panelTabs());
    await waitFor('the panel to close', () => panelTabs().length === 0);
    await vscode.commands.executeCommand('visualizeInit.open');
    await waitFor('a new panel tab', () => panelTabs().length === 1);
  });

  test('hiding the panel behind an editor and running the command again reveals the same panel', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('visualizeInit.open');
    await waitFor('the panel tab', () => panelTabs().length === 1);
    const doc = await vscode.workspace.openTextDocument({ content: 'x = 1', language: 'python' });
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.Active);
    await waitFor('the panel to be hidden', () => panelTabs().length === 1 && !panelTabs()[0].isActive);
    await vscode.commands.executeCommand('visualizeInit.open');
    await waitFor('the panel to be revealed', () => panelTabs().length === 1 && panelTabs()[0].isActive);
  });

  test('opens with an initializer from a hover link, and survives a malformed one', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('visualizeInit.open', { kind: 'constant', value: 0.5, layerSizes: [784, 128], activation: 'relu' });
    await waitFor('the panel tab', () => panelTabs().length === 1);
    await vscode.commands.executeCommand('visualizeInit.open', { kind: '<script>', activation: 42 });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(panelTabs().length, 1, 'still exactly one panel');
  });

  test('the panel can be restored after a reload (a serializer is registered for it)', async () => {
    const ext = await activeExtension();
    assert.ok((ext.packageJSON.activationEvents as string[]).includes('onWebviewPanel:visualizeInit.panel'));
  });
});
