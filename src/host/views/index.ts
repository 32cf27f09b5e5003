import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { PanelManager } from '../panel/visualizePanel';
import type { TrainingSession } from '../training/trainingSession';
import { FindingsView } from './findingsView';
import type { RunHistory } from './runHistory';
import { RunsView } from './runsView';
import { registerOpenSample } from './sample';
import { TrainingStatusBar } from './statusBar';
import { TrainingViewProvider } from './trainingView';

/** What activate() returns: handles for the integration tests (not a stable public API). */
export interface VisualizeInitApi {
  session: TrainingSession;
  runHistory: RunHistory;
  findings: FindingsView;
}

/** The activity-bar container's views (Training, Runs, Initializer Findings), the status bar item and the sample command. */
export class SideViews extends Disposable {
  /** The Runs view and its history. */
  readonly runs: RunsView;
  /** The Initializer Findings view. */
  readonly findings: FindingsView;

  constructor(context: vscode.ExtensionContext, session: TrainingSession, panels: PanelManager, log: vscode.LogOutputChannel) {
    super();
    const openPanel = (): void => {
      panels.createOrShow();
    };
    // The panel's webview learns which runs train when it connects: after starting new runs from a
    // side view, an open panel is reopened so it shows them (not the previous runs' labels).
    const showNewRunsInPanel = (): void => {
      panels.panel?.dispose();
      panels.createOrShow();
    };
    this._register(new TrainingViewProvider(context.extensionUri, session, openPanel, () => {
      if (panels.panel) showNewRunsInPanel();
    }, log));
    this.runs = this._register(new RunsView(context, session, showNewRunsInPanel, log));
    this.findings = this._register(new FindingsView(log));
    this._register(new TrainingStatusBar(session));
    this._register(registerOpenSample());
  }
}
