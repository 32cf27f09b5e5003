import type * as vscode from 'vscode';
import type { Finding } from '../../core/analyzer';
import type { DocumentFindings } from './runner';

/** The latest findings per document (by URI), with the document version they were computed for. */
export class FindingStore {
  private readonly byUri = new Map<string, DocumentFindings>();

  /** Records the findings of one document, replacing older ones. */
  set(entry: DocumentFindings): void {
    this.byUri.set(entry.document.uri.toString(), entry);
  }

  /** Forgets a document (closed, excluded, or analysis switched off). */
  delete(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
  }

  /** The findings for the document's current version, or undefined when none are recorded or they are stale. */
  fresh(document: vscode.TextDocument): Finding[] | undefined {
    const entry = this.byUri.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.findings : undefined;
  }
}
