import * as vscode from 'vscode';
import type { RuleCode } from '../../core/analyzer';

/**
 * The rule's documentation page shipped inside the extension (docs/rules/<code>.md, packaged by
 * .vscodeignore): it opens offline, in the version that matches the installed analyzer.
 */
export function ruleDocUri(extensionUri: vscode.Uri, code: RuleCode): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${code}.md`);
}
