import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce from the crypto RNG (never Math.random). */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/** Webview options limited to our own bundle and media folders. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * The HTML shell of a webview: strict CSP (no default source, scripts only by nonce, styles and
 * images only from the webview's own resource origin), one script bundle and one stylesheet, and
 * the extension's translations for the webview's t().
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string): string {
  const nonce = createNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${bundle}.css`));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data: blob:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  // The webview's t() reads its translations here; undefined in English, so nothing is written.
  const l10n = vscode.l10n.bundle ? ` data-l10n="${escapeHtml(JSON.stringify(vscode.l10n.bundle))}"` : '';
  return page(csp, title, `<link rel="stylesheet" href="${style}">`, `<div id="app" data-nonce="${nonce}"${l10n}></div>
<script nonce="${nonce}" src="${script}"></script>`);
}

/**
 * A static page of paragraphs the host writes itself (no script, nothing loaded): what a webview shows
 * when its own bundle cannot be used, e.g. one of another build that speaks another protocol.
 */
export function noticeHtml(title: string, paragraphs: readonly string[]): string {
  const nonce = createNonce();
  // No script at all, said outright rather than left to default-src.
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, "script-src 'none'"].join('; ');
  const style = `<style nonce="${nonce}">body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1em 2em; max-width: 48em; }</style>`;
  return page(csp, title, style, `<div id="notice" role="alert">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</div>`);
}

/** The document every webview page shares: language, the CSP meta tag first in <head>, then `head` and `body`. */
function page(csp: string, title: string, head: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${head}
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
