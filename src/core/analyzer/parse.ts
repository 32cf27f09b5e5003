// Parsing with Lezer (@lezer/python, @lezer/javascript with the "ts" dialect) into the model of model.ts.
//
// Why Lezer: pure JavaScript and synchronous, with no .wasm to fetch or instantiate, so the same
// code runs unchanged in core, the worker, the CLI and a future browser build; incremental; and
// error-tolerant (any input yields a tree, never an exception); one family covers Python and JS/TS.
import { NodeType, Tree, TreeFragment, type SyntaxNode } from '@lezer/common';
import { parser as pythonParser } from '@lezer/python';
import { parser as jsParser } from '@lezer/javascript';
import type { SourceLanguage } from './findings';
import { NO_EXPRS, context, leaf, type Context, type Expr, type ImportBinding, type Keyword, type Program, type Span, type Statement } from './model';
import { importTokens, jsImportBindings, jsRequireBinding, pythonImportBindings } from './imports';
import { pythonChunks, pythonWords } from './chunks';
import { readPythonChunk } from './pythonReader';
import { isHintWord } from './hints';
import type { ChunkCache } from './chunkCache';
import { aliasMatters, chunkRelevant, statementRelevant } from './relevance';

const tsParser = jsParser.configure({ dialect: 'ts' });
const jsxParser = jsParser.configure({ dialect: 'jsx' });
const tsxParser = jsParser.configure({ dialect: 'ts jsx' });

/** A previous parse of the same document, reused by incremental parsing. */
export interface PreviousParse {
  text: string;
  tree: Tree;
}

/** The one changed range between two texts (common prefix and suffix), as Lezer expects it. */
export function changedRange(oldText: string, newText: string): { fromA: number; toA: number; fromB: number; toB: number } {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && oldText.charCodeAt(oldText.length - 1 - end) === newText.charCodeAt(newText.length - 1 - end)) end++;
  return { fromA: start, toA: oldText.length - end, fromB: start, toB: newText.length - end };
}

/** Parses `text` with the grammar for `language` (never throws: Lezer recovers from errors); reuses `previous` incrementally when given. */
export function parseTree(text: string, language: SourceLanguage, previous?: PreviousParse): Tree {
  const parser = language === 'python' ? pythonParser : language === 'typescript' ? tsParser : language === 'jsx' ? jsxParser : language === 'tsx' ? tsxParser : jsParser;
  if (!previous) return parser.parse(text);
  const fragments = TreeFragment.applyChanges(TreeFragment.addTree(previous.tree), [changedRange(previous.text, text)]);
  return parser.parse(text, fragments);
}

/** Maximum nesting the converters follow; deeper sub-trees become opaque 'other' nodes. */
const MAX_DEPTH = 200;

const COMMENT_NODES = new Set(['Comment', 'LineComment', 'BlockComment']);

/**
 * True for syntax nodes that carry meaning (Lezer names real nodes with a capital letter). Comments
 * do not: one between arguments (`np.zeros(  # shape` on its own line) is no argument.
 */
function isNamed(n: SyntaxNode): boolean {
  const c = n.name.charCodeAt(0);
  return c >= 65 && c <= 90 && !COMMENT_NODES.has(n.name);
}

/** The child nodes of `n` without comments (read apart, for suppressions; they are never operands or operators). */
function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (!COMMENT_NODES.has(c.name)) out.push(c);
  return out;
}

function parseNumber(raw: string): number | undefined {
  const t = raw.replace(/_/g, '').replace(/n$/, '');
  if (/[jJ]$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

function unquote(raw: string): string {
  const m = /^[a-zA-Z]*("""|'''|"|'|`)/.exec(raw);
  if (!m) return raw;
  const q = m[1];
  const body = raw.slice(m[0].length);
  return body.endsWith(q) ? body.slice(0, body.length - q.length) : body;
}

/** Converts Lezer nodes of one text into model expressions and statements. */
class Converter {
  readonly statements: Statement[] = [];
  readonly imports: ImportBinding[] = [];
  constructor(
    readonly text: string,
    readonly python: boolean,
    /** Local names bound by imports so far (an aliased `c(w, 0.5)` has no other trigger); shared across notebook cells. */
    readonly aliases: Set<string>,
    /** Convert every statement (see BuildOptions.convertAll). */
    readonly convertAll = false,
  ) {}

  src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  /** True when the statement's text contains a trigger substring or an imported name that matters (see relevance.ts). */
  relevant(n: SyntaxNode): boolean {
    return this.convertAll || statementRelevant(this.text.slice(n.from, n.to), this.aliases);
  }

  /** Records an import binding; its local name makes statements relevant when it matters. */
  bind(b: ImportBinding): void {
    this.imports.push(b);
    if (aliasMatters(b.qualified)) this.aliases.add(b.local);
  }


  other(n: SyntaxNode, depth: number): Expr {
    const kids: Expr[] = [];
    if (depth < MAX_DEPTH) for (const c of children(n)) if (isNamed(c)) kids.push(this.expr(c, depth + 1));
    return { kind: 'other', children: kids, from: n.from, to: n.to };
  }

  expr(n: SyntaxNode, depth = 0): Expr {
    if (depth >= MAX_DEPTH) return leaf(n.from, n.to);
    return this.python ? this.pyExpr(n, depth) : this.jsExpr(n, depth);
  }

  args(list: SyntaxNode | null, depth: number): { args: Expr[]; kwargs: Keyword[] } {
    const args: Expr[] = [];
    const kwargs: Keyword[] = [];
    if (!list) return { args, kwargs };
    const kids = children(list);
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      if (this.python && (c.name === '*' || c.name === '**')) {
        i++;
        continue;
      }
      if (!isNamed(c) || c.name === 'Spread') continue;
      if (this.python && c.name === 'VariableName' && kids[i + 1]?.name === 'AssignOp' && kids[i + 2]) {
        const v = kids[i + 2];
        kwargs.push({ name: this.src(c), value: this.expr(v, depth + 1), from: c.from, to: v.to });
        i += 2;
        continue;
      }
      args.push(this.expr(c, depth + 1));
    }
    return { args, kwargs };
  }

  member(n: SyntaxNode, depth: number): Expr {
    const kids = children(n);
    const obj = kids[0];
    const base = obj ? this.expr(obj, depth + 1) : leaf(n.from, n.to);
    const bracket = kids.findIndex((k) => k.name === '[');
    if (bracket >= 0) {
      const inner = kids.slice(bracket + 1).filter((k) => k.name !== ']' && k.name !== ',');
      const index = inner.filter(isNamed).filter((k) => k.name !== 'Ellipsis').map((k) => this.expr(k, depth + 1));
      const full =
        this.python &&
        inner.length > 0 &&
        inner.every((k) => k.name === ':' || k.name === 'Ellipsis') &&
        index.length === 0;
      return { kind: 'subscript', target: base, full, index, from: n.from, to: n.to };
    }
    const prop = kids.find((k) => k.name === 'PropertyName' || k.name === 'PrivatePropertyName');
    if (!prop) {
      // "1." lexes as a member access with a missing property in @lezer/python.
      if (base.kind === 'num') return { ...base, from: n.from, to: n.to };
      return { kind: 'other', children: [base], from: n.from, to: n.to };
    }
    const name = this.src(prop);
    if (base.kind === 'name') return { kind: 'name', parts: [...base.parts, name], from: n.from, to: n.to };
    return { kind: 'member', object: base, prop: name, from: n.from, to: n.to };
  }

  binary(n: SyntaxNode, depth: number): Expr {
    const kids = children(n);
    const named = kids.filter(isNamed);
    const opNode = named.find((k) => /Op$/.test(k.name));
    const operands = named.filter((k) => k !== opNode);
    if (operands.length !== 2) return this.other(n, depth);
    const op = opNode ? this.src(opNode) : (kids.find((k) => !isNamed(k))?.name ?? '?');
    return { kind: 'binary', op, left: this.expr(operands[0], depth + 1), right: this.expr(operands[1], depth + 1), from: n.from, to: n.to };
  }

  unary(n: SyntaxNode, depth: number): Expr {
    const kids = children(n);
    const opNode = kids[0];
    const arg = kids[kids.length - 1];
    if (!opNode || !arg || opNode === arg) return this.other(n, depth);
    return { kind: 'unary', op: this.src(opNode), arg: this.expr(arg, depth + 1), from: n.from, to: n.to };
  }

  seq(n: SyntaxNode, depth: number, list: boolean): Expr {
    const items = children(n).filter(isNamed).map((k) => this.expr(k, depth + 1));
    return { kind: 'seq', items, list, from: n.from, to: n.to };
  }

  /** A call: its first child is the callee, its ArgList the arguments (same shape in both grammars). */
  private call(n: SyntaxNode, kids: SyntaxNode[], depth: number): Expr {
    const span = { from: n.from, to: n.to };
    const callee = kids[0] ? this.expr(kids[0], depth + 1) : leaf(n.from, n.to);
    const { args, kwargs } = this.args(kids.find((k) => k.name === 'ArgList') ?? null, depth);
    return { kind: 'call', callee, args, kwargs, ...span };
  }

  /** `(x)` is x; anything else in parentheses is opaque. */
  private parenthesized(n: SyntaxNode, depth: number): Expr {
    const inner = children(n).filter(isNamed);
    return inner.length === 1 ? this.expr(inner[0], depth + 1) : this.other(n, depth);
  }

  /** A number or string literal (the same node names in the Python and JS grammars). */
  private literal(n: SyntaxNode): Expr {
    const span = { from: n.from, to: n.to };
    if (n.name === 'String') return { kind: 'str', value: unquote(this.src(n)), ...span };
    const v = parseNumber(this.src(n));
    return v === undefined ? leaf(n.from, n.to) : { kind: 'num', value: v, ...span };
  }

  pyExpr(n: SyntaxNode, depth: number): Expr {
    const span = { from: n.from, to: n.to };
    switch (n.name) {
      case 'Number':
      case 'String':
        return this.literal(n);
      case 'VariableName':
        return { kind: 'name', parts: [this.src(n)], ...span };
      case 'MemberExpression':
        return this.member(n, depth);
      case 'CallExpression':
        return this.call(n, children(n), depth);
      case 'ParenthesizedExpression':
        return this.parenthesized(n, depth);
      case 'TupleExpression':
        return this.seq(n, depth, false);
      case 'ArrayExpression':
        return this.seq(n, depth, true);
      case 'BinaryExpression':
        return this.binary(n, depth);
      case 'UnaryExpression':
        return this.unary(n, depth);
      case 'LambdaExpression': {
        const kids = children(n).filter(isNamed).filter((k) => k.name !== 'ParamList');
        const body = kids[kids.length - 1];
        return body ? { kind: 'lambda', body: this.expr(body, depth + 1), ...span } : this.other(n, depth);
      }
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression': {
        const first = children(n).find(isNamed);
        return first ? { kind: 'comprehension', element: this.expr(first, depth + 1), ...span } : this.other(n, depth);
      }
      case 'DictionaryExpression': {
        const kids = children(n);
        const props: Keyword[] = [];
        for (let i = 0; i + 2 < kids.length; i++) {
          if (kids[i + 1].name === ':' && isNamed(kids[i]) && isNamed(kids[i + 2])) {
            const k = kids[i];
            const name = k.name === 'String' ? unquote(this.src(k)) : this.src(k);
            props.push({ name, value: this.expr(kids[i + 2], depth + 1), from: k.from, to: kids[i + 2].to });
            i += 2;
          }
        }
        return { kind: 'object', props, ...span };
      }
      default:
        return this.other(n, depth);
    }
  }

  jsExpr(n: SyntaxNode, depth: number): Expr {
    const span = { from: n.from, to: n.to };
    switch (n.name) {
      case 'Number':
      case 'String':
        return this.literal(n);
      case 'VariableName':
      case 'this':
        return { kind: 'name', parts: [this.src(n)], ...span };
      case 'MemberExpression':
        return this.member(n, depth);
      case 'CallExpression':
      case 'NewExpression':
        return this.call(n, children(n).filter((k) => k.name !== 'new' && k.name !== 'TypeArgList'), depth);
      case 'ParenthesizedExpression':
        return this.parenthesized(n, depth);
      case 'ArrayExpression':
        return this.seq(n, depth, true);
      case 'BinaryExpression': {
        // TypeScript `x as T` / `x satisfies T` is the value x.
        const first = n.firstChild;
        if (first && children(n).some((k) => k.name === 'as' || k.name === 'satisfies')) return this.expr(first, depth + 1);
        return this.binary(n, depth);
      }
      case 'UnaryExpression':
        return this.unary(n, depth);
      case 'ArrowFunction': {
        const kids = children(n).filter(isNamed).filter((k) => k.name !== 'ParamList' && k.name !== 'TypeAnnotation');
        const body = kids[kids.length - 1];
        if (body && body.name !== 'Block') return { kind: 'lambda', body: this.expr(body, depth + 1), ...span };
        if (body) this.block(body, context([], 0, undefined, undefined), depth + 1);
        return this.other(n, depth);
      }
      case 'ObjectExpression': {
        const props: Keyword[] = [];
        for (const p of children(n)) {
          if (p.name !== 'Property') continue;
          const kids = children(p);
          const key = kids[0];
          if (!key) continue;
          const name = key.name === 'String' ? unquote(this.src(key)) : this.src(key);
          const colon = kids.findIndex((k) => k.name === ':');
          const valueNode = colon >= 0 ? kids[colon + 1] : undefined;
          const value: Expr = valueNode
            ? this.expr(valueNode, depth + 1)
            : { kind: 'name', parts: [name], from: key.from, to: key.to };
          props.push({ name, value, from: p.from, to: p.to });
        }
        return { kind: 'object', props, ...span };
      }
      case 'FunctionExpression': {
        const body = children(n).find((k) => k.name === 'Block');
        if (body) this.block(body, context([], 0, undefined, undefined), depth + 1);
        return leaf(n.from, n.to);
      }
      default:
        return this.other(n, depth);
    }
  }

  push(kind: Statement['kind'], n: SyntaxNode, targets: readonly Expr[], op: string, value: Expr, ctx: Context): void {
    this.statements.push({ kind, targets, op, value, ctx, from: n.from, to: n.to });
  }

  /** Python statements: assignments, updates, expressions, compound statements and imports. */
  pyStatement(n: SyntaxNode, ctx: Context, depth: number): void {
    if (depth >= MAX_DEPTH) return;
    switch (n.name) {
      case 'ImportStatement':
        for (const b of pythonImportBindings(importTokens(n, this.text))) this.bind(b);
        return;
      case 'AssignStatement':
      case 'UpdateStatement': {
        const kids = children(n).filter((k) => k.name !== 'TypeDef');
        const ops = kids.map((k, i) => (k.name === 'AssignOp' || k.name === 'UpdateOp' ? i : -1)).filter((i) => i >= 0);
        if (ops.length === 0) return;
        const lastOp = ops[ops.length - 1];
        const valueNodes = kids.slice(lastOp + 1).filter(isNamed);
        const value = !this.relevant(n)
          ? leaf(valueNodes[0]?.from ?? n.to, n.to)
          : valueNodes.length === 1
            ? this.expr(valueNodes[0], depth + 1)
            : ({ kind: 'seq', items: valueNodes.map((v) => this.expr(v, depth + 1)), list: false, from: valueNodes[0]?.from ?? n.to, to: n.to } as Expr);
        const targets = kids.slice(0, lastOp).filter((k) => isNamed(k) && k.name !== 'AssignOp').map((k) => this.expr(k, depth + 1));
        this.push('assign', n, targets, this.src(kids[lastOp]), value, ctx);
        return;
      }
      case 'ExpressionStatement':
      case 'ReturnStatement': {
        const e = children(n).find(isNamed);
        if (e && this.relevant(n)) this.push('expr', n, NO_EXPRS, '', this.expr(e, depth + 1), ctx);
        return;
      }
      case 'IfStatement':
      case 'WhileStatement':
      case 'WithStatement':
      case 'ForStatement': {
        let guard = '';
        const loop = n.name === 'ForStatement' || n.name === 'WhileStatement';
        for (const c of children(n)) {
          if (c.name === 'Body') {
            const inner = context(guard ? [...ctx.guards, guard] : ctx.guards, ctx.loopDepth + (loop ? 1 : 0), ctx.functionName, ctx.className);
            this.pyBody(c, inner, depth + 1);
            guard = '';
          } else if (isNamed(c)) {
            guard = guard ? `${guard} ${this.src(c)}` : this.src(c);
            this.pyCallsIn(c, n, ctx, depth);
          }
        }
        return;
      }
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const nameNode = children(n).find((k) => k.name === 'VariableName');
        const name = nameNode ? this.src(nameNode) : undefined;
        const inner = n.name === 'FunctionDefinition' ? context(ctx.guards, ctx.loopDepth, name, ctx.className) : context(ctx.guards, ctx.loopDepth, undefined, name);
        for (const c of children(n)) if (c.name === 'Body') this.pyBody(c, inner, depth + 1);
        return;
      }
      default:
        for (const c of children(n)) if (isNamed(c)) this.pyStatement(c, ctx, depth + 1);
    }
  }

  /** Records calls in a compound statement's head (e.g. `for m in model.apply(...)`). */
  pyCallsIn(head: SyntaxNode, stmt: SyntaxNode, ctx: Context, depth: number): void {
    if (head.name === 'CallExpression') this.push('expr', stmt, NO_EXPRS, '', this.expr(head, depth + 1), ctx);
  }

  pyBody(n: SyntaxNode, ctx: Context, depth: number): void {
    for (const c of children(n)) if (isNamed(c)) this.pyStatement(c, ctx, depth + 1);
  }

  /** JS/TS statements, including class bodies and function bodies. */
  jsStatement(n: SyntaxNode, ctx: Context, depth: number): void {
    if (depth >= MAX_DEPTH) return;
    switch (n.name) {
      case 'ImportDeclaration':
        for (const b of jsImportBindings(n, this.text)) this.bind(b);
        return;
      case 'VariableDeclaration': {
        const kids = children(n);
        for (let i = 0; i < kids.length; i++) {
          if (kids[i].name !== 'VariableDefinition' && kids[i].name !== 'ObjectPattern' && kids[i].name !== 'ArrayPattern') continue;
          const def = kids[i];
          let j = i + 1;
          if (kids[j]?.name === 'TypeAnnotation') j++;
          if (kids[j]?.name !== 'Equals' || !kids[j + 1]) continue;
          const valueNode = kids[j + 1];
          const value = this.relevant(valueNode) ? this.expr(valueNode, depth + 1) : leaf(valueNode.from, valueNode.to);
          if (def.name === 'VariableDefinition') {
            const req = jsRequireBinding(this.src(def), value);
            if (req) this.bind(req);
          }
          const target: Expr = { kind: 'name', parts: [this.src(def)], from: def.from, to: def.to };
          this.statements.push({ kind: 'assign', targets: [target], op: '=', value, ctx, from: n.from, to: n.to });
          i = j + 1;
        }
        return;
      }
      case 'ExpressionStatement': {
        const e = children(n).find(isNamed);
        if (!e || !this.relevant(n)) return;
        if (e.name === 'AssignmentExpression') {
          const kids = children(e);
          const opIdx = kids.findIndex((k) => k.name === 'Equals' || k.name === 'UpdateOp');
          if (opIdx > 0 && kids[opIdx + 1]) {
            this.push('assign', n, [this.expr(kids[0], depth + 1)], this.src(kids[opIdx]), this.expr(kids[opIdx + 1], depth + 1), ctx);
            return;
          }
        }
        this.push('expr', n, NO_EXPRS, '', this.expr(e, depth + 1), ctx);
        return;
      }
      case 'ReturnStatement': {
        const e = children(n).find(isNamed);
        if (e) this.push('expr', n, NO_EXPRS, '', this.expr(e, depth + 1), ctx);
        return;
      }
      case 'IfStatement':
      case 'WhileStatement':
      case 'ForStatement':
      case 'DoStatement': {
        const loop = n.name !== 'IfStatement';
        let guard = '';
        for (const c of children(n)) {
          if (c.name === 'ParenthesizedExpression' || c.name === 'ForSpec' || c.name === 'ForInSpec' || c.name === 'ForOfSpec') {
            guard = this.src(c);
            continue;
          }
          if (!isNamed(c)) continue;
          const inner = context(guard ? [...ctx.guards, guard] : ctx.guards, ctx.loopDepth + (loop ? 1 : 0), ctx.functionName, ctx.className);
          this.jsStatement(c, inner, depth + 1);
        }
        return;
      }
      case 'FunctionDeclaration':
      case 'MethodDeclaration':
      case 'ClassDeclaration': {
        const nameNode = children(n).find((k) => k.name === 'VariableDefinition' || k.name === 'PropertyDefinition');
        const name = nameNode ? this.src(nameNode) : undefined;
        const inner = n.name === 'ClassDeclaration' ? context(ctx.guards, ctx.loopDepth, ctx.functionName, name) : context(ctx.guards, ctx.loopDepth, name, ctx.className);
        for (const c of children(n)) if (c.name === 'Block' || c.name === 'ClassBody') this.block(c, inner, depth + 1);
        return;
      }
      default:
        for (const c of children(n)) if (isNamed(c)) this.jsStatement(c, ctx, depth + 1);
    }
  }

  block(n: SyntaxNode, ctx: Context, depth: number): void {
    if (depth >= MAX_DEPTH) return;
    for (const c of children(n)) if (isNamed(c)) this.jsStatement(c, ctx, depth + 1);
  }
}

/** Nodes whose text may be a hint word (hints.ts): identifiers, attribute names and short string contents. */
const WORD_NODES = new Set(['VariableName', 'PropertyName', 'PropertyDefinition', 'VariableDefinition', 'String']);

/** Reads one tree's comments and hint words, then converts its top-level statements. */
function readTree(tree: Tree, root: SyntaxNode, text: string, conv: Converter, comments: Program['comments'], words: Set<string>): void {
  const cursor = tree.cursor();
  do {
    const name = cursor.name;
    if (COMMENT_NODES.has(name)) {
      comments.push({ from: cursor.from, to: cursor.to, text: text.slice(cursor.from, cursor.to) });
    } else if (WORD_NODES.has(name) && cursor.to - cursor.from <= 40) {
      const w = text.slice(cursor.from, cursor.to);
      const word = name === 'String' ? unquote(w) : w;
      if (isHintWord(word)) words.add(word);
    }
  } while (cursor.next());
  const ctx: Context = context([], 0, undefined, undefined);
  for (let c = root.firstChild; c; c = c.nextSibling) {
    if (conv.python) conv.pyStatement(c, ctx, 0);
    else conv.jsStatement(c, ctx, 0);
  }
}

/** How buildProgram reads Python: the fast reader first (Lezer where it gives up), or Lezer only. */
export type PythonReading = 'fast' | 'lezer';

/** How buildProgram reads a text; every field is optional. */
export interface BuildOptions {
  /** Imported names that make statements relevant, carried across notebook cells (added to). */
  aliases?: Set<string>;
  /** A parse tree of the text made already (incremental JS/TS sessions). */
  tree?: Tree;
  /** Trees and models of Python chunks kept across analyses (AnalysisSession). */
  chunks?: ChunkCache;
  reading?: PythonReading;
  /**
   * Convert every statement, as if each held a trigger: slower, and the reference the relevance
   * filter is tested against (it must not change a finding).
   */
  convertAll?: boolean;
}

/**
 * A program being read: `program` has the text and every import binding once openProgram returns;
 * its statements are handed out by `read`, chunk by chunk, and its comments and words are complete
 * once `read` returns. The engine runs the rules on each chunk's statements as they come, so a
 * file's model never lives whole: the young garbage collector copies what is alive, and a whole
 * 10k-line model alive made most of its work.
 */
export interface ProgramReading {
  /** `statements` stays empty: they go to `read`'s callback. */
  readonly program: Program;
  /** Hands the statements to `take` in file order, one chunk (or a whole JS/TS file) at a time; the array is not kept after `take` returns. */
  read(take: (statements: readonly Statement[]) => void): void;
}

/** A Python chunk read before the others because it may import (its statements wait for their turn). */
interface EarlyChunk {
  statements: readonly Statement[];
  comments: Program['comments'];
  /** The imported names it added to `aliases` (see openProgram). */
  aliases: string[];
}

/**
 * Opens `text` for reading (see ProgramReading). Never throws on any string input.
 *
 * Python is read chunk by chunk (top-level statements, see chunks.ts), and only the chunks that
 * may matter to a rule: most of a training script never mentions an initializer. The chunks that
 * may import are read first, so that every import is known before any statement reaches a rule
 * (a function may use a module imported below it). A chunk is read by the fast reader
 * (pythonReader.ts) when it is in its subset, else parsed by Lezer, whose tree is placed at the
 * chunk's offset so the model's positions are offsets in `text` as with a whole-file parse. Skipped
 * and fast-read chunks contribute their words (activation and layer-series hints) from their text or
 * tokens. `chunks` reuses what was read from unchanged chunks across analyses (AnalysisSession).
 * JS/TS is parsed whole (`tree`: a tree made already by an incremental session).
 */
export function openProgram(text: string, language: SourceLanguage, options: BuildOptions = {}): ProgramReading {
  const { aliases = new Set<string>(), tree, chunks, reading = 'fast', convertAll = false } = options;
  const python = language === 'python';
  const conv = new Converter(text, python, aliases, convertAll);
  const comments: Program['comments'] = [];
  const words = new Set<string>();
  const program: Program = { text, statements: [], imports: conv.imports, comments, words };
  if (!python || tree) {
    const t = tree ?? parseTree(text, language);
    readTree(t, t.topNode, text, conv, comments, words);
    return { program, read: (take) => take(conv.statements) };
  }
  // An uninitialized `empty` allocation is cleared by any later assignment to its name, also one
  // no trigger marks: such files are read whole.
  const all = convertAll || text.includes('empty');
  const modes = `${all ? 'all' : 'triggers'} ${convertAll ? 'everything' : 'relevant'} ${reading}`;
  // Which statements a chunk converts depends on the imported names so far: part of a kept chunk's key.
  let signature = '';
  let signedAliases = -1;
  const shared: ChunkReading = { conv, comments, all, reading, chunks };
  /** Reads one chunk (its comments into `comments`), or takes it from `chunks`; returns its statements. */
  const readSpan = (span: Span): readonly Statement[] => {
    const chunk = text.slice(span.from, span.to);
    if (!chunks) return readChunk(shared, chunk, span, words);
    // The names only grow during one build: their count tells when they changed.
    if (signedAliases !== aliases.size) {
      signature = `${modes} ${[...aliases].join(' ')}`;
      signedAliases = aliases.size;
    }
    const kept = chunks.model(chunk, signature, span.from);
    if (kept) {
      for (const b of kept.imports) conv.bind(b);
      for (const c of kept.comments) comments.push(c);
      for (const w of kept.words) words.add(w);
      return kept.statements;
    }
    const [i0, c0] = [conv.imports.length, comments.length];
    const chunkWords = new Set<string>();
    const statements = readChunk(shared, chunk, span, chunkWords);
    for (const w of chunkWords) words.add(w);
    chunks.keep(chunk, signature, { from: span.from, statements, imports: conv.imports.slice(i0), comments: comments.slice(c0), words: [...chunkWords] });
    return statements;
  };
  const spans = pythonChunks(text);
  // Chunks without the word `import` hold no import statement: the others are read now. An imported
  // name makes the statements below it relevant, not those above (as in a whole-file parse): `read`
  // starts again from the names this unit began with and adds each early chunk's names at its place.
  const before = [...aliases];
  const early = new Map<number, EarlyChunk>();
  let next = text.indexOf('import');
  for (let i = 0; i < spans.length && next >= 0; i++) {
    if (next < spans[i].from) next = text.indexOf('import', spans[i].from);
    if (next < 0 || next + 6 > spans[i].to) continue;
    const c0 = comments.length;
    const a0 = aliases.size;
    const statements = readSpan(spans[i]);
    early.set(i, { statements, comments: comments.splice(c0), aliases: aliases.size > a0 ? [...aliases].slice(a0) : [] });
  }
  const read = (take: (statements: readonly Statement[]) => void): void => {
    aliases.clear();
    for (const a of before) aliases.add(a);
    for (let i = 0; i < spans.length; i++) {
      const e = early.get(i);
      if (e) {
        for (const a of e.aliases) aliases.add(a);
        for (const c of e.comments) comments.push(c);
        take(e.statements);
        continue;
      }
      take(readSpan(spans[i]));
    }
  };
  return { program, read };
}

/** Reads `text` whole into the Program the rules read (see openProgram): for tests and tools that want every statement at once. */
export function buildProgram(text: string, language: SourceLanguage, options: BuildOptions = {}): Program {
  const { program, read } = openProgram(text, language, options);
  const statements: Statement[] = [];
  read((chunk) => {
    for (const s of chunk) statements.push(s);
  });
  return { ...program, statements };
}

/** What reading the chunks of one Python text shares (the converter holds the text, the imported names and convertAll). */
interface ChunkReading {
  conv: Converter;
  comments: Program['comments'];
  /** Read every chunk (see buildProgram). */
  all: boolean;
  reading: PythonReading;
  chunks?: ChunkCache;
}

/** The statements of a chunk that has none (one array for all). */
const NO_STATEMENTS: readonly Statement[] = [];

/**
 * Reads one Python chunk: skipped, fast-read, or parsed by Lezer. Returns its statements (an array
 * of its own); its imports go to the converter, its comments to `comments`, its words to `words`.
 */
function readChunk({ conv, comments, all, reading, chunks }: ChunkReading, chunk: string, span: Span, words: Set<string>): readonly Statement[] {
  const { text, aliases, convertAll } = conv;
  if (!all && !chunkRelevant(chunk, aliases)) {
    pythonWords(text, span.from, span.to, words);
    return NO_STATEMENTS;
  }
  const fast = reading === 'fast' ? readPythonChunk(text, span.from, span.to, aliases, words, convertAll) : undefined;
  if (fast) {
    for (const b of fast.imports) conv.imports.push(b);
    for (const c of fast.comments) comments.push(c);
    return fast.statements;
  }
  const t = chunks ? chunks.tree(chunk) : pythonParser.parse(chunk);
  // The chunk's tree as the child of an empty root at the chunk's offset: absolute positions.
  const placed = new Tree(NodeType.none, [t], [span.from], span.to);
  const root = placed.topNode.firstChild;
  if (root) readTree(placed, root, text, conv, comments, words);
  return conv.statements.splice(0);
}
