import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { PanelManager } from '../panel/visualizePanel';
import type { TrainingSession } from '../training/trainingSession';
import type { AnalyzerClient } from '../language/analyzerClient';
import { FindingsView } from './findingsView';
import type { RunHistory } from './runHistory';
import { RunsView } from './runsView';
import { registerOpenSample } from './sample';
import { TrainingStatusBar } from './statusBar';
import { registerTrainingView, TrainingViewProvider } from './trainingView';

/** What activate() returns: handles for the integration tests (not a stable public API). */
export interface VisualizeInitApi {
  session: TrainingSession;
  runHistory: RunHistory;
  findings: FindingsView;
  /** The analyzer's worker client shared by diagnostics, hovers, quick fixes and the scan (tests count its analyses). */
  analyzer: AnalyzerClient;
  /** How long loading the bundle and running activate() took, in ms (reported by the integration suite). */
  activation: { loadMs: number; activateMs: number };
}

/** The activity-bar container's views (Training, Runs, Initializer Findings), the status bar item and the sample command. */
export class SideViews extends Disposable {
  /** The Runs view and its history. */
  readonly runs: RunsView;
  /** The Initializer Findings view. */
  readonly findings: FindingsView;

  constructor(context: vscode.ExtensionContext, session: TrainingSession, panels: PanelManager, analyzer: AnalyzerClient, log: vscode.LogOutputChannel) {
    super();
    const openPanel = (): void => {
      panels.createOrShow();
    };
    // An open panel follows runs started from these views by itself (it re-attaches on the session's 'started').
    const trainingView = this._register(new TrainingViewProvider(context.extensionUri, session, openPanel, log));
    this._register(registerTrainingView(trainingView));
    this.runs = this._register(new RunsView(context, session, openPanel, log));
    // The scan analyzes in the analyzer's worker, so a large file never blocks the extension host.
    this.findings = this._register(new FindingsView(log, async (path, text, options) => (await analyzer.analyze({ kind: 'file', path, text }, options)).result));
    this._register(new TrainingStatusBar(session));
    this._register(registerOpenSample());
  }
}
