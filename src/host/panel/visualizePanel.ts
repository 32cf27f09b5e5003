import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { PANEL_PROTOCOL_VERSION, parseFromPanel, type ToPanelMessage } from '../../shared/panelProtocol';

/** The webview panel type; also the serializer's key (activation event onWebviewPanel:...). */
export const PANEL_VIEW_TYPE = 'visualizeInit.panel';

/** One Visualize Init webview panel and its conversation with the webview. */
export class VisualizePanel extends Disposable {
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires once when the panel is closed or disposed. */
  readonly onDidDispose = this.disposeEmitter.event;
  private ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extension: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    panel.iconPath = vscode.Uri.joinPath(extension.extensionUri, 'media', 'activity.svg');
    panel.webview.options = webviewOptions(extension.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extension.extensionUri, 'panel', vscode.l10n.t('Visualize Init'));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
  }

  /** True once the webview has completed the handshake. */
  get isReady(): boolean {
    return this.ready;
  }

  private onMessage(raw: unknown): void {
    const parsed = parseFromPanel(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the panel: ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        if (message.protocolVersion !== PANEL_PROTOCOL_VERSION) {
          this.log.warn(`Panel protocol ${message.protocolVersion} differs from the host's ${PANEL_PROTOCOL_VERSION}`);
        }
        this.ready = true;
        this.post({ type: 'init', protocolVersion: PANEL_PROTOCOL_VERSION, extensionVersion: String(this.extension.extension.packageJSON.version) });
        return;
      case 'reportError':
        this.log.error(`Panel: ${message.message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Visualize Init: {0}', message.message));
        return;
    }
  }

  private post(message: ToPanelMessage): void {
    void this.panel.webview.postMessage(message);
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

  constructor(private readonly extension: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, this));
  }

  /** The open panel, if any. */
  get panel(): VisualizePanel | undefined {
    return this.current;
  }

  /** Opens the panel, or reveals it when it is already open. */
  createOrShow(): VisualizePanel {
    if (this.current) {
      this.current.panel.reveal();
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('Visualize Init'), vscode.ViewColumn.Active, webviewOptions(this.extension.extensionUri));
    return this.adopt(panel);
  }

  /** WebviewPanelSerializer: restores a panel VS Code kept across a window reload. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.current?.dispose();
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): VisualizePanel {
    const view = new VisualizePanel(panel, this.extension, this.log);
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
