// Writes l10n/bundle.l10n.json, the English template translators copy to bundle.l10n.<lang>.json:
// every message of vscode.l10n.t(...) in the host and of t(...) in the webviews, plus the preset
// titles and lessons the webviews translate by value. Also finds webview literals that a user reads
// but that bypass t() (the unit test fails on them). Run: node --import tsx scripts/l10n-export.ts
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { PRESETS } from '../src/shared/presets';

const root = join(import.meta.dirname, '..');

/** Where the English template lives. */
export const BUNDLE_PATH = join(root, 'l10n', 'bundle.l10n.json');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

const literalText = (n: ts.Node | undefined): string | undefined => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined);

/** Calls of the webviews' t(). */
const isWebviewT = (n: ts.CallExpression): boolean => ts.isIdentifier(n.expression) && n.expression.text === 't';
/** Calls of vscode.l10n.t() in the host. */
const isHostT = (n: ts.CallExpression): boolean => ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't'
  && ts.isPropertyAccessExpression(n.expression.expression) && n.expression.expression.name.text === 'l10n';

/** The messages of every translation call in `files`; a call whose message is not a literal is reported in `dynamic`. */
export function messagesIn(files: string[], isCall: (n: ts.CallExpression) => boolean): { messages: string[]; dynamic: string[] } {
  const messages: string[] = [], dynamic: string[] = [];
  for (const file of files) {
    const sf = parse(file);
    walk(sf, (n) => {
      if (!ts.isCallExpression(n) || !isCall(n)) return;
      const text = literalText(n.arguments[0]);
      if (text !== undefined) messages.push(text);
      else dynamic.push(`${relative(root, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText()}`);
    });
  }
  return { messages, dynamic };
}

/** Source files of the webviews and of the host. */
export const webviewFiles = (): string[] => tsFiles(join(root, 'webview')).filter((f) => !f.endsWith('l10n.ts'));
export const hostFiles = (): string[] => [...tsFiles(join(root, 'src', 'host')), join(root, 'src', 'extension.ts')];

/** Messages translated by value in the webviews (t(preset.title), t(state.lesson)): the presets'. */
export const presetMessages = (): string[] => PRESETS.flatMap((p) => [p.title, p.lesson]);

/** Every message of the extension, sorted and unique. */
export function allMessages(): string[] {
  const web = messagesIn(webviewFiles(), isWebviewT).messages;
  const host = messagesIn(hostFiles(), isHostT).messages;
  return [...new Set([...host, ...web, ...presetMessages()])].sort();
}

/** Literals with a word: at least two letters in a row. */
const hasWord = (s: string): boolean => /\p{L}{2}/u.test(s);
/** Prose: words separated by spaces, a capitalised word, or an ellipsis. */
const looksLikeProse = (s: string): boolean => hasWord(s) && (/\p{L}\s+\S*\p{L}/u.test(s) || /^\p{Lu}\p{Ll}/u.test(s) || s.includes('…'));

/** Calls whose arguments at these positions never reach the user (tags, classes, events, attribute names, CSS). */
const HIDDEN_ARGS = new Map<string, number[]>(Object.entries({
  h: [0, 1], el: [0], addEventListener: [0], removeEventListener: [0], setAttribute: [0], getAttribute: [0], removeAttribute: [0], toggleAttribute: [0],
  createElement: [0], createElementNS: [0, 1], querySelector: [0], querySelectorAll: [0], getElementById: [0], getContext: [0], toDataURL: [0],
  getPropertyValue: [0], setProperty: [0, 1], toggle: [0], add: [0], remove: [0], contains: [0], postMessage: [0], cssVar: [0, 1], matchMedia: [0],
}));
/** Object keys whose values are never shown (attributes that hold ids, roles, states, CSS). */
const HIDDEN_KEYS = new Set(['id', 'class', 'role', 'type', 'tabindex', 'for', 'value', 'min', 'max', 'step', 'secondary', 'aria-hidden', 'aria-live', 'aria-keyshortcuts', 'data-layer', 'data-run-step', 'willReadFrequently', 'format', 'kind']);

/**
 * Webview literals that look like text a user reads but do not go through t(): prose anywhere except
 * in positions that never reach the screen (class names, event names, attribute names, switch cases,
 * comparisons with event keys, types), and any word in a place that always does (text children,
 * aria-label, title, heading, setText, fillText, textContent).
 */
export function untranslatedLiterals(files = webviewFiles()): string[] {
  const found: string[] = [];
  for (const file of files) {
    const sf = parse(file);
    walk(sf, (n) => {
      let text: string | undefined;
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) text = n.text;
      else if (ts.isTemplateExpression(n)) text = [n.head.text, ...n.templateSpans.map((s) => `{}${s.literal.text}`)].join('');
      else return;
      const at = outermost(n);
      const p = at.parent;
      if (ts.isCallExpression(p) && (isWebviewT(p) || (ts.isIdentifier(p.expression) && p.expression.text === 'format'))) return;
      if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p) || ts.isCaseClause(p) || ts.isElementAccessExpression(p)) return;
      if (ts.isPropertyAssignment(p) && p.name === n) return;
      if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)) return;
      if (ts.isCallExpression(p) && p.expression !== n) {
        const callee = ts.isIdentifier(p.expression) ? p.expression.text : ts.isPropertyAccessExpression(p.expression) ? p.expression.name.text : '';
        if (HIDDEN_ARGS.get(callee)?.includes(p.arguments.indexOf(at))) return;
      }
      if (ts.isPropertyAssignment(p) && HIDDEN_KEYS.has(literalText(p.name) ?? (ts.isIdentifier(p.name) ? p.name.text : ''))) return;
      // CSS written through the style object or a canvas font/colour.
      if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left) && (/\.style\./.test(p.left.getText()) || ['font', 'fillStyle', 'strokeStyle', 'textAlign', 'textBaseline'].includes(p.left.name.text))) return;
      const visible = isVisibleSink(at);
      if (visible ? hasWord(text) : looksLikeProse(text)) found.push(`${relative(root, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText()}`);
    });
  }
  return found;
}

/** The expression a literal is the value of: through `c ? 'a' : 'b'`, `x ?? 'a'` and parentheses. */
function outermost(n: ts.Expression): ts.Expression {
  let e = n;
  for (;;) {
    const p = e.parent;
    if (ts.isParenthesizedExpression(p) || (ts.isConditionalExpression(p) && p.condition !== e)) e = p;
    else if (ts.isBinaryExpression(p) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(p.operatorToken.kind)) e = p;
    else return e;
  }
}

/** True where a literal always lands on screen or in the accessibility tree. */
function isVisibleSink(n: ts.Expression): boolean {
  const p = n.parent;
  if (ts.isCallExpression(p)) {
    const callee = ts.isIdentifier(p.expression) ? p.expression.text : ts.isPropertyAccessExpression(p.expression) ? p.expression.name.text : '';
    const i = p.arguments.indexOf(n);
    return (callee === 'h' && i >= 3) || (callee === 'el' && i >= 2) || (callee === 'setText' && i === 1) || (callee === 'fillText' && i === 0) || callee === 'showBanner';
  }
  if (ts.isPropertyAssignment(p)) {
    const key = literalText(p.name) ?? (ts.isIdentifier(p.name) ? p.name.text : '');
    return ['aria-label', 'title', 'heading', 'aria-roledescription', 'placeholder', 'label', 'text'].includes(key);
  }
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left)) return ['textContent', 'title', 'innerText'].includes(p.left.name.text);
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const messages = allMessages();
  writeFileSync(BUNDLE_PATH, `${JSON.stringify(Object.fromEntries(messages.map((m) => [m, m])), null, 2)}\n`);
  console.log(`${relative(root, BUNDLE_PATH)}: ${messages.length} messages`);
  const bypass = untranslatedLiterals();
  if (bypass.length) console.log(`webview literals that bypass t():\n${bypass.join('\n')}`);
}
