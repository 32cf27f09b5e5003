/** Escapes text for a vscode.MarkdownString so user-controlled words (labels, messages) render literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/**
 * A fenced code block around `code`: the fence is one backtick longer than the longest backtick run
 * inside (at least 3), so no line of the code can close it early (CommonMark).
 */
export function codeFence(code: string, language: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${code}\n${ticks}`;
}
