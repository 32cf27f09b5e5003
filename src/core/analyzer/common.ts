// Helpers every framework rule uses: reading a call's qualified name, method and receiver, the
// constant value, and the shared "random draw times zero" rule.
import type { Candidate, ExprRule, RuleContext, Site } from './candidate';
import type { Framework, InitKind } from './findings';
import { kwarg, numberOf, type Expr, type Statement } from './model';

/** A call expression of the model. */
export type Call = Expr & { kind: 'call' };

/** What a call is: qualified name (if its head is an import), method name and receiver text. */
export class CallInfo {
  /** The receiver once read (null: not yet). */
  private receiverText: string | undefined | null = null;

  constructor(
    readonly call: Call,
    /** The qualified name, when the callee is a dotted name whose head is an import. */
    readonly q: string | undefined,
    /** Last segment of the callee (`zeros_`, `fill_`, `dense`). */
    readonly method: string,
    private readonly ctx: RuleContext,
  ) {}

  /**
   * Source text of what the method is called on (`self.fc.weight.data`), when the callee is dotted.
   * Read on first use: few rules ask, and cutting it for every call of a file made a tenth of the walk's garbage.
   */
  get receiver(): string | undefined {
    if (this.receiverText !== null) return this.receiverText;
    const callee = this.call.callee;
    this.receiverText = callee.kind === 'name' ? (callee.parts.length > 1 ? callee.parts.slice(0, -1).join('.') : undefined) : callee.kind === 'member' ? this.ctx.src(callee.object) : undefined;
    return this.receiverText;
  }
}

/** The last call asked about, and its answer. */
let lastCall: Expr | undefined;
let lastInfo: CallInfo | undefined;

/** Forgets the last answer: a new analysis may reuse a node (a kept chunk) under other imports. */
export function forgetCallInfo(): void {
  lastCall = undefined;
  lastInfo = undefined;
}

/**
 * Reads the callee of a call. Only the last answer is kept: the rules ask about one expression in a
 * row, and a per-expression WeakMap cost more in garbage collection than it saved.
 */
export function callInfo(e: Expr, ctx: RuleContext): CallInfo | undefined {
  if (e.kind !== 'call') return undefined;
  if (e === lastCall) return lastInfo;
  const info = readCallInfo(e, ctx);
  lastCall = e;
  lastInfo = info;
  return info;
}

function readCallInfo(e: Call, ctx: RuleContext): CallInfo | undefined {
  const callee = e.callee;
  if (callee.kind === 'name') return new CallInfo(e, ctx.resolver.qualify(callee.parts), callee.parts[callee.parts.length - 1], ctx);
  if (callee.kind === 'member') return new CallInfo(e, undefined, callee.prop, ctx);
  return undefined;
}

/** Positional argument `i`, or the keyword `name`. */
export function arg(call: Call, i: number, name?: string): Expr | undefined {
  if (name) {
    // kwarg, not a find with a callback: a closure capturing `name` made every call allocate a context.
    const k = kwarg(call, name);
    if (k) return k.value;
  }
  return call.args[i];
}

/** The init kind of a constant value. */
export function kindOf(value: number | undefined): InitKind {
  return value === 0 ? 'zeros' : value === 1 ? 'ones' : 'constant';
}

/** Applies a site's numeric factor to a value. */
export function scaled(value: number | undefined, site: Site): number | undefined {
  if (value === undefined) return site.scale === 0 ? 0 : undefined;
  return site.scale === undefined ? value : value * site.scale;
}

/** The framework of a qualified name's root module. */
export function frameworkOf(q: string): Framework | undefined {
  const root = q.split('.')[0];
  switch (root) {
    case 'numpy':
      return 'numpy';
    case 'torch':
      return 'pytorch';
    case 'keras':
      return 'keras';
    case 'tensorflow':
      return 'tensorflow';
    case 'jax':
      return 'jax';
    case 'flax':
      return 'flax';
    case 'haiku':
      return 'haiku';
    case 'equinox':
      return 'equinox';
    case 'tfjs':
      return 'tfjs';
    default:
      return undefined;
  }
}

const RANDOM_DRAWS = new Set([
  'numpy.random.randn',
  'numpy.random.rand',
  'numpy.random.normal',
  'numpy.random.uniform',
  'numpy.random.standard_normal',
  'numpy.random.random',
  'torch.randn',
  'torch.rand',
  'torch.randn_like',
  'torch.rand_like',
  'torch.normal',
  'jax.random.normal',
  'jax.random.uniform',
  'jax.random.truncated_normal',
  'tensorflow.random.normal',
  'tensorflow.random.uniform',
  'tensorflow.random.truncated_normal',
  'tfjs.randomNormal',
  'tfjs.randomUniform',
  'tfjs.truncatedNormal',
]);

/** A random draw multiplied by zero (`np.random.randn(3, 4) * 0`): VI003. */
export const randomTimesZero: ExprRule = (e: Expr, site: Site, stmt: Statement, ctx: RuleContext): Candidate | undefined => {
  if (site.scale !== 0) return undefined;
  const info = callInfo(e, ctx);
  if (!info?.q || !RANDOM_DRAWS.has(info.q)) return undefined;
  const framework = frameworkOf(info.q) ?? 'numpy';
  return { code: 'VI003', framework, kind: 'degenerateRandom', node: e, stmt, value: 0, target: site.target, weightKnown: !!site.wrapper };
};

/** True when a value is a numeric literal equal to `v`. */
export function isNum(e: Expr | undefined, v: number): boolean {
  return numberOf(e) === v;
}
