import * as vscode from 'vscode';
import type { Finding, Fix } from '../../core/analyzer';
import { toRange } from './convert';
import { DIAGNOSTIC_SOURCE, type DiagnosticsController } from './diagnostics';

/** The localized menu title of an analyzer fix. */
function fixTitle(fix: Fix, finding: Finding): string {
  if (fix.kind === 'ignore') return vscode.l10n.t('Ignore {0} on this line (add a visualize-init comment)', finding.code);
  return fix.initializer === 'xavierUniform'
    ? vscode.l10n.t('Initialize with Xavier/Glorot (tanh/sigmoid)')
    : vscode.l10n.t('Initialize with He/Kaiming (ReLU family)');
}

/** Quick fixes for flagged initializers: He/Kaiming or Xavier/Glorot in the framework's idiom, and the ignore comment. */
export class InitializerCodeActionProvider implements vscode.CodeActionProvider {
  /** The kinds this provider returns (for registration metadata). */
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: DiagnosticsController) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // Lightbulb requests while typing use what the last analysis found; an explicit request may analyze now.
    const findings = await this.diagnostics.findingsFor(document, context.triggerKind === vscode.CodeActionTriggerKind.Invoke);
    if (!findings) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of findings) {
      const findingRange = toRange(finding.range);
      if (!findingRange.intersection(range)) continue;
      const diagnostic = context.diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && d.range.isEqual(findingRange)
        && (typeof d.code === 'object' ? d.code.value : d.code) === finding.code);
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fixTitle(fix, finding), vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
        action.isPreferred = fix.preferred;
        if (diagnostic) action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}
