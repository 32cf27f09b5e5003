import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { presetById } from '../../shared/presets';
import { parseFromTrainingView, type ToTrainingViewMessage, type TrainingViewRuns } from '../../shared/trainingViewProtocol';
import type { SessionViewer, TrainingSession } from '../training/trainingSession';

/** Id of the Training webview view (package.json). */
export const TRAINING_VIEW_ID = 'visualizeInit.training';

/** What Play starts when nothing runs: the side-by-side lesson. */
export const DEFAULT_VIEW_PRESET = 'compare';

/**
 * The Training side view: the session's runs at a glance with transport buttons. It drives the
 * same TrainingSession as the panel, works with the panel closed, and receives no snapshots while
 * hidden (its webview is not retained; it re-sends `ready` when shown again).
 */
export class TrainingViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private current: ViewEntry | undefined;

  /** Register the provider with `registerTrainingView` (kept out of the constructor so a test can build one on its own). */
  constructor(private readonly extensionUri: vscode.Uri, private readonly session: TrainingSession, private readonly openPanel: () => void, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(session.onDidChange((c) => {
      if (c.kind !== 'updated') this.postRuns();
    }));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.release(this.current);
    const viewer = this.session.attach((m) => view.webview.postMessage(m));
    const entry: ViewEntry = { view, viewer, ready: false, subscriptions: [] };
    this.current = entry;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'trainingView', vscode.l10n.t('Training'));
    viewer.setVisible(false);
    entry.subscriptions.push(
      view.onDidChangeVisibility(() => {
        // A hidden view's webview is torn down: stop streaming until it says `ready` again.
        if (!view.visible) entry.ready = false;
        viewer.setVisible(view.visible && entry.ready);
      }),
      view.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(entry, raw)),
      view.onDidDispose(() => this.release(entry)),
    );
  }

  /** Detaches a view from the session and drops its listeners (when it is disposed, replaced, or the provider goes). */
  private release(entry: ViewEntry | undefined): void {
    if (!entry) return;
    for (const s of entry.subscriptions.splice(0)) s.dispose();
    entry.viewer.dispose();
    if (this.current === entry) this.current = undefined;
  }

  private onMessage(entry: ViewEntry, raw: unknown): void {
    const parsed = parseFromTrainingView(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the Training view: ${parsed.error}`);
      return;
    }
    switch (parsed.message.type) {
      case 'ready':
        entry.ready = true;
        this.postRuns();
        entry.viewer.setVisible(entry.view.visible);
        entry.viewer.resendStatus();
        return;
      case 'play':
        if (this.session.active) {
          this.session.handle({ type: 'resume' });
        } else {
          const runs = presetById(DEFAULT_VIEW_PRESET)?.runs() ?? [];
          this.session.handle({ type: 'start', runs, paused: false }, (m) => this.post(m));
        }
        return;
      case 'pause':
      case 'reset':
        this.session.handle({ type: parsed.message.type });
        return;
      case 'step':
        this.session.handle({ type: 'pause' });
        this.session.handle({ type: 'step', count: 1 });
        return;
      case 'openPanel':
        this.openPanel();
        return;
    }
  }

  private postRuns(): void {
    const active = this.session.active;
    const message: TrainingViewRuns = {
      type: 'runs',
      runs: (active?.runs ?? []).map((r) => ({ label: r.label, units: r.config.layers.map((l) => l.units) })),
      playing: active?.playing ?? false,
      defaultTitle: presetById(DEFAULT_VIEW_PRESET)?.title ?? '',
    };
    this.post(message);
  }

  private post(message: ToTrainingViewMessage): Promise<boolean> {
    const current = this.current;
    if (!current?.ready) return Promise.resolve(false);
    return Promise.resolve(current.view.webview.postMessage(message)).then((ok) => ok, (err: unknown) => {
      this.log.warn(`Could not reach the Training view: ${String(err)}`);
      return false;
    });
  }

  override dispose(): void {
    this.release(this.current);
    super.dispose();
  }
}

/** The webview view the provider currently serves, with what it subscribed to. */
interface ViewEntry {
  view: vscode.WebviewView;
  viewer: SessionViewer;
  ready: boolean;
  subscriptions: vscode.Disposable[];
}

/** Registers `provider` as the Training view's provider; dispose the result to unregister. */
export function registerTrainingView(provider: TrainingViewProvider): vscode.Disposable {
  return vscode.window.registerWebviewViewProvider(TRAINING_VIEW_ID, provider);
}
