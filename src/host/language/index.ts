import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { registerAnalyzeCommand } from './analyzeCommand';
import { AnalyzerClient } from './analyzerClient';
import { InitializerCodeActionProvider } from './codeActions';
import { DiagnosticsController } from './diagnostics';
import { InitializerHoverProvider } from './hover';
import { SettingsWatcher } from './settings';
import { DOCUMENT_SELECTOR } from './targets';

/** The editor side of the initializer analysis: diagnostics, hover, quick fixes and the analyze command. */
export class LanguageFeatures extends Disposable {
  /** The analyzer's worker thread, shared with the workspace scan. */
  readonly analyzer: AnalyzerClient;

  constructor(extensionUri: vscode.Uri, log: vscode.LogOutputChannel) {
    super();
    const settings = this._register(new SettingsWatcher());
    const client = this._register(new AnalyzerClient(vscode.Uri.joinPath(extensionUri, 'dist', 'analyzerWorker.js').fsPath, log));
    this.analyzer = client;
    const diagnostics = this._register(new DiagnosticsController(settings, client, extensionUri, log));
    this._register(vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new InitializerHoverProvider(diagnostics, extensionUri)));
    this._register(vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new InitializerCodeActionProvider(diagnostics), {
      providedCodeActionKinds: InitializerCodeActionProvider.providedCodeActionKinds,
    }));
    this._register(registerAnalyzeCommand(settings, client, log));
  }
}
