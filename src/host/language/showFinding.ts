import * as vscode from 'vscode';
import { notebookOfCell } from './targets';

/** How to show a finding: as the user's choice (focus, pinned) or as a preview while browsing a list. */
export interface ShowOptions {
  preserveFocus?: boolean;
  preview?: boolean;
}

/**
 * Opens a document at a finding's range. A notebook cell is revealed through its notebook first: the
 * notebook editor only creates editors for cells near its viewport, so a cell far down a large notebook
 * cannot be shown on its own ("Could NOT open editor").
 */
export async function showFinding(document: vscode.TextDocument, range: vscode.Range, options: ShowOptions = {}): Promise<void> {
  const notebook = notebookOfCell(document);
  const index = notebook ? notebook.getCells().findIndex((c) => c.document === document) : -1;
  if (!notebook || index < 0) {
    await vscode.window.showTextDocument(document, { ...options, selection: range });
    return;
  }
  const cells = new vscode.NotebookRange(index, index + 1);
  const editor = await vscode.window.showNotebookDocument(notebook, { ...options, selections: [cells] });
  editor.revealRange(cells, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  await vscode.window.showTextDocument(document, { ...options, selection: range, viewColumn: editor.viewColumn });
}
