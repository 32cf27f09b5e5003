import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { noticeHtml, webviewHtml, webviewOptions } from '../webviewHtml';
import { PanelHandshake, type ProtocolMatch } from './handshake';
import { PANEL_PROTOCOL_VERSION, parseFromPanel, type PanelRequest, type PanelSave, type ToPanelMessage } from '../../shared/panelProtocol';
import type { SessionViewer, TrainingSession } from '../training/trainingSession';

/** The webview panel type; also the serializer's key (activation event onWebviewPanel:...). */
export const PANEL_VIEW_TYPE = 'visualizeInit.panel';

/** At most one error notification from the webview per this many ms. */
const ERROR_NOTIFICATION_INTERVAL_MS = 10_000;

/** One Visualize Init webview panel: its conversation with the webview and the runs it trains. */
export class VisualizePanel extends Disposable {
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires once when the panel is closed or disposed. */
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly viewer: SessionViewer;
  private readonly handshake = new PanelHandshake(PANEL_PROTOCOL_VERSION);
  private lastErrorShown = 0;
  /** True while this panel's own `start` is being handled (its webview already shows those runs). */
  private startingOwnRuns = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extension: vscode.ExtensionContext,
    private readonly session: TrainingSession,
    private readonly log: vscode.LogOutputChannel,
    private pendingRequest: PanelRequest | undefined,
  ) {
    super();
    this.viewer = this._register(session.attach((m) => this.postRun(m)));
    panel.iconPath = vscode.Uri.joinPath(extension.extensionUri, 'media', 'activity.svg');
    panel.webview.options = webviewOptions(extension.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extension.extensionUri, 'panel', vscode.l10n.t('Visualize Init'));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.onDidChangeViewState(() => {
      // Without retainContextWhenHidden the webview is torn down while hidden: stop streaming to it.
      if (!panel.visible) this.handshake.lost();
      this.viewer.setVisible(panel.visible && this.handshake.isReady);
    }));
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    // Runs started elsewhere (the Training or Runs view) replace what the panel shows: re-attach it.
    this._register(session.onDidChange((change) => {
      if (change.kind === 'started' && !this.startingOwnRuns && this.handshake.isReady) this.postInit(undefined);
    }));
  }

  /** True once a webview of another build answered: the panel shows only a notice (PanelManager replaces it). */
  get incompatible(): boolean {
    return this.handshake.incompatible;
  }

  /** Shows the panel and, when given, what the user asked to see. */
  show(request: PanelRequest | undefined): void {
    this.panel.reveal();
    if (!request) return;
    if (this.handshake.isReady) this.post({ type: 'load', request });
    else this.pendingRequest = request;
  }

  private onMessage(raw: unknown): void {
    if (this.handshake.incompatible) return; // its messages may mean something else in its protocol
    const parsed = parseFromPanel(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the panel: ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready': {
        const match = this.handshake.ready(message.protocolVersion);
        if (match !== 'same') {
          this.refuse(message.protocolVersion, match);
          return;
        }
        const request = this.pendingRequest;
        this.pendingRequest = undefined;
        this.postInit(request);
        this.viewer.setVisible(this.panel.visible);
        this.viewer.resendStatus();
        return;
      }
      case 'start':
        this.startingOwnRuns = true;
        try {
          this.session.handle(message, (m) => this.postRun(m));
        } finally {
          this.startingOwnRuns = false;
        }
        return;
      case 'pause':
      case 'resume':
      case 'reset':
      case 'step':
      case 'setSpeed':
        this.session.handle(message, (m) => this.postRun(m));
        return;
      case 'save':
        void this.save(message);
        return;
      case 'reportError':
        this.log.error(`Panel: ${message.message}`);
        // A webview gone wrong could report in a loop: one notification per interval, the rest only logged.
        if (Date.now() - this.lastErrorShown > ERROR_NOTIFICATION_INTERVAL_MS) {
          this.lastErrorShown = Date.now();
          void vscode.window.showErrorMessage(vscode.l10n.t('Visualize Init: {0}', message.message));
        }
        return;
    }
  }

  /** Asks where to save an export and writes it; errors are shown, never thrown. */
  private async save(message: PanelSave): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const defaultUri = folder ? vscode.Uri.joinPath(folder, message.suggestedName) : undefined;
    const filters = message.format === 'png' ? { [vscode.l10n.t('PNG image')]: ['png'] } : { JSON: ['json'] };
    try {
      const target = await vscode.window.showSaveDialog({ defaultUri, filters, saveLabel: vscode.l10n.t('Export') });
      if (!target) return;
      const bytes = message.format === 'png'
        ? Buffer.from(message.data.slice(message.data.indexOf(',') + 1), 'base64')
        : Buffer.from(message.data, 'utf8');
      await vscode.workspace.fs.writeFile(target, bytes);
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', vscode.workspace.asRelativePath(target)));
    } catch (err) {
      this.log.error(`Export failed: ${String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Visualize Init could not save the export: {0}', String(err)));
    }
  }

  /**
   * A webview of another build cannot read our messages (nor we its): stop talking to it and replace it
   * by a notice the host renders itself, which needs no protocol at all.
   */
  private refuse(theirs: number, match: ProtocolMatch): void {
    this.log.warn(`Panel protocol ${theirs} differs from the host's ${PANEL_PROTOCOL_VERSION}: the panel shows a notice instead`);
    this.pendingRequest = undefined;
    this.viewer.setVisible(false);
    const text = match === 'older'
      ? vscode.l10n.t('This panel comes from an older build of Visualize Init (panel protocol {0}, extension protocol {1}) and cannot show training.', theirs, PANEL_PROTOCOL_VERSION)
      : vscode.l10n.t('This panel comes from a newer build of Visualize Init (panel protocol {0}, extension protocol {1}) and cannot show training.', theirs, PANEL_PROTOCOL_VERSION);
    this.panel.webview.html = noticeHtml(vscode.l10n.t('Visualize Init'), [
      text,
      vscode.l10n.t('Close this panel and run Visualize Init again; if this notice comes back, reload the window (Developer: Reload Window).'),
    ]);
  }

  /** The runs' stream to this panel: nothing once its webview turned out to speak another protocol. */
  private postRun(message: ToPanelMessage): Thenable<boolean> {
    return this.handshake.incompatible ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  /** Tells the webview who we are and what to show: the request, else the runs in progress. */
  private postInit(request: PanelRequest | undefined): void {
    const active = this.session.active;
    this.post({
      type: 'init', protocolVersion: PANEL_PROTOCOL_VERSION, extensionVersion: String(this.extension.extension.packageJSON.version),
      ...(request ? { request } : {}), ...(active && !request ? { active } : {}),
    });
  }

  private post(message: ToPanelMessage): void {
    void this.postRun(message);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.disposeEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }
}

/** Owns the single panel: the command creates or reveals it, the serializer revives it after a reload. */
export class PanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  private current: VisualizePanel | undefined;

  constructor(private readonly extension: vscode.ExtensionContext, private readonly session: TrainingSession, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, this));
  }

  /** The open panel, if any. */
  get panel(): VisualizePanel | undefined {
    return this.current;
  }

  /** Opens the panel, or reveals it when it is already open, showing `request` when given. */
  createOrShow(request?: PanelRequest): VisualizePanel {
    // A panel left with an incompatible webview only shows a notice: a fresh one loads this build's webview.
    if (this.current?.incompatible) this.current.dispose();
    if (this.current) {
      this.current.show(request);
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('Visualize Init'), vscode.ViewColumn.Active, webviewOptions(this.extension.extensionUri));
    return this.adopt(panel, request);
  }

  /** WebviewPanelSerializer: restores a panel VS Code kept across a window reload (the webview restores its own state). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.current?.dispose();
    this.adopt(panel, undefined);
  }

  private adopt(panel: vscode.WebviewPanel, request: PanelRequest | undefined): VisualizePanel {
    const view = new VisualizePanel(panel, this.extension, this.session, this.log, request);
    this.current = view;
    view.onDidDispose(() => {
      if (this.current === view) this.current = undefined;
    });
    return view;
  }

  override dispose(): void {
    this.current?.dispose();
    super.dispose();
  }
}
