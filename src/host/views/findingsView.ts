import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { toRange } from '../language/convert';
import { showFinding } from '../language/showFinding';
import { analyzeOptions, SettingsWatcher, type AnalysisSettings } from '../language/settings';
import type { Finding } from '../../core/analyzer/index';
import { ExcludeMatcher, isScannable, replaceFile, scanFiles, SCAN_GLOB, searchExcludeGlob, type FileFindings, type ScanFile, type ScanOptions, type ScanResult } from './scanCore';

/** Id of the Initializer Findings view (package.json). */
export const FINDINGS_VIEW_ID = 'visualizeInit.findings';

/** Command ids of the view. */
export const FindingsCommands = {
  scan: 'visualizeInit.scanWorkspace',
  cancelScan: 'visualizeInit.cancelScan',
  reveal: 'visualizeInit.revealFinding',
  visualize: 'visualizeInit.visualizeFinding',
} as const;

/** A node of the tree: a file with findings, or one finding. */
export type FindingsNode = { kind: 'file'; file: FileFindings } | { kind: 'finding'; file: FileFindings; finding: Finding };

/** How a scan was asked for: the user's command shows a cancellable notification. */
export interface ScanRequest {
  /** Cancels the scan (tests); the notification's Cancel button does the same. */
  token?: vscode.CancellationToken;
  /** Show progress as a notification (with Cancel); otherwise in the view only. */
  notify?: boolean;
}

const decoder = new TextDecoder();

/** The Initializer Findings view: scans the workspace, keeps the results fresh on save, reveals findings. */
export class FindingsView extends Disposable implements vscode.TreeDataProvider<FindingsNode> {
  private readonly changed = this._register(new vscode.EventEmitter<FindingsNode | undefined>());
  /** TreeDataProvider: the tree changed. */
  readonly onDidChangeTreeData = this.changed.event;
  private readonly settings: SettingsWatcher;
  private readonly view: vscode.TreeView<FindingsNode>;
  private files: FileFindings[] = [];
  private scanned = false;
  private running: Promise<ScanResult | undefined> | undefined;
  private generation = 0;
  private current: vscode.CancellationTokenSource | undefined;

  constructor(private readonly log: vscode.LogOutputChannel, private readonly analyzeFile?: ScanOptions['analyzeFile']) {
    super();
    this.settings = this._register(new SettingsWatcher());
    this.view = this._register(vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true }));
    this._register(this.view.onDidChangeVisibility((e) => {
      // The first time the view shows, scan (cheap for ordinary workspaces; the user can cancel).
      if (e.visible && !this.scanned && !this.running) void this.scan({ notify: false });
    }));
    this._register(this.settings.onDidChange(() => {
      if (this.scanned) void this.scan({ notify: false });
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (this.scanned && e.affectsConfiguration('files.exclude')) void this.scan({ notify: false });
    }));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.onSaved(d.uri)));
    this._register(vscode.workspace.onDidSaveNotebookDocument((n) => this.onSaved(n.uri)));
    this._register(vscode.workspace.onDidDeleteFiles((e) => {
      const gone = new Set(e.files.map((u) => u.toString()));
      const before = this.files.length;
      this.files = this.files.filter((f) => !gone.has(f.path) && ![...gone].some((g) => f.path.startsWith(`${g}/`)));
      if (this.files.length !== before) this.refresh();
    }));
    this._register(vscode.commands.registerCommand(FindingsCommands.scan, () => this.scan({ notify: true })));
    // The view's own progress bar has no Cancel button: the view title offers this while a scan runs.
    this._register(vscode.commands.registerCommand(FindingsCommands.cancelScan, () => this.current?.cancel()));
    this._register({ dispose: () => this.current?.dispose() });
    this._register(vscode.commands.registerCommand(FindingsCommands.reveal, (uri: unknown, finding: unknown) => this.reveal(uri, finding)));
    this._register(vscode.commands.registerCommand(FindingsCommands.visualize, (node: unknown) => {
      if (isFindingNode(node)) void vscode.commands.executeCommand('visualizeInit.open', { visualize: node.finding.visualize });
    }));
    void vscode.commands.executeCommand('setContext', 'visualizeInit:findingsScanned', false);
    // Activation may come after the view was shown (the view itself activates the extension).
    if (this.view.visible) void this.scan({ notify: false });
  }

  /** The files with findings, sorted by path (URI strings). */
  get results(): readonly FileFindings[] {
    return this.files;
  }

  /**
   * Scans every Python, notebook and JS/TS file of the workspace (files.exclude and
   * visualizeInit.analysis.exclude honoured). A scan already running is cancelled and replaced.
   */
  scan(request: ScanRequest = {}): Promise<ScanResult | undefined> {
    const generation = ++this.generation;
    this.current?.dispose();
    const source = new vscode.CancellationTokenSource();
    this.current = source;
    const run = async (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<ScanResult | undefined> => {
      const cancelled = (): boolean => token.isCancellationRequested || source.token.isCancellationRequested
        || request.token?.isCancellationRequested === true || generation !== this.generation;
      const links = [token.onCancellationRequested(() => source.cancel()), request.token?.onCancellationRequested(() => source.cancel())];
      await vscode.commands.executeCommand('setContext', 'visualizeInit:scanning', true);
      try {
        if (!vscode.workspace.workspaceFolders?.length) {
          this.setResults([], true);
          return { files: [], scanned: 0, skipped: 0, cancelled: false };
        }
        const settings = this.settings.settings;
        const filesExclude = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude');
        const matcher = new ExcludeMatcher(filesExclude, settings.exclude);
        const uris = await vscode.workspace.findFiles(SCAN_GLOB, searchExcludeGlob(filesExclude, settings.exclude), undefined, source.token);
        const targets = uris.filter((u) => isScannable(u.path) && !matcher.matches(vscode.workspace.asRelativePath(u, false), u.path));
        let reported = 0;
        const result = await scanFiles(targets.map((u) => this.scanFile(u)), {
          analyze: this.analyzeOptionsOf(settings),
          analyzeFile: this.analyzeFile,
          isCancelled: cancelled,
          onProgress: (done, total) => {
            const pct = Math.floor((done / total) * 100);
            if (pct > reported) {
              progress.report({ increment: pct - reported, message: vscode.l10n.t('{0} of {1} files', done, total) });
              reported = pct;
            }
          },
        });
        if (generation !== this.generation) return result;
        this.setResults(result.files, true);
        this.view.message = result.cancelled ? vscode.l10n.t('Scan cancelled after {0} of {1} files: the list is incomplete.', result.scanned + result.skipped, targets.length) : undefined;
        this.log.info(`Workspace scan: ${result.scanned} files analyzed, ${result.skipped} skipped, ${result.files.length} with findings${result.cancelled ? ' (cancelled)' : ''}`);
        return result;
      } catch (err) {
        this.log.error(`Workspace scan failed: ${String(err)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Visualize Init could not scan the workspace: {0}', String(err)));
        return undefined;
      } finally {
        for (const l of links) l?.dispose();
        if (generation === this.generation) await vscode.commands.executeCommand('setContext', 'visualizeInit:scanning', false);
      }
    };
    const title = vscode.l10n.t('Scanning for constant initializers');
    const promise = request.notify
      ? vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, run)
      : vscode.window.withProgress({ location: { viewId: FINDINGS_VIEW_ID }, title }, (p) => run(p, source.token));
    const tracked = Promise.resolve(promise).finally(() => {
      if (this.running === tracked) this.running = undefined;
    });
    this.running = tracked;
    return tracked;
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    const uri = vscode.Uri.parse(node.file.path);
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      const rel = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      item.description = dir;
      item.tooltip = rel;
      item.contextValue = 'findingsFile';
      return item;
    }
    const f = node.finding;
    const where = f.cell !== undefined
      ? vscode.l10n.t('cell {0}, line {1}', f.cell + 1, f.range.start.line + 1)
      : vscode.l10n.t('line {0}', f.range.start.line + 1);
    const item = new vscode.TreeItem(`${f.code} ${f.target ? `${f.target}: ` : ''}${shortMessage(f.message)}`, vscode.TreeItemCollapsibleState.None);
    item.description = where;
    item.tooltip = new vscode.MarkdownString().appendText(`${f.code} (${f.framework}), ${where}\n\n${f.message}`);
    item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info',
      new vscode.ThemeColor(f.severity === 'error' ? 'problemsErrorIcon.foreground' : f.severity === 'warning' ? 'problemsWarningIcon.foreground' : 'problemsInfoIcon.foreground'));
    item.contextValue = 'finding';
    item.command = { command: FindingsCommands.reveal, title: vscode.l10n.t('Go to Finding'), arguments: [uri, f] };
    item.accessibilityInformation = { label: `${f.code}, ${where}: ${f.message}` };
    return item;
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (!node) return this.files.map((file) => ({ kind: 'file', file }));
    if (node.kind === 'file') return node.file.findings.map((finding) => ({ kind: 'finding', file: node.file, finding }));
    return [];
  }

  getParent(node: FindingsNode): FindingsNode | undefined {
    return node.kind === 'finding' ? { kind: 'file', file: node.file } : undefined;
  }

  private analyzeOptionsOf(settings: AnalysisSettings): ReturnType<typeof analyzeOptions> {
    return analyzeOptions(settings, settings.maxFileSize);
  }

  private scanFile(uri: vscode.Uri): ScanFile {
    return {
      path: uri.toString(),
      read: async () => {
        // An open, edited text document is newer than the file on disk.
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open) return open.getText();
        return decoder.decode(await vscode.workspace.fs.readFile(uri));
      },
    };
  }

  private async onSaved(uri: vscode.Uri): Promise<void> {
    if (!this.scanned || uri.scheme !== 'file' || !isScannable(uri.path) || !vscode.workspace.getWorkspaceFolder(uri)) return;
    const settings = this.settings.settings;
    const matcher = new ExcludeMatcher(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'), settings.exclude);
    const findings = matcher.matches(vscode.workspace.asRelativePath(uri, false), uri.path)
      ? []
      : (await scanFiles([this.scanFile(uri)], { analyze: this.analyzeOptionsOf(settings), analyzeFile: this.analyzeFile })).files[0]?.findings ?? [];
    this.setResults(replaceFile(this.files, uri.toString(), findings), true);
  }

  private setResults(files: FileFindings[], scanned: boolean): void {
    this.files = files;
    this.scanned = scanned;
    void vscode.commands.executeCommand('setContext', 'visualizeInit:findingsScanned', scanned);
    this.refresh();
  }

  private refresh(): void {
    const total = this.files.reduce((n, f) => n + f.findings.length, 0);
    this.view.badge = total ? { value: total, tooltip: vscode.l10n.t('{0} initializer findings', total) } : undefined;
    this.changed.fire(undefined);
  }

  /** Opens the file at the finding (a notebook at its cell). */
  private async reveal(rawUri: unknown, raw: unknown): Promise<void> {
    if (!(rawUri instanceof vscode.Uri) || !isFinding(raw)) return;
    const range = toRange(raw.range);
    try {
      if (raw.cell !== undefined && rawUri.path.endsWith('.ipynb')) {
        const notebook = await vscode.workspace.openNotebookDocument(rawUri);
        const cellIndex = Math.min(raw.cell, Math.max(0, notebook.cellCount - 1));
        await showFinding(notebook.cellAt(cellIndex).document, range);
        return;
      }
      await vscode.window.showTextDocument(rawUri, { selection: range, preserveFocus: false });
    } catch (err) {
      this.log.warn(`Could not reveal a finding: ${String(err)}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not open {0}: {1}', vscode.workspace.asRelativePath(rawUri), String(err)));
    }
  }
}

/** The message's first sentence, for a tree label. */
function shortMessage(message: string): string {
  const stop = message.indexOf(': ');
  const cut = stop > 20 && stop < 90 ? message.slice(0, stop) : message;
  return cut.length > 90 ? `${cut.slice(0, 89)}…` : cut;
}

function isFinding(x: unknown): x is Finding {
  return typeof x === 'object' && x !== null && typeof (x as Finding).code === 'string' && typeof (x as Finding).range?.start?.line === 'number';
}

function isFindingNode(x: unknown): x is Extract<FindingsNode, { kind: 'finding' }> {
  return typeof x === 'object' && x !== null && (x as FindingsNode).kind === 'finding' && isFinding((x as { finding: unknown }).finding);
}
