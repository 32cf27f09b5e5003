import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { TrainingSession } from '../training/trainingSession';
import { configSummary, outcomeSummary, RunHistory, type HistoryEntry } from './runHistory';
import { escapeMarkdown } from '../markdown';
import { numbersIn } from '../../shared/numberFormat';

/** Id of the Runs view (package.json). */
export const RUNS_VIEW_ID = 'visualizeInit.runs';

/** Key of the history in the extension's global state. */
export const RUNS_STATE_KEY = 'visualizeInit.runHistory';

/** Command ids of the view. */
export const RunsCommands = {
  open: 'visualizeInit.openRun',
  compare: 'visualizeInit.compareRuns',
  rename: 'visualizeInit.renameRun',
  remove: 'visualizeInit.deleteRun',
  clear: 'visualizeInit.clearRuns',
} as const;

/** A node of the tree: a run, or one line of its details. */
type RunsNode = { kind: 'run'; entry: HistoryEntry } | { kind: 'detail'; entry: HistoryEntry; label: string; value: string; icon: string };

/** The Runs view: the history of runs with their configuration and outcome; open, compare, rename, delete. */
export class RunsView extends Disposable implements vscode.TreeDataProvider<RunsNode> {
  private readonly changed = this._register(new vscode.EventEmitter<RunsNode | undefined>());
  /** TreeDataProvider: the tree changed. */
  readonly onDidChangeTreeData = this.changed.event;
  /** The history the view shows (persisted in globalState). */
  readonly history: RunHistory;
  private readonly view: vscode.TreeView<RunsNode>;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(context: vscode.ExtensionContext, private readonly session: TrainingSession, private readonly openPanel: () => void, log: vscode.LogOutputChannel) {
    super();
    this.history = new RunHistory(
      { get: () => context.globalState.get(RUNS_STATE_KEY), set: (v) => context.globalState.update(RUNS_STATE_KEY, v) },
      { onError: (err) => log.warn(`Run history: ${String(err)}`) },
    );
    this._register({ dispose: () => this.history.dispose() });
    this._register({ dispose: () => clearTimeout(this.refreshTimer) });
    this._register(session.onDidChange((c) => this.history.onSessionChange(c)));
    this._register(this.history.onDidChange(() => this.refreshSoon()));
    this.view = this._register(vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: this, canSelectMany: true }));
    this._register(vscode.commands.registerCommand(RunsCommands.open, (node?: RunsNode) => this.open(node)));
    this._register(vscode.commands.registerCommand(RunsCommands.compare, (node?: RunsNode, selected?: RunsNode[]) => this.compare(node, selected)));
    this._register(vscode.commands.registerCommand(RunsCommands.rename, (node?: RunsNode) => this.rename(node)));
    this._register(vscode.commands.registerCommand(RunsCommands.remove, (node?: RunsNode, selected?: RunsNode[]) => this.remove(node, selected)));
    this._register(vscode.commands.registerCommand(RunsCommands.clear, () => this.clear()));
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    if (node.kind === 'detail') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.value;
      item.tooltip = `${node.label}: ${node.value}`;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      return item;
    }
    const e = node.entry;
    const live = this.history.liveIds.includes(e.id);
    const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = e.id;
    item.description = outcomeSummary(e.outcome, vscode);
    const diverged = e.outcome.divergedAt !== undefined;
    const symmetric = e.outcome.distinct.slice(0, -1).some((d) => d.k === 1 && d.n > 1);
    item.iconPath = live ? new vscode.ThemeIcon('pulse', new vscode.ThemeColor('charts.green'))
      : diverged ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : symmetric ? new vscode.ThemeIcon('symbol-constant', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'));
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(e.label)}**${live ? ` — ${vscode.l10n.t('training now')}` : ''}\n\n`);
    md.appendText(`${configSummary(e.spec.config)}\n\n${outcomeSummary(e.outcome, vscode)}\n\n${new Date(e.startedAt).toLocaleString()}`);
    item.tooltip = md;
    item.contextValue = live ? 'run.live' : 'run';
    item.accessibilityInformation = { label: `${e.label}, ${outcomeSummary(e.outcome, vscode)}${live ? `, ${vscode.l10n.t('training now')}` : ''}` };
    return item;
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) return this.history.list.map((entry) => ({ kind: 'run', entry }));
    if (node.kind === 'detail') return [];
    const e = node.entry;
    const o = e.outcome;
    const numbers = numbersIn(vscode.env.language);
    const details: RunsNode[] = [{ kind: 'detail', entry: e, label: vscode.l10n.t('Configuration'), value: configSummary(e.spec.config), icon: 'settings' }];
    if (o.finalLoss !== undefined) details.push({ kind: 'detail', entry: e, label: vscode.l10n.t('Final loss'), value: numbers.fixed(o.finalLoss, 4), icon: 'graph-line' });
    if (o.testAccuracy !== undefined) details.push({ kind: 'detail', entry: e, label: vscode.l10n.t('Test accuracy'), value: numbers.percent(o.testAccuracy), icon: 'target' });
    for (const [i, d] of o.distinct.entries()) {
      details.push({ kind: 'detail', entry: e, label: vscode.l10n.t('Layer {0}', i + 1), value: vscode.l10n.t('distinct units {0} of {1}', d.k, d.n), icon: d.k === 1 && d.n > 1 ? 'symbol-constant' : 'layers' });
    }
    details.push({ kind: 'detail', entry: e, label: vscode.l10n.t('Diverged'), value: o.divergedAt !== undefined ? vscode.l10n.t('yes, at step {0}', numbers.count(o.divergedAt)) : vscode.l10n.t('no'), icon: o.divergedAt !== undefined ? 'error' : 'check' });
    details.push({ kind: 'detail', entry: e, label: vscode.l10n.t('Steps'), value: numbers.count(o.steps), icon: 'debug-step-over' });
    return details;
  }

  private refreshSoon(): void {
    // Progress arrives many times a second; a history list needs one update a second at most, and
    // each refresh re-renders the rows under the pointer (their inline actions with them).
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire(undefined);
    }, 1000);
  }

  private selection(node: RunsNode | undefined, selected: RunsNode[] | undefined): HistoryEntry[] {
    const nodes = selected?.length ? selected : node ? [node] : [...this.view.selection];
    return [...new Map(nodes.map((n) => [n.entry.id, n.entry])).values()];
  }

  /** Trains the run's configuration again from step 0 and shows it in the panel. */
  private open(node: RunsNode | undefined): void {
    const [entry] = this.selection(node, undefined);
    if (entry) this.start([entry]);
  }

  private async compare(node: RunsNode | undefined, selected: RunsNode[] | undefined): Promise<void> {
    let entries = this.selection(node, selected);
    if (entries.length === 1) {
      const others = this.history.list.filter((e) => e.id !== entries[0].id);
      const pick = await vscode.window.showQuickPick(others.map((e) => ({ label: e.label, description: outcomeSummary(e.outcome, vscode), detail: configSummary(e.spec.config), entry: e })),
        { title: vscode.l10n.t('Compare "{0}" with', entries[0].label) });
      if (!pick) return;
      entries = [entries[0], pick.entry];
    }
    if (entries.length !== 2) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select two runs to compare them side by side.'));
      return;
    }
    this.start(entries);
  }

  private start(entries: HistoryEntry[]): void {
    this.session.handle({ type: 'start', runs: entries.map((e) => ({ label: e.label, config: e.spec.config })), paused: false }, (m) => {
      if (m.type === 'error') void vscode.window.showErrorMessage(vscode.l10n.t('Visualize Init could not start the run: {0}', m.message));
      return Promise.resolve(true);
    });
    this.openPanel();
  }

  private async rename(node: RunsNode | undefined): Promise<void> {
    const [entry] = this.selection(node, undefined);
    if (!entry) return;
    const label = await vscode.window.showInputBox({ title: vscode.l10n.t('Rename Run'), value: entry.label, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The name cannot be empty.')) });
    if (label !== undefined) this.history.rename(entry.id, label);
  }

  private remove(node: RunsNode | undefined, selected: RunsNode[] | undefined): void {
    this.history.remove(this.selection(node, selected).map((e) => e.id));
  }

  private async clear(): Promise<void> {
    if (!this.history.list.length) return;
    const yes = vscode.l10n.t('Clear History');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete all {0} runs from the history?', this.history.list.length), { modal: true }, yes);
    if (answer === yes) this.history.clear();
  }
}

