// The fast reader: builds the model (model.ts) of one Python top-level statement straight from its
// tokens with a recursive-descent parser, several times faster than a Lezer parse plus conversion.
//
// It reproduces exactly what parse.ts's Converter makes of Lezer's tree (same statements, spans,
// contexts and expressions, Lezer's own operator precedence included: `not a or b` is
// `not (a or b)` there), but only for a common subset of the language. On anything else (syntax
// errors, `async`, `match`, walrus, star expressions, f-string fields with several expressions...)
// it gives up and the caller parses that statement with Lezer. F-strings are read as Lezer's
// FormatString, each replacement field's expression by a reader of its own tokens. A
// differential test holds the two paths to the same model on fixtures and generated code. One
// exception, for speed: a small statement no rule can need is read from its tokens (skipIrrelevant),
// also where its value is outside the subset or broken; on broken code that can differ from Lezer's
// model in what no rule reads, and a test holds the findings of mutated code to Lezer's.
import { PYTHON_KEYWORDS, formatParts, type FormatField } from './chunks';
import { pythonImportBindings, type ImportToken } from './imports';
import { NO_EXPRS, NO_KEYWORDS, context, leaf, type Context, type Expr, type ImportBinding, type Keyword, type Statement } from './model';
import { Tok, newTokens, tokenizePython, type Tokens } from './pythonTokens';
import { aliasMatters, statementRelevant } from './relevance';

/** What one top-level statement contributes to a Program. */
export interface ChunkModel {
  statements: Statement[];
  imports: ImportBinding[];
  comments: Tokens['comments'];
}

/** Thrown (one shared instance, no stack to build) when the text leaves the reader's subset. */
const GIVE_UP = new Error('outside the fast reader subset');

/** Nesting (blocks, expressions) the reader follows before it gives up (Lezer copes with any depth). */
const MAX_DEPTH = 100;

const KEYWORDS = PYTHON_KEYWORDS;

const UPDATE_OPS = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '@=', '&=', '|=', '^=', '>>=', '<<=', '**=']);
const COMPARE_OPS = new Set(['<', '>', '<=', '>=', '==', '!=']);
/** Operators that end an item of a list, call, subscript or assignment: after an atom, no operator of an expression follows. */
const ITEM_ENDS = new Set([',', ')', ']', '}', ':', '=', ';']);

/** Binary operators of Lezer's `expression` rule and their levels, loosest first; `**` is handled apart (right-associative). */
const BINARY_LEVEL: ReadonlyMap<string, number> = new Map([['|', 0], ['^', 1], ['&', 2], ['<<', 3], ['>>', 3], ['+', 4], ['-', 4], ['*', 5], ['@', 5], ['/', 5], ['%', 5], ['//', 5]]);

const STRING_PREFIX = /^[a-zA-Z]*("""|'''|"|')/;

function unquote(raw: string): string {
  const m = STRING_PREFIX.exec(raw);
  if (!m) return raw;
  const body = raw.slice(m[0].length);
  return body.endsWith(m[1]) ? body.slice(0, body.length - m[1].length) : body;
}

/**
 * How an item of a list or a compound statement's head is read: a name of the method, not a callback.
 * A method that makes an arrow function (it captures `this`) allocates a context on every call.
 */
type Reading = 'item' | 'test' | 'testNamed' | 'expression';

/** The empty list of name parts (see NO_EXPRS). */
const NO_NAMES: readonly string[] = [];

/** Token arrays for the expressions of f-string replacement fields, one per level of f-strings nested in fields. */
const FIELD_TOKENS: Tokens[] = [];

/** Levels of f-strings nested in replacement fields the fast reader follows. */
const MAX_FIELD_LEVEL = 4;

/** The value of the number token `text[from, to)`: digits alone are summed in place (most numbers of a file; no string cut for them). */
function numberValue(text: string, from: number, to: number): number | undefined {
  if (to - from <= 15) {
    let v = 0;
    let i = from;
    for (; i < to; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === to) return v;
  }
  return parseNumber(text.slice(from, to));
}

function parseNumber(raw: string): number | undefined {
  const t = raw.includes('_') ? raw.replace(/_/g, '') : raw;
  if ((t.charCodeAt(t.length - 1) | 32) === 106) return undefined; // an imaginary literal: 2j
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * A stack the reader collects a list's items on, to make the list an array of exactly their number:
 * an array grown by push from empty keeps 16 spare slots, which made most of a model's memory and of
 * the garbage collector's work. Lists nest, so each one takes only what was pushed since its `mark`.
 */
class Collector<T> {
  private readonly stack: T[] = [];
  private top = 0;
  /** Slots written since the last reset. */
  private used = 0;

  /** @param none What an empty list is (one shared array). */
  constructor(private readonly none: readonly T[]) {}

  mark(): number {
    return this.top;
  }

  push(item: T): void {
    this.stack[this.top++] = item;
    if (this.top > this.used) this.used = this.top;
  }

  /** The number of items pushed since `mark`. */
  count(mark: number): number {
    return this.top - mark;
  }

  /** The items pushed since `mark`, as their own array; they leave the stack (their slots keep them until reused or reset). */
  take(mark: number): readonly T[] {
    if (mark === this.top) return this.none;
    const out = this.stack.slice(mark, this.top);
    this.top = mark;
    return out;
  }

  /** Empties the stack after a chunk: what a reader that gave up left on it, and the slots above that still hold taken items (the model must not outlive its chunk). */
  reset(): void {
    this.stack.fill(undefined as T, 0, this.used);
    this.top = 0;
    this.used = 0;
  }
}

/**
 * The list stacks every Reader uses (one set: a reader of an f-string field pushes above the marks of
 * the reader it serves, and takes what it pushed). Stacks of their own made each chunk's reader
 * grow three arrays again from empty.
 */
const ITEMS = new Collector<Expr>(NO_EXPRS);
const KEYWORD_ITEMS = new Collector<Keyword>(NO_KEYWORDS);
const NAME_PARTS = new Collector<string>(NO_NAMES);

class Reader {
  pos = 0;
  /** Expressions being read inside one another (bounded: deep nesting is left to Lezer). */
  nesting = 0;
  readonly statements: Statement[] = [];
  readonly imports: ImportBinding[] = [];
  /** Names this statement added to `aliases` (removed again if the reader gives up). */
  readonly added: string[] = [];
  /** Items of the lists being read, innermost last (see `take`). */
  private readonly items = ITEMS;
  private readonly keywords = KEYWORD_ITEMS;
  private readonly nameParts = NAME_PARTS;

  constructor(
    readonly text: string,
    readonly t: Tokens,
    readonly aliases: Set<string>,
    /** Convert every statement, relevant or not (the reference the relevance filter is tested against). */
    readonly convertAll: boolean,
    /** How many f-string replacement fields this reader's tokens are inside. */
    readonly fieldLevel = 0,
  ) {}

  /** True when the statement `text[from, to)` is converted (see relevance.ts). */
  relevant(from: number, to: number): boolean {
    return this.convertAll || statementRelevant(this.src(from, to), this.aliases);
  }

  // --- tokens ---

  fail(): never {
    throw GIVE_UP;
  }

  isOp(op: string): boolean {
    return this.t.kind[this.pos] === Tok.Op && this.t.text[this.pos] === op;
  }

  isName(word: string): boolean {
    return this.t.kind[this.pos] === Tok.Name && this.t.text[this.pos] === word;
  }

  expectOp(op: string): void {
    if (!this.isOp(op)) this.fail();
    this.pos++;
  }

  expectName(word: string): void {
    if (!this.isName(word)) this.fail();
    this.pos++;
  }

  /** True at the end of a small statement (`;`, the line's end). */
  atStatementEnd(): boolean {
    const k = this.t.kind[this.pos];
    return k === Tok.Newline || k === Tok.End || this.isOp(';');
  }

  /** Start offset of token `i` / end offset of the last token read: a syntax node's span. */
  start(i: number): number {
    return this.t.from[i];
  }

  end(): number {
    return this.t.to[this.pos - 1];
  }

  src(from: number, to: number): string {
    return this.text.slice(from, to);
  }

  // --- statements ---

  /** Statements up to the end of the block (a dedent or the end); returns the end of the last line read. */
  block(ctx: Context, depth: number): number {
    if (depth > MAX_DEPTH) this.fail();
    let endOfLine = this.t.from[this.pos];
    for (;;) {
      const k = this.t.kind[this.pos];
      if (k === Tok.Dedent || k === Tok.End) return endOfLine;
      endOfLine = this.statement(ctx, depth);
    }
  }

  /** One statement; returns the end of its last line (after the line break), as Lezer's Body ends. */
  statement(ctx: Context, depth: number): number {
    const k = this.t.kind[this.pos];
    if (k === Tok.Op && this.t.text[this.pos] === '@') return this.decorated(ctx, depth);
    if (k !== Tok.Name) {
      if (k === Tok.Indent || k === Tok.Newline) this.fail();
      return this.simpleLine(ctx);
    }
    switch (this.t.text[this.pos]) {
      case 'if':
        return this.ifStatement(ctx, depth);
      case 'while':
        return this.whileStatement(ctx, depth);
      case 'for':
        return this.forStatement(ctx, depth);
      case 'with':
        return this.withStatement(ctx, depth);
      case 'try':
        return this.tryStatement(ctx, depth);
      case 'def':
      case 'class':
        return this.definition(ctx, depth);
      default:
        return this.simpleLine(ctx);
    }
  }

  /** `:` and the body of a compound statement; returns the body's end. */
  body(ctx: Context, depth: number): number {
    this.expectOp(':');
    if (this.t.kind[this.pos] !== Tok.Newline) return this.simpleLine(ctx);
    this.pos++;
    if (this.t.kind[this.pos] !== Tok.Indent) this.fail();
    this.pos++;
    const end = this.block(ctx, depth + 1);
    if (this.t.kind[this.pos] === Tok.Dedent) this.pos++;
    return end;
  }

  /** A compound statement's head expression that is a call, recorded as Lezer's Converter does (pyCallsIn). */
  headCall(e: Expr, nodeFrom: number, nodeTo: number, from: number, ctx: Context): Statement | undefined {
    if (e.kind !== 'call' || e.from !== nodeFrom || e.to !== nodeTo) return undefined;
    const s: Statement = { kind: 'expr', targets: NO_EXPRS, op: '', value: e, ctx, from, to: from };
    this.statements.push(s);
    return s;
  }

  /** Reads one head item as `reading` says, adds its text to the guard and records it if it is a call. */
  headItem(reading: Reading, guard: string[], pending: Statement[], from: number, ctx: Context): void {
    const s = this.pos;
    const e = this.readAs(reading);
    const nodeFrom = this.start(s);
    const nodeTo = this.end();
    guard.push(this.src(nodeFrom, nodeTo));
    const call = this.headCall(e, nodeFrom, nodeTo, from, ctx);
    if (call) pending.push(call);
  }

  inner(ctx: Context, guard: string[], loop: boolean): Context {
    const g = guard.join(' ');
    return context(g ? [...ctx.guards, g] : ctx.guards, ctx.loopDepth + (loop ? 1 : 0), ctx.functionName, ctx.className);
  }

  /** Head calls take the whole compound statement's span, known once its last body is read. */
  finish(pending: Statement[], to: number): number {
    for (const s of pending) s.to = to;
    return to;
  }

  ifStatement(ctx: Context, depth: number): number {
    const from = this.start(this.pos);
    const pending: Statement[] = [];
    this.pos++;
    let guard: string[] = [];
    this.headItem('testNamed', guard, pending, from, ctx);
    let end = this.body(this.inner(ctx, guard, false), depth);
    while (this.isName('elif')) {
      this.pos++;
      guard = [];
      this.headItem('testNamed', guard, pending, from, ctx);
      end = this.body(this.inner(ctx, guard, false), depth);
    }
    if (this.isName('else')) {
      this.pos++;
      end = this.body(ctx, depth);
    }
    return this.finish(pending, end);
  }

  whileStatement(ctx: Context, depth: number): number {
    const from = this.start(this.pos);
    const pending: Statement[] = [];
    this.pos++;
    const guard: string[] = [];
    this.headItem('testNamed', guard, pending, from, ctx);
    let end = this.body(this.inner(ctx, guard, true), depth);
    if (this.isName('else')) {
      this.pos++;
      end = this.body(this.inner(ctx, [], true), depth);
    }
    return this.finish(pending, end);
  }

  forStatement(ctx: Context, depth: number): number {
    const from = this.start(this.pos);
    const pending: Statement[] = [];
    this.pos++;
    const guard: string[] = [];
    for (;;) {
      this.headItem('expression', guard, pending, from, ctx);
      if (!this.isOp(',')) break;
      this.pos++;
      if (this.isName('in')) break;
    }
    this.expectName('in');
    for (;;) {
      this.headItem('test', guard, pending, from, ctx);
      if (!this.isOp(',')) break;
      this.pos++;
      if (this.isOp(':')) break;
    }
    let end = this.body(this.inner(ctx, guard, true), depth);
    if (this.isName('else')) {
      this.pos++;
      end = this.body(this.inner(ctx, [], true), depth);
    }
    return this.finish(pending, end);
  }

  withStatement(ctx: Context, depth: number): number {
    const from = this.start(this.pos);
    const pending: Statement[] = [];
    this.pos++;
    const guard: string[] = [];
    for (;;) {
      this.headItem('test', guard, pending, from, ctx);
      if (this.isName('as')) {
        this.pos++;
        if (this.t.kind[this.pos] !== Tok.Name || KEYWORDS.has(this.t.text[this.pos])) this.fail();
        guard.push(this.t.text[this.pos]);
        this.pos++;
      }
      if (!this.isOp(',')) break;
      this.pos++;
    }
    return this.finish(pending, this.body(this.inner(ctx, guard, false), depth));
  }

  tryStatement(ctx: Context, depth: number): number {
    this.pos++;
    let end = this.body(ctx, depth);
    while (this.isName('except')) {
      this.pos++;
      if (!this.isOp(':')) {
        this.test();
        if (this.isName('as') || this.isOp(',')) {
          this.pos++;
          if (this.t.kind[this.pos] !== Tok.Name || KEYWORDS.has(this.t.text[this.pos])) this.fail();
          this.pos++;
        }
      }
      end = this.body(ctx, depth);
    }
    if (this.isName('else')) {
      this.pos++;
      end = this.body(ctx, depth);
    }
    if (this.isName('finally')) {
      this.pos++;
      end = this.body(ctx, depth);
    }
    return end;
  }

  /** `def` / `class`: the header is checked but not converted; the body is read in its scope. */
  definition(ctx: Context, depth: number): number {
    const isClass = this.isName('class');
    this.pos++;
    if (this.t.kind[this.pos] !== Tok.Name || KEYWORDS.has(this.t.text[this.pos])) this.fail();
    const name = this.t.text[this.pos];
    this.pos++;
    if (isClass) {
      if (this.isOp('(')) this.argList();
    } else {
      this.expectOp('(');
      this.params(')');
      this.expectOp(')');
      if (this.isOp('->')) {
        this.pos++;
        this.test();
      }
    }
    const inner = isClass ? context(ctx.guards, ctx.loopDepth, undefined, name) : context(ctx.guards, ctx.loopDepth, name, ctx.className);
    return this.body(inner, depth);
  }

  /** Parameters up to `close` (`)` of a def, `:` of a lambda): names with annotations and defaults, `*`, `**`, `/`. */
  params(close: string): void {
    while (!this.isOp(close)) {
      if (this.isOp('/')) this.pos++;
      else {
        const star = this.isOp('*') || this.isOp('**');
        if (star) this.pos++;
        if (!star || this.t.kind[this.pos] === Tok.Name) {
          this.name();
          if (close === ')' && this.isOp(':')) {
            this.pos++;
            this.test();
          }
          if (!star && this.isOp('=')) {
            this.pos++;
            this.test();
          }
        }
      }
      if (!this.isOp(',')) break;
      this.pos++;
    }
  }

  /** Decorators (`@dotted.name(args)` lines: nothing in them is converted), then the definition. */
  decorated(ctx: Context, depth: number): number {
    while (this.isOp('@')) {
      this.pos++;
      this.name();
      while (this.isOp('.')) {
        this.pos++;
        this.name();
      }
      if (this.isOp('(')) this.argList();
      if (this.t.kind[this.pos] !== Tok.Newline) this.fail();
      this.pos++;
    }
    if (!this.isName('def') && !this.isName('class')) this.fail();
    return this.definition(ctx, depth);
  }

  name(): void {
    if (this.t.kind[this.pos] !== Tok.Name || KEYWORDS.has(this.t.text[this.pos])) this.fail();
    this.pos++;
  }

  /** Small statements separated by `;` up to the line break; returns the end of the line. */
  simpleLine(ctx: Context): number {
    for (;;) {
      this.small(ctx);
      if (this.isOp(';')) {
        this.pos++;
        if (this.t.kind[this.pos] !== Tok.Newline) continue;
      }
      if (this.t.kind[this.pos] !== Tok.Newline) this.fail();
      this.pos++;
      return this.end();
    }
  }

  small(ctx: Context): void {
    if (this.t.kind[this.pos] === Tok.Name) {
      switch (this.t.text[this.pos]) {
        case 'import':
        case 'from':
          return this.importStatement();
        case 'pass':
        case 'break':
        case 'continue':
          this.pos++;
          return;
        case 'global':
        case 'nonlocal':
          this.pos++;
          this.name();
          while (this.isOp(',')) {
            this.pos++;
            this.name();
          }
          return;
        case 'del':
          this.pos++;
          this.commaSeparated('expression');
          return;
        case 'assert':
          this.pos++;
          this.commaSeparated('test');
          return;
        case 'raise':
          this.pos++;
          if (this.atStatementEnd()) return;
          this.test();
          if (this.isName('from')) {
            this.pos++;
            this.test();
          }
          return;
        case 'yield':
          // Lezer's YieldStatement: nothing in it becomes a statement of the model.
          this.yieldExpression();
          return;
        case 'return': {
          const skipped = this.skipIrrelevant(ctx, true);
          if (skipped !== true) this.returnStatement(ctx, skipped === false);
          return;
        }
        default:
          break;
      }
    }
    const skipped = this.skipIrrelevant(ctx, false);
    if (skipped !== true) this.expressionStatement(ctx, skipped === false);
  }

  /**
   * Reads a small statement no rule can need (see relevance.ts) from its tokens, without building
   * the expressions that would be dropped: nothing for an expression or a `return`, the targets and
   * an opaque value for a plain assignment (`x = ...`, `x += ...`); then returns true. Having read
   * nothing, returns false when the statement is relevant (the full reading need not test it again),
   * undefined when converting everything or for other shapes (chained or annotated assignments, a
   * lambda): the full reading handles those. Unlike the full reading, it does not check the skipped
   * value's syntax beyond what the tokenizer checks (balanced brackets).
   */
  skipIrrelevant(ctx: Context, isReturn: boolean): boolean | undefined {
    if (this.convertAll) return undefined;
    const t = this.t;
    const start = this.pos;
    let depth = 0;
    let assign = -1;
    let end = start;
    for (; t.kind[end] !== Tok.Newline && t.kind[end] !== Tok.End; end++) {
      // `2.` (see numberDot): where Lezer ends such a node is left to the full reading.
      if (t.kind[end] === Tok.Number && t.kind[end + 1] === Tok.Op && t.text[end + 1] === '.' && t.kind[end + 2] !== Tok.Name) return undefined;
      if (t.kind[end] !== Tok.Op) continue;
      const op = t.text[end];
      if (op === '(' || op === '[' || op === '{') depth++;
      else if (op === ')' || op === ']' || op === '}') depth--;
      else if (depth === 0) {
        if (op === ';') break;
        if (op === ':') return undefined;
        if (op === '=' || UPDATE_OPS.has(op)) {
          if (assign >= 0 || isReturn) return undefined;
          assign = end;
        }
      }
    }
    if (end === start || assign === end - 1) return undefined;
    const from = t.from[start];
    const to = t.to[end - 1];
    if (this.relevant(from, to)) return false;
    if (assign >= 0) {
      const targets = this.commaSeparated('item');
      if (this.pos !== assign) {
        this.pos = start;
        return undefined;
      }
      // The value's span starts at its first expression (Lezer's first named node), after any star.
      const valueFrom = t.from[assign + 1 + (t.kind[assign + 1] === Tok.Op && t.text[assign + 1] === '*' ? 1 : 0)];
      this.statements.push({ kind: 'assign', targets, op: t.text[assign], value: leaf(valueFrom, to), ctx, from, to });
    }
    this.pos = end;
    return true;
  }

  /** One item read as `reading` says. */
  readAs(reading: Reading): Expr {
    switch (reading) {
      case 'item':
        return this.item();
      case 'test':
        return this.test();
      case 'testNamed':
        return this.testNamed();
      default:
        return this.expression();
    }
  }

  /** Items separated by commas (a trailing comma allowed); returns them with the token index each starts at. */
  commaSeparated(reading: Reading): readonly Expr[] {
    const mark = this.items.mark();
    this.items.push(this.readAs(reading));
    while (this.isOp(',')) {
      this.pos++;
      if (this.atStatementEnd() || this.isOp('=') || this.isOp(':') || this.isOp(')') || this.t.kind[this.pos] === Tok.Op && UPDATE_OPS.has(this.t.text[this.pos])) break;
      this.items.push(this.readAs(reading));
    }
    return this.items.take(mark);
  }

  /** `import a.b as c, d` / `from .x import (y as z, w)` / `from x import *`, checked, then bound as Lezer's tokens would be. */
  importStatement(): void {
    const first = this.pos;
    const dotted = () => {
      this.name();
      while (this.isOp('.')) {
        this.pos++;
        this.name();
      }
    };
    const names = (item: () => void) => {
      for (;;) {
        item();
        if (this.isName('as')) {
          this.pos++;
          this.name();
        }
        if (!this.isOp(',')) return;
        this.pos++;
        if (this.isOp(')')) return;
      }
    };
    if (this.isName('import')) {
      this.pos++;
      names(dotted);
    } else {
      this.pos++;
      let dots = false;
      // Relative dots; three in a row are one `...` token, in Lezer's tree too.
      while (this.isOp('.') || this.isOp('...')) {
        this.pos++;
        dots = true;
      }
      if (!dots || !this.isName('import')) dotted();
      this.expectName('import');
      if (this.isOp('*')) this.pos++;
      else if (this.isOp('(')) {
        this.pos++;
        names(() => this.name());
        this.expectOp(')');
      } else names(() => this.name());
    }
    const toks: ImportToken[] = [];
    for (let i = first; i < this.pos; i++) {
      const word = this.t.text[i];
      toks.push({ name: this.t.kind[i] === Tok.Op || word === 'from' || word === 'import' || word === 'as' ? word : 'VariableName', text: word });
    }
    for (const b of pythonImportBindings(toks)) {
      this.imports.push(b);
      if (aliasMatters(b.qualified) && !this.aliases.has(b.local)) {
        this.aliases.add(b.local);
        this.added.push(b.local);
      }
    }
  }

  returnStatement(ctx: Context, knownRelevant = false): void {
    const from = this.start(this.pos);
    this.pos++;
    if (this.atStatementEnd()) return;
    const items = this.commaSeparated('item');
    const to = this.end();
    if (knownRelevant || this.relevant(from, to)) this.statements.push({ kind: 'expr', targets: NO_EXPRS, op: '', value: items[0], ctx, from, to });
  }

  /** An expression statement, an assignment (`=` chains, annotated) or an update (`*=`). */
  expressionStatement(ctx: Context, knownRelevant = false): void {
    const from = this.start(this.pos);
    const first = this.commaSeparated('item');
    // Exact arrays (one grown by push keeps 16 spare slots, for the whole life of the model).
    let targets: readonly Expr[] = NO_EXPRS;
    let op = '';
    let valueItems: readonly Expr[] | undefined;
    let valueFrom = 0;
    if (this.isOp(':')) {
      // An annotation (Lezer's TypeDef): `x: int = 3` assigns, `x: int` alone converts to nothing.
      this.pos++;
      this.test();
      if (!this.isOp('=')) return;
    }
    if (this.isOp('=')) {
      op = '=';
      let segment = first;
      while (this.isOp('=')) {
        this.pos++;
        targets = targets === NO_EXPRS ? segment : targets.concat(segment);
        valueFrom = this.start(this.pos + (this.isOp('*') ? 1 : 0));
        segment = this.isName('yield') ? [this.yieldExpression()] : this.commaSeparated('item');
      }
      valueItems = segment;
    } else if (this.t.kind[this.pos] === Tok.Op && UPDATE_OPS.has(this.t.text[this.pos])) {
      op = this.t.text[this.pos];
      this.pos++;
      targets = first;
      valueFrom = this.start(this.pos);
      valueItems = this.commaSeparated('test');
    }
    const to = this.end();
    const relevant = knownRelevant || this.relevant(from, to);
    if (!valueItems) {
      if (relevant) this.statements.push({ kind: 'expr', targets: NO_EXPRS, op: '', value: first[0], ctx, from, to });
      return;
    }
    const value: Expr = !relevant
      ? leaf(valueFrom, to)
      : valueItems.length === 1
        ? valueItems[0]
        : { kind: 'seq', items: valueItems, list: false, from: valueFrom, to };
    this.statements.push({ kind: 'assign', targets, op, value, ctx, from, to });
  }

  // --- expressions (Lezer's `test`, `testInner`, `expression`) ---

  /**
   * An item of a tuple, list, set, return or assignment: a `test` (`testNamed` in a display: a walrus
   * allowed), or `*expression` (the star leaves no node).
   */
  item(named = false): Expr {
    if (!this.isOp('*')) return named ? this.testNamed() : this.test();
    this.pos++;
    return this.expression();
  }

  /** Lezer's `testNamed`: a `test`, or a walrus (NamedExpression: opaque, with its target, `:=` and value as children). */
  testNamed(): Expr {
    const s = this.pos;
    const target = this.test();
    if (!this.isOp(':=')) return target;
    const op = leaf(this.start(this.pos), this.t.to[this.pos]);
    this.pos++;
    const value = this.test();
    return { kind: 'other', children: [target, op, value], from: this.start(s), to: this.end() };
  }

  /** `yield x, *y` / `yield from x` (Lezer's YieldExpression: opaque, its expressions as children). */
  yieldExpression(): Expr {
    const s = this.pos;
    this.expectName('yield');
    let children: readonly Expr[] = NO_EXPRS;
    if (this.isName('from')) {
      this.pos++;
      children = [this.test()];
    } else if (!this.atStatementEnd() && !this.isOp(')')) children = this.commaSeparated('item');
    return { kind: 'other', children, from: this.start(s), to: this.end() };
  }

  test(): Expr {
    if (this.atomAlone()) return this.atom();
    if (++this.nesting > MAX_DEPTH) this.fail();
    const e = this.testAt();
    this.nesting--;
    return e;
  }

  /**
   * True when the test ahead is an atom alone (`x`, `self.fc1.weight`, `128`, `'relu'`) followed by
   * what ends an item (`,`, `)`, `=`, the line's end...): the atom is the whole test, as the descent
   * through every level of precedence finds, which most arguments and targets would cost otherwise.
   */
  atomAlone(): boolean {
    const t = this.t;
    let k = this.pos;
    const kind = t.kind[k];
    if (kind === Tok.Name) {
      const word = t.text[k];
      if (KEYWORDS.has(word)) {
        if (word !== 'True' && word !== 'False' && word !== 'None') return false;
      } else while (t.kind[k + 1] === Tok.Op && t.text[k + 1] === '.' && t.kind[k + 2] === Tok.Name) k += 2;
    } else if (kind === Tok.String || kind === Tok.FString) {
      if (t.kind[k + 1] === Tok.String || t.kind[k + 1] === Tok.FString) return false;
    } else if (kind !== Tok.Number) return false;
    const next = t.kind[k + 1];
    return next === Tok.Newline || next === Tok.End || (next === Tok.Op && ITEM_ENDS.has(t.text[k + 1]));
  }

  private testAt(): Expr {
    if (this.isName('lambda')) return this.lambda();
    const s = this.pos;
    const body = this.testInner();
    if (!this.isName('if')) return body;
    this.pos++;
    const cond = this.testInner();
    this.expectName('else');
    const alt = this.test();
    return { kind: 'other', children: [body, cond, alt], from: this.start(s), to: this.end() };
  }

  /** A test without a conditional (comprehension `if` clauses). */
  testNoCond(): Expr {
    return this.isName('lambda') ? this.lambda() : this.testInner();
  }

  lambda(): Expr {
    const s = this.pos;
    this.pos++;
    this.params(':');
    this.expectOp(':');
    const body = this.test();
    return { kind: 'lambda', body, from: this.start(s), to: this.end() };
  }

  /** or / and / not / comparisons: Lezer's testInner, with its precedence (see the header). */
  testInner(): Expr {
    return this.orTest();
  }

  orTest(): Expr {
    const s = this.pos;
    let left = this.andTest();
    while (this.isName('or')) {
      this.pos++;
      const right = this.andTest();
      left = { kind: 'binary', op: 'or', left, right, from: this.start(s), to: this.end() };
    }
    return left;
  }

  andTest(): Expr {
    const s = this.pos;
    let left = this.notTest();
    while (this.isName('and')) {
      this.pos++;
      const right = this.notTest();
      left = { kind: 'binary', op: 'and', left, right, from: this.start(s), to: this.end() };
    }
    return left;
  }

  notTest(): Expr {
    if (!this.isName('not')) return this.comparison();
    const s = this.pos;
    this.pos++;
    if (++this.nesting > MAX_DEPTH) this.fail();
    const arg = this.orTest();
    this.nesting--;
    return { kind: 'unary', op: 'not', arg, from: this.start(s), to: this.end() };
  }

  comparison(): Expr {
    const s = this.pos;
    let left = this.expression();
    for (;;) {
      let op: string;
      if (this.t.kind[this.pos] === Tok.Op && COMPARE_OPS.has(this.t.text[this.pos])) {
        op = this.t.text[this.pos];
        this.pos++;
      } else if (this.isName('in') || this.isName('is')) {
        op = this.t.text[this.pos];
        this.pos++;
        if (op === 'is' && this.isName('not')) this.pos++;
      } else if (this.isName('not') && this.t.kind[this.pos + 1] === Tok.Name && this.t.text[this.pos + 1] === 'in') {
        op = 'not';
        this.pos += 2;
      } else return left;
      const right = this.isName('not') ? this.notTest() : this.expression();
      left = { kind: 'binary', op, left, right, from: this.start(s), to: this.end() };
    }
  }

  /**
   * Lezer's `expression`: bitwise, shift and arithmetic operators over unary and power expressions,
   * left-associative, read by precedence climbing (one call per operand, not one per level).
   */
  expression(minLevel = 0): Expr {
    const s = this.pos;
    let left = this.unary();
    for (;;) {
      const level = this.t.kind[this.pos] === Tok.Op ? (BINARY_LEVEL.get(this.t.text[this.pos]) ?? -1) : -1;
      if (level < minLevel) return left;
      const op = this.t.text[this.pos];
      this.pos++;
      const right = this.expression(level + 1);
      left = { kind: 'binary', op, left, right, from: this.start(s), to: this.end() };
    }
  }

  unary(): Expr {
    if (this.t.kind[this.pos] === Tok.Op) {
      const op = this.t.text[this.pos];
      if (op === '-' || op === '+' || op === '~') {
        const s = this.pos;
        this.pos++;
        if (++this.nesting > MAX_DEPTH) this.fail();
        const arg = this.unary();
        this.nesting--;
        return { kind: 'unary', op, arg, from: this.start(s), to: this.end() };
      }
    }
    return this.power();
  }

  power(): Expr {
    const s = this.pos;
    const left = this.primary();
    if (!this.isOp('**')) return left;
    this.pos++;
    const right = this.unary();
    return { kind: 'binary', op: '**', left, right, from: this.start(s), to: this.end() };
  }

  /** An atom and its trailers (calls, subscripts, attributes). */
  primary(): Expr {
    const s = this.pos;
    let e = this.atom();
    for (;;) {
      const op = this.t.kind[this.pos] === Tok.Op ? this.t.text[this.pos] : '';
      if (op === '.' && this.t.kind[this.pos + 1] !== Tok.Name) {
        e = this.numberDot(e, s);
      } else if (op === '.') {
        this.pos++;
        const prop = this.t.text[this.pos];
        this.pos++;
        // (A dotted name is read whole by atom: a name here is parenthesized, `(a).b`.)
        const span = { from: this.start(s), to: this.end() };
        e = e.kind === 'name' ? { kind: 'name', parts: [...e.parts, prop], ...span } : { kind: 'member', object: e, prop, ...span };
      } else if (op === '(') {
        const { args, kwargs } = this.argList();
        e = { kind: 'call', callee: e, args, kwargs, from: this.start(s), to: this.end() };
      } else if (op === '[') {
        e = this.subscript(e, s);
      } else return e;
    }
  }

  /** `2.`: @lezer/python reads a member access with no property, which its converter makes the number spanning the dot. */
  numberDot(e: Expr, s: number): Expr {
    const dot = this.pos;
    if (dot - 1 !== s || this.t.kind[s] !== Tok.Number || e.kind !== 'num') this.fail();
    // Only where the missing name's place is the dot's end: the next token follows at once (Lezer
    // stretches the node over blanks and comments, which its parents' ends then follow too).
    const to = this.t.to[dot];
    if (this.t.from[dot + 1] !== to) this.fail();
    // The line break a last line without one gets is no token of Lezer's.
    if (this.t.kind[dot + 1] === Tok.Newline && this.t.to[dot + 1] === to && to !== this.text.length) this.fail();
    this.pos++;
    return { kind: 'num', value: e.value, from: e.from, to };
  }

  argList(): { args: readonly Expr[]; kwargs: readonly Keyword[] } {
    this.pos++;
    const argMark = this.items.mark();
    const kwMark = this.keywords.mark();
    while (!this.isOp(')')) {
      if (this.isOp('*') || this.isOp('**')) {
        this.pos++;
        this.test();
      } else if (this.t.kind[this.pos] === Tok.Name && this.t.kind[this.pos + 1] === Tok.Op && this.t.text[this.pos + 1] === '=' && !KEYWORDS.has(this.t.text[this.pos])) {
        const name = this.t.text[this.pos];
        const from = this.start(this.pos);
        this.pos += 2;
        const value = this.test();
        this.keywords.push({ name, value, from, to: this.end() });
      } else {
        this.items.push(this.test());
        if (this.isName('for')) for (const c of this.compClauses()) this.items.push(c);
      }
      if (this.isName('for') || this.isName('async')) this.fail();
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expectOp(')');
    return { args: this.items.take(argMark), kwargs: this.keywords.take(kwMark) };
  }

  subscript(target: Expr, s: number): Expr {
    this.pos++;
    const mark = this.items.mark();
    let marks = 0;
    while (!this.isOp(']')) {
      if (this.isOp('...')) {
        this.pos++;
        marks++;
      } else {
        if (!this.isOp(':')) this.items.push(this.test());
        if (this.isOp(':')) {
          this.pos++;
          marks++;
          if (!this.isOp(':') && !this.isOp(',') && !this.isOp(']')) this.items.push(this.test());
          if (this.isOp(':')) {
            this.pos++;
            marks++;
            if (!this.isOp(',') && !this.isOp(']')) this.items.push(this.test());
          }
        }
      }
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expectOp(']');
    const index = this.items.take(mark);
    if (index.length === 0 && marks === 0) this.fail();
    return { kind: 'subscript', target, full: index.length === 0, index, from: this.start(s), to: this.end() };
  }

  atom(): Expr {
    const i = this.pos;
    const k = this.t.kind[i];
    const from = this.t.from[i];
    const to = this.t.to[i];
    switch (k) {
      case Tok.Name: {
        const word = this.t.text[i];
        this.pos++;
        if (word === 'True' || word === 'False' || word === 'None') return leaf(from, to);
        if (KEYWORDS.has(word)) this.fail();
        if (!this.isOp('.') || this.t.kind[this.pos + 1] !== Tok.Name) return { kind: 'name', parts: [word], from, to };
        // A dotted name, read whole (`self.fc1.weight`); a dot before anything else fails in primary.
        const mark = this.nameParts.mark();
        this.nameParts.push(word);
        while (this.isOp('.') && this.t.kind[this.pos + 1] === Tok.Name) {
          this.nameParts.push(this.t.text[this.pos + 1]);
          this.pos += 2;
        }
        return { kind: 'name', parts: this.nameParts.take(mark), from, to: this.end() };
      }
      case Tok.Number: {
        this.pos++;
        const v = numberValue(this.text, from, to);
        return v === undefined ? leaf(from, to) : { kind: 'num', value: v, from, to };
      }
      case Tok.String:
      case Tok.FString: {
        const first = this.literal();
        if (this.t.kind[this.pos] !== Tok.String && this.t.kind[this.pos] !== Tok.FString) return first;
        // Adjacent literals: Lezer's ContinuedString, opaque with its parts as children.
        const parts = [first];
        while (this.t.kind[this.pos] === Tok.String || this.t.kind[this.pos] === Tok.FString) parts.push(this.literal());
        return { kind: 'other', children: parts, from, to: this.end() };
      }
      case Tok.Op:
        switch (this.t.text[i]) {
          case '(':
            return this.parenthesized();
          case '[':
            return this.list();
          case '{':
            return this.braces();
          case '...':
            this.pos++;
            return leaf(from, to);
          default:
            return this.fail();
        }
      default:
        return this.fail();
    }
  }

  /** One string literal: a 'str', or an f-string as Lezer's FormatString (opaque; its escapes and replacement fields as children). */
  literal(): Expr {
    const i = this.pos++;
    const from = this.t.from[i];
    const to = this.t.to[i];
    if (this.t.kind[i] === Tok.String) return { kind: 'str', value: unquote(this.src(from, to)), from, to };
    let quote = from;
    while (this.text.charCodeAt(quote) !== 34 && this.text.charCodeAt(quote) !== 39) quote++;
    const { parts, complete } = formatParts(this.text, from, quote, to);
    if (!complete) this.fail();
    const mark = this.items.mark();
    for (const p of parts) this.items.push('expr' in p ? this.replacementField(p) : leaf(p.from, p.to));
    return { kind: 'other', children: this.items.take(mark), from, to };
  }

  /**
   * An f-string replacement field as Lezer's FormatReplacement: opaque, its expression, `=`, conversion
   * and format spec (with its nested fields) as children. Fields with several expressions, a star,
   * `yield` or a walrus are left to Lezer.
   */
  replacementField(field: FormatField): Expr {
    const children = [this.fieldExpression(field.expr.from, field.expr.to)];
    if (field.selfDoc !== undefined) children.push(leaf(field.selfDoc, field.selfDoc + 1));
    if (field.conversion !== undefined) children.push(leaf(field.conversion, field.conversion + 2));
    if (field.spec) {
      // Lezer reads `:=` as a walrus there.
      if (this.text.charCodeAt(field.spec.from + 1) === 61) this.fail();
      const mark = this.items.mark();
      for (const f of field.spec.fields) this.items.push(this.replacementField(f));
      children.push({ kind: 'other', children: this.items.take(mark), from: field.spec.from, to: field.close - 1 });
    }
    return { kind: 'other', children, from: field.open, to: field.close };
  }

  /** The one expression of a replacement field, `text[from, to)`, read by a reader of its own tokens. */
  fieldExpression(from: number, to: number): Expr {
    const level = this.fieldLevel + 1;
    if (level > MAX_FIELD_LEVEL) this.fail();
    const tokens = tokenizePython(this.text, from, to, (FIELD_TOKENS[level] ??= newTokens(64)), true);
    if (!tokens) this.fail();
    const reader = new Reader(this.text, tokens, this.aliases, this.convertAll, level);
    const e = reader.test();
    if (tokens.kind[reader.pos] !== Tok.End) this.fail();
    return e;
  }

  /**
   * A comprehension's `for ... in ...` and `if ...` clauses; returns their expressions in order
   * (Lezer puts them beside the element: a generator argument's become more arguments).
   */
  compClauses(): Expr[] {
    const out: Expr[] = [];
    while (this.isName('for') || this.isName('if')) {
      if (this.isName('if')) {
        this.pos++;
        out.push(this.testNoCond());
        continue;
      }
      this.pos++;
      out.push(this.expression());
      while (this.isOp(',')) {
        this.pos++;
        if (this.isName('in')) break;
        out.push(this.expression());
      }
      this.expectName('in');
      out.push(this.testInner());
    }
    return out;
  }

  parenthesized(): Expr {
    const s = this.pos;
    this.pos++;
    if (this.isOp(')')) {
      this.pos++;
      return { kind: 'seq', items: NO_EXPRS, list: false, from: this.start(s), to: this.end() };
    }
    const first = this.item(true);
    if (this.isName('for')) {
      this.compClauses();
      this.expectOp(')');
      return { kind: 'comprehension', element: first, from: this.start(s), to: this.end() };
    }
    if (this.isOp(')')) {
      this.pos++;
      return first;
    }
    const mark = this.items.mark();
    this.items.push(first);
    while (this.isOp(',')) {
      this.pos++;
      if (this.isOp(')')) break;
      this.items.push(this.item(true));
    }
    this.expectOp(')');
    return { kind: 'seq', items: this.items.take(mark), list: false, from: this.start(s), to: this.end() };
  }

  list(): Expr {
    const s = this.pos;
    this.pos++;
    const mark = this.items.mark();
    if (!this.isOp(']')) {
      const first = this.item(true);
      if (this.isName('for')) {
        this.compClauses();
        this.expectOp(']');
        return { kind: 'comprehension', element: first, from: this.start(s), to: this.end() };
      }
      this.items.push(first);
      while (this.isOp(',')) {
        this.pos++;
        if (this.isOp(']')) break;
        this.items.push(this.item(true));
      }
    }
    this.expectOp(']');
    return { kind: 'seq', items: this.items.take(mark), list: true, from: this.start(s), to: this.end() };
  }

  /** `{}`: a dictionary (an object of properties), a set, or a set comprehension. */
  braces(): Expr {
    const s = this.pos;
    this.pos++;
    const props: Keyword[] = [];
    const items: Expr[] = [];
    let dict = this.isOp('}') || this.isOp('**');
    while (!this.isOp('}')) {
      if (this.isOp('**')) {
        if (!dict) this.fail();
        this.pos++;
        this.expression();
      } else if (this.isOp('*')) {
        // A starred set item (the star leaves no node).
        if (dict) this.fail();
        items.push(this.item());
        if (this.isName('for')) this.fail();
      } else {
        const ks = this.pos;
        const key = this.test();
        if (this.isOp(':') && (dict || (items.length === 0 && props.length === 0))) {
          dict = true;
          this.pos++;
          const keyName = this.t.kind[ks] === Tok.String && ks === this.pos - 2 ? (key.kind === 'str' ? key.value : this.fail()) : this.src(this.start(ks), this.t.to[this.pos - 2]);
          const value = this.test();
          if (this.isName('for') && props.length === 0) {
            // Lezer's DictionaryComprehensionExpression: opaque, its parts as children.
            const children = [key, value, ...this.compClauses()];
            this.expectOp('}');
            return { kind: 'other', children, from: this.start(s), to: this.end() };
          }
          props.push({ name: keyName, value, from: this.start(ks), to: this.end() });
        } else {
          if (dict) this.fail();
          items.push(key);
          if (this.isName('for') && items.length === 1) {
            this.compClauses();
            this.expectOp('}');
            return { kind: 'comprehension', element: key, from: this.start(s), to: this.end() };
          }
        }
      }
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expectOp('}');
    const span = { from: this.start(s), to: this.end() };
    return dict ? { kind: 'object', props, ...span } : { kind: 'other', children: items, ...span };
  }
}

/**
 * Reads Python text `text[from, to)` (one top-level statement and the comments after it) into
 * model statements, imports and comments, with absolute offsets; imported names are added to
 * `aliases` and the text's words (see pythonWords) to `words`. Returns undefined, leaving `aliases`
 * and `words` as they were, when the text is outside the fast reader's subset: the caller then
 * parses it with Lezer.
 */
export function readPythonChunk(text: string, from: number, to: number, aliases: Set<string>, words: Set<string>, convertAll = false): ChunkModel | undefined {
  const tokens = tokenizePython(text, from, to);
  if (!tokens) return undefined;
  const reader = new Reader(text, tokens, aliases, convertAll);
  const ctx = context([], 0, undefined, undefined);
  try {
    reader.block(ctx, 0);
    if (tokens.kind[reader.pos] !== Tok.End) reader.fail();
  } catch (err) {
    for (const a of reader.added) aliases.delete(a);
    if (err === GIVE_UP || err instanceof RangeError) return undefined;
    throw err;
  } finally {
    ITEMS.reset();
    KEYWORD_ITEMS.reset();
    NAME_PARTS.reset();
  }
  for (const w of tokens.words) words.add(w);
  return { statements: reader.statements, imports: reader.imports, comments: tokens.comments };
}
