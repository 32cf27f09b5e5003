/** Escapes text for a vscode.MarkdownString so user-controlled words (labels, messages) render literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
