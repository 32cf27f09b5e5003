import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { numbersIn } from '../../shared/numberFormat';
import type { RunRecord, TrainingSession } from '../training/trainingSession';

/** The status bar text for the session's runs, or undefined when nothing trains (pure, for tests). */
export function statusText(runs: readonly RunRecord[]): string | undefined {
  if (!runs.some((r) => r.state === 'running')) return undefined;
  const step = numbersIn(vscode.env.language).count(Math.max(...runs.map((r) => r.step)));
  return runs.length > 1 ? vscode.l10n.t('Training {0} runs: step {1}', runs.length, step) : vscode.l10n.t('Training: step {0}', step);
}

/** A status bar item while a run trains (click reveals the panel); hidden otherwise. */
export class TrainingStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly session: TrainingSession) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('visualizeInit.training', vscode.StatusBarAlignment.Left, 10));
    this.item.name = vscode.l10n.t('Visualize Init Training');
    this.item.command = { command: 'visualizeInit.open', title: vscode.l10n.t('Show Visualize Init') };
    this._register(session.onDidChange((c) => (c.kind === 'updated' ? this.updateSoon() : this.update())));
    this._register({ dispose: () => clearTimeout(this.timer) });
    this.update();
  }

  private updateSoon(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 250);
  }

  private update(): void {
    const text = statusText(this.session.runs);
    if (text === undefined) {
      this.item.hide();
      return;
    }
    const labels = this.session.runs.map((r) => r.spec.label).join(' vs ');
    this.item.text = `$(pulse) ${text}`;
    this.item.tooltip = vscode.l10n.t('{0}: click to show the Visualize Init panel', labels);
    this.item.accessibilityInformation = { label: `${text}, ${labels}` };
    this.item.show();
  }
}
