import * as vscode from 'vscode';
import type { SourceLanguage } from '../../core/analyzer';
import { languageForLanguageId } from '../../core/analyzer/languages';

/** What one analysis covers: a source file, or every code cell of a notebook together (imports resolve across cells). */
export type AnalysisTarget =
  | { kind: 'text'; key: string; document: vscode.TextDocument; language: SourceLanguage }
  | { kind: 'notebook'; key: string; notebook: vscode.NotebookDocument; cells: vscode.NotebookCell[] };

/** The URI scheme of notebook cell documents. */
export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/**
 * Schemes of documents the user edits (files, untitled buffers, notebook cells, virtual and remote
 * workspaces); git revisions, output channels and other read-only views are left alone.
 */
const ANALYZED_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', NOTEBOOK_CELL_SCHEME, 'vscode-vfs', 'vscode-remote']);

/** Languages whose documents (and notebook cells) the analyzer reads, as VS Code language ids. */
export const SUPPORTED_LANGUAGE_IDS: readonly string[] = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/** Document selector for the hover and code action providers (any scheme: files, untitled buffers, notebook cells). */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = SUPPORTED_LANGUAGE_IDS.map((language) => ({ language }));

/** The notebook a cell document belongs to, if it is an open notebook's cell. */
export function notebookOfCell(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  const key = document.uri.toString();
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document.uri.toString() === key));
}

/** The analysis target of a notebook: its Python code cells (undefined for notebooks in read-only views, e.g. git revisions). */
export function notebookTarget(notebook: vscode.NotebookDocument): AnalysisTarget | undefined {
  if (!ANALYZED_SCHEMES.has(notebook.uri.scheme)) return undefined;
  const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
  return { kind: 'notebook', key: notebook.uri.toString(), notebook, cells };
}

/** The analysis target a document is part of, or undefined when the analyzer does not read its language. */
export function targetFor(document: vscode.TextDocument): AnalysisTarget | undefined {
  if (!ANALYZED_SCHEMES.has(document.uri.scheme)) return undefined;
  const notebook = notebookOfCell(document);
  if (notebook) return document.languageId === 'python' ? notebookTarget(notebook) : undefined;
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) return undefined; // a cell whose notebook is already closed
  const language = languageForLanguageId(document.languageId);
  return language ? { kind: 'text', key: document.uri.toString(), document, language } : undefined;
}

/** Total characters the target's analysis reads. */
export function targetSize(target: AnalysisTarget): number {
  return target.kind === 'text' ? target.document.getText().length : target.cells.reduce((n, c) => n + c.document.getText().length, 0);
}

/** The language, documents and versions an analysis of the target reads now: equal strings, equal inputs. */
export function targetVersions(target: AnalysisTarget): string {
  const docs = target.kind === 'text' ? [target.document] : target.cells.map((c) => c.document);
  const language = target.kind === 'text' ? target.language : 'notebook';
  return [language, ...docs.map((d) => `${d.uri.toString()}@${d.version}`)].join('\n');
}

/** A readable name of the target for messages ('model.py', 'train.ipynb'). */
export function targetName(target: AnalysisTarget): string {
  const uri = target.kind === 'text' ? target.document.uri : target.notebook.uri;
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString();
}

/** The document whose path settings (exclude globs) are matched for this target. */
export function representativeDocument(target: AnalysisTarget): vscode.TextDocument | undefined {
  return target.kind === 'text' ? target.document : target.cells[0]?.document;
}
