import * as vscode from 'vscode';
import type { Finding, Framework, RuleCode, VisualizeRequest } from '../../core/analyzer';
import { RULE_TITLES } from '../../core/analyzer/findings';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { ruleDocUri } from './ruleDocs';
import { codeFence, escapeMarkdown } from '../markdown';

/** The only command our hover's markdown may run. */
export const VISUALIZE_COMMAND = 'visualizeInit.open';

/** The `command:` link that opens the panel configured with this initializer. */
export function visualizeLink(request: VisualizeRequest): string {
  return `command:${VISUALIZE_COMMAND}?${encodeURIComponent(JSON.stringify([request]))}`;
}

const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = {
  numpy: 'NumPy',
  pytorch: 'PyTorch',
  keras: 'Keras',
  tensorflow: 'TensorFlow',
  jax: 'JAX',
  flax: 'Flax',
  haiku: 'Haiku',
  equinox: 'Equinox',
  tfjs: 'TensorFlow.js',
};

/** Why the rule matters, in one or two sentences. */
function why(code: RuleCode): string {
  switch (code) {
    case 'VI001':
    case 'VI003':
      return vscode.l10n.t('Units that start with the same incoming weights compute the same output and receive the same gradient, so every update keeps them equal: the layer behaves like a single unit, however wide it is.');
    case 'VI002':
      return vscode.l10n.t('What matters is that rows differ, not that they are random: copied rows make the units identical, and identical units stay identical under gradient descent.');
    case 'VI004':
      return vscode.l10n.t('With every pre-activation at 0, the ReLU derivative is 0, so no gradient flows through this layer: its weights, its bias and everything below it stay where they started.');
    case 'VI005':
      return vscode.l10n.t('Uninitialized memory holds whatever bytes were there before: often zeros (symmetric), sometimes huge values or NaN, never a controlled random draw.');
  }
}

/**
 * The hover markdown of one finding: what happens to this layer, the links (kept near the top: long
 * hovers scroll), why, and the fix in the framework's idiom.
 */
export function hoverMarkdown(finding: Finding, extensionUri: vscode.Uri, languageId: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [VISUALIZE_COMMAND] };
  md.appendMarkdown(`${finding.severity === 'error' ? '$(error)' : '$(warning)'} **`);
  md.appendMarkdown(escapeMarkdown(`${finding.code} ${RULE_TITLES[finding.code]}`));
  md.appendMarkdown('**');
  if (finding.target) md.appendMarkdown(` · \`${finding.target.replace(/`/g, '')}\``);
  md.appendMarkdown(` · ${escapeMarkdown(FRAMEWORK_NAMES[finding.framework])}\n\n`);
  md.appendMarkdown(escapeMarkdown(finding.message));
  md.appendMarkdown('\n\n');
  md.appendMarkdown(`[$(graph) ${vscode.l10n.t('Visualize this initializer')}](${visualizeLink(finding.visualize)})`);
  md.appendMarkdown(` · [$(book) ${vscode.l10n.t('About {0}', finding.code)}](${ruleDocUri(extensionUri, finding.code).toString()})\n\n`);
  md.appendMarkdown('---\n\n');
  md.appendMarkdown(`*${vscode.l10n.t('Why')}:* `);
  md.appendMarkdown(escapeMarkdown(why(finding.code)));
  md.appendMarkdown('\n\n');
  const replacement = finding.fixes.find((f) => f.kind === 'replace' && f.preferred) ?? finding.fixes.find((f) => f.kind === 'replace');
  if (replacement && replacement.edits.length > 0) {
    const name = replacement.initializer === 'xavierUniform' ? 'Xavier/Glorot' : 'He/Kaiming';
    md.appendMarkdown(`*${vscode.l10n.t('Fix ({0}, {1}; Quick Fix applies it)', FRAMEWORK_NAMES[finding.framework], name)}:*\n\n`);
    md.appendMarkdown(`${codeFence(replacement.edits.map((e) => e.newText).join('\n'), languageId)}\n`);
  } else {
    md.appendMarkdown(`*${vscode.l10n.t('Fix')}:* `);
    md.appendMarkdown(escapeMarkdown(vscode.l10n.t('initialize the weights randomly: He/Kaiming for the ReLU family, Xavier/Glorot for tanh/sigmoid.')));
  }
  return md;
}

/** Hover on a flagged initializer: explains the finding under the cursor. */
export class InitializerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly diagnostics: DiagnosticsController, private readonly extensionUri: vscode.Uri) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const findings = await this.diagnostics.findingsFor(document, true);
    const here = findings?.filter((f) => toRange(f.range).contains(position)) ?? [];
    if (here.length === 0) return undefined;
    return new vscode.Hover(here.map((f) => hoverMarkdown(f, this.extensionUri, document.languageId)), toRange(here[0].range));
  }
}
