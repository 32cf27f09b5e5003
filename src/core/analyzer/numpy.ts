// NumPy (and plain Python list) rules: np.zeros/ones/full/*_like/empty, tiled rows, degenerate
// draws, and the statement forms W[:] = c, W *= 0, W.fill(c).
import type { Candidate, ExprRule, RuleContext, Site, StatementRule } from './candidate';
import { arg, callInfo, kindOf, scaled, type CallInfo } from './common';
import type { Framework } from './findings';
import { numpyPlan, torchInitPlan, weightDims } from './fixes';
import { numberOf, type Expr, type Statement } from './model';
import { readShape } from './shape';
import { targetText } from './sites';

const CONSTRUCTORS = new Set(['zeros', 'ones', 'full', 'zeros_like', 'ones_like', 'full_like', 'empty', 'empty_like']);

/**
 * Adds the names `value` uses as the left operand of `@` or first argument of np.dot: those weights
 * are (out, in). One statement's part of the unit's set (wholeFile.ts).
 */
export function addOutFirstNames(value: Expr, text: string, found: Set<string>, stack: Expr[]): void {
  stack.push(value);
  while (stack.length) {
    const e = stack.pop() as Expr;
    if (e.kind === 'binary') {
      if (e.op === '@') found.add(text.slice(e.left.from, e.left.to));
      stack.push(e.left, e.right);
    } else if (e.kind === 'call') {
      if (e.callee.kind === 'name' && e.callee.parts[e.callee.parts.length - 1] === 'dot' && e.args[0]) found.add(text.slice(e.args[0].from, e.args[0].to));
      for (const a of e.args) stack.push(a);
    } else if (e.kind === 'other') for (const c of e.children) stack.push(c);
  }
}

/** Framework of a value placed somewhere: a torch Parameter, Keras set_weights, or plain NumPy. */
function frameworkForSite(site: Site): Framework {
  if (site.wrapper?.startsWith('torch')) return 'pytorch';
  if (site.wrapper?.startsWith('tensorflow')) return 'tensorflow';
  if (site.target?.endsWith('.kernel')) return 'keras';
  return 'numpy';
}

function constructor(info: CallInfo, site: Site, stmt: Statement, ctx: RuleContext): Candidate | undefined {
  const name = info.q?.slice('numpy.'.length) ?? '';
  if (!CONSTRUCTORS.has(name)) return undefined;
  const call = info.call;
  const like = name.endsWith('_like');
  const src = ctx.src;
  const shapeInfo = like ? undefined : readShape(arg(call, 0, 'shape'), src);
  const base = name.startsWith('zeros') ? 0 : name.startsWith('ones') ? 1 : name.startsWith('full') ? numberOf(arg(call, 1, 'fill_value')) : undefined;
  const uninit = name.startsWith('empty');
  const value = uninit ? undefined : scaled(base, site);
  if (!uninit && base === undefined) return undefined;
  const target = site.target;
  const outFirst = target !== undefined && ctx.whole.isOutFirst(target);
  const dims = shapeInfo?.dims;
  const likeOf = like && call.args[0] ? src(call.args[0]) : undefined;
  const wd = weightDims(dims, !outFirst, '(', ')', likeOf);
  const shape = shapeInfo?.shape;
  const c: Candidate = {
    code: uninit ? 'VI005' : 'VI001',
    framework: frameworkForSite(site),
    kind: uninit ? 'uninitialized' : kindOf(value),
    node: call,
    stmt,
    target,
    weightKnown: !!site.wrapper,
    layerCall: site.layerCall,
  };
  if (value !== undefined) c.value = value;
  if (dims) c.dims = dims;
  if (shape) {
    c.shape = shape;
    if (shape.length === 2) {
      c.fanIn = outFirst ? shape[1] : shape[0];
      c.units = outFirst ? shape[0] : shape[1];
    }
  }
  if (wd) c.fix = numpyPlan(call, ctx.resolver, wd);
  return c;
}

/** A VI002 candidate (a function, not a closure in copiedRows: that would allocate a context on each of its calls). */
function copiedRowsCandidate(call: Expr, site: Site, stmt: Statement): Candidate {
  return { code: 'VI002', framework: 'numpy', kind: 'copiedRows', node: call, stmt, target: site.target, weightKnown: false };
}

function copiedRows(info: CallInfo, site: Site, stmt: Statement, ctx: RuleContext): Candidate | undefined {
  const call = info.call;
  switch (info.q) {
    case 'numpy.tile': {
      const reps = call.args[1];
      if (reps?.kind === 'seq' && reps.items.length === 2 && numberOf(reps.items[1]) === 1 && numberOf(reps.items[0]) !== 1) {
        const c = copiedRowsCandidate(call, site, stmt);
        c.dims = [ctx.src(reps.items[0]), '?'];
        return c;
      }
      return undefined;
    }
    case 'numpy.repeat': {
      const axis = arg(call, 2, 'axis');
      return call.args[0]?.kind === 'subscript' && numberOf(axis) === 0 ? copiedRowsCandidate(call, site, stmt) : undefined;
    }
    case 'numpy.broadcast_to': {
      const shape = arg(call, 1, 'shape');
      return shape?.kind === 'seq' && shape.items.length === 2 ? copiedRowsCandidate(call, site, stmt) : undefined;
    }
    case 'numpy.outer': {
      const first = call.args[0];
      const firstInfo = first ? callInfo(first, ctx) : undefined;
      return firstInfo?.q === 'numpy.ones' ? copiedRowsCandidate(call, site, stmt) : undefined;
    }
    default:
      return undefined;
  }
}

function degenerateDraw(info: CallInfo, site: Site, stmt: Statement, ctx: RuleContext): Candidate | undefined {
  const call = info.call;
  const isNp = info.q === 'numpy.random.normal' || info.q === 'numpy.random.uniform';
  const isRng = !info.q && info.receiver !== undefined && /rng|random|generator/i.test(info.receiver) && (info.method === 'normal' || info.method === 'uniform');
  if (!isNp && !isRng) return undefined;
  const method = info.method;
  let value: number | undefined;
  let sizeArg: Expr | undefined;
  if (method === 'normal') {
    const scale = arg(call, 1, 'scale');
    if (numberOf(scale) !== 0) return undefined;
    value = numberOf(arg(call, 0, 'loc')) ?? 0;
    sizeArg = arg(call, 2, 'size');
  } else {
    const low = numberOf(arg(call, 0, 'low'));
    const high = numberOf(arg(call, 1, 'high'));
    if (low === undefined || low !== high) return undefined;
    value = low;
    sizeArg = arg(call, 2, 'size');
  }
  const shapeInfo = readShape(sizeArg, ctx.src);
  const c: Candidate = { code: 'VI003', framework: 'numpy', kind: 'degenerateRandom', node: call, stmt, value: scaled(value, site), target: site.target, weightKnown: false };
  if (shapeInfo) {
    c.dims = shapeInfo.dims;
    if (shapeInfo.shape) c.shape = shapeInfo.shape;
    const wd = weightDims(shapeInfo.dims, true);
    if (wd) c.fix = numpyPlan(call, ctx.resolver, wd);
  }
  return c;
}

/** NumPy calls: constant constructors, tiled rows, degenerate draws. */
export const numpyCalls: ExprRule = (e, site, stmt, ctx) => {
  const info = callInfo(e, ctx);
  if (!info) return undefined;
  if (info.q?.startsWith('numpy.')) return constructor(info, site, stmt, ctx) ?? copiedRows(info, site, stmt, ctx) ?? degenerateDraw(info, site, stmt, ctx);
  return degenerateDraw(info, site, stmt, ctx);
};

/** Plain Python lists: `[w] * n` (copied rows) and `[[c] * n_in for _ in range(n_out)]` (constant). */
export const pythonLists: ExprRule = (e, site, stmt, ctx) => {
  if (!site.target) return undefined;
  if (e.kind === 'binary' && e.op === '*' && e.left.kind === 'seq' && e.left.list && e.left.items.length === 1) {
    const item = e.left.items[0];
    if (item.kind === 'name') return { code: 'VI002', framework: 'numpy', kind: 'copiedRows', node: e, stmt, target: site.target, weightKnown: false, dims: [ctx.src(e.right), '?'] };
    const inner = constantRow(item);
    if (inner) return { code: 'VI001', framework: 'numpy', kind: kindOf(inner.value), node: e, stmt, value: inner.value, target: site.target, weightKnown: false, dims: [ctx.src(e.right), ctx.src(inner.count)] };
  }
  if (e.kind === 'comprehension') {
    const inner = constantRow(e.element);
    if (inner) return { code: 'VI001', framework: 'numpy', kind: kindOf(inner.value), node: e, stmt, value: inner.value, target: site.target, weightKnown: false, dims: ['?', ctx.src(inner.count)] };
  }
  return undefined;
};

function constantRow(e: Expr): { value: number; count: Expr } | undefined {
  if (e.kind !== 'binary' || e.op !== '*' || e.left.kind !== 'seq' || e.left.items.length !== 1) return undefined;
  const v = numberOf(e.left.items[0]);
  return v === undefined ? undefined : { value: v, count: e.right };
}

function isTorchTarget(text: string): boolean {
  return /\.(weight|data)$/.test(text) || text.includes('.weight.');
}

/** `W[:] = c`, `W[...] = c` (constant) and `W *= 0` (degenerate) on a weight. */
export const fillStatements: StatementRule = (stmt, ctx) => {
  if (stmt.kind !== 'assign' || stmt.targets.length !== 1) return undefined;
  const t = stmt.targets[0];
  const value = numberOf(stmt.value);
  if (value === undefined) return undefined;
  const src = ctx.src;
  if (stmt.op === '=' && t.kind === 'subscript' && t.full) {
    const target = targetText(t.target, src) ?? src(t.target);
    return planned(stmt, ctx, target, 'VI001', kindOf(value), value);
  }
  if (stmt.op === '*=' && value === 0) {
    const target = targetText(t, src) ?? src(t);
    return planned(stmt, ctx, target, 'VI003', 'degenerateRandom', 0);
  }
  return undefined;
};

function planned(stmt: Statement, ctx: RuleContext, target: string, code: 'VI001' | 'VI003', kind: Candidate['kind'], value: number): Candidate {
  const torch = isTorchTarget(target);
  const tensor = target.replace(/\.data$/, '');
  const np = ctx.resolver.spell('numpy', 'np');
  const fix = torch
    ? torchInitPlan(stmt, ctx.resolver, tensor)
    : {
        span: stmt,
        kaiming: `${target}[...] = ${np}.random.default_rng().standard_normal(${target}.shape) * ${np}.sqrt(2.0 / ${target}.shape[0])`,
        xavier: `${target}[...] = ${np}.random.default_rng().uniform(-1.0, 1.0, ${target}.shape) * ${np}.sqrt(6.0 / sum(${target}.shape))`,
      };
  return { code, framework: torch ? 'pytorch' : 'numpy', kind, node: stmt, stmt, value, target: tensor, weightKnown: torch, fix };
}

/** `W.fill(c)` on a NumPy weight. */
export const numpyFill: StatementRule = (stmt, ctx) => {
  if (stmt.kind !== 'expr') return undefined;
  const info = callInfo(stmt.value, ctx);
  if (!info || info.method !== 'fill' || !info.receiver || info.q) return undefined;
  const value = numberOf(info.call.args[0]);
  if (value === undefined) return undefined;
  const c = planned(stmt, ctx, info.receiver, 'VI001', kindOf(value), value);
  return { ...c, node: info.call };
};

/** `np.random.seed(k)` (or `torch.manual_seed(k)`) with a constant inside a loop: every iteration, e.g. every unit's row, gets the same draw. */
export const reseedInLoop: StatementRule = (stmt, ctx) => {
  if (stmt.kind !== 'expr' || stmt.ctx.loopDepth === 0) return undefined;
  const info = callInfo(stmt.value, ctx);
  if (!info || (info.q !== 'numpy.random.seed' && info.q !== 'torch.manual_seed' && info.q !== 'random.seed')) return undefined;
  if (numberOf(info.call.args[0]) === undefined) return undefined;
  return {
    code: 'VI003',
    framework: info.q.startsWith('torch') ? 'pytorch' : 'numpy',
    kind: 'copiedRows',
    node: info.call,
    stmt,
    target: ctx.src(info.call),
    weightKnown: true,
    message: 'Re-seeding the generator with a constant inside a loop makes every iteration draw the same numbers: rows initialized in this loop are copies, so their units start identical.',
  };
};
