import * as vscode from 'vscode';
import type { PanelManager } from './panel/visualizePanel';

/** Command identifiers, as contributed in package.json. */
export const Commands = {
  open: 'visualizeInit.open',
  analyzeCurrentFile: 'visualizeInit.analyzeCurrentFile',
} as const;

/** Registers the palette commands; the returned Disposable unregisters them. */
export function registerCommands(panels: PanelManager): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.open, () => {
      panels.createOrShow();
    }),
    vscode.commands.registerCommand(Commands.analyzeCurrentFile, () => {
      void vscode.window.showInformationMessage(vscode.l10n.t('Initializer analysis is not available yet in this version.'));
    }),
  );
}
