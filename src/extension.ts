import * as vscode from 'vscode';
import { PanelManager } from './host/panel/visualizePanel';
import { registerCommands } from './host/commands';
import { TrainerClient } from './host/training/trainerClient';
import { TrainingSession } from './host/training/trainingSession';
import { LanguageFeatures } from './host/language';
import { registerWelcomeView } from './host/views/welcomeView';

/** Wires the services together; every registration is owned by the extension context. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Visualize Init', { log: true });
  // Cheap to create: the worker thread starts with the first run.
  const trainer = new TrainerClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'trainerWorker.js').fsPath);
  const session = new TrainingSession(trainer, log);
  const panels = new PanelManager(context, session, log);
  context.subscriptions.push(log, trainer, session, panels, registerCommands(panels, log), registerWelcomeView(), new LanguageFeatures(context.extensionUri, log));
}

/** Nothing to do: everything is disposed through context.subscriptions. */
export function deactivate(): void {}
