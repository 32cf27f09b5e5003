import * as vscode from 'vscode';
import { PanelManager } from './host/panel/visualizePanel';
import { registerCommands } from './host/commands';
import { TrainerClient } from './host/training/trainerClient';
import { TrainingSession } from './host/training/trainingSession';
import { LanguageFeatures } from './host/language';
import { SideViews, type VisualizeInitApi } from './host/views';

// Set by the first and last lines of the bundle (esbuild banner and footer), around evaluating our modules.
declare const __viBundleStart: number | undefined;
declare const __viBundleEnd: number | undefined;

/** Wires the services together; every registration is owned by the extension context. Returns handles for the integration tests. */
export function activate(context: vscode.ExtensionContext): VisualizeInitApi {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('Visualize Init', { log: true });
  // Cheap to create: the worker thread starts with the first run.
  const trainer = new TrainerClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'trainerWorker.js').fsPath);
  const session = new TrainingSession(trainer, log);
  const panels = new PanelManager(context, session, log);
  const language = new LanguageFeatures(context.extensionUri, log);
  const views = new SideViews(context, session, panels, language.analyzer, log);
  // Disposed in this order: the views and the session stop their runs before the workers are terminated.
  context.subscriptions.push(panels, views, session, trainer, registerCommands(panels, log), language, log);
  const loadMs = typeof __viBundleStart === 'number' && typeof __viBundleEnd === 'number' ? __viBundleEnd - __viBundleStart : NaN;
  const activation = { loadMs, activateMs: performance.now() - activateStart };
  log.info(`Activated in ${activation.activateMs.toFixed(1)} ms (loading the bundle took ${activation.loadMs.toFixed(1)} ms)`);
  return { session, runHistory: views.runs.history, findings: views.findings, analyzer: language.analyzer, activation };
}

/** Nothing to do: everything is disposed through context.subscriptions. */
export function deactivate(): void {}
