// A small language-neutral model of the code the rules read: expressions and statements with
// offsets, built from the Lezer trees of Python and JS/TS (see parse.ts).

/** Offsets [from, to) in the analyzed text. */
export interface Span {
  from: number;
  to: number;
}

/** A keyword argument (Python `k=v`) or an object property (JS `{k: v}`). */
export interface Keyword extends Span {
  name: string;
  value: Expr;
}

/** The expressions the rules look at; anything else is 'other'. */
export type Expr = Span &
  (
    | { kind: 'num'; value: number }
    | { kind: 'str'; value: string }
    | { kind: 'name'; parts: readonly string[] }
    | { kind: 'call'; callee: Expr; args: readonly Expr[]; kwargs: readonly Keyword[] }
    | { kind: 'seq'; items: readonly Expr[]; list: boolean }
    | { kind: 'binary'; op: string; left: Expr; right: Expr }
    | { kind: 'unary'; op: string; arg: Expr }
    | { kind: 'subscript'; target: Expr; full: boolean; index: readonly Expr[] }
    | { kind: 'member'; object: Expr; prop: string }
    | { kind: 'object'; props: readonly Keyword[] }
    | { kind: 'lambda'; body: Expr }
    | { kind: 'comprehension'; element: Expr }
    | { kind: 'other'; children: readonly Expr[] }
  );

/**
 * The empty list of every statement without targets and every node without children, arguments or
 * keywords: one shared array, not one per node (they were a third of the bench file's model
 * arrays). The model's arrays are readonly: rules never change them. Not frozen: with frozen ones
 * an analysis allocated more, not less.
 */
export const NO_EXPRS: readonly Expr[] = [];
export const NO_KEYWORDS: readonly Keyword[] = [];

/** An opaque node with no parts (a value no rule reads, a literal like None, Lezer's Escape or FormatConversion...). */
export function leaf(from: number, to: number): Expr {
  return { kind: 'other', children: NO_EXPRS, from, to };
}

/** Where a statement sits: enclosing conditions, loops, `with` heads, function and class. */
export interface Context {
  /** Source text of enclosing `if`/`elif` conditions and `with` items, innermost last. */
  guards: string[];
  loopDepth: number;
  functionName?: string;
  className?: string;
}

/**
 * A Context with all four fields, in one order: one object shape for every statement's context
 * (a spread copy of the enclosing one made a definition's reading several times slower).
 */
export function context(guards: string[], loopDepth: number, functionName: string | undefined, className: string | undefined): Context {
  return { guards, loopDepth, functionName, className };
}

/** A statement the rules read: an assignment (`=`, `*=`, ...) or a bare expression. */
export interface Statement extends Span {
  kind: 'assign' | 'expr';
  /** Assignment targets (empty for 'expr'). */
  targets: readonly Expr[];
  /** '=' for plain assignment, '*=' etc. for updates. */
  op: string;
  value: Expr;
  ctx: Context;
}

/** An import binding: local name -> dotted module path it stands for. */
export interface ImportBinding {
  local: string;
  qualified: string;
}

/** Everything a parsed source unit provides to the rules. */
export interface Program {
  text: string;
  /**
   * Every statement (buildProgram); empty in the Program the rules see: the engine hands them the
   * statements one by one and never keeps them all (what the whole file says is in wholeFile.ts).
   */
  statements: Statement[];
  imports: ImportBinding[];
  /** Comments as [offset, text] (for suppression). */
  comments: Array<{ from: number; to: number; text: string }>;
  /** The words anywhere in the text that hint at its activation or layer series (hints.ts). */
  words: Set<string>;
}

/** Dotted name of a 'name' expression (or of a member chain on a name), else undefined. */
export function dotted(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'name') return e.parts.join('.');
  if (e.kind === 'member') {
    const o = dotted(e.object);
    return o === undefined ? undefined : `${o}.${e.prop}`;
  }
  return undefined;
}

/** The last segment of a name or member chain, a subscript's target, or a call's callee. */
export function lastName(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'name') return e.parts[e.parts.length - 1];
  if (e.kind === 'member') return e.prop;
  if (e.kind === 'subscript') return lastName(e.target);
  return undefined;
}

/** Numeric value of a literal, a signed literal, or a simple product/quotient of literals. */
export function numberOf(e: Expr | undefined): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'num') return e.value;
  if (e.kind === 'unary') {
    const v = numberOf(e.arg);
    if (v === undefined) return undefined;
    return e.op === '-' ? -v : e.op === '+' ? v : undefined;
  }
  if (e.kind === 'binary') {
    const a = numberOf(e.left);
    const b = numberOf(e.right);
    if (a === undefined || b === undefined) return undefined;
    if (e.op === '*') return a * b;
    if (e.op === '/' && b !== 0) return a / b;
    if (e.op === '+') return a + b;
    if (e.op === '-') return a - b;
  }
  return undefined;
}

/** Visits `e` and every sub-expression, parents first. */
export function walkExpr(e: Expr, visit: (x: Expr) => void): void {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop() as Expr;
    visit(x);
    switch (x.kind) {
      case 'call':
        for (let i = x.kwargs.length - 1; i >= 0; i--) stack.push(x.kwargs[i].value);
        for (let i = x.args.length - 1; i >= 0; i--) stack.push(x.args[i]);
        stack.push(x.callee);
        break;
      case 'seq':
        for (let i = x.items.length - 1; i >= 0; i--) stack.push(x.items[i]);
        break;
      case 'binary':
        stack.push(x.right, x.left);
        break;
      case 'unary':
        stack.push(x.arg);
        break;
      case 'subscript':
        for (let i = x.index.length - 1; i >= 0; i--) stack.push(x.index[i]);
        stack.push(x.target);
        break;
      case 'member':
        stack.push(x.object);
        break;
      case 'object':
        for (let i = x.props.length - 1; i >= 0; i--) stack.push(x.props[i].value);
        break;
      case 'lambda':
        stack.push(x.body);
        break;
      case 'comprehension':
        stack.push(x.element);
        break;
      case 'other':
        for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]);
        break;
      default:
        break;
    }
  }
}

/** The keyword argument / property called `name`, if any. */
export function kwarg(call: { kwargs: readonly Keyword[] }, name: string): Keyword | undefined {
  for (const k of call.kwargs) if (k.name === name) return k;
  return undefined;
}

/**
 * Moves statements and comments by `delta` characters, in place (a kept chunk reused at another
 * offset). Every node of a model belongs to one statement and appears in it once, so each moves once.
 */
export function moveModel(statements: readonly Statement[], comments: ReadonlyArray<Span>, delta: number): void {
  const move = (x: Span) => {
    x.from += delta;
    x.to += delta;
  };
  const moveNode = (e: Expr) => {
    move(e);
    if (e.kind === 'call') e.kwargs.forEach(move);
    else if (e.kind === 'object') e.props.forEach(move);
  };
  for (const s of statements) {
    move(s);
    for (const t of s.targets) walkExpr(t, moveNode);
    walkExpr(s.value, moveNode);
  }
  comments.forEach(move);
}
