import * as vscode from 'vscode';
import type { PanelManager } from './panel/visualizePanel';
import { parsePanelRequest } from '../shared/panelProtocol';

/** Command identifiers, as contributed in package.json. */
export const Commands = {
  open: 'visualizeInit.open',
  analyzeCurrentFile: 'visualizeInit.analyzeCurrentFile',
} as const;

/** Registers visualizeInit.open (the analyze command lives in language/analyzeCommand.ts); the returned Disposable unregisters it. */
export function registerCommands(panels: PanelManager, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    // The argument comes from our hover links ("Visualize this initializer") or a preset id; validate it anyway.
    vscode.commands.registerCommand(Commands.open, (arg?: unknown) => {
      const request = parsePanelRequest(arg);
      if (!request.ok) {
        log.warn(`visualizeInit.open: ignored an invalid argument (${request.error})`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Visualize Init could not read what to show ({0}); opening the panel as it is.', request.error));
      }
      panels.createOrShow(request.ok ? request.message : undefined);
    }),
  );
}
