import * as vscode from 'vscode';
import type { Finding } from '../../core/analyzer';
import { RULE_TITLES } from '../../core/analyzer/findings';
import { DEFAULT_MAX_CHARS } from '../../core/analyzer/languages';
import { Commands } from '../commands';
import { toRange } from './convert';
import type { AnalyzerClient } from './analyzerClient';
import { analyzeTarget, type TargetAnalysis } from './runner';
import { analyzeOptions, type SettingsWatcher } from './settings';
import { showFinding } from './showFinding';
import { SUPPORTED_LANGUAGE_IDS, notebookTarget, targetFor, targetName, targetSize, type AnalysisTarget } from './targets';

/** The palette command's identifier, as contributed in package.json. */
export const ANALYZE_COMMAND = Commands.analyzeCurrentFile;

interface FindingItem extends vscode.QuickPickItem {
  document: vscode.TextDocument;
  range: vscode.Range;
}

/** The target of the active editor: its file, or the notebook its cell (or notebook editor) belongs to. */
function activeTarget(): { target?: AnalysisTarget; languageId?: string } {
  const editor = vscode.window.activeTextEditor;
  if (editor) return { target: targetFor(editor.document), languageId: editor.document.languageId };
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook) return { target: notebookTarget(notebook), languageId: 'notebook' };
  return {};
}

function severityIcon(f: Finding): string {
  return f.severity === 'error' ? '$(error)' : f.severity === 'warning' ? '$(warning)' : '$(info)';
}

function items(target: AnalysisTarget, analysis: TargetAnalysis): FindingItem[] {
  return analysis.documents.flatMap((entry, cellIndex) => entry.findings.map((f) => ({
    label: `${severityIcon(f)} ${f.code} ${RULE_TITLES[f.code]}`,
    description: target.kind === 'notebook'
      ? vscode.l10n.t('cell {0}, line {1}', target.cells[cellIndex].index + 1, f.range.start.line + 1)
      : vscode.l10n.t('line {0}', f.range.start.line + 1),
    detail: f.message,
    document: entry.document,
    range: toRange(f.range),
  })));
}

/** Shows the finding in its editor; a document closed meanwhile is not an error worth more than a log line. */
async function reveal(item: FindingItem, preserveFocus: boolean, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await showFinding(item.document, item.range, { preserveFocus, preview: preserveFocus });
  } catch (err) {
    log.warn(`cannot reveal the finding in ${item.document.uri.toString()}: ${String(err)}`);
  }
}

/** Lets the user walk through the findings; resolves once the pick is shown (not when it is closed). */
function showFindings(title: string, list: FindingItem[], log: vscode.LogOutputChannel): void {
  const pick = vscode.window.createQuickPick<FindingItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('Pick a finding to jump to it');
  pick.items = list;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.onDidChangeActive(([item]) => item && void reveal(item, true, log));
  pick.onDidAccept(() => {
    const [item] = pick.selectedItems;
    pick.hide();
    if (item) void reveal(item, false, log);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}

/**
 * Analyzes the active file or notebook now, whatever the as-you-type settings say (rule severities and
 * frameworks still apply), tells how many findings there are and offers them in a quick pick.
 * Returns the number of findings (undefined when nothing could be analyzed) so tests can check it.
 */
export async function analyzeCurrentFile(settings: SettingsWatcher, client: AnalyzerClient, log: vscode.LogOutputChannel): Promise<number | undefined> {
  const { target, languageId } = activeTarget();
  if (!languageId) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Python file, a Jupyter notebook or a TensorFlow.js file to analyze its weight initializers.'));
    return undefined;
  }
  if (!target) {
    void vscode.window.showInformationMessage(SUPPORTED_LANGUAGE_IDS.includes(languageId)
      ? vscode.l10n.t('The active editor shows a read-only view (for example a git revision); open the file itself to analyze it.')
      : vscode.l10n.t('Visualize Init analyzes Python, Jupyter notebooks and JavaScript/TypeScript (TensorFlow.js), not {0} files.', languageId));
    return undefined;
  }
  const s = settings.settings;
  const options = analyzeOptions(s, DEFAULT_MAX_CHARS);
  const name = targetName(target);
  const analysis = targetSize(target) > s.maxFileSize
    ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Analyzing {0}…', name) }, () => analyzeTarget(target, options, client, log))
    : await analyzeTarget(target, options, client, log);
  if (analysis.failed) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The initializer analysis of {0} failed; the details are in the Visualize Init log.', name));
    return undefined;
  }
  if (analysis.skipped) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} was not analyzed: {1}', name, analysis.skipped.detail));
    return undefined;
  }
  const list = items(target, analysis);
  log.info(`analyzed ${name} on request: ${list.length} finding(s) in ${analysis.elapsedMs.toFixed(0)} ms`);
  if (list.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No constant or symmetric weight initializers found in {0}.', name));
  } else {
    showFindings(list.length === 1 ? vscode.l10n.t('1 initializer finding in {0}', name) : vscode.l10n.t('{0} initializer findings in {1}', list.length, name), list, log);
  }
  return list.length;
}

/** Registers the palette command "Analyze Initializers in Current File". */
export function registerAnalyzeCommand(settings: SettingsWatcher, client: AnalyzerClient, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(ANALYZE_COMMAND, () => analyzeCurrentFile(settings, client, log));
}
