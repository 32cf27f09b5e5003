import * as vscode from 'vscode';
import { PanelManager } from './host/panel/visualizePanel';
import { registerCommands } from './host/commands';
import { registerWelcomeView } from './host/views/welcomeView';

/** Wires the services together; every registration is owned by the extension context. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Visualize Init', { log: true });
  const panels = new PanelManager(context, log);
  context.subscriptions.push(log, panels, registerCommands(panels), registerWelcomeView());
}

/** Nothing to do: everything is disposed through context.subscriptions. */
export function deactivate(): void {}
